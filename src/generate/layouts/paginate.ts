/**
 * Deterministic pagination: the renderer, not the producer, decides what goes on which page, so that the page
 * of every printed cell is known before printing (and checked after it, test/layouts/harness.ts). Every row
 * has a height known in advance (its label's lines times a fixed line height plus padding; no cell ever wraps,
 * since columns are sized from the font's metrics), pages are filled to a safe share of their height, and each
 * page is printed as a block of its own ending in a page break. Tables continue on the next page with their
 * header rows (and, as the variant says, their title) repeated; with `yearsSplit` every page is printed twice,
 * the second time with the planning years.
 */
import type { Column } from '../../core/model.js';
import type { LayoutDocument, PrintedTable } from './document.js';
import { headerRows } from './format.js';
import { textWidth } from './metrics.js';

const MM = 72 / 25.4;

/** Page, margins and titles, in points. Both renderers print with exactly these. */
export interface PageGeometry {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly marginTop: number;
  readonly marginBottom: number;
  readonly marginSide: number;
  /** The variant's type size: running header and footer. */
  readonly fontPt: number;
  readonly lineHeight: number;
  readonly titlePt: number;
  readonly titleLineHeight: number;
  /** Space above a title (or a continued table) that is not the first on its page. */
  readonly gapBefore: number;
  /** Space between a title and its table. */
  readonly gapAfterTitle: number;
}

/**
 * Type and column widths (points) of the tables of one kind (every Teilergebnisplan alike, every
 * Teilfinanzplan, every investment table): the variant's type size, made smaller by half points where the
 * widest table of the kind would not fit the page; columns as wide as the widest text they hold.
 */
export interface TableGeometry {
  readonly fontPt: number;
  readonly lineHeight: number;
  readonly padX: number;
  readonly padY: number;
  /** Number, operator (0 when absent), label, and every amount column. */
  readonly numberWidth: number;
  readonly operatorWidth: number;
  readonly labelWidth: number;
  readonly amountWidth: number;
}

/** Share of the page's content height that pagination fills: room for rounding in either producer. */
export const FILL = 0.93;

/** The smallest type a table is set in; a variant whose tables need less is refused. */
export const MIN_FONT_PT = 6;

export function contentWidth(g: PageGeometry): number {
  return g.pageWidth - 2 * g.marginSide;
}

export function contentHeight(g: PageGeometry): number {
  return g.pageHeight - g.marginTop - g.marginBottom;
}

/** A piece of a table on one page: its rows from..to (exclusive) and the columns printed there. */
export interface Chunk {
  readonly table: number;
  readonly from: number;
  readonly to: number;
  /** Indexes into the table's columns. */
  readonly columns: readonly number[];
  /** The title lines are printed above it. */
  readonly title: boolean;
  /** It continues the table from an earlier page. */
  readonly continued: boolean;
  /** It is not the first block on its page (space above it). */
  readonly gap: boolean;
}

export interface Page {
  readonly chunks: readonly Chunk[];
}

export interface Pagination {
  readonly page: PageGeometry;
  /** The geometry of each table (by its index in the document). */
  readonly tables: readonly TableGeometry[];
  readonly pages: readonly Page[];
  /** The 1-based page a table's cell is printed on. */
  pageOf(table: number, row: number, column: number): number;
}

/** The column groups: the Planung years (and an investment table's bisher/gesamt) go to the second page. */
export function secondPageColumn(column: Column): boolean {
  return column.kind === 'planung' || column.kind === 'bisher' || column.kind === 'gesamt';
}

