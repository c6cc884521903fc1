/**
 * Laid-out pages made one document: the lines of every page in order, each stamped with its source (the
 * front-end says where: a PDF's page, line on the page and box; a text file's line), numbered through the
 * document. Running headers and footers are left out here (`furniture.ts`).
 */
import type { Source } from '../../core/model.js';
import type { DocLine } from '../rows/model.js';
import { pageFurniture } from './furniture.js';
import type { LaidLine } from './page.js';

export interface LaidPage {
  readonly page: number;
  readonly lines: readonly LaidLine[];
}

export interface PagedDocument {
  readonly lines: DocLine[];
  /** The running headers and footers left out, one example each (for the import report). */
  readonly furniture: readonly string[];
}

/** The lines of laid-out pages as one document; `sourceOf` stamps each line (`k`: its index on the page). */
export function pagedLines(
  pages: readonly LaidPage[],
  sourceOf: (page: LaidPage, line: LaidLine, k: number) => Source,
): PagedDocument {
  const dropped = pageFurniture(pages);
  const lines: DocLine[] = [];
  for (const page of pages) {
    page.lines.forEach((l, k) => {
      if (dropped.lines.has(l)) return;
      const source = sourceOf(page, l, k);
      const no = lines.length + 1;
      lines.push({
        no,
        text: l.text,
        source,
        page: page.page,
        ...(l.cells ? { cells: l.cells, points: true } : {}),
        ...(l.header ? { header: true } : {}),
        ...(l.columns ? { columns: l.columns } : {}),
        ...(l.label ? { label: l.label } : {}),
      });
    });
  }
  return { lines, furniture: dropped.examples };
}
