/**
 * Synthetic budgets for load tests and benchmarks, of any size, written in exactly the text layout of the
 * reference document (Kreis Coesfeld 2026, Produktbereich 43): a realistic hierarchy (Produktbereiche →
 * Produktgruppen → Produkte) with Teilergebnis- and Teilfinanzpläne on every level, Erläuterungen with
 * itemised entries, investment tables with threshold groups, Produktbeschreibungen with Kennzahlen, and page
 * breaks inside long texts. Amounts are drawn in cents with a seeded generator (`budget.ts`), totals and
 * parents are computed in cents, and every cell is rounded to whole euros on its own when printed
 * (`text.ts`): printed totals differ from the sum of their printed parts by rounding only, as in real plans.
 * Same options, same bytes. See docs/generator.md.
 */
import { drawBudget, type GeneratedBudget } from './budget.js';
import { Random } from './random.js';
import { budgetText } from './text.js';

export type { Amounts, GeneratedBudget, GeneratedMeasure, GeneratedNode, GeneratedLevel } from './budget.js';
export { allNodes } from './budget.js';

export interface GenerateOptions {
  /** Number of Produkte (at least 1). */
  readonly products: number;
  /** Seed of the pseudo-random generator: the same seed gives the same document. */
  readonly seed: number;
  /** The budget year (the "Ansatz Y" column), 2026 by default. */
  readonly year?: number;
  /** The municipality named in the descriptions, "Musterstadt" by default. */
  readonly municipality?: string;
  /** The running header under every section title, "Stadthaushalt" by default. */
  readonly header?: string;
}

/** The numbers behind `generateBudget(options)`: hierarchy and amounts in cents, before printing. */
export function generateBudgetData(options: GenerateOptions): GeneratedBudget {
  return drawBudget(options);
}

/** A synthetic budget as plan text (see the module comment). Throws a RangeError for invalid options. */
export function generateBudget(options: GenerateOptions): string {
  const budget = drawBudget(options);
  const header = options.header ?? 'Stadthaushalt';
  const municipality = options.municipality ?? 'Musterstadt';
  if (header.trim() === '' || /[\t\n\r]/u.test(header) || /[\t\n\r]/u.test(municipality)) {
    throw new RangeError('header and municipality must be single lines of text');
  }
  // the text has its own sequence, so that the amounts do not depend on how much text was drawn
  return budgetText(budget, { header, municipality }, Random.derive(options.seed, 0x7e47));
}

/**
 * Plan text cut into parts of `size` Produkte each, every part starting at a Produkt's Teilergebnisplan (for
 * printing a big plan in pieces, and for tests that need one stretch of it).
 */
export function planTextParts(text: string, size: number): string[] {
  const lines = text.split('\n');
  const result: string[] = [];
  let start = 0;
  let seen = 0;
  lines.forEach((line, i) => {
    if (!/^Teilergebnisplan Produkt /u.test(line) || lines[i - 1] !== '') return;
    if (++seen % size === 0) {
      result.push(lines.slice(start, i).join('\n'));
      start = i;
    }
  });
  result.push(lines.slice(start).join('\n'));
  return result;
}
