/**
 * Personalaufwendungen beside the Stellenplan: for each row of the Stellenplan whose code names a unit of the
 * budget (compared by digits: `0102` = `01.02`), the unit's Personalaufwendungen of the year (the
 * Teilergebnisplan's line labelled "Personalaufwendungen" in its schema, NRW line 11, in the year's Ansatz,
 * Planung or Ergebnis column; an expense, taken as its amount whatever sign the plan prints) and what that is
 * per post. Pure.
 */
import { planOf, type Budget, type Cell } from '../model.js';
import { schemaById } from '../schema-data.js';
import { cellOfYear } from './derive.js';
import { valueOf, type Stellenplan, type StellenRow } from './stellenplan.js';

export interface Personalaufwand {
  readonly row: StellenRow;
  readonly year: number;
  /** The plan's cell (cents, as printed). */
  readonly cell: Cell;
  /** Posts of the row in the year (thousandths). */
  readonly stellen: number;
  /** Cents per post, rounded to the cent. */
  readonly perPost: number;
}

const digits = (code: string): string => code.replace(/\D/gu, '');

export function personalaufwand(budget: Budget, plan: Stellenplan): Personalaufwand[] {
  const nodes = new Map(budget.nodes.map((n) => [digits(n.code), n]));
  const out: Personalaufwand[] = [];
  for (const row of plan.rows) {
    if (row.code === undefined || digits(row.code) === '') continue;
    const node = nodes.get(digits(row.code));
    const teil = node && planOf(node, 'teilergebnisplan');
    const line =
      teil && schemaById(teil.schemaId)?.lines.find((l) => l.label === 'Personalaufwendungen')?.line;
    if (!teil || line === undefined) continue;
    for (const year of plan.years) {
      const cell = cellOfYear(teil, line, year);
      const stellen = valueOf(row, 'gesamt', year)?.value;
      if (!cell || !stellen) continue;
      out.push({ row, year, cell, stellen, perPost: Math.round((Math.abs(cell.amount) * 1000) / stellen) });
    }
  }
  return out;
}
