import { describe, expect, it } from 'vitest';
import { check } from '../core/check/index.js';
import { toTidyCsv } from '../exporters/tidy-csv.js';
import { importText } from '../importers/text/index.js';
import { importTidyCsv } from '../importers/tidy-csv/index.js';
import { generateBudget } from './index.js';

describe('generateBudget', () => {
  it('is deterministic per seed', () => {
    expect(generateBudget({ products: 12, seed: 5 })).toBe(generateBudget({ products: 12, seed: 5 }));
    expect(generateBudget({ products: 12, seed: 5 })).not.toBe(generateBudget({ products: 12, seed: 6 }));
  });

  it('grows with the number of products', () => {
    const small = generateBudget({ products: 10, seed: 1 }).length;
    const large = generateBudget({ products: 100, seed: 1 }).length;
    expect(large).toBeGreaterThan(small * 5);
  });

  it.each([1, 2, 3, 4, 5])(
    'imports with the right hierarchy and checks without error or warning (seed %i)',
    (seed) => {
      const text = generateBudget({ products: 40, seed, year: 2025 });
      const r = importText(text, 'gen.txt');
      if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
      const products = r.budget.nodes.filter((n) => n.level === 'produkt');
      expect(products).toHaveLength(40);
      expect(
        products.every((p) => p.parent !== undefined && p.beschreibung !== undefined && p.plans.length === 2),
      ).toBe(true);
      expect(r.budget.year).toBe(2025);
      const findings = check(r.budget);
      expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
      expect(findings.some((f) => f.severity === 'rounding')).toBe(true);
      const items = r.budget.nodes.flatMap((n) => n.erlaeuterungen.flatMap((e) => e.items));
      expect(items.length).toBeGreaterThan(20);
      expect(items.every((i) => i.amount !== undefined && i.previous !== undefined)).toBe(true);
    },
  );

  it('round-trips through the tidy CSV', () => {
    const r = importText(generateBudget({ products: 30, seed: 9 }), 'gen.txt');
    if (!r.ok) throw new Error('import failed');
    const csv = toTidyCsv(r.budget);
    const back = importTidyCsv(csv, 'gen.csv');
    if (!back.ok) throw new Error(back.errors[0]!.message);
    expect(toTidyCsv(back.budget)).toBe(csv);
    expect(check(back.budget).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
