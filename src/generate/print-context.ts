/**
 * What every section of the generated plan text shares (`text.ts` and the modules of its sections): the page
 * writer, the random source, the budget and its year, the options; a section's title; whole euros as printed.
 */
import { roundToEuro, type Cents } from '../core/money.js';
import type { GeneratedBudget, GeneratedNode } from './budget.js';
import type { PageWriter } from './pages.js';
import type { Random } from './random.js';

export interface TextOptions {
  /** The running header under every section title. */
  readonly header: string;
  /** The municipality, named in descriptions. */
  readonly municipality: string;
}

export interface PrintContext {
  readonly w: PageWriter;
  readonly rnd: Random;
  readonly budget: GeneratedBudget;
  readonly year: number;
  readonly options: TextOptions;
}

const LEVEL_WORD = { produktbereich: 'Produktbereich', produktgruppe: 'Produktgruppe', produkt: 'Produkt' };

/** A section's title: what it is, the node's level, code and name. */
export function title(kind: string, node: GeneratedNode): string {
  return `${kind} ${LEVEL_WORD[node.level]} ${node.code} ${node.name}`;
}

/** Whole euros as printed from cents. */
export function printedEuros(cents: Cents): number {
  return roundToEuro(cents) / 100;
}
