/**
 * Keys of investment table rows, unique within a node's table: the measure number, the Teilfinanzplan line,
 * with a context where a line repeats. The tidy CSV writes them in its `line` column and reads them back
 * (`parseInvestmentKey`); every other export uses the same keys. See docs/tidy-csv.md.
 */
import type { InvestmentRow } from '../core/model.js';

/** A key that reads as a line row: `26`, `/26`, `430125MINT/26`, `G2/25`, optionally with `#2`. */
const LINE_KEY = /^(?:([\s\S]*)\/)?(\d{2})(?:#\d+)?$/u;
/** The context of a line row directly below the n-th group heading. */
const GROUP_CONTEXT = /^G(\d+)$/u;
const DUPLICATE_SUFFIX = /#\d+$/u;

function percent(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * A measure number as a key: as printed, unless it could be taken for something else (a line key such as
 * `26` or `4301/26`, a group context `G1`, or it holds `%` or `#`); then `%`, `#` and `/` are percent-encoded,
 * and the first character too if that is not enough (`26` → `%3226`).
 */
function measureKey(number: string): string {
  const ambiguous = (k: string): boolean => LINE_KEY.test(k) || GROUP_CONTEXT.test(k);
  if (!/[%#]/u.test(number) && !ambiguous(number)) return number;
  const key = number.replace(/[%#/]/gu, percent);
  return ambiguous(key) ? `${percent(key)}${key.slice(1)}` : key;
}

/**
 * Keys of the rows of an investment table (undefined for group headings and rows without amounts), unique
 * within the table:
 * - a measure: its number (see `measureKey`);
 * - a line row: its two-digit line; when the same line occurs in several line rows of the table, prefixed with
 *   its context, the key of the measure above it or `G<n>` when it stands directly below the n-th group
 *   heading: `430125MINT/26`, `G2/25`, `/26` (before any measure or group);
 * - a key that would still occur twice gets `#<n>` for its n-th occurrence: `430125MINT#2`.
 */
export function investmentKeys(rows: readonly InvestmentRow[]): (string | undefined)[] {
  const lineCounts = new Map<string, number>();
  for (const r of rows)
    if (r.type === 'line' && r.cells.length > 0) lineCounts.set(r.line, (lineCounts.get(r.line) ?? 0) + 1);
  const seen = new Map<string, number>();
  let context = '';
  let groups = 0;
  return rows.map((r) => {
    // a row without amounts prints nothing, so it must not shape the keys of the others
    if (r.type !== 'group' && r.cells.length === 0) return undefined;
    if (r.type === 'group') {
      groups++;
      context = `G${groups}`;
      return undefined;
    }
    const base =
      r.type === 'measure'
        ? measureKey(r.number)
        : (lineCounts.get(r.line) ?? 0) > 1
          ? `${context}/${r.line}`
          : r.line;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const key = n === 1 ? base : `${base}#${n}`;
    if (r.type === 'measure') context = key;
    return key;
  });
}

export type InvestmentKey =
  | { readonly type: 'measure'; readonly number: string }
  /** `group`: the row stands directly below the n-th group heading of the table. */
  | { readonly type: 'line'; readonly line: string; readonly group?: number };

/** Reads a key written by `investmentKeys` back into what the row is. */
export function parseInvestmentKey(key: string): InvestmentKey {
  const line = LINE_KEY.exec(key);
  if (line) {
    const group = line[1] === undefined ? null : GROUP_CONTEXT.exec(line[1]);
    return { type: 'line', line: line[2]!, ...(group ? { group: Number(group[1]) } : {}) };
  }
  const number = key
    .replace(DUPLICATE_SUFFIX, '')
    .replace(/%([0-9A-F]{2})/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { type: 'measure', number };
}
