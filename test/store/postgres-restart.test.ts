/**
 * PostgreSQL ends the store's idle connections (a restart of the database server, an administrator's
 * `pg_terminate_backend`): the process carries on, and the next request connects anew. Before, the pool's
 * unhandled `error` event ended the whole server.
 */
import pg from 'pg';
import { afterAll, expect, it, vi } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { freshPostgres, generatedBudget } from '../server/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

it('survives the database ending its idle connections, and answers the next request', async () => {
  const { url, drop } = await freshPostgres();
  cleanups.push(drop);
  const store = await openStore({ url });
  const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const v = await store.importBudget(SYSTEM_ACTOR, { budget: generatedBudget(2), name: 'Neustart' });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ n: string }>(
        `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      expect(Number(rows[0]!.n)).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // the idle clients learn of it asynchronously
    await vi.waitFor(() => {
      expect(logged).toHaveBeenCalledWith(expect.stringMatching(/PostgreSQL-Verbindung beendet/u));
    });
    expect((await store.getVersion(SYSTEM_ACTOR, v.id)).id).toBe(v.id);
  } finally {
    logged.mockRestore();
    await store.close();
  }
});
