/**
 * Line schemas as data: which numbered lines a plan has, their canonical labels, and which lines are sums of
 * others. Schemas live in `data/schemas/*.json` (one file per plan form, Land and validity); adding a Land or an
 * older numbering means adding a file there and listing it in `SCHEMAS`, not writing code.
 */
import type { ColumnKind, PlanType } from './model.js';
import teilergebnisplan from '../../data/schemas/nrw-2019-teilergebnisplan.json' with { type: 'json' };
import teilfinanzplan from '../../data/schemas/nrw-2019-teilfinanzplan.json' with { type: 'json' };
import gesamtergebnisplan from '../../data/schemas/nrw-2019-gesamtergebnisplan.json' with { type: 'json' };
import gesamtfinanzplan from '../../data/schemas/nrw-2019-gesamtfinanzplan.json' with { type: 'json' };
import rollup from '../../data/schemas/nrw-2019-rollup.json' with { type: 'json' };
import koelnRollup from '../../data/schemas/koeln-2008-rollup.json' with { type: 'json' };
import abbreviations from '../../data/schemas/abbreviations.json' with { type: 'json' };
import koelnTeilergebnisplan from '../../data/schemas/koeln-2008-teilergebnisplan.json' with { type: 'json' };
import investitionsteil from '../../data/schemas/nrw-teilfinanzplan-investitionen.json' with { type: 'json' };
import koelnGesamtergebnisplan from '../../data/schemas/koeln-2008-gesamtergebnisplan.json' with { type: 'json' };
import koelnGesamtfinanzplan from '../../data/schemas/koeln-2008-gesamtfinanzplan.json' with { type: 'json' };

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
export const SCHEMAS: readonly LineSchema[] = Object.freeze(
  [
    teilergebnisplan,
    teilfinanzplan,
    gesamtergebnisplan,
    gesamtfinanzplan,
    koelnTeilergebnisplan,
    investitionsteil,
    koelnGesamtergebnisplan,
    koelnGesamtfinanzplan,
  ].map(asSchema),
);

function asRollups(raw: unknown): readonly Rollup[] {
  const list = (raw as { rollups: Rollup[] }).rollups;
  for (const r of list) {
    if (!SCHEMAS.some((s) => s.id === r.from) || !SCHEMAS.some((s) => s.id === r.to)) {
      throw new Error(`rollup ${r.from} → ${r.to}: unknown schema`);
    }
  }
  return list;
}

export const ROLLUPS: readonly Rollup[] = Object.freeze([...asRollups(rollup), ...asRollups(koelnRollup)]);

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

/** Abbreviations printed plans use ("lfd.", "allg.", "Investitionsmaß."), longest first. */
const ABBREVIATIONS: readonly (readonly [string, string])[] = Object.entries(
  abbreviations.abbreviations as Record<string, string>,
).sort((a, b) => b[0].length - a[0].length);

/** The label with its abbreviations written out. */
export function expandAbbreviations(label: string): string {
  let out = label;
  for (const [short, long] of ABBREVIATIONS) {
    if (!out.includes(short)) continue;
    if (short.length > 2) {
      out = out.split(short).join(`${long} `);
    } else {
      // very short ones ("v.") only as a word of their own
      const escaped = short.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
      out = out.replace(new RegExp(`(^|[\\s(])${escaped}`, 'gu'), `$1${long} `);
    }
  }
  return out;
}

/** True when the schema is in force for a budget of that year (validFrom/validTo are ISO dates). */
export function schemaValidFor(schema: LineSchema, year: number | undefined): boolean {
  if (year === undefined) return true;
  const from = Number(schema.validFrom.slice(0, 4));
  const to = schema.validTo === undefined ? Infinity : Number(schema.validTo.slice(0, 4));
  return year >= from && year <= to;
}

function computeMatch(printed: string, line: SchemaLine): LabelMatch {
  const p = normalizeLabel(expandAbbreviations(printed));
  const candidates = [line.label, ...(line.aliases ?? [])];
  let best = Infinity;
  for (const c of candidates) {
    const n = normalizeLabel(expandAbbreviations(c));
    if (n === p) return { kind: 'exact' };
    const max = Math.max(1, Math.floor(n.length / 12));
    best = Math.min(best, editDistance(p, n, max) <= max ? editDistance(p, n, max) : Infinity);
  }
  return best === Infinity
    ? { kind: 'different', canonical: line.label }
    : { kind: 'misprint', canonical: line.label, distance: best };
}

/**
 * How well printed lines fit a schema: +2 per exact label, +1 per misprint, −1 per other label, −2 per line
 * number the schema does not have; lines printed without a label count by their number only.
 */
export function scoreSchema(
  schema: LineSchema,
  printed: readonly { readonly line: string; readonly label: string }[],
): number {
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

/**
 * Picks the schema for a printed plan: among the schemas of the plan type(s) in force in the budget year, the
 * one whose labels match the printed lines best (ties: the first listed).
 */
export function selectSchema(
  plan: PlanType | readonly PlanType[],
  printed: readonly { readonly line: string; readonly label: string }[],
  year?: number,
): LineSchema | undefined {
  const types: readonly PlanType[] = typeof plan === 'string' ? [plan] : plan;
  let best: LineSchema | undefined;
  let bestScore = -Infinity;
  for (const schema of SCHEMAS) {
    if (!types.includes(schema.plan) || !schemaValidFor(schema, year)) continue;
    const score = scoreSchema(schema, printed);
    if (score > bestScore) {
      bestScore = score;
      best = schema;
    }
  }
  return best;
}

/** Finds the schema line a label belongs to, for rows printed without a line number. */
export function lineByLabel(schema: LineSchema, label: string): SchemaLine | undefined {
  const exact = schema.lines.find((l) => matchLabel(label, l).kind === 'exact');
  return exact ?? schema.lines.find((l) => matchLabel(label, l).kind === 'misprint');
}
