/**
 * Which importer reads a file, by its content: binary formats by their bytes (PDF, XLSX), then text formats by
 * the decoded text, in order — tidy CSV, long tables with one amount per row (or a descriptor naming the
 * amount's column), plan text, tables of plan lines. The first that matches imports the file; none matching is
 * a German error listing what was expected. A profile decides between the table importers.
 */
import path from 'node:path';
import {
  importAccountRows,
  importAccounts,
  importInferredAccountRows,
  importInferredAccounts,
  isAccountProfile,
  type AccountProfile,
} from './accounts/index.js';
import type { AccountMapping } from './accounts/mapping.js';
import { isPdf, isZip } from './decode.js';
import { importCsv, type TableProfile } from './table/index.js';
import { importPartCsv, importPartRows, looksLikePartCsv, partOf } from './parts/tables.js';
import { detectDelimiter } from './table/csv.js';
import { importText, looksLikePlanText } from './text/index.js';
import { importTidyCsv, looksLikeTidyCsv } from './tidy-csv/index.js';
import { importParts, looksLikeParts } from './parts/index.js';
import type { ImportResult } from './types.js';
import {
  importLongRows,
  importLongText,
  isLongProfile,
  looksLikeLongRows,
  looksLikeLongText,
  type LongProfile,
} from './long/index.js';
import { withoutGz, type PackageInfo, type ResourceInfo } from './long/datapackage.js';

export interface ImportOptions {
  /** Refuse an import with error findings (an unreadable amount) instead of leaving them out and reporting. */
  readonly strict?: boolean;
  readonly profile?: TableProfile | AccountProfile | LongProfile;
  /** A city's own account mapping (for account-level exports). */
  readonly mapping?: AccountMapping;
  /** Progress of a PDF import, page by page. */
  readonly onPdfPage?: (page: number, pages: number) => void;
  /** Called as each file's import begins (files are read one after another). */
  readonly onFile?: (file: string) => void;
  /** Progress of a long import, row by row (`what`: "Zeilen"), for a progress bar on a terminal. */
  readonly onProgress?: (done: number, total: number, what: string) => void;
  /** The file's resource in a Fiscal Data Package descriptor beside it (found by `importFiles`). */
  readonly dataPackage?: { readonly pkg: PackageInfo; readonly resource: ResourceInfo };
}

/** A format recognised by the file's bytes, before any decoding. */
interface BinaryFormat {
  readonly name: string;
  readonly matches: (bytes: Uint8Array, file: string) => boolean;
  readonly read: (bytes: Uint8Array, file: string, options: ImportOptions) => Promise<ImportResult>;
}

/** A format recognised by the decoded text. */
interface TextFormat {
  readonly name: string;
  readonly matches: (text: string, options: ImportOptions) => boolean;
  readonly read: (text: string, file: string, options: ImportOptions) => ImportResult;
}

/** Binary formats, tried in order. pdf.js and the XLSX reader load only when a file needs them (start-up time). */
export const BINARY_FORMATS: readonly BinaryFormat[] = [
  {
    name: 'PDF',
    matches: isPdf,
    read: async (bytes, file, options) => {
      const { importPdf } = await import('./pdf/index.js');
      // pdf.js wants a plain Uint8Array of its own, not a Node Buffer
      return importPdf(new Uint8Array(bytes), file, options.onPdfPage ? { onPage: options.onPdfPage } : {});
    },
  },
  {
    name: 'XLSX-Arbeitsmappe',
    matches: (bytes, file) => isZip(bytes) && /\.xlsx$/iu.test(withoutGz(file)),
    read: async (bytes, file, options) => {
      const { importXlsx } = await import('./table/xlsx.js');
      const { importTableRows } = await import('./table/index.js');
      const profile = options.profile;
      if (isAccountProfile(profile)) {
        return importXlsx(bytes, file, undefined, path.basename(file), (rows, sheetFile) =>
          importAccountRows(rows, sheetFile, profile, options.mapping),
        );
      }
      // a sheet with one amount per row is a long table, any other a table of plan lines
      return importXlsx(bytes, file, undefined, path.basename(file), (rows, sheetFile) =>
        isLongProfile(profile) || looksLikeLongRows(rows)
          ? importLongRows(rows, sheetFile, longOptions(options))
          : partOf(rows) !== undefined
            ? importPartRows(rows, sheetFile, true)
            : ((profile === undefined
                ? importInferredAccountRows(rows, sheetFile, options.mapping)
                : undefined) ?? importTableRows(rows as string[][], sheetFile, profile, path.basename(file))),
      );
    },
  },
];

