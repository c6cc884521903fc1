/**
 * `parent-sum`: a parent's plan line equals the sum of the same line of its children (Produktbereich =
 * Σ Produktgruppen, Produktgruppe = Σ Produkte), per line and column. Checked where the parent and all its
 * children print that plan with the same schema; where only some children print it, nothing can be said.
 */
import type { Finding, Rule } from '../../findings.js';
import type { Budget, BudgetNode, PlanType } from '../../model.js';
import { cellOf, planOf } from '../../model.js';
import { childrenOf } from '../../hierarchy.js';
import { schemaLine } from '../../schema.js';
import { collapseIfIncomplete, compare } from '../compare.js';
import { planName } from '../messages.js';
import { PlanValues } from '../values.js';

function checkNode(budget: Budget, node: BudgetNode, type: PlanType, findings: Finding[]): void {
  const plan = planOf(node, type);
  if (!plan) return;
  const children = childrenOf(budget, node.code);
  if (children.length === 0) return;
  const childPlans = children.map((c) => planOf(c, type));
  if (childPlans.some((p) => p === undefined || p.schemaId !== plan.schemaId)) return;
  const parent = new PlanValues(plan);
  const kids = childPlans.map((p) => new PlanValues(p!));
  const codes = children.map((c) => c.code).join(', ');
  const found: Finding[] = [];
  let compared = 0;
  for (const printed of plan.lines) {
    const sl = parent.schema ? schemaLine(parent.schema, printed.line) : undefined;
    if (parent.schema && !sl) continue;
    for (const column of plan.columns) {
      const cell = cellOf(printed, column);
      if (!cell) continue;
      if (kids.some((k) => !k.plan.columns.some((c) => c.kind === column.kind && c.year === column.year)))
        continue;
      compared++;
      let expected = 0;
      let tolerance = parent.value(printed.line, column).tolerance;
      for (const k of kids) {
        const v = k.value(printed.line, column);
        expected += v.amount;
        tolerance += v.tolerance;
      }
      const f = compare({
        rule: 'parent-sum',
        node: node.code,
        plan: type,
        line: printed.line,
        column,
        subject: `${planName(type)} ${node.code}, Zeile ${printed.line} (${sl?.label ?? printed.label})`,
        basis: `die Summe der untergeordneten ${children.length === 1 ? 'Einheit' : 'Einheiten'} ${codes}`,
        actual: cell.amount,
        expected: parent.printedAmount(printed.line, expected),
        tolerance,
        ...(cell.source ? { source: cell.source } : {}),
      });
      if (f) found.push(f);
    }
  }
  findings.push(
    ...collapseIfIncomplete(found, compared, {
      rule: 'parent-sum',
      node: node.code,
      plan: type,
      what: `${planName(type)} ${node.code}`,
      parts: `der untergeordneten Einheiten ${codes}`,
    }),
  );
}

function run(budget: Budget): Finding[] {
  const findings: Finding[] = [];
  for (const node of budget.nodes) {
    for (const type of ['teilergebnisplan', 'teilfinanzplan'] as const)
      checkNode(budget, node, type, findings);
  }
  return findings;
}

export const parentSum: Rule = {
  id: 'parent-sum',
  title: 'Übergeordnete Einheit entspricht der Summe ihrer untergeordneten Einheiten',
  run,
};
