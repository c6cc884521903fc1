/**
 * The Haushaltsquerschnitt (§ 1 Abs. 2 Nr. 3 KomHVO NRW): per Produktbereich (the top-level units) the totals of
 * its Teilergebnisplan and Teilfinanzplan for the budget year — Erträge, Aufwendungen, Ergebnis, Einzahlungen
 * and Auszahlungen aus laufender Verwaltungstätigkeit and aus Investitionstätigkeit, Verpflichtungsermächtigungen
 * — and a sum row equal to the Gesamtpläne. The columns are data (`data/parts/nrw-querschnitt.json`). Amounts in
 * the signed view (Aufwendungen and Auszahlungen negative), whatever the print. Derived here from the plans; a
 * printed one is imported (`src/importers/parts`) and checked against them (`check/rules/parts-querschnitt.ts`).
 * Pure.
 */
import { topNodes } from '../hierarchy.js';
import { planOf, type Budget, type BudgetNode, type Column, type Source } from '../model.js';
import { fromSum, gesamtSum, planSum, type PartAmount, type PlanSum } from './amounts.js';
import { QUERSCHNITT, querschnittColumn, type QuerschnittColumnSpec } from './spec.js';

export interface QuerschnittRow {
  /** The Produktbereich's code as printed (the sum row: ''). */
  readonly code: string;
  readonly name: string;
  /** By column id (`data/parts/nrw-querschnitt.json`), signed view. */
  readonly amounts: Readonly<Record<string, PartAmount>>;
  readonly source?: Source;
}

export interface Querschnitt {
  /** The Ansatz year of the amounts (the VE column: the VE of that year). */
  readonly year: number;
  /** The column ids printed, in print order. */
  readonly columns: readonly string[];
  readonly rows: readonly QuerschnittRow[];
  /** The printed sum row ("Summe", "Gesamt"), if any. */
  readonly sum?: QuerschnittRow;
  /** How the print showed Aufwendungen/Auszahlungen (the amounts here are always signed). */
  readonly signs?: 'negative' | 'positive';
  /** Derived from the plans (not printed). */
  readonly derived?: true;
  readonly source?: Source;
}

/** The plan column a Querschnitt column takes its amounts from. */
export function querschnittPlanColumn(spec: QuerschnittColumnSpec, year: number): Column {
  return { kind: spec.kind, year };
}

/** What a unit's Teilplan says a row's column is (undefined: the unit prints no such plan or column). */
export function rowFromPlans(
  node: BudgetNode,
  spec: QuerschnittColumnSpec,
  year: number,
): PlanSum | undefined {
  const plan = planOf(node, spec.plan);
  const name = spec.plan === 'teilergebnisplan' ? 'Teilergebnisplan' : 'Teilfinanzplan';
  const lines = spec.lines.length === 1 ? `Zeile ${spec.lines[0]!}` : `Zeilen ${spec.lines.join(', ')}`;
  return planSum(plan, spec.lines, querschnittPlanColumn(spec, year), `${name} ${node.code} (${lines})`);
}

/** What the Gesamtpläne say a column's sum is. */
export function sumFromGesamt(
  budget: Budget,
  spec: QuerschnittColumnSpec,
  year: number,
): PlanSum | undefined {
  const type = spec.plan === 'teilergebnisplan' ? 'gesamtergebnisplan' : 'gesamtfinanzplan';
  return gesamtSum(budget, type, spec.gesamt, querschnittPlanColumn(spec, year), spec.lines);
}

/** The Querschnitt of a budget's year, derived from its Teil- and Gesamtpläne; undefined without year or units. */
export function deriveQuerschnitt(budget: Budget, year = budget.year): Querschnitt | undefined {
  if (year === undefined) return undefined;
  const tops = topNodes(budget);
  if (tops.length === 0) return undefined;
  const columns = QUERSCHNITT.columns.filter((spec) =>
    tops.some((n) => rowFromPlans(n, spec, year) !== undefined),
  );
  // no column in the NRW form's lines (another Land's plans, or no Teilplan of the year): no Querschnitt
  if (columns.length === 0) return undefined;
  const rows = tops.map((node): QuerschnittRow => {
    const amounts: Record<string, PartAmount> = {};
    for (const spec of columns) {
      const v = rowFromPlans(node, spec, year);
      if (v && !v.unknown) amounts[spec.id] = fromSum(v);
    }
    return { code: node.code, name: node.name, amounts };
  });
  const sum: Record<string, PartAmount> = {};
  for (const spec of columns) {
    const v = sumFromGesamt(budget, spec, year);
    if (v && !v.unknown) sum[spec.id] = fromSum(v);
  }
  return {
    year,
    columns: columns.map((c) => c.id),
    rows,
    sum: { code: '', name: 'Summe', amounts: sum },
    derived: true,
  };
}

/** A column's spec by id (the importer and the checks know only printed ids). */
export function columnSpec(id: string): QuerschnittColumnSpec | undefined {
  return querschnittColumn(id);
}
