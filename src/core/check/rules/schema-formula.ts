/**
 * `schema-formula`: every printed total of a plan equals the sum of its parts as the line schema defines them
 * (Zeile 10 = Zeilen 01–09, Zeile 18 = Zeilen 10 und 17, …; a leading `-` subtracts), per column. A detail line
 * not printed counts as 0; a total not printed is derived from its parts and used further up, but not itself
 * reported. A total with an unreadable part (`PlanLine.unreadable`, reported by the importer) is not compared. Reference: Teilergebnisplan 43, Zeile 17, Planung 2027: printed -3.069.873, lines 11–16 give
 * -3.069.874 → rounding.
 */
import { inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget } from '../../model.js';
import { cellOf } from '../../model.js';
import { compare } from '../compare.js';
import { describeLines, planName } from '../messages.js';
import { joinUnits, unitOf } from '../../scale.js';
import { PlanValues, parseTerm } from '../values.js';

function run(budget: Budget, scope?: Scope): Finding[] {
  const findings: Finding[] = [];
  for (const node of budget.nodes) {
    if (!inScope(scope, node.code)) continue;
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
          let unknown = false;
          let unit = total.unit;
          for (const term of sl.sum) {
            const t = parseTerm(term);
            const v = values.value(t.line, column);
            expected += t.negate ? -v.amount : v.amount;
            tolerance += v.tolerance;
            unknown ||= v.unknown === true;
            unit = joinUnits(unit, v.unit);
          }
          // a part that could not be read (an error finding of its own): nothing to compare
          if (unknown) continue;
          const f = compare({
            rule: 'schema-formula',
            node: node.code,
            plan: plan.type,
            line: sl.line,
            column,
            subject: `${planName(plan.type)} ${node.code}, Zeile ${sl.line} (${sl.label})`,
            basis: `Summe der ${describeLines(sl.sum)}`,
            actual: cell.amount,
            expected: values.printedAmount(sl.line, expected),
            tolerance,
            ...(unit ? { unit } : {}),
            actualUnit: unitOf(cell),
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
