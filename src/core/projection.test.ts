import { describe, expect, it } from 'vitest';
import { defaultGrowth, deviatesFromRule, grow, project, type ProjectionLine } from './projection.js';

const columns = [
  { kind: 'ergebnis', year: 2024 },
  { kind: 'ansatz', year: 2025 },
  { kind: 'ansatz', year: 2026 },
  { kind: 'planung', year: 2027 },
  { kind: 'planung', year: 2028 },
];
const line = (
  n: string,
  label: string,
  amounts: (number | null)[],
  extra: Partial<ProjectionLine> = {},
): ProjectionLine => ({
  line: n,
  label,
  total: false,
  editable: true,
  cells: amounts.map((amount, i) => ({ amount, rev: i })),
  ...extra,
});

describe('projection of planning years', () => {
  it('grows by basis points and rounds to whole euros, half away from zero', () => {
    expect(grow(-100_000_00, 100)).toBe(-101_000_00);
    expect(grow(150, 0)).toBe(200); // 1,50 € → 2 €
    expect(grow(-150, 0)).toBe(-200);
    expect(grow(149, 0)).toBe(100);
    expect(grow(123_456_789_00, 250)).toBe(126_543_209_00); // 123.456.789 × 1,025 = 126.543.208,73 → 126.543.209
  });

  it('uses the reference rule by default: Personalaufwendungen +1 %, others flat', () => {
    expect(defaultGrowth('Personalaufwendungen')).toBe(100);
    expect(defaultGrowth('Aufwendungen für Sach- und Dienstleistungen')).toBe(0);
  });

  it('compounds from the last Ansatz, skips totals, unchanged cells and lines without a base', () => {
    const lines = [
      line('11', 'Personalaufwendungen', [-90_00, -95_00, -1_000_000_00, -1_000_000_00, null]),
      line('13', 'Sachaufwendungen', [0, 0, -50_000_00, -50_000_00, -40_000_00]),
      line('17', 'Ordentliche Aufwendungen', [0, 0, -1, 0, 0], { total: true }),
      line('12', 'Versorgung', [0, 0, null, null, null]),
    ];
    const out = project(
      columns,
      lines,
      (l) => defaultGrowth(l.label),
      () => true,
    );
    expect(out).toEqual([
      { line: '11', column: { kind: 'planung', year: 2027 }, from: -1_000_000_00, to: -1_010_000_00, rev: 3 },
      { line: '11', column: { kind: 'planung', year: 2028 }, from: null, to: -1_020_100_00, rev: 4 },
      { line: '13', column: { kind: 'planung', year: 2028 }, from: -40_000_00, to: -50_000_00, rev: 4 },
    ]);
    // by default, line 13 (planned -50.000, then -40.000: not flat) is left as planned
    expect(project(columns, lines, (l) => defaultGrowth(l.label)).map((c) => c.line)).toEqual(['11', '11']);
  });

  it('leaves planned depreciation (-701/-608/-496) as planned unless chosen, and projects a flat line anew', () => {
    const cols = [...columns, { kind: 'planung', year: 2029 }];
    const abschreibung = line(
      '16',
      'Bilanzielle Abschreibungen',
      [0, -1_300_00, -1_260_00, -701_00, -608_00, -496_00],
    );
    const flat = line('13', 'Sachaufwendungen', [0, 0, -9_000_00, -8_000_00, -8_000_00, -8_000_00]);
    expect(deviatesFromRule(cols, abschreibung, 0)).toBe(true);
    expect(deviatesFromRule(cols, flat, 0)).toBe(false);
    // +1 % computed without rounding each year: a euro off is still the rule
    const personal = line(
      '11',
      'Personalaufwendungen',
      [0, 0, 0, -1_323_304_00, -1_336_537_00, -1_349_903_00],
    );
    expect(deviatesFromRule(cols, personal, 100)).toBe(false);
    expect(
      deviatesFromRule(
        cols,
        { ...personal, cells: personal.cells.map((c, i) => (i === 5 ? { ...c, amount: -1_349_905_00 } : c)) },
        100,
      ),
    ).toBe(true);
    const out = project(cols, [abschreibung, flat], () => 0);
    expect(out.map((c) => [c.line, c.column.year, c.to])).toEqual([
      ['13', 2027, -9_000_00],
      ['13', 2028, -9_000_00],
      ['13', 2029, -9_000_00],
    ]);
    // chosen, it is flattened like any other line
    expect(
      project(
        cols,
        [abschreibung],
        () => 0,
        () => true,
      ).map((c) => c.to),
    ).toEqual([-1_260_00, -1_260_00, -1_260_00]);
  });
});
