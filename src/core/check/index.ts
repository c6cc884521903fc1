/**
 * `check`: runs every rule — each a pure function of the budget, kept in a frozen list that nothing appends to
 * (beancount's in-place rule list is the bug avoided) — and returns the findings in document order: by node as
 * the budget lists them, then plan, line and column; findings without a node come first. The importer's notes
 * are findings too (rule `import-notes`). See docs/checks.md for every rule and the rounding model.
 */
import { NO_NODE, type Finding, type Rule, type Scope } from '../findings.js';
import { COLUMN_KINDS, PLAN_TYPES, type Budget } from '../model.js';
import { erlaeuterungItems } from './rules/erlaeuterung-items.js';
import { gesamtRollup } from './rules/gesamt-rollup.js';
import { importNotes } from './rules/import-notes.js';
import { investmentLines } from './rules/investment-lines.js';
import { investmentTotal } from './rules/investment-total.js';
import { parentSum } from './rules/parent-sum.js';
import { querschnitt } from './rules/parts-querschnitt.js';
import { satzung } from './rules/parts-satzung.js';
import { veUebersicht } from './rules/parts-ve.js';
import { schemaFormula } from './rules/schema-formula.js';
import { sumsOnly } from './rules/sums-only.js';
import { haushaltsausgleich75, hsk76 } from './rules/haushaltsausgleich.js';
import { ruecklagenErgebnisplan, ruecklagenSummen } from './rules/ruecklagen.js';
import { stellenplanSummen } from './rules/stellenplan.js';
import { fraktionen } from './rules/parts-fraktionen.js';
import { investitionsprogramm } from './rules/parts-programm.js';
import { verbindlichkeiten } from './rules/parts-verbindlichkeiten.js';

