/**
 * One recognition for every container (issue 15), on literal plans laid out unlike the reference document, each
 * printed by the real Chromium to PDF, taken from that PDF as `pdftotext -layout` text, and written as a CSV
 * table — all three imported through `importFiles`:
 *
 * - a Teilergebnisplan with expenses printed positive and results with their sign, an operator column
 *   (`+`, `-`, `=`), a three-row header (kind, year, unit `EUR`) with the label column titled „Ertrags- und
 *   Aufwandsarten“, labels wrapped over two or three lines with the amounts beside their top, middle or
 *   bottom line: 0 error findings, the exact cells as printed, the labels whole, the convention recognised;
 * - a Teilergebnisplan printed in thousands of euros (unit named above the table, line numbers `1.`, expenses
 *   negative): every cell with `scale: 1000`, no false errors (the rounding differences of T€ are rounding).
 *
 * The plans' names, codes and numbers are made up for this test; nothing depends on the sample budget.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/core/check/index.js';
import type { Budget, Plan } from '../src/core/model.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { importFiles } from '../src/importers/index.js';
import { chromiumPdf } from './pdf/producers.js';

const YEARS = [
  ['Ergebnis', '2024'],
  ['Ansatz', '2025'],
  ['Ansatz', '2026'],
  ['Planung', '2027'],
  ['Planung', '2028'],
] as const;

/** Line, operator, label, amounts as printed: expenses positive, results with their sign. */
const POSITIVE: readonly (readonly string[])[] = [
  ['01', '+', 'Steuern und ähnliche Abgaben', '0', '0', '0', '0', '0'],
  ['02', '+', 'Zuwendungen und allgemeine Umlagen', '412.500', '398.000', '405.300', '405.300', '405.300'],
  ['03', '+', 'Sonstige Transfererträge', '0', '0', '0', '0', '0'],
  [
    '04',
    '+',
    'Öffentlich-rechtliche Leistungsentgelte',
    '1.873.412',
    '1.912.000',
    '1.958.400',
    '1.987.800',
    '2.017.600',
  ],
  ['05', '+', 'Privatrechtliche Leistungsentgelte', '64.210', '58.000', '61.500', '61.500', '61.500'],
  ['06', '+', 'Kostenerstattungen und Kostenumlagen', '238.944', '221.700', '243.100', '243.100', '243.100'],
  ['07', '+', 'Sonstige ordentliche Erträge', '17.305', '12.000', '12.000', '12.000', '12.000'],
  ['08', '+', 'Aktivierte Eigenleistungen', '0', '0', '0', '0', '0'],
  ['09', '+', 'Bestandsveränderungen', '0', '0', '0', '0', '0'],
  ['10', '=', 'Ordentliche Erträge', '2.606.371', '2.601.700', '2.680.300', '2.709.700', '2.739.500'],
  ['11', '-', 'Personalaufwendungen', '1.620.874', '1.702.300', '1.771.150', '1.788.860', '1.806.750'],
  ['12', '-', 'Versorgungsaufwendungen', '95.312', '101.000', '104.200', '105.240', '106.290'],
  [
    '13',
    '-',
    'Aufwendungen für Sach- und Dienstleistungen',
    '712.650',
    '684.300',
    '731.900',
    '731.900',
    '731.900',
  ],
  ['14', '-', 'Bilanzielle Abschreibungen', '58.210', '61.400', '63.800', '65.100', '66.400'],
  ['15', '-', 'Transferaufwendungen', '120.000', '125.000', '130.000', '130.000', '130.000'],
  ['16', '-', 'Sonstige ordentliche Aufwendungen', '188.420', '176.500', '192.300', '192.300', '192.300'],
  ['17', '=', 'Ordentliche Aufwendungen', '2.795.466', '2.850.500', '2.993.350', '3.013.400', '3.033.640'],
  ['18', '=', 'Ordentliches Ergebnis', '-189.095', '-248.800', '-313.050', '-303.700', '-294.140'],
  ['19', '+', 'Finanzerträge', '2.140', '1.500', '1.500', '1.500', '1.500'],
  ['20', '-', 'Zinsen und sonstige Finanzaufwendungen', '3.120', '2.900', '2.700', '2.500', '2.300'],
  ['21', '=', 'Finanzergebnis', '-980', '-1.400', '-1.200', '-1.000', '-800'],
  [
    '22',
    '=',
    'Ergebnis der laufenden Verwaltungstätigkeit',
    '-190.075',
    '-250.200',
    '-314.250',
    '-304.700',
    '-294.940',
  ],
  ['23', '+', 'Außerordentliche Erträge', '0', '0', '0', '0', '0'],
  ['24', '-', 'Außerordentliche Aufwendungen', '0', '0', '0', '0', '0'],
  ['25', '=', 'Außerordentliches Ergebnis', '0', '0', '0', '0', '0'],
  [
    '26',
    '=',
    'Ergebnis vor Berücksichtigung der internen Leistungsbeziehungen',
    '-190.075',
    '-250.200',
    '-314.250',
    '-304.700',
    '-294.940',
  ],
  ['27', '+', 'Erträge aus internen Leistungsbeziehungen', '31.200', '30.000', '32.000', '32.000', '32.000'],
  [
    '28',
    '-',
    'Aufwendungen aus internen Leistungsbeziehungen',
    '402.650',
    '415.800',
    '428.100',
    '432.400',
    '436.700',
  ],
  ['29', '=', 'Teilergebnis', '-561.525', '-636.000', '-710.350', '-705.100', '-699.640'],
  ['30', '+', 'globaler Minderaufwand', '0', '0', '45.000', '45.000', '45.000'],
  [
    '31',
    '=',
    'Teilergebnis nach Abzug globaler Minderaufwand',
    '-561.525',
    '-636.000',
    '-665.350',
    '-660.100',
    '-654.640',
  ],
];

