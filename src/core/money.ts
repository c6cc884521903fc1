/**
 * Money as exact integer cents, in one place: the limits of an amount, German printing (`1.234.567`, `-6.780`,
 * `1.234,56`; in thousands for plans printed in T€: `1.235`), the tidy CSV style (`-6780.00`), parsing what plans
 * print (`parseGermanAmount`, the importers' reader) and what users type (`parseUserAmount`, with a German
 * reason when it is not an amount). Amounts are parsed from their decimal text (never via floats) and rounded
 * only where they are printed in whole euros or thousands (`roundToEuro`, `roundToThousand`). Pure.
 */

/** An amount of money in integer cents. */
export type Cents = number;

/** The unit an amount is printed or typed in: euros, or thousands of euros (T€). */
export type Unit = '€' | 'T€';

/**
 * The largest amount of one cell, item or edit, exclusive: 10^15 cents (ten trillion euros, 13 digits of euros).
 * Far above any municipal budget, and low enough that sums of many such amounts stay exact in a double.
 */
export const MAX_AMOUNT: Cents = 1e15;

/** Digits of whole euros an amount below `MAX_AMOUNT` has at most: 13. */
const MAX_EURO_DIGITS = String(MAX_AMOUNT / 100).length - 1;

/**
 * The largest total the store keeps, inclusive: 2^53 - 1 cents (about 90 billion euros), the last integer a
 * double holds exactly, in JavaScript and in SQLite's arithmetic; an edit that would carry a total beyond it is
 * refused.
 */
export const MAX_TOTAL: Cents = Number.MAX_SAFE_INTEGER;

/** Result of parsing: the amount and how many decimals were printed (0 = whole euros, 2 = cents). */
export interface ParsedAmount {
  readonly cents: Cents;
  readonly decimals: 0 | 2;
}

const GERMAN_AMOUNT =
  /^(?<lead>[-−–]?)\s*(?<int>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?<frac>\d{1,2}|-{1,2}))?\s*(?<trail>-?)\s*(?:€|EUR)?$/u;

/**
 * Parses an amount printed the German way: `1.234.567`, `-6.780`, `0`, `1.234,56`, `1.234,-`, `46.323.827,04-`
 * (trailing minus, as SAP prints it), optionally followed by `€`/`EUR`. Returns undefined when the text is not
 * such an amount (e.g. `1.23.4`, `12,345`, empty).
 */
export function parseGermanAmount(text: string): ParsedAmount | undefined {
  const fast = parseWholeEuros(text);
  if (fast !== undefined) return fast;
  const m = GERMAN_AMOUNT.exec(text.trim());
  if (!m?.groups) return undefined;
  const { lead, int, frac, trail } = m.groups;
  if (lead && trail) return undefined;
  const digits = int!.length > 3 ? int!.replace(/\./g, '') : int!;
  if (digits.length > MAX_EURO_DIGITS) return undefined; // not below MAX_AMOUNT
  let cents = Number(digits) * 100;
  let decimals: 0 | 2 = 0;
  if (frac !== undefined && !frac.startsWith('-')) {
    cents += Number(frac.length === 1 ? `${frac}0` : frac);
    decimals = 2;
  }
  const negative = Boolean(lead) || Boolean(trail);
  return { cents: negative && cents !== 0 ? -cents : cents, decimals };
}

const ZERO = 48;
const NINE = 57;
const DOT = 46;
const MINUS = 45;

/**
 * Fast path for the common case, whole euros such as `-1.234.567` or `0`: one pass over the characters, no
 * regular expression. Returns undefined for anything else (the full parser then decides).
 */
function parseWholeEuros(text: string): ParsedAmount | undefined {
  const cents = wholeEuroCents(text);
  return Number.isNaN(cents) ? undefined : { cents, decimals: 0 };
}

/**
 * Cents of a whole-euro amount printed the German way (`-1.234.567`, `0`), NaN for anything else. The hot
 * path of table import: one pass over the characters, no regular expression, no allocation.
 */
export function wholeEuroCents(text: string): number {
  const n = text.length;
  if (n === 0 || n > 22) return NaN;
  let i = text.charCodeAt(0) === MINUS ? 1 : 0;
  if (i === n) return NaN;
  let value = 0;
  let digitsInGroup = 0;
  let groups = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      digitsInGroup++;
      digits++;
    } else if (c === DOT) {
      if (digitsInGroup === 0 || (groups === 0 ? digitsInGroup > 3 : digitsInGroup !== 3)) return NaN;
      groups++;
      digitsInGroup = 0;
    } else return NaN;
  }
  if (digitsInGroup === 0 || (groups > 0 && digitsInGroup !== 3) || digits > MAX_EURO_DIGITS) return NaN;
  const cents = value * 100;
  return text.charCodeAt(0) === MINUS && cents !== 0 ? -cents : cents;
}

