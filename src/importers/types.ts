/**
 * What every importer returns: a budget, or errors that name the file, line (and page) and what was expected.
 * Importers never throw for bad input; an exception escaping one is a bug.
 */
import type { Budget } from '../core/model.js';

export interface ImportError {
  readonly file: string;
  readonly line?: number;
  readonly page?: number;
  /** German, for users: what was found and what was expected. */
  readonly message: string;
}

export type ImportResult =
  | { readonly ok: true; readonly budget: Budget }
  | { readonly ok: false; readonly errors: readonly ImportError[] };

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
