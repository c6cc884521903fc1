/**
 * The store's contract, run on SQLite and on PostgreSQL alike: import, read back exactly, edit with
 * propagation and revisions, the version way with its rights, findings ledger, diff, audit trail guards,
 * users and sessions, backup and restore.
 */
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/core/check/index.js';
import type { Budget, Column } from '../../src/core/model.js';
import { cellOf, columnKey, planOf } from '../../src/core/model.js';
import { toTidyCsv } from '../../src/exporters/tidy-csv.js';
import { generateBudget } from '../../src/generate/index.js';
import { importText } from '../../src/importers/text/index.js';
import { StoreError, type StoredCell } from '../../src/store/api.js';
import { DOCUMENT_CHUNK, bytesOf } from '../../src/store/documents.js';
import { openDatabase } from '../../src/store/db.js';
import { migrations, migrator } from '../../src/store/migrations.js';
import { hashPassword } from '../../src/store/passwords.js';
import { KyselyStore, findingKey, openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR, type Actor, type Role } from '../../src/core/workflow.js';
import { REFERENCE } from '../paths.js';
import { teurBudget } from '../thousands-fixture.js';
import { BACKENDS, TEST_DATABASE_URL, cleanupStores, freshStore, rejects } from './backends.js';

function reference(): Budget {
  const r = importText(readFileSync(REFERENCE, 'utf8'), 'kreis-coesfeld-2026-pb43.txt');
  if (!r.ok) throw new Error('reference import failed');
  return r.budget;
}

function generated(products: number): Budget {
  const r = importText(generateBudget({ products, seed: 7 }), 'generiert.txt');
  if (!r.ok) throw new Error('generated import failed');
  return r.budget;
}

const ANSATZ: Column = { kind: 'ansatz', year: 2026 };

function amountOf(budget: Budget, node: string, line: string, column: Column = ANSATZ): number | undefined {
  const n = budget.nodes.find((x) => x.code === node);
  const l = n && planOf(n, 'teilergebnisplan')?.lines.find((x) => x.line === line);
  return l ? cellOf(l, column)?.amount : undefined;
}

afterAll(cleanupStores);

/**
 * A database of `backend` migrated up to the migration before `migration` (SQLite in a temporary file, PostgreSQL
 * in the fresh schema `schema`): how a store looked before that migration, to test what it does to old rows.
 */
