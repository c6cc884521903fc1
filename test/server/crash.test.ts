/**
 * Killing the server with SIGKILL in the middle of a burst of edits or of a large import loses nothing that
 * was acknowledged and leaves no partial import. A real `haushalt serve` process on a SQLite file (and once on
 * PostgreSQL) is killed at seeded moments: in a burst of edits after a number of acknowledged ones, and in a
 * large import at a point shown to be inside its write transaction (probed from outside the server); the data
 * is then read back with a fresh store.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeBudgets } from '../../src/core/merge.js';
import { toTidyCsv } from '../../src/exporters/tidy-csv.js';
import { generateBudget } from '../../src/generate/index.js';
import { importContent } from '../../src/importers/index.js';
import { openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { PASSWORD, USERS, addUsers, freshPostgres, generatedBudget, importAt } from './helpers.js';
import { kill, loginHeaders, startServer } from './process.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-crash-'));
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const d of drops) await d();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Acked {
  readonly node: string;
  readonly amount: number;
  readonly rev: number;
}

/** Prepares a store with users and a generated budget; returns its URL, version and the leaf products. */
async function prepare(url: string) {
  const store = await openStore({ url });
  await addUsers(store);
  const merged = mergeBudgets([generatedBudget(12, 3)]);
  if (!merged.ok) throw new Error('merge');
  const v = await importAt(store, merged.budget, 'entwurf');
  const products = merged.budget.nodes.filter((n) => n.level === 'produkt').map((n) => n.code);
  await store.close();
  return { versionId: v.id, products };
}

const KEY = 'teilergebnisplan|13|ansatz:2026';

async function editBurstRound(url: string, versionId: number, products: readonly string[], seed: number) {
  // the revisions before the round, read by a store of our own
  const before = await openStore({ url });
  const revs = new Map<string, number>();
  for (const p of products)
    revs.set(p, (await before.getNode(SYSTEM_ACTOR, versionId, p)).cellRevs[KEY] ?? 0);
  await before.close();

  const server = await startServer(url);
  const headers = {
    ...(await loginHeaders(server.url, USERS.kaemmerei.name, PASSWORD)),
    'content-type': 'application/json',
  };
  const acked: Acked[] = [];
  const inFlight = new Map<string, number>();
  let alive = true;
  const worker = async (node: string, w: number) => {
    let rev = revs.get(node)!;
    for (let i = 0; alive; i++) {
      const amount = -(seed * 1_000_000 + w * 10_000 + i) * 100;
      inFlight.set(node, amount);
      try {
        const r = await fetch(`${server.url}/api/versions/${versionId}/cells`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({
            node,
            plan: 'teilergebnisplan',
            line: '13',
            column: { kind: 'ansatz', year: 2026 },
            amount,
            rev,
            reason: `Runde ${seed}`,
          }),
        });
        if (r.status !== 200) throw new Error(`edit ${r.status} ${await r.text()}`);
        const result = (await r.json()) as { changed: { node: string; line: string; rev: number }[] };
        rev = result.changed.find((c) => c.node === node && c.line === '13')!.rev;
        acked.push({ node, amount, rev });
      } catch (e) {
        if (alive) throw e;
        return;
      }
    }
  };
  const workers = products.map((p, w) => worker(p, w));
  // kill in the middle of the burst: after a varying number of acknowledged edits, at a varying moment
  const target = 5 + ((seed * 7919) % 30);
  while (acked.length < target) await sleep(2);
  await sleep(seed % 7);
  alive = false;
  await kill(server.child);
  await Promise.all(workers);
  expect(acked.length).toBeGreaterThan(0);

  const after = await openStore({ url });
  const audit = await after.audit(SYSTEM_ACTOR, { versionId, limit: 100_000 });
  for (const p of products) {
    const mine = acked.filter((a) => a.node === p);
    const detail = await after.getNode(SYSTEM_ACTOR, versionId, p);
    const line = detail.node.plans
      .find((pl) => pl.type === 'teilergebnisplan')!
      .lines.find((l) => l.line === '13')!;
    const stored = line.cells.find((c) => c.column.kind === 'ansatz' && c.column.year === 2026)!.amount;
    const last = mine.at(-1);
    if (last) {
      // the last acknowledged value, or the edit in flight when the server died (committed, not acknowledged)
      expect([last.amount, inFlight.get(p)]).toContain(stored);
      expect(detail.cellRevs[KEY]).toBeGreaterThanOrEqual(last.rev);
    }
    const entries = audit.filter((e) => e.action === 'cell' && e.target === `${p}|${KEY}`);
    for (const a of mine)
      expect(entries.map((e) => (e.new as { amount: number }).amount)).toContain(a.amount);
    // the audit trail and the cell agree: its newest entry is the value stored
    if (entries.length > 0) expect((entries.at(-1)!.new as { amount: number }).amount).toBe(stored);
    // nothing duplicated
    expect(new Set(entries.map((e) => (e.new as { rev: number }).rev)).size).toBe(entries.length);
  }
  await after.close();
  return acked.length;
}

