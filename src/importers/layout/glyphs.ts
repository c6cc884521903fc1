/**
 * Positioned text (a PDF page's text items, or the characters of a monospace page) grouped into printed
 * lines: words on one baseline form a line, and a line's words into segments split at wide gaps (two amounts
 * are never one segment). A line with two or more amounts (years aside) is a table row.
 */
import { YEAR_ONLY, isAmountText } from '../recognise/amounts.js';

export interface TextItem {
  readonly str: string;
  /** pdf.js transform: [a, b, c, d, e, f]; e/f is the baseline origin in PDF points from the bottom left. */
  readonly transform: readonly number[];
  readonly width: number;
  readonly height: number;
}

export interface Token {
  text: string;
  x0: number;
  x1: number;
  /** Baseline from the top of the page. */
  y: number;
  h: number;
}

export interface Segment {
  text: string;
  x0: number;
  x1: number;
  numeric: boolean;
}

export interface Line {
  tokens: Token[];
  y: number;
  h: number;
  segments: Segment[];
  tabular: boolean;
}

/** Amount text as a table prints it, also a percentage: `1.234`, `-6.780`, `1.234,56-`, `(1.234)`, `-`. */
export function isNumeric(text: string): boolean {
  return isAmountText(text.endsWith('%') ? text.slice(0, -1) : text);
}

export function tokensOf(item: TextItem, pageHeight: number): Token[] {
  const text = item.str;
  if (text.trim() === '') return [];
  const a = item.transform[0] ?? 0;
  const b = item.transform[1] ?? 0;
  const size = Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || item.height || Math.hypot(a, b);
  const x = item.transform[4] ?? 0;
  const y = pageHeight - (item.transform[5] ?? 0);
  const h = size || 10;
  // most items are one word: no splitting needed
  if (!/\s/u.test(text)) return [{ text, x0: x, x1: x + text.length * (item.width / text.length), y, h }];
  const perChar = text.length > 0 ? item.width / text.length : 0;
  const out: Token[] = [];
  const re = /\S+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: m[0], x0: x + m.index * perChar, x1: x + (m.index + m[0].length) * perChar, y, h });
  }
  return out;
}

export function groupLines(tokens: Token[]): Line[] {
  tokens.sort((p, q) => p.y - q.y || p.x0 - q.x0);
  const lines: Line[] = [];
  for (const t of tokens) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(t.y - last.y) <= 0.3 * Math.max(t.h, last.h)) last.tokens.push(t);
    else lines.push({ tokens: [t], y: t.y, h: t.h, segments: [], tabular: false });
  }
  for (const line of lines) {
    line.tokens.sort((p, q) => p.x0 - q.x0);
    for (const t of line.tokens) line.h = Math.max(line.h, t.h);
    const segments: Segment[] = [];
    for (const t of line.tokens) {
      const numeric = isNumeric(t.text);
      const last = segments[segments.length - 1];
      const gap = last ? t.x0 - last.x1 : Infinity;
      // a line number printed as "Zeile 26" is one segment (its number is no amount)
      const lineNumber = last !== undefined && /^Zeile$/iu.test(last.text) && /^\d{1,2}\.?$/u.test(t.text);
      // a dash a space after a word is the label's elided compound ("Investitionszuweisungen, -" over
      // "-zuschüssen" on the next line), not a printed zero: those stand in the amount columns, apart
      const elision = last !== undefined && !last.numeric && /^[-–]$/u.test(t.text);
      // a line, paragraph or sentence number a space after the word naming it ("(= Zeilen 22" over "und 23)")
      // belongs to the label: an amount stands in its column, not after "Zeilen"
      const reference =
        last !== undefined &&
        !last.numeric &&
        /^\d{1,2}$/u.test(t.text) &&
        /(?:^|\s|\()(?:Zeilen?|Nr\.|Nummern?|§|Abs\.|Absatz|Satz)$/u.test(last.text);
      if (
        last &&
        gap <= 0.6 * line.h &&
        (lineNumber ||
          elision ||
          reference ||
          (!(numeric && last.numeric) && !(numeric !== last.numeric && gap > 0.35 * line.h)))
      ) {
        last.text += gap > 0.12 * line.h ? ` ${t.text}` : t.text;
        last.x1 = t.x1;
        last.numeric = last.numeric && numeric;
      } else {
        segments.push({ text: t.text, x0: t.x0, x1: t.x1, numeric });
      }
    }
    line.segments = segments;
    // amounts, not years: a bare 19xx/20xx is a column header ("Ansatz" over "2026"), amounts have dots
    const amounts = segments.filter((s) => s.numeric && !YEAR_ONLY.test(s.text));
    line.tabular = amounts.length >= 2;
  }
  return lines;
}

/** The box of printed lines: x, y (from the top), width, height in points, to a tenth. */
export function box(lines: readonly Line[]): [number, number, number, number] {
  let x0 = Infinity;
  let x1 = -Infinity;
  let top = Infinity;
  let bottom = -Infinity;
  for (const l of lines) {
    for (const t of l.tokens) {
      x0 = Math.min(x0, t.x0);
      x1 = Math.max(x1, t.x1);
    }
    top = Math.min(top, l.y - l.h);
    bottom = Math.max(bottom, l.y + 0.25 * l.h);
  }
  const r = (v: number): number => Math.round(v * 10) / 10;
  return [r(x0), r(top), r(x1 - x0), r(bottom - top)];
}

/** A line's words as one text, a space where the words stand apart. */
export function proseText(line: Line): string {
  let out = '';
  let last: Token | undefined;
  for (const t of line.tokens) {
    out += last === undefined ? t.text : t.x0 - last.x1 > 0.12 * line.h ? ` ${t.text}` : t.text;
    last = t;
  }
  return out;
}
