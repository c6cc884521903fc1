import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../test/fixtures.js';
import type { BudgetNode, Cell, Column, InvestmentRow } from '../core/model.js';
import { importTidyCsv, readCsvRecords } from '../importers/tidy-csv/index.js';
import { SCHEMAS } from '../core/schema.js';
import { investmentKeys, parseInvestmentKey } from '../formats/investment-keys.js';
import { toTidyCsv } from './tidy-csv.js';

const YEAR: Column = { kind: 'ansatz', year: 2026 };

function cells(...euros: number[]): Cell[] {
  return euros.map((e) => ({ column: YEAR, amount: e * 100, decimals: 0 }));
}
const measure = (number: string, ...euros: number[]): InvestmentRow => ({
  type: 'measure',
  number,
  name: `Maßnahme ${number}`,
  cells: cells(...euros),
});
const line = (l: string, ...euros: number[]): InvestmentRow => ({
  type: 'line',
  line: l,
  label: `Zeile ${l}`,
  cells: cells(...euros),
});
const group = (label: string): InvestmentRow => ({ type: 'group', label });

function roundTrip(csv: string): string {
  const r = importTidyCsv(csv, 'rt.csv');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return toTidyCsv(r.budget);
}

describe('toTidyCsv', () => {
  it('writes one row per printed cell in document order, the Haushalt as gesamt, quoting where needed', () => {
    const b = budget([
      node('haushalt', 'haushalt', [plan('gesamtergebnisplan', { '01': [1, 2, 3] })]),
      node('4,3', 'produktbereich', [plan('teilfinanzplan', { '10': [-1, -2.5, 0] })], {
        investitionen: { columns: [YEAR], rows: [measure('M"1', -7), line('26', -7)] },
      }),
    ]);
    expect(toTidyCsv(b)).toBe(
      [
        'node,level,plan,line,kind,year,amount,schema',
        'gesamt,haushalt,gesamtergebnisplan,01,ergebnis,2024,1.00,nrw-2019-gesamtergebnisplan',
        'gesamt,haushalt,gesamtergebnisplan,01,ansatz,2025,2.00,nrw-2019-gesamtergebnisplan',
        'gesamt,haushalt,gesamtergebnisplan,01,ansatz,2026,3.00,nrw-2019-gesamtergebnisplan',
        '"4,3",produktbereich,teilfinanzplan,10,ergebnis,2024,-1.00,nrw-2019-teilfinanzplan',
        '"4,3",produktbereich,teilfinanzplan,10,ansatz,2025,-2.50,nrw-2019-teilfinanzplan',
        '"4,3",produktbereich,teilfinanzplan,10,ansatz,2026,0.00,nrw-2019-teilfinanzplan',
        '"4,3",produktbereich,investitionen,"M""1",ansatz,2026,-7.00,',
        '"4,3",produktbereich,investitionen,26,ansatz,2026,-7.00,',
        '',
      ].join('\n'),
    );
  });
});

describe('toTidyCsv and formulas', () => {
  it('puts a quote in front of codes and keys a spreadsheet would run, which the reader takes off again', () => {
    const b = budget([
      node('=1+1', 'produktbereich', [plan('teilergebnisplan', { '02': [-6780, 0, 1] })], {
        investitionen: {
          columns: [YEAR],
          rows: [measure('@SUM(A1)', -7), measure("'-3", 2), measure('-4', 1)],
        },
      }),
    ]);
    const csv = toTidyCsv(b);
    expect(csv.split('\n').slice(1, 2)).toEqual([
      "'=1+1,produktbereich,teilergebnisplan,02,ergebnis,2024,-6780.00,nrw-2019-teilergebnisplan",
    ]);
    expect(csv.split('\n').slice(4, 7)).toEqual([
      "'=1+1,produktbereich,investitionen,'@SUM(A1),ansatz,2026,-7.00,",
      "'=1+1,produktbereich,investitionen,''-3,ansatz,2026,2.00,",
      "'=1+1,produktbereich,investitionen,'-4,ansatz,2026,1.00,",
    ]);
    const back = importTidyCsv(csv, 'rt.csv');
    if (!back.ok) throw new Error(back.errors[0]!.message);
    expect(back.budget.nodes[0]!.code).toBe('=1+1');
    expect(
      back.budget.nodes[0]!.investitionen!.rows.map((r) => (r.type === 'measure' ? r.number : '')),
    ).toEqual(['@SUM(A1)', "'-3", '-4']);
    expect(toTidyCsv(back.budget)).toBe(csv);
  });
});

