/**
 * Lines of one wrapped text (a label, a name, a paragraph, a header cell) joined again, for every container.
 */

/**
 * Two lines of one wrapped text as one. A word broken at its hyphen before a capital letter or a digit is joined
 * without a space ("IT-" / "Ausstattung" → "IT-Ausstattung", as German compounds are written); otherwise with a
 * space ("Hin-" / "und Rückfahrt" stays "Hin- und Rückfahrt"); an elided compound's dash after a space
 * takes the word that follows ("…zuweisungen, -" / "zuschüssen" → "…zuweisungen, -zuschüssen").
 */
export function joinWrapped(head: string, tail: string): string {
  if (head === '') return tail;
  if (tail === '') return head;
  // an elided compound broken after its dash ("Investitionszuweisungen, -" / "zuschüssen") is joined to it
  if (/\s[-–]$/u.test(head) && /^\p{Ll}/u.test(tail)) return `${head}${tail}`;
  return /[\p{L}\d]-$/u.test(head) && /^[\p{Lu}\d]/u.test(tail) ? `${head}${tail}` : `${head} ${tail}`;
}