async function databaseBefore(
  backend: (typeof BACKENDS)[number],
  migration: string,
  schemaName: string,
): Promise<{ old: Awaited<ReturnType<typeof openDatabase>>; url: string; schema: string | undefined }> {
  const names = Object.keys(migrations(backend));
  const before = names[names.indexOf(migration) - 1]!;
  let url: string;
  let schema: string | undefined;
  if (backend === 'sqlite') {
    url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'haushalt-migration-')), 'alt.sqlite')}`;
  } else {
    url = TEST_DATABASE_URL;
    schema = schemaName;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  }
  const old = await openDatabase({ url, ...(schema ? { schema } : {}) });
  const { error } = await migrator(old.db as unknown as Kysely<unknown>, backend, schema).migrateTo(before);
  expect(error).toBeUndefined();
  return { old, url, schema };
}

/** Every cell whose amount differs between two loads of a version, as `node/plan/line/kind:year`, sorted. */
function movedCells(before: Budget, after: Budget): string[] {
  const amounts = (b: Budget) =>
    new Map(
      b.nodes.flatMap((n) =>
        n.plans.flatMap((p) =>
          p.lines.flatMap((l) =>
            l.cells.map((c) => [`${n.code}/${p.type}/${l.line}/${columnKey(c.column)}`, c.amount] as const),
          ),
        ),
      ),
    );
  const later = amounts(after);
  return [...amounts(before)]
    .filter(([key, amount]) => later.get(key) !== amount)
    .map(([key]) => key)
    .sort();
}

describe.each(BACKENDS)('store on %s', (backend) => {
  let store: KyselyStore;
  let ref: Budget;
  const referenceBytes = readFileSync(REFERENCE);
  const referenceDocument = {
    name: 'kreis-coesfeld-2026-pb43.txt',
    mediaType: 'text/plain; charset=utf-8',
    bytes: referenceBytes,
  };

  beforeAll(async () => {
    store = await freshStore(backend, `contract_${backend}`);
    ref = reference();
  }, 60_000);

  /** The reference budget imported anew with its document: each test has a budget and version of its own. */
  async function imported(): Promise<{ versionId: number; budgetId: number }> {
    const v = await store.importBudget(SYSTEM_ACTOR, {
      budget: ref,
      name: 'Kreis Coesfeld 2026',
      documents: [referenceDocument],
    });
    return { versionId: v.id, budgetId: v.budgetId };
  }
  afterAll(() => store.close());

  it('gives back exactly what was imported', async () => {
    const { versionId } = await imported();
    const loaded = await store.loadBudget(SYSTEM_ACTOR, versionId);
    expect(toTidyCsv(loaded)).toBe(toTidyCsv(ref));
    expect(loaded.nodes.map((n) => n.code)).toEqual(ref.nodes.map((n) => n.code));
    expect(loaded.nodes.find((n) => n.code === '43.01')?.erlaeuterungen).toEqual(
      ref.nodes.find((n) => n.code === '43.01')?.erlaeuterungen,
    );
    const v = await store.getVersion(SYSTEM_ACTOR, versionId);
    expect(v).toMatchObject({ stage: 'entwurf', kind: 'haushalt', closed: false, frozen: false });
    const audit = await store.audit(SYSTEM_ACTOR, { versionId });
    expect(audit.map((a) => a.action)).toEqual(['import']);
  });

  it('edits a cell and moves every total above it by the same amount', async () => {
    const { versionId } = await imported();
    const before = await store.loadBudget(SYSTEM_ACTOR, versionId);
    const node = await store.getNode(SYSTEM_ACTOR, versionId, '43.01');
    const old = amountOf(before, '43.01', '13') as number;
    const rev = node.cellRevs['teilergebnisplan|13|ansatz:2026'] as number;
    const result = await store.editCell(SYSTEM_ACTOR, versionId, {
      node: '43.01',
      plan: 'teilergebnisplan',
      line: '13',
      column: ANSATZ,
      amount: old - 100_000,
      rev,
      reason: 'Mehrbedarf Dolmetscher',
    });
    const after = await store.loadBudget(SYSTEM_ACTOR, versionId);
    // 43.01: line 13 and its totals 17, 18, 22, 26, 29, 31; PB 43 the same lines
    for (const [code, line] of [
      ['43.01', '13'],
      ['43.01', '17'],
      ['43.01', '18'],
      ['43.01', '29'],
      ['43.01', '31'],
      ['43', '13'],
      ['43', '17'],
      ['43', '29'],
    ] as const) {
      expect(amountOf(after, code, line), `${code} Zeile ${line}`).toBe(
        (amountOf(before, code, line) as number) - 100_000,
      );
    }
    expect(amountOf(after, '43.01', '10')).toBe(amountOf(before, '43.01', '10'));
    expect(amountOf(after, '43.03', '13')).toBe(amountOf(before, '43.03', '13'));
    expect(result.jahresergebnisEffect).toBe(-100_000);
    // exactly the cells whose amounts moved, the edited one included
    expect(result.changed.map((c) => `${c.node}/${c.plan}/${c.line}/${columnKey(c.column)}`).sort()).toEqual(
      movedCells(before, after),
    );
    const audit = await store.audit(SYSTEM_ACTOR, { versionId });
    expect(audit.at(-1)).toMatchObject({
      action: 'cell',
      target: '43.01|teilergebnisplan|13|ansatz:2026',
      old: { amount: old },
      new: { amount: old - 100_000 },
      reason: 'Mehrbedarf Dolmetscher',
      effect: -100_000,
      actor: 'system',
    });
  });

  it('rechecks after an edit exactly what a full check of the edited version finds', async () => {
    const { versionId } = await imported();
    const keysOf = (fs: readonly { key: string }[]) => fs.map((f) => f.key);
    const before = await store.findings(SYSTEM_ACTOR, versionId); // checked: the edit below rechecks
    const budget = await store.loadBudget(SYSTEM_ACTOR, versionId);
    const node = await store.getNode(SYSTEM_ACTOR, versionId, '43.01');
    // line 13 far below its Erläuterung items: a new warning at 43.01
    await store.editCell(SYSTEM_ACTOR, versionId, {
      node: '43.01',
      plan: 'teilergebnisplan',
      line: '13',
      column: ANSATZ,
      amount: -100,
      rev: node.cellRevs['teilergebnisplan|13|ansatz:2026'] as number,
      reason: 'Prüfung der Befunde nach einer Änderung',
    });
    const after = await store.findings(SYSTEM_ACTOR, versionId);
    const edited = await store.loadBudget(SYSTEM_ACTOR, versionId);
    expect(edited).not.toBe(budget);
    expect(keysOf(after.open)).toEqual(check(edited).map(findingKey));
    expect(keysOf(after.open)).not.toEqual(keysOf(before.open));
    const at4301 = await store.findings(SYSTEM_ACTOR, versionId, { node: '43.01' });
    expect(at4301.open.some((f) => f.rule === 'erlaeuterung-items' && f.line === '13')).toBe(true);
  });

  it('rechecks edits in a row together when the findings are next asked for, as a full check finds', async () => {
    const { versionId } = await imported();
    const keysOf = (fs: readonly { key: string }[]) => fs.map((f) => f.key);
    await store.findings(SYSTEM_ACTOR, versionId); // checked: the edits below are rechecked when asked
    const nodes = (await store.listNodes(SYSTEM_ACTOR, versionId)).filter((n) => n.level === 'produkt');
    expect(nodes.length).toBeGreaterThan(1);
    for (const [i, n] of nodes.slice(0, 2).entries()) {
      const detail = await store.getNode(SYSTEM_ACTOR, versionId, n.code);
      const key = Object.keys(detail.cellRevs).find((k) => k.startsWith('teilergebnisplan|13|ansatz:'));
      if (!key) continue;
      await store.editCell(SYSTEM_ACTOR, versionId, {
        node: n.code,
        plan: 'teilergebnisplan',
        line: '13',
        column: ANSATZ,
        amount: -(i + 1) * 1_000_000_00,
        rev: detail.cellRevs[key] as number,
        reason: 'Zwei Änderungen nacheinander',
      });
      // one node's findings meanwhile: from that node alone, as a full check finds them there
      const mine = await store.findings(SYSTEM_ACTOR, versionId, { node: n.code });
      const whole = check(await store.loadBudget(SYSTEM_ACTOR, versionId)).filter((f) => f.node === n.code);
      expect(keysOf(mine.open)).toEqual(whole.map(findingKey));
    }
    const after = await store.findings(SYSTEM_ACTOR, versionId);
    expect(keysOf(after.open)).toEqual(
      check(await store.loadBudget(SYSTEM_ACTOR, versionId)).map(findingKey),
    );
  });

  it('answers a stale edit with a conflict and the current value, and changes nothing', async () => {
    const { versionId } = await imported();
    const node = await store.getNode(SYSTEM_ACTOR, versionId, '43.01');
    const rev = node.cellRevs['teilergebnisplan|12|ansatz:2026'] as number;
    const edit = {
      node: '43.01',
      plan: 'teilergebnisplan' as const,
      line: '12',
      column: ANSATZ,
      amount: -123_400,
      rev,
      reason: 'erste Änderung',
    };
    await store.editCell(SYSTEM_ACTOR, versionId, edit);
    const err = await rejects(
      store.editCell(SYSTEM_ACTOR, versionId, { ...edit, amount: -999_900 }),
      'conflict',
    );
    expect(err.current).toMatchObject({ amount: -123_400, rev: rev + 1 });
    expect(amountOf(await store.loadBudget(SYSTEM_ACTOR, versionId), '43.01', '12')).toBe(-123_400);
    // what this store patched into its cache after the edits is what the database holds
    const fresh = new KyselyStore(store.opened);
    expect(toTidyCsv(await fresh.loadBudget(SYSTEM_ACTOR, versionId))).toBe(
      toTidyCsv(await store.loadBudget(SYSTEM_ACTOR, versionId)),
    );
  });

  it('refuses totals, derived parents, unknown columns and Ist columns in a plan version', async () => {
    const { versionId } = await imported();
    const base = { plan: 'teilergebnisplan' as const, column: ANSATZ, amount: 0, rev: 0, reason: 'x' };
    await rejects(store.editCell(SYSTEM_ACTOR, versionId, { ...base, node: '43.01', line: '17' }), 'invalid');
    await rejects(store.editCell(SYSTEM_ACTOR, versionId, { ...base, node: '43', line: '13' }), 'invalid');
    await rejects(
      store.editCell(SYSTEM_ACTOR, versionId, {
        ...base,
        node: '43.01',
        line: '13',
        column: { kind: 'ansatz', year: 1999 },
      }),
      'invalid',
    );
    await rejects(
      store.editCell(SYSTEM_ACTOR, versionId, {
        ...base,
        node: '43.01',
        line: '13',
        column: { kind: 'ergebnis', year: 2024 },
      }),
      'invalid',
    );
    await rejects(store.editCell(SYSTEM_ACTOR, versionId, { ...base, node: '99', line: '13' }), 'not-found');
    await rejects(
      store.editCell(SYSTEM_ACTOR, versionId, { ...base, node: '43.01', line: '13', amount: 0.5 }),
      'invalid',
    );
  });

  it('edits an Erläuterung item with its revision and keeps hostile text as text', async () => {
    const { versionId } = await imported();
    const node = await store.getNode(SYSTEM_ACTOR, versionId, '43.01');
    const index = node.node.erlaeuterungen.findIndex((e) => e.items.length > 0);
    const text = "<script>alert(1)</script>'); DROP TABLE cell; --";
    const detail = await store.editErlaeuterung(SYSTEM_ACTOR, versionId, {
      node: '43.01',
      erlaeuterung: index,
      item: 0,
      text,
      amount: 500_000,
      rev: node.rev,
      reason: 'Text präzisiert',
    });
    expect(detail.rev).toBe(node.rev + 1);
    expect(detail.node.erlaeuterungen[index]?.items[0]).toMatchObject({ text, amount: 500_000 });
    await rejects(
      store.editErlaeuterung(SYSTEM_ACTOR, versionId, {
        node: '43.01',
        erlaeuterung: index,
        item: 0,
        text: 'veraltet',
        rev: node.rev,
        reason: 'x',
      }),
      'conflict',
    );
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM cell`.execute(store.db);
    expect(Number(count.rows[0]?.n)).toBeGreaterThan(0);
  });

  it('goes the way of a budget; each stage a new version, the Beschluss frozen in the database too', async () => {
    const { versionId, budgetId } = await imported();
    const kaemmerei: Actor = { id: null, name: 'kämmerer', role: 'kaemmerei', produktbereiche: [] };
    let v = await store.getVersion(SYSTEM_ACTOR, versionId);
    const seen: string[] = [v.stage];
    while (v.stage !== 'beschluss') {
      v = await store.advance(kaemmerei, v.id, `weiter nach ${v.stage}`);
      seen.push(v.stage);
    }
    expect(seen).toEqual(['entwurf', 'bestaetigt', 'ausgelegt', 'veraenderungsliste', 'beschluss']);
    expect(v.frozen).toBe(true);
    expect((await store.getVersion(SYSTEM_ACTOR, versionId)).closed).toBe(true);
    // public from the display of the Entwurf on (Entwurf and Bestätigung stay internal)
    const versions = await store.listVersions(undefined, budgetId);
    expect(versions.map((x) => x.stage)).toEqual(['ausgelegt', 'veraenderungsliste', 'beschluss']);
    // edits of a closed or frozen version are refused, by the store and by the database itself
    await rejects(
      store.editCell(SYSTEM_ACTOR, v.id, {
        node: '43.01',
        plan: 'teilergebnisplan',
        line: '13',
        column: ANSATZ,
        amount: 1,
        rev: 0,
        reason: 'x',
      }),
      'frozen',
    );
    await rejects(store.advance(kaemmerei, versionId, 'nochmal'), 'frozen');
    await expect(
      sql`UPDATE cell SET amount = 0 WHERE version_id = ${v.id}`.execute(store.db),
    ).rejects.toThrow(/eingefroren/);
    await expect(sql`DELETE FROM node WHERE version_id = ${v.id}`.execute(store.db)).rejects.toThrow(
      /eingefroren/,
    );
    await expect(sql`UPDATE audit SET reason = 'x'`.execute(store.db)).rejects.toThrow(/Änderungsprotokoll/);
    await expect(sql`DELETE FROM audit`.execute(store.db)).rejects.toThrow(/Änderungsprotokoll/);
    // a Nachtrag on the Beschluss is an editable Entwurf again
    const nachtrag = await store.derive(kaemmerei, v.id, 'nachtrag', 'Nachtragshaushalt');
    expect(nachtrag).toMatchObject({ kind: 'nachtrag', stage: 'entwurf', basedOn: v.id, frozen: false });
    const diff0 = await store.diff(SYSTEM_ACTOR, v.id, nachtrag.id);
    expect(diff0.cells).toEqual([]);
    const n = await store.getNode(SYSTEM_ACTOR, nachtrag.id, '43.03');
    const line = planOf(n.node, 'teilergebnisplan')?.lines.find((l) => l.line === '11');
    const old = line && cellOf(line, ANSATZ);
    await store.editCell(kaemmerei, nachtrag.id, {
      node: '43.03',
      plan: 'teilergebnisplan',
      line: '11',
      column: ANSATZ,
      amount: (old?.amount ?? 0) - 250_000,
      rev: n.cellRevs['teilergebnisplan|11|ansatz:2026'] ?? 0,
      reason: 'Stellenmehrbedarf',
    });
    const diff = await store.diff(SYSTEM_ACTOR, v.id, nachtrag.id);
    expect(diff.cells.find((c) => c.node === '43.03' && c.line === '11')).toMatchObject({
      from: old?.amount,
      to: (old?.amount ?? 0) - 250_000,
    });
    expect(diff.cells.some((c) => c.node === '43' && c.line === '29')).toBe(true);
    expect(diff.jahresergebnis).toEqual([{ column: ANSATZ, delta: -250_000 }]);
  });

  it('keeps accepted findings apart and reports stale acceptances', async () => {
    const { versionId, budgetId } = await imported();
    const f = await store.findings(SYSTEM_ACTOR, versionId);
    const keys = (list: readonly { key: string }[]) => list.map((x) => x.key);
    // a budget of its own: nothing accepted yet, every finding of the check open
    expect(keys(f.open)).toEqual(check(ref).map(findingKey));
    expect(f.accepted).toEqual([]);
    const first = f.open[0]!;
    const accepted = await store.acceptFinding(
      SYSTEM_ACTOR,
      budgetId,
      first.key,
      'Rundungsdifferenz im Druck',
    );
    await store.acceptFinding(
      SYSTEM_ACTOR,
      budgetId,
      'schema-formula|99|teilergebnisplan|10|ansatz:2026',
      'alt',
    );
    const g = await store.findings(SYSTEM_ACTOR, versionId);
    expect(keys(g.accepted)).toEqual([first.key]);
    expect(g.accepted.find((a) => a.key === first.key)?.acceptance).toMatchObject({
      reason: 'Rundungsdifferenz im Druck',
      acceptedBy: 'system',
      id: accepted.id,
    });
    expect(keys(g.open)).toEqual(keys(f.open).filter((k) => k !== first.key));
    expect(g.stale.map((s) => s.key)).toEqual(['schema-formula|99|teilergebnisplan|10|ansatz:2026']);
    await rejects(store.acceptFinding(SYSTEM_ACTOR, budgetId, first.key, 'doppelt'), 'conflict');
  });

  it('lets a Fachbereich edit only its Produktbereiche, in Anmeldungen and where the Kämmerei allows', async () => {
    const gen = generated(12);
    const tops = gen.nodes.filter((n) => n.parent === undefined).map((n) => n.code);
    expect(tops.length).toBeGreaterThan(1);
    const leaf = (top: string): string =>
      gen.nodes.find(
        (n) =>
          (n.code === top || n.code.startsWith(`${top}.`)) &&
          planOf(n, 'teilergebnisplan') &&
          !gen.nodes.some((c) => c.parent === n.code && planOf(c, 'teilergebnisplan')),
      )!.code;
    const mine = leaf(tops[0]!);
    const other = leaf(tops[1]!);
    const fb: Actor = { id: null, name: 'fb', role: 'fachbereich', produktbereiche: [tops[0]!] };
    const leser: Actor = { id: null, name: 'leser', role: 'leser', produktbereiche: [] };
    const entwurf = await store.importBudget(SYSTEM_ACTOR, { budget: gen, name: 'Generiert' });
    const edit = (node: string, amount: number, rev = 0) => ({
      node,
      plan: 'teilergebnisplan' as const,
      line: '13',
      column: ANSATZ,
      amount,
      rev,
      reason: 'Anmeldung',
    });
    const revOf = async (vid: number, node: string): Promise<number> =>
      (await store.getNode(SYSTEM_ACTOR, vid, node)).cellRevs['teilergebnisplan|13|ansatz:2026'] ?? 0;
    await rejects(
      store.editCell(fb, entwurf.id, edit(mine, -100, await revOf(entwurf.id, mine))),
      'forbidden',
    );
    await store.setVersionOptions(SYSTEM_ACTOR, entwurf.id, { fachbereichEdit: true });
    await store.editCell(fb, entwurf.id, edit(mine, -100, await revOf(entwurf.id, mine)));
    await rejects(
      store.editCell(fb, entwurf.id, edit(other, -100, await revOf(entwurf.id, other))),
      'forbidden',
    );
    await rejects(
      store.editCell(leser, entwurf.id, edit(mine, -200, await revOf(entwurf.id, mine))),
      'forbidden',
    );
    await rejects(store.advance(fb, entwurf.id, 'x'), 'forbidden');
    // Anmeldungen: the Fachbereich requests figures beside the Kämmerei's instead of overwriting them
    // (anmeldung.contract.test.ts)
    const anmeldung = await store.importBudget(SYSTEM_ACTOR, {
      budget: gen,
      budgetId: entwurf.budgetId,
      stage: 'anmeldung',
    });
    await rejects(
      store.editCell(fb, anmeldung.id, edit(mine, -300, await revOf(anmeldung.id, mine))),
      'forbidden',
    );
    const next = await store.advance(SYSTEM_ACTOR, anmeldung.id, 'Anmeldungen übernommen');
    expect(next.stage).toBe('entwurf');
    await rejects(store.editCell(fb, next.id, edit(mine, -400, await revOf(next.id, mine))), 'forbidden');
  }, 60_000);

  it('keeps the source documents of an import, readable as the version is', async () => {
    const { versionId } = await imported();
    const docs = await store.listDocuments(SYSTEM_ACTOR, versionId);
    expect(docs).toEqual([
      {
        name: referenceDocument.name,
        mediaType: 'text/plain; charset=utf-8',
        size: referenceBytes.length,
        sha256: createHash('sha256').update(referenceBytes).digest('hex'),
        versionId,
        createdAt: expect.any(String) as string,
        createdBy: SYSTEM_ACTOR.name,
      },
    ]);
    // the sources of the imported values name exactly this document
    const cell = planOf(
      ref.nodes.find((n) => n.code === '43.01')!,
      'teilergebnisplan',
    )?.lines[0]?.cells[0];
    expect(cell?.source?.file).toBe(referenceDocument.name);
    const whole = await store.readDocument(SYSTEM_ACTOR, versionId, referenceDocument.name);
    expect((await bytesOf(whole)).equals(referenceBytes)).toBe(true);
    const part = await store.readDocument(SYSTEM_ACTOR, versionId, referenceDocument.name, {
      start: 10,
      end: 50,
    });
    expect(part.range).toEqual({ start: 10, end: 50 });
    expect((await bytesOf(part)).equals(referenceBytes.subarray(10, 50))).toBe(true);
    await rejects(store.readDocument(SYSTEM_ACTOR, versionId, 'gibt-es-nicht.pdf'), 'not-found');
    await rejects(
      store.readDocument(SYSTEM_ACTOR, versionId, referenceDocument.name, {
        start: 0,
        end: referenceBytes.length + 1,
      }),
      'invalid',
    );
    // not public: nobody without an account; a Leser not in the Kämmerei's Entwurf (not released)
    await rejects(store.listDocuments(undefined, versionId), 'unauthenticated');
    await rejects(store.readDocument(undefined, versionId, referenceDocument.name), 'unauthenticated');
    const leser: Actor = { id: 0, name: 'leser-test', role: 'leser', produktbereiche: [] };
    await rejects(store.listDocuments(leser, versionId), 'forbidden');
    await rejects(store.readDocument(leser, versionId, referenceDocument.name), 'forbidden');
  });

  it('stores large documents in chunks, once per budget, and versions see them along their line', async () => {
    const small = generated(2);
    const big = randomBytes(2 * DOCUMENT_CHUNK + 12_345);
    const sha = createHash('sha256').update(big).digest('hex');
    const first = await store.importBudget(SYSTEM_ACTOR, {
      budget: small,
      name: 'Dokumente',
      documents: [
        { name: 'plan.pdf', mediaType: 'application/pdf', bytes: big },
        { name: 'kopie.pdf', mediaType: 'application/pdf', bytes: big },
      ],
    });
    const chunks = () =>
      store.db
        .selectFrom('document_chunk')
        .select('seq')
        .where('sha256', '=', sha)
        .where('budget_id', '=', first.budgetId)
        .execute();
    expect((await chunks()).map((c) => c.seq)).toEqual([0, 1, 2]);
    // a range across the boundary of two chunks
    const start = DOCUMENT_CHUNK - 100;
    const across = await store.readDocument(SYSTEM_ACTOR, first.id, 'plan.pdf', { start, end: start + 300 });
    expect((await bytesOf(across)).equals(big.subarray(start, start + 300))).toBe(true);
    expect((await bytesOf(await store.readDocument(SYSTEM_ACTOR, first.id, 'kopie.pdf'))).equals(big)).toBe(
      true,
    );
    // the next stage sees the documents of the import it goes back to
    const next = await store.advance(SYSTEM_ACTOR, first.id, 'weiter');
    expect((await store.listDocuments(SYSTEM_ACTOR, next.id)).map((d) => [d.name, d.versionId])).toEqual([
      ['kopie.pdf', first.id],
      ['plan.pdf', first.id],
    ]);
    // a new import of the same budget with the same bytes: no new chunks; it sees its own documents only,
    // and the versions of the first import do not see the new one's
    const again = await store.importBudget(SYSTEM_ACTOR, {
      budget: small,
      budgetId: first.budgetId,
      documents: [
        { name: 'plan.pdf', mediaType: 'application/pdf', bytes: big.subarray(0, 1000) },
        { name: 'neu.pdf', mediaType: 'application/pdf', bytes: big },
      ],
    });
    expect((await chunks()).length).toBe(3);
    const seen = await store.listDocuments(SYSTEM_ACTOR, again.id);
    expect(seen.map((d) => [d.name, d.versionId, d.size])).toEqual([
      ['neu.pdf', again.id, big.length],
      ['plan.pdf', again.id, 1000],
    ]);
    expect((await store.listDocuments(SYSTEM_ACTOR, next.id)).map((d) => [d.name, d.versionId])).toEqual([
      ['kopie.pdf', first.id],
      ['plan.pdf', first.id],
    ]);
    await rejects(store.readDocument(SYSTEM_ACTOR, next.id, 'neu.pdf'), 'not-found');
    // a name is a file name, as the sources name it, never a path
    await rejects(
      store.importBudget(SYSTEM_ACTOR, {
        budget: small,
        budgetId: first.budgetId,
        documents: [{ name: '../etc/passwd', mediaType: 'text/plain', bytes: big.subarray(0, 10) }],
      }),
      'invalid',
    );
    // public read opens the documents to everyone
    await store.setVersionOptions(SYSTEM_ACTOR, again.id, { publicRead: true });
    const anonymous = await store.readDocument(undefined, again.id, 'plan.pdf', { start: 0, end: 10 });
    expect((await bytesOf(anonymous)).equals(big.subarray(0, 10))).toBe(true);
  }, 60_000);

  it('makes an import all or nothing', async () => {
    await imported(); // a budget with a source document before the failing import
    const documentCount = async () =>
      Number((await sql<{ n: number }>`SELECT count(*) AS n FROM document`.execute(store.db)).rows[0]?.n);
    const documentsBefore = await documentCount();
    expect(documentsBefore).toBeGreaterThan(0);
    const before = await store.listBudgets(SYSTEM_ACTOR);
    const broken: Budget = { ...ref, nodes: [...ref.nodes, ref.nodes[0]!] }; // a code twice: the key refuses it
    await expect(
      store.importBudget(SYSTEM_ACTOR, { budget: broken, name: 'kaputt', documents: [referenceDocument] }),
    ).rejects.toThrow();
    expect(await store.listBudgets(SYSTEM_ACTOR)).toEqual(before);
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM version WHERE label = 'kaputt'`.execute(
      store.db,
    );
    expect(Number(count.rows[0]?.n)).toBe(0);
    expect(await documentCount()).toBe(documentsBefore);
  });

  it('has users with hashed passwords, sessions and API tokens', async () => {
    const users = async () => (await store.listUsers(SYSTEM_ACTOR)).map((u) => u.name);
    const before = await users();
    await store.addUser(SYSTEM_ACTOR, {
      name: 'anna',
      password: 'geheim-genug-1',
      role: 'fachbereich',
      produktbereiche: ['43'],
    });
    await rejects(
      store.addUser(SYSTEM_ACTOR, { name: 'anna', password: 'geheim-genug-1', role: 'leser' }),
      'conflict',
    );
    await rejects(store.addUser(SYSTEM_ACTOR, { name: 'kurz', password: 'kurz', role: 'leser' }), 'invalid');
    await rejects(
      store.addUser(SYSTEM_ACTOR, { name: "x'; --", password: 'geheim-genug-1', role: 'leser' }),
      'invalid',
    );
    const row = await store.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('name', '=', 'anna')
      .executeTakeFirst();
    expect(row?.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(row?.password_hash).not.toContain('geheim');
    await rejects(store.login('anna', 'falsch-falsch'), 'unauthenticated');
    await rejects(store.login('niemand', 'geheim-genug-1'), 'unauthenticated');
    const { token, session } = await store.login('anna', 'geheim-genug-1');
    expect(session.actor).toMatchObject({ name: 'anna', role: 'fachbereich', produktbereiche: ['43'] });
    expect((await store.session(token))?.csrf).toBe(session.csrf);
    const api = await store.createApiToken(session.actor, 'Automatisierung');
    expect((await store.actorForApiToken(api.token))?.name).toBe('anna');
    await store.setPassword(SYSTEM_ACTOR, 'anna', 'neues-passwort-2');
    expect(await store.session(token)).toBeUndefined(); // a new password ends the sessions
    await store.removeUser(SYSTEM_ACTOR, 'anna');
    expect(await store.actorForApiToken(api.token)).toBeUndefined();
    expect(await users()).toEqual(before);
  });

  it('backs up while in use and restores into an empty store, the same on both backends', async () => {
    const { versionId } = await imported();
    const dir = mkdtempSync(join(tmpdir(), 'haushalt-backup-'));
    const file = join(dir, 'sicherung.jsonl.gz');
    const counts = await store.backup(file);
    expect(counts.rows).toBeGreaterThan(1000);
    const target = await freshStore(backend === 'sqlite' ? 'postgres' : 'sqlite', `restore_from_${backend}`);
    try {
      expect(await target.restore(file)).toEqual(counts);
      expect(await target.listBudgets(SYSTEM_ACTOR)).toEqual(await store.listBudgets(SYSTEM_ACTOR));
      expect(toTidyCsv(await target.loadBudget(SYSTEM_ACTOR, versionId))).toBe(
        toTidyCsv(await store.loadBudget(SYSTEM_ACTOR, versionId)),
      );
      expect(await target.audit(SYSTEM_ACTOR, {})).toEqual(await store.audit(SYSTEM_ACTOR, {}));
      // the source documents with their bytes (base64 in the dump)
      for (const budget of await store.listBudgets(SYSTEM_ACTOR)) {
        for (const version of await store.listVersions(SYSTEM_ACTOR, budget.id)) {
          const docs = await store.listDocuments(SYSTEM_ACTOR, version.id);
          expect(await target.listDocuments(SYSTEM_ACTOR, version.id)).toEqual(docs);
          for (const d of docs) {
            const restored = await bytesOf(await target.readDocument(SYSTEM_ACTOR, version.id, d.name));
            expect(createHash('sha256').update(restored).digest('hex')).toBe(d.sha256);
          }
        }
      }
      expect((await target.listDocuments(SYSTEM_ACTOR, versionId)).length).toBe(1);
      await rejects(target.restore(file), 'invalid'); // not into a store that holds data
      // keys continue after the restored rows
      const v = await target.importBudget(SYSTEM_ACTOR, { budget: ref, name: 'nach der Rücksicherung' });
      const max = Math.max(...(await store.listBudgets(SYSTEM_ACTOR)).map((b) => b.id));
      expect(v.budgetId).toBeGreaterThan(max);
    } finally {
      await target.close();
    }
  }, 60_000);
});

/**
 * Accounts (issue 13), on both backends: the password policy, scrypt at N = 2^17 with the re-hash of older
 * hashes on login, the current password for one's own change, sessions and tokens ended by a password change,
 * API tokens (expiry, list, revoke), removals racing each other (one success, one audit entry, never the
 * last Kämmerei user), logins with unknown names costing no password work, and tokens of older databases.
 */
describe.each(BACKENDS)('accounts on %s', (backend) => {
  const PW = 'ein langes Passwort 1';
  let store: KyselyStore;
  /** A hash of PW at today's cost, made once: every hash takes a third of a second. */
  let hash: string;

  beforeAll(async () => {
    store = await freshStore(backend, `accounts_${backend}`);
    hash = await hashPassword(PW);
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  /** A user with the password PW, straight into the table (the tests here are not about adding users). */
  async function user(name: string, role: Role = 'leser'): Promise<Actor> {
    const row = await store.db
      .insertInto('app_user')
      .values({
        name,
        role,
        password_hash: hash,
        produktbereiche: '[]',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, name, role, produktbereiche: [] };
  }

  async function storedHash(name: string): Promise<string> {
    return (
      await store.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).password_hash;
  }

  async function auditCount(target: string, reason: string): Promise<number> {
    const rows = await store.db
      .selectFrom('audit')
      .select('id')
      .where('target', '=', target)
      .where('reason', '=', reason)
      .execute();
    return rows.length;
  }

  /** PostgreSQL: every connection of the pool open and idle, so that what a test starts at once runs at once. */
  async function warmPool(): Promise<void> {
    if (backend === 'postgres')
      await Promise.all([1, 2, 3, 4].map(() => sql`SELECT pg_sleep(0.05)`.execute(store.db)));
  }

  function outcomes(results: PromiseSettledResult<unknown>[]): { ok: number; codes: string[] } {
    return {
      ok: results.filter((r) => r.status === 'fulfilled').length,
      codes: results.flatMap((r) =>
        r.status === 'rejected' ? [r.reason instanceof StoreError ? r.reason.code : String(r.reason)] : [],
      ),
    };
  }

  it('refuses trivial passwords: short after trimming, few distinct characters, the name, common ones', async () => {
    const name = 'kaemmerin.nord';
    const users = async () => (await store.listUsers(SYSTEM_ACTOR)).map((u) => u.name);
    const before = await users();
    for (const password of [
      'aaaaaaaaaa',
      ' '.repeat(10),
      '   kurz    ',
      '1212121212',
      'abcabcabcabc',
      '1234567890',
      'Passwort123',
      'ich liebe dich',
      'QWERTZUIOP',
      'Kaemmerin.Nord 24',
    ]) {
      const err = await rejects(store.addUser(SYSTEM_ACTOR, { name, password, role: 'leser' }), 'invalid');
      expect(err.message, password).toMatch(/Passwort/);
    }
    await rejects(store.setPassword(SYSTEM_ACTOR, name, 'aaaaaaaaaa'), 'invalid');
    expect(await users()).toEqual(before); // nobody added
    await store.addUser(SYSTEM_ACTOR, {
      name,
      password: 'kaemmerin.nord und ein ganzer Satz',
      role: 'leser',
    });
    await store.setPassword(SYSTEM_ACTOR, name, PW);
  });

  it('adds a user once when the same name is added at once', async () => {
    await warmPool();
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => store.addUser(SYSTEM_ACTOR, { name: 'zugleich', password: PW, role: 'leser' })),
    );
    expect(outcomes(results)).toEqual({ ok: 1, codes: ['conflict', 'conflict'] });
    expect(await auditCount('zugleich', 'Benutzer angelegt')).toBe(1);
  });

  it('hashes with scrypt at N = 2^17 and replaces an older hash on the next successful login', async () => {
    await store.addUser(SYSTEM_ACTOR, { name: 'neu', password: PW, role: 'leser' });
    expect(await storedHash('neu')).toMatch(/^scrypt\$131072\$8\$1\$/);
    // a hash as the store made them before (N = 2^15)
    await user('alt');
    const salt = randomBytes(16);
    const key = scryptSync(PW.normalize('NFC'), salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const old = ['scrypt', 32768, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
    await store.db.updateTable('app_user').set({ password_hash: old }).where('name', '=', 'alt').execute();
    await rejects(store.login('alt', 'ein falsches Passwort'), 'unauthenticated');
    expect(await storedHash('alt')).toBe(old);
    await store.login('alt', PW);
    const rehashed = await storedHash('alt');
    expect(rehashed).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(rehashed).not.toContain(salt.toString('base64'));
    await store.login('alt', PW);
    expect(await storedHash('alt')).toBe(rehashed);
  });

  it("lets a user change its own password only with the current one; the Kämmerei and the system set another's", async () => {
    const lena = await user('lena');
    const karl = await user('karl', 'kaemmerei');
    await rejects(store.setPassword(lena, 'lena', 'ein neues Passwort 2'), 'invalid');
    await rejects(
      store.setPassword(lena, 'lena', 'ein neues Passwort 2', 'ein falsches Passwort'),
      'forbidden',
    );
    await rejects(store.login('lena', 'ein neues Passwort 2'), 'unauthenticated');
    await store.setPassword(lena, 'lena', 'ein neues Passwort 2', PW);
    await store.login('lena', 'ein neues Passwort 2');
    await rejects(store.setPassword(lena, 'karl', 'ein neues Passwort 2', PW), 'forbidden');
    // the Kämmerei's own password too
    await rejects(store.setPassword(karl, 'karl', 'ein neues Passwort 3'), 'invalid');
    await store.setPassword(karl, 'lena', 'ein drittes Passwort 3');
    await store.login('lena', 'ein drittes Passwort 3');
    await store.setPassword(SYSTEM_ACTOR, 'karl', 'ein drittes Passwort 3');
    await store.login('karl', 'ein drittes Passwort 3');
  });

  it('ends the sessions and revokes the API tokens of a user whose password changes', async () => {
    const paula = await user('paula');
    const { token } = await store.login('paula', PW);
    const api = await store.createApiToken(paula, 'Skript');
    expect((await store.checkApiToken(api.token)).ok).toBe(true);
    await store.setPassword(SYSTEM_ACTOR, 'paula', 'ein neues Passwort 2');
    expect(await store.session(token)).toBeUndefined();
    expect(await store.checkApiToken(api.token)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(await store.actorForApiToken(api.token)).toBeUndefined();
    expect((await store.listApiTokens(paula)).map((t) => t.status)).toEqual(['revoked']);
  });

  it('makes API tokens that expire, lists them without their secret, revokes one once', async () => {
    const earlier = (await store.listApiTokens(SYSTEM_ACTOR, { all: true })).map((t) => t.id);
    const anna = await user('anna-t');
    await user('bert-t');
    const kira = await user('kira-t', 'kaemmerei');
    const days = (t: { createdAt: string; expiresAt: string }) =>
      (Date.parse(t.expiresAt) - Date.parse(t.createdAt)) / 86_400_000;
    const a = await store.createApiToken(anna, 'Import');
    expect(a.id).toBe(createHash('sha256').update(a.token).digest('hex').slice(0, 16));
    expect(days(a)).toBe(90);
    const short = await store.createApiToken(anna, 'kurz', { days: 1 });
    expect(days(short)).toBe(1);
    await rejects(store.createApiToken(anna, 'zu lang', { days: 366 }), 'invalid');
    await rejects(store.createApiToken(anna, 'gar nicht', { days: 0 }), 'invalid');
    await rejects(store.createApiToken(anna, 'fremd', { user: 'bert-t' }), 'forbidden');
    const b = await store.createApiToken(SYSTEM_ACTOR, 'für Bert', { user: 'bert-t', days: 365 });
    expect(b.user).toBe('bert-t');
    expect(days(b)).toBe(365);

    expect(await store.checkApiToken(a.token)).toMatchObject({
      ok: true,
      id: a.id,
      actor: { name: 'anna-t' },
    });
    expect(await store.checkApiToken(randomBytes(32).toString('base64url'))).toEqual({
      ok: false,
      reason: 'unknown',
    });
    const own = await store.listApiTokens(anna);
    expect(own.map((t) => t.id).sort()).toEqual([a.id, short.id].sort());
    expect(own.every((t) => t.status === 'active' && t.user === 'anna-t')).toBe(true);
    expect(own.find((t) => t.id === a.id)?.lastUsedAt).not.toBeNull();
    expect(own.find((t) => t.id === short.id)?.lastUsedAt).toBeNull();
    const shown = JSON.stringify(own);
    for (const secret of [a.token, short.token, createHash('sha256').update(a.token).digest('hex')])
      expect(shown).not.toContain(secret);
    await rejects(store.listApiTokens(anna, { user: 'bert-t' }), 'forbidden');
    await rejects(store.listApiTokens(anna, { all: true }), 'forbidden');
    expect((await store.listApiTokens(kira, { user: 'bert-t' })).map((t) => t.id)).toEqual([b.id]);
    expect((await store.listApiTokens(kira, { all: true })).map((t) => t.id).sort()).toEqual(
      [...earlier, a.id, short.id, b.id].sort(),
    );

    // a day later the short one is refused
    await store.db
      .updateTable('api_token')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', short.id)
      .execute();
    expect(await store.checkApiToken(short.token)).toMatchObject({ ok: false, reason: 'expired' });
    expect((await store.listApiTokens(anna)).find((t) => t.id === short.id)?.status).toBe('expired');

    // another's token is unknown to a user; one's own is revoked once however many ask at once
    await rejects(store.revokeApiToken(anna, b.id), 'not-found');
    await warmPool();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => store.revokeApiToken(anna, a.id)),
    );
    expect(outcomes(results)).toEqual({ ok: 1, codes: Array<string>(11).fill('not-found') });
    expect(await store.checkApiToken(a.token)).toMatchObject({ ok: false, reason: 'revoked' });
    expect((await store.revokeApiToken(kira, b.id)).status).toBe('revoked');
    expect(await store.checkApiToken(b.token)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(await auditCount(a.id, 'API-Schlüssel erstellt')).toBe(1);
    expect(await auditCount(a.id, 'API-Schlüssel widerrufen')).toBe(1);
    expect(await auditCount(b.id, 'API-Schlüssel widerrufen')).toBe(1);
  });

  it('removes a user once when twelve removals run at once: one success, one audit entry, the rest not-found', async () => {
    const doppelt = await user('doppelt');
    const api = await store.createApiToken(doppelt, 'Skript');
    await warmPool();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => store.removeUser(SYSTEM_ACTOR, 'doppelt')),
    );
    expect(outcomes(results)).toEqual({ ok: 1, codes: Array<string>(11).fill('not-found') });
    expect(await auditCount('doppelt', 'Benutzer entfernt')).toBe(1);
    expect(await store.checkApiToken(api.token)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('never removes the last Kämmerei user, also when two remove each other at once', async () => {
    const kaemmerei = async () =>
      (await store.listUsers(SYSTEM_ACTOR)).filter((u) => u.role === 'kaemmerei').map((u) => u.name);
    await store.db.deleteFrom('app_user').where('role', '=', 'kaemmerei').execute();
    let survivor = await user('einzige', 'kaemmerei');
    await rejects(store.removeUser(survivor, 'einzige'), 'conflict');
    await rejects(store.removeUser(SYSTEM_ACTOR, 'einzige'), 'conflict');
    for (let round = 0; round < 4; round++) {
      const other = await user(`zweite-${round}`, 'kaemmerei');
      await warmPool();
      const results = await Promise.allSettled([
        store.removeUser(survivor, other.name),
        store.removeUser(other, survivor.name),
      ]);
      const { ok, codes } = outcomes(results);
      expect(ok).toBe(1);
      // the one whose account went first may not act any more
      expect(codes).toEqual(['forbidden']);
      const left = await kaemmerei();
      expect(left).toHaveLength(1);
      if (left[0] === other.name) survivor = other;
      expect(left).toEqual([survivor.name]);
    }
    // 'einzige' was removed in one of the rounds, or is the survivor
    expect(await auditCount('einzige', 'Benutzer entfernt')).toBe(survivor.name === 'einzige' ? 0 : 1);
  });

  it('spends no password work on unknown names, yet answers them after about as long as a verification', async () => {
    await user('echt');
    await store.login('echt', PW);
    // a verification's time, three times: a machine under load slows one of them at random, so the unknown
    // names' wait is compared with the fastest (it waits the median of recent verifications) and the guard's
    // answer with the slowest
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await rejects(store.login('echt', 'ein falsches Passwort'), 'unauthenticated');
      times.push(performance.now() - t0);
    }
    const fastest = Math.min(...times);
    const slowest = Math.max(...times);
    const cpu = process.cpuUsage();
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => rejects(store.login(`niemand-${i}`, PW), 'unauthenticated')),
    );
    const took = performance.now() - t1;
    const spent = process.cpuUsage(cpu);
    // twenty verifications even at the old cost (N = 2^15) are about 1.7 s of CPU
    expect((spent.user + spent.system) / 1000).toBeLessThan(400);
    expect(took).toBeGreaterThan(fastest * 0.5);
    // a guard that refuses: passed on at once, known name or not
    for (const name of ['echt', 'niemand']) {
      let known: boolean | undefined;
      const t2 = performance.now();
      await expect(
        store.login(name, PW, {
          admit: (k) => {
            known = k;
            throw new Error('abgewiesen');
          },
        }),
      ).rejects.toThrow('abgewiesen');
      expect(known).toBe(name === 'echt');
      expect(performance.now() - t2).toBeLessThan(slowest * 0.5);
    }
  });

  it('gives API tokens made before the accounts migration an id and 90 days', async () => {
    const { old, url, schema } = await databaseBefore(backend, '0004-accounts', 't_accounts_migration');
    const token = randomBytes(32).toString('base64url');
    const tokenHash = createHash('sha256').update(token).digest('hex');
    await sql`INSERT INTO app_user (name, role, password_hash, produktbereiche, created_at)
              VALUES ('altbestand', 'leser', ${hash}, '[]', ${new Date().toISOString()})`.execute(old.db);
    await sql`INSERT INTO api_token (token_hash, user_id, label, created_at)
              SELECT ${tokenHash}, id, 'von früher', ${new Date().toISOString()} FROM app_user`.execute(
      old.db,
    );
    await old.db.destroy();
    const migrated = await openStore({ url, ...(schema ? { schema } : {}) });
    try {
      expect(await migrated.checkApiToken(token)).toMatchObject({ ok: true, id: tokenHash.slice(0, 16) });
      const [listed] = await migrated.listApiTokens(SYSTEM_ACTOR, { all: true });
      expect(listed).toMatchObject({ id: tokenHash.slice(0, 16), user: 'altbestand', status: 'active' });
      const left = (Date.parse(listed!.expiresAt) - Date.now()) / 86_400_000;
      expect(left).toBeGreaterThan(89.9);
      expect(left).toBeLessThanOrEqual(90);
    } finally {
      await migrated.close();
    }
  });
});

/**
 * Cells printed in thousands of euros (issue 15, migration 0005-cell-scale), on both backends: the scale kept
 * through import, load, edits (in euros: whole thousands keep a T€ cell in T€, finer amounts make it a euro
 * cell, the totals keep T€ and move exactly), backup and restore; frozen versions refuse a change of it like
 * any other; cells of a database from before the column read as euros.
 */
describe.each(BACKENDS)('cells printed in T€ on %s', (backend) => {
  let store: KyselyStore;

  beforeAll(async () => {
    store = await freshStore(backend, `teur_${backend}`);
  }, 60_000);
  afterAll(() => store.close());

  /** The T€ budget imported anew: each test has a version of its own. */
  const imported = async (): Promise<number> =>
    (await store.importBudget(SYSTEM_ACTOR, { budget: teurBudget(), name: 'T€-Haushalt' })).id;

  const line = async (versionId: number, code: string, l: string) => {
    const n = await store.getNode(SYSTEM_ACTOR, versionId, code);
    return planOf(n.node, 'teilergebnisplan')!.lines.find((x) => x.line === l)!;
  };

  it('gives back every cell with its scale, and finds rounding differences only', async () => {
    const versionId = await imported();
    const loaded = await store.loadBudget(SYSTEM_ACTOR, versionId);
    expect(toTidyCsv(loaded)).toBe(toTidyCsv(teurBudget()));
    expect(cellOf(await line(versionId, '43.01', '10'), ANSATZ)).toMatchObject({
      amount: 386_300_000,
      decimals: 0,
      scale: 1000,
    });
    const found = await store.findings(SYSTEM_ACTOR, versionId);
    const counts = { error: 0, warning: 0, rounding: 0, info: 0 };
    for (const f of check(teurBudget())) counts[f.severity]++;
    expect(found.counts).toEqual(counts);
    expect(counts).toMatchObject({ error: 0, warning: 0 }); // rounding differences only
    expect(counts.rounding).toBeGreaterThan(0);
  });

  it('edits in euros: whole thousands stay T€, a finer amount makes a euro cell, totals keep T€', async () => {
    const versionId = await imported();
    const node = await store.getNode(SYSTEM_ACTOR, versionId, '43.01');
    const rev = node.cellRevs['teilergebnisplan|13|ansatz:2026'] as number;
    const edit = (amount: number, r: number) =>
      store.editCell(SYSTEM_ACTOR, versionId, {
        node: '43.01',
        plan: 'teilergebnisplan',
        line: '13',
        column: ANSATZ,
        amount,
        rev: r,
        reason: 'Mehrbedarf',
      });
    const at = (changed: readonly StoredCell[], code: string, l: string) =>
      changed.find((c) => c.node === code && c.line === l);
    // -504 T€ → -509 T€
    const first = await edit(-50_900_000, rev);
    expect(at(first.changed, '43.01', '13')).toMatchObject({ amount: -50_900_000, decimals: 0, scale: 1000 });
    expect(at(first.changed, '43.01', '17')).toMatchObject({ amount: -393_000_000, scale: 1000 });
    expect(at(first.changed, '43', '13')).toMatchObject({ amount: -60_800_000, scale: 1000 });
    // → -509.123,45 €: printed in euros from now on; the totals hold the exact sum, still printed in T€
    const second = await edit(-50_912_345, rev + 1);
    const edited = at(second.changed, '43.01', '13')!;
    expect(edited).toMatchObject({ amount: -50_912_345, decimals: 2 });
    expect(edited.scale).toBeUndefined();
    expect(at(second.changed, '43.01', '17')).toMatchObject({ amount: -393_012_345, scale: 1000 });
    // as the database has it, not only the cache
    const stored = cellOf(await line(versionId, '43.01', '13'), ANSATZ);
    expect(stored).toMatchObject({ amount: -50_912_345, decimals: 2 });
    expect(stored?.scale).toBeUndefined();
    expect(cellOf(await line(versionId, '43.01', '17'), ANSATZ)).toMatchObject({
      amount: -393_012_345,
      scale: 1000,
    });
    const found = await store.findings(SYSTEM_ACTOR, versionId);
    expect(found.counts).toMatchObject({ error: 0, warning: 0 });
  });

  it('backs up and restores the scale, also into the other database', async () => {
    const versionId = await imported();
    const file = join(mkdtempSync(join(tmpdir(), 'haushalt-teur-backup-')), 'sicherung.jsonl.gz');
    const counts = await store.backup(file);
    const target = await freshStore(backend === 'sqlite' ? 'postgres' : 'sqlite', `teur_restore_${backend}`);
    try {
      expect(await target.restore(file)).toEqual(counts);
      const restored = toTidyCsv(await target.loadBudget(SYSTEM_ACTOR, versionId));
      expect(restored).toBe(toTidyCsv(await store.loadBudget(SYSTEM_ACTOR, versionId)));
      expect(restored.split('\n')[0]).toMatch(/,printed_in$/u);
    } finally {
      await target.close();
    }
  }, 60_000);

  it('refuses a change of the scale of a frozen version in the database itself', async () => {
    const versionId = await imported();
    const kaemmerei: Actor = { id: null, name: 'kämmerer', role: 'kaemmerei', produktbereiche: [] };
    let v = await store.getVersion(SYSTEM_ACTOR, versionId);
    while (v.stage !== 'beschluss') v = await store.advance(kaemmerei, v.id, `weiter nach ${v.stage}`);
    expect(v.frozen).toBe(true);
    await expect(
      sql`UPDATE cell SET scale = NULL WHERE version_id = ${v.id}`.execute(store.db),
    ).rejects.toThrow(/eingefroren/);
    await expect(
      sql`INSERT INTO cell (version_id, node, plan, line, kind, year, amount, decimals, scale, rev)
          VALUES (${v.id}, '43', 'teilergebnisplan', '01', 'planung', 2027, 0, 0, 1000, 0)`.execute(store.db),
    ).rejects.toThrow(/eingefroren/);
    const loaded = await store.loadBudget(SYSTEM_ACTOR, v.id);
    expect(toTidyCsv(loaded).split('\n')[0]).toMatch(/,printed_in$/u);
  });

  it('reads the cells of a database from before the column as printed in euros', async () => {
    const { old, url, schema } = await databaseBefore(backend, '0005-cell-scale', 't_cell_scale_migration');
    const at = new Date().toISOString();
    const doc = JSON.stringify({
      code: '43',
      level: 'produktbereich',
      name: 'Altbestand',
      plans: [
        {
          type: 'teilergebnisplan',
          schemaId: 'nrw-2019-teilergebnisplan',
          columns: [ANSATZ],
          lines: [{ line: '02', label: 'Zuwendungen', cells: [] }],
        },
      ],
      erlaeuterungen: [],
      kennzahlen: [],
    });
    await sql`INSERT INTO budget (name, created_at, created_by) VALUES ('alt', ${at}, 'system')`.execute(
      old.db,
    );
    await sql`INSERT INTO version (budget_id, kind, stage, label, closed, frozen, fachbereich_edit, public_read,
                revision, meta, created_at, created_by)
              SELECT id, 'haushalt', 'entwurf', 'Entwurf', 0, 0, 0, 0, 0, '{"files":[],"notes":[]}', ${at}, 'system'
              FROM budget`.execute(old.db);
    await sql`INSERT INTO node (version_id, code, ord, level, name, parent, doc, rev)
              SELECT id, '43', 0, 'produktbereich', 'Altbestand', NULL, ${doc}, 0 FROM version`.execute(
      old.db,
    );
    await sql`INSERT INTO cell (version_id, node, plan, line, kind, year, amount, decimals, source, rev)
              SELECT id, '43', 'teilergebnisplan', '02', 'ansatz', 2026, 214799300, 0, NULL, 0 FROM version`.execute(
      old.db,
    );
    await old.db.destroy();
    const migrated = await openStore({ url, ...(schema ? { schema } : {}) });
    try {
      const [version] = await migrated.listVersions(
        SYSTEM_ACTOR,
        (await migrated.listBudgets(SYSTEM_ACTOR))[0]!.id,
      );
      const loaded = await migrated.loadBudget(SYSTEM_ACTOR, version!.id);
      expect(loaded.nodes[0]!.plans[0]!.lines[0]!.cells).toEqual([
        { column: ANSATZ, amount: 214_799_300, decimals: 0 },
      ]);
      expect(toTidyCsv(loaded).split('\n')[0]).toBe('node,level,plan,line,kind,year,amount,schema');
    } finally {
      await migrated.close();
    }
  });
});
