/**
 * Reading files into one budget: each file is read, decoded (UTF-8 with or without BOM, else Windows-1252),
 * recognised by its content (tidy CSV, plan text, a table of plan lines) and imported; several files merge
 * into one budget. Problems come back as German errors naming the file; nothing is half imported.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { mergeBudgets } from '../core/merge.js';
import type { Budget } from '../core/model.js';
import { importAccounts, isAccountProfile, type AccountProfile } from './accounts/index.js';
import { parseMappingCsv, type AccountMapping } from './accounts/mapping.js';
import { importCsv, type TableProfile } from './table/index.js';
import { detectDelimiter } from './table/csv.js';
import { importText, looksLikePlanText } from './text/index.js';
import { importTidyCsv, looksLikeTidyCsv } from './tidy-csv/index.js';
import type { ImportError, ImportResult } from './types.js';

/** Largest file read as text; larger plans are expected as PDF. */
export const MAX_TEXT_BYTES = 200 * 1024 * 1024;

export interface ImportOptions {
  readonly profile?: TableProfile | AccountProfile;
  /** A city's own account mapping (for account-level exports). */
  readonly mapping?: AccountMapping;
  /** Progress of a PDF import, page by page. */
  readonly onPdfPage?: (page: number, pages: number) => void;
}

export type Decoded =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** Control characters other than tab, line feed, form feed and carriage return: signs of binary data. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 127) return true;
  }
  return false;
}

function isPdf(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46
  );
}

function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

/** Bytes to text: UTF-8 (BOM removed), or Windows-1252 when the bytes are no valid UTF-8. */
export function decode(bytes: Uint8Array): Decoded {
  if (isPdf(bytes)) return { ok: false, message: 'ist eine PDF-Datei und kein Text' };
  if (isZip(bytes)) {
    return { ok: false, message: 'ist ein ZIP-Archiv, aber keine lesbare XLSX-Arbeitsmappe' };
  }
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) return { ok: false, message: 'ist keine Textdatei (enthält Nullbytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/u, '') };
  } catch {
    const text = new TextDecoder('windows-1252').decode(bytes);
    // control characters other than tab and line breaks: binary data, not a Windows text file
    if (hasControlCharacters(text.slice(0, 65_536)))
      return { ok: false, message: 'ist keine Textdatei (weder UTF-8 noch Windows-1252)' };
    return { ok: true, text };
  }
}

/** A table: among the first lines, at least two split into three or more cells by the detected delimiter. */
function looksTabular(text: string): boolean {
  const delimiter = detectDelimiter(text);
  if (delimiter === undefined) return false;
  const lines = text.split(/\r\n|\r|\n/u, 20).filter((l) => l.trim() !== '');
  return lines.filter((l) => l.split(delimiter).length >= 3).length >= 2;
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
  if (looksLikeTidyCsv(text)) return importTidyCsv(text, file);
  if (looksLikePlanText(text)) return importText(text, file);
  if (looksTabular(text)) {
    if (isAccountProfile(options.profile))
      return importAccounts(text, file, options.profile, options.mapping);
    return importCsv(text, file, options.profile, path.basename(file));
  }
  return {
    ok: false,
    errors: [
      {
        file,
        line: 1,
        message:
          'Format nicht erkannt: erwartet ein Tidy-CSV (Kopfzeile node,level,plan,…), einen Haushaltsplan als Text (Überschriften wie „Teilergebnisplan Produktgruppe 12.01 …“) oder eine Tabelle mit Planzeilen (CSV)',
      },
    ],
  };
}

async function readOne(file: string, options: ImportOptions): Promise<ImportResult> {
  let size: number;
  try {
    const s = await stat(file);
    if (s.isDirectory())
      return { ok: false, errors: [{ file, message: 'ist ein Verzeichnis, keine Datei' }] };
    size = s.size;
  } catch {
    return { ok: false, errors: [{ file, message: 'Datei nicht gefunden oder nicht lesbar' }] };
  }
  if (size > MAX_TEXT_BYTES) {
    return {
      ok: false,
      errors: [
        {
          file,
          message: `ist ${Math.round(size / 1024 / 1024)} MB groß; Text und CSV werden bis 200 MB gelesen`,
        },
      ],
    };
  }
  const bytes = await readFile(file);
  if (isPdf(bytes)) {
    // pdf.js and exceljs are loaded only when a file needs them: they cost start-up time for every command
    const { importPdf } = await import('./pdf/index.js');
    return importPdf(new Uint8Array(bytes), file, options.onPdfPage ? { onPage: options.onPdfPage } : {});
  }
  if (isZip(bytes) && /\.xlsx$/iu.test(file)) {
    const { importXlsx } = await import('./table/xlsx.js');
    return importXlsx(
      bytes,
      file,
      isAccountProfile(options.profile) ? undefined : options.profile,
      path.basename(file),
    );
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return { ok: false, errors: [{ file, message: decoded.message }] };
  return importContent(decoded.text, file, options);
}

/** Imports files that together form one budget. */
export async function importFiles(
  files: readonly string[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (files.length === 0) return { ok: false, errors: [{ file: '', message: 'Keine Datei angegeben' }] };
  const results = await Promise.all(files.map((f) => readOne(f, options)));
  const errors: ImportError[] = results.flatMap((r) => (r.ok ? [] : r.errors));
  if (errors.length > 0) return { ok: false, errors };
  const budgets: Budget[] = results
    .map((r) => (r.ok ? r.budget : undefined))
    .filter((b): b is Budget => b !== undefined);
  const merged = mergeBudgets(budgets);
  if (!merged.ok) {
    return {
      ok: false,
      errors: merged.conflicts.map((c) => ({
        file: c.source?.file ?? files.join(', '),
        ...(c.source ? { line: c.source.line } : {}),
        message: c.message,
      })),
    };
  }
  return merged;
}

/** Reads an import profile (see data/profiles); errors name the file and what is wrong. */
export async function loadProfile(
  file: string,
): Promise<{ ok: true; profile: TableProfile | AccountProfile } | { ok: false; error: ImportError }> {
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
  } catch {
    return { ok: false, error: { file, message: 'Datei nicht gefunden oder nicht lesbar' } };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return { ok: false, error: { file, message: decoded.message } };
  const r = parseMappingCsv(decoded.text, file);
  return r.ok ? r : { ok: false, error: { file, message: r.message } };
}
