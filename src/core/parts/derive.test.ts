import { describe, expect, it } from 'vitest';
import { generateBudget } from '../../generate/index.js';
import { importText } from '../../importers/text/index.js';
import { check } from '../check/index.js';
import type { Budget } from '../model.js';
import { deriveRuecklagen } from './derive.js';
import type { Ruecklagen, RuecklagenRowId } from './ruecklagen.js';

function generated(seed: number): Budget {
  const r = importText(generateBudget({ products: 12, seed, year: 2026 }), 'generated.txt');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

const RULES = new Set(['ruecklagen-summen', 'ruecklagen-ergebnisplan']);
const errorsOf = (b: Budget): string[] =>
  check(b)
    .filter((f) => RULES.has(f.rule) && f.severity === 'error')
    .map((f) => `${f.rule} ${f.year} ${f.line}`);

describe('the development of the Rücklagen derived from a generated budget', () => {
  for (const seed of [1, 2, 3]) {
    it(`equals the plans and holds its sums (seed ${seed}); a planted difference in any figure is reported there`, () => {
      const budget = generated(seed);
      const r = deriveRuecklagen(budget, { year: 2026, allgemeine: 50_000_000_00, ausgleich: 1_500_000_00 });
      expect(r).toBeDefined();
      const years = r!.years.map((y) => y.year);
      expect(years[0]).toBe(2026);
      expect(years.length).toBeGreaterThanOrEqual(2);
      const withParts: Budget = { ...budget, parts: { ruecklagen: r! } };
      expect(errorsOf(withParts)).toEqual([]);
      // each year's Jahresergebnis is covered: first the Ausgleichsrücklage, then the allgemeine Rücklage
      for (const y of r!.years) {
        const f = y.figures;
        expect(f.entnahmeAusgleich!.amount + f.entnahmeAllgemeine!.amount).toBe(f.jahresergebnis!.amount);
        expect(f.ausgleichEnde!.amount).toBeGreaterThanOrEqual(0);
      }
      // mutation over every cell of the part: 1 € more is beyond the rounding of whole euros
      for (const y of r!.years)
        for (const id of Object.keys(y.figures) as RuecklagenRowId[]) {
          const mutated: Ruecklagen = {
            ...r!,
            years: r!.years.map((x) =>
              x.year !== y.year
                ? x
                : {
                    ...x,
                    figures: {
                      ...x.figures,
                      [id]: { ...x.figures[id]!, amount: x.figures[id]!.amount + 100_00 },
                    },
                  },
            ),
          };
          const found = errorsOf({ ...budget, parts: { ruecklagen: mutated } });
          expect(found.length, `${y.year} ${id}`).toBeGreaterThan(0);
          expect(
            found.some((f) => f.includes(` ${y.year} `)),
            `${y.year} ${id}: ${found.join('; ')}`,
          ).toBe(true);
        }
    });
  }
});
