/**
 * PostgreSQL: a database where another schema already holds Haushalt's tables (a second installation, a test's
 * schema) still gets its own tables in the default schema. Kysely's migrator looks for its lock table in every
 * schema unless it is named one; it found the other schema's and did not create it (`relation
 * "haushalt_migration_lock" does not exist`).
 */
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { openStore } from '../../src/store/store.js';
import { freshPostgres, generatedBudget } from '../server/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

it('migrates the default schema when another schema of the database has the tables already', async () => {
  const { url, drop } = await freshPostgres();
  cleanups.push(drop);
  const other = await openStore({ url, schema: 'andere_installation' });
  await other.close();
  const store = await openStore({ url });
  try {
    const v = await store.importBudget(SYSTEM_ACTOR, { budget: generatedBudget(3), name: 'Standardschema' });
    expect((await store.getVersion(SYSTEM_ACTOR, v.id)).id).toBe(v.id);
  } finally {
    await store.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_schema: string }>(
      "select table_schema from information_schema.tables where table_name = 'haushalt_migration_lock' order by 1",
    );
    expect(rows.map((r) => r.table_schema)).toEqual(['andere_installation', 'public']);
  } finally {
    await client.end();
  }
});
