/**
 * The tidy CSV, Haushalt's plain interchange format: one row per printed cell,
 * `node,level,plan,line,kind,year,amount,schema`, in document order, amounts in euros with two decimals and `.`
 * as decimal point, signs as printed; `schema` names the line schema the line number belongs to (a line number
 * alone does not tell NRW's line 05 from Hessen's), empty for investment rows. Investment rows are keyed by measure number or Teilfinanzplan line; the
 * keys are unique per node and read back to the same rows (`parseInvestmentKey`). A code or key that a spreadsheet
 * would run as a formula (`=…`, `+…`, `-…`, `@…`) gets a leading `'`, which the reader takes off again
 * (`formula-guard.ts`). See docs/tidy-csv.md.
 */
import type { Budget } from '../core/model.js';
import { formatPlain } from '../core/money.js';
import { neutraliseFormula } from './formula-guard.js';
import { forEachCell } from './rows.js';

export { investmentKeys, parseInvestmentKey, type InvestmentKey } from './investment-keys.js';

export const TIDY_HEADER = 'node,level,plan,line,kind,year,amount,schema';
/** The header before the schema column: still read (line numbers then chosen by their fit, NRW first). */
export const TIDY_HEADER_WITHOUT_SCHEMA = 'node,level,plan,line,kind,year,amount';

/** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/** A text field of the tidy CSV and the Fiscal Data Package: formula-guarded, then quoted as needed. */
export function textField(value: string): string {
  return csvField(neutraliseFormula(value));
}

/** The budget as tidy CSV: the header, then one row per printed cell, `\n` after every row. */
export function toTidyCsv(budget: Budget): string {
  const out = [TIDY_HEADER];
  forEachCell(budget, ({ node, code, planType, plan, key, cell }) => {
    out.push(
      `${textField(code)},${node.level},${planType},${textField(key)},${cell.column.kind},${cell.column.year},${formatPlain(cell.amount)},${plan?.schemaId ?? ''}`,
    );
  });
  return `${out.join('\n')}\n`;
}
