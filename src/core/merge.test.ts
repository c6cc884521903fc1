import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../test/fixtures.js';
import type { BudgetNode, Erlaeuterung } from './model.js';
import { mergeBudgets } from './merge.js';

describe('mergeBudgets', () => {
  it('merges a plan printed over two files line by line and finds parents across files', () => {
    const a = budget([node('1', 'produktbereich', [plan('teilergebnisplan', { '01': [1, 2, 3] })])], {
      files: ['a'],
    });
    const b = budget(
      [
        node('1', 'produktbereich', [plan('teilergebnisplan', { '02': [4, 5, 6] })]),
        node('1.1', 'produktgruppe', []),
      ],
      {
        files: ['b'],
      },
    );
    const r = mergeBudgets([a, b]);
    if (!r.ok) throw new Error(r.conflicts[0]!.message);
    expect(r.budget.nodes.map((n) => [n.code, n.parent ?? null])).toEqual([
      ['1', null],
      ['1.1', '1'],
    ]);
    expect(r.budget.nodes[0]!.plans[0]!.lines.map((l) => l.line)).toEqual(['01', '02']);
    expect(r.budget.files).toEqual(['a', 'b']);
  });

  it('reports the same cell with different amounts, naming both places', () => {
    const a = budget([
      node('1', 'produktbereich', [plan('teilergebnisplan', { '01': [1, 2, 3] }, { file: 'a.csv' })]),
    ]);
    const b = budget([
      node('1', 'produktbereich', [plan('teilergebnisplan', { '01': [1, 9, 3] }, { file: 'b.csv' })]),
    ]);
    const r = mergeBudgets([a, b]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]!.message).toBe(
      'Teilergebnisplan 1, Zeile 01, Ansatz 2025: a.csv, Zeile 1 nennt 2 €, b.csv, Zeile 1 nennt 9 €',
    );
  });
});

describe('mergeBudgets: the same things printed twice', () => {
  const inv = (file: string, amount: number, name = ''): BudgetNode['investitionen'] => ({
    columns: [{ kind: 'ansatz', year: 2026 }],
    rows: [
      { type: 'group', label: name === '' ? '' : 'UNTERHALB 100.000 EUR' },
      {
        type: 'measure',
        number: '4301M',
        name,
        cells: [{ column: { kind: 'ansatz', year: 2026 }, amount, decimals: 2, source: { file, line: 7 } }],
      },
    ],
  });

  it('takes the cents a whole-euro print rounds from, and a printed label over none', () => {
    const whole = plan('teilergebnisplan', { '01': [1, 2, 3] }, { file: 'a.txt' });
    const cents = plan('teilergebnisplan', { '01': [1, 2, 3] }, { file: 'b.csv' });
    const b = {
      ...cents,
      lines: cents.lines.map((l) => ({
        ...l,
        label: '',
        cells: l.cells.map((c, i) => ({
          ...c,
          amount: c.amount + (i === 1 ? 49 : -50),
          decimals: 2 as const,
        })),
      })),
    };
    const r = mergeBudgets([
      budget([node('1', 'produktbereich', [whole])]),
      budget([node('1', 'produktbereich', [b])]),
    ]);
    if (!r.ok) throw new Error(r.conflicts[0]!.message);
    const line = r.budget.nodes[0]!.plans[0]!.lines[0]!;
    expect(line.label).toBe('Zeile 01');
    expect(line.cells.map((c) => [c.amount, c.decimals])).toEqual([
      [50, 2],
      [249, 2],
      [250, 2],
    ]);
  });

  it('reports a node at two levels, two sign conventions and different investment amounts', () => {
    const level = mergeBudgets([
      budget([node('1', 'produktbereich', [], { source: { file: 'a.txt', line: 3 } })]),
      budget([node('1', 'produktgruppe', [], { source: { file: 'b.txt', line: 5 } })]),
    ]);
    expect(level.ok ? [] : level.conflicts.map((c) => c.message)).toEqual([
      'Einheit 1: a.txt, Zeile 3 führt sie als Produktbereich, b.txt, Zeile 5 als Produktgruppe',
    ]);
    const signs = mergeBudgets([
      budget([
        node('1', 'produktbereich', [plan('teilergebnisplan', { '11': [1, 1, 1] }, { signs: 'positive' })]),
      ]),
      budget([node('1', 'produktbereich', [plan('teilergebnisplan', { '11': [-1, -1, -1] })])]),
    ]);
    expect(signs.ok ? [] : signs.conflicts.map((c) => c.message)).toEqual([
      'Teilergebnisplan 1: ohne Quelle druckt Aufwendungen positiv, ohne Quelle negativ',
    ]);
    const investments = mergeBudgets([
      budget([node('1', 'produktgruppe', [], { investitionen: inv('a.txt', -678000, 'MINT') })]),
      budget([node('1', 'produktgruppe', [], { investitionen: inv('b.csv', -679000) })]),
    ]);
    expect(investments.ok ? null : investments.conflicts).toEqual([
      {
        message:
          'Investitionen 1, Maßnahme 4301M, Ansatz 2026: a.txt, Zeile 7 nennt -6.780,00 €, b.csv, Zeile 7 nennt -6.790,00 €',
        sources: [
          { file: 'a.txt', line: 7 },
          { file: 'b.csv', line: 7 },
        ],
      },
    ]);
  });

  it('reports investment tables with different rows', () => {
    const other = inv('b.csv', -678000);
    const renamed = {
      ...other!,
      rows: other!.rows.map((r) => (r.type === 'measure' ? { ...r, number: '4302M' } : r)),
    };
    const r = mergeBudgets([
      budget([node('1', 'produktgruppe', [], { investitionen: inv('a.txt', -678000, 'MINT') })]),
      budget([node('1', 'produktgruppe', [], { investitionen: renamed })]),
    ]);
    expect(r.ok ? [] : r.conflicts.map((c) => c.message)).toEqual([
      'Investitionen 1: die Tabellen weichen ab, a.txt, Zeile 7 nennt Maßnahme 4301M, b.csv, Zeile 7 Maßnahme 4302M',
    ]);
  });

  it('keeps an investment table printed twice once, with its names, and Erläuterungen once', () => {
    const erl = (file: string): Erlaeuterung => ({
      plan: 'teilergebnisplan',
      line: '13',
      intro: ['Sachkosten'],
      items: [],
      closing: [],
      stated: [],
      source: { file, line: 1 },
    });
    const r = mergeBudgets([
      budget([
        node('1', 'produktgruppe', [], { investitionen: inv('b.csv', -678000), erlaeuterungen: [erl('a')] }),
      ]),
      budget([
        node('1', 'produktgruppe', [], {
          investitionen: inv('a.txt', -678000, 'MINT'),
          erlaeuterungen: [erl('b')],
        }),
      ]),
    ]);
    if (!r.ok) throw new Error(r.conflicts[0]!.message);
    const n = r.budget.nodes[0]!;
    expect(
      n.investitionen!.rows.map((x) => (x.type === 'group' ? x.label : x.type === 'measure' ? x.name : '')),
    ).toEqual(['UNTERHALB 100.000 EUR', 'MINT']);
    expect(n.erlaeuterungen).toHaveLength(1);
  });
});
