/**
 * German formats at the edge of the page: a plan cell as printed, dates (`01.12.2026`, with time
 * `01.12.2026, 14:03`) and percentages. Money itself is printed and parsed by `src/core/money.ts` (`euro` is its
 * `formatEuro`: `1.234.567`, `-6.780`, `1.234,56` when cents are there).
 */
import { formatEuro, formatScaled, formatSigned, formatThousands } from '../../src/core/money.js';

/** Whole euros when the amount has no cents, else euros and cents; nothing as the empty text. */
export const euro = formatEuro;

/**
 * A plan cell as its plan printed it: a cell printed in T€ in thousands, rounded (`1.235`), any other in euros
 * (`euro`); the unit added where it is not the column's (`1.234.567 €` in a column printed in T€).
 */
export function printedAmount(
  cell: { readonly amount: number | null; readonly scale: 1000 | null },
  columnUnit: '€' | 'T€',
): string {
  if (cell.amount === null) return '';
  if (cell.scale === 1000)
    return columnUnit === 'T€' ? formatThousands(cell.amount) : `${formatThousands(cell.amount)} T€`;
  return columnUnit === 'T€' ? `${euro(cell.amount)} €` : euro(cell.amount);
}

/** A signed difference: `+1.000`, `-6.780`, `0`. */
export const delta = formatSigned;

const two = (n: number): string => String(n).padStart(2, '0');

export function date(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()}`;
}

export function dateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${date(iso)}, ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Percent with a German decimal comma: `1`, `1,5`, `-0,25` → basis points (hundredths of a percent). */
export function parsePercent(text: string): number | undefined {
  const m = /^([+-]?)(\d{1,3})(?:,(\d{1,2}))?$/u.exec(text.trim().replace(/\s*%$/u, ''));
  if (!m) return undefined;
  const bp = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] === '-' ? -bp : bp;
}

/** Basis points as a German percentage without trailing zeros: `100` → `1`, `150` → `1,5`, `-25` → `-0,25`. */
export function percent(bp: number): string {
  return formatScaled(bp, 2, true);
}
