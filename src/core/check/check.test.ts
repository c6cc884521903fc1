import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { budget, fullErgebnisplan, node, plan } from '../../../test/fixtures.js';
import type { Budget, Column, Plan } from '../model.js';
import { roundToEuro } from '../money.js';
import { schemaById } from '../schema.js';
import { RULES, check } from './index.js';

const ONE: readonly Column[] = [{ kind: 'ansatz', year: 2026 }];

function summary(b: Budget): string[] {
  return check(b).map(
    (f) =>
      `${f.severity} ${f.rule} ${f.node ?? ''} ${f.line ?? ''} ${f.kind ?? ''}${f.year ?? ''} ${f.difference ?? ''}`,
  );
}

describe('check', () => {
  it('finds nothing in a consistent plan', () => {
    const b = budget([
      node('1', 'produktbereich', [
        plan('teilergebnisplan', fullErgebnisplan({ ertraege: 500, personal: 300, sach: 150 }), {
          columns: ONE,
        }),
      ]),
    ]);
    expect(check(b)).toEqual([]);
  });

  it('reports a difference of 1 € as rounding and one of 10 € as an error at the total', () => {
    const rows = fullErgebnisplan({ ertraege: 500, personal: 300, sach: 150 });
    rows['17'] = [-451];
    expect(
      summary(budget([node('1', 'produktbereich', [plan('teilergebnisplan', rows, { columns: ONE })])])),
    ).toEqual([
      'rounding schema-formula 1 17 ansatz2026 -100',
      'rounding schema-formula 1 18 ansatz2026 100',
    ]);
    rows['17'] = [-460];
    const findings = check(
      budget([node('1', 'produktbereich', [plan('teilergebnisplan', rows, { columns: ONE })])]),
    );
    expect(findings[0]).toMatchObject({
      severity: 'error',
      rule: 'schema-formula',
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
    expect(findings[0]!.message).toContain(
      'Zeile 17 (Ordentliche Aufwendungen), Ansatz 2026: gedruckt -460 €',
    );
  });

  it('counts a detail line not printed as zero and derives a total not printed', () => {
    // only non-zero lines printed; 17 missing, 18 printed: 18 = 10 + (11 + 13)
    const rows = { '02': [500], '10': [500], '11': [-300], '13': [-150], '18': [50] };
    expect(
      check(budget([node('1', 'produktbereich', [plan('teilergebnisplan', rows, { columns: ONE })])])),
    ).toEqual([]);
    const wrong = { ...rows, '18': [70] };
    expect(
      summary(budget([node('1', 'produktbereich', [plan('teilergebnisplan', wrong, { columns: ONE })])])),
    ).toEqual(['error schema-formula 1 18 ansatz2026 2000']);
  });

  it('checks plans that print expenses as positive numbers', () => {
    const rows = { '02': [500], '10': [500], '11': [300], '13': [150], '17': [450], '18': [50] };
    const b = budget([
      node('1', 'produktbereich', [plan('teilergebnisplan', rows, { columns: ONE, signs: 'positive' })]),
    ]);
    expect(check(b)).toEqual([]);
    const wrong = budget([
      node('1', 'produktbereich', [
        plan('teilergebnisplan', { ...rows, '17': [440] }, { columns: ONE, signs: 'positive' }),
      ]),
    ]);
    expect(summary(wrong)).toEqual([
      'error schema-formula 1 17 ansatz2026 -1000',
      'error schema-formula 1 18 ansatz2026 -1000',
    ]);
  });

  it('compares a parent with the sum of its children', () => {
    const child = (v: number) => plan('teilergebnisplan', { '02': [v], '10': [v] }, { columns: ONE });
    const b = (parentValue: number) =>
      budget([
        node('1', 'produktbereich', [
          plan('teilergebnisplan', { '02': [parentValue], '10': [parentValue] }, { columns: ONE }),
        ]),
        node('1.1', 'produktgruppe', [child(100)], { parent: '1' }),
        node('1.2', 'produktgruppe', [child(201)], { parent: '1' }),
      ]);
    expect(check(b(301))).toEqual([]);
    expect(summary(b(300))).toEqual([
      'rounding parent-sum 1 02 ansatz2026 -100',
      'rounding parent-sum 1 10 ansatz2026 -100',
    ]);
    expect(summary(b(290))[0]).toBe('error parent-sum 1 02 ansatz2026 -1100');
  });

  it('rolls Teilpläne up into the Gesamtergebnisplan, Teil 29 onto Gesamt 26', () => {
    const teil = (v: number) =>
      plan(
        'teilergebnisplan',
        { '02': [v], '10': [v], '18': [v], '22': [v], '26': [v], '29': [v], '31': [v] },
        { columns: ONE },
      );
    const gesamt = (v: number) =>
      plan(
        'gesamtergebnisplan',
        { '02': [v], '10': [v], '18': [v], '22': [v], '26': [v], '28': [v] },
        { columns: ONE },
      );
    const b = (g: number) =>
      budget([
        node('gesamt', 'haushalt', [gesamt(g)]),
        node('1', 'produktbereich', [teil(100)]),
        node('2', 'produktbereich', [teil(50)]),
      ]);
    expect(check(b(150))).toEqual([]);
    const wrong = check(b(170)).filter((f) => f.rule === 'gesamt-rollup');
    expect(wrong.map((f) => f.line)).toEqual(['02', '10', '18', '22', '26', '28']);
    expect(wrong.every((f) => f.severity === 'error' && f.difference === 2000)).toBe(true);
  });

  it('warns when Erläuterung items exceed their line, for the Ansatz and the previous year', () => {
    const p = plan(
      'teilergebnisplan',
      { '13': [-1000, -900] },
      {
        columns: [
          { kind: 'ansatz', year: 2025 },
          { kind: 'ansatz', year: 2026 },
        ],
      },
    );
    const e = (amounts: number[], previous: number[]) => ({
      plan: 'teilergebnisplan' as const,
      line: '13',
      intro: [],
      closing: [],
      stated: [],
      year: 2026,
      items: amounts.map((a, i) => ({
        text: `Posten ${i}`,
        raw: '',
        amount: a * 100,
        previous: { kind: 'ansatz' as const, year: 2025, unchanged: false, amount: previous[i]! * 100 },
      })),
    });
    const ok = budget([node('1', 'produktbereich', [p], { erlaeuterungen: [e([500, 400], [600, 400])] })]);
    expect(check(ok).filter((f) => f.severity !== 'rounding')).toEqual([]);
    const bad = budget([node('1', 'produktbereich', [p], { erlaeuterungen: [e([500, 410], [600, 500])] })]);
    expect(summary(bad)).toEqual([
      'warning erlaeuterung-items 1 13 ansatz2025 10000',
      'warning erlaeuterung-items 1 13 ansatz2026 1000',
    ]);
  });

  it('checks investment measures against their line rows, the Teilfinanzplan and the Gesamtausgabe', () => {
    const columns: Column[] = [
      { kind: 'ansatz', year: 2026 },
      { kind: 'planung', year: 2027 },
      { kind: 'bisher', year: 2025 },
      { kind: 'gesamt', year: 2027 },
    ];
    const cells = (values: number[]) =>
      values.map((v, i) => ({ column: columns[i]!, amount: v * 100, decimals: 0 as const }));
    const investitionen = (measureTotal: number) => ({
      columns,
      rows: [
        { type: 'group' as const, label: 'OBERHALB' },
        {
          type: 'measure' as const,
          number: 'M1',
          name: 'Schule',
          cells: cells([-100, -50, -20, measureTotal]),
        },
        { type: 'measure' as const, number: 'M2', name: 'Straße', cells: cells([-10, 0, 0, -10]) },
        { type: 'line' as const, line: '25', label: 'Baumaßnahmen', cells: cells([-110, -50, -20, -180]) },
      ],
    });
    const tfp = plan(
      'teilfinanzplan',
      { '25': [-110, -50], '30': [-110, -50], '31': [-110, -50], '32': [-110, -50] },
      { columns: columns.slice(0, 2) },
    );
    expect(
      check(budget([node('1', 'produktbereich', [tfp], { investitionen: investitionen(-170) })])),
    ).toEqual([]);
    const bad = summary(budget([node('1', 'produktbereich', [tfp], { investitionen: investitionen(-190) })]));
    expect(bad).toEqual([
      'error investment-lines 1 25 gesamt2027 2000',
      'error investment-total 1 M1 gesamt2027 -2000',
    ]);
  });

  it('turns import notes into findings', () => {
    const b = budget([], {
      notes: [{ severity: 'info', rule: 'label-misprint', message: 'Druckfehler', node: '1', line: '29' }],
    });
    expect(check(b)).toEqual([
      { severity: 'info', rule: 'label-misprint', message: 'Druckfehler', node: '1', line: '29' },
    ]);
  });

  it('keeps its rule list read-only', () => {
    expect(Object.isFrozen(RULES)).toBe(true);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });

  it('never reports an error for consistent plans rounded cell by cell, always one for a 10 € change (property)', () => {
    const schema = schemaById('nrw-2019-teilergebnisplan')!;
    const detail = schema.lines.filter((l) => !l.sum).map((l) => l.line);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50_000_000, max: 50_000_000 }), {
          minLength: detail.length,
          maxLength: detail.length,
        }),
        fc.nat(),
        fc.integer({ min: 1_000, max: 10_000_000 }),
        fc.boolean(),
        (amounts, pick, delta, down) => {
          const exact = new Map<string, number>(detail.map((l, i) => [l, amounts[i]!]));
          for (const l of schema.lines)
            if (l.sum)
              exact.set(
                l.line,
                l.sum.reduce((s, t) => s + exact.get(t)!, 0),
              );
          const rows: Record<string, number[]> = {};
          for (const [line, cents] of exact) rows[line] = [roundToEuro(cents) / 100];
          const clean: Plan = plan('teilergebnisplan', rows, { columns: ONE });
          expect(
            check(budget([node('1', 'produktbereich', [clean])])).filter((f) => f.severity === 'error'),
          ).toEqual([]);
          const lines = [...exact.keys()];
          const target = lines[pick % lines.length]!;
          rows[target] = [rows[target]![0]! + (down ? -delta : delta) / 100];
          const errors = check(
            budget([node('1', 'produktbereich', [plan('teilergebnisplan', rows, { columns: ONE })])]),
          ).filter((f) => f.severity === 'error');
          const containing = new Set([
            target,
            ...schema.lines.filter((l) => l.sum?.includes(target)).map((l) => l.line),
          ]);
          expect(errors.some((f) => containing.has(f.line!))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
