/**
 * Changes of several cells at once (issue 16, `Store.editCells`), on SQLite and PostgreSQL alike: one
 * transaction, one revision, one audit group; the same budget as the same changes made one by one; all or
 * nothing, the refusal naming the cell; rights per cell; a limit of cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/core/check/index.js';
import { MAX_EDIT_CELLS } from '../../src/core/apply-cells.js';
import type { Budget, Column, PlanType } from '../../src/core/model.js';
import { cellOf, planOf } from '../../src/core/model.js';
import { changesOf as movesOf, editRefusal } from '../../src/core/propagate.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/core/workflow.js';
import { toTidyCsv } from '../../src/exporters/tidy-csv.js';
import { generateBudget } from '../../src/generate/index.js';
import { importText } from '../../src/importers/text/index.js';
import type { CellChange } from '../../src/store/api.js';
import { KyselyStore, findingKey } from '../../src/store/store.js';
import { BACKENDS, cleanupStores, freshStore, rejects } from './backends.js';

afterAll(cleanupStores);

function generated(): Budget {
  const r = importText(generateBudget({ products: 12, seed: 11 }), 'generiert.txt');
  if (!r.ok) throw new Error('generated import failed');
  return r.budget;
}

const PLAN: PlanType = 'teilergebnisplan';

/** Editable printed cells of the planning years, by node: what a projection changes. */
function planningCells(budget: Budget): Map<string, { line: string; column: Column; amount: number }[]> {
  const out = new Map<string, { line: string; column: Column; amount: number }[]>();
  for (const n of budget.nodes) {
    const plan = planOf(n, PLAN);
    if (!plan) continue;
    for (const l of plan.lines) {
      if (editRefusal(budget, { node: n.code, plan: PLAN, line: l.line })) continue;
      for (const c of l.cells) {
        if (c.column.kind !== 'planung') continue;
        const list = out.get(n.code) ?? [];
        list.push({ line: l.line, column: c.column, amount: c.amount });
        out.set(n.code, list);
      }
    }
  }
  return out;
}

/** Every printed Teilergebnisplan cell of a budget by `node|line|kind:year`. */
function amountsOf(budget: Budget): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of budget.nodes)
    for (const l of planOf(n, PLAN)?.lines ?? [])
      for (const c of l.cells) out.set(`${n.code}|${l.line}|${c.column.kind}:${c.column.year}`, c.amount);
  return out;
}

function amountAt(budget: Budget, node: string, line: string, column: Column): number | undefined {
  const l = planOf(
    budget.nodes.find((n) => n.code === node)!,
    PLAN,
  )?.lines.find((x) => x.line === line);
  return l ? cellOf(l, column)?.amount : undefined;
}

