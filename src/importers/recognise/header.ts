/**
 * Table headers of any shape, for every container: one to four header rows over the amount columns (a group
 * row, the kind, the year, the unit; "Ansatz 2026" in one cell or "Ansatz" over "2026"; a kind written once
 * over several years), and titles left of the amounts for the number and label columns ("Nr.", "Bezeichnung",
 * "Ertrags- und Aufwandsarten", "Position", or none).
 *
 * Stacking puts the header's pieces onto the amount columns by where they stand. In a table (cells by index)
 * a cell belongs to its column, and an empty cell takes the merged cell to its left. On a page, the pieces that
 * overlap each other from row to row form stacks (a header cell's lines); as many stacks as columns are the
 * columns' headers in order. Otherwise each piece goes to the columns it stands over (or the nearest), and a
 * column no row names a kind for takes the nearest kind (written once over several columns).
 */
import type { Column } from '../../core/model.js';
import { nearestRange, overlap, type Cell, type Geometry, type Range } from '../rows/model.js';
import { YEAR_ONLY, type Scale } from './amounts.js';
import { readColumnHead, unitOf } from './columns.js';

export interface TableHead {
  readonly columns: readonly Column[];
  /** Per column: where its amounts stand. */
  readonly ranges: readonly Range[];
  /** Per column: the unit its amounts are printed in. */
  readonly scales: readonly Scale[];
  /** Per column: its header as printed. */
  readonly texts: readonly string[];
  /** Titles left of the amounts ("Nr.", "Bezeichnung"), left to right. */
  readonly lead: readonly string[];
  /** Header rows with pieces over the amount columns. */
  readonly rows: number;
  /** The unit as printed in the header, if any ("EUR", "T€"): a unit row or units in the column headers. */
  readonly unitText?: string;
  /** Whether kind and year stand in one cell ("Ansatz 2026") or in two rows. */
  readonly kindYear: 'one-cell' | 'stacked';
}

export type HeadResult =
  { readonly ok: true; readonly head: TableHead } | { readonly ok: false; readonly message: string };

/** A header stacked onto its columns: per column its texts, one per header row that has one, top to bottom. */
export interface StackedHead {
  readonly parts: readonly (readonly string[])[];
  readonly lead: readonly string[];
  readonly rows: number;
  readonly unitText?: string;
}

const YEAR = /(?:19|20)\d{2}/u;

/** How far a kind may stand from a column it is taken for, in column widths (pages). */
const NEAREST_LIMIT = 2.5;

/** The columns one header piece stands over: every column it covers for the most part, at least the one it overlaps most, else the nearest. */
function columnsUnder(cell: Cell, ranges: readonly Range[], geometry: Geometry): number[] {
  const hits: number[] = [];
  let best = -1;
  let bestOverlap = 0;
  ranges.forEach((r, k) => {
    const o = overlap(cell, r);
    if (o > bestOverlap) {
      bestOverlap = o;
      best = k;
    }
    const width = r.x1 - r.x0;
    const centre = (cell.x0 + cell.x1) / 2;
    if (geometry === 'index' ? o > 0 : o >= 0.5 * width || (centre >= r.x0 && centre <= r.x1)) hits.push(k);
  });
  if (hits.length === 0 && best >= 0) hits.push(best);
  if (hits.length === 0 && geometry === 'points') {
    // over no column (a header cell wider than its amounts, a kind centred between two columns): the nearest
    const nearest = nearestRange(ranges, cell);
    const width = Math.max(...ranges.map((r) => r.x1 - r.x0));
    if (nearest.index >= 0 && nearest.distance <= width + 4) hits.push(nearest.index);
  }
  return hits;
}

interface Piece extends Cell {
  readonly row: number;
}

/** On a page: pieces that overlap each other across rows, as stacks, left to right. */
function stacksOf(pieces: readonly Piece[]): Piece[][] {
  const stacks: { x0: number; x1: number; pieces: Piece[] }[] = [];
  for (const p of pieces) {
    const hits = stacks.filter((s) => p.x0 < s.x1 + 1 && p.x1 > s.x0 - 1);
    if (hits.length === 0) {
      stacks.push({ x0: p.x0, x1: p.x1, pieces: [p] });
      continue;
    }
    const [first, ...rest] = hits;
    for (const other of rest) {
      first!.pieces.push(...other.pieces);
      first!.x0 = Math.min(first!.x0, other.x0);
      first!.x1 = Math.max(first!.x1, other.x1);
      stacks.splice(stacks.indexOf(other), 1);
    }
    first!.pieces.push(p);
    first!.x0 = Math.min(first!.x0, p.x0);
    first!.x1 = Math.max(first!.x1, p.x1);
  }
  return stacks.sort((a, b) => a.x0 - b.x0).map((s) => s.pieces);
}

