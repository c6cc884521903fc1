/**
 * Budgets read for a command: the options every command over files takes (`--profile`, `--mapping`,
 * `--strict`), the profile and mapping loaded, the files imported with progress bars on a terminal (PDF pages,
 * rows of long tables), import errors as German input errors.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Reconciliation } from '../core/ledger.js';
import type { Budget } from '../core/model.js';
import { formatCount } from '../core/money.js';
import {
  importFiles,
  layoutsOf,
  loadSideFiles,
  type FileLayout,
  type ImportOptions,
} from '../importers/index.js';
import { formatImportError, formatImportErrors } from '../importers/types.js';
import { InputError } from './errors.js';

export interface SourceOptions {
  readonly profile?: string;
  readonly mapping?: string;
  readonly strict?: boolean;
}

/** A budget read from files, with the reconciliation of their amounts. */
export interface Loaded {
  readonly budget: Budget;
  readonly reconciliation: readonly Reconciliation[];
  /** The layout traits recognised per file (where a file is not laid out like the reference's plan text). */
  readonly layouts: readonly FileLayout[];
}

/** A progress bar on standard error for imports of many rows (from 50,000 on), redrawn at most 20 times. */
function progressBar(): (done: number, total: number, what: string) => void {
  let shown = -1;
  return (done, total, what) => {
    if (total < 50_000) return;
    const step = Math.floor((done / total) * 20);
    if (step === shown && done < total) return;
    shown = step;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(
      `\r${what}: [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${formatCount(done)} von ${formatCount(total)}`,
    );
    if (done === total) process.stderr.write('\n');
  };
}

export async function loadWithReconciliation(
  files: readonly string[],
  source: SourceOptions,
): Promise<Loaded> {
  const side = await loadSideFiles(source);
  if (!side.ok) throw new InputError(formatImportError(side.error));
  const options: {
    profile?: ImportOptions['profile'];
    mapping?: ImportOptions['mapping'];
    strict?: boolean;
  } = {
    ...(source.strict ? { strict: true } : {}),
    ...(side.profile ? { profile: side.profile } : {}),
    ...(side.mapping ? { mapping: side.mapping } : {}),
  };
  // a progress bar for long PDFs, only where a person watches the terminal
  const progress = process.stderr.isTTY
    ? (page: number, pages: number): void => {
        if (pages < 20) return;
        const width = 30;
        const done = Math.round((page / pages) * width);
        process.stderr.write(
          `\rPDF: [${'#'.repeat(done)}${' '.repeat(width - done)}] Seite ${page} von ${pages}`,
        );
        if (page === pages) process.stderr.write('\n');
      }
    : undefined;
  // and for long tables with many rows (Bonn's SAP export: 414,000 rows)
  const rowProgress = process.stderr.isTTY ? progressBar() : undefined;
  const result = await importFiles(files, {
    ...options,
    ...(progress ? { onPdfPage: progress } : {}),
    ...(rowProgress ? { onProgress: rowProgress } : {}),
  });
  if (!result.ok) throw new InputError(formatImportErrors(result.errors));
  return { budget: result.budget, reconciliation: result.reconciliation, layouts: layoutsOf(result.ledger) };
}

export async function load(files: readonly string[], source: SourceOptions): Promise<Budget> {
  return (await loadWithReconciliation(files, source)).budget;
}

/** The files argument of a command over files. */
export function files(cmd: Command): Command {
  return cmd.argument(
    '<dateien...>',
    'eine oder mehrere Dateien (Text, Tidy-CSV, CSV, XLSX, PDF, auch .gz) oder Ordner mit datapackage.json, die zusammen einen Haushalt bilden',
  );
}

/** The options of how files are read (`SourceOptions`). */
export function sourceOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--profile <datei>',
        'Importprofil (JSON) für Tabellen, lange Tabellen und Kontenexporte, z. B. data/profiles/koeln-open-data.json',
      ),
    )
    .addOption(
      new Option(
        '--mapping <datei>',
        'Kontenrahmen-Zuordnung der Stadt (CSV) für Kontenexporte; ohne: gängige NRW-Zuordnung',
      ),
    )
    .addOption(
      new Option(
        '--strict',
        'unlesbare Beträge nicht auslassen und melden, sondern den Import ablehnen (für automatische Abläufe)',
      ),
    );
}
