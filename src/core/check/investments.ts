/**
 * Helpers for the investment rules: rows with amounts (measures and Teilfinanzplan line rows), their cells by
 * column, their key (the measure number or the line number, used as a finding's `line`) and German names.
 */
import type { Cell, Column, InvestmentRow } from '../model.js';

/** A row with amounts: a measure or a row per Teilfinanzplan line. */
export type AmountRow = Extract<InvestmentRow, { type: 'measure' | 'line' }>;
export type LineRow = Extract<InvestmentRow, { type: 'line' }>;
export type MeasureRow = Extract<InvestmentRow, { type: 'measure' }>;

export function cellIn(row: AmountRow, column: Column): Cell | undefined {
  return row.cells.find((c) => c.column.kind === column.kind && c.column.year === column.year);
}

/** True when the row's cell in `column` was printed but could not be read (nothing to compare it with). */
export function unreadableIn(row: AmountRow, column: Column): boolean {
  return row.unreadable?.some((c) => c.kind === column.kind && c.year === column.year) ?? false;
}

/** The key a finding names the row by: the measure number (`430125MINT`) or the line number (`26`). */
export function rowKey(row: AmountRow): string {
  return row.type === 'measure' ? row.number : row.line;
}

/** "Maßnahme 430125MINT (Ausstattung/Geräte MINT- Werkstatt)", "Zeile 26 (Auszahlungen für …)". */
export function rowName(row: AmountRow): string {
  return row.type === 'measure' ? `Maßnahme ${row.number} (${row.name})` : `Zeile ${row.line} (${row.label})`;
}
