/**
 * A plan printing expenses positive (as Münster and Köln do) with one line printed with a minus: "- Zinsen …"
 * `7.609,69-`, the minus being the line's direction, as its totals show. Read with the plan's convention the
 * line's sign was applied twice (the printed minus, then the negation of the plan's expenses) and its totals
 * gave false errors. The same plan as a table and as plan text gives no error; and where the totals show that
 * the minus is a negative expense (a refund), that reading is kept.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../core/check/index.js';
import type { Budget, Plan } from '../core/model.js';
import { importCsv } from './table/index.js';
import { importText } from './text/index.js';

/** Münster's Teilergebnisplan of Produktbereich 01 (2024–2026), line 20 changed to an expense of 7.609,69 €. */
const ROWS: readonly (readonly [string, string, string, string, string])[] = [
  ['01', 'Steuern und ähnliche Abgaben', '0,00', '0', '0'],
  ['02', 'Zuwendungen und allgemeine Umlagen', '12.602.256,33', '12.549.470', '11.540.170'],
  ['03', 'Sonstige Transfererträge', '0,00', '0', '0'],
  ['04', 'Öffentlich-rechtliche Leistungsentgelte', '3.142,20', '2.700', '6.700'],
  ['05', 'Privatrechtliche Leistungsentgelte', '18.893.416,58', '18.454.750', '19.459.480'],
  ['06', 'Kostenerstattungen und Kostenumlagen', '6.986.892,48', '5.482.040', '6.698.860'],
  ['07', 'Sonstige ordentliche Erträge', '10.905.182,75', '9.861.340', '9.959.100'],
  ['08', 'Aktivierte Eigenleistungen', '458.050,00', '400.000', '405.000'],
  ['09', 'Bestandsveränderungen', '0,00', '0', '0'],
  ['10', 'Ordentliche Erträge', '49.848.940,34', '46.750.300', '48.069.310'],
  ['11', 'Personalaufwendungen', '73.390.593,35', '72.054.690', '71.707.140'],
  ['12', 'Versorgungsaufwendungen', '9.593.729,58', '7.054.040', '8.019.270'],
  ['13', 'Aufwendungen für Sach- und Dienstleistungen', '67.184.131,49', '83.871.480', '71.381.160'],
  ['14', 'Bilanzielle Abschreibungen', '26.230.643,27', '26.072.560', '27.192.750'],
  ['15', 'Transferaufwendungen', '2.954.385,41', '2.385.360', '2.540.540'],
  ['16', 'Sonstige ordentliche Aufwendungen', '37.053.917,93', '39.939.499', '38.403.000'],
  ['17', 'Ordentliche Aufwendungen', '216.407.401,03', '231.377.629', '219.243.860'],
  ['18', 'Ordentliches Ergebnis', '166.558.460,69-', '184.627.329-', '171.174.550-'],
  ['19', 'Finanzerträge', '1.478.841,73', '579.740', '0'],
  ['20', 'Zinsen und sonstige Finanzaufwendungen', '7.609,69-', '0', '0'],
  ['21', 'Finanzergebnis', '1.471.232,04', '579.740', '0'],
  ['22', 'Ergebnis der laufenden Verwaltungstätigkeit', '165.087.228,65-', '184.047.589-', '171.174.550-'],
  ['23', 'Außerordentliche Erträge', '0,00', '0', '0'],
  ['24', 'Außerordentliche Aufwendungen', '0,00', '0', '0'],
  ['25', 'Außerordentliches Ergebnis', '0,00', '0', '0'],
  [
    '26',
    'Ergebnis vor Berücksichtigung der internen Leistungsbeziehungen',
    '165.087.228,65-',
    '184.047.589-',
    '171.174.550-',
  ],
  ['27', 'Erträge aus internen Leistungsbeziehungen', '77.598.579,67', '77.348.670', '73.600.140'],
  ['28', 'Aufwendungen aus internen Leistungsbeziehungen', '4.997.867,08', '4.997.870', '4.811.110'],
  ['29', 'Teilergebnis', '92.486.516,06-', '111.696.789-', '102.385.520-'],
  ['30', 'Globaler Minderaufwand', '0,00', '0', '0'],
  ['31', 'Teilergebnis nach Abzug globaler Minderaufwand', '92.486.516,06-', '111.696.789-', '102.385.520-'],
];

/** The same plan where the minus of line 20 is a refund (a negative expense): its totals say so. */
const REFUND = ROWS.map((r): readonly [string, string, string, string, string] => {
  const changed: Readonly<Record<string, string>> = {
    '21': '1.486.451,42',
    '22': '165.072.009,27-',
    '26': '165.072.009,27-',
    '29': '92.471.296,68-',
    '31': '92.471.296,68-',
  };
  const total = changed[r[0]];
  return total !== undefined ? [r[0], r[1], total, r[3], r[4]] : r;
});

/** Lines added (+) and subtracted (-) as Münster prints them before the label; totals with `=`. */
function operator(line: string): string {
  const n = Number(line);
  if ([10, 17, 18, 21, 22, 25, 26, 29, 31].includes(n)) return '=';
  return (n >= 11 && n <= 16) || [20, 24, 28, 30].includes(n) ? '-' : '+';
}

