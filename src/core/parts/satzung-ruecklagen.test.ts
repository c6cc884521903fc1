/**
 * The Satzung's Inanspruchnahme der Rücklagen (§ 4 of the Muster) reads the Ausgleichsrücklage at 1 January from
 * the development of the Rücklagen where the budget carries one (issue 18, small debt): the Fehlbetrag is split
 * between the Ausgleichsrücklage and the allgemeine Rücklage by that Bestand, with the rounding of its print;
 * a printed Satzung whose split differs is reported, one within the rounding is not.
 */
import { describe, expect, it } from 'vitest';
import { generateBudget } from '../../generate/index.js';
import { importText } from '../../importers/text/index.js';
import { satzung as satzungRule } from '../check/rules/parts-satzung.js';
import type { Budget } from '../model.js';
import { deriveRuecklagen } from './derive.js';
import type { Ruecklagen } from './ruecklagen.js';
import { deriveSatzung, jahresergebnis } from './satzung.js';

const r = importText(generateBudget({ products: 12, seed: 2, year: 2026 }), 'plan.txt');
if (!r.ok) throw new Error('import');
const plans: Budget = r.budget;
const fehlbetrag = -jahresergebnis(plans, 'ansatz', 2026)!;

/** A development whose Ausgleichsrücklage at 1 January 2026 covers a third of the Fehlbetrag, printed in Mio. €. */
function ruecklagen(): Ruecklagen {
  const exact = deriveRuecklagen(plans, {
    year: 2026,
    allgemeine: 900_000_000_00,
    ausgleich: Math.round(fehlbetrag / 3),
  })!;
  const y = exact.years[0]!;
  const anfang = y.figures.ausgleichAnfang!;
  // printed 12,3 Mio. € style: rounded to a tenth of a million
  const printed = {
    amount: Math.round(anfang.amount / 10_000_000) * 10_000_000,
    unit: 'MioEUR' as const,
    decimals: 1,
  };
  return { ...exact, unit: 'MioEUR', years: [{ ...y, figures: { ...y.figures, ausgleichAnfang: printed } }] };
}

describe('the Satzung’s use of the Rücklagen from the development of the Rücklagen', () => {
  it('splits the Fehlbetrag by the Ausgleichsrücklage at 1 January, with the print’s rounding', () => {
    expect(fehlbetrag).toBeGreaterThan(0);
    const part = ruecklagen();
    const bestand = part.years[0]!.figures.ausgleichAnfang!.amount;
    const s = deriveSatzung({ ...plans, parts: { ruecklagen: part } })!;
    expect(s.figures.ausgleichsruecklage!.amount).toBe(bestand);
    expect(s.figures.allgemeineRuecklage!.amount).toBe(fehlbetrag - bestand);
    expect(s.figures.ausgleichsruecklage!.tolerance).toBe(5_000_000);
    expect(s.ruecklagenBasis).toMatch(/laut Entwicklung der Rücklagen/u);
    // without the part: the treasurer's input, else all of it to the Ausgleichsrücklage
    expect(deriveSatzung(plans)!.figures.ausgleichsruecklage!.amount).toBe(fehlbetrag);
    expect(deriveSatzung(plans, { ausgleichsruecklage: 1_00 })!.figures.ausgleichsruecklage!.amount).toBe(
      1_00,
    );
  });

  it('reports a printed split the Bestand does not give; not one within the rounding', () => {
    const part = ruecklagen();
    const derived = deriveSatzung({ ...plans, parts: { ruecklagen: part } })!;
    const printed = (shift: number): Budget => ({
      ...plans,
      parts: {
        ruecklagen: part,
        satzung: {
          ...derived,
          derived: undefined,
          figures: {
            ...derived.figures,
            ausgleichsruecklage: { amount: derived.figures.ausgleichsruecklage!.amount + shift, decimals: 0 },
            allgemeineRuecklage: { amount: derived.figures.allgemeineRuecklage!.amount - shift, decimals: 0 },
          },
        } as never,
      },
    });
    const split = (b: Budget) =>
      satzungRule.run(b).filter((f) => f.line === 'ausgleichsruecklage' && f.severity === 'error');
    expect(split(printed(0))).toEqual([]);
    expect(split(printed(40_000_00))).toEqual([]);
    const found = split(printed(1_000_000_00));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/Bestand der Ausgleichsrücklage am 01\.01\.2026/u);
  });
});
