/**
 * From positioned text to lines: text items of a PDF page (pdf.js `getTextContent`) become the lines of the
 * plan-text format. Words are grouped into lines by baseline; a line with two or more amounts is a table row
 * whose cells are split at wide gaps (two amounts are never one cell) and joined with tabs. Table headers
 * printed over several lines ("Ergebnis" over "2024") are put together column by column, and row labels that
 * wrap above or below their amounts are joined to their row. Every line keeps its box on the page.
 */

import { joinWrapped, parseTitle } from '../text/lines.js';

function isTitle(text: string): boolean {
  return parseTitle(text) !== undefined;
}

export interface TextItem {
  readonly str: string;
  /** pdf.js transform: [a, b, c, d, e, f]; e/f is the baseline origin in PDF points from the bottom left. */
  readonly transform: readonly number[];
  readonly width: number;
  readonly height: number;
}

export interface LaidLine {
  readonly text: string;
  /** x, y (from the top), width, height in points. */
  readonly box: readonly [number, number, number, number];
}

interface Token {
  text: string;
  x0: number;
  x1: number;
  /** Baseline from the top of the page. */
  y: number;
  h: number;
}

interface Segment {
  text: string;
  x0: number;
  x1: number;
  numeric: boolean;
}

interface Line {
  tokens: Token[];
  y: number;
  h: number;
  segments: Segment[];
  tabular: boolean;
}

const NUMERIC = /^(?:[-−–]?\d{1,3}(?:\.\d{3})*(?:,\d+)?-?|[-−–]?\d+(?:,\d+)?-?|[-–])%?$/u;

function tokensOf(item: TextItem, pageHeight: number): Token[] {
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
    out.push({
      text: m[0],
      x0: x + m.index * perChar,
      x1: x + (m.index + m[0].length) * perChar,
      y,
      h,
    });
  }
  return out;
}

function groupLines(tokens: Token[]): Line[] {
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
      const numeric = NUMERIC.test(t.text);
      const last = segments[segments.length - 1];
      const gap = last ? t.x0 - last.x1 : Infinity;
      if (
        last &&
        gap <= 0.6 * line.h &&
        !(numeric && last.numeric) &&
        !(numeric !== last.numeric && gap > 0.35 * line.h)
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
    const amounts = segments.filter((s) => s.numeric && !/^(?:19|20)\d{2}$/u.test(s.text));
    line.tabular = amounts.length >= 2;
  }
  return lines;
}

