/**
 * The tidy CSV, Haushalt's plain interchange format: one row per printed cell,
 * `node,level,plan,line,kind,year,amount`, in document order, amounts in euros with two decimals and `.` as
 * decimal point, signs as printed. See docs/tidy-csv.md.
 */
import type { Budget, BudgetNode, InvestmentRow } from '../core/model.js';
import { formatPlain } from '../core/money.js';

export const TIDY_HEADER = 'node,level,plan,line,kind,year,amount';

/** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/**
 * Keys of the investment rows of a table: the measure number for a measure, the two-digit line for a line row;
 * a line row whose line occurs more than once gets the preceding measure (or group position) as a prefix,
 * `430125MINT/26`, so that every key is unique.
 */
export function investmentKeys(rows: readonly InvestmentRow[]): (string | undefined)[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.type === 'line') counts.set(r.line, (counts.get(r.line) ?? 0) + 1);
  let context = '';
  let group = 0;
  return rows.map((r) => {
    if (r.type === 'group') {
      group++;
      context = `G${group}`;
      return undefined;
    }
    if (r.type === 'measure') {
      context = r.number;
      return r.number;
    }
    return (counts.get(r.line) ?? 0) > 1 ? `${context}/${r.line}` : r.line;
  });
}

function nodeRows(node: BudgetNode, out: string[]): void {
  const code = node.level === 'haushalt' ? 'gesamt' : node.code;
  const prefix = `${csvField(code)},${node.level}`;
  for (const plan of node.plans) {
    for (const line of plan.lines) {
      for (const cell of line.cells) {
        out.push(
          `${prefix},${plan.type},${line.line},${cell.column.kind},${cell.column.year},${formatPlain(cell.amount)}`,
        );
      }
    }
  }
  const table = node.investitionen;
  if (!table) return;
  const keys = investmentKeys(table.rows);
  table.rows.forEach((row, i) => {
    if (row.type === 'group') return;
    const key = csvField(keys[i]!);
    for (const cell of row.cells) {
      out.push(
        `${prefix},investitionen,${key},${cell.column.kind},${cell.column.year},${formatPlain(cell.amount)}`,
      );
    }
  });
}

export function toTidyCsv(budget: Budget): string {
  const out = [TIDY_HEADER];
  for (const node of budget.nodes) nodeRows(node, out);
  return `${out.join('\n')}\n`;
}
