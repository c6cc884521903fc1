/**
 * The page frame of the book: the HTML document, the cover, and each section inside a frame table whose
 * header group (section title and the budget's title) Chromium repeats at the top of every page the section
 * fills — the running header, printed in the page as the published books print it.
 */
import type { Budget } from '../../core/model.js';
import { BOOK_CSS } from './css.js';
import { esc } from './html.js';
import { formatCount } from '../../core/money.js';

/** The budget's running title ("Kreishaushalt"), or a neutral one when the budget does not name it. */
export function budgetTitle(budget: Budget): string {
  return budget.title ?? 'Haushaltsplan';
}

export interface DocumentOptions {
  /** `inline` puts the style sheet into the page (printing), `link` refers to `book.css` beside it. */
  readonly css: 'inline' | 'link';
  readonly title: string;
}

export function bookDocument(body: string, options: DocumentOptions): string {
  const style =
    options.css === 'inline' ? `<style>\n${BOOK_CSS}</style>` : '<link rel="stylesheet" href="book.css">';
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}</title>
${style}
</head>
<body>
${body}
</body>
</html>
`;
}

/** A section with its running header; `content` is HTML. */
export function sectionFrame(
  id: string,
  kind: string,
  title: string,
  runningTitle: string,
  content: string,
): string {
  return `<section class="sec ${esc(kind)}" id="${esc(id)}"><table class="frame"><thead><tr><td><div class="running"><h2 class="title">${esc(title)}</h2><p class="budget-title">${esc(runningTitle)}</p></div></td></tr></thead><tbody><tr><td>
${content}
</td></tr></tbody></table></section>`;
}

export function cover(budget: Budget): string {
  const year = budget.year !== undefined ? `Haushaltsplan ${budget.year}` : 'Haushaltsplan';
  const units = budget.nodes.filter((n) => n.level !== 'haushalt').length;
  return `<section class="cover"><div class="municipality">${esc(budgetTitle(budget))}</div><div class="kind">${esc(year)}</div><div class="facts">Teilpläne, Erläuterungen und Produktbeschreibungen für ${units === 1 ? 'eine Einheit' : `${formatCount(units)} Einheiten`}</div></section>`;
}

/** A page of the front matter (contents, overview) with its heading. */
export function frontSection(id: string, heading: string, content: string): string {
  return `<section class="front" id="${esc(id)}"><h1>${esc(heading)}</h1>\n${content}\n</section>`;
}
