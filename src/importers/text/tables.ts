/**
 * Where a section's table begins: its header lines (after a running header, a subtitle, a unit line such as
 * "Beträge in T€", or in a PDF a header left alone at the bottom of a page before the page that repeats it with
 * the rows), read into columns by the one header recognition of every container.
 */
import type { Column, Source } from '../../core/model.js';
import { unitOf } from '../recognise/columns.js';
import type { Scale } from '../recognise/amounts.js';
import type { TableHead } from '../recognise/header.js';
import { headerKey, isDataLine, isHeaderLine, readTableHeader } from '../recognise/table.js';
import type { Context } from './context.js';
import type { TextLine } from './lines.js';
import type { Title } from '../recognise/titles.js';

export interface Section {
  readonly title: Title;
  readonly titleLine: TextLine;
  readonly body: TextLine[];
}

export interface TableStart {
  /** Index in the body of the first header line, and of the line after the header. */
  readonly index: number;
  readonly end: number;
  readonly headerLines: readonly TextLine[];
  readonly key: string;
  readonly head: TableHead;
}

/** Index of a section's first header line (or where the search ended), and the lines passed before it. */
function findHeader(body: readonly TextLine[]): number {
  let first = -1;
  let passed = 0;
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    const t = line.text;
    if (t.trim() === '') continue;
    if (first < 0) first = i;
    if (isHeaderLine(line)) return i;
    // a running header, a subtitle, or in a PDF a table header left alone at the bottom of the page before
    // the page that repeats it with the rows
    if (line.cells || t.trim().length > 100 || ++passed > 12) break;
  }
  return first < 0 ? body.length : first;
}

/** The unit a section names above its table ("Beträge in T€", "in Tausend Euro"). */
function unitAbove(lines: readonly TextLine[]): Scale {
  for (const l of lines) if (!l.cells && unitOf(l.text) === 1000) return 1000; // unitOf tests cheaply first
  return 1;
}

/** The header lines from `index` on: consecutive header rows (blank lines between them are passed over). */
export function headerLinesAt(body: readonly TextLine[], index: number): { lines: TextLine[]; end: number } {
  const lines: TextLine[] = [];
  let end = index;
  for (let i = index; i < body.length; i++) {
    const line = body[i]!;
    if (line.text.trim() === '' && !line.cells) continue;
    if (!isHeaderLine(line) || isDataLine(line)) break;
    lines.push(line);
    end = i + 1;
  }
  return { lines, end };
}

/** Notes the lines a section's table header was found after, when they are more than page furniture. */
function notePassedLines(ctx: Context, section: Section, passed: readonly TextLine[]): void {
  const text = passed.filter((l) => l.text.trim() !== '');
  if (text.length <= 2) return;
  ctx.notes.push({
    severity: 'info',
    rule: 'skipped-text',
    message: `Vor dem Tabellenkopf übersprungen (${text.length} Zeilen, z. B. ein Tabellenkopf ohne Zeilen am Seitenende): „${text
      .map((l) => l.text.trim())
      .join(' ')
      .slice(0, 80)}“`,
    node: section.title.code,
    source: text[0]!.source,
  });
}

/** Finds and reads a section's table header; reports what was found instead when there is none. */
export function readSectionTable(ctx: Context, section: Section, expected: string): TableStart | undefined {
  const body = section.body;
  const index = findHeader(body);
  const first = body[index];
  const { lines, end } =
    first && isHeaderLine(first) ? headerLinesAt(body, index) : { lines: [], end: index };
  if (lines.length === 0) {
    ctx.error(
      first ?? section.titleLine,
      `${expected}, gefunden: „${(first?.text ?? 'Dateiende').replace(/\t/gu, ' ').trim().slice(0, 80)}“`,
    );
    return undefined;
  }
  const passed = body.slice(0, index);
  notePassedLines(ctx, section, passed);
  const result = readTableHeader(lines, unitAbove([section.titleLine, ...passed]));
  if (!result.ok) {
    ctx.error(lines[0], result.message);
    return undefined;
  }
  ctx.traits.header(result.head);
  return { index, end, headerLines: lines, key: headerKey(lines), head: result.head };
}

/** The source of a section's title line. */
export function titleSource(section: Section): Source {
  return section.titleLine.source;
}

/** Where a table's columns stand after a header printed again among its rows. */
export interface Reheaded {
  readonly head: TableHead;
  readonly key: string;
  /** Per column of the new header, its index among the table's columns. */
  readonly at: number[];
  readonly scales: Scale[];
  /** The header brought columns of its own: the later years continued in a table of their own. */
  readonly continued: boolean;
}

/**
 * A header printed again among a table's rows (`lines`, first `line`), read against the columns so far:
 * undefined for the same header repeated on the next page of text (nothing changes); false when it cannot be
 * read (the error is reported at `line`); else where its columns stand. Columns it brings of its own (the later
 * years continued in a table of their own, line numbers and labels repeated) are appended to `columns` and
 * their units to the scales, and the trait is recorded.
 */
export function readHeaderAgain(
  ctx: Context,
  line: TextLine,
  lines: readonly TextLine[],
  key: string,
  columns: Column[],
  scales: readonly Scale[],
): Reheaded | false | undefined {
  const k = headerKey(lines);
  // laid out from a page, a repeated header brings that page's column positions
  if (k === key && !line.points) return undefined;
  const next = readTableHeader(lines, scales[0] ?? 1);
  if (!next.ok) {
    ctx.error(line, next.message);
    return false;
  }
  const known = next.head.columns.map((c) =>
    columns.findIndex((x) => x.kind === c.kind && x.year === c.year),
  );
  const continued = !known.every((x) => x >= 0);
  if (continued) {
    ctx.traits.continued();
    ctx.traits.header(next.head);
  }
  const at = next.head.columns.map((c, n) => {
    if (known[n]! >= 0) return known[n]!;
    columns.push(c);
    return columns.length - 1;
  });
  return {
    head: next.head,
    key: k,
    at,
    scales: [...scales, ...next.head.scales.filter((_, n) => known[n]! < 0)],
    continued,
  };
}
