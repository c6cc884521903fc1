import { describe, expect, it } from 'vitest';
import {
  budgetYearOf,
  centsRefusal,
  columnRefusal,
  isWholeEuroPlan,
  plausibilityQuestion,
  previousFigure,
} from './entry-rules.js';

const columns = [
  { kind: 'ergebnis', year: 2024, label: 'Ergebnis 2024' },
  { kind: 'ansatz', year: 2025, label: 'Ansatz 2025' },
  { kind: 'ansatz', year: 2026, label: 'Ansatz 2026' },
  { kind: 'planung', year: 2027, label: 'Planung 2027' },
];

describe('entry rules', () => {
  it('takes the budget year from the version, else from the VE column, else after the Ergebnis', () => {
    expect(budgetYearOf(columns, 2030)).toBe(2030);
    expect(budgetYearOf([...columns, { kind: 've', year: 2026 }])).toBe(2026);
    expect(budgetYearOf(columns)).toBe(2026);
    // a Doppelhaushalt: both Ansatz years are budget years
    expect(budgetYearOf([{ kind: 'ergebnis', year: 2023 }, ...columns])).toBe(2026);
    expect(budgetYearOf([{ kind: 'ansatz', year: 2026 }])).toBeUndefined();
  });

  it('keeps past and adopted years read-only: Ergebnis in a plan version, the Ansatz of the year before', () => {
    expect(columnRefusal({ kind: 'ansatz', year: 2025 }, 2026, 'anmeldung')).toBe(
      'Ansatz 2025 ist der beschlossene Haushalt des Vorjahres und steht nur zum Vergleich im Haushalt 2026; er ist nicht änderbar.',
    );
    expect(columnRefusal({ kind: 'ansatz', year: 2026 }, 2026, 'entwurf')).toBeUndefined();
    expect(columnRefusal({ kind: 'planung', year: 2027 }, 2026, 'entwurf')).toBeUndefined();
    expect(columnRefusal({ kind: 'ergebnis', year: 2024 }, 2026, 'entwurf')).toContain(
      'Ergebnis-Spalten sind in einer Planfassung nicht änderbar',
    );
    expect(columnRefusal({ kind: 'ergebnis', year: 2026 }, 2026, 'ergebnis')).toBeUndefined();
    expect(columnRefusal({ kind: 'ansatz', year: 2026 }, 2026, 'ergebnis')).toBe(
      'In einer Ergebnis-Fassung werden nur Ergebnis-Spalten erfasst.',
    );
    // without a budget year, no Ansatz is taken for last year's
    expect(columnRefusal({ kind: 'ansatz', year: 2025 }, undefined, 'entwurf')).toBeUndefined();
  });

  it('refuses cents in a whole-euro plan, naming whole amounts near it', () => {
    const whole = { lines: [{ cells: [{ decimals: 0 }, { decimals: null }] }] };
    const cents = { lines: [{ cells: [{ decimals: 0 }, { decimals: 2 }] }] };
    expect(isWholeEuroPlan(whole)).toBe(true);
    expect(isWholeEuroPlan(cents)).toBe(false);
    expect(centsRefusal(123_456, true)).toBe(
      'Dieser Plan wird in vollen Euro geführt: bitte einen Betrag ohne Cent eingeben (1.234,56 ist z. B. 1.234 oder 1.235).',
    );
    expect(centsRefusal(-123_456, true)).toContain('-1.234 oder -1.235');
    expect(centsRefusal(123_400, true)).toBeUndefined();
    expect(centsRefusal(123_456, false)).toBeUndefined();
  });

  it('asks about a change beyond both thresholds against the figure of the year before', () => {
    const amounts = [-90_000_00, -100_000_00, -110_000_00, null];
    expect(previousFigure(columns, amounts, 2)).toEqual({ label: 'Ansatz 2025', amount: -100_000_00 });
    // Planung 2027: against Ansatz 2026
    expect(previousFigure(columns, amounts, 3)).toEqual({ label: 'Ansatz 2026', amount: -110_000_00 });
    // Ansatz 2025: the year before has only an Ergebnis
    expect(previousFigure(columns, amounts, 1)).toEqual({ label: 'Ergebnis 2024', amount: -90_000_00 });
    expect(previousFigure(columns, [null, null, null, null], 2)).toBeUndefined();
    const t = { percent: 25, euros: 10_000 };
    const previous = { label: 'Ansatz 2025', amount: -100_000_00 };
    // 260 %: asked
    expect(plausibilityQuestion(-360_000_00, previous, t)).toBe(
      'Der neue Betrag -360.000 € weicht um 260 % (-260.000 €) von Ansatz 2025 (-100.000 €) ab. Ist das so gewollt?',
    );
    // 20 %: not asked; 50 % of a small line (5.000 €): not asked
    expect(plausibilityQuestion(-120_000_00, previous, t)).toBeUndefined();
    expect(plausibilityQuestion(-15_000_00, { label: 'Ansatz 2025', amount: -10_000_00 }, t)).toBeUndefined();
    // from nothing to much
    expect(plausibilityQuestion(50_000_00, { label: 'Ansatz 2025', amount: 0 }, t)).toContain('um 50.000 €');
    expect(plausibilityQuestion(50_000_00, undefined, t)).toBeUndefined();
  });
});
