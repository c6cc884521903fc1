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

/**
 * How a printed version is marked. A draft (any stage before the Beschluss) says "Entwurf" with its version and
 * date on the cover and on every page, so that a printout is never taken for the adopted plan.
 */
export interface BookEdition {
  readonly draft: boolean;
  /** German, for the reader: which version and as of when ("Version „Entwurf 2026“, Stand 05.12.2026"). */
  readonly text: string;
}

/** The line a draft carries on every page ("Entwurf – Version „…“, Stand …"); empty for an adopted plan. */
export function editionLine(edition: BookEdition | undefined): string {
  return edition?.draft ? `Entwurf – ${edition.text}` : '';
}

export interface DocumentOptions {
  /** `inline` puts the style sheet into the page (printing), `link` refers to `book.css` beside it. */
  readonly css: 'inline' | 'link';
  readonly title: string;
  /** A draft's mark, shown above the book (the HTML book; the PDF prints it in every page's footer). */
  readonly edition?: BookEdition;
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
${options.edition?.draft ? `<div class="draft-mark" role="note">${esc(editionLine(options.edition))}</div>\n` : ''}${body}
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

export function cover(budget: Budget, edition?: BookEdition): string {
  const year = budget.year !== undefined ? `Haushaltsplan ${budget.year}` : 'Haushaltsplan';
  const units = budget.nodes.filter((n) => n.level !== 'haushalt').length;
  const draft = edition?.draft
    ? `<div class="draft">Entwurf</div><div class="edition">${esc(edition.text)}</div>`
    : '';
  return `<section class="cover"><div class="municipality">${esc(budgetTitle(budget))}</div><div class="kind">${esc(year)}</div>${draft}<div class="facts">Teilpläne, Erläuterungen und Produktbeschreibungen für ${units === 1 ? 'eine Einheit' : `${formatCount(units)} Einheiten`}</div></section>`;
}

/** A page of the front matter (contents, overview) with its heading. */
export function frontSection(id: string, heading: string, content: string): string {
  return `<section class="front" id="${esc(id)}"><h1>${esc(heading)}</h1>\n${content}\n</section>`;
}
