/** A table profile: what a finance system's or portal's table needs beyond what the importer detects itself. */
import type { Level } from '../../core/model.js';

/** What a format needs beyond what the importer detects itself; a small JSON file (see data/profiles). */
export interface TableProfile {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** Code columns by header (a regular expression, case-insensitive), top level first. */
  readonly nodeColumns?: readonly { readonly code: string; readonly name?: string; readonly level: Level }[];
  /** Nodes named only in the file name: the first capture group of `pattern` is the code. */
  readonly nodeFromFileName?: readonly { readonly pattern: string; readonly level: Level }[];
  /** The years of the budget: a column "Plan Y" is an Ansatz up to the last of them and a Planung after it. */
  readonly budgetYears?: readonly number[];
  /** Force how expenses are printed instead of detecting it. */
  readonly signs?: 'negative' | 'positive';
}
