/**
 * Two server processes on one database (issue 16): what one store writes, another store on the same database
 * reads — versions, cells, sessions and API tokens — although on PostgreSQL each keeps what every request
 * reads in memory while the database notifies it of changes (`src/store/fresh.ts`). A revoked token or an
 * ended session stops working at once in the store that ended it, and in the other as soon as it hears of
 * it; when the listening connection drops, nothing is served from memory until it is back.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Column } from '../../src/core/model.js';
import { importText } from '../../src/importers/text/index.js';
import { AUTH_TTL_MS } from '../../src/store/fresh.js';
import { openStore, type KyselyStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { REFERENCE } from '../paths.js';
import { BACKENDS, TEST_DATABASE_URL, cleanupStores, freshStore, secondStore } from './backends.js';

const ANSATZ: Column = { kind: 'ansatz', year: 2026 };
const CELL = 'teilergebnisplan|13|ansatz:2026';
/**
 * How long another store may take to hear of a change: a notification takes milliseconds; shorter than the
 * time a session or token is kept at most, so that only the notification can make these tests pass.
 */
const HEAR = { timeout: AUTH_TTL_MS - 1_000, interval: 20 };

const opened: KyselyStore[] = [];
afterAll(async () => {
  for (const s of opened.splice(0)) await s.close();
  await cleanupStores();
});

/** Two stores on one new database: `a` migrated it, `b` as a second server process would open it. */
async function twoStores(backend: (typeof BACKENDS)[number], name: string) {
  const a = await freshStore(backend, name);
  opened.push(a);
  return { a, b: await secondStore(a) };
}

async function importReference(store: KyselyStore): Promise<number> {
  const r = importText(readFileSync(REFERENCE, 'utf8'), 'kreis-coesfeld-2026-pb43.txt');
  if (!r.ok) throw new Error('reference import failed');
  return (await store.importBudget(SYSTEM_ACTOR, { budget: r.budget, name: 'Zwei Prozesse' })).id;
}

/** Edits the cell 43.01 line 13 in `store` to `amount`; the version's new revision. */
async function edit(store: KyselyStore, versionId: number, amount: number): Promise<number> {
  const node = await store.getNode(SYSTEM_ACTOR, versionId, '43.01');
  await store.editCell(SYSTEM_ACTOR, versionId, {
    node: '43.01',
    plan: 'teilergebnisplan',
    line: '13',
    column: ANSATZ,
    amount,
    rev: node.cellRevs[CELL]!,
    reason: 'Zweiter Prozess',
  });
  return (await store.getVersion(SYSTEM_ACTOR, versionId)).revision;
}

async function amountIn(store: KyselyStore, versionId: number): Promise<number | undefined> {
  const node = await store.getNode(SYSTEM_ACTOR, versionId, '43.01');
  const line = node.node.plans.find((p) => p.type === 'teilergebnisplan')?.lines.find((l) => l.line === '13');
  return line?.cells.find((c) => c.column.kind === 'ansatz' && c.column.year === 2026)?.amount;
}

