/**
 * The line schemas shipped with Haushalt (`data/schemas/*.json`, listed in `schema-registry.ts`): their shape,
 * loaded and checked once (a sum naming an unknown line, a roll-up naming an unknown schema is a defect of the
 * data), looked up by id and line, judged in force for a year; and the Länder whose Muster they are.
 */
import type { ColumnKind, PlanType } from './model.js';
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

/** True when the schema is in force for a budget of that year (validFrom/validTo are ISO dates). */
export function schemaValidFor(schema: LineSchema, year: number | undefined): boolean {
  if (year === undefined) return true;
  const from = Number(schema.validFrom.slice(0, 4));
  const to = schema.validTo === undefined ? Infinity : Number(schema.validTo.slice(0, 4));
  return year >= from && year <= to;
}
