/**
 * The store's contract, run on SQLite and on PostgreSQL alike: import, read back exactly, edit with
 * propagation and revisions, the version way with its rights, findings ledger, diff, audit trail guards,
 * users and sessions, backup and restore.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/core/check/index.js';
import type { Budget, Column } from '../../src/core/model.js';
import { cellOf, planOf } from '../../src/core/model.js';
import { toTidyCsv } from '../../src/exporters/tidy-csv.js';
import { generateBudget } from '../../src/generate/index.js';
import { importText } from '../../src/importers/text/index.js';
import { StoreError } from '../../src/store/api.js';
import { DOCUMENT_CHUNK, bytesOf } from '../../src/store/documents.js';
import { KyselyStore, findingKey } from '../../src/store/store.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/store/workflow.js';
import { REFERENCE } from '../paths.js';
import { BACKENDS, cleanupStores, freshStore } from './backends.js';

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

async function rejects(promise: Promise<unknown>, code: StoreError['code']): Promise<StoreError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected StoreError ${code}`).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
  return err as StoreError;
}

afterAll(cleanupStores);

describe.each(BACKENDS)('store on %s', (backend) => {
  let store: KyselyStore;
  let ref: Budget;
  let versionId: number;
  let budgetId: number;
  const referenceBytes = readFileSync(REFERENCE);
  const referenceDocument = {
    name: 'kreis-coesfeld-2026-pb43.txt',
    mediaType: 'text/plain; charset=utf-8',
    bytes: referenceBytes,
  };

  beforeAll(async () => {
    store = await freshStore(backend, `contract_${backend}`);
    ref = reference();
    const v = await store.importBudget(SYSTEM_ACTOR, {
      budget: ref,
      name: 'Kreis Coesfeld 2026',
      documents: [referenceDocument],
    });
    versionId = v.id;
    budgetId = v.budgetId;
  }, 60_000);
  afterAll(() => store.close());

  it('gives back exactly what was imported', async () => {
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
    expect(result.changed.map((c) => `${c.node}/${c.line}`)).toContain('43/29');
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

  it('answers a stale edit with a conflict and the current value, and changes nothing', async () => {
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
    const f = await store.findings(SYSTEM_ACTOR, versionId);
    expect(f.open.length).toBeGreaterThan(0);
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
    expect(g.accepted.map((a) => a.key)).toContain(first.key);
    expect(g.accepted.find((a) => a.key === first.key)?.acceptance).toMatchObject({
      reason: 'Rundungsdifferenz im Druck',
      acceptedBy: 'system',
      id: accepted.id,
    });
    expect(g.open.map((a) => a.key)).not.toContain(first.key);
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
    // Anmeldungen: the Fachbereich edits without a special permission
    const anmeldung = await store.importBudget(SYSTEM_ACTOR, {
      budget: gen,
      budgetId: entwurf.budgetId,
      stage: 'anmeldung',
    });
    await store.editCell(fb, anmeldung.id, edit(mine, -300, await revOf(anmeldung.id, mine)));
    const next = await store.advance(SYSTEM_ACTOR, anmeldung.id, 'Anmeldungen übernommen');
    expect(next.stage).toBe('entwurf');
    await rejects(store.editCell(fb, next.id, edit(mine, -400, await revOf(next.id, mine))), 'forbidden');
  }, 60_000);

  it('keeps the source documents of an import, readable as the version is', async () => {
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
    // not public: nobody without an account; a Leser reads it like the version
    await rejects(store.listDocuments(undefined, versionId), 'unauthenticated');
    await rejects(store.readDocument(undefined, versionId, referenceDocument.name), 'unauthenticated');
    const leser: Actor = { id: 0, name: 'leser-test', role: 'leser', produktbereiche: [] };
    expect((await store.listDocuments(leser, versionId)).map((d) => d.name)).toEqual([
      referenceDocument.name,
    ]);
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
    // a new import of the same budget with the same bytes under its own name: no new chunks; its own wins
    const again = await store.importBudget(SYSTEM_ACTOR, {
      budget: small,
      budgetId: first.budgetId,
      documents: [{ name: 'plan.pdf', mediaType: 'application/pdf', bytes: big.subarray(0, 1000) }],
    });
    expect((await chunks()).length).toBe(3);
    const seen = await store.listDocuments(SYSTEM_ACTOR, again.id);
    expect(seen.map((d) => [d.name, d.versionId, d.size])).toEqual([
      ['kopie.pdf', first.id, big.length],
      ['plan.pdf', again.id, 1000],
    ]);
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
    expect(row?.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
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
    expect((await store.listUsers(SYSTEM_ACTOR)).map((u) => u.name)).not.toContain('anna');
  });

  it('backs up while in use and restores into an empty store, the same on both backends', async () => {
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
