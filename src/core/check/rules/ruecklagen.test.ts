import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../../../test/fixtures.js';
import type { Column } from '../../model.js';
import type { Figure } from '../../parts/figure.js';
import type { Ruecklagen, RuecklagenRowId } from '../../parts/ruecklagen.js';
import { haushaltsausgleich75, hsk76 } from './haushaltsausgleich.js';
import { ruecklagenErgebnisplan, ruecklagenSummen } from './ruecklagen.js';

const mio = (v: number, line = 1): Figure => ({
  amount: Math.round(v * 10) * 10_000_000,
  unit: 'MioEUR',
  decimals: 1,
  source: { file: 'r.csv', line },
});

function development(years: Record<number, Partial<Record<RuecklagenRowId, number>>>): Ruecklagen {
  return {
    rows: [],
    unit: 'MioEUR',
    years: Object.entries(years).map(([year, rows]) => ({
      year: Number(year),
      figures: Object.fromEntries(Object.entries(rows).map(([id, v], i) => [id, mio(v, i + 2)])),
    })),
  };
}

const COLS: readonly Column[] = [
  { kind: 'ansatz', year: 2025 },
  { kind: 'ansatz', year: 2026 },
  { kind: 'planung', year: 2027 },
];

/** A Gesamtergebnisplan with lines 26 (Jahresergebnis), 27 (Minderaufwand), 28 and 33 (Verrechnungssaldo). */
function withPlan(r: Ruecklagen, je: readonly number[], minder: readonly number[], saldo: readonly number[]) {
  const after = je.map((v, i) => v + minder[i]!);
  return budget(
    [
      node('gesamt', 'haushalt', [
        plan('gesamtergebnisplan', { '26': je, '27': minder, '28': after, '33': saldo }, { columns: COLS }),
      ]),
    ],
    { year: 2026, parts: { ruecklagen: r } },
  );
}

describe('ruecklagen-ergebnisplan', () => {
  const r = development({
    2025: { jahresergebnisVor: -30.4, minderaufwand: 0.2, jahresergebnis: -30.3, verrechnung: 0.3 },
    2026: { jahresergebnisVor: -46.8, minderaufwand: 0, jahresergebnis: -46.8, verrechnung: 0 },
    2027: { jahresergebnisVor: -37.9, minderaufwand: 7, jahresergebnis: -30.9, verrechnung: 0 },
  });

  it('finds nothing when the plan agrees within the rounding of the Mio.-figures', () => {
    const b = withPlan(r, [-30_449_000, -46_765_030, -37_888_100], [180_000, 0, 7_000_000], [285_130, 0, 0]);
    expect(ruecklagenErgebnisplan.run(b)).toEqual([]);
  });

  it('reports a difference: an error in the planning period, a warning before it, at the printed figure', () => {
    const b = withPlan(
      r,
      [-47_275_529, -46_765_030, -36_888_100],
      [180_000, 0, 7_000_000],
      [285_130, 0, 1_000_000],
    );
    expect(
      ruecklagenErgebnisplan
        .run(b)
        .map((f) => `${f.severity} ${f.year} ${f.line} ${f.kind} ${f.source?.line}`),
    ).toEqual([
      'warning 2025 jahresergebnisVor ansatz 2',
      'warning 2025 jahresergebnis ansatz 4',
      'error 2027 jahresergebnisVor planung 2',
      'error 2027 jahresergebnis planung 4',
      'error 2027 verrechnung planung 5',
    ]);
    expect(ruecklagenErgebnisplan.run(b)[2]!.message).toBe(
      'Rücklagen 2027, Jahresergebnis vor globalem Minderaufwand: -37,9 Mio. €, der Gesamtergebnisplan nennt in Zeile 26 (Planung 2027) -36,888 Mio. € (Abweichung -1,01 Mio. €)',
    );
  });
});

describe('ruecklagen-summen, hsk-76 and haushaltsausgleich-75 as findings', () => {
  it('locates a broken chain at the printed figure and names the rounding it allows', () => {
    const b = budget([], {
      parts: {
        ruecklagen: development({
          2026: { allgemeineAnfang: 100, entnahmeAllgemeine: -6, allgemeineEnde: 93.5 },
        }),
      },
    });
    const f = ruecklagenSummen.run(b);
    expect(f.map((x) => `${x.severity} ${x.year} ${x.line} ${x.source?.line}`)).toEqual([
      'error 2026 allgemeineEnde 4',
    ]);
    expect(f[0]!.message).toBe(
      'Rücklagen 2026, Allgemeine Rücklage am 31.12.: gedruckt 93,5 Mio. €, Stand am 01.01. + Verrechnung (§ 44 Abs. 3 KomHVO NRW) + Zuführung/Entnahme ergibt 94,0 Mio. € (Abweichung -0,50 Mio. €; die Rundung der gedruckten Zahlen erklärt bis 0,15 Mio. €)',
    );
  });

  it('gives the § 76 result per year and overall, and the § 75 result per year', () => {
    const b = budget([], {
      year: 2026,
      parts: {
        ruecklagen: development({
          2026: { allgemeineAnfang: 100, ausgleichAnfang: 2, jahresergebnis: -7.5, entnahmeAllgemeine: -5.5 },
          2027: { allgemeineAnfang: 94.5, ausgleichAnfang: 0, jahresergebnis: -5, entnahmeAllgemeine: -5 },
        }),
      },
    });
    expect(hsk76.run(b).map((f) => `${f.severity} ${f.year ?? ''}`)).toEqual([
      'info 2026',
      'info 2027',
      'warning ',
    ]);
    expect(hsk76.run(b)[2]!.message).toBe(
      '§ 76 Abs. 1 GO NRW, Planungszeitraum 2026–2027: ein Haushaltssicherungskonzept ist aufzustellen; Nr. 1 (mehr als ein Viertel in einem Jahr): nein; Nr. 2 (mehr als ein Zwanzigstel in zwei aufeinanderfolgenden Jahren): ja (2026 und 2027)',
    );
    expect(haushaltsausgleich75.run(b).map((f) => `${f.severity} ${f.year}`)).toEqual([
      'warning 2026',
      'warning 2027',
    ]);
  });
});
