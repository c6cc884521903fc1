/**
 * The plan-text importer: reads a Haushaltsplan as text — the format of the reference document (section
 * titles such as "Teilergebnisplan Produktgruppe 43.01 …", tab-separated tables, Erläuterungen "Zu Zeile NN:",
 * investment tables, Produktbeschreibungen with Kennzahlen) or a layout-preserving export (`pdftotext
 * -layout`, laid out on a character grid like a PDF page) — into the core model, through the row model and the
 * recognition every container shares. Never throws for bad input: problems come back as errors naming the
 * line and what was expected.
 */
import type { ImportResult } from '../types.js';
import { gridLines, looksLikeLayoutText } from '../rows/grid.js';
import { tabbedLines } from '../rows/tabbed.js';
import { importLines } from './document.js';
import { withPrintedParts } from '../parts/book.js';

export { looksLikePlanText } from '../recognise/titles.js';

/**
 * Imports plan text; a layout-preserving export (`pdftotext -layout`) is laid out first, and its sources
 * point to the lines of the file.
 */
export function importText(text: string, file: string): ImportResult {
  if (text.trim() === '') {
    return {
      ok: false,
      errors: [{ file, message: 'Die Datei ist leer (erwartet: ein Haushaltsplan als Text)' }],
    };
  }
  if (!looksLikeLayoutText(text)) return importLines(tabbedLines(text, file), file);
  const laid = gridLines(text, file);
  // a laid-out book's chapters of the parts go into the budget's parts, not into its plans
  return withPrintedParts(laid.lines, file, (lines) => importLines(lines, file, laid.furniture));
}
