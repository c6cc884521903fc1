/**
 * `parent-sum`: a parent's plan line equals the sum of the same line of its children (Produktbereich =
 * Σ Produktgruppen, Produktgruppe = Σ Produkte), per line and column. Checked wherever the parent and at least
 * one child print that plan; a child that does not print it counts as 0 and is named in the message, and a
 * difference beyond rounding is then a warning (the missing plan may explain it), else an error. When a child
 * prints the plan with another line schema the line numbers mean different things: nothing is said.
 * Reference: PB 43 = PG 43.01 + 43.03 (no 43.02 printed); line 02, Ergebnis 2024: 2.147.993 printed,
 * 2.031.756 + 116.238 = 2.147.994 → rounding.
 */
import { inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget, BudgetNode, PlanType } from '../../model.js';
import { planOf } from '../../model.js';
import { describeNodes, joinGerman, planName } from '../messages.js';
import { compareWithSum } from '../sum-of-plans.js';
import { PlanValues } from '../values.js';

function checkPlan(node: BudgetNode, type: PlanType, children: BudgetNode[]): Finding[] {
  const plan = planOf(node, type);
  if (!plan) return [];
  const childPlans = children.map((c) => planOf(c, type));
  if (childPlans.every((p) => p === undefined)) return [];
  if (childPlans.some((p) => p !== undefined && p.schemaId !== plan.schemaId)) return [];
  const missing = children.filter((_, i) => childPlans[i] === undefined).map((c) => c.code);
  const note = missing.length === 0 ? '' : ` (ohne ${planName(type)}, als 0 gezählt: ${joinGerman(missing)})`;
  const target = new PlanValues(plan);
  return compareWithSum({
    rule: 'parent-sum',
    node: node.code,
    type,
    target,
    parts: childPlans.map((p) => ({
      values: p ? new PlanValues(p) : undefined,
      from: (line: string) => [line],
    })),
    subject: (line) => `${planName(type)} ${node.code}, Zeile ${line} (${target.label(line)})`,
    basis: () => `Summe ${describeNodes(children)}${note}`,
    beyond: missing.length === 0 ? 'error' : 'warning',
    what: `${planName(type)} ${node.code}`,
    partsName: describeNodes(children),
  });
}

function run(budget: Budget, scope?: Scope): Finding[] {
  // children by parent code, in document order (hierarchy.childrenOf for every node at once)
  const childrenOf = new Map<string, BudgetNode[]>();
  for (const n of budget.nodes) {
    if (n.parent === undefined) continue;
    const list = childrenOf.get(n.parent) ?? [];
    list.push(n);
    childrenOf.set(n.parent, list);
  }
  const findings: Finding[] = [];
  for (const node of budget.nodes) {
    if (!inScope(scope, node.code)) continue;
    const children = childrenOf.get(node.code);
    if (!children) continue;
    for (const type of new Set(node.plans.map((p) => p.type)))
      findings.push(...checkPlan(node, type, children));
  }
  return findings;
}

export const parentSum: Rule = {
  id: 'parent-sum',
  title: 'Übergeordnete Einheit entspricht der Summe ihrer untergeordneten Einheiten',
  run,
};
