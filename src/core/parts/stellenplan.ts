/**
 * The Stellenplan (§ 8 KomHVO NRW) and the Stellenübersicht: posts in full-time equivalents by category
 * (Beamte, tariflich Beschäftigte, Gesamt) and year, per row — an organisational unit or Produktgruppe with
 * its Produktbereich sums and the total (the Stellenübersicht), or a Besoldungs-/Entgeltgruppe with the sums
 * of Beamte and Beschäftigte (the Stellenplan proper). Posts are kept exactly, in thousandths of a post
 * (`6,75` → 6750), so every sum is checked to the digit. Here: the model, what the checks compare (Beamte +
 * Tarif = Gesamt per row and year, Produktgruppen to their Produktbereich, Produktbereiche and groups to the
 * total) and the changes between years. Categories, pay-group patterns and sum labels are data
 * (`data/parts/stellenplan.json`, naming the legal sources). Pure.
 */
import spec from '../../../data/parts/stellenplan.json' with { type: 'json' };
import type { Source } from '../model.js';
import { formatScaled } from '../money.js';

export type StellenCategory = 'beamte' | 'tarif' | 'gesamt';
export const STELLEN_CATEGORIES: readonly StellenCategory[] = ['beamte', 'tarif', 'gesamt'];

/**
 * What a row is: a Produktgruppe (or other unit below a Produktbereich), a Produktbereich sum, the total, a
 * Besoldungsgruppe (Beamte) or Entgeltgruppe (Beschäftigte), or the sum of one of those.
 */
export type StellenRole =
  | 'einheit'
  | 'produktbereich'
  | 'gesamt'
  | 'besoldungsgruppe'
  | 'entgeltgruppe'
  | 'summe-beamte'
  | 'summe-tarif';

export interface StellenValue {
  readonly category: StellenCategory;
  readonly year: number;
  /** Thousandths of a post. */
  readonly value: number;
  readonly source?: Source;
}

export interface StellenRow {
  readonly role: StellenRole;
  readonly code?: string;
  readonly name: string;
  readonly values: readonly StellenValue[];
  /**
   * The posts occupied ("davon besetzt am 30.06.2025"), where the table prints them: by category and the year
   * of the date, in thousandths of a post; `date` as printed. Not summed by the checks (a snapshot, not a plan).
   */
  readonly besetzt?: readonly (StellenValue & { readonly date?: string })[];
  readonly source?: Source;
}

export interface Stellenplan {
  readonly years: readonly number[];
  readonly rows: readonly StellenRow[];
  readonly source?: Source;
}

export const STELLENPLAN_SPEC = spec as unknown as {
  readonly id: string;
  readonly title: string;
  readonly sources: readonly string[];
  readonly categories: Readonly<Record<StellenCategory, { label: string; words: readonly string[] }>>;
  readonly groups: Readonly<Record<'beamte' | 'tarif', string>>;
  readonly totals: Readonly<Record<StellenCategory, readonly string[]>>;
};

export const CATEGORY_LABEL: Readonly<Record<StellenCategory, string>> = {
  beamte: STELLENPLAN_SPEC.categories.beamte.label,
  tarif: STELLENPLAN_SPEC.categories.tarif.label,
  gesamt: STELLENPLAN_SPEC.categories.gesamt.label,
};

/** Posts as printed the German way with two decimals (three where the third is not 0): `6,75`, `1.255,27`. */
export function formatStellen(thousandths: number): string {
  return thousandths % 10 === 0 ? formatScaled(thousandths / 10, 2) : formatScaled(thousandths, 3);
}

/** A row's value in a column, if printed. */
export function valueOf(row: StellenRow, category: StellenCategory, year: number): StellenValue | undefined {
  return row.values.find((v) => v.category === category && v.year === year);
}

/** A sum that does not hold: the printed value and the sum of its parts, in thousandths of a post. */
export interface StellenDifference {
  readonly row: StellenRow;
  readonly category: StellenCategory;
  readonly year: number;
  readonly printed: StellenValue;
  readonly computed: number;
  /** German: what the sum is of ("Beamte + Tarif", "Summe der Produktgruppen 0102 … 0116"). */
  readonly relation: string;
}

function sumOf(rows: readonly StellenRow[], category: StellenCategory, year: number): number | undefined {
  let s = 0;
  let any = false;
  for (const r of rows) {
    const v = valueOf(r, category, year);
    if (v) {
      s += v.value;
      any = true;
    }
  }
  return any ? s : undefined;
}

/** The sum over rows of each row's one value of the year (Gesamt, else Beamte or Tarif). */
function sumOfAny(rows: readonly StellenRow[], year: number): number | undefined {
  let s = 0;
  let any = false;
  for (const r of rows) {
    const v = valueOf(r, 'gesamt', year) ?? valueOf(r, 'beamte', year) ?? valueOf(r, 'tarif', year);
    if (v) {
      s += v.value;
      any = true;
    }
  }
  return any ? s : undefined;
}

