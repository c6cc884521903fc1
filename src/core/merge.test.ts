import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../test/fixtures.js';
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
      '1 teilergebnisplan Zeile 01 ansatz 2025: a.csv, Zeile 1 und b.csv, Zeile 1 nennen verschiedene Beträge',
    );
  });
});
