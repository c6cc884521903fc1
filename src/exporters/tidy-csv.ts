/**
 * The tidy CSV, Haushalt's plain interchange format: one row per printed cell,
 * `node,level,plan,line,kind,year,amount,schema`, in document order, amounts in euros with two decimals and `.`
 * as decimal point, signs as printed; `schema` names the line schema the line number belongs to (a line number
 * alone does not tell NRW's line 05 from Hessen's), empty for investment rows. Investment rows are keyed by measure number or Teilfinanzplan line; the
 * keys are unique per node and read back to the same rows (`parseInvestmentKey`). A code or key that a spreadsheet
 * would run as a formula (`=…`, `+…`, `-…`, `@…`) gets a leading `'`, which the reader takes off again
 * (src/formats). A budget with amounts printed in thousands of euros (`Cell.scale`) gets a ninth column,
 * `printed_in` (`EUR` or `TEUR`; the amount is in euros all the same); a budget printed in euros throughout is
 * written without it, as before. After the nodes, the amounts of the Haushaltsplan's parts (`Budget.parts`), one
 * row each on the whole budget with the part's id as `plan` (`part-rows.ts`, src/formats/part-keys.ts); a part
 * whose unit is not implied (the Rücklagen' `MioEUR:1`) brings the column `printed_in`. See docs/tidy-csv.md.
 */
import type { Budget } from '../core/model.js';
import { formatPlain } from '../core/money.js';
import { neutraliseFormula } from '../formats/formula-guard.js';
import { PART_LEVEL, PART_NODE } from '../formats/part-keys.js';
import { printedIn, TIDY_HEADER, TIDY_HEADER_WITH_UNIT } from '../formats/tidy-csv.js';
import { partRows, type PartRow } from './part-rows.js';
import { forEachCell } from './rows.js';

/** True when some cell of the budget was printed in T€ (its tidy CSV then has the column `printed_in`). */
export function hasThousands(budget: Budget): boolean {
  let found = false;
  forEachCell(budget, ({ cell }) => {
    if (cell.scale === 1000) found = true;
  });
  return found;
}

/** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/** A text field of the tidy CSV and the Fiscal Data Package: formula-guarded, then quoted as needed. */
export function textField(value: string): string {
  return csvField(neutraliseFormula(value));
}

/** True when the tidy CSV has the column `printed_in`: amounts printed in T€, or parts whose unit it names. */
export function hasUnitColumn(budget: Budget, parts: readonly PartRow[] = partRows(budget)): boolean {
  return hasThousands(budget) || parts.some((r) => !r.implied);
}

/**
 * The budget as tidy CSV: the header, then one row per printed cell, then one per amount of the parts
 * (`part-rows.ts`), `\n` after every row.
 */
export function toTidyCsv(budget: Budget): string {
  const parts = partRows(budget);
  const unit = hasUnitColumn(budget, parts);
  const out = [unit ? TIDY_HEADER_WITH_UNIT : TIDY_HEADER];
  forEachCell(budget, ({ node, code, planType, plan, key, cell }) => {
    out.push(
      `${textField(code)},${node.level},${planType},${textField(key)},${cell.column.kind},${cell.column.year},${formatPlain(cell.amount)},${plan?.schemaId ?? ''}${unit ? `,${printedIn(cell)}` : ''}`,
    );
  });
  for (const r of parts)
    out.push(
      `${PART_NODE},${PART_LEVEL},${r.plan},${textField(r.line)},${r.kind},${r.year},${r.amount},${r.schema}${unit ? `,${r.unit}` : ''}`,
    );
  return `${out.join('\n')}\n`;
}
