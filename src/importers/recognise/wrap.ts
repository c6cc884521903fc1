/**
 * Lines of one wrapped text (a label, a name, a paragraph, a header cell) joined again, for every container.
 */

/**
 * Two lines of one wrapped text as one. A word broken at its hyphen before a capital letter or a digit is joined
 * without a space ("IT-" / "Ausstattung" → "IT-Ausstattung", as German compounds are written); otherwise with a
 * space ("Hin-" / "und Rückfahrt" stays "Hin- und Rückfahrt").
 */
export function joinWrapped(head: string, tail: string): string {
  if (head === '') return tail;
  if (tail === '') return head;
  return /[\p{L}\d]-$/u.test(head) && /^[\p{Lu}\d]/u.test(tail) ? `${head}${tail}` : `${head} ${tail}`;
}
