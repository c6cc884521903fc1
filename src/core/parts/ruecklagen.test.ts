import { describe, expect, it } from 'vitest';
import { halfStep, type Figure } from './figure.js';
import { ausgleichTest, hskTest } from './haushaltsausgleich.js';
import { recogniseRow, ruecklagenDifferences, type Ruecklagen, type RuecklagenRowId } from './ruecklagen.js';

/** A figure printed in Mio. € with one decimal (`690.0` → 690.0 Mio. €). */
const mio = (value: number): Figure => ({
  amount: Math.round(value * 10) * 10_000_000,
  unit: 'MioEUR',
  decimals: 1,
});

function development(years: Record<number, Partial<Record<RuecklagenRowId, number>>>): Ruecklagen {
  return {
    rows: [],
    unit: 'MioEUR',
    years: Object.entries(years).map(([year, rows]) => ({
      year: Number(year),
      figures: Object.fromEntries(Object.entries(rows).map(([id, v]) => [id, mio(v)])),
    })),
  };
}

describe('the figures of the development of the Rücklagen', () => {
  it('a figure printed in Mio. € with one decimal stands for ± 0,05 Mio. €', () => {
    expect(halfStep({ unit: 'MioEUR', decimals: 1 })).toBe(5_000_000);
    expect(halfStep({ unit: 'EUR', decimals: 2 })).toBe(0);
    expect(halfStep({ unit: 'TEUR', decimals: 0 })).toBe(50_000);
  });

  it('finds no error where the rounding of the printed figures explains the difference (Münster 2026)', () => {
    // 690,2 + 0,0 − 27,4 = 662,8, printed 662,9: three figures of ± 0,05 allow 0,15
    const r = development({
      2026: { allgemeineAnfang: 690.2, verrechnung: 0, entnahmeAllgemeine: -27.4, allgemeineEnde: 662.9 },
    });
    expect(ruecklagenDifferences(r)).toEqual([]);
  });

  it('reports a difference beyond the rounding, with the relation and the amounts', () => {
    const r = development({
      2026: { allgemeineAnfang: 690.2, verrechnung: 0, entnahmeAllgemeine: -27.4, allgemeineEnde: 663.1 },
    });
    // four figures of ± 0,05 Mio. € allow 0,20 Mio. €; 0,30 is beyond
    const d = ruecklagenDifferences(r);
    expect(d.map((x) => [x.year, x.row, x.difference])).toEqual([[2026, 'allgemeineEnde', 30_000_000]]);
    expect(d[0]!.computed).toEqual({ value: 66_280_000_000, tolerance: 15_000_000 });
  });

  it('checks the chain from one year to the next, the Jahresergebnis and its use', () => {
    const r = development({
      2025: { allgemeineAnfang: 100, allgemeineEnde: 95, entnahmeAllgemeine: -5, ausgleichEnde: 0 },
      2026: {
        allgemeineAnfang: 96,
        ausgleichAnfang: 0,
        jahresergebnisVor: -10,
        minderaufwand: 2,
        jahresergebnis: -7,
        entnahmeAllgemeine: -7,
        entnahmeAusgleich: 1,
      },
    });
    expect(ruecklagenDifferences(r).map((x) => `${x.year} ${x.row} ${x.relation}`)).toEqual([
      '2026 allgemeineAnfang Stand am 31.12.2025',
      '2026 jahresergebnis Jahresergebnis vor globalem Minderaufwand + globaler Minderaufwand',
      '2026 jahresergebnis Zuführung/Entnahme Ausgleichsrücklage + Zuführung/Entnahme allgemeine Rücklage (Verwendung des Jahresergebnisses)',
    ]);
  });

  it('recomputes the derived rows: threshold, distance and share', () => {
    const good = development({
      2027: { allgemeineAnfang: 662.9, entnahmeAllgemeine: -37.9, schwellenwert: 33.1, puffer: -4.7 },
    });
    expect(ruecklagenDifferences(good)).toEqual([]);
    const bad = development({
      2027: { allgemeineAnfang: 662.9, entnahmeAllgemeine: -37.9, schwellenwert: 34.5 },
    });
    expect(ruecklagenDifferences(bad).map((d) => d.row)).toEqual(['schwellenwert']);
  });

  it('recognises rows by their wording, not by one city’s labels', () => {
    const seen = new Set<RuecklagenRowId>();
    const ids = [
      'Allgemeine Rücklage am 01.01.',
      'Bestand Ausgleichsrücklage (Anfang des Jahres)',
      'Jahresergebnis (vor Berücksichtigung des globalen Minderaufwandes)',
      'Jahresfehlbetrag',
      'Puffer / Abstand bis zum Schwellenwert',
      'Schwellenwert nach § 76 Abs. 1 Nr. 2 GO (5,0%)',
      'Entnahme aus der Ausgleichsrücklage',
      'Zuführung/Entnahme allgemeine Rücklage',
      'Allgemeine Rücklage zum 31.12.',
      'Ein Sonderposten',
    ].map((l) => {
      const id = recogniseRow(l, seen);
      if (id) seen.add(id);
      return id;
    });
    expect(ids).toEqual([
      'allgemeineAnfang',
      'ausgleichAnfang',
      'jahresergebnisVor',
      'jahresergebnis',
      'puffer',
      'schwellenwert',
      'entnahmeAusgleich',
      'entnahmeAllgemeine',
      'allgemeineEnde',
      undefined,
    ]);
    // after the Entnahme row, "Inanspruchnahme der allgemeinen Rücklage" is the share
    expect(recogniseRow('Inanspruchnahme der allgemeinen Rücklage', seen)).toBe('anteil');
  });
});

