/**
 * Reading the files an import is given: the arguments expanded (a folder or `datapackage.json` stands for the
 * data files it describes), each file read within its size limit (a `.gz` file unpacked, up to the same limit;
 * the name without `.gz` decides the format), decoded and handed to its importer (`detect.ts`) with the
 * descriptor beside it. Why a file cannot be read comes back in German.
 */
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode, isGzip } from './decode.js';
import { BINARY_FORMATS, importContent, type ImportOptions } from './detect.js';
import type { ImportError, ImportResult } from './types.js';
import { findResource, packageFiles, withoutGz } from './long/datapackage.js';
import { withNodesOfPackage } from './long/fdp.js';

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

export function failed(
  file: string,
  message: string,
): { readonly ok: false; readonly errors: ImportError[] } {
  return { ok: false, errors: [{ file, message }] };
}

/** Why a file cannot be read, in German. */
export function readProblem(e: unknown): string {
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

export async function readOne(file: string, options: ImportOptions): Promise<ImportResult> {
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

/**
 * The files the arguments stand for: a folder holding a `datapackage.json`, or a `datapackage.json`, stands for
 * the data files it describes (each read with its resource); a file named twice is read once.
 */
export async function expandArguments(
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
