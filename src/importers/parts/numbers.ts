/**
 * Numbers as tables of the parts print them: `690.0` (decimal point, as CSV exports with `,` between cells
 * write), `6,75` and `1.234,5` (German), `-57,5` and `57,5-` (trailing minus), `−4,7`. The decimal mark is
 * decided per file (`decimalMarkOf`): a comma followed by digits anywhere makes the comma the decimal mark
 * (points then group thousands), else the point is. The value is kept as an integer of its printed digits with
 * the count of decimals, so nothing is lost to floating point.
 */

export interface PrintedNumber {
  /** The printed digits as an integer: `690.0` → 6900. */
  readonly digits: number;
  /** How many of them follow the decimal mark: `690.0` → 1. */
  readonly decimals: number;
}

const GERMAN = /^[-−–]?\s*\d{1,3}(?:\.\d{3})*,\d+\s*-?$|^[-−–]?\s*\d+,\d+\s*-?$/u;

const POINT_DECIMAL = /^[-−–]?\s*\d+\.(\d{1,2}|\d{4,})\s*-?$/u;

/**
 * The decimal mark of a table's numbers: `,` when any cell is a German decimal number (`6,75`); else `.` when
 * any cell has a point not followed by exactly three digits (`690.0`, `5.62`); else `,` (points then only
 * group thousands, `120.400`, as German tables print them).
 */
export function decimalMarkOf(rows: readonly (readonly string[])[]): ',' | '.' {
  let point = false;
  for (const row of rows)
    for (const cell of row) {
      const t = cell.trim();
      if (GERMAN.test(t)) return ',';
      if (POINT_DECIMAL.test(t)) point = true;
    }
  return point ? '.' : ',';
}

/** A printed number, or undefined when the text is no number (empty text is undefined too). */
export function parseNumber(text: string, mark: ',' | '.'): PrintedNumber | undefined {
  let t = text.trim().replace(/\s*%$/u, '').replace(/[−–]/gu, '-');
  if (t === '') return undefined;
  let negative = false;
  if (t.endsWith('-') && t.length > 1) {
    negative = true;
    t = t.slice(0, -1).trim();
  }
  if (t.startsWith('-')) {
    if (negative) return undefined;
    negative = true;
    t = t.slice(1).trim();
  } else if (t.startsWith('+')) t = t.slice(1).trim();
  const group = mark === ',' ? '.' : ',';
  const pattern =
    mark === ',' ? /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/u : /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/u;
  const m = pattern.exec(t);
  if (!m) return undefined;
  const whole = m[1]!.split(group).join('');
  const frac = m[2] ?? '';
  const digits = Number(`${whole}${frac}`);
  if (!Number.isSafeInteger(digits)) return undefined;
  return { digits: negative && digits !== 0 ? -digits : digits, decimals: frac.length };
}

/** The printed number in units of 10^-`places` (`690.0`, 2 → 69000); undefined when it has more decimals. */
export function scaledTo(n: PrintedNumber, places: number): number | undefined {
  if (n.decimals > places) return undefined;
  const v = n.digits * 10 ** (places - n.decimals);
  return Number.isSafeInteger(v) ? v : undefined;
}
