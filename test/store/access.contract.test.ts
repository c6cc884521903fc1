/**
 * Who reads what, and what the database itself refuses, on SQLite and on PostgreSQL alike (issue 13): read
 * scopes by role and stage (a Fachbereich sees its own Produktbereiche of an Anmeldung and nothing of other
 * departments), the Fachbereich's share of the audit trail, imports that cannot skip the statutory steps,
 * concurrent acceptances of one finding, totals beyond 2^53 cents, the guards of frozen versions, and staff
 * names hidden from anonymous readers.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeBudgets } from '../../src/core/merge.js';
import type { Budget, Column } from '../../src/core/model.js';
import { cellOf, planOf } from '../../src/core/model.js';
import { dependents } from '../../src/core/propagate.js';
import { generateBudget } from '../../src/generate/index.js';
import { importText } from '../../src/importers/text/index.js';
import { StoreError, type VersionInfo } from '../../src/store/api.js';
import { MAX_TOTAL } from '../../src/core/money.js';
import { KyselyStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR, type Actor, type ImportStage, type Stage } from '../../src/core/workflow.js';
import { REFERENCE } from '../paths.js';
import { readFileSync } from 'node:fs';
import { BACKENDS, cleanupStores, freshStore, rejects } from './backends.js';

const ANSATZ: Column = { kind: 'ansatz', year: 2026 };
const LESER: Actor = { id: 9001, name: 'leserin', role: 'leser', produktbereiche: [] };
const FB43: Actor = { id: 9002, name: 'fb43', role: 'fachbereich', produktbereiche: ['43'] };
const KAEMMEREI: Actor = { id: 9003, name: 'kaemmerin', role: 'kaemmerei', produktbereiche: [] };

function budgetOf(text: string, file: string): Budget {
  const r = importText(text, file);
  if (!r.ok) throw new Error(`${file} does not import`);
  return r.budget;
}

/** The reference (PB 43) and a generated budget (PB 01, 02, …) as one. */
function merged(products: number): Budget {
  const m = mergeBudgets([
    budgetOf(readFileSync(REFERENCE, 'utf8'), 'kreis-coesfeld-2026-pb43.txt'),
    budgetOf(generateBudget({ products, seed: 11 }), 'generiert.txt'),
  ]);
  if (!m.ok) throw new Error('merge failed');
  return m.budget;
}

const in43 = (code: string): boolean => code === '43' || code.startsWith('43.');

afterAll(cleanupStores);