export const RULES: readonly Rule[] = Object.freeze([
  schemaFormula,
  parentSum,
  gesamtRollup,
  erlaeuterungItems,
  investmentLines,
  investmentTotal,
  importNotes,
  sumsOnly,
  satzung,
  querschnitt,
  veUebersicht,
  ruecklagenSummen,
  ruecklagenErgebnisplan,
  hsk76,
  haushaltsausgleich75,
  stellenplanSummen,
  verbindlichkeiten,
  fraktionen,
  investitionsprogramm,
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

/** A finding's place by its node: -1 without one, else the node's first place in the budget (unknown last). */
function nodeRanks(budget: Budget): (f: Finding) => number {
  const nodeOrder = new Map<string, number>();
  budget.nodes.forEach((n, i) => {
    if (!nodeOrder.has(n.code)) nodeOrder.set(n.code, i);
  });
  return (f) => (f.node === undefined ? -1 : (nodeOrder.get(f.node) ?? budget.nodes.length));
}

/** Orders findings as `check` returns them: by node as the budget lists them, plan, line, column. */
function findingOrder(budget: Budget): (a: Finding, b: Finding) => number {
  const nodeRank = nodeRanks(budget);
  return (a, b) =>
    nodeRank(a) - nodeRank(b) ||
    rankOf(PLAN_ORDER, a.plan) - rankOf(PLAN_ORDER, b.plan) ||
    compareLines(a.line, b.line) ||
    rankOf(COLUMN_KINDS, a.kind) - rankOf(COLUMN_KINDS, b.kind) ||
    (a.year ?? -1) - (b.year ?? -1);
}

function run(budget: Budget, rules: readonly Rule[], scope?: Scope): Finding[] {
  const order = findingOrder(budget);
  // stable: equal places keep the order of the rules
  return rules
    .flatMap((r) => r.run(budget, scope))
    .map((f, i) => ({ f, i }))
    .sort((x, y) => order(x.f, y.f) || x.i - y.i)
    .map((x) => x.f);
}

export function check(budget: Budget, rules: readonly Rule[] = RULES): Finding[] {
  return run(budget, rules);
}

/**
 * `check` in slices of `size` nodes, for a caller that must stay responsive (a server's event loop): each
 * step of the iterator checks one slice; the value it returns at the end equals `check(budget)`.
 */
export function* checkInSlices(
  budget: Budget,
  size = 10,
  rules: readonly Rule[] = RULES,
): Generator<void, Finding[]> {
  const codes = [...new Set(budget.nodes.map((n) => n.code))];
  const known = new Set(codes);
  // slices follow the budget's node order, so their findings are in `check`'s order one after the other
  const found: Finding[] = [];
  for (let i = 0; i < codes.length; i += size) {
    found.push(...run(budget, rules, new Set(codes.slice(i, i + size))));
    yield;
  }
  // findings of no node of the budget: import notes of the whole document (first), or naming a node it
  // lacks (last)
  const rest = new Set([NO_NODE]);
  for (const n of budget.notes) if (n.node !== undefined && !known.has(n.node)) rest.add(n.node);
  const others = run(budget, rules, rest);
  return [
    ...others.filter((f) => f.node === undefined),
    ...found,
    ...others.filter((f) => f.node !== undefined),
  ];
}

/** The findings of some nodes only (those `check` attributes to them), at the cost of checking those nodes. */
export function checkNodes(
  budget: Budget,
  nodes: Iterable<string>,
  rules: readonly Rule[] = RULES,
): Finding[] {
  return run(budget, rules, new Set(nodes));
}

/**
 * The nodes whose findings can change when the amounts of `changed` nodes change: those nodes, their
 * ancestors (a parent's `parent-sum` compares it with its children) and the Gesamtplan (its `gesamt-rollup`
 * compares it with the top nodes); with parts, the findings of no node too (the Rücklagen against the plans).
 */
export function affectedNodes(budget: Budget, changed: Iterable<string>): Set<string> {
  const parentOf = new Map<string, string | undefined>();
  for (const n of budget.nodes) if (!parentOf.has(n.code)) parentOf.set(n.code, n.parent);
  const scope = new Set<string>();
  for (const code of changed) {
    for (let c: string | undefined = code; c !== undefined && !scope.has(c); c = parentOf.get(c))
      scope.add(c);
  }
  for (const n of budget.nodes) if (n.level === 'haushalt') scope.add(n.code);
  // the parts' findings (no node) compare the plans' amounts (the Jahresergebnis of the Rücklagen)
  if (budget.parts) scope.add(NO_NODE);
  return scope;
}

/**
 * `check` after the amounts of some nodes changed (an edit and the totals it moved), from the findings of the
 * budget before: the findings of the affected nodes are found anew, all others kept. The result equals
 * `check(budget)` (a property test holds it to that) at a fraction of the cost: a 600-product budget is
 * checked in about a second, one edit rechecked in milliseconds. Only for changes of amounts: a change of the
 * structure, texts or import notes needs `check`.
 */
export function recheck(
  budget: Budget,
  previous: readonly Finding[],
  changed: Iterable<string>,
  rules: readonly Rule[] = RULES,
): Finding[] {
  return recheckScoped(budget, previous, changed, rules).findings;
}

/** `recheck`, also telling which nodes' findings were found anew (the kept ones are the same objects). */
export function recheckScoped(
  budget: Budget,
  previous: readonly Finding[],
  changed: Iterable<string>,
  rules: readonly Rule[] = RULES,
): { readonly findings: Finding[]; readonly scope: ReadonlySet<string> } {
  const scope = affectedNodes(budget, changed);
  const fresh = run(budget, rules, scope);
  // merge two sorted lists; a kept finding's node always differs from a fresh one's, so the node's rank
  // alone decides
  const rank = nodeRanks(budget);
  const findings: Finding[] = [];
  let j = 0;
  for (const f of previous) {
    if (scope.has(f.node ?? NO_NODE)) continue;
    const r = rank(f);
    while (j < fresh.length && rank(fresh[j]!) < r) findings.push(fresh[j++]!);
    findings.push(f);
  }
  while (j < fresh.length) findings.push(fresh[j++]!);
  return { findings, scope };
}
