/**
 * How a plan prints Aufwendungen/Auszahlungen, told from its amounts: `negative` (the NKF default and the
 * reference document's way: expenses negative, totals plain sums) or `positive` (expenses as positive
 * numbers, as Köln prints them). Counted over the schema's `out` lines; a tie (e.g. a plan of zeros) is
 * `negative`. Pure, for every importer that does not get the convention from a profile.
 */
import type { PlanLine } from './model.js';
import { schemaLine, type LineSchema } from './schema.js';

export function detectSigns(schema: LineSchema, lines: readonly PlanLine[]): 'negative' | 'positive' {
  let positive = 0;
  let negative = 0;
  for (const l of lines) {
    const sl = schemaLine(schema, l.line);
    if (sl?.flow !== 'out') continue;
    for (const c of l.cells) {
      if (c.amount > 0) positive++;
      else if (c.amount < 0) negative++;
    }
  }
  return positive > negative ? 'positive' : 'negative';
}