/**
 * On a page, a kind and a year printed in one header cell ("Ansatz 2025", "2027 Planung") come as two words
 * when the layout splits words from numbers: joined where they stand a word space apart (at most one and a half
 * of the kind's characters), the kind before its year first ("Ergebnis 2024 Ansatz 2025": not "2024 Ansatz").
 */
function joinKindYear(row: readonly Cell[]): Cell[] {
  const kind = (t: string): boolean => namesKind(t) && !YEAR.test(t);
  const close = (a: Cell, b: Cell, word: Cell): boolean =>
    b.x0 - a.x1 <= (1.5 * (word.x1 - word.x0)) / Math.max(1, word.text.length);
  let cells = [...row].sort((a, b) => a.x0 - b.x0);
  for (const kindFirst of [true, false]) {
    const out: Cell[] = [];
    for (const c of cells) {
      const last = out[out.length - 1];
      const pair =
        last !== undefined &&
        (kindFirst
          ? kind(last.text) && YEAR_ONLY.test(c.text) && close(last, c, last)
          : YEAR_ONLY.test(last.text) && kind(c.text) && close(last, c, c));
      if (pair) out[out.length - 1] = { text: `${last.text} ${c.text}`, x0: last.x0, x1: c.x1 };
      else out.push(c);
    }
    cells = out;
  }
  return cells;
}

/** Stacks of units alone joined to the nearest stack beside them that has no piece in their rows. */
function joinUnits(stacks: readonly Piece[][]): Piece[][] {
  const out = stacks.map((s) => [...s]);
  const x = (s: readonly Piece[]): [number, number] => [
    Math.min(...s.map((p) => p.x0)),
    Math.max(...s.map((p) => p.x1)),
  ];
  for (const units of out.filter((s) => s.every((p) => unitOf(p.text) !== undefined))) {
    const [x0, x1] = x(units);
    let best: Piece[] | undefined;
    let distance = Infinity;
    for (const other of out) {
      if (other === units || other.some((p) => units.some((u) => u.row === p.row))) continue;
      const [o0, o1] = x(other);
      const d = Math.max(o0 - x1, x0 - o1);
      if (d < distance) {
        distance = d;
        best = other;
      }
    }
    if (!best) continue;
    best.push(...units);
    out.splice(out.indexOf(units), 1);
  }
  return out;
}

/** A piece over two or more pieces of another header row: a group cell over several columns. */
function spansSeveral(p: Piece, all: readonly Piece[]): boolean {
  const under = new Map<number, number>();
  for (const q of all) {
    if (q.row === p.row || overlap(p, q) <= 0) continue;
    const n = (under.get(q.row) ?? 0) + 1;
    if (n >= 2) return true;
    under.set(q.row, n);
  }
  return false;
}

