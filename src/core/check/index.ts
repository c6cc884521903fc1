/**
 * `check`: runs every rule, each a pure function of the budget, over a read-only list, and returns the
 * findings in document order (node, then plan, line and column). See docs/checks.md.
 */
import type { Finding, Rule } from '../findings.js';
import { PLAN_TYPES, type Budget } from '../model.js';
import { erlaeuterungItems } from './rules/erlaeuterungen.js';
import { gesamtRollup } from './rules/gesamt-rollup.js';
import { investmentLines, investmentTotal } from './rules/investitionen.js';
import { importNotes } from './rules/notes.js';
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

const PLAN_ORDER = [...PLAN_TYPES, 'investitionen'] as const;
const KIND_ORDER = ['ergebnis', 'ansatz', 've', 'planung', 'bisher', 'gesamt'];

export function check(budget: Budget, rules: readonly Rule[] = RULES): Finding[] {
  const nodeOrder = new Map(budget.nodes.map((n, i) => [n.code, i]));
  const findings = rules.flatMap((r) => r.run(budget));
  const rank = (f: Finding): number[] => [
    f.node === undefined ? -1 : (nodeOrder.get(f.node) ?? budget.nodes.length),
    f.plan === undefined ? -1 : PLAN_ORDER.indexOf(f.plan),
    f.line === undefined ? -1 : Number.isNaN(Number(f.line)) ? 100 : Number(f.line),
    f.kind === undefined ? -1 : KIND_ORDER.indexOf(f.kind),
    f.year ?? -1,
  ];
  return findings
    .map((f, i) => ({ f, i, r: rank(f) }))
    .sort((a, b) => {
      for (let k = 0; k < a.r.length; k++) if (a.r[k] !== b.r[k]) return a.r[k]! - b.r[k]!;
      return a.i - b.i;
    })
    .map((x) => x.f);
}