/** Line, label, amounts in T€ as printed: each cell rounded on its own, expenses negative. */
const THOUSANDS: readonly (readonly string[])[] = [
  ['1.', 'Steuern und ähnliche Abgaben', '0', '0', '0', '0', '0'],
  ['2.', 'Zuwendungen und allgemeine Umlagen', '413', '398', '405', '405', '405'],
  ['3.', 'Sonstige Transfererträge', '0', '0', '0', '0', '0'],
  ['4.', 'Öffentlich-rechtliche Leistungsentgelte', '1.873', '1.912', '1.958', '1.988', '2.018'],
  ['5.', 'Privatrechtliche Leistungsentgelte', '64', '58', '62', '62', '62'],
  ['6.', 'Kostenerstattungen und Kostenumlagen', '239', '222', '243', '243', '243'],
  ['7.', 'Sonstige ordentliche Erträge', '17', '12', '12', '12', '12'],
  ['8.', 'Aktivierte Eigenleistungen', '0', '0', '0', '0', '0'],
  ['9.', 'Bestandsveränderungen', '0', '0', '0', '0', '0'],
  ['10.', 'Ordentliche Erträge', '2.606', '2.602', '2.680', '2.710', '2.740'],
  ['11.', 'Personalaufwendungen', '-1.621', '-1.702', '-1.771', '-1.789', '-1.807'],
  ['12.', 'Versorgungsaufwendungen', '-95', '-101', '-104', '-105', '-106'],
  ['13.', 'Aufwendungen für Sach- und Dienstleistungen', '-713', '-684', '-732', '-732', '-732'],
  ['14.', 'Bilanzielle Abschreibungen', '-58', '-61', '-64', '-65', '-66'],
  ['15.', 'Transferaufwendungen', '-120', '-125', '-130', '-130', '-130'],
  ['16.', 'Sonstige ordentliche Aufwendungen', '-188', '-177', '-192', '-192', '-192'],
  ['17.', 'Ordentliche Aufwendungen', '-2.795', '-2.851', '-2.993', '-3.013', '-3.034'],
  ['18.', 'Ordentliches Ergebnis', '-189', '-249', '-313', '-304', '-294'],
  ['19.', 'Finanzerträge', '2', '2', '2', '2', '2'],
  ['20.', 'Zinsen und sonstige Finanzaufwendungen', '-3', '-3', '-3', '-3', '-2'],
  ['21.', 'Finanzergebnis', '-1', '-1', '-1', '-1', '-1'],
  ['22.', 'Ergebnis der laufenden Verwaltungstätigkeit', '-190', '-250', '-314', '-305', '-295'],
  ['23.', 'Außerordentliche Erträge', '0', '0', '0', '0', '0'],
  ['24.', 'Außerordentliche Aufwendungen', '0', '0', '0', '0', '0'],
  ['25.', 'Außerordentliches Ergebnis', '0', '0', '0', '0', '0'],
  [
    '26.',
    'Ergebnis vor Berücksichtigung der internen Leistungsbeziehungen',
    '-190',
    '-250',
    '-314',
    '-305',
    '-295',
  ],
  ['27.', 'Erträge aus internen Leistungsbeziehungen', '31', '30', '32', '32', '32'],
  ['28.', 'Aufwendungen aus internen Leistungsbeziehungen', '-403', '-416', '-428', '-432', '-437'],
  ['29.', 'Teilergebnis', '-562', '-636', '-710', '-705', '-700'],
  ['30.', 'globaler Minderaufwand', '0', '0', '45', '45', '45'],
  ['31.', 'Teilergebnis nach Abzug globaler Minderaufwand', '-562', '-636', '-665', '-660', '-655'],
];