/** Stacks a header's rows (top to bottom) onto the amount columns `ranges`; see the module comment. */
export function stackHead(
  rows: readonly (readonly Cell[])[],
  ranges: readonly Range[],
  geometry: Geometry,
): StackedHead {
  const left = ranges[0]?.x0 ?? 0;
  const lead: { x: number; x1: number; text: string }[] = [];
  const addLead = (cell: Cell): void => {
    // a title of the number or label column, its lines joined
    const near = lead.find((l) =>
      geometry === 'index' ? l.x === cell.x0 : cell.x0 <= l.x1 + 4 && cell.x1 >= l.x - 4,
    );
    if (near) near.text = `${near.text} ${cell.text}`;
    else lead.push({ x: cell.x0, x1: cell.x1, text: cell.text });
  };
  const all: Piece[] = rows.flatMap((row, n) =>
    (geometry === 'points' ? joinKindYear(row) : row)
      .filter((c) => c.text !== '')
      .map((c) => ({ ...c, row: n })),
  );
  let over: Piece[] = [];
  const stacks: Piece[][] = [];
  if (geometry === 'index') {
    for (const p of all) {
      if (p.x1 <= left) addLead(p);
      else over.push(p);
    }
  } else {
    // a stack left of the amounts that names no year and no kind is a title of the number or label column
    const split = (pieces: readonly Piece[]): { titles: Piece[][]; stacks: Piece[][] } => {
      const out: { titles: Piece[][]; stacks: Piece[][] } = { titles: [], stacks: [] };
      for (const stack of stacksOf(pieces)) {
        const x1 = Math.max(...stack.map((p) => p.x1));
        const titles = x1 < left - 2 && stack.every((p) => !YEAR.test(p.text) && !namesKind(p.text));
        (titles ? out.titles : out.stacks).push(stack);
      }
      return out;
    };
    const fitting = (f: { stacks: Piece[][] }): boolean =>
      f.stacks.length === ranges.length &&
      f.stacks.every((stack) => stack.some((p) => unitOf(p.text) === undefined));
    let found = split(all);
    if (!fitting(found)) {
      // a unit printed off its column (a stack of its own), a group cell over several columns ("Finanzplanung"
      // over three years, joining their stacks): the unit joined to the stack beside it, the stacks read without
      // the group cell, which then stands in each stack it spans
      const spanning = all.filter((p) => spansSeveral(p, all));
      for (const pieces of [all, all.filter((p) => !spanning.includes(p))]) {
        const again = split(pieces);
        again.stacks = joinUnits(again.stacks);
        // each stack then one column's header: a piece per row
        const single = again.stacks.every((st) => new Set(st.map((p) => p.row)).size === st.length);
        if (!single || !fitting(again)) continue;
        for (const p of spanning)
          for (const stack of again.stacks)
            if (!stack.includes(p) && stack.some((q) => overlap(p, q) > 0)) stack.push(p);
        found = again;
        break;
      }
    }
    for (const stack of found.titles)
      for (const p of [...stack].sort((a, b) => a.row - b.row || a.x0 - b.x0)) addLead(p);
    for (const stack of found.stacks) {
      stacks.push(stack);
      over.push(...stack);
    }
    over = over.sort((a, b) => a.row - b.row || a.x0 - b.x0);
  }
  /** Per header row and column, the pieces standing over it. */
  const grid: string[][][] = rows.map(() => ranges.map(() => []));
  // as many stacks as columns are the columns' headers, unless one is only a unit (a unit printed beside its
  // column's year, the kind and year of two columns joined by a group cell over them)
  const fits =
    stacks.length === ranges.length &&
    stacks.every((stack) => stack.some((p) => unitOf(p.text) === undefined));
  if (fits && stacks.length > 0) {
    stacks.forEach((stack, k) => {
      for (const p of [...stack].sort((a, b) => a.row - b.row || a.x0 - b.x0)) grid[p.row]![k]!.push(p.text);
    });
  } else {
    for (const p of over) for (const k of columnsUnder(p, ranges, geometry)) grid[p.row]![k]!.push(p.text);
    if (geometry === 'index') {
      // in a table, a merged cell leaves the cells right of its first empty: the text to its left
      rows.forEach((row, n) => {
        if (!grid[n]!.some((own) => own.length > 0)) return;
        ranges.forEach((r, k) => {
          if (grid[n]![k]!.length > 0) return;
          const merged = mergedToTheLeft(row, r, left);
          if (merged !== undefined) grid[n]![k]!.push(merged);
        });
      });
    } else {
      // a kind centred over several columns stands over one of them (or none): a column no row names a kind
      // for takes the nearest kind
      ranges.forEach((r, k) => {
        if (grid.some((own) => own[k]!.some((t) => namesKind(t)))) return;
        let best: { row: number; text: string; distance: number } | undefined;
        rows.forEach((_, n) => {
          const kinds = over.filter((p) => p.row === n && namesKind(p.text));
          const found = nearestWithoutYear(kinds, r, ranges);
          if (found && (!best || found.distance < best.distance)) best = { row: n, ...found };
        });
        if (best) grid[best.row]![k]!.push(best.text);
      });
    }
  }
  const parts: string[][] = ranges.map(() => []);
  let headerRows = 0;
  let unitText: string | undefined;
  for (const own of grid) {
    if (!own.some((o) => o.length > 0)) continue;
    headerRows++;
    if (unitText === undefined) {
      const unit = own.find((o) => o.length > 0 && unitOf(o.join(' ')) !== undefined);
      if (unit) unitText = unit.join(' ');
    }
    own.forEach((o, k) => {
      if (o.length > 0) parts[k]!.push(o.join(' '));
    });
  }
  lead.sort((a, b) => a.x - b.x);
  return {
    parts,
    lead: lead.map((l) => l.text),
    rows: headerRows,
    ...(unitText !== undefined ? { unitText } : {}),
  };
}

