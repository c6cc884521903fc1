/**
 * The front-end for layout-preserving text (as `pdftotext -layout` writes it: columns aligned with spaces,
 * pages separated by form feeds): every word becomes a positioned glyph run on a character grid, and each page
 * goes through the same layout stage as a PDF page (`../layout`). Each line's source is its line in the file.
 */
import { pagedLines, type LaidPage, type PagedDocument } from '../layout/document.js';
import { layoutPage, type TextItem } from '../layout/page.js';

const CHAR = 5;
const SIZE = 10;
const PITCH = 12;

/** Looks like a layout-preserving export: no tabs, several lines with amounts aligned by runs of spaces. */
export function looksLikeLayoutText(text: string): boolean {
  if (text.includes('\t')) return false;
  const lines = text.slice(0, 200_000).split(/\r\n|\r|\n/u, 3000);
  const aligned = lines.filter((l) =>
    /\S {3,}(?:-?\(?\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?\)?-?)(?: {2,}|$)/u.test(l),
  ).length;
  return aligned >= 5;
}

/** Lays out each page (form feed) of a layout-preserving export into the lines of one document. */
export function gridLines(text: string, file: string): PagedDocument {
  const lines = text.split(/\r\n|\r|\n/u);
  const pages: (LaidPage & { start: number })[] = [];
  let pageStart = 0;
  const flushPage = (end: number): void => {
    const items: TextItem[] = [];
    const height = (end - pageStart + 2) * PITCH;
    for (let i = pageStart; i < end; i++) {
      const line = lines[i]!.replace(/\f/gu, '');
      const re = /\S+/gu;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const row = i - pageStart + 1;
        items.push({
          str: m[0],
          transform: [SIZE, 0, 0, SIZE, m.index * CHAR, height - row * PITCH],
          width: m[0].length * CHAR,
          height: SIZE,
        });
      }
    }
    pages.push({ page: pages.length + 1, lines: layoutPage(items, height), start: pageStart });
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes('\f') && i > pageStart) {
      flushPage(i);
      pageStart = i;
    }
  }
  flushPage(lines.length);
  const starts = new Map(pages.map((p) => [p.page, p.start]));
  return pagedLines(pages, (page, laid) => ({
    file,
    line: (starts.get(page.page) ?? 0) + Math.max(1, Math.round((laid.box[1] + SIZE) / PITCH)),
  }));
}
