/**
 * The parts of several files merged into one budget: each part comes from the one file that gives it (a plan
 * text and the Rücklagen table: the budget gets both); two files giving the same part are refused with a
 * German message naming both, since which of two printed developments or Stellenpläne is meant cannot be
 * decided. Generic over the parts (`BudgetParts`' keys). Pure.
 */
import type { Budget, Source } from '../model.js';
import type { BudgetParts } from './index.js';

/** German names of the parts, for messages (a part not named here is called by its key). */
export const PART_LABEL: Readonly<Record<string, string>> = {
  ruecklagen: 'die Entwicklung der Rücklagen',
  stellenplan: 'den Stellenplan',
};

export type PartsMerge =
  | { readonly ok: true; readonly parts?: BudgetParts }
  | { readonly ok: false; readonly message: string; readonly sources: readonly Source[] };

function sourceOf(part: unknown): Source | undefined {
  return (part as { source?: Source } | undefined)?.source;
}

/** The parts of the budgets, each from the one budget that gives it; two giving the same part conflict. */
export function mergeParts(budgets: readonly Budget[]): PartsMerge {
  const merged: Record<string, unknown> = {};
  const from: Record<string, Budget> = {};
  for (const b of budgets) {
    for (const [key, part] of Object.entries(b.parts ?? {})) {
      if (part === undefined) continue;
      const earlier = from[key];
      if (earlier) {
        const a = sourceOf(merged[key]);
        const c = sourceOf(part);
        const name = (x: Budget, s: Source | undefined): string => s?.file ?? x.files.join(', ');
        return {
          ok: false,
          message: `Zwei Dateien enthalten ${PART_LABEL[key] ?? key}: ${name(earlier, a)} und ${name(b, c)}; ein Haushalt hat nur einen solchen Teil (bitte eine der Dateien weglassen)`,
          sources: [a, c].filter((s): s is Source => s !== undefined),
        };
      }
      merged[key] = part;
      from[key] = b;
    }
  }
  return Object.keys(merged).length === 0 ? { ok: true } : { ok: true, parts: merged };
}
