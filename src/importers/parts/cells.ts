/**
 * What the table readers of the Anlagen (Verbindlichkeiten, Fraktionen, Investitionsprogramm) share: the unit of
 * a table from its own text ("T€", "TEUR", "in Tausend Euro"; else euros), a cell's amount in cents with the
 * precision it was printed in, the header row (the first row with at least two cells of text and a number below
 * it), and the years a header names.
 */
import type { ImportNote, Source } from '../../core/model.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import { normaliseLabel } from '../../core/parts/ruecklagen.js';
import { decimalMarkOf, parseNumber, scaledTo } from './numbers.js';

export type Rows = readonly (readonly string[])[];

/** 1000 where the table says it prints thousands of euros. */
export function scaleOf(rows: Rows): 1 | 1000 {
  const text = normaliseLabel(rows.slice(0, 6).flat().join(' '));
  return /\bt€|\bteur\b|tsd\.? ?(€|eur)|tausend euro/u.test(text) ? 1000 : 1;
}

/** A printed amount in cents (whole euros, cents, or whole T€), undefined when the cell is no number. */
export function amountOf(
  text: string,
  mark: ',' | '.',
  scale: 1 | 1000,
  source: Source,
): PartAmount | undefined {
  const n = parseNumber(text, mark);
  if (!n) return undefined;
  if (scale === 1000) {
    const v = scaledTo(n, 3);
    if (v === undefined) return undefined;
    return { amount: v * 100, decimals: 0, ...(n.decimals === 0 ? { scale: 1000 } : {}), source };
  }
  const cents = scaledTo(n, 2);
  if (cents === undefined) return undefined;
  return { amount: cents, decimals: n.decimals === 0 ? 0 : 2, source };
}

const YEAR = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/gu;

/** The four-digit years a text names, in order. */
export function yearsIn(text: string): number[] {
  return [...text.matchAll(YEAR)].map((m) => Number(m[1]));
}

/** Whether a normalised label contains one of the words. */
export function hasWord(text: string, words: readonly string[]): boolean {
  const t = normaliseLabel(text);
  return words.some((w) => t.includes(w));
}

/** An import note for a number that was read but not placed. */
export function unplaced(file: string, line: number, text: string, why: string): ImportNote {
  return {
    severity: 'warning',
    rule: 'skipped-row',
    message: `Zahl „${text.trim()}“ nicht übernommen: ${why}`,
    source: { file, line },
  };
}

const YEAR_CELL = /^(19|20)\d\d$/u;

/** A cell holding an amount (not a year of a header). */
function isAmount(cell: string, mark: ',' | '.'): boolean {
  const t = cell.trim();
  return t !== '' && !YEAR_CELL.test(t) && parseNumber(t, mark) !== undefined;
}

/** A table's layout: the header text of each column (two stacked header rows joined), where the data start. */
export interface TableLayout {
  /** Index of the first data row. */
  readonly start: number;
  /** Header text per column index. */
  readonly header: readonly string[];
  /** Columns that hold amounts in the data rows, in order. */
  readonly numbers: readonly number[];
  /** The other columns (labels, codes). */
  readonly texts: readonly number[];
}

/**
 * The layout of a table: its first row with two amounts, the header above it (two rows where the one above
 * has several cells), its text and amount columns. Undefined without such a row or without a header.
 */
export function tableLayout(rows: Rows, mark: ',' | '.'): TableLayout | undefined {
  // the first row with two amounts (a header's years are no amounts)
  const start = rows.findIndex((r) => r.filter((c) => isAmount(c, mark)).length >= 2);
  if (start <= 0) return undefined;
  const width = Math.max(...rows.map((r) => r.length));
  const filled = (r: readonly string[] | undefined): number =>
    (r ?? []).filter((c) => c.trim() !== '').length;
  const above = start >= 2 && filled(rows[start - 2]) >= 2 ? rows[start - 2] : undefined;
  const header = Array.from({ length: width }, (_, j) =>
    [above?.[j], rows[start - 1]![j]]
      .map((c) => (c ?? '').trim())
      .filter(Boolean)
      .join(' '),
  );
  // an amount column: most of its filled data cells are amounts (a code column such as "01" is not)
  const numbers: number[] = [];
  for (let j = 0; j < width; j++) {
    const cells = rows
      .slice(start)
      .map((r) => (r[j] ?? '').trim())
      .filter(Boolean);
    const amounts = cells.filter((c) => isAmount(c, mark)).length;
    if (amounts > 0 && amounts * 2 > cells.length && !cells.every((c) => /^0\d/u.test(c))) numbers.push(j);
  }
  const texts = Array.from({ length: width }, (_, j) => j).filter((j) => !numbers.includes(j));
  return { start, header, numbers, texts };
}

/** The decimal mark of a table, product codes ("01.02") left out (they look like decimals with a point). */
export function markOf(rows: Rows): ',' | '.' {
  return decimalMarkOf(rows.map((r) => r.map((c) => (/^\s*\d{1,2}(\.\d{1,2})+\s*$/u.test(c) ? '' : c))));
}