const POSITIVE_TITLE = 'Teilergebnisplan Produktgruppe 07.02 Ordnungsangelegenheiten';
const THOUSANDS_TITLE = 'Teilergebnisplan Produktgruppe 05.11 Soziale Hilfen';

const esc = (t: string): string => t.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');

const STYLE = `@page { size: A4 landscape; margin: 12mm }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt }
table { border-collapse: collapse }
th, td { padding: 1px 6px; font-weight: normal }
td.a, th.a { text-align: right; width: 78px }
td.l { width: 170px }`;

/** The plan with expenses positive: three header rows, an operator column, the amounts beside the top, middle or bottom line of a wrapped label. */
function positiveHtml(): string {
  const align = ['top', 'middle', 'bottom'];
  const head =
    `<tr><th>Nr.</th><th></th><th>Ertrags- und Aufwandsarten</th>${YEARS.map(([k]) => `<th class="a">${k}</th>`).join('')}</tr>` +
    `<tr><th></th><th></th><th></th>${YEARS.map(([, y]) => `<th class="a">${y}</th>`).join('')}</tr>` +
    `<tr><th></th><th></th><th></th>${YEARS.map(() => '<th class="a">EUR</th>').join('')}</tr>`;
  const body = POSITIVE.map(([line, op, label, ...amounts], k) => {
    const v = `vertical-align: ${align[k % 3]}`;
    return `<tr style="${v}"><td>${line}</td><td>${op}</td><td class="l">${esc(label!)}</td>${amounts.map((a) => `<td class="a">${a}</td>`).join('')}</tr>`;
  }).join('\n');
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<p>${POSITIVE_TITLE}</p>
<table><thead>${head}</thead><tbody>
${body}
</tbody></table></body></html>`;
}

function positiveCsv(): string {
  return [
    `${POSITIVE_TITLE};;;;;;;`,
    `Nr.;;Ertrags- und Aufwandsarten;${YEARS.map(([k]) => k).join(';')}`,
    `;;;${YEARS.map(([, y]) => y).join(';')}`,
    `;;;${YEARS.map(() => 'EUR').join(';')}`,
    ...POSITIVE.map((r) => r.join(';')),
  ].join('\n');
}

/** The plan in T€: the unit named above the table, kind and year in one cell, line numbers `1.`. */
function thousandsHtml(): string {
  const head = `<tr><th>Zeile</th><th>Bezeichnung</th>${YEARS.map(([k, y]) => `<th class="a">${k} ${y}</th>`).join('')}</tr>`;
  const body = THOUSANDS.map(
    ([line, label, ...amounts]) =>
      `<tr><td>${line}</td><td class="l">${esc(label!)}</td>${amounts.map((a) => `<td class="a">${a}</td>`).join('')}</tr>`,
  ).join('\n');
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<p>${THOUSANDS_TITLE}</p>
<p>Beträge in Tausend Euro</p>
<table><thead>${head}</thead><tbody>
${body}
</tbody></table></body></html>`;
}

function thousandsCsv(): string {
  return [
    THOUSANDS_TITLE,
    'Beträge in Tausend Euro',
    `Zeile;Bezeichnung;${YEARS.map(([k, y]) => `${k} ${y}`).join(';')}`,
    ...THOUSANDS.map((r) => r.join(';')),
  ].join('\n');
}

interface Imported {
  readonly budget: Budget;
  readonly layout: readonly string[];
}

