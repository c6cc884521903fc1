/**
 * Where the rows of a table of plan lines belong: code columns (a level each, or the level of each code's depth
 * where the column is titled for no one level), a column naming each row's plan, section titles above the rows;
 * and the amounts of a sheet that holds no plan, read into the ledger as outside the plans.
 */
import type { Column, Level } from '../../core/model.js';
import type { Ledger } from '../../core/ledger.js';
import { parseTitle, type Title } from '../recognise/titles.js';
import { readAmount, type Scale } from '../recognise/amounts.js';
import { headerPartsAt, headerTextOf, readTableColumn, tableScale } from './head.js';
import type { TableProfile } from './profile.js';

/** A plain year as a column header prints it ("2026"), not an amount. */
const YEAR_ONLY = /^(?:19|20)\d{2}$/u;

export interface NodeColumn {
  readonly code: number;
  readonly name?: number;
  level: Level;
  /** Found by its header's usual name (not named by a profile): its level may follow the codes' depth. */
  readonly auto?: boolean;
}

export const LEVEL_BY_DEPTH: readonly Level[] = ['produktbereich', 'produktgruppe', 'produkt'];

/**
 * A code column named for no one level ("Teilplan") whose codes have different depths ("43", "43.01",
 * "43.01.01"): each code's level follows its depth.
 */
export function levelOfCode(column: NodeColumn, code: string, depths: ReadonlySet<number>): Level {
  if (!column.auto || depths.size < 2) return column.level;
  return LEVEL_BY_DEPTH[Math.min(2, code.split('.').length - 1)]!;
}

export const PLAN_NAME = /^(?:teil|gesamt)(?:ergebnis|finanz)plan$/iu;

/** A column before the line numbers naming each row's plan ("Teilergebnisplan"). */
export function findPlanColumn(
  rows: readonly (readonly string[])[],
  lineCol: number,
  skip: ReadonlySet<number>,
): number | undefined {
  for (let c = 0; c < lineCol; c++) {
    if (skip.has(c)) continue;
    const texts = rows.map((r) => (r[c] ?? '').trim()).filter((t) => t !== '');
    if (texts.length > 0 && texts.every((t) => PLAN_NAME.test(t))) return c;
  }
  return undefined;
}

/** A line number in any style (`01`, `1.`, `1`, `Zeile 1`), alone or before the label and an operator. */
/** Rows (0-based) that are a section title: their cells joined read as one ("Teilergebnisplan Produktgruppe 07.02 …"). */
export function titleRows(rows: readonly (readonly string[])[]): Map<number, Title> {
  const out = new Map<number, Title>();
  rows.forEach((row, i) => {
    const filled = row.filter((c) => c.trim() !== '');
    if (filled.length === 0 || filled.length > 2) return;
    const title = parseTitle(filled.join(' ').trim());
    if (title) out.set(i, title);
  });
  return out;
}

/**
 * The amounts of rows that are no plan (a sheet of a workbook without plan lines): every amount under a column
 * whose header names a plan column ("Ansatz 2026", "Haushaltsansatz (€)" over "2026"), read into `ledger` and
 * listed outside the plans with `reason`. Header rows are those before the first row holding an amount that is
 * not a year; cells under columns without such a header are codes, counts or text, not amounts of a plan.
 */
export function ledgerOfRowsOutside(
  rows: readonly (readonly string[])[],
  ledger: Ledger,
  reason: string,
): number {
  const isAmount = (c: string): boolean => !YEAR_ONLY.test(c.trim()) && readAmount(c) != null;
  const first = rows.findIndex((r) => r.some(isAmount));
  if (first < 0) return 0;
  // a title above the table (a row of one cell) is no column header
  const headerRows = rows.slice(0, first).filter((r) => r.filter((c) => c !== '').length > 1) as string[][];
  const width = Math.max(0, ...rows.map((r) => r.length));
  const columns = new Map<number, { column: Column; scale: Scale }>();
  const scale = tableScale(rows.slice(0, first), 0);
  for (let c = 0; c < width; c++) {
    const parts = headerPartsAt(headerRows, c, 0);
    if (headerTextOf(parts) === '') continue;
    const head = readTableColumn(
      parts,
      [...columns.values()].map((x) => x.column),
      scale,
    );
    if (head) columns.set(c, { column: head.column, scale: head.scale });
  }
  let count = 0;
  rows.slice(first).forEach((row, i) => {
    for (const [c, { column, scale: unit }] of columns) {
      const amount = readAmount(row[c] ?? '', unit);
      if (!amount) continue;
      ledger.read(column, amount.cents);
      ledger.outside(column, amount.cents, reason, { file: ledger.file, line: first + i + 1 });
      count++;
    }
  });
  return count;
}

const AUTO_NODE_COLUMNS: readonly { readonly code: RegExp; readonly level: Level }[] = [
  { code: /^(?:Produktbereich|PB|Produktbereichsnummer|PB-Nr\.?)$/iu, level: 'produktbereich' },
  { code: /^(?:Produktgruppe|PG|Teilplan|Teilplannummer|PG-Nr\.?)$/iu, level: 'produktgruppe' },
  { code: /^(?:Produkt|Produktnummer|Produkt-Nr\.?)$/iu, level: 'produkt' },
];
const NAME_HEADER = /bezeichnung|_BEZ$|^name$|^titel$/iu;

/** The code columns of a table's header rows: by the profile's names, else by the usual ones (a name column beside). */
export function nodeColumnsOf(
  headerCandidates: readonly (readonly string[])[],
  profile?: TableProfile,
): NodeColumn[] {
  const nodeColumns: NodeColumn[] = [];
  for (const header of headerCandidates) {
    header.forEach((cell, i) => {
      const byProfile = profile?.nodeColumns?.find((nc) => new RegExp(`^(?:${nc.code})$`, 'iu').test(cell));
      const auto = byProfile ? undefined : AUTO_NODE_COLUMNS.find((nc) => nc.code.test(cell));
      const level = byProfile?.level ?? auto?.level;
      if (!level || nodeColumns.some((n) => n.code === i)) return;
      const nameHeader = header[i + 1] ?? '';
      const nameOk = byProfile?.name
        ? new RegExp(byProfile.name, 'iu').test(nameHeader)
        : NAME_HEADER.test(nameHeader);
      const found = byProfile ? {} : { auto: true };
      nodeColumns.push(nameOk ? { code: i, name: i + 1, level, ...found } : { code: i, level, ...found });
    });
  }
  return nodeColumns;
}
