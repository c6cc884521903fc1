/**
 * Small helpers of the book's templates: HTML escaping (every text of the budget goes through `esc`, so
 * hostile text renders inert) and the German print of amounts, each cell rounded on its own to whole euros (to
 * whole thousands in a column printed in T€).
 */
import type { Cents } from '../../core/money.js';
import { formatPrinted, unitOf, type Printing, type Unit } from '../../core/scale.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ESCAPES[c]!);
}

/**
 * A cell as its column prints it, as the published plans do: whole units, German grouping, in the column's unit
 * (`1.234.567`, `-6.780`; `1.234` in a column in T€); a cell printed in another unit than its column's with that
 * unit (`1.234.567 €` in a column in T€, `1.235 T€` in one in euros).
 */
export function printed(cell: (Printing & { readonly amount: Cents }) | undefined, columnUnit: Unit): string {
  if (!cell) return '';
  const own = unitOf(cell);
  const text = formatPrinted(cell.amount, { decimals: 0, ...(cell.scale ? { scale: cell.scale } : {}) });
  return own === columnUnit ? text : `${text} ${own}`;
}

/** Joins template parts, skipping empty ones. */
export function join(parts: readonly (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}