describe.each(BACKENDS)('cell changes on %s', (backend) => {
  let store: KyselyStore;
  let budget: Budget;
  let cells: Map<string, { line: string; column: Column; amount: number }[]>;
  let nodes: string[];
  const tops = (): string[] => budget.nodes.filter((n) => n.parent === undefined).map((n) => n.code);

  beforeAll(async () => {
    store = await freshStore(backend, `cells_${backend}`);
    budget = generated();
    cells = planningCells(budget);
    nodes = [...cells.keys()];
    expect(nodes.length).toBeGreaterThan(2);
  }, 60_000);
  afterAll(() => store.close());

  /** Changes of every planning cell of `codes`: each amount moved by `by` euros (as cents). */
  async function changesOf(versionId: number, codes: readonly string[], by: number): Promise<CellChange[]> {
    const out: CellChange[] = [];
    for (const code of codes) {
      const detail = await store.getNode(SYSTEM_ACTOR, versionId, code);
      for (const c of cells.get(code)!)
        out.push({
          node: code,
          plan: PLAN,
          line: c.line,
          column: c.column,
          amount: c.amount + by,
          rev: detail.cellRevs[`${PLAN}|${c.line}|${c.column.kind}:${c.column.year}`] ?? 0,
        });
    }
    return out;
  }

  it('writes all cells and their totals in one revision, as the same changes one by one would', async () => {
    const together = await store.importBudget(SYSTEM_ACTOR, { budget, name: 'Zusammen' });
    const oneByOne = await store.importBudget(SYSTEM_ACTOR, { budget, name: 'Einzeln' });
    await store.findings(SYSTEM_ACTOR, together.id); // checked: the change below is rechecked
    const codes = nodes.slice(0, 3);
    const changes = await changesOf(together.id, codes, -12_300);
    expect(changes.length).toBeGreaterThan(3);
    const result = await store.editCells(SYSTEM_ACTOR, together.id, {
      changes,
      reason: 'Fortschreibung der Planungsjahre',
    });
    expect(result.revision).toBe(together.revision + 1);
    expect((await store.getVersion(SYSTEM_ACTOR, together.id)).revision).toBe(together.revision + 1);
    let effect = 0;
    for (const c of await changesOf(oneByOne.id, codes, -12_300))
      effect += (await store.editCell(SYSTEM_ACTOR, oneByOne.id, { ...c, reason: 'einzeln' }))
        .jahresergebnisEffect;
    expect(result.jahresergebnisEffect).toBe(effect);
    const a = await store.loadBudget(SYSTEM_ACTOR, together.id);
    expect(toTidyCsv(a)).toBe(toTidyCsv(await store.loadBudget(SYSTEM_ACTOR, oneByOne.id)));
    expect(toTidyCsv(a)).not.toBe(toTidyCsv(budget));
    // the cache patched here holds what the database holds; the findings are those of a full check
    expect(toTidyCsv(await new KyselyStore(store.opened).loadBudget(SYSTEM_ACTOR, together.id))).toBe(
      toTidyCsv(a),
    );
    expect((await store.findings(SYSTEM_ACTOR, together.id)).open.map((f) => f.key)).toEqual(
      check(a).map(findingKey),
    );
    // the findings of the changed nodes, from the version's findings now that they are checked
    const mine = await store.findings(SYSTEM_ACTOR, together.id, { nodes: codes });
    expect(mine.open.map((f) => f.key)).toEqual(
      check(a)
        .filter((f) => f.node !== undefined && codes.includes(f.node))
        .map(findingKey),
    );
    expect(mine.open.length).toBeGreaterThan(0);
    for (const c of changes) expect(amountAt(a, c.node, c.line, c.column)).toBe(c.amount);
    // the edited cells and every total moved are in the answer, each once
    const keys = result.changed.map((c) => `${c.node}|${c.plan}|${c.line}|${c.column.kind}:${c.column.year}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(result.changed.length).toBeGreaterThan(changes.length);
    // one audit entry per cell, all in one group with the one reason
    const audit = (await store.audit(SYSTEM_ACTOR, { versionId: together.id })).filter(
      (e) => e.action === 'cell',
    );
    expect(audit).toHaveLength(changes.length);
    expect(new Set(audit.map((e) => e.group))).toEqual(new Set([result.group]));
    expect(result.group).toBe(`${together.id}@${result.revision}`);
    expect(audit.every((e) => e.reason === 'Fortschreibung der Planungsjahre')).toBe(true);
    // single edits stay without a group
    const single = (await store.audit(SYSTEM_ACTOR, { versionId: oneByOne.id })).filter(
      (e) => e.action === 'cell',
    );
    expect(single.map((e) => e.group)).toEqual(single.map(() => null));
  }, 60_000);

  it('writes nothing when one cell is refused, and names that cell', async () => {
    const v = await store.importBudget(SYSTEM_ACTOR, { budget, name: 'Alles oder nichts' });
    const before = toTidyCsv(await store.loadBudget(SYSTEM_ACTOR, v.id));
    const auditBefore = (await store.audit(SYSTEM_ACTOR, { versionId: v.id })).length;
    const changes = await changesOf(v.id, nodes.slice(0, 2), 50_000);
    const last = changes.at(-1)!;
    // a stale revision on the last cell: a conflict with that cell as stored
    const stale = await rejects(
      store.editCells(SYSTEM_ACTOR, v.id, {
        changes: [...changes.slice(0, -1), { ...last, rev: last.rev + 5 }],
        reason: 'veraltet',
      }),
      'conflict',
    );
    expect(stale.message).toContain(`Zelle ${last.node}, Teilergebnisplan, Zeile ${last.line}`);
    expect(stale.message).toContain('Nichts wurde gespeichert.');
    expect(stale.current).toMatchObject({ node: last.node, line: last.line, rev: last.rev });
    // a total line among them: refused before anything is written
    const parent = budget.nodes.find((n) => n.code === last.node)!.parent!;
    const total = await rejects(
      store.editCells(SYSTEM_ACTOR, v.id, {
        changes: [...changes, { ...last, node: parent }],
        reason: 'Summe',
      }),
      'invalid',
    );
    expect(total.message).toContain(`Zelle ${parent}, Teilergebnisplan, Zeile ${last.line}`);
    // the same cell twice, an amount the store does not keep
    const twice = await rejects(
      store.editCells(SYSTEM_ACTOR, v.id, { changes: [...changes, last], reason: 'doppelt' }),
      'invalid',
    );
    expect(twice.message).toContain('mehrfach');
    await rejects(
      store.editCells(SYSTEM_ACTOR, v.id, { changes: [{ ...last, amount: 0.5 }], reason: 'Cent' }),
      'invalid',
    );
    await rejects(store.editCells(SYSTEM_ACTOR, v.id, { changes: [], reason: 'leer' }), 'invalid');
    const tooMany = await rejects(
      store.editCells(SYSTEM_ACTOR, v.id, {
        changes: Array.from({ length: MAX_EDIT_CELLS + 1 }, () => last),
        reason: 'zu viele',
      }),
      'invalid',
    );
    expect(tooMany.message).toContain('Höchstens');
    expect(toTidyCsv(await store.loadBudget(SYSTEM_ACTOR, v.id))).toBe(before);
    expect(toTidyCsv(await new KyselyStore(store.opened).loadBudget(SYSTEM_ACTOR, v.id))).toBe(before);
    expect(await store.audit(SYSTEM_ACTOR, { versionId: v.id })).toHaveLength(auditBefore);
    expect((await store.getVersion(SYSTEM_ACTOR, v.id)).revision).toBe(v.revision);
  }, 60_000);

  it('checks the rights per cell: a Fachbereich changes its own nodes only, and nothing when one is not', async () => {
    const v = await store.importBudget(SYSTEM_ACTOR, { budget, name: 'Rechte' });
    await store.setVersionOptions(SYSTEM_ACTOR, v.id, { fachbereichEdit: true });
    const [mine, theirs] = tops();
    const within = (top: string) => nodes.filter((c) => c === top || c.startsWith(`${top}.`));
    const own = within(mine!);
    const other = within(theirs!);
    expect(own.length).toBeGreaterThan(0);
    expect(other.length).toBeGreaterThan(0);
    const fb: Actor = { id: null, name: 'fb', role: 'fachbereich', produktbereiche: [mine!] };
    const mixed = await changesOf(v.id, [own[0]!, other[0]!], 100);
    const refused = await rejects(
      store.editCells(fb, v.id, { changes: mixed, reason: 'gemischt' }),
      'forbidden',
    );
    expect(refused.message).toContain(`Zelle ${other[0]!}`);
    expect(toTidyCsv(await store.loadBudget(SYSTEM_ACTOR, v.id))).toBe(toTidyCsv(budget));
    const result = await store.editCells(fb, v.id, {
      changes: await changesOf(v.id, [own[0]!], 100),
      reason: 'eigene',
    });
    // the totals of the whole budget moved too, but the Fachbereich sees its own nodes' cells only
    expect(result.changed.length).toBeGreaterThan(0);
    expect(result.changed.every((c) => c.node === mine || c.node.startsWith(`${mine!}.`))).toBe(true);
    // findings of the changed nodes: those a full check finds there
    const found = await store.findings(fb, v.id, { nodes: [own[0]!] });
    const full = check(await store.loadBudget(SYSTEM_ACTOR, v.id)).filter((f) => f.node === own[0]);
    expect(found.open.map((f) => f.key)).toEqual(full.map(findingKey));
    await rejects(store.findings(fb, v.id, { nodes: [own[0]!, other[0]!] }), 'not-found');
  }, 60_000);
  it('writes more cells than one statement holds: planning cells of 70 products, each total moved by the sum of its parts', async () => {
    const big = (() => {
      const r = importText(generateBudget({ products: 70, seed: 5 }), 'gross.txt');
      if (!r.ok) throw new Error('generated import failed');
      return r.budget;
    })();
    const v = await store.importBudget(SYSTEM_ACTOR, { budget: big, name: 'Groß' });
    const changes: CellChange[] = [];
    for (const [code, list] of planningCells(big))
      for (const [i, c] of list.slice(0, 6).entries())
        changes.push({
          node: code,
          plan: PLAN,
          line: c.line,
          column: c.column,
          amount: c.amount + 100 * (i + 1),
          rev: 0,
        });
    // more than the rows of one upsert (500) and the lookups of one SELECT (150 node, plan and column groups)
    expect(new Set(changes.map((c) => `${c.node}|${c.column.year}`)).size).toBeGreaterThan(150);
    expect(changes.length).toBeLessThanOrEqual(MAX_EDIT_CELLS);
    const revs = new Map<string, Record<string, number>>();
    for (const code of new Set(changes.map((c) => c.node)))
      revs.set(code, (await store.getNode(SYSTEM_ACTOR, v.id, code)).cellRevs);
    const withRevs = changes.map((c) => ({
      ...c,
      rev: revs.get(c.node)![`${PLAN}|${c.line}|planung:${c.column.year}`] ?? 0,
    }));
    const result = await store.editCells(SYSTEM_ACTOR, v.id, {
      changes: withRevs,
      reason: 'alle Planungsjahre',
    });
    // what the core's walk says each change moves, summed
    const expected = amountsOf(big);
    const before = amountsOf(big);
    for (const c of changes) {
      const old = before.get(`${c.node}|${c.line}|${c.column.kind}:${c.column.year}`)!;
      for (const m of movesOf(big, c, c.column, old, c.amount)) {
        const key = `${m.ref.node}|${m.ref.line}|${m.column.kind}:${m.column.year}`;
        if (m.ref.plan === PLAN && expected.has(key)) expected.set(key, expected.get(key)! + m.delta);
      }
    }
    const stored = amountsOf(await new KyselyStore(store.opened).loadBudget(SYSTEM_ACTOR, v.id));
    expect(stored).toEqual(expected);
    expect(amountsOf(await store.loadBudget(SYSTEM_ACTOR, v.id))).toEqual(expected);
    expect(stored).not.toEqual(before);
    const moved = [...expected].filter(([k, a]) => before.get(k) !== a).length;
    expect(result.changed.filter((c) => c.plan === PLAN)).toHaveLength(moved);
    expect(result.changed.length).toBeGreaterThan(500);
    const audit = (await store.audit(SYSTEM_ACTOR, { versionId: v.id, limit: 10_000 })).filter(
      (e) => e.action === 'cell',
    );
    expect(audit).toHaveLength(changes.length);
  }, 120_000);
});
