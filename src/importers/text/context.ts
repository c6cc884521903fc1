/**
 * What the plan-text recognition collects while it reads one document: errors (refusing the import), notes
 * (what it recognised but could not use), the file's ledger of amounts read and left outside the plans, and
 * the layout traits it recognised (reported with the import).
 */
import type { ImportNote, Source } from '../../core/model.js';
import { Ledger } from '../../core/ledger.js';
import type { ImportError } from '../types.js';
import { Traits } from '../recognise/traits.js';

const MAX_ERRORS = 50;

export class Context {
  readonly errors: ImportError[] = [];
  readonly notes: ImportNote[] = [];
  readonly ledger: Ledger;
  readonly traits = new Traits();
  constructor(readonly file: string) {
    this.ledger = new Ledger(file);
  }

  /** An error at a printed place (its line, and page for a PDF), or for the whole file. */
  error(at: { readonly source: Source } | Source | undefined, message: string): void {
    if (this.errors.length >= MAX_ERRORS) return;
    const source = at === undefined ? undefined : 'source' in at ? at.source : at;
    this.errors.push(
      source === undefined
        ? { file: this.file, message }
        : {
            file: this.file,
            line: source.line,
            ...(source.page !== undefined ? { page: source.page } : {}),
            message,
          },
    );
  }
}
