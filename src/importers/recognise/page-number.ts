/**
 * A page number printed on a line of its own, as page footers print it ("Seite 3", "Seite 3 von 12", "Seite 3/12",
 * "- 17 -"): page furniture, never a row or an amount, for every container (plan text, layout text, a book's
 * chapters read back).
 */
export const PAGE_NUMBER_LINE = /^(?:Seite\s+\d+(?:\s*(?:von|\/)\s*\d+)?|-\s*\d+\s*-)$/iu;

/** Whether a line's text (any spacing) is a page number alone. */
export function isPageNumberLine(text: string): boolean {
  return PAGE_NUMBER_LINE.test(text.replace(/\s+/gu, ' ').trim());
}
