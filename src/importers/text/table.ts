/**
 * Cells of a row of the text format, for the prose parsers that read small tables of their own (Kennzahlen):
 * split at tabs (or, in layout-preserving extractions, at runs of two or more spaces). Plan and investment
 * tables are read by the shared recognition (`../recognise/table.ts`).
 */
export { parseColumnHeader } from '../recognise/columns.js';

export function splitCells(text: string): string[] {
  const cells = text.includes('\t') ? text.split('\t') : text.trim().split(/\s{2,}/u);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    if (c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32)) cells[i] = c.trim();
  }
  return cells;
}

/** Drops empty cells at the end of a row (PDF extractions pad rows with tabs). */
export function trimTrailingEmpty(cells: readonly string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end--;
  return cells.slice(0, end);
}
