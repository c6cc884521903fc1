/**
 * The parts of the Haushaltsplan an import recognised (`Budget.parts`), one German line each for the import
 * report: the development of the Rücklagen (years, positions, unit, the § 76 result) and the Stellenplan
 * (years, rows, totals, how many rows change between the years).
 */
import type { Budget } from '../core/model.js';
import { formatCount } from '../core/money.js';
import { UNIT_LABEL } from '../core/parts/figure.js';
import { hskTest, planningStart } from '../core/parts/haushaltsausgleich.js';
import { formatStellen, stellenChanges, stellenTotal } from '../core/parts/stellenplan.js';

const HSK: Readonly<Record<'ja' | 'nein' | 'unklar', string>> = {
  ja: 'ein Haushaltssicherungskonzept ist aufzustellen',
  nein: 'kein Haushaltssicherungskonzept erforderlich',
  unklar: 'durch die Rundung nicht entscheidbar',
};

export function partsLines(budget: Budget): string[] {
  const out: string[] = [];
  const r = budget.parts?.ruecklagen;
  if (r) {
    const years = r.years.map((y) => y.year);
    const hsk = hskTest(r, planningStart(budget));
    out.push(
      `Entwicklung der Rücklagen: ${years[0] ?? ''}–${years.at(-1) ?? ''}, ${formatCount(r.rows.length)} Positionen in ${UNIT_LABEL[r.unit]}` +
        (hsk.years.length > 0 ? `; § 76 Abs. 1 GO NRW: ${HSK[hsk.required]}` : ''),
    );
  }
  const s = budget.parts?.stellenplan;
  if (s) {
    const totals = s.years
      .map((y) => [y, stellenTotal(s, 'gesamt', y)] as const)
      .filter((t): t is readonly [number, number] => t[1] !== undefined)
      .map(([y, v]) => `${y}: ${formatStellen(v)}`);
    const changed = new Set(stellenChanges(s).map((c) => c.row)).size;
    out.push(
      `Stellenplan: ${s.years.join(', ')}, ${formatCount(s.rows.length)} Zeilen` +
        (totals.length > 0 ? `; Stellen gesamt ${totals.join(', ')}` : '') +
        (s.years.length > 1 ? `; Veränderungen zwischen den Jahren in ${formatCount(changed)} Zeilen` : ''),
    );
  }
  return out;
}
