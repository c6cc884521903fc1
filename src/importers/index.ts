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
 */
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { mergeBudgets } from '../core/merge.js';
import type { Budget } from '../core/model.js';
import {
  importAccountRows,
  importAccounts,
  isAccountProfile,
  type AccountProfile,
} from './accounts/index.js';
import { parseMappingCsv, type AccountMapping } from './accounts/mapping.js';
import { importCsv, type TableProfile } from './table/index.js';
import { detectDelimiter } from './table/csv.js';
import { importText, looksLikePlanText } from './text/index.js';
import { importTidyCsv, looksLikeTidyCsv } from './tidy-csv/index.js';
import { reconcile, unreconciled, type FileLedger, type Reconciliation } from '../core/ledger.js';
import type { ImportError, ImportResult } from './types.js';
import {
  importLongRows,
  importLongText,
  isLongProfile,
  looksLikeLongRows,
  looksLikeLongText,
  type LongProfile,
} from './long/index.js';
import { longProfileProblem } from './long/profile.js';
import {
  findResource,
  packageFiles,
  withoutGz,
  type PackageInfo,
  type ResourceInfo,
} from './long/datapackage.js';
import { withNodesOfPackage } from './long/fdp.js';
import { duplicatesOutside } from './duplicates.js';
import { deriveAgain, withoutDerived } from './derived.js';

/** Largest text or table file read; larger plans are not expected as one file. */
export const MAX_TEXT_BYTES = 200 * 1024 * 1024;

/** Largest PDF read: plans of several thousand pages with images are larger than any text file. */
export const MAX_PDF_BYTES = 1500 * 1024 * 1024;

async function startsWithPdf(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return head.toString('latin1') === '%PDF-';
  } finally {
    await handle.close();
  }
}

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

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
const isPdf = (bytes: Uint8Array): boolean => startsWith(bytes, [0x25, 0x50, 0x44, 0x46]);
const isZip = (bytes: Uint8Array): boolean => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);

/** Binary formats, tried in order. pdf.js and the XLSX reader load only when a file needs them (start-up time). */
const BINARY_FORMATS: readonly BinaryFormat[] = [
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
          : importTableRows(rows as string[][], sheetFile, profile, path.basename(file)),
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
    name: 'einen Haushaltsplan als Text (Überschriften wie „Teilergebnisplan Produktgruppe 12.01 …“)',
    // a table of plan lines separated by `;` or `,` may carry a section title above it: still a table
    matches: (text) => looksLikePlanText(text) && !separatedTable(text),
    read: importText,
  },
  {
    name: 'eine Tabelle mit Planzeilen (CSV)',
    matches: looksTabular,
    read: (text, file, options) =>
      isAccountProfile(options.profile)
        ? importAccounts(text, file, options.profile, options.mapping)
        : importCsv(
            text,
            file,
            isLongProfile(options.profile) ? undefined : options.profile,
            path.basename(file),
          ),
  },
];

export type Decoded =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/**
 * Control characters other than tab, line feed, form feed and carriage return, and the C1 controls that
 * Windows-1252 leaves undefined: signs of binary data.
 */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || (c >= 127 && c <= 159)) return true;
  }
  return false;
}

/** Windows-1252 at 0x80–0x9F (the rest is Latin-1); the five bytes it leaves undefined stay C1 controls. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Node 20's TextDecoder('windows-1252') decodes as Latin-1 (0x80 → U+0080, not €): decoded here instead. */
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/gu, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Bytes to text: UTF-16 with BOM, UTF-8 (BOM removed), or Windows-1252 when the bytes are no valid UTF-8. */
export function decode(bytes: Uint8Array): Decoded {
  if (isPdf(bytes)) return { ok: false, message: 'ist eine PDF-Datei und kein Text' };
  if (isZip(bytes)) {
    return { ok: false, message: 'ist ein ZIP-Archiv, aber keine lesbare XLSX-Arbeitsmappe' };
  }
  const utf16 = startsWith(bytes, [0xff, 0xfe])
    ? 'utf-16le'
    : startsWith(bytes, [0xfe, 0xff])
      ? 'utf-16be'
      : '';
  if (utf16 !== '') {
    // Excel's "Unicode-Text" and some Windows tools write UTF-16 with a byte order mark
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
      if (!hasControlCharacters(text.slice(0, 65_536))) return { ok: true, text };
    } catch {
      // not UTF-16 after all: judged below like any other bytes
    }
  }
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) return { ok: false, message: 'ist keine Textdatei (enthält Nullbytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/u, '') };
  } catch {
    const text = decodeWindows1252(bytes);
    if (hasControlCharacters(text.slice(0, 65_536)))
      return { ok: false, message: 'ist keine Textdatei (weder UTF-8 noch Windows-1252)' };
    return { ok: true, text };
  }
}

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

function failed(file: string, message: string): { readonly ok: false; readonly errors: ImportError[] } {
  return { ok: false, errors: [{ file, message }] };
}

/** Why a file cannot be read, in German. */
function readProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'Datei nicht gefunden';
    case 'EACCES':
    case 'EPERM':
      return 'Datei nicht lesbar (keine Leseberechtigung)';
    case 'EISDIR':
      return 'ist ein Verzeichnis, keine Datei';
    default:
      return `Datei nicht lesbar${code ? ` (${code})` : ''}`;
  }
}

