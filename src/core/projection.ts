/**
 * Projection of the planning years of a plan: each line's planning years grow from the last Ansatz by a
 * percentage per year (basis points, compounded year on year), rounded to whole euros (half away from zero)
 * as printed. The reference's rule is the default: Personalaufwendungen +1 % a year, other lines flat; a line
 * whose planning years were planned otherwise (`deviatesFromRule`) is left unless chosen. Pure;
 * the result is the list of cells that would change, which a client shows as a preview and then applies as
 * cell edits.
 */
import type { Cents } from './money.js';

export interface ProjectionLine {
  readonly line: string;
  readonly label: string;
  /** Totals are never projected: they follow from their lines. */
  readonly total: boolean;
  readonly editable: boolean;
  /** Aligned with the columns. */
  readonly cells: readonly { readonly amount: Cents | null; readonly rev: number }[];
}

export interface ProjectionColumn {
  readonly kind: string;
  readonly year: number;
}

export interface ProjectedCell {
  readonly line: string;
  readonly column: { readonly kind: 'planung'; readonly year: number };
  readonly from: Cents | null;
  readonly to: Cents;
  readonly rev: number;
}

/** Default growth in basis points per year for a line (canonical label): Personalaufwendungen +1 %. */
export function defaultGrowth(label: string): number {
  return /^personalaufwendungen$/iu.test(label.trim()) ? 100 : 0;
}

/** `amount × (1 + bp/10000)` rounded to whole euros, half away from zero, in exact integer arithmetic. */
export function grow(amount: Cents, bp: number): Cents {
  const scaled = BigInt(amount) * BigInt(10_000 + bp); // cents × 10^4
  const unit = 1_000_000n; // one euro at that scale
  const abs = scaled < 0n ? -scaled : scaled;
  const euros = (abs + unit / 2n) / unit;
  return Number((scaled < 0n ? -euros : euros) * 100n);
}

/** The planning columns of a plan in year order, with their index among the columns. */
function planningColumns(columns: readonly ProjectionColumn[]): { c: ProjectionColumn; i: number }[] {
  return columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.kind === 'planung')
    .sort((a, b) => a.c.year - b.c.year);
}

/**
 * Whether a line's planning years were planned otherwise than by its rule: one planning year does not follow
 * from the year before at the line's growth, up to a euro of rounding (planned depreciation -701/-608/-496
 * under the flat rule; Personalaufwendungen -1.323.304/-1.336.537/-1.349.903 at +1 % follow it). Such a
 * line is left as planned unless the user chooses it; a line without planning amounts, or whose planning
 * years follow the rule from any start (a projection of an older Ansatz), is projected.
 */
export function deviatesFromRule(
  columns: readonly ProjectionColumn[],
  line: ProjectionLine,
  bp: number,
): boolean {
  const amounts = planningColumns(columns).map(({ i }) => line.cells[i]?.amount ?? null);
  for (let k = 1; k < amounts.length; k++) {
    const before = amounts[k - 1];
    const now = amounts[k];
    if (before === null || before === undefined || now === null || now === undefined) continue;
    // one euro either way is the rounding of a rule computed without rounding each year
    if (Math.abs(grow(before, bp) - now) > 100) return true;
  }
  return false;
}

/**
 * The cells a projection changes. `include`: which lines to project (default: every line whose planning does
 * not deviate from its rule, `deviatesFromRule`).
 */
export function project(
  columns: readonly ProjectionColumn[],
  lines: readonly ProjectionLine[],
  growth: (line: ProjectionLine) => number,
  include: (line: ProjectionLine) => boolean = (l) => !deviatesFromRule(columns, l, growth(l)),
): ProjectedCell[] {
  const planning = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'planung');
  if (planning.length === 0) return [];
  const firstPlanning = planning[0]!.i;
  const baseIndex = columns.findLastIndex((c, i) => c.kind === 'ansatz' && i < firstPlanning);
  if (baseIndex < 0) return [];
  const out: ProjectedCell[] = [];
  for (const l of lines) {
    if (l.total || !l.editable || !include(l)) continue;
    const base = l.cells[baseIndex]?.amount;
    if (base === null || base === undefined) continue;
    const bp = growth(l);
    let previous = base;
    for (const { c, i } of planningColumns(columns)) {
      const to = grow(previous, bp);
      const cell = l.cells[i];
      if (cell?.amount !== to)
        out.push({
          line: l.line,
          column: { kind: 'planung', year: c.year },
          from: cell?.amount ?? null,
          to,
          rev: cell?.rev ?? 0,
        });
      previous = to;
    }
  }
  return out;
}
