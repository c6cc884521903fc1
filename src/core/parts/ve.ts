/**
 * The overview of the Verpflichtungsermächtigungen (§ 85 GO NRW, § 12 KomHVO NRW; the VE column of the
 * Teilfinanzpläne, § 4 with § 3 KomHVO NRW): per Produktbereich the VE of the budget year and the years in which
 * the payments they authorise fall due. The VE column of a Teilfinanzplan (`ve` of the year, line 30 Auszahlungen
 * aus Investitionstätigkeit or the lines under it) gives each row's VE; the years of payment are printed only in
 * the overview itself, so a derived overview has the VE and no years, and an imported one is checked: its rows
 * against the VE columns, each row's years against its VE, its sum against the rows and against the Satzung's
 * Gesamtbetrag der Verpflichtungsermächtigungen. Amounts positive, as printed. Pure.
 */
import { topNodes } from '../hierarchy.js';
import { planOf, type Budget, type BudgetNode, type Source } from '../model.js';
import { fromSum, gesamtSum, planSum, type PartAmount, type PlanSum } from './amounts.js';

/** The Teilfinanzplan line whose VE column is the unit's VE (Auszahlungen aus Investitionstätigkeit). */
export const VE_LINES: readonly string[] = ['30'];

export interface VeRow {
  /** The Produktbereich's code as printed (the sum row: ''). */
  readonly code: string;
  readonly name: string;
  /** The VE of the budget year. */
  readonly ve?: PartAmount;
  /** The payments the VE authorise, by the year they fall due. */
  readonly faellig: Readonly<Record<string, PartAmount>>;
  readonly source?: Source;
}

export interface VeUebersicht {
  /** The budget year the VE belong to. */
  readonly year: number;
  /** The years of payment printed, in order. */
  readonly years: readonly number[];
  readonly rows: readonly VeRow[];
  readonly sum?: VeRow;
  readonly derived?: true;
  readonly source?: Source;
}

/** What a unit's Teilfinanzplan says its VE are (positive; undefined without a VE column of the year). */
export function veFromPlan(node: BudgetNode, year: number): PlanSum | undefined {
  const s = planSum(
    planOf(node, 'teilfinanzplan'),
    VE_LINES,
    { kind: 've', year },
    `VE-Spalte des Teilfinanzplans ${node.code} (Zeile ${VE_LINES.join(', ')})`,
  );
  return s && { ...s, amount: Math.abs(s.amount) };
}

/** The VE of the whole budget: the Gesamtfinanzplan's VE column, else the sum of the Teilfinanzpläne'. */
export function veOfBudget(budget: Budget, year: number): PlanSum | undefined {
  const s = gesamtSum(budget, 'gesamtfinanzplan', VE_LINES, { kind: 've', year }, VE_LINES);
  return s && { ...s, amount: Math.abs(s.amount) };
}

/** The overview of the budget year derived from the VE columns; undefined when no unit prints one. */
export function deriveVeUebersicht(budget: Budget, year = budget.year): VeUebersicht | undefined {
  if (year === undefined) return undefined;
  const rows: VeRow[] = [];
  for (const node of topNodes(budget)) {
    const v = veFromPlan(node, year);
    if (!v || v.unknown) continue;
    rows.push({ code: node.code, name: node.name, ve: fromSum(v), faellig: {} });
  }
  if (rows.length === 0) return undefined;
  const total = veOfBudget(budget, year);
  return {
    year,
    years: [],
    rows,
    ...(total && !total.unknown ? { sum: { code: '', name: 'Summe', ve: fromSum(total), faellig: {} } } : {}),
    derived: true,
  };
}
