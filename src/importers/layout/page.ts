/**
 * The layout stage for paged documents (PDF pages, monospace text pages): a page's positioned text becomes its
 * lines in reading order — prose, table header lines (their words where they stand, and the amount columns of
 * the rows under them) and table rows (their line number, operator and label segments, the label joined with
 * its lines wrapped above and below, and their amounts where they stand). Nothing is read for its meaning here:
 * the recognition (`../recognise`) stacks the header, reads numbers, labels and amounts for every container.
 */
import { overlap, type Cell, type LabelLine, type Range } from '../rows/model.js';
import { parseTitle, parseTitlePair } from '../recognise/titles.js';
import { joinWrapped } from '../recognise/wrap.js';
import { box, groupLines, proseText, tokensOf, type Line, type TextItem } from './glyphs.js';
import { attachLabels } from './labels.js';
import { LINE_NUMBER, OPERATOR, amountColumns, rowParts, splitAtZone, trailingAmounts } from './rows.js';
import { YEAR_ONLY } from '../recognise/amounts.js';

export type { TextItem } from './glyphs.js';

/** A line of a page as laid out: prose, a header line or a table row, with its box on the page. */
export interface LaidLine {
  readonly text: string;
  /** x, y (from the top), width, height in points. */
  readonly box: readonly [number, number, number, number];
  readonly cells?: readonly Cell[];
  readonly header?: boolean;
  readonly columns?: readonly Range[];
  readonly label?: readonly LabelLine[];
}

interface Placed extends LaidLine {
  /** Baselines of the first and last printed line, and the font size. */
  readonly top: number;
  readonly bottom: number;
  readonly h: number;
}

function placed(line: Omit<LaidLine, 'box'>, from: readonly Line[]): Placed {
  return {
    ...line,
    box: box(from),
    top: Math.min(...from.map((l) => l.y)),
    bottom: Math.max(...from.map((l) => l.y)),
    h: Math.max(...from.map((l) => l.h)),
  };
}

/** A section title on its own line or over two lines (the line before or after it the other half). */
function titleAt(lines: readonly Line[], k: number): boolean {
  const text = proseText(lines[k]!);
  if (parseTitle(text)) return true;
  const before = lines[k - 1];
  const after = lines[k + 1];
  return (
    (after !== undefined && !after.tabular && parseTitlePair(text, proseText(after)) !== undefined) ||
    (before !== undefined && !before.tabular && parseTitlePair(proseText(before), text) !== undefined)
  );
}

const NUMBER_HEADING = /^(?:Nr\.?|Zeile|Pos\.?|Position|Bezeichnung|Ertrags-|Ein-\s?und)\b/u;

/** Header lines above a block's first row; lines in the label area in between (a group heading, a measure number wrapped above its row) are passed over. */
function headerAbove(lines: readonly Line[], i: number, columns: readonly Range[], used: Set<Line>): Line[] {
  const headerLines: Line[] = [];
  let passed = 0;
  for (let k = i - 1; k >= 0 && headerLines.length < 10; k--) {
    const candidate = lines[k]!;
    if (candidate.tabular || used.has(candidate)) break;
    const text = proseText(candidate);
    // a heading run on from the label area into the columns (a group "UNTERHALB Investition (Auszahlung <
    // 100.000 EUR …)") is text, not a header cell over the columns
    const overColumns =
      candidate.tokens.some((t) => t.x1 > columns[0]!.x0 - 5) && !isRunOnText(candidate, columns);
    const numberHeading = NUMBER_HEADING.test(text);
    if (headerLines.length === 0 && !overColumns && !numberHeading) {
      if (++passed > 8 || titleAt(lines, k)) break;
      continue;
    }
    const below = headerLines[0] ?? (passed === 0 ? lines[i] : undefined);
    // fragments of a header cell stand over the amount columns; other lines must be close
    if (titleAt(lines, k) || (below && below.y - candidate.y > (overColumns ? 2.2 : 1.5) * candidate.h))
      break;
    // a title cell of the header ("Grundzahlen", "Nr. Bezeichnung") stands close to the other header lines
    if (
      !overColumns &&
      !numberHeading &&
      (!headerLines[0] || headerLines[0].y - candidate.y > 1.0 * candidate.h)
    )
      break;
    headerLines.unshift(candidate);
  }
  return headerLines;
}

