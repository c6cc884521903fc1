/**
 * What an edit of one plan cell changes further up: the plan's totals that contain the line (Zeile 10, 17, 18,
 * … as the line schema sums them, transitively, with their signs), the same line of the parent node and its
 * totals, up to the Produktbereich, and from a top node into the Gesamtplan through the schema's roll-up.
 *
 * Edits move amounts by a delta: a total keeps its printed rounding difference and changes by exactly what
 * its parts changed, as a treasurer expects (recomputing every total from scratch would silently "correct" the
 * published document). Which cells are editable: detail lines (no `sum` in the schema) of a node whose children
 * do not print that plan. Pure: no I/O.
 *
 * Plans printed in T€ (`Cell.scale`): an edit is an amount in euros like any other. The edited cell stays a T€
 * cell when the amount is whole thousands of euros and becomes a euro cell otherwise (`printingAfterEdit` in
 * scale.ts: nothing entered is rounded away); the totals it moves keep their printing — a T€ total moved by
 * an amount that is not whole thousands holds the exact sum and prints it rounded, as a whole-euro total moved
 * by cents does.
 */
import type { Budget, BudgetNode, Column, Plan } from './model.js';
import { planOf } from './model.js';
import type { Cents } from './money.js';
import { walkEdit, type CellRef, type Dependent, type PropagationPort } from './edit-walk.js';
import { mul, printedFactor, totalsContaining, type SumLine } from './line-sums.js';
import { ROLLUPS, schemaById, schemaLine, type LineSchema } from './schema.js';

export { totalsContaining } from './line-sums.js';

export type { CellRef, Dependent, PropagationPort, WalkPlan } from './edit-walk.js';

export type EditRefusal =
  | { readonly reason: 'no-node' }
  | { readonly reason: 'no-plan' }
  | { readonly reason: 'no-line' }
  | { readonly reason: 'total'; readonly label: string }
  | { readonly reason: 'derived'; readonly children: readonly string[] };

/** Why a cell may not be edited directly, or undefined when it may. */
export function editRefusal(budget: Budget, ref: CellRef): EditRefusal | undefined {
  const node = budget.nodes.find((n) => n.code === ref.node);
  if (!node) return { reason: 'no-node' };
  const plan = planOf(node, ref.plan);
  if (!plan) return { reason: 'no-plan' };
  const schema = schemaById(plan.schemaId);
  const sl = schema ? schemaLine(schema, ref.line) : undefined;
  if (schema && !sl) return { reason: 'no-line' };
  if (!schema && !plan.lines.some((l) => l.line === ref.line)) return { reason: 'no-line' };
  if (sl?.sum) return { reason: 'total', label: sl.label };
  const children = budget.nodes.filter((n) => n.parent === node.code && planOf(n, ref.plan));
  if (children.length > 0) return { reason: 'derived', children: children.map((c) => c.code) };
  return undefined;
}

/** The schema's lines with the conventions of lines a plan prints differently from itself (signs.ts). */
function sumLines(schema: LineSchema, plan: Plan): readonly SumLine[] {
  const own = new Map(plan.lines.flatMap((l) => (l.signs ? [[l.line, l.signs] as const] : [])));
  if (own.size === 0) return schema.lines;
  return schema.lines.map((l) => (own.has(l.line) ? { ...l, signs: own.get(l.line)! } : l));
}

/** The budget as the propagation walk sees it (`edit-walk.ts`): plans under known schemas, parents, roll-ups. */
export function budgetPort(budget: Budget): PropagationPort {
  const byCode = new Map<string, BudgetNode>(budget.nodes.map((n) => [n.code, n]));
  return {
    plan(code, type) {
      const node = byCode.get(code);
      const plan = node ? planOf(node, type) : undefined;
      const schema = plan ? schemaById(plan.schemaId) : undefined;
      return plan && schema
        ? { schemaId: plan.schemaId, signs: plan.signs, lines: sumLines(schema, plan) }
        : undefined;
    },
    parent(code) {
      const parent = byCode.get(code)?.parent;
      return parent !== undefined && byCode.has(parent) ? parent : undefined;
    },
    // a top node rolls up into the Gesamtplan through the schema's roll-up table
    rollup(code, schemaId, line) {
      const node = byCode.get(code);
      const out: CellRef[] = [];
      for (const rollup of ROLLUPS) {
        if (rollup.from !== schemaId) continue;
        const target = rollup.lines[line];
        if (target === undefined) continue;
        for (const g of budget.nodes) {
          if (g === node || g.parent !== undefined) continue;
          const gp = g.plans.find((p) => p.schemaId === rollup.to);
          if (gp) out.push({ node: g.code, plan: gp.type, line: target });
        }
      }
      return out;
    },
  };
}

/**
 * Every line an edit of `ref` changes besides itself, with the factor of its printed change. Lines not
 * printed are included (a store updates the cells that exist); the caller decides per column.
 */
export function dependents(budget: Budget, ref: CellRef): Dependent[] {
  return walkEdit(budgetPort(budget), ref);
}

/** The cell changes (printed amounts) an edit of `ref` in `column` from `before` to `after` brings about. */
export function changesOf(
  budget: Budget,
  ref: CellRef,
  column: Column,
  before: Cents,
  after: Cents,
): { readonly ref: CellRef; readonly column: Column; readonly delta: Cents }[] {
  const delta = after - before;
  return [
    { ref, column, delta },
    ...dependents(budget, ref).map((d) => ({
      ref: { node: d.node, plan: d.plan, line: d.line },
      column,
      delta: d.factor * delta,
    })),
  ];
}

/**
 * How much the Jahresergebnis changes (signed, Aufwendungen negative) per printed euro of change of a plan
 * line: ±1 when the line is the schema's Jahresergebnis line or part of it, 0 otherwise (Finanzplan lines,
 * internal cost allocation, lines below the Jahresergebnis).
 */
export function jahresergebnisFactor(plan: Plan, line: string): 0 | 1 | -1 {
  const schema = schemaById(plan.schemaId);
  if (!schema) return 0;
  const result = schema.lines.find((l) => l.jahresergebnis);
  if (!result) return 0;
  const printed = printedFactor(plan.signs, sumLines(schema, plan), line);
  if (line === result.line) return printed;
  const sign = totalsContaining(schema.lines, line).get(result.line);
  return sign === undefined ? 0 : mul(sign, printed);
}
