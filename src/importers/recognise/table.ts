/**
 * A table in a document's lines, for every container: its header rows (however many, however shaped), the
 * amount columns they stand over, and each row split into its lead (number, operator, label) and its amounts
 * per column. Rows from a page are matched with the columns by where their cells stand; rows of tab-separated
 * text by order after their lead (their number and label may share a cell, empty cells at the end are not
 * kept).
 */
import {
  cellTexts,
  mostOverlapping,
  nearestRange,
  overlap,
  type Cell,
  type DocLine,
  type Geometry,
  type Range,
} from '../rows/model.js';
import { YEAR_ONLY, isAmountText, type Scale } from './amounts.js';
import { readColumnHead, unitOf } from './columns.js';
import { readHead, stackHead, type HeadResult, type TableHead } from './header.js';
import { readLead, type Lead } from './lead.js';

/** Words a header row is made of besides kinds, years and units: titles of the number and label columns, groups. */
const HEADER_WORD =
  /^(?:Nr\.?|Zeile|Pos\.?|Position|Bezeichnung|Ertrags-?\s?und\s?Aufwandsarten|Ein-?\s?und\s?Auszahlungsarten|Kennzahlen|Grundzahlen)$/iu;

/** The geometry of a document's lines: paged documents carry the amount columns on their header lines. */
export function geometryOf(line: DocLine): Geometry {
  return line.points ? 'points' : 'index';
}

/** A line number alone or before the label, as a row's first cell prints it. */
const LEADING_NUMBER = /^[=+-]?\s*(?:Zeile\s+)?(?:\d{1,2}\.?|[1-9]\.[1-9]\d?)(?:\s+\S|$)/iu;

/** A row with at least one amount that is no year, or with a line number: a row of a table body. */
export function isDataLine(line: DocLine): boolean {
  if (!line.cells || line.header) return false;
  let known = DATA_LINES.get(line);
  if (known === undefined) {
    known = readsAsData(line.cells);
    DATA_LINES.set(line, known);
  }
  return known;
}

/** What `isDataLine` and `isHeaderLine` found per line: the sections' stages ask each line several times. */
const DATA_LINES = new WeakMap<DocLine, boolean>();
const HEADER_LINES = new WeakMap<DocLine, boolean>();

function readsAsData(cells: readonly Cell[]): boolean {
  const first = cells.find((c) => c.text !== '');
  if (first && cells.length >= 2 && LEADING_NUMBER.test(first.text)) return true;
  return cells.some((c) => c.text !== '' && !YEAR_ONLY.test(c.text) && isAmountText(c.text));
}

/**
 * A header row: laid out as one from a page, or (tab-separated text) a row of two or more cells without amounts
 * but years, naming a column kind, a year, a unit or a column title.
 */
export function isHeaderLine(line: DocLine): boolean {
  if (line.header) return true;
  if (!line.cells || line.cells.length < 2 || line.points) return false;
  let known = HEADER_LINES.get(line);
  if (known === undefined) {
    known = readsAsHeader(line.cells);
    HEADER_LINES.set(line, known);
  }
  return known;
}

function readsAsHeader(cells: readonly Cell[]): boolean {
  let named = false;
  for (const c of cells) {
    const t = c.text;
    if (t === '') continue;
    if (YEAR_ONLY.test(t) || unitOf(t) !== undefined || HEADER_WORD.test(t)) named = true;
    else if (isAmountText(t)) return false;
    else if (MAY_NAME_COLUMN.test(t) && namesColumn(t)) named = true;
    else if (/^(?:VE|Verpflicht|bisher|Gesamt)/iu.test(t)) named = true;
    else if (
      /^(?:Ergebnis|Ansatz|Planung|Haushaltsansatz|Finanzplanung|Ist|Plan|Rechnungsergebnis)\b/iu.test(t)
    )
      named = true;
  }
  return named;
}

/**
 * What a cell must start with (or hold: "Gesamtausgabe") to name a column by itself, as `readColumnHead` reads one
 * cell without a unit (a cheap test first: most cells tested are row labels).
 */
const MAY_NAME_COLUMN =
  /^(?:(?:19|20)\d{2}\s+)?(?:VE\b|Verpfl|bisher|gesamt|Ergebnis|Ist\b|Rechnungsergebnis|Ansatz|Haushaltsansatz|Plan|Finanzplanung)|gesamt-? ?ausgabe/iu;

