/**
 * Reading files into one budget: each file is read (a `.gz` file unpacked, up to the same size limit; the name
 * without `.gz` decides the format), decoded (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252),
 * recognised by its content through a short list of formats (PDF and XLSX by their bytes; tidy CSV, long tables
 * with one amount per row, plan text and tables of plan lines by their text) and imported; several files merge
 * into one budget. A `datapackage.json` (Fiscal Data Package) beside a data file is read with it; a folder or a
 * `datapackage.json` given as an argument stands for the data files it describes. Amounts that several files
 * publish alike are taken once and listed outside the plans for the others; what the importers derive (parents,
 * totals) is derived again over all files after the merge. Problems come back as German errors
 * naming the file; nothing is half imported, nothing throws.
 *
 * This module imports the files and merges them; `files.ts` reads them, `decode.ts` decodes them,
 * `detect.ts` picks each one's importer, `profiles.ts` reads profiles and mappings.
 */
import { mergeBudgets } from '../core/merge.js';
import type { Budget } from '../core/model.js';
import { reconcile, unreconciled, type FileLedger, type Reconciliation } from '../core/ledger.js';
import type { ImportError, ImportResult } from './types.js';
import type { ImportOptions } from './detect.js';
import { expandArguments, failed, readOne } from './files.js';
import { duplicatesOutside } from './duplicates.js';
import { deriveAgain, withoutDerived } from './derived.js';

export { decode, type Decoded } from './decode.js';
export { importContent, type ImportOptions } from './detect.js';
export { MAX_PDF_BYTES, MAX_TEXT_BYTES } from './files.js';
export { loadMapping, loadProfile, loadSideFiles } from './profiles.js';

/** The layout traits the import recognised in one file (German phrases), for the import report. */
export interface FileLayout {
  readonly file: string;
  readonly traits: readonly string[];
}

/** The files whose layout differs from the reference's plan text, with the traits recognised. */
export function layoutsOf(ledger: readonly FileLedger[]): FileLayout[] {
  return ledger.flatMap((l) => (l.layout && l.layout.length > 0 ? [{ file: l.file, traits: l.layout }] : []));
}

/** An import of files: the budget, every file's ledger, and its reconciliation (read = placed + outside). */
export type ImportFilesResult =
  | {
      readonly ok: true;
      readonly budget: Budget;
      readonly ledger: readonly FileLedger[];
      readonly reconciliation: readonly Reconciliation[];
    }
  | { readonly ok: false; readonly errors: readonly ImportError[] };

/**
 * Each file's import reconciled: every amount read is on a cell whose source names the file or outside the
 * plans with its reason, per column, to the cent. A difference is a defect of the importer, never passed on.
 */
function reconciled(
  file: string,
  result: ImportResult,
): { readonly errors: readonly ImportError[] } | { readonly rows: readonly Reconciliation[] } {
  if (!result.ok) return { errors: result.errors };
  const rows = reconcile(result.budget, result.ledger);
  const open = unreconciled(rows);
  if (open.length === 0) return { rows };
  return {
    errors: [
      {
        file,
        message:
          `Der Import geht nicht auf (ein Fehler von Haushalt, bitte melden): ${open.slice(0, 5).join('; ')}` +
          (open.length > 5 ? ` und ${open.length - 5} weitere Spalten` : ''),
      },
    ],
  };
}

/** With `strict`: error findings of the import (an unreadable amount, say) refuse the import. */
function strictErrors(budget: Budget): ImportError[] {
  return budget.notes
    .filter((n) => n.severity === 'error')
    .map((n) => ({
      file: n.source?.file ?? budget.files.join(', '),
      ...(n.source ? { line: n.source.line } : {}),
      ...(n.source?.page !== undefined ? { page: n.source.page } : {}),
      message: `${n.message} (--strict: der Import wird abgelehnt)`,
    }));
}

/** Imports files that together form one budget: each file on its own, reconciled, then merged. */
export async function importFiles(
  args: readonly string[],
  options: ImportOptions = {},
): Promise<ImportFilesResult> {
  if (args.length === 0) return failed('', 'Keine Datei angegeben');
  const expanded = await expandArguments(args);
  if (expanded.length === 0)
    return failed(args.join(', '), 'Die Beschreibung (datapackage.json) nennt keine vorhandene Datendatei');
  const files = expanded.map((e) => e.file);
  // one after another: the import is work for one thread, and a file that fails (or runs out of memory in
  // the server's import worker) is the one whose import began last
  const results: ImportResult[] = [];
  for (const e of expanded) {
    options.onFile?.(e.file);
    results.push(await readOne(e.file, e.dataPackage ? { ...options, dataPackage: e.dataPackage } : options));
  }
  const checked = results.map((r, i) => reconciled(files[i]!, r));
  const errors: ImportError[] = checked.flatMap((c) => ('errors' in c ? c.errors : []));
  if (errors.length > 0) return { ok: false, errors };
  const reconciliation = checked.flatMap((c) => ('rows' in c ? c.rows : []));
  const budgets: Budget[] = results.flatMap((r) => (r.ok ? [r.budget] : []));
  const ledger = results.flatMap((r) => (r.ok ? r.ledger : []));
  if (options.strict) {
    const refused = budgets.flatMap(strictErrors);
    if (refused.length > 0) return { ok: false, errors: refused };
  }
  if (budgets.length === 1) {
    const single = mergeBudgets(budgets);
    if (single.ok) return { ok: true, budget: single.budget, ledger, reconciliation };
  }
  // cells derived from one file's part (parents, totals) are derived again over all files after the merge
  const parts = budgets.length > 1 ? withoutDerived(budgets) : undefined;
  const merged = mergeBudgets(parts ? parts.budgets : budgets);
  if (merged.ok) {
    const budget = parts ? deriveAgain(merged.budget, parts.derived, parts.parents) : merged.budget;
    // amounts several files publish alike are on the plans once: for the other files, outside with that reason
    const final = duplicatesOutside(parts ? parts.budgets : budgets, ledger, budget);
    const rows = reconcile(budget, final);
    const open = unreconciled(rows);
    if (open.length > 0)
      return failed(
        files.join(', '),
        `Der Import geht nach dem Zusammenführen nicht auf (ein Fehler von Haushalt, bitte melden): ${open.slice(0, 5).join('; ')}`,
      );
    return { ok: true, budget, ledger: final, reconciliation: rows };
  }
  return {
    ok: false,
    errors: merged.conflicts.map((c) => {
      const at = c.sources.at(-1);
      return { file: at?.file ?? files.join(', '), ...(at ? { line: at.line } : {}), message: c.message };
    }),
  };
}