/** As Münster's tables print it: the Produktbereich in a column, operators before the labels. */
function table(rows: typeof ROWS): string {
  return [
    'PB;Zeile;;Ergebnis 2024;Ansatz 2025;Ansatz 2026',
    ...rows.map(([line, label, ...amounts]) => `01;${line};${operator(line)} ${label};${amounts.join(';')}`),
  ].join('\n');
}

/** As plan text: amounts in German print, the minus at the end as the PDF prints it. */
function planText(rows: typeof ROWS): string {
  return [
    'Teilergebnisplan Produktbereich 01 Innere Verwaltung',
    'Nr.\tBezeichnung\tErgebnis 2024\tAnsatz 2025\tAnsatz 2026',
    ...rows.map(([line, label, ...amounts]) => [line, label, ...amounts].join('\t')),
  ].join('\n');
}

function errorsOf(b: Budget): string[] {
  return check(b)
    .filter((f) => f.severity === 'error' || f.severity === 'warning')
    .map((f) => `${f.rule} ${f.line} ${f.kind} ${f.year}`);
}

function planOf(b: Budget): Plan {
  return b.nodes.flatMap((n) => n.plans)[0]!;
}

function fromTable(rows: typeof ROWS): Budget {
  const r = importCsv(table(rows), 'plan.csv');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

function fromText(rows: typeof ROWS): Budget {
  const r = importText(planText(rows), 'plan.txt');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.budget;
}

describe('a plan printing expenses positive with one line printed with a minus', () => {
  for (const [name, read] of [
    ['as a table', fromTable],
    ['as plan text', fromText],
  ] as const) {
    it(`gives no error ${name}: the minus is the line's direction, applied once`, () => {
      const b = read(ROWS);
      const plan = planOf(b);
      expect(plan.signs).toBe('positive');
      expect(plan.lines.filter((l) => l.signs).map((l) => `${l.line} ${l.signs}`)).toEqual(['20 negative']);
      expect(errorsOf(b)).toEqual([]);
      // read with the plan's convention, the line's sign is applied twice: the totals above it do not add up
      const twice = { ...plan, lines: plan.lines.map((l) => ({ ...l, signs: undefined })) };
      const wrong = errorsOf({ ...b, nodes: b.nodes.map((n) => ({ ...n, plans: [twice] })) });
      expect(wrong).toContain('schema-formula 21 ergebnis 2024');
    });

    it(`keeps a refund a refund ${name}, where the totals say so`, () => {
      const b = read(REFUND);
      expect(planOf(b).lines.some((l) => l.signs)).toBe(false);
      expect(errorsOf(b)).toEqual([]);
    });
  }

  it('gives no error against its parent printing the line without the minus, as a table and as plan text', () => {
    // the Produktbereich prints Zinsen as its other expenses, its only Produktgruppe with the minus
    const parent = ROWS.map((r): (typeof ROWS)[number] =>
      r[0] === '20' ? [r[0], r[1], '7.609,69', r[3], r[4]] : r,
    );
    const csv = [
      'PB;PG;Zeile;;Ergebnis 2024;Ansatz 2025;Ansatz 2026',
      ...parent.map(([line, label, ...a]) => `01;;${line};${operator(line)} ${label};${a.join(';')}`),
      ...ROWS.map(([line, label, ...a]) => `01;0101;${line};${operator(line)} ${label};${a.join(';')}`),
    ].join('\n');
    const table = importCsv(csv, 'plaene.csv');
    if (!table.ok) throw new Error(table.errors.map((e) => e.message).join('\n'));
    const section = (title: string, rows: typeof ROWS): string[] => [
      title,
      'Nr.\tBezeichnung\tErgebnis 2024\tAnsatz 2025\tAnsatz 2026',
      ...rows.map((r) => r.join('\t')),
      '',
    ];
    const text = importText(
      [
        ...section('Teilergebnisplan Produktbereich 01 Innere Verwaltung', parent),
        ...section('Teilergebnisplan Produktgruppe 01.01 Politische Gremien', ROWS),
      ].join('\n'),
      'plaene.txt',
    );
    if (!text.ok) throw new Error(text.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
    for (const b of [table.budget, text.budget]) {
      expect(b.nodes.map((n) => `${n.code}:${n.parent ?? '-'}`)).toEqual(
        b === table.budget ? ['01:-', '0101:01'] : ['01:-', '01.01:01'],
      );
      expect(errorsOf(b)).toEqual([]);
    }
  });

  it('reads a plan printing expenses negative as before', () => {
    const flip = (a: string): string =>
      a.endsWith('-') ? a.slice(0, -1) : /^0(?:,00)?$/u.test(a) ? a : `-${a}`;
    const negative = ROWS.map(([line, label, e, a1, a2]): (typeof ROWS)[number] => {
      // line 20 prints its minus already: only the lines printed positive turn round
      const out = (Number(line) >= 11 && Number(line) <= 17) || ['24', '28'].includes(line);
      return out ? [line, label, flip(e), flip(a1), flip(a2)] : [line, label, e, a1, a2];
    });
    const b = fromText(negative);
    expect(planOf(b).signs).toBeUndefined();
    expect(planOf(b).lines.some((l) => l.signs)).toBe(false);
    expect(errorsOf(b)).toEqual([]);
  });
});
