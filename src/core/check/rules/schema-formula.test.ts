import { describe, expect, it } from 'vitest';
import { budget, fullErgebnisplan, node, plan } from '../../../../test/fixtures.js';
import type { Budget, Column, Plan } from '../../model.js';
import { schemaFormula } from './schema-formula.js';

const ONE: readonly Column[] = [{ kind: 'ansatz', year: 2026 }];

function run(p: Plan): string[] {
  const b: Budget = budget([node('1', 'produktbereich', [p])]);
  return schemaFormula
    .run(b)
    .map((f) => `${f.severity} ${f.node} ${f.plan} ${f.line} ${f.kind} ${f.year} ${f.difference}`);
}

describe('schema-formula', () => {
  it('finds nothing in a consistent plan', () => {
    expect(
      run(plan('teilergebnisplan', fullErgebnisplan({ ertraege: 500, personal: 300, sach: 150 }))),
    ).toEqual([]);
  });

  it('reports a 1 € difference as rounding, at the total and the total above it', () => {
    const rows = fullErgebnisplan({ ertraege: 500, personal: 300, sach: 150 });
    rows['17'] = [-451];
    expect(run(plan('teilergebnisplan', rows, { columns: ONE }))).toEqual([
      'rounding 1 teilergebnisplan 17 ansatz 2026 -100',
      'rounding 1 teilergebnisplan 18 ansatz 2026 100',
    ]);
  });

  it('reports a 10 € difference as an error at that line and column, with a message a treasurer can act on', () => {
    const rows = fullErgebnisplan({ ertraege: 500, personal: 300, sach: 150 });
    // three columns: Ergebnis 2024, Ansatz 2025, Ansatz 2026; only Ansatz 2026 of line 17 is wrong
    const three = Object.fromEntries(Object.entries(rows).map(([l, [v]]) => [l, [v!, v!, v!]]));
    three['17'] = [-450, -450, -460];
    const b = budget([node('1', 'produktbereich', [plan('teilergebnisplan', three)])]);
    const findings = schemaFormula.run(b);
    expect(findings[0]).toEqual({
      severity: 'error',
      rule: 'schema-formula',
      message:
        'Teilergebnisplan 1, Zeile 17 (Ordentliche Aufwendungen), Ansatz 2026: gedruckt -460 €, Summe der ' +
        'Zeilen 11–16 ergibt -450 € (Differenz -10 €, durch Rundung nicht erklärbar: höchstens 3,50 €)',
      node: '1',
      plan: 'teilergebnisplan',
      line: '17',
      kind: 'ansatz',
      year: 2026,
      expected: -45_000,
      actual: -46_000,
      difference: -1_000,
      source: { file: 'fixture.txt', line: 17 },
    });
    expect(findings.map((f) => `${f.severity} ${f.line} ${f.kind} ${f.year} ${f.difference}`)).toEqual([
      'error 17 ansatz 2026 -1000',
      'error 18 ansatz 2026 1000',
    ]);
  });

  it('counts a detail line that is not printed as 0', () => {
    // a plan printing only its non-zero lines
    const rows = { '02': [500], '10': [500], '11': [-300], '13': [-150], '17': [-450], '18': [50] };
    expect(run(plan('teilergebnisplan', rows, { columns: ONE }))).toEqual([]);
    expect(run(plan('teilergebnisplan', { ...rows, '10': [520] }, { columns: ONE }))).toEqual([
      'error 1 teilergebnisplan 10 ansatz 2026 2000',
      'error 1 teilergebnisplan 18 ansatz 2026 -2000',
    ]);
  });

  it('derives a total that is not printed from its parts and does not report it', () => {
    // 17 not printed: 18 = 10 + (11 + 13); the uncertainty of the derived 17 is that of its two parts
    const rows = { '02': [500], '10': [500], '11': [-300], '13': [-150], '18': [50] };
    expect(run(plan('teilergebnisplan', rows, { columns: ONE }))).toEqual([]);
    // 18 with 10, 11, 13 printed: 4 cells of 0.50 € → up to 2 € is rounding, 3 € is not
    expect(run(plan('teilergebnisplan', { ...rows, '18': [52] }, { columns: ONE }))).toEqual([
      'rounding 1 teilergebnisplan 18 ansatz 2026 200',
    ]);
    expect(run(plan('teilergebnisplan', { ...rows, '18': [53] }, { columns: ONE }))).toEqual([
      'error 1 teilergebnisplan 18 ansatz 2026 300',
    ]);
    // a wrong part of a total that is not printed shows at the next printed total, not at the derived one
    expect(run(plan('teilergebnisplan', { ...rows, '13': [-170] }, { columns: ONE }))).toEqual([
      'error 1 teilergebnisplan 18 ansatz 2026 2000',
    ]);
  });

  it('allows no difference at all between amounts printed with cents', () => {
    const cents = (amount: number) => ({ column: ONE[0]!, amount, decimals: 2 as const });
    const p: Plan = {
      type: 'teilergebnisplan',
      schemaId: 'nrw-2019-teilergebnisplan',
      columns: ONE,
      lines: [
        { line: '02', label: 'Zuwendungen', cells: [cents(50_012)] },
        { line: '06', label: 'Kostenerstattungen', cells: [cents(1)] },
        { line: '10', label: 'Ordentliche Erträge', cells: [cents(50_012)] },
      ],
    };
    expect(run(p)).toEqual(['error 1 teilergebnisplan 10 ansatz 2026 -1']);
  });

  it('checks plans that print expenses as positive numbers after turning their signs', () => {
    const rows = { '02': [500], '10': [500], '11': [300], '13': [150], '17': [450], '18': [50] };
    expect(run(plan('teilergebnisplan', rows, { columns: ONE, signs: 'positive' }))).toEqual([]);
    // expected and actual stay in the plan's own print convention
    expect(
      run(plan('teilergebnisplan', { ...rows, '17': [440] }, { columns: ONE, signs: 'positive' })),
    ).toEqual([
      'error 1 teilergebnisplan 17 ansatz 2026 -1000',
      'error 1 teilergebnisplan 18 ansatz 2026 -1000',
    ]);
  });

  it('checks every plan type by its schema: Teilfinanzplan 09 = 01..08', () => {
    const rows = { '02': [100], '06': [20], '09': [121], '17': [121], '32': [121] };
    expect(run(plan('teilfinanzplan', rows, { columns: ONE }))).toEqual([
      'rounding 1 teilfinanzplan 09 ansatz 2026 100',
    ]);
  });
});
