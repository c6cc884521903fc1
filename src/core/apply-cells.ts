/**
 * Changed cells put into a budget: the amounts an edit wrote (the cell and the totals it moved) replace the
 * cells of the same node, plan, line and column, or are added in the plan's column order. Nodes, plans and
 * lines that no cell touches are shared with the budget before. Pure.
 */
import type { Budget, Cell, Column, PlanType, Source } from './model.js';
import { columnKey } from './model.js';
import type { Cents } from './money.js';

/**
 * The most cells one change may name (`editCells` in the store, `PUT /api/versions/:v/cells/batch`): a
 * projection of every line of a plan over its planning years is a few hundred; more is refused, not queued.
 */
export const MAX_EDIT_CELLS = 2000;

/** A cell as stored: its place and its printing. */
export interface PlacedCell {
  readonly node: string;
  readonly plan: PlanType;
  readonly line: string;
  readonly column: Column;
  readonly amount: Cents;
  readonly decimals: 0 | 2;
  /** 1000: printed in thousands of euros (`Cell.scale`); absent: in euros. */
  readonly scale?: 1000;
  readonly source?: Source;
}

/** The budget with `changed` put in (cells of lines the budget does not hold are left out). */
export function applyCells(budget: Budget, changed: readonly PlacedCell[]): Budget {
  const byNode = new Map<string, PlacedCell[]>();
  for (const c of changed) {
    const list = byNode.get(c.node);
    if (list) list.push(c);
    else byNode.set(c.node, [c]);
  }
  if (byNode.size === 0) return budget;
  const nodes = budget.nodes.map((n) => {
    const cells = byNode.get(n.code);
    if (!cells) return n;
    return {
      ...n,
      plans: n.plans.map((p) => {
        const order = new Map(p.columns.map((k, i) => [columnKey(k), i]));
        const rank = (column: Column): number => order.get(columnKey(column)) ?? -1;
        return {
          ...p,
          lines: p.lines.map((l) => {
            const mine = cells.filter((c) => c.plan === p.type && c.line === l.line);
            if (mine.length === 0) return l;
            const replaced = new Set(mine.map((c) => columnKey(c.column)));
            const rest = l.cells.filter((x) => !replaced.has(columnKey(x.column)));
            const updated = mine.map((c): Cell => ({
              column: p.columns.find((k) => columnKey(k) === columnKey(c.column)) ?? c.column,
              amount: c.amount,
              decimals: c.decimals,
              ...(c.scale ? { scale: c.scale } : {}),
              ...(c.source ? { source: c.source } : {}),
            }));
            return { ...l, cells: [...rest, ...updated].sort((a, b) => rank(a.column) - rank(b.column)) };
          }),
        };
      }),
    };
  });
  return { ...budget, nodes };
}