async function readOne(file: string, options: ImportOptions): Promise<ImportResult> {
  let bytes: Uint8Array;
  try {
    const s = await stat(file);
    if (s.isDirectory()) return failed(file, 'ist ein Verzeichnis, keine Datei');
    if (!s.isFile() && !s.isFIFO()) return failed(file, 'ist keine gewöhnliche Datei');
    const limit = s.size > MAX_TEXT_BYTES && (await startsWithPdf(file)) ? MAX_PDF_BYTES : MAX_TEXT_BYTES;
    if (s.size > limit) {
      const mb = Math.round(s.size / 1024 / 1024).toLocaleString('de-DE');
      const max = limit === MAX_PDF_BYTES ? '1.500 MB (PDF)' : '200 MB';
      return failed(file, `ist ${mb} MB groß; gelesen werden Dateien bis ${max}`);
    }
    bytes = await readFile(file);
  } catch (e) {
    return failed(file, readProblem(e));
  }
  if (isGzip(bytes)) {
    const unpacked = gunzip(bytes);
    if (typeof unpacked === 'string') return failed(file, unpacked);
    bytes = unpacked;
  }
  const binary = BINARY_FORMATS.find((f) => f.matches(bytes, file));
  if (binary) return binary.read(bytes, file, options);
  const decoded = decode(bytes);
  if (!decoded.ok) return failed(file, decoded.message);
  const described = options.dataPackage ?? (await findResource(file));
  const withPackage = described ? { ...options, dataPackage: described } : options;
  const result = importContent(decoded.text, file, withPackage);
  // Haushalt's own Fiscal Data Package: the names and the hierarchy from its resource einheiten
  if (result.ok && described?.pkg.ownExport && described.resource.name === 'haushalt')
    return withNodesOfPackage(result, described.pkg);
  return result;
}

const isGzip = (bytes: Uint8Array): boolean => startsWith(bytes, [0x1f, 0x8b]);

/** A gzip file unpacked, at most `MAX_TEXT_BYTES`; a German message when that is not possible. */
function gunzip(bytes: Uint8Array): Uint8Array | string {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_TEXT_BYTES });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      return 'ist gzip-gepackt und entpackt größer als 200 MB; gelesen werden Dateien bis 200 MB';
    return `ist als gzip-Datei beschädigt (${code ?? 'nicht entpackbar'})`;
  }
}

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

/**
 * The files the arguments stand for: a folder holding a `datapackage.json`, or a `datapackage.json`, stands for
 * the data files it describes (each read with its resource); a file named twice is read once.
 */
async function expandArguments(
  args: readonly string[],
): Promise<{ readonly file: string; readonly dataPackage?: ImportOptions['dataPackage'] }[]> {
  const out: { file: string; dataPackage?: ImportOptions['dataPackage'] }[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    const pkg = await packageFiles(arg);
    const entries = pkg
      ? pkg.files.map((file) => {
          const resource = pkg.pkg.resources.find((r) => withoutGz(r.file) === withoutGz(path.resolve(file)));
          return resource ? { file, dataPackage: { pkg: pkg.pkg, resource } } : { file };
        })
      : [{ file: arg }];
    for (const e of entries) {
      const key = path.resolve(e.file);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(e);
    }
  }
  return out;
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

/** Reads an import profile (see data/profiles); errors name the file and what is wrong. */
export async function loadProfile(
  file: string,
): Promise<
  { ok: true; profile: TableProfile | AccountProfile | LongProfile } | { ok: false; error: ImportError }
> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return {
      ok: false,
      error: { file, message: `Profil nicht lesbar: ${e instanceof Error ? e.message : String(e)}` },
    };
  }
  const p = raw as { id?: unknown; title?: unknown } | null;
  if (typeof p !== 'object' || p === null || typeof p.id !== 'string' || typeof p.title !== 'string') {
    return { ok: false, error: { file, message: 'Profil braucht mindestens die Felder „id“ und „title“' } };
  }
  if (isLongProfile(raw)) {
    const problem = longProfileProblem(raw);
    return problem ? { ok: false, error: { file, message: problem } } : { ok: true, profile: raw };
  }
  if (isAccountProfile(raw)) {
    if (typeof raw.columns !== 'object' || typeof raw.productCode !== 'object') {
      return {
        ok: false,
        error: {
          file,
          message: 'Kontenprofil braucht „columns“ (product, account) und „productCode“ (pattern, levels)',
        },
      };
    }
    try {
      new RegExp(raw.productCode.pattern, 'u');
    } catch {
      return {
        ok: false,
        error: {
          file,
          message: `Muster „${raw.productCode.pattern}“ in productCode ist kein gültiger regulärer Ausdruck`,
        },
      };
    }
    return { ok: true, profile: raw };
  }
  const table = raw as TableProfile;
  for (const f of table.nodeFromFileName ?? []) {
    try {
      new RegExp(f.pattern, 'u');
    } catch {
      return {
        ok: false,
        error: {
          file,
          message: `Muster „${f.pattern}“ in nodeFromFileName ist kein gültiger regulärer Ausdruck`,
        },
      };
    }
  }
  return { ok: true, profile: table };
}

/** Reads a city's account mapping CSV (see src/importers/accounts/mapping.ts). */
export async function loadMapping(
  file: string,
): Promise<{ ok: true; mapping: AccountMapping } | { ok: false; error: ImportError }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return { ok: false, error: { file, message: readProblem(e) } };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return { ok: false, error: { file, message: decoded.message } };
  const r = parseMappingCsv(decoded.text, file);
  return r.ok ? r : { ok: false, error: { file, message: r.message } };
}