function columnGroups(table: PrintedTable, split: boolean): (readonly number[])[] {
  const all = table.columns.map((_, i) => i);
  if (!split) return [all];
  return [
    all.filter((i) => !secondPageColumn(table.columns[i]!)),
    all.filter((i) => secondPageColumn(table.columns[i]!)),
  ];
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The page geometry of a variant. */
export function pageGeometry(doc: LayoutDocument): PageGeometry {
  const v = doc.variant;
  const landscape = v.orientation === 'landscape';
  const a4w = 210 * MM;
  const a4h = 297 * MM;
  const lineHeight = round2(v.fontPt * 1.25);
  const titlePt = v.fontPt + 1.5;
  return {
    pageWidth: landscape ? a4h : a4w,
    pageHeight: landscape ? a4w : a4h,
    marginTop: 18 * MM,
    marginBottom: 16 * MM,
    marginSide: 12 * MM,
    fontPt: v.fontPt,
    lineHeight,
    titlePt,
    titleLineHeight: round2(titlePt * 1.25),
    gapBefore: round2(lineHeight * 1.5),
    gapAfterTitle: 3,
  };
}

/** Table geometry at a type size: columns from the widest text each holds in these tables. */
function tableGeometryAt(
  doc: LayoutDocument,
  tables: readonly PrintedTable[],
  fontPt: number,
): TableGeometry {
  const v = doc.variant;
  const padX = 3;
  let numberWidth = 0;
  let operatorWidth = 0;
  let labelWidth = 0;
  let amountWidth = 0;
  for (const t of tables) {
    numberWidth = Math.max(numberWidth, textWidth(t.numberTitle, fontPt));
    labelWidth = Math.max(labelWidth, textWidth(t.labelTitle, fontPt));
    // a header cell of one column holds its widest word (kind and year in one cell break between them)
    for (const row of headerRows(t.columns, v, doc.year))
      for (const cell of row)
        if (cell.span === 1)
          for (const part of cell.parts ?? [cell.text])
            amountWidth = Math.max(amountWidth, textWidth(part, fontPt));
    for (const r of t.rows) {
      numberWidth = Math.max(numberWidth, textWidth(r.number, fontPt, r.bold));
      operatorWidth = Math.max(operatorWidth, textWidth(r.operator, fontPt, r.bold));
      if (r.kind !== 'group')
        for (const l of r.labelLines) labelWidth = Math.max(labelWidth, textWidth(l, fontPt, r.bold));
      for (const a of r.amounts)
        if (a) amountWidth = Math.max(amountWidth, textWidth(a.text, fontPt, r.bold));
    }
  }
  // a little more than measured: the metrics are Helvetica's, the producers may kern or hint differently
  const pad = (w: number): number => Math.ceil(w * 1.04 + 2 * padX + 2);
  return {
    fontPt,
    lineHeight: round2(fontPt * 1.25),
    padX,
    padY: 1.5,
    numberWidth: v.lineNumbers === 'none' ? 0 : pad(numberWidth),
    operatorWidth: v.operators === 'none' ? 0 : pad(operatorWidth),
    labelWidth: pad(labelWidth),
    amountWidth: pad(amountWidth),
  };
}

/** Width of a table printing `columns` amount columns. */
export function tableWidth(g: TableGeometry, columns: number): number {
  return g.numberWidth + g.operatorWidth + g.labelWidth + columns * g.amountWidth;
}

/** The geometry of each table: per kind of table, the variant's type size made smaller until all fit. */
export function tableGeometries(doc: LayoutDocument, page: PageGeometry): TableGeometry[] {
  const byKind = new Map<string, TableGeometry>();
  const kinds = [...new Set(doc.tables.map((t) => t.plan))];
  for (const kind of kinds) {
    const tables = doc.tables.filter((t) => t.plan === kind);
    const widest = Math.max(
      1,
      ...tables.flatMap((t) => columnGroups(t, doc.variant.yearsSplit).map((g) => g.length)),
    );
    for (let size = doc.variant.fontPt; ; size -= 0.5) {
      if (size < MIN_FONT_PT)
        throw new RangeError(
          `${doc.variant.name}: ${kind} tables do not fit the page even in ${MIN_FONT_PT} pt type`,
        );
      const g = tableGeometryAt(doc, tables, size);
      if (tableWidth(g, widest) <= contentWidth(page)) {
        byKind.set(kind, g);
        break;
      }
    }
  }
  return doc.tables.map((t) => byKind.get(t.plan)!);
}

/** Height of a row. */
export function rowHeight(g: TableGeometry, labelLines: number): number {
  return Math.max(1, labelLines) * g.lineHeight + 2 * g.padY;
}

/** A header row as printed: each cell's lines (kind and year broken into two where the text is too wide). */
export interface HeaderRow {
  readonly cells: readonly { readonly lines: readonly string[]; readonly span: number }[];
  /** Lines of the row's tallest cell. */
  readonly lines: number;
}

/** The header rows over `columns` as printed in the geometry. */
export function headerLayout(g: TableGeometry, doc: LayoutDocument, columns: readonly Column[]): HeaderRow[] {
  const room = g.amountWidth - 2 * g.padX - 2;
  return headerRows(columns, doc.variant, doc.year).map((row) => {
    const cells = row.map((c) => ({
      lines: c.parts && textWidth(c.text, g.fontPt) > room ? [...c.parts] : [c.text],
      span: c.span,
    }));
    return { cells, lines: Math.max(1, ...cells.map((c) => c.lines.length)) };
  });
}

/** Height of a table's header over `columns` (all its rows). */
export function headerHeight(g: TableGeometry, doc: LayoutDocument, columns: readonly Column[]): number {
  return headerLayout(g, doc, columns).reduce((h, r) => h + rowHeight(g, r.lines), 0);
}

/** Height of a table's title block (its lines and the space under them). */
export function titleHeight(g: PageGeometry, lines: number): number {
  return lines * g.titleLineHeight + g.gapAfterTitle;
}

/** Pages of a document (see the module comment). */
export function paginate(doc: LayoutDocument): Pagination {
  const g = pageGeometry(doc);
  const geometries = tableGeometries(doc, g);
  const v = doc.variant;
  const usable = contentHeight(g) * FILL;
  // a table's header on both pages of split years: the taller of the two
  const header = (t: PrintedTable, tg: TableGeometry): number =>
    Math.max(
      ...columnGroups(t, v.yearsSplit).map((cols) =>
        headerHeight(
          tg,
          doc,
          cols.map((i) => t.columns[i]!),
        ),
      ),
    );
  interface Piece {
    table: number;
    from: number;
    to: number;
    title: boolean;
    continued: boolean;
    gap: boolean;
  }
  const logical: Piece[][] = [[]];
  let used = 0;
  const newPage = (): void => {
    if (logical[logical.length - 1]!.length === 0) return;
    logical.push([]);
    used = 0;
  };
  doc.tables.forEach((table, t) => {
    if (v.plansPerPage === 'one') newPage();
    const tg = geometries[t]!;
    const heights = table.rows.map((r) => rowHeight(tg, r.labelLines.length));
    let r = 0;
    let first = true;
    while (r < table.rows.length || (first && table.rows.length === 0)) {
      const current = logical[logical.length - 1]!;
      const empty = current.length === 0;
      const withTitle = first || v.continuation === 'title-and-header';
      const gap = empty ? 0 : g.gapBefore;
      let h = gap + (withTitle ? titleHeight(g, table.titleLines.length) : 0) + header(table, tg);
      let k = 0;
      while (r + k < table.rows.length && used + h + heights[r + k]! <= usable) {
        h += heights[r + k]!;
        k++;
      }
      const rest = table.rows.length - r;
      if (k < rest && !empty && ((first && v.split === 'move') || k < Math.min(3, rest))) {
        newPage();
        continue;
      }
      if (k === 0 && rest > 0) throw new RangeError(`${v.name}: a row of table ${t} is taller than a page`);
      current.push({ table: t, from: r, to: r + k, title: withTitle, continued: !first, gap: !empty });
      used += h;
      r += k;
      first = false;
      if (r < table.rows.length) newPage();
    }
  });
  if (logical[logical.length - 1]!.length === 0) logical.pop();

  // physical pages: each logical page once, or twice (first the columns up to the VE, then the planning years)
  const pages: Page[] = [];
  const where = new Map<string, number>();
  for (const pieces of logical) {
    for (let group = 0; group < (v.yearsSplit ? 2 : 1); group++) {
      const chunks: Chunk[] = [];
      for (const p of pieces) {
        const columns = columnGroups(doc.tables[p.table]!, v.yearsSplit)[group]!;
        if (v.yearsSplit && columns.length === 0) continue;
        chunks.push({ ...p, columns, gap: chunks.length > 0 });
      }
      if (chunks.length === 0) continue;
      pages.push({ chunks });
      for (const c of chunks)
        for (let row = c.from; row < c.to; row++)
          for (const col of c.columns) where.set(`${c.table}:${row}:${col}`, pages.length);
    }
  }
  return {
    page: g,
    tables: geometries,
    pages,
    pageOf: (table, row, column) => {
      const page = where.get(`${table}:${row}:${column}`);
      if (page === undefined) throw new RangeError(`cell ${table}:${row}:${column} is printed on no page`);
      return page;
    },
  };
}
