/**
 * The parts of a budget (Rücklagen, Stellenplan) are kept with the version and read back whole, on both
 * backends, also by a second store on the same database (its caches empty): Münster's real tables.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { importFiles } from '../../src/importers/index.js';
import type { KyselyStore } from '../../src/store/store.js';
import { DATA, REFERENCE } from '../paths.js';
import { BACKENDS, cleanupStores, freshStore, secondStore } from './backends.js';

const opened: KyselyStore[] = [];
afterAll(async () => {
  for (const s of opened.splice(0)) await s.close();
  await cleanupStores();
});

describe.each(BACKENDS)('the parts in the store (%s)', (backend) => {
  it('keeps the Rücklagen and the Stellenplan with the version, for a second store too', async () => {
    const r = await importFiles([
      REFERENCE,
      path.join(DATA, 'muenster-2026/ruecklagen_2024_2030.csv'),
      path.join(DATA, 'muenster-2026/stellenplan_2026_2027.csv'),
    ]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const store = await freshStore(backend, 'parts_kept');
    opened.push(store);
    const { id } = await store.importBudget(SYSTEM_ACTOR, { budget: r.budget, name: 'Mit Teilen' });
    const back = await store.loadBudget(SYSTEM_ACTOR, id);
    expect(back.parts).toEqual(r.budget.parts);
    const other = await secondStore(store);
    expect((await other.loadBudget(SYSTEM_ACTOR, id)).parts).toEqual(r.budget.parts);
    expect(back.parts?.stellenplan?.rows).toHaveLength(79);
  });
});
