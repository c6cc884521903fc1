/**
 * A budget printed in thousands of euros (T€), built literally: Produktbereich 43 and its Produktgruppen 43.01
 * and 43.03 print their Teilergebnispläne in T€, every cell rounded on its own to whole thousands from amounts
 * in euros (given in the comments), so that totals differ from the sums of their printed parts as real T€ plans
 * do: 43.01, Zeile 10, Ansatz 2026 prints 3.863 while lines 01–09 print 3.861 (true 3.863.389 €). The Haushalt
 * prints its Gesamtergebnisplan in whole euros (the true sums). Every plan prints every line of its schema, a
 * line not listed here as 0 (as most printed plans do). `inEuros` gives the same amounts printed in
 * whole euros: a plan printing 3.863.000 € where its lines give 3.861.000 € is wrong, not rounded.
 */
import type { Budget, Cell, Column, Plan } from '../src/core/model.js';
import { budget, node, plan } from './fixtures.js';

export const TEUR_COLUMNS: readonly Column[] = [
  { kind: 'ansatz', year: 2026 },
  { kind: 'planung', year: 2027 },
];

/** `rows` with every line from 01 to `last` printed, 0 where `rows` has none. */
function everyLine(
  rows: Readonly<Record<string, readonly number[]>>,
  last: number,
): Record<string, readonly number[]> {
  const out: Record<string, readonly number[]> = {};
  for (let i = 1; i <= last; i++) {
    const line = String(i).padStart(2, '0');
    out[line] = rows[line] ?? TEUR_COLUMNS.map(() => 0);
  }
  return out;
}

/**
 * A Teilergebnisplan printed in T€: `rows` maps lines to one amount in thousands of euros per column; every
 * other line of the schema (01–31) printed as 0.
 */
export function teurPlan(rows: Readonly<Record<string, readonly number[]>>, file = 'teur.txt'): Plan {
  const p = plan('teilergebnisplan', everyLine(rows, 31), { columns: TEUR_COLUMNS, file });
  return {
    ...p,
    lines: p.lines.map((l) => ({
      ...l,
      // plan() reads the numbers as whole euros (× 100 cents); a thousand of them more
      cells: l.cells.map((c): Cell => ({ ...c, amount: c.amount * 1000, scale: 1000 })),
    })),
  };
}

/** Produktgruppe 43.01 in T€, each line and total rounded on its own (lines 01, 03, 08, 09 print 0). */
export const PG_4301: Readonly<Record<string, readonly number[]>> = {
  '02': [2147, 2169], // 2.147.493, 2.168.912 €
  '04': [312, 316], // 312.487, 315.604
  '05': [45, 45], // 45.460, 45.460
  '06': [1268, 1281], // 1.268.479, 1.281.163
  '07': [89, 89], // 89.470, 89.470
  '10': [3863, 3901], // 3.863.389, 3.900.609: the printed lines 01–09 give 3.861 and 3.900
  '11': [-1310, -1323], // -1.310.202, -1.323.304
  '12': [-49, -49], // -48.512, -48.997
  '13': [-504, -510], // -504.499, -509.544
  '14': [-21, -21], // -21.486, -21.486
  '15': [-1950, -1970], // -1.950.470, -1.969.975
  '16': [-89, -89], // -89.453, -89.453
  '17': [-3925, -3963], // -3.924.622, -3.962.759: printed 11–16 give -3.923 and -3.962
  '18': [-61, -62], // -61.233, -62.150
  '19': [1, 1], // 1.210
  '20': [-2, -2], // -2.499
  '21': [-1, -1], // -1.289
  '22': [-63, -63], // -62.522, -63.439
  '26': [-63, -63],
  '27': [214, 216], // 213.990, 216.130
  '28': [-189, -190], // -188.520, -190.405
  '29': [-37, -38], // -37.052, -37.714
  '31': [-37, -38],
};

