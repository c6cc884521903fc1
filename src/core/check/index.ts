/**
 * `check`: runs every rule — each a pure function of the budget, kept in a frozen list that nothing appends to
 * (beancount's in-place rule list is the bug avoided) — and returns the findings in document order: by node as
 * the budget lists them, then plan, line and column; findings without a node come first. The importer's notes
 * are findings too (rule `import-notes`). See docs/checks.md for every rule and the rounding model.
 */
import type { Finding, Rule } from '../findings.js';
import { COLUMN_KINDS, PLAN_TYPES, type Budget } from '../model.js';
import { erlaeuterungItems } from './rules/erlaeuterung-items.js';
import { gesamtRollup } from './rules/gesamt-rollup.js';
import { importNotes } from './rules/import-notes.js';
import { investmentLines } from './rules/investment-lines.js';
import { investmentTotal } from './rules/investment-total.js';
import { parentSum } from './rules/parent-sum.js';
import { schemaFormula } from './rules/schema-formula.js';

export const RULES: readonly Rule[] = Object.freeze([
  schemaFormula,
  parentSum,
  gesamtRollup,
  erlaeuterungItems,
  investmentLines,
  investmentTotal,
  importNotes,
]);

const PLAN_ORDER: readonly string[] = [...PLAN_TYPES, 'investitionen'];

/** Numbered lines by number, then anything else (measure numbers) by text. */
function compareLines(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const na = /^\d+$/u.test(a) ? Number(a) : NaN;
  const nb = /^\d+$/u.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  if (!Number.isNaN(na)) return -1;
  if (!Number.isNaN(nb)) return 1;
  return a < b ? -1 : 1;
}

function rankOf(order: readonly string[], value: string | undefined): number {
  return value === undefined ? -1 : order.indexOf(value);
}

export function check(budget: Budget, rules: readonly Rule[] = RULES): Finding[] {
  const nodeOrder = new Map<string, number>();
  budget.nodes.forEach((n, i) => {
    if (!nodeOrder.has(n.code)) nodeOrder.set(n.code, i);
  });
  const nodeRank = (f: Finding): number =>
    f.node === undefined ? -1 : (nodeOrder.get(f.node) ?? budget.nodes.length);
  const found = rules.flatMap((r) => r.run(budget));
  return found
    .map((f, i) => ({ f, i }))
    .sort(
      (x, y) =>
        nodeRank(x.f) - nodeRank(y.f) ||
        rankOf(PLAN_ORDER, x.f.plan) - rankOf(PLAN_ORDER, y.f.plan) ||
        compareLines(x.f.line, y.f.line) ||
        rankOf(COLUMN_KINDS, x.f.kind) - rankOf(COLUMN_KINDS, y.f.kind) ||
        (x.f.year ?? -1) - (y.f.year ?? -1) ||
        x.i - y.i,
    )
    .map((x) => x.f);
}
