/**
 * Amounts of a long table, exactly: the decimal mark of the amount column is decided from its values (a point
 * as `15472050.0`, `2921.33`, `4.721540379E7`; a comma as `1.234,56`, `46.323.827,04-`), values that say
 * nothing about it (`1234`) fit either, and a column whose values contradict each other, or say nothing but
 * could be read two ways (`1.234` only: thousands or three decimals), is refused unless a hint (profile,
 * descriptor) decides. Each amount is then parsed from its text into integer cents with string arithmetic, never
 * through a float: `15472050.0` is 1.547.205.000 cents, `4.721540379E7` is 4.721.540.379 cents.
 */
import type { Cents } from '../../core/money.js';

export type DecimalMark = '.' | ',';

/** What a value says about the decimal mark of its column. */
export type Evidence =
  | 'neutral'
  | 'point'
  | 'comma'
  /** `1.234`: German thousands or three decimals after a point. */
  | 'dot-3'
  /** `1,234`: English thousands or three decimals after a comma. */
  | 'comma-3'
  | 'invalid';

const SIGNS = /^[-−–+]?\s*|\s*-?\s*(?:€|EUR)?$/gu;

/** The value without its sign (leading, or trailing as SAP prints it) and currency. */
function core(text: string): string {
  return text.trim().replace(SIGNS, '');
}

/** What one value says about its column's decimal mark. */
export function evidenceOf(text: string): Evidence {
  const t = core(text);
  if (/^\d+$/u.test(t)) return 'neutral';
  if (/^\d+(?:\.\d+)?[eE][-+]?\d+$/u.test(t)) return 'point';
  if (/^\d{1,3}(?:,\d{3})+\.\d+$/u.test(t)) return 'point';
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/u.test(t)) return 'comma';
  if (/^\d{1,3}(?:\.\d{3}){2,}$/u.test(t)) return 'comma';
  if (/^\d{1,3}(?:,\d{3}){2,}$/u.test(t)) return 'point';
  const dot = /^(\d+)\.(\d+)$/u.exec(t);
  if (dot) return dot[2]!.length === 3 && dot[1]!.length <= 3 ? 'dot-3' : 'point';
  const comma = /^(\d+),(\d+)$/u.exec(t);
  if (comma) return comma[2]!.length === 3 && comma[1]!.length <= 3 ? 'comma-3' : 'comma';
  return 'invalid';
}

/** The evidence of a whole column: counts and the first example of each kind. */
export class DecimalEvidence {
  readonly counts: Record<Evidence, number> = {
    neutral: 0,
    point: 0,
    comma: 0,
    'dot-3': 0,
    'comma-3': 0,
    invalid: 0,
  };
  readonly examples: Partial<Record<Evidence, string>> = {};
  /** The line of each first example. */
  readonly lines: Partial<Record<Evidence, number>> = {};

  add(text: string, line?: number): void {
    const e = evidenceOf(text);
    this.counts[e]++;
    if (this.examples[e] === undefined) {
      this.examples[e] = text.trim();
      if (line !== undefined) this.lines[e] = line;
    }
  }

  /** The line of the example a refusal names: the first value that makes the column ambiguous. */
  lineOfDoubt(): number | undefined {
    const { point, comma } = this.counts;
    if (point > 0 && comma > 0) return Math.max(this.lines.point ?? 0, this.lines.comma ?? 0) || undefined;
    return this.lines['dot-3'] ?? this.lines['comma-3'];
  }
}

export type DecimalDecision =
  | { readonly ok: true; readonly mark: DecimalMark; readonly how: 'data' | 'hint' | 'none' }
  | { readonly ok: false; readonly message: string };

/**
 * The decimal mark of a column from its evidence; `hint` (a profile's or descriptor's word) decides only where
 * the values do not. German message on refusal (the caller adds file and column).
 */
export function decideDecimal(e: DecimalEvidence, hint?: DecimalMark): DecimalDecision {
  const { point, comma } = e.counts;
  const ex = e.examples;
  if (point > 0 && comma > 0)
    return {
      ok: false,
      message: `die Beträge sind uneinheitlich geschrieben: „${ex.point!}“ mit Dezimalpunkt, „${ex.comma!}“ mit Dezimalkomma (erwartet: eine Schreibweise für die ganze Spalte)`,
    };
  if (point > 0) return { ok: true, mark: '.', how: 'data' };
  if (comma > 0) return { ok: true, mark: ',', how: 'data' };
  if (e.counts['dot-3'] > 0 && e.counts['comma-3'] > 0)
    return {
      ok: false,
      message: `die Beträge sind uneinheitlich geschrieben: „${ex['dot-3']!}“ und „${ex['comma-3']!}“ (erwartet: eine Schreibweise für die ganze Spalte)`,
    };
  const ambiguous = ex['dot-3'] ?? ex['comma-3'];
  if (ambiguous !== undefined) {
    if (hint) return { ok: true, mark: hint, how: 'hint' };
    return {
      ok: false,
      message: `„${ambiguous}“ kann mit Tausendertrennzeichen oder mit drei Nachkommastellen geschrieben sein, und kein Betrag der Spalte entscheidet es (erwartet: ein Profil mit "decimal": "," oder "decimal": ".")`,
    };
  }
  return { ok: true, mark: hint ?? '.', how: hint ? 'hint' : 'none' };
}

