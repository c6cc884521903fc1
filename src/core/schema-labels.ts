/**
 * Printed labels compared with a schema line's label and aliases: normalised (case, umlauts, spacing), their
 * abbreviations written out (`data/schemas/abbreviations.json`), their print decoration taken off (operators,
 * formula hints); small typos are misprints, anything else a different label. Matches are remembered per
 * schema line. Also the line a label belongs to, for rows printed without a number.
 */
import abbreviations from '../../data/schemas/abbreviations.json' with { type: 'json' };
import type { LineSchema, SchemaLine } from './schema-data.js';

/** Lowercase, umlauts folded, everything but letters and digits dropped: compares labels whatever the spacing. */
export function normalizeLabel(label: string): string {
  return label
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

export type LabelMatch =
  | { readonly kind: 'exact' }
  | { readonly kind: 'misprint'; readonly canonical: string; readonly distance: number }
  | { readonly kind: 'different'; readonly canonical: string };

/**
 * Compares a printed label with a schema line's label and aliases. Small typos (up to one edit per
 * twelve letters, at least one) are misprints; anything else is a different label.
 */
export function matchLabel(printed: string, line: SchemaLine): LabelMatch {
  let cache = matchCache.get(line);
  if (!cache) {
    cache = new Map();
    matchCache.set(line, cache);
  }
  let result = cache.get(printed);
  if (!result) {
    result = computeMatch(printed, line);
    if (cache.size < 10_000) cache.set(printed, result);
  }
  return result;
}

/** Printed labels repeat in every plan of a budget: matches are remembered per schema line. */
const matchCache = new WeakMap<SchemaLine, Map<string, LabelMatch>>();

/**
 * Abbreviations printed plans use ("lfd.", "allg.", "Investitionsmaß."), longest first; an abbreviation may
 * stand for several inflected words ("lfd." laufenden/laufender), each of which is tried.
 */
const ABBREVIATIONS: readonly (readonly [string, readonly string[]])[] = Object.entries(
  abbreviations.abbreviations as Record<string, string | string[]>,
)
  .map(([short, long]) => [short, typeof long === 'string' ? [long] : long] as const)
  .sort((a, b) => b[0].length - a[0].length);

/** At most this many spellings of one label are compared (abbreviations with several expansions multiply). */
const MAX_SPELLINGS = 16;

/** The label with its abbreviations written out: every spelling their expansions allow, the first first. */
export function labelSpellings(label: string): readonly string[] {
  return remembered(spellingCache, label, spellingsOf);
}

function spellingsOf(label: string): readonly string[] {
  let out = [label];
  for (const [short, longs] of ABBREVIATIONS) {
    if (!out.some((o) => o.includes(short))) continue;
    const next: string[] = [];
    for (const o of out) {
      for (const long of longs) {
        if (next.length >= MAX_SPELLINGS) break;
        if (short.length > 2) {
          next.push(o.split(short).join(`${long} `));
        } else {
          // very short ones ("v.") only as a word of their own
          const escaped = short.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
          next.push(o.replace(new RegExp(`(^|[\\s(])${escaped}`, 'gu'), `$1${long} `));
        }
      }
    }
    out = [...new Set(next)];
  }
  return out;
}

/**
 * Printed labels repeat in every plan of a budget (a 1,000-page plan prints the same sixty labels over and
 * over): what is worked out from a label alone is remembered, up to `limit` labels per kind.
 */
export function remembered<T>(
  cache: Map<string, T>,
  key: string,
  make: (key: string) => T,
  limit = 10_000,
): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    if (cache.size < limit) cache.set(key, value);
  }
  return value;
}

const spellingCache = new Map<string, readonly string[]>();
const normalSpellingCache = new Map<string, readonly string[]>();
const normalExpandedCache = new Map<string, string>();

/** Every spelling of a printed label (print decoration off, abbreviations written out), normalised. */
function normalSpellings(printed: string): readonly string[] {
  return remembered(normalSpellingCache, printed, (p) =>
    labelSpellings(stripPrintDecoration(p)).map(normalizeLabel),
  );
}

/** A label with its abbreviations written out (first expansion), normalised. */
export function normalExpanded(label: string): string {
  return remembered(normalExpandedCache, label, (l) => normalizeLabel(expandAbbreviations(l)));
}

/** A schema line's label and aliases, expanded and normalised: what printed labels are compared with. */
export function candidatesOf(line: SchemaLine): readonly string[] {
  let out = candidateCache.get(line);
  if (!out) {
    out = [line.label, ...(line.aliases ?? [])].map(normalExpanded);
    candidateCache.set(line, out);
  }
  return out;
}

const candidateCache = new WeakMap<SchemaLine, readonly string[]>();

/** The label with its abbreviations written out (their first expansion). */
export function expandAbbreviations(label: string): string {
  return labelSpellings(label)[0]!;
}

/**
 * What a printed label says without its print decoration: the operator in front ("+ ", "- ", "= ", "+ / - ",
 * "./. ") and a formula hint at the end ("(= Zeilen 18 und 21)", "(=Zeilen 10 / 17)", "(Summe aus Nrn. 1 bis
 * 10)", "(1 bis 9)", also after a gloss: "(veranschlagter Aufwands-/Ertragsüberschuss, Nr. 2 ./. Nr. 4)", as
 * Leipzig prints Sachsen's Muster). Parentheses that name something ("(ordentliches Ergebnis)") stay.
 */
export function stripPrintDecoration(label: string): string {
  let out = label.trim().replace(/^(?:\+\s*\/\s*-|\.\/\.|[-+=–])\s*/u, '');
  for (;;) {
    const m = /\s*\(([^()]*)\)\s*$/u.exec(out);
    const hint = m ? m[1]!.slice(m[1]!.lastIndexOf(',') + 1).trim() : '';
    if (!m || !/\d/u.test(hint) || !FORMULA_HINT.test(hint)) break;
    out = out.slice(0, m.index);
  }
  return out.trim();
}

const FORMULA_HINT = /^(?:=|\d|summe|saldo|zeilen?\b|z\.|nrn?\.|nr\b|nummern?\b)/iu;

function computeMatch(printed: string, line: SchemaLine): LabelMatch {
  const spellings = normalSpellings(printed);
  const candidates = candidatesOf(line);
  if (candidates.some((n) => spellings.includes(n))) return { kind: 'exact' };
  const p = spellings[0]!;
  let best = Infinity;
  for (const n of candidates) {
    const max = Math.max(1, Math.floor(n.length / 12));
    const d = editDistance(p, n, max);
    if (d <= max) best = Math.min(best, d);
  }
  return best === Infinity
    ? { kind: 'different', canonical: line.label }
    : { kind: 'misprint', canonical: line.label, distance: best };
}

/** Finds the schema line a label belongs to, for rows printed without a line number. */
export function lineByLabel(schema: LineSchema, label: string): SchemaLine | undefined {
  const exact = schema.lines.find((l) => matchLabel(label, l).kind === 'exact');
  return exact ?? schema.lines.find((l) => matchLabel(label, l).kind === 'misprint');
}
