/**
 * The tidy CSV, Haushalt's plain interchange format: one row per printed cell,
 * `node,level,plan,line,kind,year,amount`, in document order, amounts in euros with two decimals and `.` as
 * decimal point, signs as printed. Investment rows are keyed by measure number or Teilfinanzplan line; the
 * keys are unique per node and read back to the same rows (`parseInvestmentKey`). See docs/tidy-csv.md.
 */
import type { Budget } from '../core/model.js';
import { formatPlain } from '../core/money.js';
import { forEachCell } from './rows.js';

export { investmentKeys, parseInvestmentKey, type InvestmentKey } from './investment-keys.js';

export const TIDY_HEADER = 'node,level,plan,line,kind,year,amount';

/** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/** The budget as tidy CSV: the header, then one row per printed cell, `\n` after every row. */
export function toTidyCsv(budget: Budget): string {
  const out = [TIDY_HEADER];
  forEachCell(budget, ({ node, code, planType, key, cell }) => {
    out.push(
      `${csvField(code)},${node.level},${planType},${csvField(key)},${cell.column.kind},${cell.column.year},${formatPlain(cell.amount)}`,
    );
  });
  return `${out.join('\n')}\n`;
}
