// The named layout variants (issue 15): at least eight, together showing every value of every trait, each
// printable, one of them the layout of the failing plans (expenses positive and results signed, an
// operator column, a three-row header); random variants are repeatable from their seed.
import { describe, expect, it } from 'vitest';
import {
  BENCHMARK_VARIANT,
  headerRowCount,
  renderLayout,
  TRAITS,
  traitValues,
  uncovered,
  variantProblem,
  VARIANTS,
} from '../../src/generate/layouts/index.js';
import { REFERENCE } from '../paths.js';
import { randomCaseSpec, randomVariant } from './cases.js';
import { referenceBudget } from './harness.js';

describe('named layout variants', () => {
  it('are at least eight, with distinct names, each printable', () => {
    expect(VARIANTS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(VARIANTS.map((v) => v.name)).size).toBe(VARIANTS.length);
    expect(VARIANTS.map(variantProblem).filter((p) => p !== undefined)).toEqual([]);
  });

  it('together show every value of every trait', () => {
    expect(uncovered(VARIANTS)).toEqual([]);
    // and coverage is computed: one variant alone leaves values uncovered
    expect(uncovered(VARIANTS.slice(0, 1)).length).toBeGreaterThan(0);
    for (const v of VARIANTS)
      for (const [trait, values] of Object.entries(traitValues(v)))
        for (const value of values) expect(TRAITS[trait as keyof typeof TRAITS]).toContain(value);
  });

  it('include expenses positive with results signed, an operator column and a three-row header', () => {
    const wanted = VARIANTS.filter(
      (v) => v.signs === 'expenses-positive' && v.operators !== 'none' && headerRowCount(v.header) === 3,
    );
    expect(wanted.map((v) => v.name)).not.toEqual([]);
  });

  it('have a most demanding one for the benchmark: four header rows, three-line labels, continued, years split', () => {
    const v = BENCHMARK_VARIANT;
    expect(variantProblem(v)).toBeUndefined();
    expect([headerRowCount(v.header), v.labelLines, v.plansPerPage, v.split, v.yearsSplit]).toEqual([
      4,
      3,
      'several',
      'continue',
      true,
    ]);
    const r = renderLayout(referenceBudget(REFERENCE), v);
    expect(r.pagination.pages.some((p) => p.chunks.length > 1 && p.chunks.some((c) => c.continued))).toBe(
      true,
    );
  });

  it('render the reference document on whole pages, T€ named where amounts are in thousands', () => {
    const budget = referenceBudget(REFERENCE);
    for (const v of VARIANTS) {
      const r = renderLayout(budget, v);
      expect(r.pageCount, v.name).toBeGreaterThan(0);
      expect(r.html.includes('>T€<'), v.name).toBe(v.unit === 'teur');
      expect(r.fodt.includes('>T€<'), v.name).toBe(v.unit === 'teur');
    }
  });
});

describe('random layout variants', () => {
  it('are repeatable from their seed and printable', () => {
    for (let seed = 1; seed <= 200; seed++) {
      expect(randomVariant(seed)).toEqual(randomVariant(seed));
      expect(variantProblem(randomVariant(seed)), String(seed)).toBeUndefined();
    }
    expect(randomCaseSpec(7)).toEqual(randomCaseSpec(7));
  });

  it('reach every trait value over a few hundred seeds', () => {
    expect(uncovered(Array.from({ length: 300 }, (_, i) => randomVariant(i + 1)))).toEqual([]);
  });
});
