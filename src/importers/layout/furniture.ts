/**
 * Page furniture: running headers and footers, whatever their text ("Stadt Musterstadt – Haushaltsplan 2026",
 * "Stand: 01.10.2025", "Seite 3 von 120", "- 17 -"). A prose line at the top or the bottom of a page whose text,
 * its numbers aside, stands at the same place on other pages is furniture and left out; section titles and
 * table lines never are, nor the lines at the foot that go on from a table row without a gap (its label's last
 * lines, at the same place on every page where a plan ends at the foot).
 */
import { parseTitle, parseTitlePair } from '../recognise/titles.js';
import type { LaidPage } from './document.js';
import type { LaidLine } from './page.js';

/** How many lines at the top and at the bottom of a page can be furniture. */
const BAND = 2;

function key(text: string): string {
  return text.replace(/\d+/gu, '#').replace(/\s+/gu, ' ').trim();
}

/** The furniture lines of pages, and one printed example of each kind left out. */
export function pageFurniture(pages: readonly LaidPage[]): { lines: Set<LaidLine>; examples: string[] } {
  const lines = new Set<LaidLine>();
  if (pages.length < 2) return { lines, examples: [] };
  // candidates: prose lines among the first and last lines of each page, by text (numbers aside) and place
  const seen = new Map<string, { pages: Set<number>; lines: LaidLine[] }>();
  for (const page of pages) {
    const printed = page.lines.filter((l) => l.text.trim() !== '');
    const band = [...printed.slice(0, BAND), ...printed.slice(Math.max(BAND, printed.length - BAND))];
    const isTitle = (k: number): boolean => {
      const line = printed[k];
      if (!line || line.cells) return false;
      if (parseTitle(line.text)) return true;
      // a title over two lines ("Teilergebnisplan 2026" over "Produktbereich 43 …"), either half
      const next = printed[k + 1];
      const previous = printed[k - 1];
      return (
        (next !== undefined && !next.cells && parseTitlePair(line.text, next.text) !== undefined) ||
        (previous !== undefined && !previous.cells && parseTitlePair(previous.text, line.text) !== undefined)
      );
    };
    /** A line that goes on from a table row above it without a gap (the row's last label lines, up to four). */
    const continues = (k: number, depth = 0): boolean => {
      const line = printed[k]!;
      const above = printed[k - 1];
      if (!above || depth >= 4) return false;
      const gap = line.box[1] - (above.box[1] + above.box[3]);
      return gap < line.box[3] && (above.cells !== undefined || continues(k - 1, depth + 1));
    };
    for (const l of band) {
      const at = printed.indexOf(l);
      // a title's running header ("Kreishaushalt" under every title) is the section's, read with it
      if (l.cells || isTitle(at) || isTitle(at - 1)) continue;
      if (at >= BAND && continues(at)) continue;
      const where = at < BAND ? 'top' : 'bottom';
      const k = `${where}|${Math.round(l.box[1] / 4)}|${key(l.text)}`;
      const entry = seen.get(k) ?? { pages: new Set<number>(), lines: [] };
      entry.pages.add(page.page);
      entry.lines.push(l);
      seen.set(k, entry);
    }
  }
  const examples: string[] = [];
  const needed = Math.max(2, Math.ceil(pages.length / 2));
  for (const entry of seen.values()) {
    if (entry.pages.size < needed) continue;
    for (const l of entry.lines) lines.add(l);
    examples.push(entry.lines[0]!.text.trim());
  }
  return { lines, examples };
}
