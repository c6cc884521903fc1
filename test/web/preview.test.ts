/**
 * The page's preview of a cell edit (`web/src/preview.ts`) against what the server then stores: for random
 * editable cells of the reference, of a generated budget with Produktgruppen and of Köln 2013 (expenses
 * printed positive, its own line schema), the previewed cells of the node and its ancestors must be exactly
 * the server's changed cells there, amounts, decimals and scales (a budget printed in T€ too), and the
 * preview's `old` the amount before.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditResult, Store, StoredCell } from '../../src/store/api.js';
import { sameColumn, type Budget } from '../../src/core/model.js';
import { previewCellEdit } from '../../web/src/preview.js';
import type { NodeView } from '../../web/src/api.js';
import { koelnBudget } from '../fixtures.js';
import { teurBudget } from '../thousands-fixture.js';
import {
  USERS,
  addUsers,
  call,
  generatedBudget,
  importAt,
  login,
  memoryServer,
  referenceBudget,
  type Client,
} from '../server/helpers.js';

let app: FastifyInstance;
let store: Store;
let close: () => Promise<void>;
let kaemmerei: Client;

beforeAll(async () => {
  const s = await memoryServer();
  app = s.app;
  store = s.store;
  close = async () => {
    await app.close();
    await s.store.close();
  };
  await addUsers(s.store);
  kaemmerei = await login(app, USERS.kaemmerei.name);
}, 60_000);
afterAll(async () => {
  await close?.();
});

async function view(version: number, code: string): Promise<NodeView> {
  const r = await call(app, kaemmerei, 'GET', `/api/versions/${version}/nodes/${encodeURIComponent(code)}`);
  expect(r.statusCode).toBe(200);
  return r.json<NodeView>();
}

interface Editable {
  readonly node: string;
  readonly plan: NodeView['plans'][number]['type'];
  readonly line: string;
  readonly column: { kind: 'ansatz' | 'planung'; year: number };
}

/** Every editable Ansatz/Planung cell of the version, from the views the page would load. */
async function editableCells(version: number, codes: readonly string[]): Promise<Editable[]> {
  const out: Editable[] = [];
  for (const code of codes) {
    const v = await view(version, code);
    for (const p of v.plans)
      for (const l of p.lines)
        if (l.editable)
          for (const c of p.columns)
            if (c.kind === 'ansatz' || c.kind === 'planung')
              out.push({ node: code, plan: p.type, line: l.line, column: { kind: c.kind, year: c.year } });
  }
  return out;
}

const key = (c: Pick<StoredCell, 'node' | 'plan' | 'line' | 'column'>): string =>
  `${c.node}|${c.plan}|${c.line}|${c.column.kind}:${c.column.year}`;

/**
 * Edits random editable cells of the version one after the other and compares each preview, made from the
 * views as the page would hold them at that moment, with the server's answer. Returns how many previewed
 * cells lay above the edited node (to show the ancestors were covered).
 */
async function previewMatchesServer(version: number, runs: number, seed: number): Promise<number> {
  const tree = await call(app, kaemmerei, 'GET', `/api/versions/${version}/nodes`);
  const codes: string[] = [];
  const walk = (nodes: readonly { code: string; children: readonly never[] }[]): void => {
    for (const n of nodes) {
      codes.push(n.code);
      walk(n.children);
    }
  };
  walk(tree.json<{ tree: { code: string; children: never[] }[] }>().tree);
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
      async (i, amount) => {
        const target = cells[i]!;
        const shown = await view(version, target.node);
        const views = new Map<string, NodeView>([[shown.code, shown]]);
        for (const p of shown.path) views.set(p.code, await view(version, p.code));
        const edit = { ...target, amount };
        const preview = previewCellEdit(views, edit);
        const plan = shown.plans.find((p) => p.type === target.plan)!;
        const cell = plan.lines.find((l) => l.line === target.line)!.cells[
          plan.columns.findIndex((c) => sameColumn(c, target.column))
        ]!;
        const r = await call(app, kaemmerei, 'PUT', `/api/versions/${version}/cells`, {
          ...edit,
          rev: cell.rev,
          reason: 'Vorschau gegen Server',
        });
        expect(r.statusCode, r.body).toBe(200);
        const held = new Set(views.keys());
        const answer = r
          .json<EditResult>()
          .changed.filter((c) => held.has(c.node))
          .map((c) => ({ key: key(c), amount: c.amount, decimals: c.decimals, scale: c.scale ?? null }));
        expect(
          preview.map((c) => ({ key: key(c), amount: c.amount, decimals: c.decimals, scale: c.scale })),
        ).toEqual(answer);
        expect(preview[0]!.old).toBe(cell.amount);
        // the old amounts are the views' amounts: the server's answer minus the change
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
    it(`equals the server's answer on the node and its ancestors (${name})`, async () => {
      const v = await importAt(store, await load(), 'entwurf', name);
      const above = await previewMatchesServer(v.id, runs, 20261202);
      expect(above).toBeGreaterThan(0);
    }, 120_000);

  it('changes nothing but the cell when the amount stays, and nothing for an unknown cell', async () => {
    const v = await importAt(store, await referenceBudget(), 'entwurf', 'Unverändert');
    const codes = (await call(app, kaemmerei, 'GET', `/api/versions/${v.id}/nodes`)).json<{
      tree: { code: string }[];
    }>().tree;
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