/** A table separated by `;` or `,` (plan text separates its cells by tabs or aligns them with spaces). */
function separatedTable(text: string): boolean {
  if (text.slice(0, 200_000).includes('\t')) return false;
  const delimiter = detectDelimiter(text);
  if (delimiter === undefined || delimiter === '\t') return false;
  // most of the first lines split into the same number of cells (prose with commas does not), and the
  // cells are not aligned with runs of spaces (layout text with amounts in cents, `1.234,56`)
  const lines = text.split(/\r\n|\r|\n/u, 30).filter((l) => l.trim() !== '');
  if (lines.filter((l) => /\S {3,}\S/u.test(l)).length * 3 >= lines.length) return false;
  const counts = lines.map((l) => l.split(delimiter).length).filter((n) => n >= 3);
  const mode = Math.max(0, ...counts.map((n) => counts.filter((x) => x === n).length));
  return mode >= 2 && mode >= 0.6 * lines.length;
}

/** A table: among the first lines, at least two split into three or more cells by the detected delimiter. */
function looksTabular(text: string): boolean {
  const delimiter = detectDelimiter(text);
  if (delimiter === undefined) return false;
  const lines = text.split(/\r\n|\r|\n/u, 20).filter((l) => l.trim() !== '');
  return lines.filter((l) => l.split(delimiter).length >= 3).length >= 2;
}

/** What the long import takes of the options. */
function longOptions(options: ImportOptions): Parameters<typeof importLongText>[2] {
  const { profile, mapping, onProgress, dataPackage } = options;
  return {
    ...(isLongProfile(profile) ? { profile } : {}),
    ...(mapping ? { mapping } : {}),
    ...(onProgress
      ? {
          onProgress: (done: number, total: number): void => {
            onProgress(done, total, 'Zeilen');
          },
        }
      : {}),
    ...(dataPackage ? { pkg: dataPackage.pkg, resource: dataPackage.resource } : {}),
  };
}

/** A descriptor naming a column of the file's header as its measure (the amount): a long table. */
function describedAsLong(text: string, resource: ResourceInfo | undefined): boolean {
  if (!resource) return false;
  const firstLine = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  return [...resource.fields].some(([name, hint]) => hint.role === 'amount' && firstLine.includes(name));
}

/** Text formats, tried in order: the first that matches imports the file. */
const TEXT_FORMATS: readonly TextFormat[] = [
  { name: 'ein Tidy-CSV (Kopfzeile node,level,plan,…)', matches: looksLikeTidyCsv, read: importTidyCsv },
  {
    name: 'eine Tabelle mit einem Betrag je Zeile (Spalten wie Jahr, Plan/Ist, Ertrag/Aufwand, Betrag)',
    matches: (text, options) =>
      isLongProfile(options.profile) ||
      (options.profile === undefined &&
        (looksLikeLongText(text) || describedAsLong(text, options.dataPackage?.resource))),
    read: (text, file, options) => importLongText(text, file, longOptions(options)),
  },
  {
    name: 'eine Haushaltssatzung oder einen Haushaltsquerschnitt (Überschrift „Haushaltssatzung“, „Haushaltsquerschnitt“)',
    matches: (text, options) => options.profile === undefined && looksLikeParts(text),
    read: importParts,
  },
  {
    name: 'einen Haushaltsplan als Text (Überschriften wie „Teilergebnisplan Produktgruppe 12.01 …“)',
    // a table of plan lines separated by `;` or `,` may carry a section title above it: still a table
    matches: (text) => looksLikePlanText(text) && !separatedTable(text),
    read: importText,
  },
  {
    name: 'eine Entwicklung der Rücklagen oder einen Stellenplan als Tabelle',
    matches: (text, options) =>
      !isAccountProfile(options.profile) && !isLongProfile(options.profile) && looksLikePartCsv(text),
    read: (text, file) => importPartCsv(text, file),
  },
  {
    name: 'eine Tabelle mit Planzeilen (CSV)',
    matches: looksTabular,
    read: (text, file, options) =>
      isAccountProfile(options.profile)
        ? importAccounts(text, file, options.profile, options.mapping)
        : ((options.profile === undefined
            ? importInferredAccounts(text, file, options.mapping)
            : undefined) ??
          importCsv(
            text,
            file,
            isLongProfile(options.profile) ? undefined : options.profile,
            path.basename(file),
          )),
  },
];

/** Imports one decoded text by what it looks like. */
export function importContent(text: string, file: string, options: ImportOptions = {}): ImportResult {
  if (text.trim() === '')
    return {
      ok: false,
      errors: [
        { file, message: 'Die Datei ist leer (erwartet: ein Haushaltsplan als Text, CSV oder Tidy-CSV)' },
      ],
    };
  const format = TEXT_FORMATS.find((f) => f.matches(text, options));
  if (format) return format.read(text, file, options);
  const expected = TEXT_FORMATS.map((f) => f.name);
  return {
    ok: false,
    errors: [
      {
        file,
        line: 1,
        message: `Format nicht erkannt: erwartet ${expected.slice(0, -1).join(', ')} oder ${expected.at(-1)!}`,
      },
    ],
  };
}
