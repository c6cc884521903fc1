/**
 * The labels of an investment table's rows, from its printed lines: group headings, measures (number and name)
 * and Teilfinanzplan lines, each name or label wrapped over lines above, beside and below its amounts. The
 * layout stage gave each wrapped line to the nearest row by geometry (or left it as text between the rows);
 * here the lines between two rows are divided between them again:
 *
 * - a line that begins a measure (its number: `010226BGA Büroausstattung`, `430125MINT`), a numbered
 *   Teilfinanzplan line (`26 Auszahlungen …`) or a group heading (`UNTERHALB Investition …`) starts the next
 *   row's label (a group heading goes on until the next such line);
 * - a row printing its measure number beside its amounts takes no line above;
 * - otherwise the lines are divided where the Teilfinanzplan lines' labels fit the schema best (a label wrapped
 *   over three lines, the amounts beside its first, middle or last line), geometry deciding at a tie.
 */
import type { Source } from '../../core/model.js';
import { joinWrapped } from '../recognise/wrap.js';

/** The first line of a group heading of the investments ("UNTERHALB Investition (Auszahlung < 100.000 EUR …)"). */
export const GROUP_HEADING = /^(?:unterhalb|oberhalb)\b|\bwertgrenze\b/iu;
/** A measure number at the start of a line: a word with three digits or more ("430125MINT", "I-43-0125"). */
const MEASURE_START = /^(?:[^\s\d]*\d){3}\S*(?:\s|$)/u;
/** A Teilfinanzplan line's number at the start of a line of text ("26 Auszahlungen …", "Zeile 26 …"). */
const LINE_START = /^(?:Zeile\s+)?\d{2}\.?\s+\S/u;

/** A printed line of an investment table, in reading order. */
export type PrintedLine =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly source: Source;
      /** The row the layout stage gave the line to (its index among the rows), if any. */
      readonly row?: number;
    }
  | {
      readonly kind: 'row';
      /** Its index among the rows. */
      readonly row: number;
      /** Its label printed beside its amounts (without line number and operator). */
      readonly own: string;
    }
  /** The table continued in a table of its own (the later years): no label goes on over it. */
  | { readonly kind: 'break' };

export type LabelledPiece =
  | { readonly kind: 'group'; readonly label: string; readonly source: Source }
  | { readonly kind: 'row'; readonly row: number; readonly label: string };

export interface Labelled {
  /** Groups and rows in printed order, each row with its whole label. */
  readonly pieces: LabelledPiece[];
  /** Text after the last row that belongs to no row's label. */
  readonly left: { readonly text: string; readonly source: Source }[];
}

type Text = Extract<PrintedLine, { kind: 'text' }>;
type Start = 'group' | 'row' | undefined;

function startOf(text: string): Start {
  if (GROUP_HEADING.test(text)) return 'group';
  if (AMOUNT_START.test(text)) return undefined;
  return MEASURE_START.test(text) || LINE_START.test(text) ? 'row' : undefined;
}

/**
 * An amount at the start of a line ("100.000 EUR inkl. MWST)", the second line of a group heading's threshold)
 * is no measure number: digits grouped by points in threes, perhaps with cents.
 */
const AMOUNT_START = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?(?:\s|$)/u;

const joined = (texts: readonly string[]): string => texts.reduce(joinWrapped, '');

/**
 * Divides the printed lines into groups and row labels. `fit(row, label)`: how well a label is its row's as a
 * Teilfinanzplan line (3 its schema label, 2 an alias, 1 misprinted, 0 another or a measure).
 */
