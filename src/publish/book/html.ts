/**
 * Small helpers of the book's templates: HTML escaping (every text of the budget goes through `esc`, so
 * hostile text renders inert) and the German print of amounts, each cell rounded on its own to whole euros.
 */
import { formatGerman, type Cents } from '../../core/money.js';

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

/** An amount as the published plans print it: whole euros, German grouping (`1.234.567`, `-6.780`). */
export function euro(cents: Cents | undefined): string {
  return cents === undefined ? '' : formatGerman(cents, 0);
}

/** Joins template parts, skipping empty ones. */
export function join(parts: readonly (string | undefined | false)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}