const NAMING = new Map<string, boolean>();

/** Whether one cell names a column by itself, remembered per text (every page repeats its header). */
function namesColumn(text: string): boolean {
  let known = NAMING.get(text);
  if (known === undefined) {
    known = readColumnHead([text], []) !== undefined;
    if (NAMING.size >= 4096) NAMING.clear();
    NAMING.set(text, known);
  }
  return known;
}

/** The texts of a header's lines, to recognise it when a page repeats it. */
export function headerKey(lines: readonly DocLine[]): string {
  return lines.map((l) => (l.cells ?? []).map((c) => c.text).join('\t')).join('\n');
}

/** The amount columns of tab-separated header rows: from the first position whose header reads as a column. */
function indexRanges(rows: readonly (readonly Cell[])[]): Range[] {
  const positions = [...new Set(rows.flatMap((r) => r.map((c) => c.x0)))].sort((a, b) => a - b);
  const at = (x: number): string[] =>
    rows.map((r) => r.find((c) => c.x0 === x)?.text ?? '').filter((t) => t !== '');
  const first = positions.findIndex((x) => readColumnHead(at(x), []) !== undefined);
  if (first < 0) return [];
  const last = positions.findLastIndex((x) => at(x).length > 0);
  return positions.slice(first, last + 1).map((x) => ({ x0: x, x1: x + 1 }));
}

/**
 * Reads a table's header from its lines: on a page, over the amount columns the layout found under it; in
 * tab-separated text, over the positions its own cells give (left to right, the rows aligned by index).
 */
export function readTableHeader(lines: readonly DocLine[], scale: Scale = 1): HeadResult {
  const rows = lines.map((l) => l.cells ?? []);
  const paged = lines.find((l) => l.columns !== undefined);
  const key = headerMemoKey(rows, paged?.columns, scale);
  const known = HEADS.get(key);
  if (known) return known;
  const read = paged
    ? readHead(rows, paged.columns!, 'points', scale)
    : readHead(rows, indexRanges(rows), 'index', scale);
  if (HEADS.size >= HEADS_KEPT) HEADS.clear();
  HEADS.set(key, read);
  return read;
}

/**
 * Headers read, by what they are read from: a plan repeats its header on every page, and reading one is the
 * costliest step per page (the results are immutable, so the same header gives the same object).
 */
const HEADS = new Map<string, HeadResult>();
const HEADS_KEPT = 512;

/** Everything `readHead` reads: the rows' cells with their places, the page's amount columns, the unit. */
function headerMemoKey(
  rows: readonly (readonly Cell[])[],
  columns: readonly Range[] | undefined,
  scale: Scale,
): string {
  let key = `${scale}`;
  if (columns) for (const c of columns) key += `|${c.x0},${c.x1}`;
  for (const r of rows) {
    key += '\n';
    for (const c of r) key += `${c.x0},${c.x1}\t${c.text}\t`;
  }
  return key;
}

export interface SplitRow {
  /** The cells before the amounts: number, operator, label. */
  readonly lead: readonly string[];
  /** Per column of the header: the printed text, '' when the cell is empty or missing. */
  readonly amounts: readonly string[];
  /** How many cells the row has under or after the columns (for a message when they do not fit). */
  readonly found: number;
  /** Cells the row has beyond the columns (tab text), or that stand under no column (page). */
  readonly extra: number;
}

/**
 * Splits a row into its lead and its amounts per column of `head`. A row of tab-separated text that prints
 * every column (`complete`: a row of the table's body) gives its last cells to the columns when it has one
 * more, the cells before are its lead (number and label, an operator column the header does not name); a row
 * that may leave its last columns out (empty cells at a line's end are not kept: a row after the table) gives
 * them only when it has as many cells as the header, else the cells after the header's own lead cells.
 */
