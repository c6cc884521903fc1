/**
 * Investment tables. `investment-lines`: the measures of a group add up to the group's rows per
 * Teilfinanzplan line, and those rows, summed over the table, equal the node's Teilfinanzplan lines of the
 * investment part. `investment-total`: for each measure and row, "bisher bereitgestellt" plus the Ansatz and
 * Planung years up to the Gesamtausgabe's year equals the "Gesamtausgabe".
 */
import type { Finding, Rule } from '../../findings.js';
import type { Budget, BudgetNode, Cell, Column, InvestmentRow } from '../../model.js';
import { cellOf, planOf } from '../../model.js';
import { schemaById, schemaLine } from '../../schema.js';
import { compare } from '../compare.js';
import { toleranceOf } from '../values.js';

type Row = Extract<InvestmentRow, { type: 'measure' | 'line' }>;

function cellIn(row: Row, column: Column): Cell | undefined {
  return row.cells.find((c) => c.column.kind === column.kind && c.column.year === column.year);
}

function rowName(row: Row): string {
  return row.type === 'measure' ? `Maßnahme ${row.number} (${row.name})` : `Zeile ${row.line} (${row.label})`;
}

const FLOW_COLUMNS = new Set(['ergebnis', 'ansatz', 've', 'planung']);

function checkLines(node: BudgetNode, findings: Finding[]): void {
  const table = node.investitionen;
  if (!table) return;
  const columns = table.columns.filter((c) => FLOW_COLUMNS.has(c.kind));
  // measures of a group against the group's line rows
  let measures: Row[] = [];
  let lineRows: Row[] = [];
  const flush = (): void => {
    if (measures.length > 0 && lineRows.length > 0) {
      for (const column of table.columns) {
        let expected = 0;
        let actual = 0;
        let tolerance = 0;
        let printed = false;
        for (const m of measures) {
          const c = cellIn(m, column);
          if (c) {
            expected += c.amount;
            tolerance += toleranceOf(c);
          }
        }
        for (const l of lineRows) {
          const c = cellIn(l, column);
          if (c) {
            actual += c.amount;
            tolerance += toleranceOf(c);
            printed = true;
          }
        }
        if (!printed) continue;
        const f = compare({
          rule: 'investment-lines',
          node: node.code,
          plan: 'investitionen',
          line: lineRows.length === 1 && lineRows[0]!.type === 'line' ? lineRows[0]!.line : '',
          column,
          subject: `Investitionen ${node.code}, ${lineRows.map(rowName).join(' + ')}`,
          basis: `die Summe der Maßnahmen ${measures.map((m) => (m.type === 'measure' ? m.number : '')).join(', ')}`,
          actual,
          expected,
          tolerance,
          ...(lineRows[0]!.source ? { source: lineRows[0]!.source } : {}),
        });
        if (f) findings.push(f);
      }
    }
    measures = [];
    lineRows = [];
  };
  for (const row of table.rows) {
    if (row.type === 'group') {
      flush();
    } else if (row.type === 'measure') {
      if (lineRows.length > 0) flush();
      measures.push(row);
    } else {
      lineRows.push(row);
    }
  }
  flush();

  // line rows of the whole table against the Teilfinanzplan
  const plan = planOf(node, 'teilfinanzplan');
  const allLineRows = table.rows.filter(
    (r): r is Extract<InvestmentRow, { type: 'line' }> => r.type === 'line',
  );
  if (!plan || allLineRows.length === 0) return;
  const schema = schemaById(plan.schemaId);
  const investmentLines = new Set(allLineRows.map((r) => r.line));
  for (const line of investmentLines) {
    const printed = plan.lines.find((l) => l.line === line);
    if (!printed) continue;
    const rows = allLineRows.filter((r) => r.line === line);
    for (const column of columns) {
      const cell = cellOf(printed, column);
      if (!cell) continue;
      let expected = 0;
      let tolerance = toleranceOf(cell);
      let any = false;
      for (const r of rows) {
        const c = cellIn(r, column);
        if (c) {
          expected += c.amount;
          tolerance += toleranceOf(c);
          any = true;
        }
      }
      if (!any) continue;
      const f = compare({
        rule: 'investment-lines',
        node: node.code,
        plan: 'teilfinanzplan',
        line,
        column,
        subject: `Teilfinanzplan ${node.code}, Zeile ${line} (${(schema && schemaLine(schema, line)?.label) ?? printed.label})`,
        basis: 'die Summe der Investitionsmaßnahmen dieser Zeile',
        actual: cell.amount,
        expected,
        tolerance,
        ...(cell.source ? { source: cell.source } : {}),
      });
      if (f) findings.push(f);
    }
  }
}

function checkTotals(node: BudgetNode, findings: Finding[]): void {
  const table = node.investitionen;
  if (!table) return;
  const bisher = table.columns.find((c) => c.kind === 'bisher');
  const gesamt = table.columns.find((c) => c.kind === 'gesamt');
  if (!bisher || !gesamt) return;
  const years = table.columns.filter(
    (c) => (c.kind === 'ansatz' || c.kind === 'planung') && c.year > bisher.year && c.year <= gesamt.year,
  );
  for (const row of table.rows) {
    if (row.type === 'group') continue;
    const total = cellIn(row, gesamt);
    if (!total) continue;
    const parts = [bisher, ...years].map((c) => cellIn(row, c));
    const expected = parts.reduce((s, c) => s + (c?.amount ?? 0), 0);
    const tolerance = parts.reduce((s, c) => s + (c ? toleranceOf(c) : 0), toleranceOf(total));
    const f = compare({
      rule: 'investment-total',
      node: node.code,
      plan: 'investitionen',
      line: row.type === 'measure' ? row.number : row.line,
      column: gesamt,
      subject: `Investitionen ${node.code}, ${rowName(row)}`,
      basis: `„bisher bereitgestellt bis ${bisher.year}“ plus die Jahre ${years.map((c) => c.year).join(', ')}`,
      actual: total.amount,
      expected,
      tolerance,
      ...(total.source ? { source: total.source } : {}),
    });
    if (f) findings.push(f);
  }
}

export const investmentLines: Rule = {
  id: 'investment-lines',
  title: 'Investitionsmaßnahmen ergeben die Zeilen des Teilfinanzplans',
  run: (budget: Budget) => {
    const findings: Finding[] = [];
    for (const node of budget.nodes) checkLines(node, findings);
    return findings;
  },
};

export const investmentTotal: Rule = {
  id: 'investment-total',
  title: 'Bisher bereitgestellt plus künftige Jahre ergibt die Gesamtausgabe',
  run: (budget: Budget) => {
    const findings: Finding[] = [];
    for (const node of budget.nodes) checkTotals(node, findings);
    return findings;
  },
};
