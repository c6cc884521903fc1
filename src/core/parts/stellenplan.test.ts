import { describe, expect, it } from 'vitest';
import {
  formatStellen,
  stellenChanges,
  stellenDifferences,
  type StellenCategory,
  type Stellenplan,
  type StellenRole,
  type StellenRow,
} from './stellenplan.js';

function row(role: StellenRole, code: string, values: Partial<Record<StellenCategory, number>>): StellenRow {
  return {
    role,
    code,
    name: code,
    values: Object.entries(values).map(([category, v]) => ({
      category: category as StellenCategory,
      year: 2026,
      value: Math.round(v * 1000),
    })),
  };
}

describe('the Stellenplan', () => {
  it('prints posts the German way with two decimals', () => {
    expect(formatStellen(6750)).toBe('6,75');
    expect(formatStellen(1_255_270)).toBe('1.255,27');
    expect(formatStellen(142_605)).toBe('142,605');
  });

  it('holds when Beamte + Tarif = Gesamt, units sum to their Produktbereich, Bereiche to the total', () => {
    const plan: Stellenplan = {
      years: [2026],
      rows: [
        row('einheit', '0102', { beamte: 5.62, tarif: 15.69, gesamt: 21.31 }),
        row('einheit', '0103', { beamte: 1, tarif: 6.75, gesamt: 7.75 }),
        row('produktbereich', '01', { beamte: 6.62, tarif: 22.44, gesamt: 29.06 }),
        row('einheit', '0201', { beamte: 1, tarif: 0, gesamt: 1 }),
        row('produktbereich', '02', { beamte: 1, tarif: 0, gesamt: 1 }),
        row('gesamt', '', { beamte: 7.62, tarif: 22.44, gesamt: 30.06 }),
      ],
    };
    expect(stellenDifferences(plan)).toEqual([]);
    const broken: Stellenplan = {
      ...plan,
      rows: plan.rows.map((r) =>
        r.code === '0103' ? row('einheit', '0103', { beamte: 1, tarif: 6.75, gesamt: 7.5 }) : r,
      ),
    };
    expect(
      stellenDifferences(broken).map((d) => `${d.row.code} ${d.category} ${d.printed.value} ${d.computed}`),
    ).toEqual(['0103 gesamt 7500 7750', '01 gesamt 29060 28810']);
  });

  it('adds pay groups to their sums and the sums of Beamte and Beschäftigte to the total', () => {
    const plan: Stellenplan = {
      years: [2026],
      rows: [
        row('besoldungsgruppe', 'A 13', { beamte: 6.75 }),
        row('besoldungsgruppe', 'A 11', { beamte: 10 }),
        row('summe-beamte', 'Summe Beamte', { beamte: 16.75 }),
        row('entgeltgruppe', 'EG 9c', { tarif: 12.25 }),
        row('summe-tarif', 'Summe Beschäftigte', { tarif: 12.5 }),
        row('gesamt', 'Insgesamt', { gesamt: 29.25 }),
      ],
    };
    expect(stellenDifferences(plan).map((d) => `${d.row.code} ${d.relation}`)).toEqual([
      'Summe Beschäftigte Summe der Entgeltgruppen EG 9c',
    ]);
  });

  it('lists the changes between the years', () => {
    const plan: Stellenplan = {
      years: [2026, 2027],
      rows: [
        {
          role: 'einheit',
          code: '0104',
          name: 'Gleichstellung',
          values: [
            { category: 'beamte', year: 2026, value: 1000 },
            { category: 'beamte', year: 2027, value: 1270 },
            { category: 'tarif', year: 2026, value: 6000 },
            { category: 'tarif', year: 2027, value: 6000 },
          ],
        },
      ],
    };
    expect(
      stellenChanges(plan).map((c) => [c.row.code, c.category, c.from, c.to, c.before, c.after]),
    ).toEqual([['0104', 'beamte', 2026, 2027, 1000, 1270]]);
  });
});
