/**
 * Money as exact integer cents. Amounts are parsed from their decimal text (never via floats) and formatted
 * only at the edges: German print style (`1.234.567`, `-6.780`; in thousands for plans printed in T€: `1.235`)
 * and the tidy CSV style (`-6780.00`).
 */

/** An amount of money in integer cents. */
export type Cents = number;

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
  if (digits.length > 13) return undefined; // beyond 2^53 cents: not an amount we can hold exactly
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
  if (digitsInGroup === 0 || (groups > 0 && digitsInGroup !== 3) || digits > 13) return NaN;
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

/** Formats cents as `-6780.00` (tidy CSV, JSON-like contexts). */
export function formatPlain(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const frac = abs % 100;
  return `${sign}${whole}.${String(frac).padStart(2, '0')}`;
}

/** Cents as a euro number for JSON output (`-6780`, `0.5`); exact for all amounts below 2^53 cents. */
export function toEuroNumber(cents: Cents): number {
  return Number(formatPlain(cents));
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
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

/**
 * Rounds cents to whole thousands of euros the way plans printed in T€ do (half away from zero), returning
 * cents (`123_450_000` → `123_500_000`).
 */
export function roundToThousand(cents: Cents): Cents {
  return roundHalfAway(cents, 100_000);
}

/**
 * Formats cents as a plan printed in T€ prints them: rounded to whole thousands of euros, in thousands, German
 * grouping (`123_400_000` → `1.234`, `-678_000_000` → `-6.780`).
 */
export function formatThousands(cents: Cents): string {
  return formatGerman(roundToThousand(cents) / 1000, 0);
}

/**
 * Formats cents the German way. `decimals: 0` rounds to whole euros (`1.234.567`, `-6.780`);
 * `decimals: 2` prints cents (`1.234,56`).
 */
export function formatGerman(cents: Cents, decimals: 0 | 2 = 0): string {
  const value = decimals === 0 ? roundToEuro(cents) : cents;
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const whole = groupThousands(String(Math.trunc(abs / 100)));
  return decimals === 0 ? `${sign}${whole}` : `${sign}${whole},${String(abs % 100).padStart(2, '0')}`;
}
