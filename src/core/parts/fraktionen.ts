/**
 * The Übersicht über die Zuwendungen an die Fraktionen (§ 56 Abs. 3 GO NRW: the Zuwendungen to the Fraktionen
 * are shown in a special Anlage to the Haushaltsplan; `data/parts/fraktionen.json`): one row per Fraktion (and
 * Gruppe, Einzelmitglied), a column per kind of Leistung (Geld-, Sach-, Personalleistungen) and year as the
 * Anlage prints them, a total column where it prints one, and a sum row. The amounts are the council's decision,
 * in no plan line of their own: the part is imported, not derived, and its sums are checked
 * (`check/rules/parts-fraktionen.ts`): each row's total column against its other columns of the year, the sum
 * row against the rows. Amounts positive, as printed. Pure.
 */
import fraktionenData from '../../../data/parts/fraktionen.json' with { type: 'json' };
import type { Source } from '../model.js';
import type { PartAmount } from './amounts.js';

export interface FraktionenSpec {
  readonly id: string;
  readonly title: string;
  readonly sources: readonly string[];
  readonly title_words: readonly string[];
  readonly sum: readonly string[];
  readonly kinds: readonly {
    readonly id: string;
    readonly label: string;
    readonly words: readonly string[];
  }[];
}

export const FRAKTIONEN_SPEC: FraktionenSpec = Object.freeze(fraktionenData as FraktionenSpec);

export interface FraktionenColumn {
  /** Unique within the part: `c1`, `c2`, … in print order. */
  readonly id: string;
  /** The header as printed. */
  readonly label: string;
  readonly year?: number;
  /** The column totals the other columns of its year. */
  readonly total?: true;
}

export interface FraktionenRow {
  readonly name: string;
  readonly amounts: Readonly<Record<string, PartAmount>>;
  readonly source?: Source;
}

export interface Fraktionen {
  /** The latest year the columns name (the budget year), if any. */
  readonly year?: number;
  readonly columns: readonly FraktionenColumn[];
  readonly rows: readonly FraktionenRow[];
  readonly sum?: FraktionenRow;
  readonly source?: Source;
}

/** The columns a total column sums: the other columns of its year (all others where no year is printed). */
export function summedColumns(f: Fraktionen, total: FraktionenColumn): FraktionenColumn[] {
  return f.columns.filter((c) => !c.total && c.year === total.year);
}
