/**
 * A table of a part as a laid-out document prints it (a PDF page, `pdftotext -layout` text) made rows of cells
 * like a CSV table, so that the table readers of the parts (`tables.ts`) read it as they read a file: the header
 * lines above the first row with numbers are joined column by column (a header printed over several lines,
 * "Tariflich" over "Beschäftigte" over "2026", is one cell), every cell of a row goes to the header column it
 * stands under, a row label printed over several lines (the lines right under the row, no gap, no number) is
 * joined, and a code printed in one cell with its name ("0102 Name") under the headers "Nr." and
 * "Bezeichnung" is split again. A header printed again on the next page is left out. Each row keeps the line
 * it came from, so that what a reader reports points to the page and line.
 */
import type { Source } from '../../core/model.js';
import { mostOverlapping, nearestRange, overlap, type Cell, type DocLine } from '../rows/model.js';
import { isPageNumberLine } from '../recognise/page-number.js';

export interface PrintedTable {
  /** The header row first, then one row per data line. */
  readonly rows: string[][];
  /** Where each row was printed (the header: its first line). */
  readonly sources: Source[];
  /** The index of the first line after the table (prose that is no label: a note, the next heading). */
  readonly end: number;
}

const NUMBER = /^[-−–]?\s?\d[\d.,]*\s?%?$|^[-−–]?\d[\d.,]*-?$/u;

/** Whether a cell is a number (an amount, a share, a count of posts). */
export function isNumberCell(text: string): boolean {
  return NUMBER.test(text.trim());
}

/** A year, a range of years or a date, as a header prints over its columns ("2026", "2026–2027", "30.06.2025"). */
const YEARS = /^(?:(?:19|20)\d\d(?:\s?[-–/]\s?(?:19|20)?\d\d)?|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)$/u;

function isDataLine(line: DocLine): boolean {
  const cells = joinedWords(line.cells ?? []);
  return cells.length >= 2 && cells.slice(1).some((c) => isNumberCell(c.text) && !YEARS.test(c.text.trim()));
}

function isHeaderLine(line: DocLine | undefined): boolean {
  return line !== undefined && line.cells !== undefined && !isDataLine(line);
}

interface Column {
  x0: number;
  x1: number;
  text: string;
}

/**
 * A line's cells with the words of one label joined ("VE" "2026" printed closer than a character's width: "VE
 * 2026"; on a character grid a space is a whole character, so words there stay apart).
 */
export function joinedWords(cells: readonly Cell[]): Cell[] {
  const out: Cell[] = [];
  for (const c of cells) {
    const prev = out.at(-1);
    if (!prev) {
      out.push(c);
      continue;
    }
    const width = (prev.x1 - prev.x0) / Math.max(1, prev.text.length);
    const gap = c.x0 - prev.x1;
    // a year one space after its label ("VE 2026" on a character grid) belongs to it too
    const year = gap <= 2 * width && YEARS.test(c.text.trim()) && !isNumberCell(prev.text);
    if (gap < width || year) out[out.length - 1] = { text: `${prev.text} ${c.text}`, x0: prev.x0, x1: c.x1 };
    else out.push(c);
  }
  return out;
}

/** The header's columns: cells of the header lines joined where they overlap, left to right. */
function headerColumns(header: readonly DocLine[]): Column[] {
  const cols: Column[] = [];
  for (const line of header)
    for (const c of joinedWords(line.cells ?? [])) {
      const k = mostOverlapping(cols, c);
      if (k < 0) cols.push({ x0: c.x0, x1: c.x1, text: c.text.trim() });
      else {
        const col = cols[k]!;
        col.x0 = Math.min(col.x0, c.x0);
        col.x1 = Math.max(col.x1, c.x1);
        col.text = `${col.text} ${c.text.trim()}`;
      }
    }
  return cols.sort((a, b) => a.x0 - b.x0);
}

/** A code printed in one cell with its name: its first word, holding a digit. */
/**
 * Header columns joined where the numbers under them span both (a label printed beside its year, "fällig"
 * "2027", its numbers under the two): at least half of each header cell lies over one number.
 */
