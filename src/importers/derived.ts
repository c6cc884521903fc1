/**
 * Derived cells across files. Some importers compute cells the file does not print — a parent as the sum of its
 * children, a total of the schema from its lines (long tables, account exports) — and leave them without a
 * source. When several files form one budget, each file's derived cells only know that file's part: two files
 * with products of one Produktgruppe each derive a different sum for it, which the merge would refuse as a
 * conflict, and neither is the budget's. So before the merge the derived cells are taken out (`withoutDerived`),
 * and after it they are derived again from the merged budget (`deriveAgain`): the same lines of the same nodes,
 * now over every file. Parents a file named explicitly (a code below names, as Bonn's profit centres) are kept
 * where the merge, which finds parents again by their codes' prefixes, would lose them.
 */
import type { Budget, BudgetNode, Cell, Column, Plan, PlanLine, PlanType } from '../core/model.js';
import { columnKey } from '../core/model.js';
import { schemaById, schemaLine } from '../core/schema.js';

/** Lines derived per node and plan type. */
export type Derived = Map<string, Map<PlanType, Set<string>>>;

/** The budgets without their derived cells, what was derived, and the parents named explicitly. */
export function withoutDerived(budgets: readonly Budget[]): {
  readonly budgets: Budget[];
  readonly derived: Derived;
  readonly parents: Map<string, string>;
} {
  const derived: Derived = new Map();
  const parents = new Map<string, string>();
  const out = budgets.map((b) => ({
    ...b,
    nodes: b.nodes.map((n): BudgetNode => {
      if (n.parent !== undefined && !n.code.startsWith(n.parent)) parents.set(n.code, n.parent);
      if (!n.plans.some((p) => p.lines.some((l) => l.cells.some((c) => !c.source)))) return n;
      const byType = derived.get(n.code) ?? new Map<PlanType, Set<string>>();
      derived.set(n.code, byType);
      return {
        ...n,
        plans: n.plans.map((p): Plan => {
          const lines = byType.get(p.type) ?? new Set<string>();
          const kept: PlanLine[] = [];
          for (const l of p.lines) {
            const sourced = l.cells.filter((c) => c.source);
            if (sourced.length < l.cells.length) lines.add(l.line);
            if (sourced.length > 0) kept.push({ ...l, cells: sourced });
          }
          if (lines.size > 0) byType.set(p.type, lines);
          return { ...p, lines: kept };
        }),
      };
    }),
  }));
  return { budgets: out, derived, parents };
}

function depthOf(code: string, parentOf: ReadonlyMap<string, string | undefined>): number {
  let d = 0;
  const seen = new Set<string>();
  for (let c: string | undefined = code; c !== undefined && !seen.has(c); c = parentOf.get(c)) {
    seen.add(c);
    d++;
  }
  return d;
}

/** The merged budget with the derived lines derived again over all files, and the explicit parents kept. */
export function deriveAgain(budget: Budget, derived: Derived, parents: ReadonlyMap<string, string>): Budget {
  const codes = new Set(budget.nodes.map((n) => n.code));
  let nodes = budget.nodes.map((n) =>
    n.parent === undefined && parents.has(n.code) && codes.has(parents.get(n.code)!)
      ? { ...n, parent: parents.get(n.code)! }
      : n,
  );
  if (derived.size === 0) return { ...budget, nodes };
  const parentOf = new Map(nodes.map((n) => [n.code, n.parent]));
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const children = new Map<string, string[]>();
  for (const n of nodes)
    if (n.parent !== undefined) children.set(n.parent, [...(children.get(n.parent) ?? []), n.code]);
  const order = [...derived.keys()]
    .filter((c) => byCode.has(c))
    .sort((a, b) => depthOf(b, parentOf) - depthOf(a, parentOf));
  for (const code of order) {
    const node = byCode.get(code)!;
    const plans = node.plans.map((plan): Plan => {
      const lines = derived.get(code)?.get(plan.type);
      if (!lines) return plan;
      const schema = schemaById(plan.schemaId);
      const kids = (children.get(code) ?? [])
        .map((c) => byCode.get(c)?.plans.find((p) => p.type === plan.type && p.schemaId === plan.schemaId))
        .filter((p): p is Plan => p !== undefined);
      const own = new Map(plan.lines.map((l) => [l.line, l]));
      const made = new Map<string, Cell[]>();
      const cellsOf = (line: string): readonly Cell[] => made.get(line) ?? own.get(line)?.cells ?? [];
      const sum = (parts: readonly { cells: readonly Cell[]; factor: 1 | -1 }[]): Cell[] => {
        const out = new Map<
          string,
          { column: Column; amount: number; decimals: 0 | 2; thousands: boolean }
        >();
        for (const { cells, factor } of parts)
          for (const c of cells) {
            const k = columnKey(c.column);
            const e = out.get(k) ?? { column: c.column, amount: 0, decimals: 0 as 0 | 2, thousands: true };
            e.amount += factor === 1 || c.amount === 0 ? c.amount : -c.amount;
            if (c.decimals === 2) e.decimals = 2;
            // a sum of amounts printed in T€ is one too (Cell.scale)
            if (c.scale !== 1000) e.thousands = false;
            out.set(k, e);
          }
        return [...out.values()].map(({ thousands, ...cell }) =>
          thousands ? { ...cell, scale: 1000 as const } : cell,
        );
      };
      const derive = (line: string, depth: number): void => {
        if (made.has(line) || !lines.has(line) || depth > 20) return;
        if (kids.length > 0) {
          made.set(
            line,
            sum(kids.map((k) => ({ cells: k.lines.find((l) => l.line === line)?.cells ?? [], factor: 1 }))),
          );
          return;
        }
        const sl = schema ? schemaLine(schema, line) : undefined;
        if (!sl?.sum) return;
        // a plan printing Aufwendungen positive: its totals are sums in the signed view, printed back
        const printed = (l: string): 1 | -1 =>
          plan.signs === 'positive' && schema && schemaLine(schema, l)?.flow === 'out' ? -1 : 1;
        for (const term of sl.sum) derive(term.replace(/^-/u, ''), depth + 1);
        made.set(
          line,
          sum(
            sl.sum.map((term) => {
              const part = term.replace(/^-/u, '');
              const sign = (term.startsWith('-') ? -1 : 1) * printed(part) * printed(line);
              return { cells: cellsOf(part), factor: sign as 1 | -1 };
            }),
          ),
        );
      };
      for (const line of lines) derive(line, 0);
      const merged = new Map(own);
      for (const [line, cells] of made) {
        if (cells.length === 0) continue;
        const existing = merged.get(line);
        merged.set(line, {
          line,
          label: existing?.label ?? (schema ? (schemaLine(schema, line)?.label ?? '') : ''),
          cells: [...(existing?.cells ?? []), ...cells],
        });
      }
      return {
        ...plan,
        lines: [...merged.values()].sort(
          (a, b) => Number(a.line) - Number(b.line) || (a.line < b.line ? -1 : 1),
        ),
      };
    });
    const updated = { ...node, plans };
    byCode.set(code, updated);
  }
  nodes = nodes.map((n) => byCode.get(n.code) ?? n);
  return { ...budget, nodes };
}