function box(lines: readonly Line[]): [number, number, number, number] {
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

function proseText(line: Line): string {
  let out = '';
  let last: Token | undefined;
  for (const t of line.tokens) {
    out += last === undefined ? t.text : t.x0 - last.x1 > 0.12 * line.h ? ` ${t.text}` : t.text;
    last = t;
  }
  return out;
}

/** Text of the label area (left of the amounts) of a row, and the amount cells. */
/** Rows whose leading small number stands in an amount column (a row whose label wraps above and below). */
const leadingAmount = new WeakSet<Line>();

/** rowParts per line, worked out once (until the line is found to lead with an amount). */
const partsOf = new WeakMap<Line, { label: Segment[]; amounts: Segment[] }>();

function rowParts(line: Line): { label: Segment[]; amounts: Segment[] } {
  let parts = partsOf.get(line);
  if (!parts) partsOf.set(line, (parts = splitRow(line)));
  return parts;
}

function splitRow(line: Line): { label: Segment[]; amounts: Segment[] } {
  // the amounts are the numeric segments after the last text segment
  let lastText = line.segments.length - 1;
  while (lastText >= 0 && line.segments[lastText]!.numeric) lastText--;
  const firstAmount = lastText + 1 < line.segments.length ? lastText + 1 : -1;
  // a leading one- or two-digit number is the line number, not an amount, unless it stands in an amount column
  const lineNumber =
    firstAmount === 0 &&
    /^\d{1,2}$/u.test(line.segments[0]!.text) &&
    line.segments.length > 1 &&
    !leadingAmount.has(line)
      ? 1
      : 0;
  const cut = firstAmount < 0 ? line.segments.length : Math.max(firstAmount, lineNumber);
  return { label: line.segments.slice(0, cut), amounts: line.segments.slice(cut) };
}

interface Column {
  x0: number;
  x1: number;
}

/** Amount columns of a block of rows: the x ranges of the amount cells, in order. */
function amountColumns(rows: readonly Line[]): Column[] {
  if (rows.length === 0) return [];
  const widest = rows.reduce(
    (best, r) => (rowParts(r).amounts.length > rowParts(best).amounts.length ? r : best),
    rows[0]!,
  );
  const columns = rowParts(widest).amounts.map((s) => ({ x0: s.x0, x1: s.x1 }));
  for (const r of rows) {
    for (const s of rowParts(r).amounts) {
      const c = columns.find((col) => s.x1 > col.x0 - 2 && s.x0 < col.x1 + 2);
      if (c) {
        c.x0 = Math.min(c.x0, s.x0);
        c.x1 = Math.max(c.x1, s.x1);
      }
    }
  }
  return columns;
}

/**
 * A header printed over several lines, put together column by column: cell fragments of different lines that
 * overlap horizontally are one header cell ("Ergebnis" over "2024"). When the cells found do not match the
 * amount columns, each fragment goes to the column it stands over.
 */
function header(lines: readonly Line[], columns: readonly Column[]): string {
  const stacks: { x0: number; x1: number; parts: { y: number; x: number; text: string }[] }[] = [];
  for (const line of lines) {
    for (const seg of line.segments) {
      const hits = stacks.filter((st) => seg.x0 < st.x1 + 1 && seg.x1 > st.x0 - 1);
      const part = { y: line.y, x: seg.x0, text: seg.text };
      if (hits.length === 0) {
        stacks.push({ x0: seg.x0, x1: seg.x1, parts: [part] });
        continue;
      }
      const [first, ...rest] = hits;
      for (const other of rest) {
        first!.parts.push(...other.parts);
        first!.x0 = Math.min(first!.x0, other.x0);
        first!.x1 = Math.max(first!.x1, other.x1);
        stacks.splice(stacks.indexOf(other), 1);
      }
      first!.parts.push(part);
      first!.x0 = Math.min(first!.x0, seg.x0);
      first!.x1 = Math.max(first!.x1, seg.x1);
    }
  }
  stacks.sort((a, b) => a.x0 - b.x0);
  const texts = stacks.map((st) =>
    st.parts
      .sort((a, b) => a.y - b.y || a.x - b.x)
      .map((p) => p.text)
      .join(' '),
  );
  const leading = stacks.filter((st) => st.x1 < columns[0]!.x0 - 2).length;
  if (stacks.length - leading === columns.length) return texts.join('\t');
  return headerByPosition(lines, columns);
}

function headerByPosition(lines: readonly Line[], columns: readonly Column[]): string {
  const firstX = columns[0]!.x0;
  const cells: string[][] = columns.map(() => []);
  const leading: Token[][] = [];
  const bounds = columns.map((c, i) => ({
    from: i === 0 ? c.x0 - 0.5 * (c.x1 - c.x0) - 8 : (columns[i - 1]!.x1 + c.x0) / 2,
    to: i === columns.length - 1 ? Infinity : (c.x1 + columns[i + 1]!.x0) / 2,
  }));
  for (const line of lines) {
    const row: Token[] = [];
    for (const t of line.tokens) {
      const mid = (t.x0 + t.x1) / 2;
      const k = bounds.findIndex((b) => mid >= b.from && mid < b.to);
      if (k >= 0 && t.x1 > firstX - 40) cells[k]!.push(t.text);
      else row.push(t);
    }
    leading.push(row);
  }
  // leading cells ("Nr.", "Bezeichnung"): split at wide gaps
  const lead: { x: number; text: string }[] = [];
  for (const row of leading) {
    let last: Token | undefined;
    for (const t of row) {
      const current = lead.find((c) => Math.abs(c.x - t.x0) < 3);
      if (last && t.x0 - last.x1 <= 0.6 * t.h) lead[lead.length - 1]!.text += ` ${t.text}`;
      else if (current) current.text += ` ${t.text}`;
      else lead.push({ x: t.x0, text: t.text });
      last = t;
    }
  }
  lead.sort((a, b) => a.x - b.x);
  return [...lead.map((c) => c.text), ...cells.map((c) => c.join(' '))].join('\t');
}

interface Placed extends LaidLine {
  /** Baselines of the first and last printed line, and the font size. */
  readonly top: number;
  readonly bottom: number;
  readonly h: number;
}

function placed(text: string, from: readonly Line[]): Placed {
  return {
    text,
    box: box(from),
    top: Math.min(...from.map((l) => l.y)),
    bottom: Math.max(...from.map((l) => l.y)),
    h: Math.max(...from.map((l) => l.h)),
  };
}

/** Lays out one page. */
/**
 * A label centred on its amounts grows by a line above and a line below at once: a cell's text set in the
 * middle of a tall row ("24 Auszahlungen für" / "den Erwerb v." / amounts / "Grundstücken u." / "Gebäuden")
 * stands farther from the amounts than the nearest-row rule reaches. The pair is taken when both lines are
 * free, in the label area, where the label starts, one line spacing beyond the label's first and last line,
 * and as far above the row as below it; a line that belongs to the row before or a heading after it breaks the
 * pair.
 */
function extendCentred(
  row: Line,
  attached: Line[],
  ownLabel: boolean,
  lines: readonly Line[],
  used: Set<Line>,
  inLabelArea: (l: Line) => boolean,
): void {
  const above = attached.filter((l) => l.y < row.y);
  const below = attached.filter((l) => l.y > row.y);
  if (above.length === 0 || below.length === 0) return;
  const tolerance = 0.25 * row.h;
  // where the label starts: its line above the amounts next to them
  const x = above.reduce((p, q) => (q.y > p.y ? q : p)).tokens[0]!.x0;
  for (;;) {
    const top = Math.min(...above.map((l) => l.y));
    const bottom = Math.max(...below.map((l) => l.y));
    if (Math.abs(row.y - top - (bottom - row.y)) > tolerance) return;
    const first = above.find((l) => l.y === top)!;
    const last = below.find((l) => l.y === bottom)!;
    // the line spacing: between the label's lines next to each other
    const ys = [...above, ...(ownLabel ? [row] : []), ...below].map((l) => l.y).sort((p, q) => p - q);
    const steps = ys.slice(1).map((y, k) => y - ys[k]!);
    const spacing = Math.min(...steps.filter((d) => d > 0.5 * row.h));
    const up = lines[lines.indexOf(first) - 1];
    const down = lines[lines.indexOf(last) + 1];
    // one line spacing beyond the label's line `from`
    const fits = (l: Line | undefined, from: number): l is Line =>
      l !== undefined &&
      !l.tabular &&
      !used.has(l) &&
      inLabelArea(l) &&
      Math.abs(l.tokens[0]!.x0 - x) <= 0.8 * row.h &&
      Math.abs(Math.abs(l.y - from) - spacing) <= tolerance;
    if (!Number.isFinite(spacing) || !fits(up, top) || !fits(down, bottom)) return;
    above.push(up);
    below.push(down);
    attached.push(up, down);
    used.add(up);
    used.add(down);
  }
}

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
    // a block of rows: tabular lines with at most two text lines between them
    let end = i;
    for (let k = i + 1; k < lines.length; k++) {
      if (lines[k]!.tabular) end = k;
      else if (k - end > 4 || isTitle(proseText(lines[k]!))) break;
    }
    const block = lines.slice(i, end + 1);
    const rows = block.filter((l) => l.tabular);
    // a line number stands at the table's left edge; a leading small number further right is an amount
    // (the row's label wraps above and below its amounts)
    const around = lines.slice(Math.max(0, i - 4), Math.min(lines.length, end + 4));
    const tableLeft = Math.min(...around.flatMap((l) => l.tokens.map((t) => t.x0)));
    for (const r of rows) {
      if (/^\d{1,2}$/u.test(r.segments[0]!.text) && r.segments[0]!.x0 > tableLeft + 0.8 * r.h) {
        leadingAmount.add(r);
        partsOf.delete(r);
      }
    }
    const columns = amountColumns(rows);
    if (columns.length === 0) {
      // numbers in running text, not a table
      rows.forEach((r) => (r.tabular = false));
      continue;
    }
    // header lines above the first row; lines in the label area in between (a group heading, a measure
    // number wrapped above its row) are passed over
    const headerLines: Line[] = [];
    let passed = 0;
    for (let k = i - 1; k >= 0 && headerLines.length < 10; k--) {
      const candidate = lines[k]!;
      if (candidate.tabular || used.has(candidate)) break;
      const text = proseText(candidate);
      const overColumns = candidate.tokens.some((t) => t.x1 > columns[0]!.x0 - 5);
      const numberHeading = /^(?:Nr\.?|Zeile|Pos\.?)\b/u.test(text);
      if (headerLines.length === 0 && !overColumns && !numberHeading) {
        if (++passed > 8 || isTitle(text)) break;
        continue;
      }
      const below = headerLines[0];
      // fragments of a header cell stand over the amount columns; other lines must be close
      if (isTitle(text) || (below && below.y - candidate.y > (overColumns ? 2.2 : 1.5) * candidate.h)) break;
      // a title cell of the header ("Grundzahlen", "Nr. Bezeichnung") stands close to the other header lines
      if (!overColumns && !numberHeading && (!below || below.y - candidate.y > 1.0 * candidate.h)) break;
      headerLines.unshift(candidate);
    }
    if (headerLines.length > 0) {
      headerLines.forEach((h) => used.add(h));
      out.push(placed(header(headerLines, columns), headerLines));
    }
    // text lines in the label area go to the nearest row: wrapped labels above, beside or below the amounts
    const attached = new Map<Line, Line[]>(rows.map((r) => [r, []]));
    const inLabelArea = (m: Line): boolean => m.tokens.every((t) => t.x1 < columns[0]!.x0 - 2);
    const last = rows[rows.length - 1]!;
    const from = lines.indexOf(rows[0]!);
    const to = Math.min(lines.length - 1, lines.indexOf(last) + 1);
    for (let k = Math.max(0, from - 1); k <= to; k++) {
      const l = lines[k]!;
      if (l.tabular || used.has(l) || !inLabelArea(l)) continue;
      // the nearest row that can take it: a row with its own label only takes a line that starts where the
      // label starts, below it, or right above it when the label also goes on right below it, nearer to it than
      // to the next row (three lines centred on the amounts: "370226SONST Sonstige" / "Investitionen" with the
      // amounts / "Schulzentrum"; a group heading ending right above a row is not its label); rows at the same
      // distance: the first that fits
      const labelOf = (r: Line): Segment[] =>
        rowParts(r).label.filter((seg, n) => !(n === 0 && /^\d{1,2}$/u.test(seg.text)));
      const aligned = (m: Line, own: readonly Segment[], r: Line): boolean =>
        Math.abs(m.tokens[0]!.x0 - own[0]!.x0) <= 0.8 * r.h;
      const accepts = (r: Line): boolean => {
        const own = labelOf(r);
        if (own.length === 0) return true;
        if (!aligned(l, own, r)) return false;
        if (l.y > r.y) return true;
        if (r.y - l.y > 1.5 * r.h) return false;
        // the line right below must go on the label, nearer to this row than to any other (not the next
        // row's label)
        const below = lines[lines.indexOf(r) + 1];
        return (
          below !== undefined &&
          !below.tabular &&
          below.y > r.y &&
          below.y - r.y <= 1.5 * r.h &&
          inLabelArea(below) &&
          aligned(below, own, r) &&
          rows.every((o) => Math.abs(o.y - below.y) >= below.y - r.y)
        );
      };
      const close = rows
        .filter((r) => Math.abs(r.y - l.y) < 1.6 * r.h)
        .sort((a, b) => Math.abs(a.y - l.y) - Math.abs(b.y - l.y));
      const ties = close.filter((r) => Math.abs(r.y - l.y) - Math.abs(close[0]!.y - l.y) < 0.5);
      // at equal distance a row that has no label of its own needs the line more than one that has
      const labelless = ties.find((r) => labelOf(r).length === 0);
      const nearest = labelless ?? ties.find(accepts);
      if (!nearest) continue;
      attached.get(nearest)!.push(l);
      used.add(l);
    }
    for (const row of rows)
      extendCentred(row, attached.get(row)!, rowParts(row).label.length > 0, lines, used, inLabelArea);
    for (const row of rows) {
      const { label, amounts } = rowParts(row);
      const number = label.length > 0 && /^\d{1,2}$/u.test(label[0]!.text) ? [label[0]!.text] : [];
      const pieces = [
        ...attached.get(row)!.map((l) => ({ y: l.y, text: proseText(l) })),
        ...(label.length > number.length
          ? [
              {
                y: row.y,
                text: label
                  .slice(number.length)
                  .map((x) => x.text)
                  .join(' '),
              },
            ]
          : []),
      ].sort((p, q) => p.y - q.y);
      const words = pieces.map((p) => p.text).reduce(joinWrapped, '');
      const text = [
        ...number,
        ...(words !== '' || number.length > 0 ? [words] : []),
        ...amounts.map((x) => x.text),
      ].join('\t');
      out.push(placed(text, [row, ...attached.get(row)!]));
      used.add(row);
    }
    i = end + 1;
  }
  // prose lines where they stand; headers and rows at the top of their boxes
  const prose = lines.filter((l) => !used.has(l) && !l.tabular).map((l) => placed(proseText(l), [l]));
  const sorted = [...out, ...prose].sort((p, q) => p.box[1] - q.box[1]);
  // a wider gap than the line spacing ends a paragraph: a blank line, as in the text layout
  const result: LaidLine[] = [];
  sorted.forEach((p, k) => {
    const previous = sorted[k - 1];
    if (previous && p.top - previous.bottom > 1.3 * Math.max(p.h, previous.h)) {
      result.push({ text: '', box: [p.box[0], previous.bottom, 0, 0] });
    }
    result.push({ text: p.text, box: p.box });
  });
  return result;
}