/** Words set as running text from the label area on (word spacing only), naming no year and no column kind. */
function isRunOnText(line: Line, columns: readonly Range[]): boolean {
  const tokens = line.tokens;
  if (tokens.length < 3 || tokens[0]!.x0 >= columns[0]!.x0 - 5) return false;
  for (let k = 1; k < tokens.length; k++) if (tokens[k]!.x0 - tokens[k - 1]!.x1 > 0.6 * line.h) return false;
  return !tokens.some((t) => /^(?:19|20)\d{2}$/u.test(t.text) || KIND_WORD.test(t.text));
}

const KIND_WORD =
  /^(?:Ergebnis|Ist|Ansatz|Planung|Plan|VE|Finanzplanung|Haushaltsansatz|Vorjahr|Planjahr|bisher|Gesamt)/iu;

/**
 * The pieces of a header line: its segments (the words of one header cell together), a segment standing over
 * several amount columns split into its words (header cells printed close together).
 */
function headerCells(line: Line, columns: readonly Range[]): Cell[] {
  const out: Cell[] = [];
  let t = 0;
  for (const s of line.segments) {
    const words: Cell[] = [];
    while (t < line.tokens.length && line.tokens[t]!.x0 < s.x1 - 0.01) {
      const w = line.tokens[t++]!;
      words.push({ text: w.text, x0: w.x0, x1: w.x1 });
    }
    const over = columns.filter((c) => overlap(c, s) > 0).length;
    if (over >= 2 && words.length > 1) out.push(...words);
    else out.push({ text: s.text, x0: s.x0, x1: s.x1 });
  }
  return out;
}

/** A row as laid out: its number, operator and label cells, then its amounts where they stand. */
function rowLine(row: Line, attached: readonly Line[]): Placed {
  const { label, amounts } = rowParts(row);
  let k = 0;
  const lead: Cell[] = [];
  if (k < label.length && LINE_NUMBER.test(label[k]!.text)) {
    lead.push({ text: label[k]!.text, x0: label[k]!.x0, x1: label[k]!.x1 });
    k++;
  }
  while (k < label.length && OPERATOR.test(label[k]!.text)) {
    lead.push({ text: label[k]!.text, x0: label[k]!.x0, x1: label[k]!.x1 });
    k++;
  }
  const own = label.slice(k);
  const pieces: LabelLine[] = [
    ...attached.map((l) => ({ text: proseText(l), own: false, y: l.y })),
    ...(own.length > 0 ? [{ text: own.map((s) => s.text).join(' '), own: true, y: row.y }] : []),
  ].sort((p, q) => p.y - q.y);
  const words = pieces.map((p) => p.text).reduce(joinWrapped, '');
  const x0 = Math.min(...own.map((s) => s.x0), ...attached.map((l) => l.tokens[0]!.x0));
  const x1 = Math.max(...own.map((s) => s.x1), ...attached.map((l) => l.tokens[l.tokens.length - 1]!.x1));
  const cells: Cell[] = [
    ...lead,
    ...(words !== '' ? [{ text: words, x0, x1 }] : []),
    ...amounts.map((s) => ({ text: s.text, x0: s.x0, x1: s.x1 })),
  ];
  return placed(
    {
      text: cells.map((c) => c.text).join('\t'),
      cells,
      ...(pieces.length > 1 ? { label: pieces } : {}),
    },
    [row, ...attached],
  );
}

/** A tabular line that is a row of the table whose amount columns are `columns`. */
function isRow(row: Line, columns: readonly Range[]): boolean {
  // a page number between dashes ("- 12 -") is no row
  if (/^[-–]\s*\d+\s*[-–]$/u.test(proseText(row))) return false;
  const first = row.segments[0];
  if (first && LINE_NUMBER.test(first.text)) return true;
  // words standing among the amounts ("Seite 2 von 7" under the table): running text, not a row
  const zone = columns[0]?.x0 ?? Infinity;
  if (row.segments.some((s) => !s.numeric && s.x0 >= zone - 2)) return false;
  const amount = (s: { text: string; numeric: boolean }): boolean => s.numeric && !YEAR_ONLY.test(s.text);
  if (trailingAmounts(row).amounts.filter(amount).length >= 2) return true;
  const inColumns = row.segments.filter((s) => amount(s) && columns.some((c) => overlap(c, s) > 0));
  return inColumns.length >= 2;
}