describe('§ 76 Abs. 1 GO NRW and § 75 Abs. 2 GO NRW', () => {
  it('Nr. 2: more than a twentieth in two consecutive years requires a Haushaltssicherungskonzept', () => {
    const r = development({
      2026: { allgemeineAnfang: 100, entnahmeAllgemeine: -5.5 },
      2027: { allgemeineAnfang: 94.5, entnahmeAllgemeine: -4.0 },
      2028: { allgemeineAnfang: 90.5, entnahmeAllgemeine: -4.6 },
      2029: { allgemeineAnfang: 85.9, entnahmeAllgemeine: -4.6 },
    });
    const t = hskTest(r, 2026);
    expect(t.years.map((y) => y.twentieth)).toEqual(['ja', 'nein', 'ja', 'ja']);
    expect([t.nr1, t.nr2, t.nr2Years, t.required]).toEqual(['nein', 'ja', [2028, 2029], 'ja']);
  });

  it('Nr. 1: more than a quarter in one year; years before the budget year are not tested', () => {
    const r = development({
      2025: { allgemeineAnfang: 100, entnahmeAllgemeine: -60 },
      2026: { allgemeineAnfang: 40, entnahmeAllgemeine: -10.1 },
    });
    expect(hskTest(r, 2026).years.map((y) => y.year)).toEqual([2026]);
    expect(hskTest(r, 2026).nr1).toBe('ja');
    expect(hskTest(r).years.map((y) => y.year)).toEqual([2025, 2026]);
  });

  it('names the year the allgemeine Rücklage is used up (Nr. 3)', () => {
    const r = development({
      2026: { allgemeineAnfang: 10, entnahmeAllgemeine: -8, allgemeineEnde: 2 },
      2027: { allgemeineAnfang: 2, entnahmeAllgemeine: -5, allgemeineEnde: -3 },
      2028: { allgemeineAnfang: -3, entnahmeAllgemeine: -1, allgemeineEnde: -4 },
    });
    const t = hskTest(r, 2026);
    expect([t.usedUp, t.nr1, t.years.map((y) => y.year)]).toEqual([2027, 'ja', [2026, 2027]]);
  });

  it('says "unklar" where the rounding of the printed figures cannot decide', () => {
    // 5,0 of 100,0: the true reduction may be 4,95 … 5,05, the twentieth 4,9975 … 5,0025
    const r = development({ 2026: { allgemeineAnfang: 100, entnahmeAllgemeine: -5 } });
    expect(hskTest(r, 2026).years[0]!.twentieth).toBe('unklar');
  });

  it('§ 75: ausgeglichen, fiktiv ausgeglichen by the Ausgleichsrücklage, or not, with the uncovered part', () => {
    const r = development({
      2026: { jahresergebnis: 1, ausgleichAnfang: 0 },
      2027: { jahresergebnis: -10, ausgleichAnfang: 12 },
      2028: { jahresergebnis: -10, ausgleichAnfang: 2 },
    });
    expect(ausgleichTest(r, 2026).map((y) => [y.year, y.result, y.uncovered])).toEqual([
      [2026, 'ausgeglichen', undefined],
      [2027, 'fiktiv', undefined],
      [2028, 'nicht', 800_000_000],
    ]);
  });
});