const PLAIN_AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Parses a plain decimal amount with `.` as decimal point (`-6780.00`, `12`, `0.5`), as in the tidy CSV. */
export function parsePlainAmount(text: string): ParsedAmount | undefined {
  const m = PLAIN_AMOUNT.exec(text.trim());
  if (!m) return undefined;
  const cents = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const value = Number(cents);
  return { cents: m[1] && value !== 0 ? -value : value, decimals: m[3] === undefined ? 0 : 2 };
}

/** Euros from whole units: `euros(1234)` is 123400 cents. */
export function euros(whole: number): Cents {
  if (!Number.isSafeInteger(whole)) throw new RangeError(`not a whole number of euros: ${whole}`);
  return whole * 100;
}

/**
 * Formats cents as `-6780.00`: no grouping, always two places (tidy CSV, JSON-like contexts); with `,` as the
 * decimal separator `-6780,00`, the German CSV's cells for spreadsheets.
 */
export function formatPlain(cents: Cents, separator: '.' | ',' = '.'): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}${separator}${String(frac).padStart(2, '0')}`;
}

/** Cents as a euro number for JSON output (`-6780`, `0.5`); exact for all amounts below 2^53 cents. */
export function toEuroNumber(cents: Cents): number {
  return Number(formatPlain(cents));
}

/** German digit grouping: `1234567` → `1.234.567`. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
}

/**
 * An integer holding `decimals` places, printed the German way: grouped thousands, decimal comma, exactly
 * `decimals` places (`formatScaled(675, 2)` → `6,75`, `formatScaled(-678_000, 2)` → `-6.780,00`); with `trim`,
 * trailing zeros after the comma and a bare comma are left out (`formatScaled(150, 2, true)` → `1,5`). Every
 * German number this project prints goes through here.
 */
export function formatScaled(value: number, decimals: number, trim = false): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number: ${value}`);
  const digits = String(Math.abs(value)).padStart(decimals + 1, '0');
  const whole = groupThousands(digits.slice(0, digits.length - decimals));
  let frac = digits.slice(digits.length - decimals);
  if (trim) frac = frac.replace(/0+$/u, '');
  const text = frac === '' ? whole : `${whole},${frac}`;
  return value < 0 ? `-${text}` : text;
}

/** A count or other whole number, grouped the German way: `1.234.567` (not money: no rounding, no unit). */
export function formatCount(n: number): string {
  return formatScaled(n, 0);
}

/**
 * A measured quantity (not money) with at most `fractionDigits` places, rounded there, trailing zeros left out:
 * `formatNumber(1536.25, 1)` → `1.536,3`, `formatNumber(2, 1)` → `2`.
 */
export function formatNumber(value: number, fractionDigits: 0 | 1 | 2 = 0): string {
  const factor = 10 ** fractionDigits;
  const scaled = Math.round(Math.abs(value) * factor);
  return formatScaled(value < 0 && scaled !== 0 ? -scaled : scaled, fractionDigits, true);
}

/**
 * Rounds cents to whole multiples of `unit` cents, half away from zero, as printed plans do. This is the one
 * place where rounding happens (`roundToEuro`, `roundToThousand`).
 */
function roundHalfAway(cents: Cents, unit: Cents): Cents {
  const sign = cents < 0 ? -1 : 1;
  const abs = Math.abs(cents);
  const rounded = Math.trunc(abs / unit) * unit + (abs % unit >= unit / 2 ? unit : 0);
  return rounded === 0 ? 0 : sign * rounded;
}

/** Rounds cents to whole euros the way printed plans do (half away from zero), returning cents. */
export function roundToEuro(cents: Cents): Cents {
  return roundHalfAway(cents, 100);
}

/** Cents per thousand euros, the step of an amount printed in T€. */
export const THOUSAND_EUROS: Cents = 100_000;

/**
 * Rounds cents to whole thousands of euros the way plans printed in T€ do (half away from zero), returning
 * cents (`123_450_000` → `123_500_000`).
 */
export function roundToThousand(cents: Cents): Cents {
  return roundHalfAway(cents, THOUSAND_EUROS);
}

/**
 * Formats cents as a plan printed in T€ prints them: rounded to whole thousands of euros, in thousands, German
 * grouping (`123_400_000` → `1.234`, `-678_000_000` → `-6.780`).
 */
export function formatThousands(cents: Cents): string {
  return formatScaled(roundToThousand(cents) / THOUSAND_EUROS, 0);
}

/**
 * Cents in thousands of euros, exactly (nothing rounded): `2.148`, `-6.780`, `4,5`, `1.234,5675` (a T€ total an
 * edit of cents moved).
 */
export function formatThousandsExact(cents: Cents): string {
  return formatScaled(cents, 5, true);
}

