import { describe, expect, it } from 'vitest';
import { budget, node } from '../../../../test/fixtures.js';
import type { Budget, InvestmentTable } from '../../model.js';
import { investmentTotal } from './investment-total.js';
import { MINT, group, measure, row, table } from '../../../../test/investment-fixtures.js';

function run(t: InvestmentTable): string[] {
  const b: Budget = budget([node('43.03', 'produktgruppe', [], { investitionen: t })]);
  return investmentTotal
    .run(b)
    .map((f) => `${f.severity} ${f.node} ${f.plan} ${f.line} ${f.kind} ${f.year} ${f.difference}`);
}

describe('investment-total', () => {
  it('accepts bisher + Ansatz 2026 + Planung 2027–2029 = Gesamtausgabe (the reference: 430125MINT, -6.780)', () => {
    expect(run(table([group(), measure('430125MINT', MINT), row('26', MINT)]))).toEqual([]);
  });

  it('leaves out Ergebnis, the Ansatz already in "bisher" and the VE', () => {
    // Ergebnis 2024 -1.000, Ansatz 2025 -6.780 (in bisher), VE -50.000: none of them counts again
    const m = [-1_000, -6_780, -100, -50_000, -200, 0, 0, -6_780, -7_080];
    expect(run(table([group(), measure('M1', m)]))).toEqual([]);
  });

  it('reports a Gesamtausgabe that is not the sum, at the measure and at the line row', () => {
    const wrong = [0, -6_780, 0, 0, 0, 0, 0, -6_780, -6_790];
    expect(run(table([group(), measure('430125MINT', wrong), row('26', wrong)]))).toEqual([
      'error 43.03 investitionen 430125MINT gesamt 2029 -1000',
      'error 43.03 investitionen 26 gesamt 2029 -1000',
    ]);
    const f = investmentTotal.run(
      budget([node('43.03', 'produktgruppe', [], { investitionen: table([measure('430125MINT', wrong)]) })]),
    )[0]!;
    expect(f.message).toBe(
      'Investitionen 43.03, Maßnahme 430125MINT (Maßnahme 430125MINT), Gesamtausgabe bis 2029: gedruckt -6.790 €, ' +
        'Summe aus Bisher bereitgestellt bis 2025, Ansatz 2026, Planung 2027, Planung 2028 und Planung 2029 ergibt ' +
        '-6.780 € (Differenz -10 €, durch Rundung nicht erklärbar: höchstens 3 €)',
    );
    expect(f.source).toEqual({ file: 'fixture.txt', line: 491 });
  });

  it('reports a difference within the rounding of the six cells as rounding', () => {
    const m = [0, 0, -100, 0, -200, -300, -400, -1_000, -2_003];
    expect(run(table([measure('M1', m)]))).toEqual(['rounding 43.03 investitionen M1 gesamt 2029 -300']);
  });

  it('says nothing for tables without "bisher" and "Gesamtausgabe" columns', () => {
    const t: InvestmentTable = { columns: table([]).columns.slice(0, 7), rows: [measure('M1', [0, 0, 5])] };
    expect(run(t)).toEqual([]);
  });
});