/** Produktgruppe 43.03 in T€. */
export const PG_4303: Readonly<Record<string, readonly number[]>> = {
  '02': [116, 116], // 116.238
  '06': [55, 55], // 54.501, 55.046
  '07': [12, 12], // 12.479
  '10': [183, 184], // 183.218, 183.763
  '11': [-413, -417], // -412.650, -416.777
  '13': [-98, -98], // -98.499
  '14': [-7, -7], // -6.780
  '16': [-16, -16], // -15.501
  '17': [-533, -538], // -533.430, -537.557
  '18': [-350, -354], // -350.212, -353.794
  '22': [-350, -354],
  '26': [-350, -354],
  '28': [-25, -26], // -25.470, -25.725
  '29': [-376, -380], // -375.682, -379.519
  '31': [-376, -380],
};

/** Produktbereich 43 in T€: the true sums of its Produktgruppen, rounded on their own. */
export const PB_43: Readonly<Record<string, readonly number[]>> = {
  '02': [2264, 2285], // 2.263.731, 2.285.150: the Produktgruppen print 2.263 and 2.285
  '04': [312, 316],
  '05': [45, 45],
  '06': [1323, 1336], // 1.322.980, 1.336.209
  '07': [102, 102], // 101.949: the Produktgruppen print 89 + 12 = 101
  '10': [4047, 4084], // 4.046.607, 4.084.372
  '11': [-1723, -1740], // -1.722.852, -1.740.081
  '12': [-49, -49],
  '13': [-603, -608], // -602.998, -608.043
  '14': [-28, -28], // -28.266
  '15': [-1950, -1970],
  '16': [-105, -105], // -104.954
  '17': [-4458, -4500], // -4.458.052, -4.500.316
  '18': [-411, -416], // -411.445, -415.944
  '19': [1, 1],
  '20': [-2, -2],
  '21': [-1, -1],
  '22': [-413, -417], // -412.734, -417.233
  '26': [-413, -417],
  '27': [214, 216],
  '28': [-214, -216], // the internal allocations cancel within the Produktbereich
  '29': [-413, -417],
  '31': [-413, -417],
};

/** The Gesamtergebnisplan in whole euros (lines 01–28): the true sums (Teil 29 → Gesamt 26, 31 → 28). */
export const GESAMT_EUR: Readonly<Record<string, readonly number[]>> = {
  '02': [2263731, 2285150],
  '04': [312487, 315604],
  '05': [45460, 45460],
  '06': [1322980, 1336209],
  '07': [101949, 101949],
  '10': [4046607, 4084372],
  '11': [-1722852, -1740081],
  '12': [-48512, -48997],
  '13': [-602998, -608043],
  '14': [-28266, -28266],
  '15': [-1950470, -1969975],
  '16': [-104954, -104954],
  '17': [-4458052, -4500316],
  '18': [-411445, -415944],
  '19': [1210, 1210],
  '20': [-2499, -2499],
  '21': [-1289, -1289],
  '22': [-412734, -417233],
  '26': [-412734, -417233],
  '28': [-412734, -417233],
};

/** The whole budget: Haushalt (Gesamtergebnisplan in €), PB 43 and PG 43.01, 43.03 (Teilergebnispläne in T€). */
export function teurBudget(): Budget {
  return budget(
    [
      node('gesamt', 'haushalt', [
        plan('gesamtergebnisplan', everyLine(GESAMT_EUR, 28), { columns: TEUR_COLUMNS, file: 'teur.txt' }),
      ]),
      node('43', 'produktbereich', [teurPlan(PB_43)]),
      node('43.01', 'produktgruppe', [teurPlan(PG_4301)], { parent: '43' }),
      node('43.03', 'produktgruppe', [teurPlan(PG_4303)], { parent: '43' }),
    ],
    { files: ['teur.txt'], title: 'Kreishaushalt' },
  );
}

/** The same amounts printed in whole euros (`1.234` T€ as `1.234.000` €): the scale taken off every cell. */
export function inEuros(b: Budget): Budget {
  return {
    ...b,
    nodes: b.nodes.map((n) => ({
      ...n,
      plans: n.plans.map((p) => ({
        ...p,
        lines: p.lines.map((l) => ({
          ...l,
          cells: l.cells.map((c): Cell => ({
            column: c.column,
            amount: c.amount,
            decimals: c.decimals,
            ...(c.source ? { source: c.source } : {}),
          })),
        })),
      })),
    })),
  };
}