export type ParsedLongAmount =
  | { readonly ok: true; readonly cents: Cents; readonly decimals: 0 | 2 }
  | { readonly ok: false; readonly why: string };

const MAX_DIGITS = 15;

/**
 * Cents from digits and the position of the decimal point (`scale` digits after it): exact, or why not (more
 * than two decimals that are not zeros, too large to hold exactly).
 */
function toCents(negative: boolean, digits: string, scale: number, decimals: 0 | 2): ParsedLongAmount {
  let d = digits.replace(/^0+(?=\d)/u, '');
  if (scale > 2) {
    const cut = d.length - (scale - 2);
    const rest = cut > 0 ? d.slice(cut) : d.padStart(scale - 2, '0');
    if (/[1-9]/u.test(rest))
      return { ok: false, why: 'mehr als zwei Nachkommastellen (Bruchteile eines Cents)' };
    d = cut > 0 ? d.slice(0, cut) : '0';
  } else if (scale < 2) d += '0'.repeat(2 - scale);
  d = d.replace(/^0+(?=\d)/u, '');
  if (d.length > MAX_DIGITS || Number(d) > Number.MAX_SAFE_INTEGER)
    return { ok: false, why: 'zu groß, um ihn auf den Cent genau zu halten' };
  const cents = Number(d);
  return { ok: true, cents: negative && cents !== 0 ? -cents : cents, decimals };
}

const POINT =
  /^(?<lead>[-−–+]?)\s*(?<int>\d{1,3}(?:,\d{3})+|\d*)(?:\.(?<frac>\d*))?(?:[eE](?<exp>[-+]?\d{1,3}))?\s*(?<trail>-?)\s*(?:€|EUR)?$/u;
const COMMA =
  /^(?<lead>[-−–+]?)\s*(?<int>\d{1,3}(?:\.\d{3})+|\d*)(?:,(?<frac>\d*))?\s*(?<trail>-?)\s*(?:€|EUR)?$/u;

/** Parses an amount written with `mark` as decimal mark (thousands separators allowed, sign before or after). */
export function parseLongAmount(text: string, mark: DecimalMark): ParsedLongAmount {
  const t = text.trim();
  // the common case, a plain number with at most two decimals, without a regular expression's groups
  const fast = fastPlain(t, mark);
  if (fast !== undefined) return fast;
  const m = (mark === '.' ? POINT : COMMA).exec(t);
  const g = m?.groups;
  if (!g || (g.int === '' && (g.frac ?? '') === ''))
    return {
      ok: false,
      why: `keine Zahl (erwartet z. B. ${mark === '.' ? '1234.56 oder -1234' : '1.234,56 oder -1234'})`,
    };
  if (g.lead && g.lead !== '+' && g.trail) return { ok: false, why: 'zwei Vorzeichen' };
  const negative = (g.lead !== undefined && g.lead !== '' && g.lead !== '+') || g.trail === '-';
  const int = g.int!.replace(/[.,]/gu, '');
  const frac = g.frac ?? '';
  const exp = Number(g.exp ?? 0);
  const decimals = frac !== '' || g.exp !== undefined ? 2 : 0;
  return toCents(negative, `${int}${frac}`, frac.length - exp, decimals);
}

const ZERO = 48;
const NINE = 57;

/** `-1234`, `1234.5`, `1234,56`: digits, at most one mark with up to two digits after it. */
function fastPlain(t: string, mark: DecimalMark): ParsedLongAmount | undefined {
  const n = t.length;
  if (n === 0 || n > 17) return undefined;
  let i = t.charCodeAt(0) === 45 ? 1 : 0;
  if (i === n) return undefined;
  let value = 0;
  let digits = 0;
  let frac = -1;
  const markCode = mark.charCodeAt(0);
  for (; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === markCode && frac < 0 && digits > 0) frac = 0;
    else return undefined;
  }
  if (frac === 0 || frac > 2 || digits > 13) return undefined;
  const cents = frac < 0 ? value * 100 : frac === 1 ? value * 10 : value;
  return {
    ok: true,
    cents: t.charCodeAt(0) === 45 && cents !== 0 ? -cents : cents,
    decimals: frac < 0 ? 0 : 2,
  };
}
