/**
 * The page's preview of a cell edit (`web/src/preview.ts`) against what the store then stores, without a
 * server: the views are the node views the API would send (`loadNodeView` over a real SQLite store, as JSON),
 * the edits go to the same store (`editCell`). For random editable cells of the reference, of a generated
 * budget with Produktgruppen, of Köln 2013 (expenses printed positive, its own line schema) and of a budget
 * printed in T€, the previewed cells of the node and its ancestors must be exactly the store's changed cells
 * there, amounts, decimals and scales, and the preview's `old` the amount before. Both walk with `walkEdit`
 * (`src/core/edit-walk.ts`), over different ports: this test fails when the ports differ.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameColumn, type Budget } from '../../src/core/model.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/core/workflow.js';
import { loadNodeView } from '../../src/server/routes/nodes.js';
import type { StoredCell } from '../../src/store/api.js';
import { openStore, type KyselyStore } from '../../src/store/store.js';
import type { NodeView } from '../../web/src/api.js';
import { previewCellEdit } from '../../web/src/preview.js';
import { koelnBudget } from '../fixtures.js';
import { generatedBudget, importAt, referenceBudget } from '../server/helpers.js';
import { teurBudget } from '../thousands-fixture.js';

let store: KyselyStore;
let kaemmerei: Actor;

beforeAll(async () => {
  store = await openStore({ url: 'sqlite::memory:' });
  await store.addUser(SYSTEM_ACTOR, {
    name: 'kaemmerin',
    role: 'kaemmerei',
    password: 'Vorschau-Passwort-2026!',
  });
  kaemmerei = (await store.login('kaemmerin', 'Vorschau-Passwort-2026!')).session.actor;
}, 60_000);
afterAll(async () => {
  await store?.close();
});

/** The node view as the page receives it (JSON). */
async function view(version: number, code: string): Promise<NodeView> {
  return JSON.parse(JSON.stringify(await loadNodeView(store, kaemmerei, version, code))) as NodeView;
}

interface Editable {
  readonly node: string;
  readonly plan: NodeView['plans'][number]['type'];
  readonly line: string;
  readonly column: { kind: 'ansatz' | 'planung'; year: number };
}

/**
 * Every editable Ansatz/Planung cell of the version, from the views the page would load: not the columns the
 * entry rules lock (the Ansatz of the year before, `locked`).
 */
async function editableCells(version: number, codes: readonly string[]): Promise<Editable[]> {
  const out: Editable[] = [];
  for (const code of codes) {
    const v = await view(version, code);
    for (const p of v.plans)
      for (const l of p.lines)
        if (l.editable)
          for (const c of p.columns)
            if ((c.kind === 'ansatz' || c.kind === 'planung') && c.locked === null)
              out.push({ node: code, plan: p.type, line: l.line, column: { kind: c.kind, year: c.year } });
  }
  return out;
}

const key = (c: Pick<StoredCell, 'node' | 'plan' | 'line' | 'column'>): string =>
  `${c.node}|${c.plan}|${c.line}|${c.column.kind}:${c.column.year}`;

/**
 * Edits random editable cells of the version one after the other and compares each preview, made from the
 * views as the page would hold them at that moment, with the store's answer. Returns how many previewed
 * cells lay above the edited node (to show the ancestors were covered).
 */
async function previewMatchesStore(version: number, runs: number, seed: number): Promise<number> {
  const codes = (await store.listNodes(kaemmerei, version)).map((n) => n.code);
  const cells = await editableCells(version, codes);
  expect(cells.length).toBeGreaterThan(0);
  let above = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: cells.length - 1 }),
      fc.oneof(
        fc.integer({ min: -5_000_000, max: 5_000_000 }).map((e) => e * 100),
        fc.integer({ min: -500_000_000, max: 500_000_000 }),
        // whole thousands: a cell printed in T€ stays so
        fc.integer({ min: -5_000, max: 5_000 }).map((t) => t * 100_000),
      ),
      async (i, any) => {
        const target = cells[i]!;
        const shown = await view(version, target.node);
        const views = new Map<string, NodeView>([[shown.code, shown]]);
        for (const p of shown.path) views.set(p.code, await view(version, p.code));
        const plan = shown.plans.find((p) => p.type === target.plan)!;
        // a whole-euro plan takes whole euros (entry-rules.ts); a T€ plan any amount in euros
        const amount = plan.wholeEuros ? any - (any % 100) : any;
        const edit = { ...target, amount };
        const preview = previewCellEdit(views, edit);
        const cell = plan.lines.find((l) => l.line === target.line)!.cells[
          plan.columns.findIndex((c) => sameColumn(c, target.column))
        ]!;
        const result = await store.editCell(kaemmerei, version, {
          ...edit,
          rev: cell.rev,
          reason: 'Vorschau gegen Speicher',
        });
        const held = new Set(views.keys());
        const answer = result.changed
          .filter((c) => held.has(c.node))
          .map((c) => ({ key: key(c), amount: c.amount, decimals: c.decimals, scale: c.scale ?? null }));
        expect(
          preview.map((c) => ({ key: key(c), amount: c.amount, decimals: c.decimals, scale: c.scale })),
        ).toEqual(answer);
        expect(preview[0]!.old).toBe(cell.amount);
        // the old amounts are the views' amounts: the store's answer minus the change
        for (const c of preview.slice(1)) expect(c.old).not.toBeNull();
        above += preview.filter((c) => c.node !== target.node).length;
      },
    ),
    { numRuns: runs, seed },
  );
  return above;
}

describe('preview of a cell edit', () => {
  const cases: [string, () => Promise<Budget>, number][] = [
    ['Referenz', referenceBudget, 25],
    ['Generiert', () => Promise.resolve(generatedBudget(24)), 25],
    ['Köln 2013', koelnBudget, 15],
    ['T€', () => Promise.resolve(teurBudget()), 25],
  ];
  for (const [name, load, runs] of cases)
    it(`equals the store's changed cells on the node and its ancestors (${name})`, async () => {
      const v = await importAt(store, await load(), 'entwurf', name);
      const above = await previewMatchesStore(v.id, runs, 20261202);
      expect(above).toBeGreaterThan(0);
    }, 120_000);

  it('changes nothing but the cell when the amount stays, and nothing for an unknown cell', async () => {
    const v = await importAt(store, await referenceBudget(), 'entwurf', 'Unverändert');
    const codes = (await store.listNodes(kaemmerei, v.id)).filter((n) => n.parent === null);
    const [target] = await editableCells(v.id, [
      codes[0]!.code,
      ...(await view(v.id, codes[0]!.code)).children.map((c) => c.code),
    ]);
    const shown = await view(v.id, target!.node);
    const plan = shown.plans.find((p) => p.type === target!.plan)!;
    const i = plan.columns.findIndex((c) => c.kind === target!.column.kind && c.year === target!.column.year);
    const amount = plan.lines.find((l) => l.line === target!.line)!.cells[i]!.amount ?? 0;
    const views = new Map([[shown.code, shown]]);
    expect(previewCellEdit(views, { ...target!, amount })).toHaveLength(1);
    expect(previewCellEdit(views, { ...target!, line: 'keine', amount })).toEqual([]);
    expect(previewCellEdit(views, { ...target!, column: { kind: 'ansatz', year: 1900 }, amount })).toEqual(
      [],
    );
  });
});