export function labelRows(
  printed: readonly PrintedLine[],
  fit: (row: number, label: string) => number,
): Labelled {
  const own: string[] = [];
  /** The runs of text before each row, and after the last (breaks kept). */
  const runs: (Text | { kind: 'break' })[][] = [[]];
  for (const p of printed) {
    if (p.kind === 'row') {
      own[p.row] = p.own;
      runs.push([]);
    } else runs[runs.length - 1]!.push(p);
  }
  const count = own.length;
  const head: string[][] = own.map(() => []);
  const tail: string[][] = own.map(() => []);
  /** Groups printed in the run before each row (and after the last). */
  const groups: { label: string; source: Source }[][] = runs.map(() => []);
  const left: { text: string; source: Source }[] = [];
  /** Runs divided by the schema: their free lines and where they are divided now. */
  const free: { r: number; texts: string[]; at: number; fixed: boolean }[] = [];
  const labelOf = (r: number): string => joined([...head[r]!, own[r]!, ...tail[r]!]);
  let trailing: Text[] = [];

  runs.forEach((run, r) => {
    const before = r - 1; // the row before the run (-1: none)
    const after = r < count ? r : -1; // the row after it (-1: none)
    const brk = run.findIndex((p) => p.kind === 'break');
    const lines = run.filter((p): p is Text => p.kind === 'text');
    const first = lines.findIndex((l) => startOf(l.text) !== undefined);
    const loose = first < 0 ? lines : lines.slice(0, first);
    // segments from the first start on: groups, and the next row's beginning
    const segments: Text[][] = [];
    for (const l of first < 0 ? [] : lines.slice(first)) {
      if (startOf(l.text) !== undefined) segments.push([l]);
      else segments[segments.length - 1]!.push(l);
    }
    if (after >= 0 && segments.length > 0 && startOf(segments[segments.length - 1]![0]!.text) === 'row')
      head[after] = segments.pop()!.map((l) => l.text);
    for (const s of segments) {
      // a group heading's last lines that the layout gave to the row after it begin that row's label
      let n = s.length;
      while (after >= 0 && n > 1 && s[n - 1]!.row === after && head[after]!.length === 0) n--;
      if (n < s.length) head[after]!.unshift(...s.slice(n).map((l) => l.text));
      groups[r]!.push({
        label: s
          .slice(0, n)
          .map((l) => l.text.trim())
          .join(' '),
        source: s[0]!.source,
      });
    }
    if (loose.length === 0) return;
    if (before < 0) {
      // text above the first row: its label where the layout gave it to the row, else a group heading
      const given = loose.filter((l) => l.row === after);
      const rest = loose.filter((l) => l.row !== after);
      if (after >= 0) head[after]!.unshift(...given.map((l) => l.text));
      if (rest.length > 0)
        groups[r]!.unshift({ label: rest.map((l) => l.text.trim()).join(' '), source: rest[0]!.source });
      return;
    }
    if (after < 0) {
      trailing = loose; // after the last row: divided once the runs before it are
      return;
    }
    const texts = loose.map((l) => l.text);
    // between two rows: the row before takes the lines up to a start, a break or the first line the layout
    // gave to the row after; a row printing its measure number beside its amounts takes none
    const fixed = first >= 0 || MEASURE_START.test(own[after]!) || brk >= 0;
    let at = loose.findIndex((l) => l.row === after);
    if (at < 0 || first >= 0 || MEASURE_START.test(own[after]!)) at = texts.length;
    if (brk >= 0 && first < 0) at = run.slice(0, brk).filter((p) => p.kind === 'text').length;
    free.push({ r, texts, at, fixed });
  });
  for (const f of free) {
    tail[f.r - 1] = f.texts.slice(0, f.at);
    head[f.r] = [...f.texts.slice(f.at), ...head[f.r]!];
  }
  /** Divides a run where the rows on both sides fit best (at a tie where it is); returns their fit. */
  const divide = (f: (typeof free)[number]): number => {
    let best = { at: f.at, score: -1 };
    for (let at = 0; at <= f.texts.length; at++) {
      tail[f.r - 1] = f.texts.slice(0, at);
      head[f.r] = f.texts.slice(at);
      const score = fit(f.r - 1, labelOf(f.r - 1)) + fit(f.r, labelOf(f.r));
      if (score > best.score || (score === best.score && at === f.at)) best = { at, score };
    }
    f.at = best.at;
    tail[f.r - 1] = f.texts.slice(0, f.at);
    head[f.r] = f.texts.slice(f.at);
    return best.score;
  };
  // each label depends on the runs on both its sides: divided again until nothing moves
  const settle = (): void => {
    for (let pass = 0; pass < 3; pass++) {
      let moved = false;
      for (const f of free) {
        if (f.fixed) continue;
        const was = f.at;
        divide(f);
        moved ||= f.at !== was;
      }
      if (!moved) break;
    }
  };
  settle();
  if (trailing.length > 0) {
    // after the last row: the lines the layout gave to it, then up to two more where its label (the run before
    // it divided again) fits the schema better, then lines running on in lower case; the rest is no label
    const last = count - 1;
    const lines = trailing;
    let n = 0;
    while (n < lines.length && lines[n]!.row === last) n++;
    const before = free.find((f) => f.r === last && !f.fixed);
    let best = { k: 0, score: -1, at: before?.at ?? 0 };
    for (let k = 0; k <= 2 && n + k <= lines.length; k++) {
      tail[last] = lines.slice(0, n + k).map((l) => l.text);
      const score = before ? divide(before) : fit(last, labelOf(last));
      if (score > best.score) best = { k, score, at: before?.at ?? 0 };
    }
    if (before) {
      before.at = best.at;
      tail[last - 1] = before.texts.slice(0, best.at);
      head[last] = before.texts.slice(best.at);
    }
    let k = n + best.k;
    while (k < lines.length && /^[a-zäöü]/u.test(lines[k]!.text.trim())) k++;
    tail[last] = lines.slice(0, k).map((l) => l.text);
    left.push(...lines.slice(k).map((l) => ({ text: l.text, source: l.source })));
    // the last rows' labels changed: the runs before them are divided again
    settle();
  }
  const pieces: LabelledPiece[] = [];
  for (let r = 0; r <= count; r++) {
    for (const g of groups[r]!) pieces.push({ kind: 'group', ...g });
    if (r < count) pieces.push({ kind: 'row', row: r, label: labelOf(r) });
  }
  return { pieces, left };
}
