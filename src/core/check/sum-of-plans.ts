/**
 * A plan compared with the sum of other plans, line by line and column by column: a parent with its children
 * (`parent-sum`), the Gesamtplan with the top-level Teilpläne (`gesamt-rollup`). Each part maps a line of the
 * target to its own lines (the same number, or a roll-up map). A target line that is printed is compared; one
 * that is not printed counts as 0 when it is a detail line and is skipped when it is a total (its parts are
 * compared instead). Parts that do not print the plan count as 0; the caller then asks for a warning rather
 * than an error, since the missing part may explain a difference. Columns are those every printing part has.
 */
import type { Finding, Severity } from '../findings.js';
import type { Column, PlanType } from '../model.js';
import { cellOf } from '../model.js';
import { joinUnits, unitOf, type Unit } from '../scale.js';
import { collapseIfIncomplete, compare } from './compare.js';
import { hasColumn, toleranceOf, type PlanValues } from './values.js';

export interface Part {
  /** Values of the part's plan; undefined when the part does not print the plan (it counts as 0). */
  readonly values: PlanValues | undefined;
  /** The part's lines that make up a target line (empty: none). */
  readonly from: (line: string) => readonly string[];
}

export interface SumOfPlans {
  readonly rule: string;
  readonly node: string;
  readonly type: PlanType;
  readonly target: PlanValues;
  readonly parts: readonly Part[];
  /** "Teilergebnisplan 43, Zeile 17 (Ordentliche Aufwendungen)". */
  readonly subject: (line: string) => string;
  /** "Summe der Produktgruppen 43.01 und 43.03". */
  readonly basis: (line: string) => string;
  /** Severity of a difference beyond rounding: `warning` when parts are missing and may explain it. */
  readonly beyond: Severity;
  /** For the one warning when most amounts differ: the plan and the parts in German. */
  readonly what: string;
  readonly partsName: string;
}

/** The target's lines to compare, in schema order (printed order when the schema is unknown). */
function candidateLines(target: PlanValues): string[] {
  if (target.schema) return target.schema.lines.map((l) => l.line);
  return target.plan.lines.map((l) => l.line);
}

export function compareWithSum(s: SumOfPlans): Finding[] {
  const printing = s.parts.filter((p) => p.values !== undefined);
  const columns: Column[] = s.target.plan.columns.filter((c) =>
    printing.every((p) => hasColumn(p.values!.plan, c)),
  );
  const found: Finding[] = [];
  let compared = 0;
  for (const line of candidateLines(s.target)) {
    const sources = printing.map((p) => p.from(line));
    if (sources.every((lines) => lines.length === 0)) continue;
    const printedLine = s.target.printedLine(line);
    const total = s.target.isTotal(line);
    for (const column of columns) {
      const cell = printedLine ? cellOf(printedLine, column) : undefined;
      if (!cell && total) continue;
      let expected = 0;
      let tolerance = cell ? toleranceOf(cell) : 0;
      let unit: Unit | undefined = cell ? unitOf(cell) : undefined;
      // an unreadable cell on either side (an error finding of its own): nothing to compare
      let unknown = !cell && s.target.value(line, column).unknown === true;
      printing.forEach((p, i) => {
        for (const from of sources[i]!) {
          const v = p.values!.value(from, column);
          expected += v.amount;
          tolerance += v.tolerance;
          unknown ||= v.unknown === true;
          unit = joinUnits(unit, v.unit);
        }
      });
      if (unknown) continue;
      const actual = cell ? cell.amount : 0;
      if (!cell && expected === 0) continue;
      compared++;
      const source = cell?.source ?? printedLine?.source ?? s.target.plan.source;
      const f = compare({
        rule: s.rule,
        node: s.node,
        plan: s.type,
        line,
        column,
        subject: s.subject(line),
        basis: s.basis(line),
        actual,
        expected: s.target.printedAmount(line, expected),
        tolerance,
        printed: cell !== undefined,
        beyond: s.beyond,
        ...(unit ? { unit } : {}),
        ...(cell ? { actualUnit: unitOf(cell) } : {}),
        ...(source ? { source } : {}),
      });
      if (f) found.push(f);
    }
  }
  return collapseIfIncomplete(found, compared, {
    rule: s.rule,
    node: s.node,
    plan: s.type,
    what: s.what,
    parts: s.partsName,
    ...(s.target.plan.source ? { source: s.target.plan.source } : {}),
  });
}