async function load(file: string): Promise<Imported> {
  const r = await importFiles([file]);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.page ?? ''}:${e.line ?? ''} ${e.message}`).join('\n'));
  return { budget: r.budget, layout: r.ledger.flatMap((l) => l.layout ?? []) };
}

/** The three containers of one printed plan: the PDF, its layout text, the CSV table. */
function containers(name: string, html: string, csv: string): Record<'pdf' | 'text' | 'table', string> {
  const pdf = chromiumPdf(html, name);
  const text = pdf.replace(/\.pdf$/u, '.txt');
  execFileSync('pdftotext', ['-layout', pdf, text]);
  const table = path.join(mkdtempSync(path.join(tmpdir(), 'haushalt-recognition-')), `${name}.csv`);
  writeFileSync(table, csv);
  return { pdf, text, table };
}

const errors = (b: Budget): string[] =>
  check(b)
    .filter((f) => f.severity === 'error')
    .map((f) => f.message);

const cents = (printed: string): number => Number(printed.replace(/\./gu, '')) * 100;

function onlyPlan(b: Budget, code: string): Plan {
  const node = b.nodes.find((n) => n.code === code);
  expect(node?.plans.map((p) => p.type)).toEqual(['teilergebnisplan']);
  return node!.plans[0]!;
}

describe('a plan with expenses positive, results signed, an operator column and a three-row header', () => {
  const read: Partial<Record<'pdf' | 'text' | 'table', Imported>> = {};
  beforeAll(async () => {
    const files = containers('positiv', positiveHtml(), positiveCsv());
    read.pdf = await load(files.pdf);
    read.text = await load(files.text);
    read.table = await load(files.table);
  }, 180_000);

  for (const format of ['pdf', 'text', 'table'] as const) {
    it(`imports with 0 errors and the exact cells as printed (${format})`, () => {
      const { budget, layout } = read[format]!;
      expect(budget.notes.filter((n) => n.severity === 'error' || n.rule === 'signs-undecided')).toEqual([]);
      expect(errors(budget)).toEqual([]);
      const plan = onlyPlan(budget, '07.02');
      expect(plan.signs).toBe('positive');
      expect(plan.columns.map((c) => `${c.kind} ${c.year}`)).toEqual(
        YEARS.map(([k, y]) => `${k.toLowerCase()} ${y}`),
      );
      expect(plan.lines.map((l) => [l.line, l.label, ...l.cells.map((c) => c.amount)])).toEqual(
        POSITIVE.map(([line, , label, ...amounts]) => [line, label, ...amounts.map(cents)]),
      );
      expect(
        plan.lines.every((l) => l.signs === undefined && l.cells.every((c) => c.scale === undefined)),
      ).toBe(true);
      expect(layout).toContain('Vorzeichen: Aufwendungen positiv, Ergebnisse mit Vorzeichen');
      expect(layout).toContain('Operatorspalte (+, =, -)');
      expect(layout.find((t) => t.startsWith('Tabellenkopf'))).toMatch(
        /^Tabellenkopf in 3 Zeilen \(Art über Jahr\)/u,
      );
      expect(layout).toContain('Bezeichnungsspalte: „Ertrags- und Aufwandsarten“');
    });
  }

  it('reads the same plan from the PDF, its text and the table', () => {
    const csv = (f: 'pdf' | 'text' | 'table'): string => toTidyCsv(read[f]!.budget);
    expect(csv('pdf')).toBe(csv('table'));
    expect(csv('text')).toBe(csv('table'));
  });
});

describe('a plan printed in thousands of euros', () => {
  const read: Partial<Record<'pdf' | 'text' | 'table', Imported>> = {};
  beforeAll(async () => {
    const files = containers('tausend', thousandsHtml(), thousandsCsv());
    read.pdf = await load(files.pdf);
    read.text = await load(files.text);
    read.table = await load(files.table);
  }, 180_000);

  for (const format of ['pdf', 'text', 'table'] as const) {
    it(`imports with its unit on every cell and checks without false errors (${format})`, () => {
      const { budget, layout } = read[format]!;
      expect(budget.notes.filter((n) => n.severity === 'error' || n.rule === 'signs-undecided')).toEqual([]);
      expect(errors(budget)).toEqual([]);
      const plan = onlyPlan(budget, '05.11');
      expect(plan.signs ?? 'negative').toBe('negative');
      expect(plan.lines.map((l) => [l.line, l.label, ...l.cells.map((c) => [c.amount, c.scale])])).toEqual(
        THOUSANDS.map(([line, label, ...amounts]) => [
          line!.replace('.', '').padStart(2, '0'),
          label,
          ...amounts.map((a) => [cents(a) * 1000, 1000]),
        ]),
      );
      // printed totals differ from the sums of their rounded parts: rounding, not errors
      const rounding = check(budget).filter((f) => f.severity === 'rounding');
      expect(rounding.length).toBeGreaterThan(0);
      expect(rounding.every((f) => f.message.includes('T€'))).toBe(true);
      expect(layout).toContain('Beträge in Tausend Euro (T€), mit ihrer Einheit übernommen');
      expect(layout).toContain('Zeilennummern: „1.“');
    });
  }

  it('reads the same plan from the PDF, its text and the table', () => {
    const csv = (f: 'pdf' | 'text' | 'table'): string => toTidyCsv(read[f]!.budget);
    expect(csv('pdf')).toBe(csv('table'));
    expect(csv('text')).toBe(csv('table'));
  });
});