function spannedColumns(cols: Column[], rows: readonly DocLine[]): Column[] {
  const numbers = rows.flatMap((l) => joinedWords(l.cells ?? [])).filter((c) => isNumberCell(c.text));
  const half = (c: Cell, col: Column): boolean => overlap(c, col) * 2 >= col.x1 - col.x0;
  const apart = (c: Cell, col: Column): boolean => overlap(c, col) <= 0;
  for (let k = cols.length - 2; k >= 0; k--) {
    const [a, b] = [cols[k]!, cols[k + 1]!];
    // and no number stands under one of them alone
    const alone = numbers.some((c) => (half(c, a) && apart(c, b)) || (half(c, b) && apart(c, a)));
    if (!alone && numbers.some((c) => half(c, a) && half(c, b)))
      cols.splice(k, 2, { x0: a.x0, x1: b.x1, text: `${a.text} ${b.text}` });
  }
  return cols;
}

const CODE = /^(\S*\d\S*)\s+(\S.*)$/u;

/** The header's text joined, to know it again on the next page. */
function key(lines: readonly DocLine[]): string {
  return lines.map((l) => l.text.replace(/\s+/gu, ' ').trim()).join(' | ');
}

/** The rows of the table printed in `lines` (the first run of header lines and the rows under them). */
export function printedTable(lines: readonly DocLine[]): PrintedTable | undefined {
  const first = lines.findIndex(isDataLine);
  if (first < 0) return undefined;
  // the header: the lines of cells right above the first row (blank lines between them left out)
  let top = first;
  for (let k = first - 1; k >= 0; k--) {
    if (isHeaderLine(lines[k])) top = k;
    else if (lines[k]!.text.trim() !== '') break;
  }
  const header = lines.slice(top, first).filter((l) => l.cells);
  if (header.length === 0) return undefined;
  let cols = spannedColumns(headerColumns(header), lines.slice(first));
  const headerKey = key(header);
  // a name column ("Bezeichnung") after the first: the first holds the code (Nr., Maßnahme, Produkt)
  const name = cols.findIndex((c, k) => k === 1 && /^Bezeichnung/iu.test(c.text));
  const nr = name > 0 ? 0 : -1;
  const rows: string[][] = [cols.map((c) => c.text)];
  // rows whose numbers stand closer than the header's columns (two in one column): the numbers in order
  const crowded = new Map<string[], string[]>();
  const sources: Source[] = [header[0]!.source];
  let last: string[] | undefined;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    // a page footer a text export keeps: page furniture inside a table running over pages
    if (isPageNumberLine(line.text)) continue;
    // a line of one run of text (prose, or one cell): a label's next line, a sum row, or the end
    if (!line.cells || line.cells.filter((c) => c.text.trim() !== '').length <= 1) {
      // a label printed over several lines: directly under its row, no number
      const text = line.text.trim();
      if (text === '') last = undefined;
      else if (TRAILING.test(text) && !YEARS.test(text.split(/\s+/u).at(-1)!)) {
        // a row the layout did not split into cells (a sum row without code): its numbers from the right
        last = proseRow(text, cols.length, name >= 0 ? name : 0);
        rows.push(last);
        sources.push(line.source);
      } else if (!last) return done(rows, sources, i, crowded, Math.max(name, 0));
      else if (!/\d{2}/u.test(text) || /^[A-ZÄÖÜ\s,.()/-]+$/u.test(text)) {
        const at = name >= 0 ? name : 0;
        last[at] = `${last[at]} ${text}`.trim();
      } else return done(rows, sources, i, crowded, Math.max(name, 0));
      continue;
    }
    if (!isDataLine(line)) {
      // the header printed again on the next page: skip it (and the lines of it)
      let end = i;
      while (end < lines.length && (isHeaderLine(lines[end]) || lines[end]!.text.trim() === '')) end++;
      const again = lines.slice(i, end).filter((l) => l.cells);
      if (key(again) === headerKey) {
        // the columns where this page prints them (a text export lays out each page on its own)
        const moved = spannedColumns(headerColumns(again), lines.slice(end));
        if (moved.length === cols.length) cols = moved.map((c, k) => ({ ...c, text: cols[k]!.text }));
        i = end - 1;
        last = undefined;
        continue;
      }
    }
    const row = cols.map(() => '');
    const numbers: string[] = [];
    joinedWords(line.cells).forEach((c, j) => {
      place(row, cols, c, numbers, j === 0 && mostOverlapping(cols, c) <= Math.max(name, 0));
    });
    const placed = row.filter((t, k) => k > Math.max(name, 0) && isNumberCell(t)).length;
    if (numbers.length > placed) crowded.set(row, numbers);
    if (nr >= 0 && (row[name] === '' || row[nr] === '')) {
      const m = CODE.exec(row[nr] || row[name]!);
      if (m) {
        row[nr] = m[1]!;
        row[name] = m[2]!;
      }
    }
    rows.push(row);
    sources.push(line.source);
    last = row;
  }
  return done(rows, sources, lines.length, crowded, Math.max(name, 0));
}

