/**
 * A database of a benchmark's own, removed afterwards: SQLite in a temporary folder, or with `postgres` a
 * schema of its own in TEST_DATABASE_URL (default the loopback test server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { StoreOptions } from '../src/store/store.js';

export interface ScratchDatabase {
  /** Where to open the store. */
  readonly at: StoreOptions & { readonly url: string };
  /** Drops the schema or removes the folder. */
  readonly cleanup: () => Promise<void>;
}

export function scratchDatabase(postgres: boolean, name: string): ScratchDatabase {
  if (postgres) {
    const url = process.env.TEST_DATABASE_URL ?? 'postgres://haushalt:haushalt@127.0.0.1:5432/haushalt_test';
    const schema = `bench_${name}_${process.pid}`;
    return {
      at: { url, schema },
      cleanup: async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `haushalt-bench-${name}-`));
  return {
    at: { url: `sqlite:${path.join(dir, 'store.sqlite')}` },
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}