export function splitRow(line: DocLine, head: TableHead, complete = true): SplitRow {
  const cells = line.cells ?? [];
  if (geometryOf(line) === 'points' && line.cells) return splitByPosition(cells, head.ranges);
  const count = head.columns.length;
  const leading = Math.max(0, head.ranges[0]?.x0 ?? 1);
  // the cells' texts without the empty cells at the end (`cellTexts`), read straight into lead and amounts
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.text === '') end--;
  if (end >= (complete ? count + 1 : leading + count)) {
    const lead = new Array<string>(end - count);
    for (let k = 0; k < end - count; k++) lead[k] = cells[k]!.text;
    const amounts = new Array<string>(count);
    for (let k = 0; k < count; k++) amounts[k] = cells[end - count + k]!.text;
    return { lead, amounts, found: count, extra: 0 };
  }
  const texts = cellTexts(cells);
  const after = texts.slice(Math.min(leading, texts.length));
  return {
    lead: texts.slice(0, Math.min(leading, texts.length)),
    amounts: Array.from({ length: count }, (_, k) => after[k] ?? ''),
    found: after.length,
    extra: 0,
  };
}

function splitByPosition(cells: readonly Cell[], ranges: readonly Range[]): SplitRow {
  const lead: string[] = [];
  const amounts = ranges.map(() => '');
  let found = 0;
  let extra = 0;
  const first = ranges[0]!.x0;
  const width = Math.max(...ranges.map((r) => r.x1 - r.x0));
  // a row with a cell for every column gives them in order (text laid out by characters shifts a column's
  // amounts from row to row, so that neighbouring columns overlap)
  const over = (c: Cell): boolean => ranges.some((r) => overlap(r, c) > 0);
  const zone = cells.filter((c) => c.text !== '' && (c.x1 > first + 1 || over(c)));
  const lastRange = ranges[ranges.length - 1]!;
  if (
    zone.length === ranges.length &&
    zone.every((c, k) => c.x1 > ranges[k]!.x0 - width && c.x0 < ranges[k]!.x1 + width) &&
    zone[zone.length - 1]!.x0 < lastRange.x1 + 0.6 * width
  ) {
    for (const c of cells) if (c.text !== '' && !zone.includes(c)) lead.push(c.text);
    return { lead, amounts: zone.map((c) => c.text), found: zone.length, extra: 0 };
  }
  for (const c of cells) {
    if (c.text === '') continue;
    let best = mostOverlapping(ranges, c);
    if (best < 0 && c.x1 <= first + 1) {
      lead.push(c.text);
      continue;
    }
    if (best < 0) {
      // between columns: the nearest within a column's width
      const nearest = nearestRange(ranges, c);
      best = nearest.index;
      if (nearest.distance > 0.6 * width) {
        extra++;
        continue;
      }
    }
    found++;
    amounts[best] = amounts[best] === '' ? c.text : `${amounts[best]} ${c.text}`;
  }
  return { lead, amounts, found, extra };
}

/**
 * The header lines laid out from a page made one row each (for parsers of small tables of their own, such as
 * Kennzahlen): its titles and, per column, its stacked texts, as cells and tab-joined text.
 */
export function collapseHeaderLines<T extends DocLine>(lines: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.header || !line.columns) {
      out.push(line);
      continue;
    }
    let end = i;
    while (end + 1 < lines.length && lines[end + 1]!.header && lines[end + 1]!.columns === line.columns)
      end++;
    const group = lines.slice(i, end + 1);
    const stacked = stackHead(
      group.map((l) => l.cells ?? []),
      line.columns,
      'points',
    );
    const texts = [...stacked.lead, ...stacked.parts.map((p) => p.join(' '))];
    out.push({
      ...line,
      text: texts.join('\t'),
      cells: texts.map((text, k) => ({ text, x0: k, x1: k + 1 })),
      points: false,
      header: false,
    });
    i = end;
  }
  return out;
}

/** A row split under a header and its lead read: what `rowLead` gives. */
export interface RowLead {
  readonly split: SplitRow;
  readonly lead: Lead;
}

const LEADS = new WeakMap<
  DocLine,
  { readonly head: TableHead; readonly numbered: boolean; readonly read: RowLead }
>();

/**
 * A table row split under `head` and its lead cells read (`readLead`), remembered per line: the plans'
 * continuation and the plan section both read every row under the same (remembered) header.
 */
export function rowLead(line: DocLine, head: TableHead, numbered: boolean): RowLead {
  const known = LEADS.get(line);
  if (known && known.head === head && known.numbered === numbered) return known.read;
  const split = splitRow(line, head);
  const read = { split, lead: readLead(split.lead, numbered) };
  LEADS.set(line, { head, numbered, read });
  return read;
}