/** Text ending in a number after a word: a row printed as one run of text (not a year: "Stand: 2026"). */
const TRAILING = /^\D+(?:\s[-−]?\d[\d.,]*)+$/u;

function proseRow(text: string, width: number, labelAt: number): string[] {
  const words = text.split(/\s+/u);
  let k = words.length;
  while (k > 0 && isNumberCell(words[k - 1]!)) k--;
  const numbers = words.slice(k);
  const row = new Array<string>(width).fill('');
  row[labelAt] = words.slice(0, k).join(' ');
  numbers.forEach((n, j) => (row[width - numbers.length + j] = n));
  return row;
}

/**
 * A cell holding several numbers a space apart (`pdftotext -layout` where the columns stand close): each number
 * a cell of its own, where its characters stand.
 */
function numbersOf(c: Cell): Cell[] {
  const words = [...c.text.matchAll(/\S+/gu)];
  if (words.length < 2 || !words.every((w) => isNumberCell(w[0]))) return [c];
  const width = (c.x1 - c.x0) / Math.max(1, c.text.length);
  return words.map((w) => ({
    text: w[0],
    x0: c.x0 + w.index * width,
    x1: c.x0 + (w.index + w[0].length) * width,
  }));
}

/** A cell placed in its column; its numbers noted, but not a row's code in front ("14", "0102"). */
function place(row: string[], cols: readonly Column[], cell: Cell, numbers: string[], code: boolean): void {
  for (const c of numbersOf(cell))
    if (placeOne(row, cols, c) && isNumberCell(c.text) && !code) numbers.push(c.text.trim());
}

/**
 * The table, its crowded rows laid out again: where a row has as many numbers as the table has columns of
 * numbers, they go to those columns in order (`pdftotext -layout` may print a row's numbers a space apart under
 * a header spread wider); other crowded rows stay as they are (the reader reports what it cannot read).
 */
function done(
  rows: string[][],
  sources: Source[],
  end: number,
  crowded: ReadonlyMap<string[], string[]>,
  label: number,
): PrintedTable {
  // the columns of numbers: right of the label (a code such as "0102" is no number of the table)
  const numeric = rows[0]!.flatMap((_, k) =>
    k > label && rows.slice(1).some((r) => !crowded.has(r) && isNumberCell(r[k]!)) ? [k] : [],
  );
  for (const [row, numbers] of crowded) {
    if (numbers.length !== numeric.length) continue;
    // the numbers taken out of the label where they were placed beside it
    const left = [...numbers];
    row[label] = row[label]!.split(/\s+/u)
      .filter((w) => {
        const at = left.indexOf(w);
        if (at >= 0) left.splice(at, 1);
        return at < 0;
      })
      .join(' ');
    numeric.forEach((k, j) => (row[k] = numbers[j]!));
  }
  return { rows, sources, end };
}

function placeOne(row: string[], cols: readonly Column[], c: Cell): boolean {
  let k = mostOverlapping(cols, c);
  if (k < 0) k = nearestRange(cols, c).index;
  if (k < 0) return false;
  row[k] = row[k] === '' ? c.text.trim() : `${row[k]} ${c.text.trim()}`;
  return true;
}