/**
 * Reads a header over `ranges` (the amount columns, left to right) from its rows, top to bottom; `scale`: the
 * unit named above the table, for columns whose header names none.
 */
export function readHead(
  rows: readonly (readonly Cell[])[],
  ranges: readonly Range[],
  geometry: Geometry,
  scale: Scale = 1,
): HeadResult {
  if (ranges.length === 0) return { ok: false, message: 'Tabellenkopf ohne Spalten' };
  const stacked = stackHead(rows, ranges, geometry);
  const columns: Column[] = [];
  const own: (Scale | undefined)[] = [];
  const texts: string[] = [];
  let kindOverYear = false;
  for (let k = 0; k < ranges.length; k++) {
    const parts = stacked.parts[k]!;
    const head = readColumnHead(parts, columns);
    if (!head) {
      const printed = parts.join(' ').trim();
      return {
        ok: false,
        message: `Spaltenkopf „${printed || '(leer)'}“ nicht erkannt (erwartet z. B. „Ergebnis 2024“, „Ansatz 2026“, „VE“, „Planung 2027“, auch über mehrere Kopfzeilen wie „Ansatz“ über „2026“)`,
      };
    }
    // kind and year in two rows: the year not in the part that names the kind
    const kindPart = parts.findIndex((p) => /\D/u.test(p) && !YEAR.test(p));
    if (kindPart >= 0 && parts.slice(kindPart + 1).some((p) => YEAR.test(p))) kindOverYear = true;
    columns.push(head.column);
    own.push(head.scale);
    texts.push(head.text);
  }
  // a unit row names the table's unit: a column whose unit cell stands off its column (printed wider or
  // shifted) takes the unit the other columns print, when they all print the same one; never euros by default
  // beside columns in T€
  const named = new Set(own.filter((u) => u !== undefined));
  const tableUnit = named.size === 1 ? [...named][0]! : scale;
  const scales: Scale[] = own.map((u) => u ?? tableUnit);
  return {
    ok: true,
    head: {
      columns,
      ranges,
      scales,
      texts,
      lead: stacked.lead,
      rows: stacked.rows,
      ...(stacked.unitText !== undefined ? { unitText: stacked.unitText } : {}),
      kindYear: kindOverYear ? 'stacked' : 'one-cell',
    },
  };
}

/** In a table, a merged cell leaves the cells right of its first empty: the text to the left, if no year. */
function mergedToTheLeft(row: readonly Cell[], range: Range, left: number): string | undefined {
  let found: Cell | undefined;
  for (const c of row) {
    if (c.x0 >= range.x0 || c.x0 < left) continue;
    if (c.text !== '') found = c;
  }
  return found && !YEAR.test(found.text) && unitOf(found.text) === undefined ? found.text : undefined;
}

/** A header piece that names a column kind ("Ansatz", "Planung", "VE", "Gesamtausgabe"). */
function namesKind(text: string): boolean {
  return readColumnHead([`${text} 2000`], [{ kind: 'ansatz', year: 2000 }]) !== undefined;
}

/** On a page, a kind centred over several columns: the nearest piece that names no year, with its distance. */
function nearestWithoutYear(
  pieces: readonly Cell[],
  range: Range,
  ranges: readonly Range[],
): { text: string; distance: number } | undefined {
  const width = Math.max(...ranges.map((r) => r.x1 - r.x0));
  const centre = (range.x0 + range.x1) / 2;
  let best: Cell | undefined;
  let distance = Infinity;
  for (const p of pieces) {
    if (YEAR.test(p.text)) continue;
    const d = Math.abs((p.x0 + p.x1) / 2 - centre);
    // ties: the piece to the left (a kind written once at the start of its columns)
    if (d < distance - 0.5 || (Math.abs(d - distance) <= 0.5 && best && p.x0 < best.x0)) {
      distance = d;
      best = p;
    }
  }
  if (!best || distance > NEAREST_LIMIT * (width + 4)) return undefined;
  return { text: best.text, distance };
}