/**
 * Formats cents the German way. `decimals: 0` rounds to whole euros (`1.234.567`, `-6.780`);
 * `decimals: 2` prints cents (`1.234,56`).
 */
export function formatGerman(cents: Cents, decimals: 0 | 2 = 0): string {
  return decimals === 0 ? formatScaled(roundToEuro(cents) / 100, 0) : formatScaled(cents, 2);
}

/**
 * Cents exactly, as few places as they need: whole euros without decimals (`1.234.567`, `-6.780`), anything else
 * with cents (`3,50`). Nothing (null, undefined) prints as the empty text.
 */
export function formatEuro(cents: Cents | null | undefined): string {
  if (cents === null || cents === undefined) return '';
  return cents % 100 === 0 ? formatScaled(cents / 100, 0) : formatScaled(cents, 2);
}

/** A signed difference, exactly (`formatEuro` with a plus for gains): `+1.000`, `-6.780`, `0`. */
export function formatSigned(cents: Cents): string {
  return cents > 0 ? `+${formatEuro(cents)}` : formatEuro(cents);
}

/** What a user typed, read as an amount: its cents, or why it is not one (German, for the user). */
export type UserAmount =
  { readonly ok: true; readonly cents: Cents } | { readonly ok: false; readonly error: string };

/** Spaces that may group thousands or stand around a sign or unit: space, no-break, narrow no-break, thin. */
const SPACE = '[ \\u00a0\\u202f\\u2009]';
const USER_AMOUNT = new RegExp(
  `^(?<sign>[-+\\u2212\\u2013]?)${SPACE}*(?<int>\\d{1,3}(?:[.\\u00a0\\u202f\\u2009 ]\\d{3})+|\\d+)` +
    `(?:,(?<frac>\\d+|-{1,2}))?${SPACE}*(?<unit>€|EUR|Euro|T€|TEUR)?$`,
  'iu',
);

/**
 * Reads an amount the way users type it: `1.234,50`, `1234,5`, `-6.780`, `−6.780` (a real minus sign), `+500`,
 * `1 234` (spaces, also no-break and narrow ones, as thousands separators), `12,-`, with or without `€`/`EUR`.
 * In `T€` (thousands of euros, up to five places after the comma: cents) `1.234,5` is 123_450_000 cents.
 * Anything else is refused with a German reason: empty, not a number, dots not in groups of three, more
 * places than cents, the wrong unit, beyond `MAX_AMOUNT`.
 */
export function parseUserAmount(text: string, unit: Unit = '€'): UserAmount {
  const t = text.trim(); // also no-break and thin spaces
  if (t === '') return { ok: false, error: 'Bitte einen Betrag eingeben.' };
  const example = unit === 'T€' ? '-600 oder 1.234,5' : '-600.000 oder 1.234,56';
  const m = USER_AMOUNT.exec(t);
  if (!m?.groups) {
    if (/^[-+\u2212\u2013]?\s*[\d.]+(?:,\d*)?\s*(?:€|EUR)?$/iu.test(t) && t.includes('.'))
      return {
        ok: false,
        error: `„${t}“ ist kein Betrag: der Punkt trennt Tausender in Dreiergruppen (1.234.567), Cent stehen nach dem Komma (1.234,56).`,
      };
    return { ok: false, error: `„${t}“ ist kein Betrag. Bitte z. B. ${example} eingeben.` };
  }
  const { sign, int, frac, unit: typed } = m.groups;
  const typedUnit = typed === undefined ? unit : /^t/iu.test(typed) ? 'T€' : '€';
  if (typedUnit !== unit)
    return {
      ok: false,
      error:
        unit === '€'
          ? 'Der Betrag wird in Euro eingegeben, nicht in T€.'
          : 'Der Betrag wird in T€ eingegeben.',
    };
  const places = unit === 'T€' ? 5 : 2;
  const fraction = frac === undefined || frac.startsWith('-') ? '' : frac;
  if (fraction.length > places)
    return {
      ok: false,
      error:
        unit === 'T€'
          ? 'Höchstens fünf Stellen nach dem Komma (T€ auf den Cent genau).'
          : 'Höchstens zwei Stellen nach dem Komma (Cent).',
    };
  // cents either way: two places of euros, five of thousands of euros
  const value =
    BigInt(int!.replace(/\D/gu, '')) * 10n ** BigInt(places) + BigInt(fraction.padEnd(places, '0') || '0');
  if (value >= BigInt(MAX_AMOUNT))
    return {
      ok: false,
      error: `Der Betrag ist zu groß: höchstens ${unit === 'T€' ? `${formatThousandsExact(MAX_AMOUNT - 1)} T€` : `${formatEuro(MAX_AMOUNT - 1)} €`}.`,
    };
  const cents = Number(value);
  return { ok: true, cents: sign === '-' || sign === '\u2212' || sign === '\u2013' ? -cents || 0 : cents };
}
