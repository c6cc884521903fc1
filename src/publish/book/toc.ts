/**
 * The table of contents: one entry per unit (Produktbereich, Produktgruppe, Produkt; the Gesamtpläne) linking
 * to its first section, with the page it starts on when the pages are known (the PDF's second pass). The page
 * column has a fixed width, so the contents take the same pages with and without numbers.
 */
import type { BudgetNode } from '../../core/model.js';
import { esc } from './html.js';
import type { BookSection } from './sections.js';

export interface TocEntry {
  readonly id: string;
  readonly label: string;
  readonly code: string;
  readonly level: BudgetNode['level'];
}

/** The entries: the front matter's own, then each node at its first section. */
export function tocEntries(
  sections: readonly BookSection[],
  front: readonly { id: string; label: string }[],
): TocEntry[] {
  const out: TocEntry[] = front.map((f) => ({ id: f.id, label: f.label, code: '', level: 'haushalt' }));
  const seen = new Set<BudgetNode>();
  for (const s of sections) {
    if (seen.has(s.node)) continue;
    seen.add(s.node);
    const n = s.node;
    out.push({
      id: s.id,
      label: n.level === 'haushalt' ? n.name || 'Gesamtplan' : n.name,
      code: n.level === 'haushalt' ? '' : n.code,
      level: n.level,
    });
  }
  return out;
}

/** The contents as a table; `pages` maps an entry's id to its page (empty cells without); entries link to their section. */
export function toc(entries: readonly TocEntry[], pages?: ReadonlyMap<string, number>, links = true): string {
  const rows = entries.map((e) => {
    const page = pages?.get(e.id);
    return `<tr class="${e.level}"><td class="code">${esc(e.code)}</td><td class="name">${links ? `<a href="#${esc(e.id)}">${esc(e.label)}</a>` : esc(e.label)}</td><td class="page">${page === undefined ? '' : String(page)}</td></tr>`;
  });
  return `<table class="toc"><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}
