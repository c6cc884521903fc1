import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../../../test/fixtures.js';
import type { Budget, Column } from '../../model.js';
import { parentSum } from './parent-sum.js';

const ONE: readonly Column[] = [{ kind: 'ansatz', year: 2026 }];

function run(b: Budget): string[] {
  return parentSum
    .run(b)
    .map((f) => `${f.severity} ${f.node} ${f.plan} ${f.line} ${f.kind} ${f.year} ${f.difference}`);
}

const teil = (rows: Record<string, number[]>) => plan('teilergebnisplan', rows, { columns: ONE });

describe('parent-sum', () => {
  const family = (parent: number, a: number, b: number): Budget =>
    budget([
      node('43', 'produktbereich', [teil({ '02': [parent], '10': [parent] })]),
      node('43.01', 'produktgruppe', [teil({ '02': [a], '10': [a] })], { parent: '43' }),
      node('43.03', 'produktgruppe', [teil({ '02': [b], '10': [b] })], { parent: '43' }),
    ]);

  it('finds nothing when the parent is the sum of its children', () => {
    expect(run(family(301, 100, 201))).toEqual([]);
  });

  it('reports 1 € as rounding (the reference: PB 43 line 02, Ergebnis 2024, 2.147.993 vs 2.031.756 + 116.238)', () => {
    expect(run(family(2_147_993, 2_031_756, 116_238))).toEqual([
      'rounding 43 teilergebnisplan 02 ansatz 2026 -100',
      'rounding 43 teilergebnisplan 10 ansatz 2026 -100',
    ]);
    const f = parentSum.run(family(2_147_993, 2_031_756, 116_238))[0]!;
    expect(f.message).toBe(
      'Teilergebnisplan 43, Zeile 02 (Zuwendungen und allgemeine Umlagen), Ansatz 2026: gedruckt 2.147.993 €, ' +
        'Summe der Produktgruppen 43.01 und 43.03 ergibt 2.147.994 € (Differenz -1 €, durch Rundung erklärbar: bis zu 1,50 €)',
    );
  });

  it('reports 10 € as an error at the parent line', () => {
    expect(run(family(291, 100, 201))).toEqual([
      'error 43 teilergebnisplan 02 ansatz 2026 -1000',
      'error 43 teilergebnisplan 10 ansatz 2026 -1000',
    ]);
  });

  it('compares a detail line the parent does not print (0) with the children that print it', () => {
    const b = budget([
      node('43', 'produktbereich', [teil({ '02': [300], '10': [300] })]),
      node('43.01', 'produktgruppe', [teil({ '02': [300], '06': [40], '10': [340] })], { parent: '43' }),
    ]);
    expect(run(b)).toEqual([
      'error 43 teilergebnisplan 06 ansatz 2026 -4000',
      'error 43 teilergebnisplan 10 ansatz 2026 -4000',
    ]);
    expect(parentSum.run(b)[0]!.message).toContain('Ansatz 2026: nicht gedruckt (zählt als 0 €)');
  });

  it('needs only one child with the plan; a child without it counts as 0 and makes a difference a warning', () => {
    const b = (parent: number): Budget =>
      budget([
        node('43.01', 'produktgruppe', [teil({ '02': [parent], '10': [parent] })]),
        node('43.01.01', 'produkt', [teil({ '02': [100], '10': [100] })], { parent: '43.01' }),
        node('43.01.02', 'produkt', [], { parent: '43.01' }),
      ]);
    expect(run(b(100))).toEqual([]);
    expect(run(b(150))).toEqual([
      'warning 43.01 teilergebnisplan 02 ansatz 2026 5000',
      'warning 43.01 teilergebnisplan 10 ansatz 2026 5000',
    ]);
    expect(parentSum.run(b(150))[0]!.message).toContain(
      'Summe der Produkte 43.01.01 und 43.01.02 (ohne Teilergebnisplan, als 0 gezählt: 43.01.02) ergibt 100 €',
    );
  });

  it('says nothing when no child prints the plan (products with a description only)', () => {
    const b = budget([
      node('43.01', 'produktgruppe', [teil({ '02': [100], '10': [100] })]),
      node('43.01.01', 'produkt', [], { parent: '43.01' }),
    ]);
    expect(run(b)).toEqual([]);
  });

  it('compares only the columns every child prints', () => {
    const two: Column[] = [
      { kind: 'ansatz', year: 2025 },
      { kind: 'ansatz', year: 2026 },
    ];
    const b = budget([
      node('1', 'produktbereich', [plan('teilergebnisplan', { '02': [999, 100] }, { columns: two })]),
      node('1.1', 'produktgruppe', [teil({ '02': [100] })], { parent: '1' }),
    ]);
    expect(run(b)).toEqual([]);
  });

  it('collapses a parent that misses most of its children into one warning', () => {
    const lines = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '11', '12'];
    const rows = (v: number) => Object.fromEntries(lines.map((l) => [l, [v]]));
    const b = budget([
      node('1', 'produktbereich', [teil(rows(1000))]),
      node('1.1', 'produktgruppe', [teil(rows(10))], { parent: '1' }),
    ]);
    const findings = parentSum.run(b);
    expect(findings.map((f) => `${f.severity} ${f.node} ${f.plan}`)).toEqual(['warning 1 teilergebnisplan']);
    expect(findings[0]!.message).toContain('vermutlich fehlen Teile des Haushalts im Import');
  });
});
