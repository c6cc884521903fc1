/**
 * Line schemas as data: which numbered lines a plan has, their canonical labels, and which lines are sums of
 * others. Schemas live in `data/schemas/*.json` (one file per plan form, Land and validity); adding a Land or an
 * older numbering means adding a file there and listing it in `schema-registry.ts`, not writing code. A plan is
 * read with a schema only when its printed labels fit (`selectSchema`); otherwise the import is refused with the
 * closest schema and the lines that disagree, never read with lines of another meaning.
 */
import type { ColumnKind, PlanType } from './model.js';
import abbreviations from '../../data/schemas/abbreviations.json' with { type: 'json' };
import { ROLLUP_DATA, SCHEMA_DATA } from './schema-registry.js';

export interface SchemaLine {
  readonly line: string;
  readonly label: string;
  readonly aliases?: readonly string[];
  /** For totals: the lines summed; a leading `-` subtracts that line. */
  readonly sum?: readonly string[];
  /** "nachrichtlich": printed for information, never part of a sum. */
  readonly memo?: boolean;
  /**
   * `in` Ertrag/Einzahlung, `out` Aufwand/Auszahlung, `net` a balance. Plans printed with Aufwendungen as
   * positive numbers are compared after negating their `out` lines.
   */
  readonly flow?: 'in' | 'out' | 'net';
  /**
   * The line that is the Jahresergebnis of the whole budget (Gesamtergebnisplan) or a Teilplan's share of it
   * (before internal cost allocation, which nets to zero over the budget). Amendments are measured by it.
   */
  readonly jahresergebnis?: boolean;
}

export interface LineSchema {
  readonly id: string;
  readonly plan: PlanType;
  readonly title: string;
  /** Two-letter code of the Land whose Muster it is (`LAENDER`); `*` or '' for a schema of no particular Land. */
  readonly land: string;
  readonly validFrom: string;
  readonly validTo?: string;
  readonly source: string;
  readonly columns: readonly ColumnKind[];
  readonly lines: readonly SchemaLine[];
}

export interface Rollup {
  readonly from: string;
  readonly to: string;
  /** Teil line → Gesamt line. */
  readonly lines: Readonly<Record<string, string>>;
  /** Teil lines with no Gesamt line, and why. */
  readonly notRolled: Readonly<Record<string, string>>;
}

function asSchema(raw: unknown): LineSchema {
  const s = raw as LineSchema;
  const known = new Set(s.lines.map((l) => l.line));
  for (const l of s.lines) {
    for (const term of l.sum ?? []) {
      const ref = term.replace(/^-/, '');
      if (!known.has(ref)) throw new Error(`schema ${s.id}: line ${l.line} sums unknown line ${ref}`);
    }
  }
  return s;
}

/** All schemas shipped with Haushalt, newest first within a plan type (ties in matching go to the first). */
export const SCHEMAS: readonly LineSchema[] = Object.freeze(SCHEMA_DATA.map(asSchema));

function asRollups(raw: unknown): readonly Rollup[] {
  const list = (raw as { rollups: Rollup[] }).rollups;
  for (const r of list) {
    if (!SCHEMAS.some((s) => s.id === r.from) || !SCHEMAS.some((s) => s.id === r.to)) {
      throw new Error(`rollup ${r.from} → ${r.to}: unknown schema`);
    }
  }
  return list;
}

export const ROLLUPS: readonly Rollup[] = Object.freeze(ROLLUP_DATA.flatMap(asRollups));

/** The Länder by their two-letter codes (ISO 3166-2:DE without the prefix), as schemas name them. */
export const LAENDER: Readonly<Record<string, string>> = {
  BW: 'Baden-Württemberg',
  BY: 'Bayern',
  BE: 'Berlin',
  BB: 'Brandenburg',
  HB: 'Bremen',
  HH: 'Hamburg',
  HE: 'Hessen',
  MV: 'Mecklenburg-Vorpommern',
  NI: 'Niedersachsen',
  NW: 'Nordrhein-Westfalen',
  RP: 'Rheinland-Pfalz',
  SL: 'Saarland',
  SN: 'Sachsen',
  ST: 'Sachsen-Anhalt',
  SH: 'Schleswig-Holstein',
  TH: 'Thüringen',
};