describe.each(BACKENDS)('two stores on one database (%s)', (backend) => {
  it('each reads its own edits at once and the other store’s edits once notified', async () => {
    const { a, b } = await twoStores(backend, `fresh_edits_${backend}`);
    const versionId = await importReference(a);
    // b reads first, so that PostgreSQL's b holds the version in memory
    const start = (await b.getVersion(SYSTEM_ACTOR, versionId)).revision;
    expect((await a.getVersion(SYSTEM_ACTOR, versionId)).revision).toBe(start);

    const afterA = await edit(a, versionId, -1_234_500);
    expect(afterA).toBe(start + 1);
    expect(await amountIn(a, versionId)).toBe(-1_234_500);
    await vi.waitFor(async () => {
      expect((await b.getVersion(SYSTEM_ACTOR, versionId)).revision).toBe(afterA);
    }, HEAR);
    expect(await amountIn(b, versionId)).toBe(-1_234_500);
    expect((await b.loadBudget(SYSTEM_ACTOR, versionId)).nodes.length).toBe(
      (await a.loadBudget(SYSTEM_ACTOR, versionId)).nodes.length,
    );

    // and the other way round: b's edit, read by b at once and by a once notified
    const afterB = await edit(b, versionId, -2_345_600);
    expect(afterB).toBe(afterA + 1);
    expect((await b.getVersion(SYSTEM_ACTOR, versionId)).revision).toBe(afterB);
    await vi.waitFor(async () => {
      expect((await a.getVersion(SYSTEM_ACTOR, versionId)).revision).toBe(afterB);
    }, HEAR);
    expect(await amountIn(a, versionId)).toBe(-2_345_600);

    // a change of the version's settings (not its revision) reaches the other store too
    await a.setVersionOptions(SYSTEM_ACTOR, versionId, { publicRead: true });
    expect((await a.getVersion(undefined, versionId)).publicRead).toBe(true);
    await vi.waitFor(async () => {
      expect((await b.getVersion(undefined, versionId)).publicRead).toBe(true);
    }, HEAR);
  });

  it('a revoked API token and an ended session stop working in both stores', async () => {
    const { a, b } = await twoStores(backend, `fresh_tokens_${backend}`);
    await a.addUser(SYSTEM_ACTOR, { name: 'kasse', password: 'ein-langes-passwort', role: 'kaemmerei' });
    const { token: sessionA, session } = await a.login('kasse', 'ein-langes-passwort');
    const { token: sessionB } = await b.login('kasse', 'ein-langes-passwort');
    const one = await a.createApiToken(session.actor, 'eins');
    const two = await a.createApiToken(session.actor, 'zwei');
    for (const store of [a, b]) {
      for (const t of [one.token, two.token]) expect((await store.checkApiToken(t)).ok).toBe(true);
      for (const t of [sessionA, sessionB]) expect((await store.session(t))?.actor.name).toBe('kasse');
    }

    // revoked in a: refused by a at once, by b once notified
    await a.revokeApiToken(session.actor, one.id);
    expect(await a.checkApiToken(one.token)).toMatchObject({ ok: false, reason: 'revoked' });
    await vi.waitFor(async () => {
      expect(await b.checkApiToken(one.token)).toMatchObject({ ok: false, reason: 'revoked' });
    }, HEAR);
    // revoked in b: refused by b at once, by a once notified
    await b.revokeApiToken(session.actor, two.id);
    expect(await b.checkApiToken(two.token)).toMatchObject({ ok: false, reason: 'revoked' });
    await vi.waitFor(async () => {
      expect(await a.checkApiToken(two.token)).toMatchObject({ ok: false, reason: 'revoked' });
    }, HEAR);

    // a signs out: its session is gone in a at once, in b once notified
    await a.logout(sessionA);
    expect(await a.session(sessionA)).toBeUndefined();
    await vi.waitFor(async () => {
      expect(await b.session(sessionA)).toBeUndefined();
    }, HEAR);
    expect((await b.session(sessionB))?.actor.name).toBe('kasse');

    // a password change ends every session of the user, also the one b keeps in memory
    await a.setPassword(SYSTEM_ACTOR, 'kasse', 'ein-neues-langes-passwort');
    await vi.waitFor(async () => {
      expect(await b.session(sessionB)).toBeUndefined();
    }, HEAR);

    // a removed user's new token stops working in both
    const { session: again } = await b.login('kasse', 'ein-neues-langes-passwort');
    await a.addUser(SYSTEM_ACTOR, { name: 'kasse2', password: 'ein-langes-passwort', role: 'kaemmerei' });
    const three = await b.createApiToken(again.actor, 'drei');
    expect((await a.checkApiToken(three.token)).ok).toBe(true);
    await b.removeUser(SYSTEM_ACTOR, 'kasse');
    expect(await b.checkApiToken(three.token)).toMatchObject({ ok: false, reason: 'unknown' });
    await vi.waitFor(async () => {
      expect(await a.checkApiToken(three.token)).toMatchObject({ ok: false, reason: 'unknown' });
    }, HEAR);
  });
});

describe('PostgreSQL: the listening connection', () => {
  it('keeps answers only while it listens, and listens again after it was ended', async () => {
    const { a, b } = await twoStores('postgres', 'fresh_listener');
    const versionId = await importReference(a);
    expect(b.freshness.live).toBe(true);
    const pid = b.freshness.pid;
    expect(pid).toBeTypeOf('number');

    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
      expect(rows[0]?.ok).toBe(true);
    } finally {
      await admin.end();
    }
    // b notices that the connection is gone (and keeps nothing meanwhile), then listens on a new one
    await vi.waitFor(() => {
      expect(b.freshness.live).toBe(true);
      expect(b.freshness.pid).not.toBe(pid);
    }, HEAR);
    expect(b.freshness.reconnects).toBeGreaterThanOrEqual(1);

    const before = (await b.getVersion(SYSTEM_ACTOR, versionId)).revision;
    const after = await edit(a, versionId, -3_456_700);
    expect(after).toBe(before + 1);
    await vi.waitFor(async () => {
      expect((await b.getVersion(SYSTEM_ACTOR, versionId)).revision).toBe(after);
    }, HEAR);
    expect(await amountIn(b, versionId)).toBe(-3_456_700);
  });

  it('keeps nothing when the database sends no notices (not migrated to 0006)', async () => {
    const { a } = await twoStores('postgres', 'fresh_unmigrated');
    const versionId = await importReference(a);
    // as if the database had not been migrated: no trigger function, no triggers, no notices
    await sql`DROP FUNCTION haushalt_notify_change() CASCADE`.execute(a.db);
    const c = await openStore({ url: TEST_DATABASE_URL, schema: a.opened.schema!, migrate: false });
    opened.push(c);
    await c.freshness.started;
    expect(c.freshness.live).toBe(false);
    const before = (await c.getVersion(SYSTEM_ACTOR, versionId)).revision;
    const after = await edit(a, versionId, -4_567_800);
    expect(after).toBe(before + 1);
    // no waiting: c asks the database every time
    expect((await c.getVersion(SYSTEM_ACTOR, versionId)).revision).toBe(after);
    expect(await amountIn(c, versionId)).toBe(-4_567_800);
  });
});
