/**
 * Projection of the planning years of a plan: each line's planning years grow from the last Ansatz by a
 * percentage per year (basis points, compounded year on year), rounded to whole euros (half away from zero)
 * as printed. The reference's rule is the default: Personalaufwendungen +1 % a year, other lines flat. Pure;
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

export function project(
  columns: readonly ProjectionColumn[],
  lines: readonly ProjectionLine[],
  growth: (line: ProjectionLine) => number,
): ProjectedCell[] {
  const planning = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.kind === 'planung');
  if (planning.length === 0) return [];
  const firstPlanning = planning[0]!.i;
  const baseIndex = columns.findLastIndex((c, i) => c.kind === 'ansatz' && i < firstPlanning);
  if (baseIndex < 0) return [];
  const out: ProjectedCell[] = [];
  for (const l of lines) {
    if (l.total || !l.editable) continue;
    const base = l.cells[baseIndex]?.amount;
    if (base === null || base === undefined) continue;
    const bp = growth(l);
    let previous = base;
    for (const { c, i } of [...planning].sort((a, b) => a.c.year - b.c.year)) {
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