/** The Land's name for a code, the code itself when unknown. */
export function landName(code: string): string {
  return LAENDER[code] ?? code;
}

export function schemaById(id: string): LineSchema | undefined {
  return SCHEMAS.find((s) => s.id === id);
}

export function schemaLine(schema: LineSchema, line: string): SchemaLine | undefined {
  return schema.lines.find((l) => l.line === line);
}

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
 * over): what is worked out from a label alone is remembered, up to `REMEMBERED` labels per kind.
 */
function remembered<T>(cache: Map<string, T>, key: string, make: (key: string) => T, limit = REMEMBERED): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    if (cache.size < limit) cache.set(key, value);
  }
  return value;
}

const REMEMBERED = 10_000;
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
function normalExpanded(label: string): string {
  return remembered(normalExpandedCache, label, (l) => normalizeLabel(expandAbbreviations(l)));
}

/** A schema line's label and aliases, expanded and normalised: what printed labels are compared with. */
function candidatesOf(line: SchemaLine): readonly string[] {
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

/** True when the schema is in force for a budget of that year (validFrom/validTo are ISO dates). */
export function schemaValidFor(schema: LineSchema, year: number | undefined): boolean {
  if (year === undefined) return true;
  const from = Number(schema.validFrom.slice(0, 4));
  const to = schema.validTo === undefined ? Infinity : Number(schema.validTo.slice(0, 4));
  return year >= from && year <= to;
}

/**
 * What a printed label says without its print decoration: the operator in front ("+ ", "- ", "= ", "+ / - ",
 * "./. ") and a formula hint at the end ("(= Zeilen 18 und 21)", "(=Zeilen 10 / 17)", "(Summe aus Nrn. 1 bis
 * 10)", "(1 bis 9)"). Parentheses that name something ("(ordentliches Ergebnis)") stay.
 */
export function stripPrintDecoration(label: string): string {
  let out = label.trim().replace(/^(?:\+\s*\/\s*-|\.\/\.|[-+=–])\s*/u, '');
  for (;;) {
    const m = /\s*\(([^()]*)\)\s*$/u.exec(out);
    if (!m || !/\d/u.test(m[1]!) || !FORMULA_HINT.test(m[1]!.trim())) break;
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

/** A printed line as the importers see it: its number (or key) and its label ('' when printed without one). */
export interface PrintedLine {
  readonly line: string;
  readonly label: string;
}

/**
 * How well printed lines fit a schema: +2 per exact label, +1 per misprint, −1 per other label, −2 per line
 * number the schema does not have; lines printed without a label count by their number only.
 */
export function scoreSchema(schema: LineSchema, printed: readonly PrintedLine[]): number {
  let score = 0;
  for (const p of printed) {
    const sl = schemaLine(schema, p.line);
    if (!sl) {
      score -= 2;
      continue;
    }
    if (p.label === '') continue;
    const m = matchLabel(p.label, sl);
    score += m.kind === 'exact' ? 2 : m.kind === 'misprint' ? 1 : -1;
  }
  return score;
}

/** A printed line whose label does not fit the schema's line of that number. */
export interface LabelDisagreement {
  readonly line: string;
  readonly printed: string;
  /** The schema's label for that number; absent when the schema has no such line. */
  readonly expected?: string;
  /** Another line of the same schema the printed label belongs to (its label or an alias, exact or misprinted). */
  readonly belongsTo?: string;
}

/** How printed lines fit one schema, and whether that is enough to read them with it. */
export interface SchemaFit {
  readonly schema: LineSchema;
  readonly score: number;
  /** Printed lines with a label. */
  readonly labelled: number;
  /** Of those, the ones whose label is the schema's (exactly, as an alias or misprinted) for their number. */
  readonly agreeing: number;
  readonly disagreeing: readonly LabelDisagreement[];
  readonly fits: boolean;
}

/**
 * The share of labelled lines that must carry their schema line's label (exactly, as an alias or misprinted);
 * one disagreeing line is always tolerated (a plan of two lines with one odd wording). Below it, the numbers
 * may fit but the meaning does not: a Hessian plan read with the NRW schema agrees on 3 of 28 lines (Personal-,
 * Versorgungs-, Sach- und Dienstleistungsaufwendungen).
 */
export const FIT_SHARE = 0.75;

/**
 * True when a printed label begins with the line's full label and goes on: the labels of several lines merged
 * into one cell ("Einzahlungen aus Zuwendungen für Investitionsmaßnahmen + aus der Veräußerung …"). Only for
 * labels long enough not to be the start of another line's ("Ergebnis" is not).
 */
function continuesLabel(printed: string, line: SchemaLine): boolean {
  const p = normalExpanded(stripPrintDecoration(printed));
  return candidatesOf(line).some((n) => n.length >= MIN_CONTINUED && p.length > n.length && p.startsWith(n));
}

const MIN_CONTINUED = 20;

function otherLineFor(
  schema: LineSchema,
  own: SchemaLine | undefined,
  label: string,
): SchemaLine | undefined {
  let misprinted: SchemaLine | undefined;
  for (const l of schema.lines) {
    if (l === own) continue;
    const m = matchLabel(label, l);
    if (m.kind === 'exact') return l;
    if (m.kind === 'misprint' && !misprinted) misprinted = l;
  }
  return misprinted;
}

/**
 * How printed lines fit a schema. A schema fits when at least `FIT_SHARE` of the labelled lines carry its label
 * for their number (at least all but one) and no printed label belongs to another of its lines (a label printed under another number
 * means another numbering: SH's "22 Jahresergebnis" is not NRW's line 22, whose Jahresergebnis is line 26).
 * Lines printed without any label (tidy CSV) fit by their numbers alone.
 */
export function fitSchema(schema: LineSchema, printed: readonly PrintedLine[]): SchemaFit {
  let labelled = 0;
  let agreeing = 0;
  const disagreeing: LabelDisagreement[] = [];
  for (const p of printed) {
    if (p.label.trim() === '') continue;
    labelled++;
    const own = schemaLine(schema, p.line);
    const m = own ? matchLabel(p.label, own) : undefined;
    if (m?.kind === 'exact' || (own && continuesLabel(p.label, own))) {
      agreeing++;
      continue;
    }
    const other = otherLineFor(schema, own, p.label);
    if (m?.kind === 'misprint' && (!other || matchLabel(p.label, other).kind !== 'exact')) {
      agreeing++;
      continue;
    }
    disagreeing.push({
      line: p.line,
      printed: p.label,
      ...(own ? { expected: own.label } : {}),
      ...(other ? { belongsTo: other.line } : {}),
    });
  }
  const displaced = disagreeing.some((d) => d.belongsTo !== undefined);
  const tolerated = Math.max(1, Math.floor((1 - FIT_SHARE) * labelled));
  const fits = labelled === 0 || (disagreeing.length <= tolerated && !displaced);
  return { schema, score: scoreSchema(schema, printed), labelled, agreeing, disagreeing, fits };
}

/** Why no schema was chosen: the closest one and the printed lines that disagree with it. */
export interface SchemaRefusal {
  readonly closest?: LineSchema;
  readonly disagreeing: readonly LabelDisagreement[];
  /** German, for the import error. */
  readonly message: string;
}

export type SchemaSelection = { readonly schema: LineSchema } | { readonly refusal: SchemaRefusal };

/** The chosen schema of a selection, undefined for a refusal. */
export function selectedSchema(selection: SchemaSelection): LineSchema | undefined {
  return 'schema' in selection ? selection.schema : undefined;
}

const PLAN_NAMES: Readonly<Record<PlanType, string>> = {
  teilergebnisplan: 'Teilergebnisplan',
  teilfinanzplan: 'Teilfinanzplan',
  gesamtergebnisplan: 'Gesamtergebnisplan',
  gesamtfinanzplan: 'Gesamtfinanzplan',
};

/** How many disagreeing lines a refusal names one by one. */
const NAMED_DISAGREEMENTS = 6;

function describeDisagreement(d: LabelDisagreement): string {
  const own = d.expected === undefined ? 'dort keine solche Zeile' : `dort „${d.expected}“`;
  const other = d.belongsTo === undefined ? '' : `; die Bezeichnung gehört dort zu Zeile ${d.belongsTo}`;
  return `Zeile ${d.line} „${d.printed}“ (${own}${other})`;
}

function refusalMessage(
  types: readonly PlanType[],
  fit: SchemaFit | undefined,
  candidates: readonly LineSchema[],
): string {
  const what = types.map((t) => PLAN_NAMES[t]).join(' oder ');
  if (!fit) return `Kein Zeilenschema für ${what} bekannt`;
  const s = fit.schema;
  const named = fit.disagreeing.slice(0, NAMED_DISAGREEMENTS).map(describeDisagreement);
  const more = fit.disagreeing.length - named.length;
  return (
    `Die gedruckten Zeilen passen zu keinem bekannten Zeilenschema (${what}): am nächsten kommt ` +
    `„${s.title}“ (${s.id}, ${landName(s.land)}), doch ${fit.disagreeing.length} von ${fit.labelled} ` +
    `Zeilen weichen ab: ${named.join(', ')}${more > 0 ? ` und ${more} weitere` : ''}. ` +
    `Die Werte werden nicht auf Zeilen anderer Bedeutung gelesen (erwartet: ein Plan nach dem Muster eines ` +
    `bekannten Landes; unterstützt: ${[...new Set(candidates.filter((x) => LAENDER[x.land]).map((x) => landName(x.land)))].join(', ')})`
  );
}

/**
 * Picks the schema for a printed plan among `candidates` (default: all shipped) of the plan type(s) in force in
 * the budget year: of those that fit (`fitSchema`), the one whose labels match best (ties: the first listed).
 * When none fits, a refusal names the closest schema (most agreeing labels, then score) and the lines that
 * disagree with it: numbers that fit one schema and labels another are never read with the wrong meaning.
 */
export function selectSchema(
  plan: PlanType | readonly PlanType[],
  printed: readonly PrintedLine[],
  year?: number,
  candidates: readonly LineSchema[] = SCHEMAS,
): SchemaSelection {
  if (candidates !== SCHEMAS) return fitBest(plan, printed, year, candidates);
  // the plans of one budget print the same lines with the same labels: their selection is the same
  const key = `${String(plan)}\u0001${year ?? ''}\u0001${printed.map((p) => `${p.line}\u0002${p.label}`).join('\u0003')}`;
  return remembered(selectionCache, key, () => fitBest(plan, printed, year, candidates), 1_000);
}

const selectionCache = new Map<string, SchemaSelection>();

function fitBest(
  plan: PlanType | readonly PlanType[],
  printed: readonly PrintedLine[],
  year: number | undefined,
  candidates: readonly LineSchema[],
): SchemaSelection {
  const types: readonly PlanType[] = typeof plan === 'string' ? [plan] : plan;
  let best: SchemaFit | undefined;
  let closest: SchemaFit | undefined;
  for (const schema of candidates) {
    if (!types.includes(schema.plan) || !schemaValidFor(schema, year)) continue;
    const fit = fitSchema(schema, printed);
    if (fit.fits && (!best || fit.score > best.score)) best = fit;
    if (
      !closest ||
      fit.agreeing > closest.agreeing ||
      (fit.agreeing === closest.agreeing && fit.score > closest.score)
    )
      closest = fit;
  }
  if (best) return { schema: best.schema };
  return {
    refusal: {
      ...(closest ? { closest: closest.schema } : {}),
      disagreeing: closest?.disagreeing ?? [],
      message: refusalMessage(types, closest, candidates),
    },
  };
}

/** Finds the schema line a label belongs to, for rows printed without a line number. */
export function lineByLabel(schema: LineSchema, label: string): SchemaLine | undefined {
  const exact = schema.lines.find((l) => matchLabel(label, l).kind === 'exact');
  return exact ?? schema.lines.find((l) => matchLabel(label, l).kind === 'misprint');
}
