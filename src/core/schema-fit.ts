/**
 * Which schema printed lines are read with: how well they fit each schema (labels agreeing for their number,
 * none belonging to another line of it), the best that fits chosen among those in force, and otherwise a
 * refusal naming the closest schema and the lines that disagree — numbers that fit one schema and labels
 * another are never read with the wrong meaning.
 */
import type { PlanType } from './model.js';
import {
  LAENDER,
  landName,
  SCHEMAS,
  schemaLine,
  schemaValidFor,
  type LineSchema,
  type SchemaLine,
} from './schema-data.js';
import {
  candidatesOf,
  matchLabel,
  normalExpanded,
  remembered,
  stripPrintDecoration,
} from './schema-labels.js';

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
