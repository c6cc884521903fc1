/**
 * CSV as published by open-data portals and PDF table extractors: the delimiter (`;`, `,` or tab) is detected
 * from the first lines, quotes follow RFC 4180 (csv-parse does the parsing), rows may have different lengths.
 */
import { parse } from 'csv-parse/sync';
import type { ImportResult } from '../types.js';

const DELIMITERS = [';', ',', '\t'] as const;

/** Counts a delimiter outside double quotes. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === delimiter) n++;
  }
  return n;
}

/**
 * The delimiter that splits the first lines most consistently: present in most lines, with the same count.
 * Returns undefined when no candidate appears at all.
 */
export function detectDelimiter(text: string): string | undefined {
  const lines = text.split(/\r\n|\r|\n/u, 50).filter((l) => l.trim() !== '');
  let best: string | undefined;
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const present = counts.filter((c) => c > 0).length;
    if (present === 0) continue;
    const modeCount = Math.max(...counts.map((c) => counts.filter((x) => x === c && c > 0).length));
    const score = present + modeCount;
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

export type CsvResult =
  | { readonly ok: true; readonly rows: string[][]; readonly delimiter: string }
  | { readonly ok: false; readonly line?: number; readonly message: string };

/** Parses CSV text (BOM already removed) into rows of trimmed cells. */
export function parseCsv(text: string): CsvResult {
  const delimiter = detectDelimiter(text);
  if (delimiter === undefined) {
    return {
      ok: false,
      line: 1,
      message: 'Keine Tabelle erkannt: kein Trennzeichen (; , oder Tabulator) gefunden',
    };
  }
  try {
    const rows: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      bom: true,
    });
    return { ok: true, rows, delimiter };
  } catch (e) {
    const err = e as { lines?: number; message?: string };
    return {
      ok: false,
      ...(err.lines !== undefined ? { line: err.lines } : {}),
      message: `CSV nicht lesbar: ${err.message ?? String(e)}`,
    };
  }
}

/**
 * The rows of a CSV file as an importer reads it (a byte order mark removed), or the import's refusal naming the
 * file and the line where the text stops being a table.
 */
export function csvRowsOf(
  text: string,
  file: string,
): { readonly ok: true; readonly rows: string[][] } | Extract<ImportResult, { ok: false }> {
  const parsed = parseCsv(text.replace(/^\uFEFF/u, ''));
  if (parsed.ok) return parsed;
  return {
    ok: false,
    errors: [{ file, ...(parsed.line !== undefined ? { line: parsed.line } : {}), message: parsed.message }],
  };
}
