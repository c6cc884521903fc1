import { describe, expect, it } from 'vitest';
import type { Budget, BudgetNode, Level } from './model.js';
import { resolveParents, unitBudget } from './hierarchy.js';

function node(code: string, level: Level): BudgetNode {
  return { code, level, name: `Einheit ${code}`, plans: [], erlaeuterungen: [], kennzahlen: [] };
}

const budget: Budget = {
  title: 'Gemeindehaushalt',
  year: 2026,
  nodes: resolveParents([
    node('1', 'produktbereich'),
    node('1.1', 'produktgruppe'),
    node('1.1.1', 'produkt'),
    node('1.2', 'produktgruppe'),
    node('2', 'produktbereich'),
    node('2.1', 'produktgruppe'),
  ]),
  notes: [
    { severity: 'info', rule: 'a', message: 'unter 1.1', node: '1.1' },
    { severity: 'info', rule: 'b', message: 'unter 2', node: '2' },
    { severity: 'info', rule: 'c', message: 'ohne Einheit' },
  ],
  files: ['plan.txt'],
  parts: {},
};

describe('unitBudget', () => {
  it('keeps the unit, every unit below it and their notes, not the parts of the whole plan', () => {
    const part = unitBudget(budget, '1')!;
    expect(part.nodes.map((n) => n.code)).toEqual(['1', '1.1', '1.1.1', '1.2']);
    expect(part.notes.map((n) => n.rule)).toEqual(['a', 'c']);
    expect(part.parts).toBeUndefined();
    expect(part.title).toBe('Gemeindehaushalt');
    expect(part.year).toBe(2026);
  });

  it('gives a leaf alone and nothing for an unknown unit', () => {
    expect(unitBudget(budget, '1.1.1')!.nodes.map((n) => n.code)).toEqual(['1.1.1']);
    expect(unitBudget(budget, '3')).toBeUndefined();
  });
});