/** Lays out one page. */
export function layoutPage(items: readonly TextItem[], pageHeight: number): LaidLine[] {
  const lines = groupLines(items.flatMap((i) => tokensOf(i, pageHeight)));
  const out: Placed[] = [];
  const used = new Set<Line>();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.tabular) {
      i++;
      continue;
    }
    // a block of rows: tabular lines with at most four text lines between them
    let end = i;
    for (let k = i + 1; k < lines.length; k++) {
      if (lines[k]!.tabular) end = k;
      else if (k - end > 4 || titleAt(lines, k)) break;
    }
    const rows = lines.slice(i, end + 1).filter((l) => l.tabular);
    // a line number stands at the table's left edge; a leading small number further right is an amount
    // (the row's label wraps above and below its amounts)
    const around = lines.slice(Math.max(0, i - 4), Math.min(lines.length, end + 4));
    const tableLeft = Math.min(...around.flatMap((l) => l.tokens.map((t) => t.x0)));
    const columns = amountColumns(rows, tableLeft);
    if (columns.length === 0) {
      // numbers in running text, not a table
      rows.forEach((r) => (r.tabular = false));
      continue;
    }
    for (const r of rows) splitAtZone(r, columns[0]!.x0);
    // a line with numbers that is no row of the table ("Seite 16 von 18" under it): no line number, fewer than
    // two amounts after its last word and fewer than two in the table's columns
    const strays = rows.filter((r) => !isRow(r, columns));
    if (strays.length > 0) {
      strays.forEach((r) => (r.tabular = false));
      continue;
    }
    const headerLines = headerAbove(lines, i, columns, used);
    for (const h of headerLines) {
      used.add(h);
      const cells = headerCells(h, columns);
      out.push(placed({ text: cells.map((c) => c.text).join('\t'), cells, header: true, columns }, [h]));
    }
    // text lines in the label area go to the nearest row: wrapped labels above, beside or below the amounts
    const attached = attachLabels(rows, lines, used, columns[0]!.x0);
    for (const row of rows) {
      out.push(rowLine(row, attached.get(row)!));
      used.add(row);
    }
    i = end + 1;
  }
  // prose lines where they stand; headers and rows at the top of their boxes
  const prose = lines
    .filter((l) => !used.has(l) && !l.tabular)
    .map((l) => placed({ text: proseText(l) }, [l]));
  const sorted = [...out, ...prose].sort((p, q) => p.box[1] - q.box[1]);
  // a wider gap than the line spacing ends a paragraph: a blank line, as in the text layout
  const result: LaidLine[] = [];
  sorted.forEach((p, k) => {
    const previous = sorted[k - 1];
    // a line as far below a row as the row's label lines are from each other goes on with them (a label's
    // last line, left beside no row at the foot of a page)
    const steps = (previous?.label ?? []).map((l) => l.y).sort((a, b) => a - b);
    const spacing = Math.min(...steps.slice(1).map((y, n) => y - steps[n]!));
    const goesOn = !p.cells && Math.abs(p.top - (previous?.bottom ?? 0) - spacing) <= 0.25 * p.h;
    if (previous && !goesOn && p.top - previous.bottom > 1.3 * Math.max(p.h, previous.h)) {
      result.push({ text: '', box: [p.box[0], previous.bottom, 0, 0] });
    }
    result.push({
      text: p.text,
      box: p.box,
      ...(p.cells ? { cells: p.cells } : {}),
      ...(p.header ? { header: p.header } : {}),
      ...(p.columns ? { columns: p.columns } : {}),
      ...(p.label ? { label: p.label } : {}),
    });
  });
  return result;
}
