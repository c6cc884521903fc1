/**
 * What the views of the Haushaltsplan's parts share (`parts-view.ts`, `parts-view-tables.ts`,
 * `parts-view-anlagen.ts`): a printed amount as the view carries it (cents, how it was printed, where) and the
 * keys of the findings that concern one value.
 */
import type { Finding } from '../core/findings.js';
import type { Source } from '../core/model.js';
import type { PartAmount } from '../core/parts/amounts.js';
import type { PartsView } from './contract/parts.js';

export type Keyed = Finding & { readonly key: string };

export type MoneyView = NonNullable<PartsView['ve']>['rows'][number]['ve'];

/** The keys of the findings of `rule` that `match` picks. */
export function keysOf(findings: readonly Keyed[], rule: string, match: (f: Finding) => boolean): string[] {
  return findings.filter((f) => f.rule === rule && match(f)).map((f) => f.key);
}

export const whereOf = (s: Source | undefined): Source | null => s ?? null;

export function money(a: PartAmount | undefined): MoneyView {
  if (!a) return null;
  return { amount: a.amount, decimals: a.decimals, scale: a.scale ?? null, source: whereOf(a.source) };
}