describe('investment keys', () => {
  it('are the measure number and the line, with a context only where a line repeats', () => {
    const rows = [
      group('UNTERHALB 100.000 EUR'),
      line('25', -1),
      line('26', -2),
      group('OBERHALB 100.000 EUR'),
      measure('430125MINT', -3),
      line('26', -3),
      measure('430125MINT', -4),
      line('26', -4),
      line('26', -5),
    ];
    expect(investmentKeys(rows)).toEqual([
      undefined,
      '25',
      'G1/26',
      undefined,
      '430125MINT',
      '430125MINT/26',
      '430125MINT#2',
      '430125MINT#2/26',
      '430125MINT#2/26#2',
    ]);
    expect(investmentKeys([line('26', 1), measure('A', 1), line('26', 1)])).toEqual(['/26', 'A', 'A/26']);
  });

  it('encode measure numbers that would read as something else, and decode them again', () => {
    const numbers = ['26', '4301/26', 'G1', '100%', 'A#2', 'I/2023', '%41', 'G1/26'];
    const keys = investmentKeys(numbers.map((n) => measure(n, 1)));
    expect(keys).toEqual(['%326', '4301%2F26', '%471', '100%25', 'A%232', 'I/2023', '%2541', 'G1%2F26']);
    expect(keys.map((k) => parseInvestmentKey(k!))).toEqual(
      numbers.map((number) => ({ type: 'measure', number })),
    );
    expect(parseInvestmentKey('G3/25')).toEqual({ type: 'line', line: '25', group: 3 });
    expect(parseInvestmentKey('4301/26#2')).toEqual({ type: 'line', line: '26' });
  });

  it('come back as the same rows, group headings included', () => {
    const b = budget([
      node('1', 'produktgruppe', [], {
        investitionen: {
          columns: [YEAR],
          rows: [
            line('26', -9),
            group('a'),
            measure('X', -1),
            group('b'),
            group('c'),
            line('26', -2),
            line('25', -2),
            measure('26', -3),
          ],
        },
      }),
    ]);
    const csv = toTidyCsv(b);
    expect(csv.split('\n').map((l) => l.split(',')[3])).toEqual([
      'line',
      '/26',
      'X',
      'G3/26',
      '25',
      '%326',
      undefined,
    ]);
    const back = importTidyCsv(csv, 'b.csv');
    if (!back.ok) throw new Error(back.errors[0]!.message);
    expect(back.budget.nodes[0]!.investitionen!.rows.map((r) => r.type)).toEqual([
      'line',
      'measure',
      'group',
      'group',
      'group',
      'line',
      'line',
      'measure',
    ]);
    expect(toTidyCsv(back.budget)).toBe(csv);
  });
});

describe('tidy CSV round trip (property)', () => {
  const amount = fc.integer({ min: -1e12, max: 1e12 });
  const column = fc.record({
    kind: fc.constantFrom('ergebnis', 'ansatz', 've', 'planung', 'bisher', 'gesamt' as const),
    year: fc.integer({ min: 1990, max: 2040 }),
  });
  const cellList = fc.uniqueArray(column, {
    maxLength: 4,
    selector: (c) => `${c.kind}:${c.year}`,
  });
  const withAmounts = (cols: Column[]): fc.Arbitrary<Cell[]> =>
    fc
      .tuple(...cols.map(() => amount))
      .map((as) => cols.map((c, i) => ({ column: c, amount: as[i]!, decimals: 2 })));
  const lineNo = fc.integer({ min: 1, max: 41 }).map((n) => String(n).padStart(2, '0'));
  // codes and numbers a spreadsheet would run as formulas, also behind apostrophes (they get one more)
  const formulaLike = fc
    .tuple(
      fc.constantFrom('=', '+', '-', '@', '\t', "'=", "''-", "'"),
      fc.string({ minLength: 1, maxLength: 5 }),
    )
    .map(([prefix, rest]) => prefix + rest);
  const row: fc.Arbitrary<InvestmentRow> = fc.oneof(
    fc.constant<InvestmentRow>({ type: 'group', label: 'G' }),
    fc
      .tuple(
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 8 }),
          formulaLike,
          lineNo,
          fc.constantFrom('G1', 'a/26'),
        ),
        cellList,
      )
      .chain(([number, cols]) =>
        withAmounts(cols).map((cs): InvestmentRow => ({ type: 'measure', number, name: '', cells: cs })),
      ),
    fc
      .tuple(lineNo, cellList)
      .chain(([l, cols]) =>
        withAmounts(cols).map((cs): InvestmentRow => ({ type: 'line', line: l, label: '', cells: cs })),
      ),
  );
  // a plan of any shipped schema (every Land's), on lines of that schema: the file names the schema per row
  const planArb = fc
    .constantFrom(...SCHEMAS.filter((x) => x.plan !== ('investitionen' as string)))
    .chain((schema) =>
      fc.tuple(
        fc.constant(schema),
        fc.uniqueArray(fc.constantFrom(...schema.lines.map((l) => l.line)), { minLength: 1, maxLength: 5 }),
        cellList.filter((c) => c.length > 0),
      ),
    )
    .chain(([schema, lines, cols]) =>
      fc.tuple(...lines.map(() => withAmounts(cols))).map((cs) => ({
        type: schema.plan,
        schemaId: schema.id,
        columns: cols,
        lines: lines.map((l, i) => ({ line: l, label: '', cells: cs[i]! })),
      })),
    );
  const nodeArb = fc
    .tuple(
      fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), formulaLike),
      fc.constantFrom('produktbereich', 'produktgruppe', 'produkt' as const),
      fc.uniqueArray(planArb, { maxLength: 2, selector: (p) => p.type }),
      fc.array(row, { maxLength: 8 }),
    )
    .map(([code, level, plans, rows]): BudgetNode => ({
      code,
      level,
      name: '',
      plans,
      ...(rows.length > 0 ? { investitionen: { columns: [], rows } } : {}),
      erlaeuterungen: [],
      kennzahlen: [],
    }));

  it('reads every written file back to the same file, with unique cells', () => {
    fc.assert(
      fc.property(fc.uniqueArray(nodeArb, { maxLength: 4, selector: (n) => n.code }), (nodes) => {
        const csv = toTidyCsv(budget(nodes));
        expect(roundTrip(csv)).toBe(csv);
        const keys: string[] = [];
        readCsvRecords(csv, (fields) => keys.push(JSON.stringify(fields.slice(0, 6))));
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 400 },
    );
  });
});
