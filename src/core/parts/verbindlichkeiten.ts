/**
 * The Übersicht über den voraussichtlichen Stand der Verbindlichkeiten (§ 1 Abs. 2 KomHVO NRW, the Muster of
 * the VV Muster zur GO NRW und KomHVO NRW; `data/parts/verbindlichkeiten.json`): per kind of Verbindlichkeit as
 * the Bilanz orders them (Anleihen, Kredite für Investitionen, Kredite zur Liquiditätssicherung, …) the Stand at
 * the start of the previous year, at the start and at the end of the budget year, and their sum. The Stände
 * come from the balance sheets, which the plans do not hold: the part is imported, not derived. Where it
 * overlaps the Gesamtfinanzplan it is checked against it (`check/rules/parts-verbindlichkeiten.ts`): the
 * Investitionskredite at the end of the year are those at its start plus the Aufnahme (line 33) minus the
 * Tilgung (line 35) of the budget year. Amounts positive, as printed. Pure.
 */
import verbData from '../../../data/parts/verbindlichkeiten.json' with { type: 'json' };
import type { Source } from '../model.js';
import type { PartAmount } from './amounts.js';
import { normaliseLabel } from './ruecklagen.js';

export type StandId = 'vorjahr' | 'beginn' | 'ende';
export const STAENDE: readonly StandId[] = ['vorjahr', 'beginn', 'ende'];

export interface VerbindlichkeitenRowSpec {
  readonly id: string;
  readonly label: string;
  readonly all?: readonly string[];
  readonly any?: readonly string[];
  /** The Gesamtfinanzplan lines of the year's Aufnahme and Tilgung, where the plan has them. */
  readonly aufnahme?: string;
  readonly tilgung?: string;
}

export interface VerbindlichkeitenSpec {
  readonly id: string;
  readonly title: string;
  readonly sources: readonly string[];
  readonly columns: readonly {
    readonly id: StandId;
    readonly label: string;
    /** The year relative to the budget year. */
    readonly offset: number;
    readonly at: 'beginn' | 'ende';
  }[];
  readonly rows: readonly VerbindlichkeitenRowSpec[];
  readonly sum: readonly string[];
}

export const VERBINDLICHKEITEN_SPEC: VerbindlichkeitenSpec = Object.freeze(verbData as VerbindlichkeitenSpec);

export interface VerbindlichkeitenRow {
  /** The kind recognised (`data/parts/verbindlichkeiten.json`); absent for a row of another kind. */
  readonly id?: string;
  readonly label: string;
  readonly amounts: Readonly<Partial<Record<StandId, PartAmount>>>;
  readonly source?: Source;
}

export interface Verbindlichkeiten {
  readonly year: number;
  readonly columns: readonly StandId[];
  readonly rows: readonly VerbindlichkeitenRow[];
  readonly sum?: VerbindlichkeitenRow;
  readonly source?: Source;
}

/** The kind of Verbindlichkeit a label names, if one of the Muster's. */
export function recogniseVerbindlichkeit(label: string): VerbindlichkeitenRowSpec | undefined {
  const t = normaliseLabel(label);
  return VERBINDLICHKEITEN_SPEC.rows.find(
    (r) => (r.all ?? []).every((w) => t.includes(w)) && (!r.any || r.any.some((w) => t.includes(w))),
  );
}

/** Whether a label is the sum row's. */
export function isVerbindlichkeitenSum(label: string): boolean {
  const t = normaliseLabel(label);
  return VERBINDLICHKEITEN_SPEC.sum.some((w) => t === w || t.startsWith(`${w} `) || t.includes(w));
}

/** The date a Stand stands for: "01.01.2025", "31.12.2026". */
export function standDate(id: StandId, year: number): string {
  const c = VERBINDLICHKEITEN_SPEC.columns.find((x) => x.id === id)!;
  const y = year + c.offset;
  return c.at === 'beginn' ? `01.01.${y}` : `31.12.${y}`;
}
