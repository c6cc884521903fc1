/**
 * Node views without the whole version (issue 16): `loadBudget(…, { around })` loads every node's place and
 * only the node's neighbourhood whole, and one node's findings are found from it. Run against a second store
 * on the same database whose caches are empty (as after a restart), everything must equal what the whole
 * version gives: the node and its children, every node's place, each node's findings, and what a Fachbereich
 * reader may see.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Budget, BudgetNode } from '../../src/core/model.js';
import { generateBudget } from '../../src/generate/index.js';
import { importText } from '../../src/importers/text/index.js';
import type { KyselyStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/core/workflow.js';
import { REFERENCE } from '../paths.js';
import { teurBudget } from '../thousands-fixture.js';
import { BACKENDS, cleanupStores, freshStore, rejects, secondStore } from './backends.js';

afterAll(cleanupStores);

const imported = (text: string, file: string): Budget => {
  const r = importText(text, file);
  if (!r.ok) throw new Error(`${file} did not import`);
  return r.budget;
};

const BUDGETS: readonly (readonly [string, () => Budget])[] = [
  ['reference', () => imported(readFileSync(REFERENCE, 'utf8'), 'kreis-coesfeld-2026-pb43.txt')],
  ['generated', () => imported(generateBudget({ products: 12, seed: 3 }), 'generiert.txt')],
  ['thousands', teurBudget], // with a Gesamtplan: its neighbourhood is the top nodes
];

const place = (n: BudgetNode) => ({ code: n.code, level: n.level, name: n.name, parent: n.parent });

describe.each(BACKENDS)('node neighbourhoods (%s)', (backend) => {
  it.each(BUDGETS)('equal the whole version node by node (%s budget)', async (name, make) => {
    const warm = await freshStore(backend, `around_${name}_${backend}`);
    const budget = make();
    const { id } = await warm.importBudget(SYSTEM_ACTOR, { budget, name });
    const cold: KyselyStore = await secondStore(warm);
    const whole = await warm.loadBudget(SYSTEM_ACTOR, id);
    await warm.findings(SYSTEM_ACTOR, id); // the whole version checked: node findings from its index
    expect(budget.nodes.some((n) => n.level === 'haushalt')).toBe(name === 'thousands');
    for (const node of whole.nodes) {
      const around = await cold.loadBudget(SYSTEM_ACTOR, id, { around: node.code });
      expect(around.nodes.map(place), node.code).toEqual(whole.nodes.map(place));
      expect({ ...around, nodes: [] }).toEqual({ ...whole, nodes: [] });
      const wanted = whole.nodes.filter(
        (n) =>
          n.code === node.code ||
          n.parent === node.code ||
          (node.level === 'haushalt' && n.level !== 'haushalt' && n.parent === undefined),
      );
      for (const n of wanted)
        expect(
          around.nodes.find((x) => x.code === n.code),
          n.code,
        ).toEqual(n);
      expect(await cold.findings(SYSTEM_ACTOR, id, { node: node.code }), node.code).toEqual(
        await warm.findings(SYSTEM_ACTOR, id, { node: node.code }),
      );
    }
  });

  it('shows a Fachbereich reader its Produktbereiche only', async () => {
    const warm = await freshStore(backend, `around_scope_${backend}`);
    const budget = imported(generateBudget({ products: 40, seed: 3 }), 'generiert.txt');
    const { id } = await warm.importBudget(SYSTEM_ACTOR, { budget, name: 'Bereiche' });
    await warm.setVersionOptions(SYSTEM_ACTOR, id, { fachbereichEdit: true }); // the Fachbereiche read it
    const pbs = budget.nodes.filter((n) => n.level === 'produktbereich').map((n) => n.code);
    expect(pbs.length).toBeGreaterThanOrEqual(2);
    const fb: Actor = { id: 1, name: 'fb', role: 'fachbereich', produktbereiche: [pbs[0]!] };
    const cold = await secondStore(warm);
    const mine = await warm.loadBudget(fb, id);
    const child = mine.nodes.find((n) => n.parent === pbs[0])!;
    const around = await cold.loadBudget(fb, id, { around: child.code });
    expect(around.nodes.map(place)).toEqual(mine.nodes.map(place));
    expect(around.nodes.find((n) => n.code === child.code)).toEqual(child);
    expect(await cold.findings(fb, id, { node: child.code })).toEqual(
      await warm.findings(fb, id, { node: child.code }),
    );
    await rejects(cold.loadBudget(fb, id, { around: pbs[1]! }), 'not-found');
    await rejects(cold.findings(fb, id, { node: pbs[1]! }), 'not-found');
  });
});
