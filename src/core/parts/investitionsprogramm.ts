/**
 * The Investitionsprogramm over the planning years (§ 84 GO NRW with § 4 Abs. 4 KomHVO NRW;
 * `data/parts/investitionsprogramm.json`): every investment measure of the Teilfinanzpläne with what was
 * provided before the budget year (`bisher`), its Ansatz of the budget year, its Planung of the following years
 * and its Gesamtausgabe, and the programme's total per column. Derived here from the investment tables of the
 * Teilfinanzpläne (each measure as its unit prints it); a printed one is imported (`src/importers/parts`) and
 * checked (`check/rules/parts-programm.ts`): each measure's years add up to its Gesamtausgabe, each cell equals
 * the measure's cell in its Teilfinanzplan, the total row equals its rows, and the total of a year equals the
 * Auszahlungen aus Investitionstätigkeit of the Teilfinanzpläne (line 30). Amounts in the signed view of the
 * plans (Auszahlungen negative), whatever the print. Pure.
 */
import programmData from '../../../data/parts/investitionsprogramm.json' with { type: 'json' };
import { columnKey, type Budget, type Column, type Source } from '../model.js';
import type { Cents } from '../money.js';
import { partTolerance, type PartAmount } from './amounts.js';

export interface ProgrammSpec {
  readonly id: string;
  readonly title: string;
  readonly sources: readonly string[];
  /** The Teilfinanzplan lines whose sum the programme's year totals equal. */
  readonly lines: readonly string[];
  /** Words of the header cells by role (normalised: lower case, umlauts as ae/oe/ue). */
  readonly columns: Readonly<Record<'bisher' | 'gesamt' | 'number' | 'name' | 'unit', readonly string[]>>;
  readonly sum: readonly string[];
}

export const PROGRAMM_SPEC: ProgrammSpec = Object.freeze(programmData as ProgrammSpec);

/** The kinds of column the programme prints (the Teilfinanzplan's investment columns without Ergebnis and VE). */
export const PROGRAMM_KINDS: ReadonlySet<Column['kind']> = new Set(['bisher', 'ansatz', 'planung', 'gesamt']);

export interface ProgrammRow {
  /** The measure's number as printed (the sum row: ''). */
  readonly number: string;
  readonly name: string;
  /** The unit whose Teilfinanzplan holds the measure, where known (printed or derived). */
  readonly unit?: string;
  /** By `columnKey` (`bisher:2025`, `ansatz:2026`, `planung:2027`, `gesamt:2029`), signed view. */
  readonly amounts: Readonly<Record<string, PartAmount>>;
  readonly source?: Source;
}

export interface Investitionsprogramm {
  /** The budget year (its Ansatz column). */
  readonly year: number;
  /** The columns printed, in print order. */
  readonly columns: readonly Column[];
  readonly rows: readonly ProgrammRow[];
  readonly sum?: ProgrammRow;
  /** How the print showed Auszahlungen (the amounts here are always signed). */
  readonly signs?: 'negative' | 'positive';
  readonly derived?: true;
  readonly source?: Source;
}

/** A measure's amount in a column. */
export function programmAmount(row: ProgrammRow, column: Column): PartAmount | undefined {
  return row.amounts[columnKey(column)];
}

/** The columns whose sum is a measure's Gesamtausgabe: bisher, the Ansatz of the year, the Planung years. */
export function summands(p: Investitionsprogramm): Column[] {
  return p.columns.filter((c) => c.kind === 'bisher' || c.kind === 'ansatz' || c.kind === 'planung');
}

/** The sum of amounts with the rounding uncertainty of each. */
export function sumAmounts(items: readonly PartAmount[]): { amount: Cents; tolerance: Cents } {
  return items.reduce(
    (s, a) => ({ amount: s.amount + a.amount, tolerance: s.tolerance + partTolerance(a) }),
    { amount: 0, tolerance: 0 },
  );
}

function programmColumns(budget: Budget, year: number): Column[] {
  const seen = new Map<string, Column>();
  for (const n of budget.nodes)
    for (const c of n.investitionen?.columns ?? []) {
      if (!PROGRAMM_KINDS.has(c.kind)) continue;
      if (c.kind === 'ansatz' && c.year !== year) continue;
      if (c.kind === 'planung' && c.year <= year) continue;
      if (!seen.has(columnKey(c))) seen.set(columnKey(c), c);
    }
  const order = ['bisher', 'ansatz', 'planung', 'gesamt'];
  return [...seen.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.year - b.year);
}

/** The programme of the budget year derived from the investment tables; undefined when no unit prints a measure. */
export function deriveInvestitionsprogramm(
  budget: Budget,
  year = budget.year,
): Investitionsprogramm | undefined {
  if (year === undefined) return undefined;
  const columns = programmColumns(budget, year);
  const rows: ProgrammRow[] = [];
  for (const node of budget.nodes)
    for (const r of node.investitionen?.rows ?? []) {
      if (r.type !== 'measure') continue;
      const amounts: Record<string, PartAmount> = {};
      for (const c of columns) {
        const cell = r.cells.find((x) => x.column.kind === c.kind && x.column.year === c.year);
        if (cell)
          amounts[columnKey(c)] = {
            amount: cell.amount,
            decimals: cell.decimals,
            ...(cell.scale ? { scale: cell.scale } : {}),
          };
      }
      rows.push({ number: r.number, name: r.name, unit: node.code, amounts });
    }
  if (rows.length === 0) return undefined;
  const sum: Record<string, PartAmount> = {};
  for (const c of columns) {
    const items = rows.map((r) => programmAmount(r, c)).filter((a): a is PartAmount => a !== undefined);
    const s = sumAmounts(items);
    sum[columnKey(c)] = {
      amount: s.amount,
      decimals: 2,
      ...(s.tolerance > 0 ? { tolerance: s.tolerance } : {}),
    };
  }
  return { year, columns, rows, sum: { number: '', name: 'Summe', amounts: sum }, derived: true };
}

/** A column's heading: "bisher bis 2025", "Ansatz 2026", "Planung 2027", "Gesamt bis 2029". */
export function programmColumnLabel(c: Column): string {
  switch (c.kind) {
    case 'bisher':
      return `bisher bis ${c.year}`;
    case 'gesamt':
      return `Gesamt bis ${c.year}`;
    case 'ansatz':
      return `Ansatz ${c.year}`;
    default:
      return `Planung ${c.year}`;
  }
}
