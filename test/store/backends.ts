/**
 * The two backends every store test runs on: SQLite in a temporary file, and PostgreSQL
 * (`TEST_DATABASE_URL`, default the loopback server `scripts/setup-postgres.sh` starts) in a schema of the
 * test's own, dropped first, so that test files run in parallel without seeing each other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { StoreError } from '../../src/store/api.js';
import { openStore, type KyselyStore } from '../../src/store/store.js';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://haushalt:haushalt@127.0.0.1:5432/haushalt_test';

export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

const cleanups: (() => Promise<void> | void)[] = [];

/** A new, empty, migrated store; `name` makes the PostgreSQL schema unique per test. */
export async function freshStore(backend: Backend, name: string): Promise<KyselyStore> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'haushalt-store-'));
    cleanups.push(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    return openStore({ url: `sqlite:${join(dir, 'store.sqlite')}` });
  }
  const schema = `t_${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 60);
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL für die Store-Tests nicht erreichbar (${TEST_DATABASE_URL}): ${(err as Error).message}. ` +
        'scripts/setup-postgres.sh startet ihn (als root), oder TEST_DATABASE_URL setzen.',
    );
  }
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
  return openStore({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
}

/**
 * A second store on the database of `store`, as a second server process would open it (its caches empty);
 * closed by `cleanupStores`. Resolves once it listens for changes (PostgreSQL).
 */
export async function secondStore(store: KyselyStore): Promise<KyselyStore> {
  const other =
    store.dialect === 'sqlite'
      ? await openStore({ url: `sqlite:${store.opened.location}` })
      : await openStore({ url: TEST_DATABASE_URL, schema: store.opened.schema!, poolSize: 4 });
  cleanups.unshift(() => other.close());
  await Promise.all([store.freshness.started, other.freshness.started]);
  return other;
}

export async function cleanupStores(): Promise<void> {
  for (const c of cleanups.splice(0)) await c();
}

/** Awaits a promise that must fail with a `StoreError` of `code`; the error. */
export async function rejects(promise: Promise<unknown>, code: StoreError['code']): Promise<StoreError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected StoreError ${code}`).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
  return err as StoreError;
}