/**
 * Whether a write transaction is open on the database right now, seen from outside the server: on SQLite a
 * second connection cannot take the write lock (`BEGIN IMMEDIATE` is busy at once); on PostgreSQL a backend of
 * the database is inside a transaction that has written (it holds a transaction id).
 */
async function writing(url: string): Promise<boolean> {
  if (url.startsWith('sqlite:')) {
    const probe = new Database(url.slice('sqlite:'.length), { fileMustExist: true });
    try {
      probe.pragma('busy_timeout = 0');
      probe.exec('BEGIN IMMEDIATE');
      probe.exec('ROLLBACK');
      return false;
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_BUSY') return true;
      throw e;
    } finally {
      probe.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
    );
    return Number(r.rows[0]!.n) > 0;
  } finally {
    await client.end();
  }
}

/**
 * Uploads a large plan and kills the server with SIGKILL at a seeded point inside the import's write
 * transaction (seen from outside, `writing`): `seed` ms after it was first seen open, and only while it is
 * still open. The import must then be absent, whole: no budget, no half of one. Returns false when the
 * transaction ended before the point (the import is then checked whole and complete), so the caller can try
 * another point.
 */
async function importKilledInside(
  url: string,
  text: string,
  expected: string,
  seed: number,
): Promise<boolean> {
  const before = await openStore({ url });
  const budgetsBefore = (await before.listBudgets(SYSTEM_ACTOR)).length;
  await before.close();
  const server = await startServer(url);
  const headers = await loginHeaders(server.url, USERS.kaemmerei.name, PASSWORD);
  const form = new FormData();
  form.append('name', 'Großer Import');
  form.append('files', new Blob([text]), 'gross.txt');
  let answered: number | undefined;
  const upload = fetch(`${server.url}/api/budgets`, { method: 'POST', body: form, headers }).then(
    async (r) => {
      answered = r.status;
      await r.text();
    },
    () => undefined,
  );
  let killedInside = false;
  try {
    const deadline = Date.now() + 120_000;
    while (!(await writing(url))) {
      if (answered !== undefined || Date.now() > deadline)
        throw new Error(`import ended (${answered}) unseen`);
      await sleep(5);
    }
    await sleep(seed);
    killedInside = await writing(url);
  } finally {
    await kill(server.child);
    await upload;
  }
  const after = await openStore({ url });
  const budgets = await after.listBudgets(SYSTEM_ACTOR);
  if (killedInside) {
    // killed with the transaction open: nothing of the import is there, and it was never acknowledged
    expect(answered).toBeUndefined();
    expect(budgets.length).toBe(budgetsBefore);
  } else if (budgets.length > budgetsBefore) {
    // the transaction committed before the point: the whole budget
    const versions = await after.listVersions(SYSTEM_ACTOR, budgets.at(-1)!.id);
    expect(versions).toHaveLength(1);
    expect(toTidyCsv(await after.loadBudget(SYSTEM_ACTOR, versions[0]!.id))).toBe(expected);
  }
  await after.close();
  return killedInside;
}

/** Kills imports at seeded points inside their transaction until one landed inside (at most five tries). */
async function leavesNoPartialImport(url: string, seeds: readonly number[]): Promise<void> {
  let inside = 0;
  for (const seed of seeds) {
    if (await importKilledInside(url, BIG, BIG_CSV, seed)) inside++;
    if (inside > 0) break;
  }
  expect(inside).toBe(1);
}

const BIG = generateBudget({ products: 100, seed: 11 });
const BIG_CSV = (() => {
  const r = importContent(BIG, 'gross.txt');
  if (!r.ok) throw new Error('generated');
  return toTidyCsv(r.budget);
})();

describe('SIGKILL on SQLite', () => {
  const url = `sqlite:${path.join(tmp, 'crash.sqlite')}`;
  it('loses no acknowledged edit in a burst, round after round', async () => {
    const { versionId, products } = await prepare(url);
    let total = 0;
    for (let round = 1; round <= 3; round++)
      total += await editBurstRound(url, versionId, products.slice(0, 8), round);
    expect(total).toBeGreaterThan(10);
  });

  it('leaves no partial import when killed inside the import transaction', async () => {
    await leavesNoPartialImport(url, [40, 10, 0, 0, 0]);
  });
});

describe('SIGKILL on PostgreSQL', () => {
  it('loses no acknowledged edit and leaves no partial import', async () => {
    const db = await freshPostgres();
    drops.push(db.drop);
    const { versionId, products } = await prepare(db.url);
    expect(await editBurstRound(db.url, versionId, products.slice(0, 8), 9)).toBeGreaterThan(0);
    await leavesNoPartialImport(db.url, [40, 10, 0, 0, 0]);
  });
});
