/**
 * The CSV for German Excel (`haushalt export --format csv`): one row per printed cell like the tidy CSV, with
 * German headers, names and labels. `;` as separator, decimal comma and no thousands separator (`-6780,00`,
 * which German Excel reads as a number), UTF-8 with BOM (so Excel detects the encoding), CRLF. Codes and plan
 * lines that Excel would turn into numbers or dates (`01.02` → 1. Februar, `02` → 2) are written as text
 * formulas (`="01.02"`). See docs/export.md.
 */
import { formatPlain } from '../core/money.js';
import { LEVEL_LABEL, PLAN_LABEL, type Budget } from '../core/model.js';
import { forEachCell, hierarchyPaths, KIND_LABEL, PATH_LEVELS, rowLabel, rowNumber } from './rows.js';

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

/** Quotes a field when it holds `;`, a quote or a line break. */
function field(value: string): string {
  return /[;"\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value;
}

/** A code as text Excel keeps as it is: a text formula when it has no letter (Excel would read a number or date). */
export function excelText(value: string): string {
  return value === '' || /\p{L}/u.test(value) ? field(value) : field(`="${value}"`);
}

/** Cents as a German decimal without thousands separator: `-6780,00`. */
export function germanDecimal(cents: number): string {
  return formatPlain(cents).replace('.', ',');
}

/** The budget as a German CSV: BOM, header, one row per printed cell, CRLF after every row. */
export function toGermanCsv(budget: Budget): string {
  const paths = hierarchyPaths(budget);
  const out = [CSV_HEADER.join(';')];
  forEachCell(budget, (r) => {
    const path = paths.get(r.node) ?? {};
    out.push(
      [
        LEVEL_LABEL[r.node.level],
        ...PATH_LEVELS.map((l) => excelText(path[l] ?? '')),
        field(r.node.name),
        PLAN_LABEL[r.planType],
        excelText(rowNumber(r.row)),
        field(rowLabel(r.row, r.plan)),
        KIND_LABEL[r.cell.column.kind],
        String(r.cell.column.year),
        germanDecimal(r.cell.amount),
      ].join(';'),
    );
  });
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
