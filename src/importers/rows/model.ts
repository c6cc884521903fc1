/**
 * The row model every container is read into before recognition: a document is a stream of lines, each
 * either prose or a row of cells, and every cell knows where it stands across the row. PDF pages (glyphs laid
 * out by `../layout`), monospace text (`pdftotext -layout`), tab-separated plan text and CSV/XLSX rows all
 * become these lines, so that one recognition (`../recognise`) reads their headers, line numbers, operators,
 * labels, signs and units the same way. Each line's `source` is stamped when it is read (file, line; page and
 * box for PDFs) and carried to every value taken from it.
 *
 * Positions: a cell's `x0`/`x1` are points (PDF) or character columns times a glyph width (monospace text),
 * both marked `points`: a cell stands in the column it overlaps; or the cell's index (`x0 = i`, `x1 = i + 1`)
 * in tables and tab-separated text, whose rows are read by order (the amounts follow the row's number and
 * label, which may share a cell; empty cells at the end of a line are not kept).
 */
import type { Source } from '../../core/model.js';

export interface Cell {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
}

/** The horizontal extent of an amount column. */
export interface Range {
  readonly x0: number;
  readonly x1: number;
}

/** How far two ranges overlap (negative: the gap between them). */
export function overlap(a: Range, b: Range): number {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
}

/** The range a cell overlaps most (the first of equals), -1 when it overlaps none. */
export function mostOverlapping(ranges: readonly Range[], cell: Range): number {
  let best = -1;
  let most = 0;
  ranges.forEach((r, k) => {
    const o = overlap(r, cell);
    if (o > most) {
      most = o;
      best = k;
    }
  });
  return best;
}

/** The range nearest to a cell standing over none (its gap to the range; the first of equals), -1 with no range. */
export function nearestRange(
  ranges: readonly Range[],
  cell: Range,
): { readonly index: number; readonly distance: number } {
  let index = -1;
  let distance = Infinity;
  ranges.forEach((r, k) => {
    const d = Math.max(r.x0 - cell.x1, cell.x0 - r.x1);
    if (d < distance) {
      distance = d;
      index = k;
    }
  });
  return { index, distance };
}

/** A line of a wrapped row label as printed: above, beside or below the row's amounts. */
export interface LabelLine {
  readonly text: string;
  /** Printed beside the amounts (on the row's own line). */
  readonly own: boolean;
  /** Baseline from the top of the page (paged documents), or the line's order. */
  readonly y: number;
}

export interface DocLine {
  /** 1-based position in the document's stream of lines. */
  readonly no: number;
  /** The text of the line: prose as printed; for a row, its cells joined by tabs. */
  readonly text: string;
  /** A row's cells, left to right (absent for prose). */
  readonly cells?: readonly Cell[];
  /** Where the line was printed, stamped by its front-end. */
  readonly source: Source;
  /** Laid out from a page: the cells stand where they were printed (points), not by index. */
  readonly points?: boolean;
  /** Laid out from a page: a line printed above a table's first row, part of the table's header (cells: words). */
  readonly header?: boolean;
  /** On a header line laid out from a page: the amount columns of the rows under it. */
  readonly columns?: readonly Range[];
  /**
   * Laid out from a page: the row's label line by line when it wrapped over several printed lines (the first
   * cell of `cells` left of the amounts holds them joined). Recognition may hand a line at the edge to the
   * neighbouring row when the line schema's labels say so.
   */
  readonly label?: readonly LabelLine[];
  /** Laid out from a page: the page (1-based) it was printed on, in PDFs and `pdftotext -layout` text alike. */
  readonly page?: number;
}

/** How a document's cells are placed: decides tolerances when cells are matched with header columns. */
export type Geometry = 'points' | 'index';

/** The cells of a tab-separated line, by index. */
export function tabCells(text: string): Cell[] {
  // one pass with indexOf (no intermediate array of parts): this runs for every row of a plan text
  const out: Cell[] = [];
  let start = 0;
  for (let i = 0; ; i++) {
    const end = text.indexOf('\t', start);
    const part = end < 0 ? text.slice(start) : text.slice(start, end);
    out.push({ text: trimCell(part), x0: i, x1: i + 1 });
    if (end < 0) return out;
    start = end + 1;
  }
}

/** Cells of a table row by index from the left (CSV, XLSX). */
export function indexCells(row: readonly string[]): Cell[] {
  return row.map((text, i) => ({ text: trimCell(text), x0: i, x1: i + 1 }));
}

function trimCell(c: string): string {
  return c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32) ? c.trim() : c;
}

/** The texts of cells, empty cells at the end dropped. */
export function cellTexts(cells: readonly Cell[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.text === '') end--;
  const out: string[] = [];
  for (let i = 0; i < end; i++) out.push(cells[i]!.text);
  return out;
}
