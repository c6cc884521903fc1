/**
 * The first start without `../shared`: an empty embedded store gets the synthetic demo budget, named as such,
 * readable without an account, with an invented municipality and a Jahresergebnis on its start page; a store
 * that holds a budget, `--no-sample` and the sample beside the checkout keep their behaviour.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_BUDGET_NAME, DEMO_MUNICIPALITY } from '../core/demo.js';
import { SYSTEM_ACTOR } from '../core/workflow.js';
import { budgetSummary } from '../server/overview.js';
import type { Store } from '../store/api.js';
import { openStore } from '../store/store.js';
import { REFERENCE } from '../../test/paths.js';
import { seedFirstStart } from './seed.js';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const said: string[] = [];
const io = { out: (s: string) => said.push(s), err: (s: string) => said.push(s) };

describe('the first start', () => {
  it('without the sample makes the synthetic demo budget, public and plainly marked', async () => {
    store = await openStore({ url: 'sqlite::memory:' });
    await seedFirstStart(store, '/nirgends/kein-beispiel.txt', io);
    const budgets = await store.listBudgets(undefined);
    expect(budgets.map((b) => b.name)).toEqual([DEMO_BUDGET_NAME]);
    const [version] = await store.listVersions(undefined, budgets[0]!.id);
    expect(version!.publicRead).toBe(true);
    expect(version!.label).toContain('erfundene Zahlen');
    const budget = await store.loadBudget(undefined, version!.id);
    expect(budget.nodes.filter((n) => n.level === 'produkt').length).toBe(24);
    expect(JSON.stringify(budget.nodes.map((n) => n.beschreibung ?? null))).toContain(DEMO_MUNICIPALITY);
    const summary = budgetSummary(budget);
    expect(summary.overview?.jahresergebnis.some((v) => v !== null)).toBe(true);
    expect(said.join('')).toContain('synthetischer Demohaushalt (synthetisch) angelegt');
    // once only
    await seedFirstStart(store, '/nirgends/kein-beispiel.txt', io);
    expect((await store.listBudgets(undefined)).length).toBe(1);
  }, 60_000);

  it('with the sample reads the sample, and with --no-sample nothing', async () => {
    store = await openStore({ url: 'sqlite::memory:' });
    await seedFirstStart(store, false, io);
    expect(await store.listBudgets(SYSTEM_ACTOR)).toEqual([]);
    await seedFirstStart(store, REFERENCE, io);
    const names = (await store.listBudgets(SYSTEM_ACTOR)).map((b) => b.name);
    expect(names).toHaveLength(1);
    expect(names[0]).not.toBe(DEMO_BUDGET_NAME);
  }, 60_000);
});
