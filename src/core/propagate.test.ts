import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../test/fixtures.js';
import { dependents, editRefusal, jahresergebnisFactor, totalsContaining } from './propagate.js';
import { schemaById } from './schema.js';

const teil = (extra: Record<string, readonly number[]> = {}, signs?: 'positive') =>
  plan('teilergebnisplan', { '02': [1, 1, 1], '13': [-5, -5, -5], ...extra }, signs ? { signs } : {});

describe('edit propagation', () => {
  it('finds every total a line is part of, with its sign', () => {
    const schema = schemaById('nrw-2019-teilergebnisplan')!;
    const t = totalsContaining(schema.lines, '13');
    expect([...t.keys()]).toEqual(expect.arrayContaining(['17', '18', '22', '26', '29', '31']));
    expect(t.has('10')).toBe(false);
    expect(t.get('18')).toBe(1);
  });

  it('climbs to the parents and into the Gesamtplan through the roll-up', () => {
    const b = budget([
      node('gesamt', 'haushalt', [plan('gesamtergebnisplan', { '13': [-5, -5, -5] })]),
      node('1', 'produktbereich', [teil()]),
      node('1.01', 'produktgruppe', [teil()], { parent: '1' }),
    ]);
    const deps = dependents(b, { node: '1.01', plan: 'teilergebnisplan', line: '13' });
    const keys = deps.map((d) => `${d.node}/${d.plan}/${d.line}`);
    expect(keys).toContain('1.01/teilergebnisplan/17');
    expect(keys).toContain('1/teilergebnisplan/13');
    expect(keys).toContain('1/teilergebnisplan/31');
    expect(keys).toContain('gesamt/gesamtergebnisplan/13');
    expect(keys).toContain('gesamt/gesamtergebnisplan/26');
    expect(deps.every((d) => d.factor === 1)).toBe(true);
    expect(editRefusal(b, { node: '1', plan: 'teilergebnisplan', line: '13' })).toEqual({
      reason: 'derived',
      children: ['1.01'],
    });
    expect(editRefusal(b, { node: '1.01', plan: 'teilergebnisplan', line: '17' })).toMatchObject({
      reason: 'total',
    });
    expect(editRefusal(b, { node: '1.01', plan: 'teilergebnisplan', line: '13' })).toBeUndefined();
  });

  it('turns the sign where a plan prints Aufwendungen positive', () => {
    const b = budget([node('1', 'produktbereich', [teil({}, 'positive')])]);
    const deps = dependents(b, { node: '1', plan: 'teilergebnisplan', line: '13' });
    // +1 € printed on line 13 (an expense printed positive) is −1 € in the signed view: line 17 (also an
    // expense line) printed +1, line 18 (a balance) −1
    expect(deps.find((d) => d.line === '17')?.factor).toBe(1);
    expect(deps.find((d) => d.line === '18')?.factor).toBe(-1);
    expect(jahresergebnisFactor(b.nodes[0]!.plans[0]!, '13')).toBe(-1);
    expect(jahresergebnisFactor(b.nodes[0]!.plans[0]!, '02')).toBe(1);
    expect(jahresergebnisFactor(b.nodes[0]!.plans[0]!, '28')).toBe(0);
  });
});
