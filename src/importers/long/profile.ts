/**
 * Profiles for long tables (`"kind": "long"`, see data/profiles): what the import cannot tell from a file
 * itself. Every field is optional; whatever a profile leaves out is recognised as without one. Columns are named
 * by regular expressions over the header (case-insensitive, whole header).
 */
import type { ColumnKind } from '../../core/model.js';
import type { DecimalMark } from './numbers.js';
import type { Direction, KindClass } from './vocabulary.js';

export interface LongLevelColumns {
  readonly code?: string;
  readonly name?: string;
}

export interface LongProfile {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly kind: 'long';
  readonly columns?: {
    readonly amount?: string;
    readonly year?: string;
    /** Plan/Ist, Ansatz/Planung/Ergebnis, … */
    readonly kind?: string;
    /** Ertrag/Aufwand, revenue/expenditure, … */
    readonly direction?: string;
    readonly produktbereich?: LongLevelColumns;
    readonly produktgruppe?: LongLevelColumns;
    readonly produkt?: LongLevelColumns;
    /** The plan line's number ("01", or "01 - Steuern und ähnliche Abgaben"). */
    readonly line?: string;
    /** The plan line's label, matched against the line schemas of the Land. */
    readonly lineLabel?: string;
    /** The account, mapped to a plan line through the Land's Kontenrahmen. */
    readonly account?: string;
  };
  /** Decimal mark of the amounts, where the values do not show it (`1.234` only). */
  readonly decimal?: DecimalMark;
  /** The Land (NW, BB, HE, BW, …): chooses the line schemas and the Kontenrahmen. */
  readonly land?: string;
  /** The years of the budget: "Plan" is an Ansatz up to the last of them and a Planung after it. */
  readonly budgetYears?: readonly number[];
  /** What the values of the kind column mean, for words the import does not know or reads otherwise. */
  readonly kinds?: Readonly<Record<string, KindClass | 'ignore'>>;
  /** The kind of every amount when the file has no kind column (default: Ansatz, with a warning). */
  readonly defaultKind?: Exclude<ColumnKind, 'bisher' | 'gesamt' | 've'>;
  /** What the values of the direction column mean, for words the import does not know. */
  readonly directions?: Readonly<Record<string, Direction>>;
  /**
   * Signs when there is no direction column: `printed` (the default) takes amounts as the plan prints them,
   * `sap` turns SAP's convention (Erträge negative) into the printed one.
   */
  readonly signs?: 'printed' | 'sap';
  /** The year of every amount when the file has no year column. */
  readonly year?: number;
}

export function isLongProfile(p: unknown): p is LongProfile {
  return typeof p === 'object' && p !== null && (p as { kind?: unknown }).kind === 'long';
}

const KIND_CLASSES: readonly string[] = ['ergebnis', 'ansatz', 'plan', 'planung', 've', 'derived', 'ignore'];

/** What is wrong with a long profile (German), or undefined. */
export function longProfileProblem(p: LongProfile): string | undefined {
  const patterns: string[] = [];
  const c = p.columns ?? {};
  for (const v of [c.amount, c.year, c.kind, c.direction, c.line, c.lineLabel, c.account])
    if (v) patterns.push(v);
  for (const l of [c.produktbereich, c.produktgruppe, c.produkt]) {
    if (l?.code) patterns.push(l.code);
    if (l?.name) patterns.push(l.name);
  }
  for (const pattern of patterns) {
    try {
      new RegExp(pattern, 'iu');
    } catch {
      return `Muster „${pattern}“ in columns ist kein gültiger regulärer Ausdruck`;
    }
  }
  if (p.decimal !== undefined && p.decimal !== ',' && p.decimal !== '.')
    return `„decimal“ muss "," oder "." sein, nicht „${String(p.decimal)}“`;
  for (const [word, kind] of Object.entries(p.kinds ?? {}))
    if (!KIND_CLASSES.includes(kind))
      return `kinds: „${word}“ → „${kind}“ unbekannt (erwartet: ${KIND_CLASSES.join(', ')})`;
  for (const [word, d] of Object.entries(p.directions ?? {}))
    if (d !== 'in' && d !== 'out') return `directions: „${word}“ → „${String(d)}“ (erwartet: in oder out)`;
  if (p.budgetYears && !p.budgetYears.every((y) => Number.isInteger(y)))
    return '„budgetYears“ muss eine Liste von Jahreszahlen sein';
  return undefined;
}