describe.each(BACKENDS)('access and guards on %s', (backend) => {
  let store: KyselyStore;
  let budget: Budget;

  async function reach(stage: Stage, label: string, budgetId?: number): Promise<VersionInfo> {
    let v = await store.importBudget(SYSTEM_ACTOR, {
      budget,
      stage: stage === 'anmeldung' ? 'anmeldung' : 'entwurf',
      ...(budgetId === undefined ? { name: label } : { budgetId }),
      documents: [{ name: `${label}.txt`, mediaType: 'text/plain', bytes: Buffer.from(label) }],
    });
    while (v.stage !== stage) v = await store.advance(SYSTEM_ACTOR, v.id, `weiter: ${label}`);
    return v;
  }

  beforeAll(async () => {
    store = await freshStore(backend, `access_${backend}`);
    budget = merged(8);
  }, 120_000);
  afterAll(() => store.close());

  /**
   * A budget of the test's own with versions at the stages the tests need (by name), and a second budget with
   * nothing released.
   */
  async function setup(): Promise<ReadonlyMap<string, VersionInfo>> {
    const at = new Map<string, VersionInfo>();
    const anmeldung = await reach('anmeldung', 'Anmeldung');
    at.set('anmeldung', anmeldung);
    at.set('entwurf', await reach('entwurf', 'Entwurf', anmeldung.budgetId));
    const fb = await reach('entwurf', 'Entwurf für Fachbereiche', anmeldung.budgetId);
    await store.setVersionOptions(SYSTEM_ACTOR, fb.id, { fachbereichEdit: true });
    at.set('entwurf+fb', fb);
    at.set('bestaetigt', await reach('bestaetigt', 'Bestätigt', anmeldung.budgetId));
    // a budget of its own with nothing released: the Leser does not see it at all
    at.set('private', await reach('entwurf', 'Privat'));
    return at;
  }

  it('lists what each role may read: released versions for the Leser, its Anmeldungen for the Fachbereich', async () => {
    const at = await setup();
    const ids = async (actor: Actor | undefined) =>
      (await store.listVersions(actor, at.get('anmeldung')!.budgetId)).map((v) => v.id);
    const id = (k: string) => at.get(k)!.id;
    // the Kämmerei: every version of the budget (those named and the stages on the way to them)
    const every = await store.listVersions(SYSTEM_ACTOR, at.get('anmeldung')!.budgetId);
    expect(await ids(KAEMMEREI)).toEqual(every.map((v) => v.id));
    for (const k of ['anmeldung', 'entwurf', 'entwurf+fb', 'bestaetigt'])
      expect(every.map((v) => v.id)).toContain(id(k));
    const leser = await ids(LESER);
    expect(leser).toContain(id('bestaetigt'));
    expect(leser).not.toContain(id('anmeldung'));
    expect(leser).not.toContain(id('entwurf'));
    expect(leser).not.toContain(id('entwurf+fb'));
    const fb = await ids(FB43);
    for (const k of ['anmeldung', 'entwurf+fb', 'bestaetigt']) expect(fb).toContain(id(k));
    expect(fb).not.toContain(id('entwurf'));
    // exactly: every version each is offered is readable to it; every one it is not offered, is not
    for (const [actor, offered] of [
      [LESER, leser],
      [FB43, fb],
    ] as const) {
      for (const v of every) {
        const readable = await store.getVersion(actor, v.id).then(
          () => true,
          () => false,
        );
        expect(readable, `${actor.role}: ${v.label} (${v.stage})`).toBe(offered.includes(v.id));
      }
    }
    await rejects(store.getVersion(LESER, id('entwurf')), 'forbidden');
    await rejects(store.getVersion(undefined, id('entwurf')), 'unauthenticated');
    // a budget without a released version is not listed, and not readable by id
    expect((await store.listBudgets(LESER)).map((b) => b.id)).not.toContain(at.get('private')!.budgetId);
    await rejects(store.getBudget(LESER, at.get('private')!.budgetId), 'forbidden');
    await rejects(store.listVersions(undefined, at.get('private')!.budgetId), 'unauthenticated');
  });

  it("shows a Fachbereich its own Produktbereiche of an Anmeldung and nothing of the others'", async () => {
    const at = await setup();
    const v = at.get('anmeldung')!.id;
    const nodes = await store.listNodes(FB43, v);
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.every((n) => in43(n.code))).toBe(true);
    const loaded = await store.loadBudget(FB43, v);
    expect(loaded.nodes.map((n) => n.code)).toEqual(nodes.map((n) => n.code));
    expect(loaded.notes.every((n) => n.node !== undefined && in43(n.node))).toBe(true);
    const other = (await store.listNodes(SYSTEM_ACTOR, v)).find(
      (n) => !in43(n.code) && n.level === 'produkt',
    )!;
    await rejects(store.getNode(FB43, v, other.code), 'not-found');
    await rejects(store.findings(FB43, v, { node: other.code }), 'not-found');
    const findings = await store.findings(FB43, v);
    const all = await store.findings(SYSTEM_ACTOR, v);
    expect(all.open.some((f) => f.node !== undefined && !in43(f.node))).toBe(true);
    expect(findings.open.length).toBeGreaterThan(0);
    expect(findings.open.every((f) => f.node !== undefined && in43(f.node))).toBe(true);
    // documents are whole files: not for a reader of some Produktbereiche
    await rejects(store.listDocuments(FB43, v), 'forbidden');
    await rejects(store.readDocument(FB43, v, 'Anmeldung.txt'), 'forbidden');
    // the Veränderungsnachweis between its Anmeldung and the Entwurf opened to it: its nodes only
    const diff = await store.diff(FB43, v, at.get('entwurf+fb')!.id);
    expect(diff.cells.every((c) => in43(c.node))).toBe(true);
    expect(diff.texts.every(in43)).toBe(true);
  });

  it("an edit answers a Fachbereich with its own totals only, and its audit trail holds its own Produktbereiche' edits only", async () => {
    const at = await setup();
    // the Entwurf opened to the Fachbereiche (in the Anmeldung they request figures, not edit them)
    const v = at.get('entwurf+fb')!.id;
    const editOf = async (node: string, amount: number, actor: Actor) => {
      const detail = await store.getNode(SYSTEM_ACTOR, v, node);
      return store.editCell(actor, v, {
        node,
        plan: 'teilergebnisplan',
        line: '13',
        column: ANSATZ,
        amount,
        rev: detail.cellRevs['teilergebnisplan|13|ansatz:2026'] ?? 0,
        reason: 'Anmeldung',
      });
    };
    const mine = await editOf('43.01', -123_400, FB43);
    expect(mine.changed.map((c) => c.node)).toContain('43');
    expect(mine.changed.every((c) => in43(c.node))).toBe(true);
    const theirs = (await store.listNodes(SYSTEM_ACTOR, v)).find(
      (n) => n.level === 'produkt' && !in43(n.code),
    )!.code;
    await editOf(theirs, -777_700, KAEMMEREI);
    const trail = await store.audit(FB43, {});
    expect(trail.length).toBeGreaterThan(0);
    expect(trail.every((e) => (e.action === 'cell' || e.action === 'erlaeuterung') && in43(e.target))).toBe(
      true,
    );
    expect(trail.some((e) => e.target.startsWith('43.01|'))).toBe(true);
    const everything = await store.audit(KAEMMEREI, {});
    expect(everything.some((e) => e.target.startsWith(`${theirs}|`))).toBe(true);
    expect(everything.some((e) => e.action === 'import')).toBe(true);
    await rejects(store.audit(LESER, {}), 'forbidden');
    // Einwendungen carry citizens' names: for the Kämmerei only
    await rejects(store.listEinwendungen(FB43, at.get('bestaetigt')!.id), 'forbidden');
    await rejects(store.listEinwendungen(LESER, at.get('bestaetigt')!.id), 'forbidden');
    expect(await store.listEinwendungen(KAEMMEREI, at.get('bestaetigt')!.id)).toEqual([]);
  });

  it('imports as Anmeldung or Entwurf only: a Beschluss is reached by the statutory steps', async () => {
    const at = await setup();
    const count = async () => (await store.listVersions(SYSTEM_ACTOR, at.get('anmeldung')!.budgetId)).length;
    const before = await count();
    for (const stage of ['beschluss', 'bekanntgemacht', 'ausgelegt', 'ergebnis'] as const) {
      // as an untyped caller would send it: the store checks at run time too
      const asked = stage as unknown as ImportStage;
      const err = await rejects(
        store.importBudget(SYSTEM_ACTOR, { budget, budgetId: at.get('anmeldung')!.budgetId, stage: asked }),
        'invalid',
      );
      expect(err.message).toMatch(/Verfahrensschritte/);
    }
    expect(await count()).toBe(before);
  });

  it('accepts one finding once however many ask at once: one entry, the others a conflict', async () => {
    const at = await setup();
    const v = at.get('bestaetigt')!;
    const { open } = await store.findings(SYSTEM_ACTOR, v.id);
    const key = open[0]!.key;
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => store.acceptFinding(KAEMMEREI, v.budgetId, key, `Grund ${i}`)),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(11);
    for (const e of refused) {
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).code).toBe('conflict');
    }
    const entries = (await store.audit(KAEMMEREI, { budgetId: v.budgetId })).filter(
      (e) => e.action === 'finding-accept' && e.target === key,
    );
    expect(entries).toHaveLength(1);
    // every version of the budget moves on its findings revision, so cached views are replaced
    expect((await store.getVersion(SYSTEM_ACTOR, v.id)).findingsRevision).toBe(v.findingsRevision + 1);
    expect((await store.getVersion(SYSTEM_ACTOR, at.get('anmeldung')!.id)).findingsRevision).toBe(
      v.findingsRevision + 1,
    );
  });

  it('keeps totals exact up to 2^53 cents and refuses an edit that would carry one beyond', async () => {
    // a budget kept to the cent (its plans printed with cents): a whole-euro plan would refuse the odd cents
    // this needs (entry-rules.ts)
    const generated = budgetOf(generateBudget({ products: 20, seed: 11 }), 'gross.txt');
    const v = await store.importBudget(SYSTEM_ACTOR, {
      budget: {
        ...generated,
        nodes: generated.nodes.map((n) => ({
          ...n,
          plans: n.plans.map((p) => ({
            ...p,
            lines: p.lines.map((l) => ({
              ...l,
              cells: l.cells.map((c) => ({ ...c, decimals: 2 as const })),
            })),
          })),
        })),
      },
      name: 'Große Zahlen',
    });
    const structure = await store.loadBudget(SYSTEM_ACTOR, v.id);
    const products = structure.nodes.filter((n) => n.level === 'produkt' && planOf(n, 'teilergebnisplan'));
    // the products of the Produktbereich that has most: their line 13 sums into one total
    const count = (pb: string) => products.filter((n) => n.code.startsWith(`${pb}.`)).length;
    const pb = [...new Set(products.map((n) => n.code.split('.')[0]!))].sort(
      (a, b) => count(b) - count(a),
    )[0]!;
    const ours = products.filter((n) => n.code.startsWith(`${pb}.`));
    expect(ours.length).toBeGreaterThanOrEqual(10);
    const big = -(1e15 - 1); // the largest amount one cell takes (odd: a double's rounding would show)
    const total = async () => {
      const b = await store.loadBudget(SYSTEM_ACTOR, v.id);
      const line = planOf(
        b.nodes.find((n) => n.code === pb)!,
        'teilergebnisplan',
      )!.lines.find((l) => l.line === '13')!;
      return cellOf(line, ANSATZ)!.amount;
    };
    const rev = async (node: string) =>
      (await store.getNode(SYSTEM_ACTOR, v.id, node)).cellRevs['teilergebnisplan|13|ansatz:2026'] ?? 0;
    const amountOf = async (node: string) => {
      const n = (await store.getNode(SYSTEM_ACTOR, v.id, node)).node;
      return cellOf(
        planOf(n, 'teilergebnisplan')!.lines.find((l) => l.line === '13')!,
        ANSATZ,
      )!.amount;
    };
    let expected = BigInt(await total());
    let refusedAt = -1;
    for (let i = 0; i < ours.length && i < 12; i++) {
      const node = ours[i]!.code;
      const old = await amountOf(node);
      const next = expected + BigInt(big - old);
      const edit = store.editCell(SYSTEM_ACTOR, v.id, {
        node,
        plan: 'teilergebnisplan',
        line: '13',
        column: ANSATZ,
        amount: big,
        rev: await rev(node),
        reason: 'Grenzwert',
      });
      if (next < -BigInt(MAX_TOTAL)) {
        const err = await rejects(edit, 'invalid');
        expect(err.message).toMatch(/nicht exakt/);
        expect(await amountOf(node)).toBe(old); // nothing of the refused edit was written
        refusedAt = i;
        break;
      }
      await edit;
      expected = next;
      expect(BigInt(await total())).toBe(expected);
    }
    // the generated budget has enough products in one Produktbereich to reach the limit
    expect(refusedAt).toBeGreaterThan(0);
    expect(BigInt(await total())).toBe(expected);
    // every total of the edited cells' dependents is still a safe integer
    const b = await store.loadBudget(SYSTEM_ACTOR, v.id);
    for (const d of dependents(b, { node: ours[0]!.code, plan: 'teilergebnisplan', line: '13' })) {
      const node = b.nodes.find((n) => n.code === d.node)!;
      const line = planOf(node, d.plan)?.lines.find((l) => l.line === d.line);
      const amount = line ? cellOf(line, ANSATZ)?.amount : undefined;
      if (amount !== undefined) expect(Number.isSafeInteger(amount)).toBe(true);
    }
  });

  it('refuses new content, unfreezing, reopening and deleting of a frozen version in the database itself', async () => {
    const beschluss = await reach('beschluss', 'Beschluss');
    expect(beschluss.frozen).toBe(true);
    const refused = async (statement: ReturnType<typeof sql>) => {
      const err = await statement.execute(store.db).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, statement.compile(store.db).sql).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(/eingefroren|wieder geöffnet/);
    };
    const id = beschluss.id;
    await refused(sql`INSERT INTO cell (version_id, node, plan, line, kind, year, amount, decimals, source, rev)
      VALUES (${id}, '43.01', 'teilergebnisplan', '99', 'ansatz', 2026, 100, 0, NULL, 0)`);
    await refused(sql`INSERT INTO node (version_id, code, ord, level, name, parent, doc, rev)
      VALUES (${id}, '99', 999, 'produktbereich', 'Untergeschoben', NULL, '{}', 0)`);
    await refused(sql`INSERT INTO document (budget_id, version_id, name, media_type, size, sha256, created_at, created_by)
      VALUES (${beschluss.budgetId}, ${id}, 'nachgereicht.pdf', 'application/pdf', 1, 'x', 'now', 'x')`);
    await refused(sql`UPDATE version SET frozen = 0 WHERE id = ${id}`);
    await refused(sql`UPDATE version SET stage = 'entwurf' WHERE id = ${id}`);
    await refused(sql`DELETE FROM version WHERE id = ${id}`);
    // the Entwurf it came from is closed: never reopened
    const closed = (await store.listVersions(SYSTEM_ACTOR, beschluss.budgetId)).find(
      (x) => x.closed && x.stage === 'veraenderungsliste',
    )!;
    await refused(sql`UPDATE version SET closed = 0 WHERE id = ${closed.id}`);
    // still allowed: publishing it, and basing a Nachtrag on it
    await store.setVersionOptions(SYSTEM_ACTOR, id, { publicRead: true });
    const nachtrag = await store.derive(SYSTEM_ACTOR, id, 'nachtrag', 'Nachtrag');
    expect(nachtrag).toMatchObject({ stage: 'entwurf', frozen: false, basedOn: id });
    // the Beschluss's documents are those of its line, unchanged by later imports
    const docs = (await store.listDocuments(SYSTEM_ACTOR, id)).map((d) => d.name);
    expect(docs).toEqual(['Beschluss.txt']);
  });

  it('shows anonymous readers no staff names', async () => {
    const v = await reach('bestaetigt', 'Namen');
    const { open } = await store.findings(SYSTEM_ACTOR, v.id);
    await store.acceptFinding(KAEMMEREI, v.budgetId, open[0]!.key, 'Bekannt');
    await store.setVersionOptions(SYSTEM_ACTOR, v.id, { publicRead: true });
    const budgetInfo = (await store.listBudgets(undefined)).find((b) => b.id === v.budgetId)!;
    expect(budgetInfo.createdBy).toBeNull();
    expect((await store.getBudget(undefined, v.budgetId)).createdBy).toBeNull();
    const versions = await store.listVersions(undefined, v.budgetId);
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.every((x) => x.createdBy === null)).toBe(true);
    expect((await store.getVersion(undefined, v.id)).createdBy).toBeNull();
    const docs = await store.listDocuments(undefined, v.id);
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.createdBy === null)).toBe(true);
    const findings = await store.findings(undefined, v.id);
    expect(findings.accepted.length).toBeGreaterThan(0);
    expect(findings.accepted.every((f) => f.acceptance.acceptedBy === null)).toBe(true);
    // signed-in readers see them
    expect((await store.getVersion(LESER, v.id)).createdBy).toBe('system');
    expect((await store.findings(LESER, v.id)).accepted[0]!.acceptance.acceptedBy).toBe(KAEMMEREI.name);
  });
});
