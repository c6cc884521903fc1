import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../../../test/fixtures.js';
import type { Budget, Column } from '../../model.js';
import { gesamtRollup } from './gesamt-rollup.js';

const ONE: readonly Column[] = [{ kind: 'ansatz', year: 2026 }];

function run(b: Budget): string[] {
  return gesamtRollup
    .run(b)
    .map((f) => `${f.severity} ${f.node} ${f.plan} ${f.line} ${f.kind} ${f.year} ${f.difference}`);
}

// PB 01 earns 100 and charges 10 internally to PB 02; the internal lines 27/28 cancel in the Gesamtplan
const pb01 = plan(
  'teilergebnisplan',
  { '02': [100], '10': [100], '18': [100], '22': [100], '26': [100], '27': [10], '29': [110], '31': [110] },
  { columns: ONE },
);
const pb02 = plan(
  'teilergebnisplan',
  { '02': [50], '10': [50], '18': [50], '22': [50], '26': [50], '28': [-10], '29': [40], '31': [40] },
  { columns: ONE },
);
const gesamt = (jahresergebnis: number) =>
  plan(
    'gesamtergebnisplan',
    { '02': [150], '10': [150], '18': [150], '22': [150], '26': [jahresergebnis], '28': [jahresergebnis] },
    { columns: ONE },
  );

describe('gesamt-rollup', () => {
  it('rolls Teil 01–25 onto the same Gesamt lines and Teil 29/31 onto Gesamt 26/28; 27/28 do not roll', () => {
    const b = budget([
      node('gesamt', 'haushalt', [gesamt(150)]),
      node('01', 'produktbereich', [pb01]),
      node('02', 'produktbereich', [pb02]),
    ]);
    expect(run(b)).toEqual([]);
  });

  it('reports a Gesamt line that is not the sum of the Teilpläne', () => {
    const b = budget([
      node('gesamt', 'haushalt', [gesamt(160)]),
      node('01', 'produktbereich', [pb01]),
      node('02', 'produktbereich', [pb02]),
    ]);
    expect(run(b)).toEqual([
      'error gesamt gesamtergebnisplan 26 ansatz 2026 1000',
      'error gesamt gesamtergebnisplan 28 ansatz 2026 1000',
    ]);
    expect(gesamtRollup.run(b)[0]!.message).toBe(
      'Gesamtergebnisplan, Zeile 26 (Jahresergebnis), Ansatz 2026: gedruckt 160 €, Summe der Teilergebnispläne ' +
        '(Zeile 29) der Produktbereiche 01 und 02 ergibt 150 € (Differenz 10 €, durch Rundung nicht erklärbar: höchstens 1,50 €)',
    );
  });

  it('reports 1 € per two Teilpläne as rounding', () => {
    const b = budget([
      node('gesamt', 'haushalt', [gesamt(151)]),
      node('01', 'produktbereich', [pb01]),
      node('02', 'produktbereich', [pb02]),
    ]);
    expect(run(b)).toEqual([
      'rounding gesamt gesamtergebnisplan 26 ansatz 2026 100',
      'rounding gesamt gesamtergebnisplan 28 ansatz 2026 100',
    ]);
  });

  it('sums over the top-level nodes only, not their children', () => {
    const b = budget([
      node('gesamt', 'haushalt', [gesamt(150)]),
      node('01', 'produktbereich', [pb01]),
      node('01.01', 'produktgruppe', [pb01], { parent: '01' }),
      node('02', 'produktbereich', [pb02]),
    ]);
    expect(run(b)).toEqual([]);
  });

  it('does not check, and says so, when a top-level node has no Teilplan', () => {
    const b = budget([
      node('gesamt', 'haushalt', [gesamt(999)]),
      node('01', 'produktbereich', [pb01]),
      node('18', 'produktbereich', []),
    ]);
    expect(gesamtRollup.run(b)).toEqual([
      {
        severity: 'info',
        rule: 'gesamt-rollup',
        message:
          'Gesamtergebnisplan: nicht gegen die Teilergebnispläne geprüft, weil 18 keinen Teilergebnisplan enthält',
        node: 'gesamt',
        plan: 'gesamtergebnisplan',
      },
    ]);
  });

  it('rolls the Teilfinanzpläne line by line onto the Gesamtfinanzplan', () => {
    const tfp = (v: number) =>
      plan('teilfinanzplan', { '02': [v], '09': [v], '17': [v], '32': [v] }, { columns: ONE });
    const b = (g: number) =>
      budget([
        node('gesamt', 'haushalt', [
          plan('gesamtfinanzplan', { '02': [g], '09': [g], '17': [g], '32': [g] }, { columns: ONE }),
        ]),
        node('01', 'produktbereich', [tfp(70)]),
        node('02', 'produktbereich', [tfp(30)]),
      ]);
    expect(run(b(100))).toEqual([]);
    expect(run(b(90))).toEqual([
      'error gesamt gesamtfinanzplan 02 ansatz 2026 -1000',
      'error gesamt gesamtfinanzplan 09 ansatz 2026 -1000',
      'error gesamt gesamtfinanzplan 17 ansatz 2026 -1000',
      'error gesamt gesamtfinanzplan 32 ansatz 2026 -1000',
    ]);
  });

  it('says nothing without a Haushalt node', () => {
    expect(run(budget([node('01', 'produktbereich', [pb01])]))).toEqual([]);
  });
});
