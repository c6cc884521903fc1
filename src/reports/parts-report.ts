/**
 * The parts of the Haushaltsplan an import recognised (`Budget.parts`), one German line each for the import
 * report: the development of the Rücklagen (years, positions, unit, the § 76 result) and the Stellenplan
 * (years, rows, totals, and each row whose posts change between the years, with the change).
 */
import type { Budget } from '../core/model.js';
import { formatCount } from '../core/money.js';
import { UNIT_LABEL } from '../core/parts/figure.js';
import { hskTest, planningStart } from '../core/parts/haushaltsausgleich.js';
import {
  CATEGORY_LABEL,
  formatStellen,
  stellenChanges,
  stellenTotal,
  type StellenRow,
} from '../core/parts/stellenplan.js';

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
    const changes = stellenChanges(s);
    const changed = new Set(changes.map((c) => c.row)).size;
    out.push(
      `Stellenplan: ${s.years.join(', ')}, ${formatCount(s.rows.length)} Zeilen` +
        (totals.length > 0 ? `; Stellen gesamt ${totals.join(', ')}` : '') +
        (s.years.length > 1 ? `; Veränderungen zwischen den Jahren in ${formatCount(changed)} Zeilen` : ''),
    );
    // each row whose posts change, with every category that changes (§ 8 KomHVO NRW: changes are explained)
    const byRow = new Map<StellenRow, string[]>();
    for (const c of changes) {
      const delta = c.after - c.before;
      const text = `${CATEGORY_LABEL[c.category]} ${c.from} ${formatStellen(c.before)}, ${c.to} ${formatStellen(c.after)} (${delta > 0 ? '+' : ''}${formatStellen(delta)})`;
      byRow.set(c.row, [...(byRow.get(c.row) ?? []), text]);
    }
    for (const [row, texts] of byRow) {
      const name = [row.code, row.name].filter((x, k, all) => x && all.indexOf(x) === k).join(' ');
      out.push(`  ${name}: ${texts.join('; ')}`);
    }
  }
  return out;
}

/** The parts for programs (the import report's JSON): which parts, their years and size, the § 76 result. */
export function partsJson(budget: Budget): unknown {
  const r = budget.parts?.ruecklagen;
  const s = budget.parts?.stellenplan;
  if (!r && !s) return undefined;
  return {
    ...(r
      ? {
          ruecklagen: {
            years: r.years.map((y) => y.year),
            positions: r.rows.length,
            unit: r.unit,
            hsk76: hskTest(r, planningStart(budget)).required,
          },
        }
      : {}),
    ...(s ? { stellenplan: { years: s.years, rows: s.rows.length } } : {}),
  };
}
