/**
 * `investment-lines`: the investment table against itself and against the Teilfinanzplan. (1) The measures of
 * a block — after a group heading or the previous line rows, up to the following line rows — add up to those
 * line rows, per column. (2) The line rows (one per Teilfinanzplan line, e.g. "26 Auszahlungen für den Erwerb
 * v. bew. Anlagevermögen"), summed over the table, equal the node's Teilfinanzplan line, per column both have
 * (Ergebnis, Ansatz, VE, Planung); a Teilfinanzplan detail line not printed counts as 0. Reference: 43.03,
 * measure 430125MINT = line row 26 = Teilfinanzplan Zeile 26, Ansatz 2025 -6.780.
 */
import { inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget, BudgetNode, Column, ColumnKind, InvestmentTable } from '../../model.js';
import { planOf } from '../../model.js';
import { compare } from '../compare.js';
import { cellIn, unreadableIn, type AmountRow, type LineRow, type MeasureRow } from '../investments.js';
import { joinGerman } from '../messages.js';
import { joinUnits, unitOf, type Unit } from '../../scale.js';
import { PlanValues, hasColumn, toleranceOf } from '../values.js';

const FLOW_KINDS: ReadonlySet<ColumnKind> = new Set(['ergebnis', 'ansatz', 've', 'planung']);

/** Sum, rounding uncertainty and unit of some rows in a column; `printed` when any row has the cell. */
function sumRows(
  rows: readonly AmountRow[],
  column: Column,
): { amount: number; tolerance: number; printed: boolean; unknown: boolean; unit: Unit | undefined } {
  let amount = 0;
  let tolerance = 0;
  let printed = false;
  let unknown = false;
  let unit: Unit | undefined;
  for (const r of rows) {
    unknown ||= unreadableIn(r, column);
    const c = cellIn(r, column);
    if (!c) continue;
    amount += c.amount;
    tolerance += toleranceOf(c);
    unit = joinUnits(unit, unitOf(c));
    printed = true;
  }
  return { amount, tolerance, printed, unknown, unit };
}

/** The units of a comparison (`Comparison.unit`, `actualUnit`), as far as known. */
function unitsOf(unit: Unit | undefined, actualUnit: Unit | undefined): { unit?: Unit; actualUnit?: Unit } {
  return { ...(unit ? { unit } : {}), ...(actualUnit ? { actualUnit } : {}) };
}

function lineNames(rows: readonly LineRow[]): string {
  return rows.length === 1
    ? `Zeile ${rows[0]!.line} (${rows[0]!.label})`
    : `Zeilen ${joinGerman(rows.map((r) => r.line))}`;
}

/** (1) Each block of measures against the line rows that close it. */
function checkBlocks(node: BudgetNode, table: InvestmentTable): Finding[] {
  const findings: Finding[] = [];
  let measures: MeasureRow[] = [];
  let lines: LineRow[] = [];
  const flush = (): void => {
    if (measures.length > 0 && lines.length > 0) {
      for (const column of table.columns) {
        const actual = sumRows(lines, column);
        if (!actual.printed) continue;
        const expected = sumRows(measures, column);
        // an unreadable cell (an error finding of its own): nothing to compare
        if (actual.unknown || expected.unknown) continue;
        const first = lines[0]!;
        const source = cellIn(first, column)?.source ?? first.source;
        const f = compare({
          rule: 'investment-lines',
          node: node.code,
          plan: 'investitionen',
          line: first.line,
          column,
          subject: `Investitionen ${node.code}, ${lineNames(lines)}`,
          basis: `Summe der Maßnahmen ${joinGerman(measures.map((m) => m.number))}`,
          actual: actual.amount,
          expected: expected.amount,
          tolerance: actual.tolerance + expected.tolerance,
          ...unitsOf(joinUnits(actual.unit, expected.unit), actual.unit),
          ...(source ? { source } : {}),
        });
        if (f) findings.push(f);
      }
    }
    measures = [];
    lines = [];
  };
  for (const row of table.rows) {
    if (row.type === 'group') flush();
    else if (row.type === 'measure') {
      if (lines.length > 0) flush();
      measures.push(row);
    } else lines.push(row);
  }
  flush();
  return findings;
}

/** (2) The line rows of the whole table against the Teilfinanzplan. */
function checkPlan(node: BudgetNode, table: InvestmentTable): Finding[] {
  const plan = planOf(node, 'teilfinanzplan');
  const lineRows = table.rows.filter((r): r is LineRow => r.type === 'line');
  if (!plan || lineRows.length === 0) return [];
  const values = new PlanValues(plan);
  const columns = table.columns.filter((c) => FLOW_KINDS.has(c.kind) && hasColumn(plan, c));
  const findings: Finding[] = [];
  for (const line of new Set(lineRows.map((r) => r.line))) {
    const printed = values.printedLine(line);
    // a line the plan neither prints nor knows as a detail line: its number means something else there
    if (!printed && (!values.schemaLine(line) || values.isTotal(line))) continue;
    const rows = lineRows.filter((r) => r.line === line);
    for (const column of columns) {
      const expected = sumRows(rows, column);
      if (!expected.printed) continue;
      const v = values.value(line, column);
      if (expected.unknown || v.unknown) continue;
      const source = v.cell?.source ?? printed?.source ?? rows[0]!.source;
      const f = compare({
        rule: 'investment-lines',
        node: node.code,
        plan: 'teilfinanzplan',
        line,
        column,
        subject: `Teilfinanzplan ${node.code}, Zeile ${line} (${values.label(line)})`,
        basis:
          rows.length === 1
            ? `die Investitionsübersicht (Zeile ${line})`
            : `Summe der ${rows.length} Zeilen ${line} der Investitionsübersicht`,
        actual: values.printedAmount(line, v.amount),
        expected: expected.amount,
        tolerance: v.tolerance + expected.tolerance,
        printed: v.cell !== undefined,
        ...unitsOf(joinUnits(v.unit, expected.unit), v.cell ? unitOf(v.cell) : undefined),
        ...(source ? { source } : {}),
      });
      if (f) findings.push(f);
    }
  }
  return findings;
}

function run(budget: Budget, scope?: Scope): Finding[] {
  return budget.nodes.flatMap((node) =>
    node.investitionen && inScope(scope, node.code)
      ? [...checkBlocks(node, node.investitionen), ...checkPlan(node, node.investitionen)]
      : [],
  );
}

export const investmentLines: Rule = {
  id: 'investment-lines',
  title: 'Investitionsmaßnahmen ergeben die Zeilen der Investitionsübersicht und des Teilfinanzplans',
  run,
};
