import { describe, expect, it } from 'vitest';
import { importText } from './index.js';

const FIRST = 'Nr.\tBezeichnung\tErgebnis 2023\tAnsatz 2024\tAnsatz 2025';
const LATER = 'Nr.\tBezeichnung\tPlanung 2026\tPlanung 2027';
const row = (n: string, label: string, amounts: readonly number[]): string =>
  [n, label, ...amounts.map((a) => `${a}.000`)].join('\t');
const A = (n: string, label: string, k: number): string => row(n, label, [k, k + 1, k + 2]);
const P = (n: string, label: string, k: number): string => row(n, label, [k + 3, k + 4]);

describe('a plan continued with only its header, its planning years on the following page', () => {
  it('gives the rows to the plan they continue, not to the plan printed last', () => {
    // page 3 ends plan 0101 (header only) and begins plan 0102; page 4 repeats both in the planning years
    type Part = readonly [title: string | undefined, rows: readonly (readonly [string, string, number])[]];
    const rat = 'Teilergebnisplan Produktgruppe 0101 Rat';
    const wahlen = 'Teilergebnisplan Produktgruppe 0102 Wahlen';
    const page = (n: number, parts: readonly Part[]): string[] =>
      parts
        .flatMap(([title, rows]) => [
          ...(title !== undefined ? [title] : []),
          n % 2 === 1 ? FIRST : LATER,
          ...rows.map(([line, label, k]) => (n % 2 === 1 ? A : P)(line, label, k)),
        ])
        .concat(`Seite ${n}`);
    const start: Part = [
      rat,
      [
        ['01', 'Steuern und ähnliche Abgaben', 10],
        ['02', 'Zuwendungen und allgemeine Umlagen', 20],
      ],
    ];
    const end: readonly Part[] = [
      [
        undefined,
        [
          ['09', 'Bestandsveränderungen', 30],
          ['10', 'Ordentliche Erträge', 40],
        ],
      ],
      [wahlen, [['01', 'Steuern und ähnliche Abgaben', 50]]],
    ];
    const doc = [...page(1, [start]), ...page(2, [start]), ...page(3, end), ...page(4, end)].join('\n');
    const r = importText(doc, 'folgeseite.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const amounts = (code: string): (readonly [string, number[]])[] =>
      r.budget.nodes
        .find((n) => n.code === code)!
        .plans[0]!.lines.map((l) => [l.line, l.cells.map((c) => c.amount / 100_000)] as const);
    expect(amounts('0101')).toEqual([
      ['01', [10, 11, 12, 13, 14]],
      ['02', [20, 21, 22, 23, 24]],
      ['09', [30, 31, 32, 33, 34]],
      ['10', [40, 41, 42, 43, 44]],
    ]);
    expect(amounts('0102')).toEqual([['01', [50, 51, 52, 53, 54]]]);
  });
});

describe('a plan printed without line numbers, a label wrapped onto the line after the row before', () => {
  it('moves the line to the row whose label it begins, and takes the last label’s lines after the table', () => {
    const doc = [
      'Teilergebnisplan Produktgruppe 0101 Rat',
      'Bezeichnung\tErgebnis 2023\tAnsatz 2024\tAnsatz 2025',
      'Personalaufwendungen\t1.000\t2.000\t3.000',
      'Versorgungsaufwendungen\t4.000\t5.000\t6.000',
      'Aufwendungen für',
      'Sach- und Dienstleistungen\t7.000\t8.000\t9.000',
      'Teilergebnis nach\t1.000\t2.000\t3.000',
      'Abzug globaler',
      'Minderaufwand',
    ].join('\n');
    const r = importText(doc, 'ohne-nummern.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    expect(r.budget.nodes[0]!.plans[0]!.lines.map((l) => [l.line, l.label])).toEqual([
      ['11', 'Personalaufwendungen'],
      ['12', 'Versorgungsaufwendungen'],
      ['13', 'Aufwendungen für Sach- und Dienstleistungen'],
      ['31', 'Teilergebnis nach Abzug globaler Minderaufwand'],
    ]);
  });
});

describe('a plan without line numbers continued with its planning years, labels wrapped above their amounts', () => {
  it('continues each row by the text beside its amounts, in order, never a row of another line', () => {
    // pages 1 and 3: the first years; 2 and 4: the planning years; line 26 on page 1 and line 28 on page 3 print
    // "Leistungsbeziehungen" beside their amounts: line 28 is no continuation of line 26
    const rows = (later: boolean, printed: readonly (readonly [string[], number])[]): string[] =>
      printed.flatMap(([lines, k]) => [
        ...lines.slice(0, -1),
        [
          lines[lines.length - 1]!,
          ...(later ? [k + 3, k + 4] : [k, k + 1, k + 2]).map((a) => `${a}.000`),
        ].join('\t'),
      ]);
    const first: readonly (readonly [string[], number])[] = [
      [['Steuern und ähnliche', 'Abgaben'], 10],
      [['Zuwendungen und', 'allgemeine Umlagen'], 20],
      [['Ergebnis vor Berücksichtigung', 'der internen', 'Leistungsbeziehungen'], 30],
    ];
    const second: readonly (readonly [string[], number])[] = [
      [['Erträge aus internen Leistungsbeziehungen'], 40],
      [['Aufwendungen aus internen', 'Leistungsbeziehungen'], 50],
      [['Teilergebnis'], 60],
    ];
    const page = (n: number, printed: readonly (readonly [string[], number])[]): string[] => [
      ...(n === 1 ? ['Teilergebnisplan Produktgruppe 0101 Rat'] : []),
      (n % 2 === 1 ? FIRST : LATER).replace('Nr.\t', ''),
      ...rows(n % 2 === 0, printed),
      `Seite ${n}`,
    ];
    const doc = [...page(1, first), ...page(2, first), ...page(3, second), ...page(4, second)].join('\n');
    const r = importText(doc, 'ohne-nummern-folgeseite.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    expect(
      r.budget.nodes[0]!.plans[0]!.lines.map((l) => [
        l.line,
        l.label,
        l.cells.map((c) => c.amount / 100_000),
      ]),
    ).toEqual([
      ['01', 'Steuern und ähnliche Abgaben', [10, 11, 12, 13, 14]],
      ['02', 'Zuwendungen und allgemeine Umlagen', [20, 21, 22, 23, 24]],
      ['26', 'Ergebnis vor Berücksichtigung der internen Leistungsbeziehungen', [30, 31, 32, 33, 34]],
      ['27', 'Erträge aus internen Leistungsbeziehungen', [40, 41, 42, 43, 44]],
      ['28', 'Aufwendungen aus internen Leistungsbeziehungen', [50, 51, 52, 53, 54]],
      ['29', 'Teilergebnis', [60, 61, 62, 63, 64]],
    ]);
  });
});
