/**
 * CSV injection (OWASP "CSV Injection", also "formula injection"): a spreadsheet that opens a CSV runs a cell
 * beginning with `=`, `+`, `-` or `@` as a formula, and Excel also one beginning with a tab or carriage return
 * (`=HYPERLINK("http://evil","x")`, `@SUM(1+1)`, `+cmd|' /C calc'!A0`). Every CSV the exporters write passes its
 * text cells (names, labels, codes, keys) through `neutraliseFormula`, which puts a `'` in front of such a text;
 * spreadsheets then show it as text. Amounts and the exporters' own cells (fixed words, years, the German CSV's
 * text formulas `="01.02"`) are written as they are, or amounts would turn into text.
 *
 * A text that already begins with apostrophes before such a character gets one more (`'=1` → `''=1`), so that
 * `restoreFormulaText` can always take exactly one off again: the tidy CSV reads back what it wrote.
 */

/** A text a spreadsheet would run as a formula, possibly behind apostrophes this rule added. */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/u;
const GUARDED = /^'+[=+\-@\t\r]/u;

/** The text as a spreadsheet shows it rather than runs it: `'` in front where it would be a formula. */
export function neutraliseFormula(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

/** The inverse of `neutraliseFormula`, for readers of the files it wrote. */
export function restoreFormulaText(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}
