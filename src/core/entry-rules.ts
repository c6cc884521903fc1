/**
 * What may be entered in a plan cell, beyond the structure (`editRefusal` in propagate.ts: totals, derived
 * nodes) and the rights (`mayEdit` in workflow.ts). Decided here once, for the store (which refuses) and the
 * page (which shows the cell read-only and asks before saving):
 *
 * - **Past and adopted years are read-only.** Ergebnis columns (actuals) are entered only in an Ergebnis
 *   version (the Jahresabschluss, GO NRW § 95); an Ansatz of a year before the budget year is last year's
 *   adopted budget (GO NRW § 80: the Haushaltssatzung of that year), which a version of this year's budget
 *   prints for comparison only (KomHVO NRW § 4 Abs. 2: the Ergebnis of the year before last and the Ansatz of
 *   the year before stand beside the budget year). The budget year comes from the version (`Budget.year`),
 *   else from the plan's columns (`budgetYearOf`).
 * - **Whole-euro plans take whole euros**: a plan printed in whole euros (every printed cell `decimals: 0`)
 *   refuses an amount with cents, instead of printing it rounded.
 * - **A plausibility question** (asked by the page, not a refusal): a new amount far from the figure of the
 *   year before in the same line, beyond thresholds kept as data (`data/workflow/entry-rules.json`).
 *
 * Pure.
 */
import rules from '../../data/workflow/entry-rules.json' with { type: 'json' };
import type { Cents } from './money.js';
import { formatEuro, formatNumber } from './money.js';

interface ColumnRef {
  readonly kind: string;
  readonly year: number;
}

/**
 * The budget year: the version's own (`Budget.year`) when it has one; else the year of the plan's VE column;
 * else the first Ansatz year after the year that follows the last Ergebnis (Ergebnis 2024, Ansatz 2025,
 * Ansatz 2026: 2026); else undefined (no Ansatz is then taken for last year's).
 */
export function budgetYearOf(columns: readonly ColumnRef[], year?: number): number | undefined {
  if (year !== undefined) return year;
  const ve = columns.filter((c) => c.kind === 've').map((c) => c.year);
  if (ve.length > 0) return Math.min(...ve);
  const ergebnis = columns.filter((c) => c.kind === 'ergebnis').map((c) => c.year);
  if (ergebnis.length === 0) return undefined;
  const after = Math.max(...ergebnis) + 1;
  const ansatz = columns.filter((c) => c.kind === 'ansatz' && c.year > after).map((c) => c.year);
  return ansatz.length > 0 ? Math.min(...ansatz) : undefined;
}

/**
 * Why a column may not be entered in a version of `stage` whose budget year is `budgetYear` (German), or
 * undefined when it may.
 */
export function columnRefusal(
  column: ColumnRef,
  budgetYear: number | undefined,
  stage: string,
): string | undefined {
  const ergebnisVersion = stage === 'ergebnis';
  if ((column.kind === 'ergebnis') !== ergebnisVersion)
    return ergebnisVersion
      ? 'In einer Ergebnis-Fassung werden nur Ergebnis-Spalten erfasst.'
      : `Ergebnis ${column.year} ist das Ist eines abgeschlossenen Jahres; Ergebnis-Spalten sind in einer Planfassung nicht änderbar.`;
  if (column.kind === 'ansatz' && budgetYear !== undefined && column.year < budgetYear)
    return (
      `Ansatz ${column.year} ist der beschlossene Haushalt des Vorjahres und steht nur zum Vergleich im ` +
      `Haushalt ${budgetYear}; er ist nicht änderbar.`
    );
  return undefined;
}

/**
 * Whether a plan is printed in whole euros: every printed cell without cents, none in T€ (a plan in T€ takes
 * any amount in euros and prints a finer one as a euro cell, scale.ts).
 */
export function isWholeEuroPlan(plan: {
  readonly lines: readonly {
    readonly cells: readonly { readonly decimals: number | null; readonly scale?: number | null }[];
  }[];
}): boolean {
  return plan.lines.every((l) =>
    l.cells.every((c) => (c.decimals === null || c.decimals === 0) && (c.scale ?? 1) === 1),
  );
}

/** Why an amount does not fit a whole-euro plan (German), or undefined. */
export function centsRefusal(amount: Cents, wholeEuros: boolean): string | undefined {
  if (!wholeEuros || amount % 100 === 0) return undefined;
  const down = amount - (amount % 100);
  return (
    `Dieser Plan wird in vollen Euro geführt: bitte einen Betrag ohne Cent eingeben ` +
    `(${formatEuro(amount)} ist z. B. ${formatEuro(down)} oder ${formatEuro(down + Math.sign(amount) * 100)}).`
  );
}

export interface Thresholds {
  /** The change against last year's figure, in percent, beyond which the page asks. */
  readonly percent: number;
  /** … and in euros (both must be exceeded). */
  readonly euros: number;
}

export const PLAUSIBILITY: Thresholds = {
  percent: rules.plausibility.percent,
  euros: rules.plausibility.euros,
};

/** The figure of the year before in the same line: its column's label and amount. */
export interface PreviousFigure {
  readonly label: string;
  readonly amount: Cents;
}

/**
 * The figure of the year before the column's year in a line: the Ansatz or Planung of that year (the plan of
 * that year), else its Ergebnis; undefined when the line has none.
 */
export function previousFigure(
  columns: readonly (ColumnRef & { readonly label: string })[],
  amounts: readonly (Cents | null)[],
  index: number,
): PreviousFigure | undefined {
  const year = columns[index]!.year - 1;
  for (const kind of ['ansatz', 'planung', 'ergebnis']) {
    const i = columns.findIndex((c) => c.kind === kind && c.year === year);
    const amount = i < 0 ? null : amounts[i];
    if (amount !== null && amount !== undefined) return { label: columns[i]!.label, amount };
  }
  return undefined;
}

/**
 * The question to ask before saving `amount` (German), or undefined: asked when it differs from last year's
 * figure by more than both thresholds.
 */
export function plausibilityQuestion(
  amount: Cents,
  previous: PreviousFigure | undefined,
  t: Thresholds = PLAUSIBILITY,
): string | undefined {
  if (!previous) return undefined;
  const delta = amount - previous.amount;
  if (Math.abs(delta) <= t.euros * 100) return undefined;
  const share = previous.amount === 0 ? Infinity : (Math.abs(delta) / Math.abs(previous.amount)) * 100;
  if (share <= t.percent) return undefined;
  const change =
    share === Infinity ? `${formatEuro(delta)} €` : `${formatNumber(share, 0)} % (${formatEuro(delta)} €)`;
  return (
    `Der neue Betrag ${formatEuro(amount)} € weicht um ${change} von ${previous.label} ` +
    `(${formatEuro(previous.amount)} €) ab. Ist das so gewollt?`
  );
}
