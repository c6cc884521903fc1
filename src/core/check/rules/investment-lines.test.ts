import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../../../test/fixtures.js';
import type { Budget, Column, InvestmentTable, Plan } from '../../model.js';
import { investmentLines } from './investment-lines.js';
import { INVEST_COLUMNS, MINT, group, measure, row, table } from '../../../../test/investment-fixtures.js';

const PLAN_COLUMNS: readonly Column[] = INVEST_COLUMNS.slice(0, 7);

/** A Teilfinanzplan printing only line 26 and its totals 30–32, with Ansatz 2025 = `ansatz2025`. */
function tfp(ansatz2025: number): Plan {
  const v = [0, ansatz2025, 0, 0, 0, 0, 0];
  return plan('teilfinanzplan', { '26': v, '30': v, '31': v, '32': v }, { columns: PLAN_COLUMNS });
}

function run(t: InvestmentTable, p: Plan = tfp(-6_780)): string[] {
  const b: Budget = budget([node('43.03', 'produktgruppe', [p], { investitionen: t })]);
  return investmentLines
    .run(b)
    .map((f) => `${f.severity} ${f.node} ${f.plan} ${f.line} ${f.kind} ${f.year} ${f.difference}`);
}

describe('investment-lines', () => {
  it('accepts the reference: 430125MINT = line row 26 = Teilfinanzplan line 26', () => {
    expect(run(table([group(), measure('430125MINT', MINT), row('26', MINT)]))).toEqual([]);
  });

  it('reports a line row that is not the sum of the measures above it, per column', () => {
    const rowWrong = [0, -6_790, 0, 0, 0, 0, 0, -6_780, -6_780];
    expect(run(table([group(), measure('430125MINT', MINT), row('26', rowWrong)]))).toEqual([
      'error 43.03 investitionen 26 ansatz 2025 -1000',
      'error 43.03 teilfinanzplan 26 ansatz 2025 1000',
    ]);
  });

  it('reports a VE of a measure that its line row does not carry', () => {
    const withVe = [0, -6_780, 0, -20_000, 0, 0, 0, -6_780, -6_780];
    expect(run(table([group(), measure('M1', withVe), row('26', MINT)]))).toEqual([
      'error 43.03 investitionen 26 ve 2026 2000000',
    ]);
  });

  it('sums several measures and several groups', () => {
    const a = [0, -1_000, -500, 0, 0, 0, 0, -1_000, -1_500];
    const b = [0, -5_780, 500, 0, 0, 0, 0, -5_780, -5_280];
    const c = [0, -3_000, 0, 0, 0, 0, 0, -3_000, -3_000];
    const rows = [
      group(),
      measure('A', a),
      measure('B', b),
      row('26', [0, -6_780, 0, 0, 0, 0, 0, -6_780, -6_780]),
      group('OBERHALB'),
      measure('C', c),
      row('26', c),
    ];
    expect(run(table(rows), tfp(-9_780))).toEqual([]);
    expect(run(table(rows), tfp(-6_780))).toEqual(['error 43.03 teilfinanzplan 26 ansatz 2025 300000']);
    const f = investmentLines.run(
      budget([node('43.03', 'produktgruppe', [tfp(-6_780)], { investitionen: table(rows) })]),
    )[0]!;
    expect(f.message).toBe(
      'Teilfinanzplan 43.03, Zeile 26 (Auszahlungen für den Erwerb von beweglichem Anlagevermögen), Ansatz 2025: ' +
        'gedruckt -6.780 €, Summe der 2 Zeilen 26 der Investitionsübersicht ergibt -9.780 € ' +
        '(Differenz 3.000 €, durch Rundung nicht erklärbar: höchstens 1,50 €)',
    );
  });

  it('counts a Teilfinanzplan detail line that is not printed as 0', () => {
    const onlyTotals = plan(
      'teilfinanzplan',
      { '30': [0, -6_780, 0, 0, 0, 0, 0] },
      { columns: PLAN_COLUMNS },
    );
    expect(run(table([group(), measure('M1', MINT), row('26', MINT)]), onlyTotals)).toEqual([
      'error 43.03 teilfinanzplan 26 ansatz 2025 678000',
    ]);
  });

  it('reports 1 € between measures and line row as rounding', () => {
    const a = [0, -1_000, 0, 0, 0, 0, 0, -1_000, -1_000];
    const b = [0, -5_781, 0, 0, 0, 0, 0, -5_781, -5_781];
    expect(run(table([group(), measure('A', a), measure('B', b), row('26', MINT)]))).toEqual([
      'rounding 43.03 investitionen 26 ansatz 2025 100',
      'rounding 43.03 investitionen 26 bisher 2025 100',
      'rounding 43.03 investitionen 26 gesamt 2029 100',
    ]);
  });
});
