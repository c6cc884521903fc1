/**
 * The CSV for German Excel (`haushalt export --format csv`): one row per printed cell like the tidy CSV, with
 * German headers, names and labels. `;` as separator, decimal comma and no thousands separator (`-6780,00`,
 * which German Excel reads as a number), UTF-8 with BOM (so Excel detects the encoding), CRLF. Codes and plan
 * lines that Excel would turn into numbers or dates (`01.02` → 1. Februar, `02` → 2) are written as text
 * formulas (`="01.02"`); every other text (names, labels, codes with letters) that a spreadsheet would run as a
 * formula gets a leading `'` (`formula-guard.ts`). A budget with amounts printed in thousands of euros gets a
 * last column `Gedruckt in` (`€` or `T€`); the amount is in euros either way. See docs/export.md.
 */
import { formatPlain } from '../core/money.js';
import { neutraliseFormula } from '../formats/formula-guard.js';
import { LEVEL_LABEL, PLAN_LABEL, type Budget } from '../core/model.js';
import { forEachCell, hierarchyPaths, KIND_LABEL, PATH_LEVELS, rowLabel, rowNumber } from './rows.js';
import { hasThousands } from './tidy-csv.js';
import { unitOf } from '../core/scale.js';

export const CSV_HEADER = [
  'Ebene',
  'Produktbereich',
  'Produktgruppe',
  'Produkt',
  'Einheit',
  'Plan',
  'Zeile',
  'Bezeichnung',
  'Spalte',
  'Jahr',
  'Betrag in EUR',
] as const;

/** The last column of a budget with amounts printed in T€: the unit each amount was printed in. */
export const CSV_UNIT_HEADER = 'Gedruckt in';

/** Quotes a field when it holds `;`, a quote or a line break. */
function field(value: string): string {
  return /[;"\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/** A text cell: quoted as needed, with a `'` in front where a spreadsheet would run it as a formula. */
export function textField(value: string): string {
  return field(neutraliseFormula(value));
}

/**
 * A code as text Excel keeps as it is: a text formula when it has no letter (Excel would read a number or date),
 * its quotes doubled so that it stays one string literal (`1"&A1` → `="1""&A1"`); a text cell when it has a
 * letter or begins like a formula (`-2+3` → `'-2+3`: the quote keeps it text already, and the cell's value is
 * then no formula-like text either).
 */
export function excelText(value: string): string {
  if (value === '' || /\p{L}/u.test(value) || neutraliseFormula(value) !== value) return textField(value);
  return field(`="${value.replace(/"/gu, '""')}"`);
}

/** Cents as a German decimal without thousands separator: `-6780,00`. */
export function germanDecimal(cents: number): string {
  return formatPlain(cents, ',');
}

/** The budget as a German CSV: BOM, header, one row per printed cell, CRLF after every row. */
export function toGermanCsv(budget: Budget): string {
  const paths = hierarchyPaths(budget);
  const unit = hasThousands(budget);
  const out = [[...CSV_HEADER, ...(unit ? [CSV_UNIT_HEADER] : [])].join(';')];
  forEachCell(budget, (r) => {
    const path = paths.get(r.node) ?? {};
    out.push(
      [
        LEVEL_LABEL[r.node.level],
        ...PATH_LEVELS.map((l) => excelText(path[l] ?? '')),
        textField(r.node.name),
        PLAN_LABEL[r.planType],
        excelText(rowNumber(r.row)),
        textField(rowLabel(r.row, r.plan)),
        KIND_LABEL[r.cell.column.kind],
        String(r.cell.column.year),
        germanDecimal(r.cell.amount),
        ...(unit ? [unitOf(r.cell)] : []),
      ].join(';'),
    );
  });
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