function codeList(rows: readonly StellenRow[]): string {
  const names = rows.map((r) => r.code ?? r.name);
  return names.length <= 3 ? names.join(', ') : `${names[0]!} … ${names.at(-1)!} (${rows.length} Zeilen)`;
}

/** The parts each sum row adds up: its children by code, or by position (the rows since the previous sum). */
export function stellenParts(plan: Stellenplan): Map<StellenRow, { rows: StellenRow[]; what: string }> {
  const out = new Map<StellenRow, { rows: StellenRow[]; what: string }>();
  const units = plan.rows.filter((r) => r.role === 'einheit');
  const bereiche = plan.rows.filter((r) => r.role === 'produktbereich');
  for (const b of bereiche) {
    const byCode = b.code ? units.filter((u) => u.code !== undefined && u.code.startsWith(b.code!)) : [];
    const rows = byCode.length > 0 ? byCode : unitsBefore(plan.rows, b);
    if (rows.length > 0) out.set(b, { rows, what: `Summe der Einheiten ${codeList(rows)}` });
  }
  const besoldung = plan.rows.filter((r) => r.role === 'besoldungsgruppe');
  const entgelt = plan.rows.filter((r) => r.role === 'entgeltgruppe');
  const sumB = plan.rows.filter((r) => r.role === 'summe-beamte');
  const sumT = plan.rows.filter((r) => r.role === 'summe-tarif');
  if (sumB.length === 1 && besoldung.length > 0)
    out.set(sumB[0]!, { rows: besoldung, what: `Summe der Besoldungsgruppen ${codeList(besoldung)}` });
  if (sumT.length === 1 && entgelt.length > 0)
    out.set(sumT[0]!, { rows: entgelt, what: `Summe der Entgeltgruppen ${codeList(entgelt)}` });
  for (const total of plan.rows.filter((r) => r.role === 'gesamt')) {
    const rows =
      bereiche.length > 0
        ? bereiche
        : sumB.length + sumT.length > 0
          ? [...sumB, ...sumT]
          : besoldung.length + entgelt.length > 0
            ? [...besoldung, ...entgelt]
            : units;
    if (rows.length > 0) out.set(total, { rows, what: `Summe von ${codeList(rows)}` });
  }
  return out;
}

/** The unit rows printed directly above a sum row, back to the previous sum row. */
function unitsBefore(rows: readonly StellenRow[], sum: StellenRow): StellenRow[] {
  const i = rows.indexOf(sum);
  const out: StellenRow[] = [];
  for (let j = i - 1; j >= 0 && rows[j]!.role === 'einheit'; j--) out.unshift(rows[j]!);
  return out;
}

/** Every sum of the Stellenplan that does not hold, exactly. */
export function stellenDifferences(plan: Stellenplan): StellenDifference[] {
  const out: StellenDifference[] = [];
  for (const row of plan.rows) {
    for (const year of plan.years) {
      const b = valueOf(row, 'beamte', year);
      const t = valueOf(row, 'tarif', year);
      const g = valueOf(row, 'gesamt', year);
      if (b && t && g && b.value + t.value !== g.value)
        out.push({
          row,
          category: 'gesamt',
          year,
          printed: g,
          computed: b.value + t.value,
          relation: 'Beamte + Tarif',
        });
    }
  }
  for (const [row, parts] of stellenParts(plan)) {
    // pay groups and their sums hold one category each (Beamte or Tarif): the total adds whichever they hold
    const mixed = parts.rows.some((r) => r.role !== 'einheit' && r.role !== 'produktbereich');
    for (const year of plan.years) {
      for (const category of STELLEN_CATEGORIES) {
        const printed = valueOf(row, category, year);
        const computed =
          mixed && category === 'gesamt' ? sumOfAny(parts.rows, year) : sumOf(parts.rows, category, year);
        if (printed && computed !== undefined && printed.value !== computed)
          out.push({ row, category, year, printed, computed, relation: parts.what });
      }
    }
  }
  return out;
}

/** One row's change between two years. */
export interface StellenChange {
  readonly row: StellenRow;
  readonly category: StellenCategory;
  readonly from: number;
  readonly to: number;
  /** Thousandths of a post: to − from. */
  readonly before: number;
  readonly after: number;
}

/** The changes between consecutive years, per row and category (only those that change). */
export function stellenChanges(plan: Stellenplan): StellenChange[] {
  const years = [...plan.years].sort((a, b) => a - b);
  const out: StellenChange[] = [];
  for (let i = 0; i + 1 < years.length; i++) {
    const from = years[i]!;
    const to = years[i + 1]!;
    for (const row of plan.rows)
      for (const category of STELLEN_CATEGORIES) {
        const a = valueOf(row, category, from);
        const b = valueOf(row, category, to);
        if (a && b && a.value !== b.value)
          out.push({ row, category, from, to, before: a.value, after: b.value });
      }
  }
  return out;
}

/** The total row's value (else the sum of the Produktbereiche or groups), for summaries. */
export function stellenTotal(plan: Stellenplan, category: StellenCategory, year: number): number | undefined {
  const total = plan.rows.find((r) => r.role === 'gesamt');
  return total ? valueOf(total, category, year)?.value : undefined;
}
