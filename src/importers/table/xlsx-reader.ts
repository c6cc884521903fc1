/**
 * Reading XLSX workbooks (SpreadsheetML, ECMA-376) safely and frugally. The ZIP's central directory is judged
 * before anything is inflated (`XLSX_LIMITS`: declared size, compression ratio, entries); then only the parts
 * a table needs are inflated, one at a time and in chunks (`zip.ts`), straight into a streaming XML parser (sax):
 * the workbook (sheet names and order), its relationships, the styles (number formats, bold, fills), the shared
 * strings, and the worksheets in workbook order. No part is ever held as a whole; memory grows with the cells
 * handed out, which are counted against a limit too.
 *
 * A cell comes as written, never computed: a number as its decimal text (`-46323827.04`, `1E-7`), strings
 * resolved (shared, inline, rich text runs joined, `_x000D_` escapes decoded), booleans as `1`/`0`, a formula's
 * cached result with the formula beside it. What the text of a cell means is the caller's business (see
 * `xlsx.ts`). Problems come back as German messages; nothing is thrown for bad input.
 *
 * This module finds the parts (relationships, workbook) and reads the sheets in order; the limits are in
 * `xlsx-limits.ts`, the XML streaming in `xlsx-xml.ts`, the styles in `xlsx-styles.ts`, the cells in
 * `xlsx-sheet.ts`.
 */
import { judge, XLSX_LIMITS, type XlsxLimits } from './xlsx-limits.js';
import {
  readSharedStrings,
  readSheet,
  type Counter,
  type SheetEnd,
  type SheetVisitor,
  type XlsxCell,
} from './xlsx-sheet.js';
import { readStyles } from './xlsx-styles.js';
import { isTrue, parsePart, Refused } from './xlsx-xml.js';
import { readZipDirectory, type ZipEntry } from './zip.js';

export { XLSX_LIMITS, type XlsxLimits } from './xlsx-limits.js';
export {
  decodeReference,
  type CellRange,
  type SheetEnd,
  type SheetVisitor,
  type XlsxCell,
} from './xlsx-sheet.js';
export type { XlsxStyle } from './xlsx-styles.js';

export interface WorkbookVisitor {
  /** Called for every worksheet, in workbook order, before its cells. */
  sheet(name: string, workbook: { readonly date1904: boolean }): SheetVisitor;
}

export type XlsxReadResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** Reads a relationships part: id → { target (resolved against `base`), type }. */
function readRelationships(
  bytes: Uint8Array,
  entry: ZipEntry | undefined,
  base: string,
): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  if (!entry) return out;
  parsePart(bytes, entry, {
    open(name, a) {
      if (
        name === 'Relationship' &&
        a.Id !== undefined &&
        a.Target !== undefined &&
        a.TargetMode !== 'External'
      )
        out.set(a.Id, { target: resolvePath(base, a.Target), type: a.Type ?? '' });
    },
    close() {},
    text() {},
  });
  return out;
}

/** A part name from a relationship target: relative to `base` (a folder ending in `/`), or absolute. */
function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

const folderOf = (part: string): string => part.slice(0, part.lastIndexOf('/') + 1);
const relationshipsOf = (part: string): string =>
  `${folderOf(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;

/** Reads every worksheet of an XLSX workbook, in order, into `visitor`. */
export function readXlsx(
  bytes: Uint8Array,
  visitor: WorkbookVisitor,
  limits: XlsxLimits = XLSX_LIMITS,
): XlsxReadResult {
  try {
    const directory = readZipDirectory(bytes, limits.maxEntries);
    if (!directory.ok) return directory;
    const refusal = judge(directory.entries, limits);
    if (refusal !== undefined) return { ok: false, message: refusal };
    const byName = new Map<string, ZipEntry>();
    for (const e of directory.entries) byName.set(e.name.toLowerCase(), e);
    const part = (name: string): ZipEntry | undefined => byName.get(name.toLowerCase());

    const root = readRelationships(bytes, part('_rels/.rels'), '');
    const workbookPath =
      [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const workbook = part(workbookPath);
    if (!workbook)
      return {
        ok: false,
        message: `XLSX nicht lesbar: ${workbookPath} fehlt (erwartet: eine XLSX-Arbeitsmappe mit Tabellenblättern)`,
      };
    const sheets: { name: string; id: string }[] = [];
    let date1904 = false;
    parsePart(bytes, workbook, {
      open(name, a) {
        if (name === 'sheet') {
          const id = Object.entries(a).find(([k]) => k !== 'id' && k.endsWith(':id'))?.[1];
          sheets.push({ name: a.name ?? '', id: id ?? '' });
        } else if (name === 'workbookPr') date1904 = isTrue(a.date1904);
      },
      close() {},
      text() {},
    });
    const relationships = readRelationships(
      bytes,
      part(relationshipsOf(workbookPath)),
      folderOf(workbookPath),
    );
    const byType = (type: string): ZipEntry | undefined => {
      const r = [...relationships.values()].find((x) => x.type.endsWith(`/${type}`));
      return r ? part(r.target) : undefined;
    };
    const styles = readStyles(bytes, byType('styles') ?? part('xl/styles.xml'));
    const strings = readSharedStrings(bytes, byType('sharedStrings') ?? part('xl/sharedStrings.xml'), limits);
    const counter: Counter = { cells: 0 };
    for (const sheet of sheets) {
      const r = relationships.get(sheet.id);
      if (!r || !r.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets: no cells
      const entry = part(r.target);
      if (!entry)
        return { ok: false, message: `XLSX nicht lesbar: Tabellenblatt „${sheet.name}“ fehlt (${r.target})` };
      readSheet(
        bytes,
        entry,
        sheet.name,
        styles,
        strings,
        visitor.sheet(sheet.name, { date1904 }),
        counter,
        limits,
      );
    }
    return { ok: true };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, message: e.message };
    // a string or array beyond what the engine can hold, whatever limit let it through
    if (e instanceof RangeError) return { ok: false, message: `XLSX nicht lesbar: ${e.message}` };
    throw e;
  }
}

/** One worksheet in memory: its name, cells by 0-based row and column, frozen rows, autofilter, merges. */
export interface XlsxSheet extends SheetEnd {
  readonly name: string;
  readonly rows: readonly (readonly (XlsxCell | undefined)[])[];
}

/**
 * A whole workbook in memory, sheet by sheet: for small workbooks and for tests that read back what the
 * exporter wrote. Importers stream with `readXlsx` instead, one sheet at a time.
 */
export function readWorkbook(
  bytes: Uint8Array,
  limits: XlsxLimits = XLSX_LIMITS,
):
  | { readonly ok: true; readonly sheets: readonly XlsxSheet[] }
  | { readonly ok: false; readonly message: string } {
  const sheets: XlsxSheet[] = [];
  const result = readXlsx(
    bytes,
    {
      sheet(name) {
        const rows: (XlsxCell | undefined)[][] = [];
        return {
          cell(r, c, cell) {
            (rows[r] ??= [])[c] = cell;
          },
          end(info) {
            sheets.push({ name, rows: Array.from(rows, (r) => (r ? Array.from(r) : [])), ...info });
          },
        };
      },
    },
    limits,
  );
  return result.ok ? { ok: true, sheets } : result;
}
