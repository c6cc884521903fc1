/**
 * Where a table of plan lines prints its line numbers and labels: a cell "02 - Zuwendungen und allg. Umlagen" or
 * "02" beside the label, the column where most rows have one; the label as compared with a schema; a cell's
 * amount and what is said of one that is none. Used by the table importer (`index.ts`) and its plan lines
 * (`plan-lines.ts`).
 */
import type { Column } from '../../core/model.js';
import { columnLabel } from '../../core/model.js';
import { parseGermanAmount } from '../../core/money.js';
import { readAmount as readPrinted, type Scale } from '../recognise/amounts.js';

export const LINE_IN_CELL = /^(?:Zeile\s+)?(\d{1,2})\.?\s*(?:[-–=:]|\+\s*\/\s*-|\+|\.\/\.)?\s+(\D.*)$/iu;
export const LINE_ONLY = /^(?:Zeile\s+)?(\d{1,2})\.?$/iu;
const OPERATOR = /^(?:\+\/-|[-+=–])\s*/u;
const FORMULA_NOTE =
  /\s*\((?:=\s*)?(?:Zeilen?\s*[\d\s,.]+(?:und|bis|,)?[\s\d]*|\d{1,2}(?:\s*(?:und|bis|,)\s*\d{1,2})+|Einzahlungen\s*\.\/\.\s*Auszahlungen)\)\s*$/iu;

/** The printed label without its operator and formula note, for comparing with a schema. */
export function labelForMatching(label: string): string {
  return label.replace(OPERATOR, '').replace(FORMULA_NOTE, '').trim();
}

export interface LinePosition {
  readonly line: string;
  readonly label: string;
  /** Index of the last label cell: amounts follow it. */
  readonly end: number;
}

export function linePosition(row: readonly string[], col: number): LinePosition | undefined {
  const cell = row[col] ?? '';
  const inCell = LINE_IN_CELL.exec(cell);
  if (inCell) return { line: inCell[1]!.padStart(2, '0'), label: inCell[2]!.trim(), end: col };
  const only = LINE_ONLY.exec(cell);
  // a line number is never 0 (that is a zero amount)
  if (
    only &&
    Number(only[1]) > 0 &&
    col + 1 < row.length &&
    parseGermanAmount(row[col + 1] ?? '') === undefined
  ) {
    return { line: only[1]!.padStart(2, '0'), label: (row[col + 1] ?? '').trim(), end: col + 1 };
  }
  return undefined;
}

/** The column holding line numbers: the one where most rows have one, with the most different numbers. */
export function findLineColumn(
  rows: readonly string[][],
  skip: ReadonlySet<number>,
  before = Infinity,
): number | undefined {
  const width = Math.min(8, before, Math.max(0, ...rows.map((r) => r.length)));
  let best: number | undefined;
  let bestScore = 0;
  for (let c = 0; c < width; c++) {
    if (skip.has(c)) continue;
    const numbers = new Set<string>();
    let hits = 0;
    for (const row of rows) {
      const p = linePosition(row, c);
      if (p) {
        hits++;
        numbers.add(p.line);
      }
    }
    const score = hits * 100 + numbers.size;
    if (hits > 0 && score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/**
 * A cell's text as an amount (`../recognise/amounts.ts`: trailing minus, brackets, a lone dash for zero; a
 * column printed in T€ with `scale: 1000`): `undefined` when empty, `null` when it is no amount.
 */
export function readAmount(text: string, scale: Scale = 1): ReturnType<typeof readPrinted> {
  return readPrinted(text, scale);
}

/** What the importer says of a cell it cannot read (German): its text, column and what was expected. */
export function unreadableMessage(text: string, col: number, column: Column): string {
  return `Betrag „${text}“ in Spalte ${col + 1} (${columnLabel(column)}${column.kind === 've' ? ` ${column.year}` : ''}) ist keine Zahl (erwartet z. B. 1.234.567, 1.234,56 oder 46.323.827,04-)`;
}
