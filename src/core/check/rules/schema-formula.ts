/**
 * `schema-formula`: every total of a plan equals the sum of its parts as the line schema defines them
 * (Zeile 10 = Zeilen 01 bis 09, Zeile 18 = Zeilen 10 und 17, …), per column. A total not printed is not
 * checked (it is derived where other totals need it); a detail line not printed counts as zero.
 */
import type { Finding, Rule } from '../../findings.js';
import type { Budget } from '../../model.js';
import { cellOf } from '../../model.js';
import { compare, describeLines } from '../compare.js';
import { planName } from '../messages.js';
import { PlanValues } from '../values.js';

function run(budget: Budget): Finding[] {
  const findings: Finding[] = [];
  for (const node of budget.nodes) {
    for (const plan of node.plans) {
      const values = new PlanValues(plan);
      if (!values.schema) continue;
      for (const sl of values.schema.lines) {
        if (!sl.sum) continue;
        const printed = values.printedLine(sl.line);
        if (!printed) continue;
        for (const column of plan.columns) {
          const cell = cellOf(printed, column);
          if (!cell) continue;
          const total = values.value(sl.line, column);
          let expected = 0;
          let tolerance = total.tolerance;
          for (const term of sl.sum) {
            const negate = term.startsWith('-');
            const v = values.value(negate ? term.slice(1) : term, column);
            expected += negate ? -v.amount : v.amount;
            tolerance += v.tolerance;
          }
          const f = compare({
            rule: 'schema-formula',
            node: node.code,
            plan: plan.type,
            line: sl.line,
            column,
            subject: `${planName(plan.type)} ${node.code}, Zeile ${sl.line} (${sl.label})`,
            basis: `die Summe der ${describeLines(sl.sum)}`,
            actual: cell.amount,
            expected: values.printedAmount(sl.line, expected),
            tolerance,
            ...(cell.source ? { source: cell.source } : {}),
          });
          if (f) findings.push(f);
        }
      }
    }
  }
  return findings;
}

export const schemaFormula: Rule = {
  id: 'schema-formula',
  title: 'Summenzeilen entsprechen der Summe ihrer Zeilen (Zeilenschema)',
  run,
};
