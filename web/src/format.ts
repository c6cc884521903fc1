/**
 * German formats at the edge: money from integer cents (`1.234.567`, `-6.780`, `1.234,56` when cents are
 * there; cells printed in T€ in thousands, `1.235`), dates (`01.12.2026`, with time `01.12.2026, 14:03`), and
 * parsing an amount typed the German way back into cents without floating point.
 */
import { formatThousands } from '../../src/core/money.js';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
}

/** Whole euros when the amount has no cents, else euros and cents. */
export function euro(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  const negative = cents < 0;
  const abs = BigInt(Math.abs(cents));
  const euros = group((abs / 100n).toString());
  const rest = abs % 100n;
  const text = rest === 0n ? euros : `${euros},${rest.toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

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
export function delta(cents: number): string {
  return cents > 0 ? `+${euro(cents)}` : euro(cents);
}

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

/**
 * `-1.234.567`, `1234567`, `-600.000,50`, `12,5` → cents; `undefined` when it is not an amount. Dots are
 * thousands separators, the comma separates cents (at most two digits).
 */
export function parseEuro(text: string): number | undefined {
  const t = text.replace(/[\s€]/gu, '').replace(/[−–]/gu, '-');
  const m = /^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/u.exec(t);
  if (!m) return undefined;
  const euros = BigInt(m[2]!.replace(/\./gu, ''));
  const cents = BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  const value = euros * 100n + cents;
  const signed = m[1] === '-' ? -value : value;
  if (signed >= 10n ** 15n || signed <= -(10n ** 15n)) return undefined;
  return Number(signed);
}

/** Percent with a German decimal comma: `1`, `1,5`, `-0,25` → basis points (hundredths of a percent). */
export function parsePercent(text: string): number | undefined {
  const m = /^([+-]?)(\d{1,3})(?:,(\d{1,2}))?$/u.exec(text.trim().replace(/\s*%$/u, ''));
  if (!m) return undefined;
  const bp = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] === '-' ? -bp : bp;
}

export function percent(bp: number): string {
  const abs = Math.abs(bp);
  const frac = abs % 100;
  const text =
    frac === 0
      ? String(abs / 100)
      : `${Math.floor(abs / 100)},${String(frac).padStart(2, '0').replace(/0$/u, '')}`;
  return bp < 0 ? `-${text}` : text;
}
