/**
 * Amounts as plans print them, for every container: `1.234.567`, `-6.780`, `1.234,56`, `46.323.827,04-`
 * (trailing minus), `(1.234)` (brackets: negative), `1.234,-`, a lone dash for zero; in euros or, for a column
 * printed in thousands of euros, in T€ (`1.234` T€ is 1.234.000 €: the cell keeps `scale: 1000`). Read exactly
 * from the text, never through a float (`core/money.ts`).
 */
import type { Cell as ModelCell } from '../../core/model.js';
import { parseGermanAmount, wholeEuroCents, type ParsedAmount } from '../../core/money.js';

/** The unit a column was printed in: euros, or thousands of euros. */
export type Scale = 1 | 1000;

/**
 * Text that stands for an amount (or a printed zero) in a table: a German number with a sign in front, behind
 * or in brackets, with or without cents, or a lone dash. Years are amounts too by this test; callers that
 * must tell a year in a header from an amount check for one.
 */
const AMOUNT_TEXT =
  /^(?:[-−–]?\s?\d{1,3}(?:\.\d{3})*(?:,(?:\d+|-{1,2}))?-?|[-−–]?\d+(?:,(?:\d+|-{1,2}))?-?|\(\d{1,3}(?:\.\d{3})*(?:,\d+)?\)|\(\d+(?:,\d+)?\)|[-–−])$/u;

export function isAmountText(text: string): boolean {
  return AMOUNT_TEXT.test(text);
}

/** A plain year (`2026`): a column header, not an amount. */
export const YEAR_ONLY = /^(?:19|20)\d{2}$/u;

/** A lone dash: a printed zero. */
export function isDash(text: string): boolean {
  return text === '-' || text === '–' || text === '−';
}

/**
 * A printed amount in cents of euros: `undefined` when the cell is empty, `null` when it is no amount. A column
 * printed in T€ gives `scale: 1000` and its amount in cents of euros (`1.234` → 123_400_000).
 */
export function readAmount(
  text: string,
  scale: Scale = 1,
): (ParsedAmount & { readonly scale?: 1000 }) | null | undefined {
  const t =
    text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32)
      ? text.trim()
      : text;
  if (t === '') return undefined;
  let parsed: ParsedAmount | undefined;
  if (isDash(t)) parsed = { cents: 0, decimals: 0 };
  else {
    const whole = wholeEuroCents(t);
    if (!Number.isNaN(whole)) parsed = { cents: whole, decimals: 0 };
    else if (t.startsWith('(') && t.endsWith(')')) {
      const inner = parseGermanAmount(t.slice(1, -1));
      parsed =
        inner && !/^[-−–]|-$/u.test(t.slice(1, -1).trim())
          ? { cents: inner.cents === 0 ? 0 : -inner.cents, decimals: inner.decimals }
          : undefined;
    } else parsed = parseGermanAmount(t);
  }
  if (!parsed) return null;
  if (scale === 1) return parsed;
  // thousands of euros: `1.234` T€ → 123_400_000 cents, `1.234,5` T€ → 123_450_000
  const cents = parsed.cents * 1000;
  if (!Number.isSafeInteger(cents)) return null;
  return { cents, decimals: 0, scale: 1000 };
}

/** The unit-related part of a cell read with `readAmount`. */
export function scaleOf(parsed: { readonly scale?: 1000 }): Pick<ModelCell, 'scale'> {
  return parsed.scale === 1000 ? { scale: 1000 } : {};
}
