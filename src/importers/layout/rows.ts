/**
 * A table row's parts on a page: the segments of its label area (line number, operator, label words) and its
 * amounts. The amount columns of a block come from its rows that print label text beside their amounts (there
 * the amounts are the numbers after the last word); every row's amounts are then what stands in the amount
 * columns' zone, and whatever stands left of it is its lead — so a row whose label wraps above and below its
 * amounts, printing only its number (and an operator `-`) beside them, keeps them as its lead, and a leading
 * small number inside the zone is an amount.
 */
import { overlap, type Range } from '../rows/model.js';
import type { Line, Segment } from './glyphs.js';

/** A line number as printed: `01`, `1`, `1.`, `Zeile 1`. */
export const LINE_NUMBER = /^(?:Zeile\s+)?\d{1,2}\.?$/u;
/** An operator printed before a label: `+`, `-`, `=`, `./.`, `+/-`. */
export const OPERATOR = /^(?:\+\s*\/\s*-|\.\/\.|[-+=–±])$/u;

export interface RowParts {
  readonly label: Segment[];
  readonly amounts: Segment[];
}

/** The numbers after a row's last word, and the rest. */
export function trailingAmounts(line: Line): RowParts {
  let lastText = line.segments.length - 1;
  while (lastText >= 0 && line.segments[lastText]!.numeric) lastText--;
  return { label: line.segments.slice(0, lastText + 1), amounts: line.segments.slice(lastText + 1) };
}

/** Parts of rows once their block's amount zone is known (see `splitAtZone`). */
const partsOf = new WeakMap<Line, RowParts>();

export function rowParts(line: Line): RowParts {
  return partsOf.get(line) ?? trailingAmounts(line);
}

/** Splits a row at the left edge of its block's amount columns: what stands right of it are amounts. */
export function splitAtZone(line: Line, left: number): void {
  const label: Segment[] = [];
  const amounts: Segment[] = [];
  for (const s of line.segments) {
    if (s.x1 > left - 1 && (s.numeric || s.x0 >= left - 2)) amounts.push(s);
    else label.push(s);
  }
  // a word standing in the zone after the amounts began (an unreadable cell) stays an amount cell; a text
  // left of the first amount is lead
  partsOf.set(line, { label, amounts });
}

/** The segments of a row's label area that are its label, without a line number or operator before it. */
export function ownLabel(line: Line): Segment[] {
  const label = rowParts(line).label;
  let k = 0;
  if (k < label.length && LINE_NUMBER.test(label[k]!.text)) k++;
  while (k < label.length && OPERATOR.test(label[k]!.text)) k++;
  return label.slice(k);
}

/** True for a row printing a label word beside its amounts (not only its number and an operator). */
export function printsLabel(line: Line): boolean {
  const { label } = trailingAmounts(line);
  return label.some((s) => !s.numeric && !LINE_NUMBER.test(s.text) && !OPERATOR.test(s.text));
}

/**
 * Amount columns of a block of rows: the x ranges of the amount cells, in order. The rows that print a label
 * beside their amounts decide; without any, all rows, less a line number (and an operator) at the table's
 * left edge `tableLeft`.
 */
export function amountColumns(rows: readonly Line[], tableLeft: number): Range[] {
  if (rows.length === 0) return [];
  const labelled = rows.filter(printsLabel);
  const deciding = labelled.length > 0 ? labelled : rows;
  const amountsOf = (r: Line, always = false): Segment[] => {
    let a = trailingAmounts(r).amounts;
    if (labelled.length > 0 && !always) return a;
    if (a.length > 1 && /^\d{1,2}$/u.test(a[0]!.text) && a[0]!.x0 <= tableLeft + 0.8 * r.h) {
      a = a.slice(1);
      if (a.length > 1 && OPERATOR.test(a[0]!.text)) a = a.slice(1);
    } else if (a.length > 1 && OPERATOR.test(a[0]!.text) && a[0]!.x0 <= tableLeft + 0.8 * r.h) {
      // an operator at the table's left edge of a row printed without a number ("-" is no zero there)
      a = a.slice(1);
    }
    return a;
  };
  const widest = deciding.reduce(
    (best, r) => (amountsOf(r).length > amountsOf(best).length ? r : best),
    deciding[0]!,
  );
  const count = amountsOf(widest).length;
  const columns = amountsOf(widest).map((s) => ({ x0: s.x0, x1: s.x1 }));
  const widen = (c: { x0: number; x1: number }, s: Segment): void => {
    c.x0 = Math.min(c.x0, s.x0);
    c.x1 = Math.max(c.x1, s.x1);
  };
  // rows printing every column give theirs in order (text laid out by characters shifts a column's amounts
  // from row to row, so that neighbouring columns overlap); the others widen the column they stand in most
  const full = deciding.filter((r) => amountsOf(r).length === count);
  for (const r of full) {
    amountsOf(r).forEach((s, k) => {
      widen(columns[k]!, s);
    });
  }
  // a row printing only its number beside its amounts (its label wrapped above and below) prints every column
  // too: its amounts, less the number, widen the columns in order
  for (const r of rows) {
    if (deciding.includes(r) || printsLabel(r)) continue;
    const own = amountsOf(r, true);
    if (own.length === count) {
      own.forEach((s, k) => {
        widen(columns[k]!, s);
      });
    }
  }
  for (const r of deciding) {
    if (amountsOf(r).length === count) continue;
    for (const s of amountsOf(r)) {
      let best: { x0: number; x1: number } | undefined;
      let most = -2;
      for (const col of columns) {
        const o = overlap(col, s);
        if (o > most) {
          most = o;
          best = col;
        }
      }
      if (best && most > -2) widen(best, s);
    }
  }
  return columns;
}
