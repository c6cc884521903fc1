/**
 * The header of a plan table (CSV, XLSX) read with the recognition every container shares
 * (`../recognise/columns.ts`): one to four header rows over each amount column — a group row ("Vorjahre",
 * "Haushaltsjahr", "Finanzplanung"), the kind, the year, the unit (`EUR`, `in €`, `T€`, `in Tausend Euro`) —
 * "Ansatz 2026" in one cell or "Ansatz" over "2026", a kind written once in a merged cell over several years.
 * The label column may carry any title ("Bezeichnung", "Ertrags- und Aufwandsarten", "Position" or none); the
 * amounts begin at the first column whose header names a plan column.
 */
import type { Column } from '../../core/model.js';
import type { Scale } from '../recognise/amounts.js';
import { THOUSANDS, readColumnHead, unitOf, withoutUnit } from '../recognise/columns.js';

const YEAR = /(?:19|20)\d{2}/u;

/** The header's parts over column `col`, top to bottom; an empty cell takes a merged cell's text to its left. */
export function headerPartsAt(
  headerRows: readonly (readonly string[])[],
  col: number,
  firstAmountCol: number,
): string[] {
  const parts: string[] = [];
  for (const row of headerRows) {
    let text = (row[col] ?? '').trim();
    if (text === '') {
      // a merged cell: the kind (or group) written once over several years
      for (let k = col - 1; k >= firstAmountCol; k--) {
        const left = (row[k] ?? '').trim();
        if (left !== '') {
          if (!YEAR.test(left)) text = left;
          break;
        }
      }
    }
    if (text !== '') parts.push(text);
  }
  return parts;
}

/** The header over a column as one text, without its unit (for messages and "Plan 2027"). */
export function headerTextOf(parts: readonly string[]): string {
  return withoutUnit(parts.join(' '));
}

export interface TableColumnHead {
  readonly column: Column;
  readonly scale: Scale;
  readonly text: string;
}

/**
 * A column's header from its parts; `previous`: the columns before it (the VE's year), `scale`: the unit named
 * above the table for a column that names none.
 */
export function readTableColumn(
  parts: readonly string[],
  previous: readonly Column[],
  scale: Scale,
): TableColumnHead | undefined {
  const head = readColumnHead(parts, previous);
  if (!head) return undefined;
  return { column: head.column, scale: head.scale ?? scale, text: headerTextOf(parts) };
}

/**
 * The first column of amounts: the first after the line column whose header reads as a plan column; undefined
 * when no header names one (the caller then takes the column after the label).
 */
export function firstHeadedColumn(
  headerRows: readonly (readonly string[])[],
  lineCol: number,
  width: number,
): number | undefined {
  for (let c = lineCol + 1; c < width; c++) {
    const parts = headerPartsAt(headerRows, c, c);
    if (parts.length > 0 && readColumnHead(parts, []) !== undefined) return c;
  }
  return undefined;
}

/**
 * The unit named for the whole table: in a title row above it ("Beträge in T€", a row of one cell) or left of
 * the amounts (a unit in the label column's title).
 */
export function tableScale(headerRows: readonly (readonly string[])[], firstAmountCol: number): Scale {
  const named = headerRows.some((r) => {
    const filled = r.filter((c) => c.trim() !== '');
    return filled.length === 1
      ? THOUSANDS.test(filled[0]!)
      : r.slice(0, firstAmountCol).some((c) => THOUSANDS.test(c));
  });
  return named ? 1000 : 1;
}

/** The titles of the lead columns (number, operator, label), joined per column, left to right. */
export function leadTitles(
  headerRows: readonly (readonly string[])[],
  lineCol: number,
  firstAmountCol: number,
): string[] {
  const out: string[] = [];
  // a title above the table (a row of one cell) names no column
  const rows = headerRows.filter((r) => r.filter((c) => c.trim() !== '').length > 1);
  for (let c = lineCol; c < firstAmountCol; c++) {
    const t = rows
      .map((r) => (r[c] ?? '').trim())
      .filter((x) => x !== '')
      .join(' ');
    if (t !== '') out.push(t);
  }
  return out;
}

/** The unit as printed in the header rows, if any ("EUR", "T€"). */
export function unitText(headerRows: readonly (readonly string[])[], from: number): string | undefined {
  for (const r of headerRows)
    for (const c of r.slice(from)) {
      const t = c.trim();
      if (t !== '' && unitOf(t) !== undefined) return t;
    }
  return undefined;
}
