/**
 * What every importer returns: a budget, or errors that name the file, line (and page) and what was expected.
 * Importers never throw for bad input; an exception escaping one is a bug.
 */
import type { Budget } from '../core/model.js';
import type { FileLedger } from '../core/ledger.js';

export interface ImportError {
  readonly file: string;
  readonly line?: number;
  readonly page?: number;
  /** German, for users: what was found and what was expected. */
  readonly message: string;
}

/**
 * A budget with the ledger of every file it was read from (what was read, and what was left outside the plans
 * with its reason; `ledger.ts`), or errors.
 */
export type ImportResult =
  | { readonly ok: true; readonly budget: Budget; readonly ledger: readonly FileLedger[] }
  | { readonly ok: false; readonly errors: readonly ImportError[] };

/**
 * The errors of a refused import for a terminal: the first `limit` (each naming its place), then how many more
 * there are, so that a file refused at every one of its tables does not bury the first reason under a wall.
 */
export function formatImportErrors(errors: readonly ImportError[], limit = 10): string {
  const shown = errors.slice(0, limit).map(formatImportError);
  if (errors.length > limit) shown.push(`… und ${errors.length - limit} weitere Fehler`);
  return shown.join('\n');
}

export function formatImportError(e: ImportError): string {
  const where = [
    e.file,
    e.page !== undefined ? `Seite ${e.page}` : '',
    e.line !== undefined ? `Zeile ${e.line}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${e.message}`;
}
