/**
 * The budget book as HTML, generated from the model alone (no I/O): cover, table of contents, an overview
 * with a chart per Produktbereich, then for every unit its Teilergebnisplan and Teilfinanzplan with their
 * Erläuterungen, the investment measures, the Produktbeschreibung and the Kennzahlen, each section under a
 * running header. The book prints what the published plans print, in their order, so that our own PDF
 * importer reads it back to the same budget. `src/publish/pdf.ts` prints it with Chromium.
 */
import { LEVEL_LABEL, planOf, type Budget, type BudgetNode } from '../../core/model.js';
import { beschreibung } from './beschreibung.js';
import { barChart, chartColumns } from './charts.js';
import { erlaeuterungen } from './erlaeuterungen.js';
import { join } from './html.js';
import { kennzahlTable } from './kennzahlen.js';
import { bookDocument, budgetTitle, cover, frontSection, sectionFrame, type BookEdition } from './layout.js';
import { anlageContent } from './anlagen.js';
import { partChapters } from './parts.js';
import { VORBERICHT_ID, vorberichtHtml } from './vorbericht.js';
import { investmentTable, planTable } from './plan-table.js';
import { partContent } from './eigenkapital-stellenplan.js';
import { bookParts, bookSections, isChapterKind, type BookSection } from './sections.js';
import { toc, tocEntries } from './toc.js';

export { BOOK_CSS } from './css.js';
export { bookDocument, editionLine, type BookEdition } from './layout.js';
export { bookSections, type BookSection } from './sections.js';
export { partChapters, type PartChapter } from './parts.js';

/** The content of one section (without its frame). */
export function sectionContent(section: BookSection, budget?: Budget): string {
  const node = section.node;
  switch (section.kind) {
    case 'eigenkapital':
    case 'stellenplan':
      return budget ? partContent(section.kind, budget) : '';
    case 'haushaltsquerschnitt':
    case 've-uebersicht': {
      const c = budget && partChapters(budget).find((x) => x.id === section.kind);
      return c ? c.html : '';
    }
    case 'verbindlichkeiten':
    case 'fraktionen':
    case 'investitionsprogramm':
      return budget ? anlageContent(section.kind, budget) : '';
    case 'investitionen':
      return node.investitionen ? investmentTable(node.investitionen) : '';
    case 'produktbeschreibung':
      return join([
        node.beschreibung && beschreibung(node.beschreibung),
        ...node.kennzahlen.map(kennzahlTable),
      ]);
    default: {
      const plan = planOf(node, section.kind);
      return join([plan && planTable(plan), erlaeuterungen(node, section.kind)]);
    }
  }
}

export function renderSection(budget: Budget, section: BookSection): string {
  return sectionFrame(
    section.id,
    section.kind,
    section.title,
    budgetTitle(budget),
    sectionContent(section, budget),
  );
}

/** The units whose result the overview charts: the Gesamtplan and the Produktbereiche (else the top level). */
function chartNodes(budget: Budget): BudgetNode[] {
  const withPlan = budget.nodes.filter(
    (n) => planOf(n, 'teilergebnisplan') ?? planOf(n, 'gesamtergebnisplan'),
  );
  const top = withPlan.filter((n) => n.level === 'haushalt' || n.level === 'produktbereich');
  if (top.length > 0) return top;
  const levels = ['produktgruppe', 'produkt'] as const;
  const level = levels.find((l) => withPlan.some((n) => n.level === l));
  return withPlan.filter((n) => n.level === level);
}

const CONTENTS_ID = 'inhalt';

/** The charts of the Vorbericht: the Ergebnisplan's sums per Produktbereich ('' for none). */
function charts(budget: Budget): string {
  const charts = chartNodes(budget).map((n) => {
    const plan = planOf(n, 'teilergebnisplan') ?? planOf(n, 'gesamtergebnisplan')!;
    // the caption names the plan after the unit: it must not read as the plan's own section title
    const name =
      n.level === 'haushalt'
        ? `${n.name || 'Gesamthaushalt'} (Gesamtergebnisplan)`
        : `${LEVEL_LABEL[n.level]} ${n.code} ${n.name}`;
    return barChart(name, chartColumns(plan));
  });
  return charts.join('\n');
}

/** The book split for printing: the front matter and one body part per Produktbereich. */
export interface BookPlan {
  readonly sections: readonly BookSection[];
  readonly parts: readonly (readonly BookSection[])[];
  /**
   * Front matter (cover, contents, overview) as the body of a page; `pages` fills in the contents' numbers;
   * `links` makes the entries links to the sections (the HTML book; the PDF is printed in parts).
   */
  readonly front: (pages?: ReadonlyMap<string, number>, links?: boolean) => string;
  /** Ids of the front matter's headed sections, in order (contents, overview). */
  readonly frontIds: readonly string[];
  /** The body of one part. */
  readonly part: (index: number) => string;
}

export function planBook(budget: Budget, edition?: BookEdition): BookPlan {
  const sections = bookSections(budget);
  const parts = bookParts(sections);
  const vorbericht = vorberichtHtml(budget, charts(budget));
  // the statutory order: the Haushaltssatzung and the Vorbericht in front; the Übersichten follow the
  // Gesamtpläne among the sections (`bookSections`)
  const satzung = partChapters(budget).find((c) => c.id === 'haushaltssatzung');
  const chapters = [
    ...(satzung
      ? [
          {
            id: satzung.id,
            label: satzung.label,
            html: frontSection(satzung.id, satzung.heading, satzung.html),
          },
        ]
      : []),
    ...(vorbericht === ''
      ? []
      : [
          {
            id: VORBERICHT_ID,
            label: 'Vorbericht',
            html: frontSection(VORBERICHT_ID, 'Vorbericht', vorbericht),
          },
        ]),
  ];
  const entries = tocEntries(sections, chapters);
  return {
    sections,
    parts,
    frontIds: [CONTENTS_ID, ...chapters.map((c) => c.id)],
    front: (pages, links = true) =>
      join([
        cover(budget, edition),
        frontSection(CONTENTS_ID, 'Inhalt', toc(entries, pages, links)),
        ...chapters.map((c) => c.html),
      ]),
    part: (index) => parts[index]!.map((s) => renderSection(budget, s)).join('\n'),
  };
}

/** The ids of the chapters a budget's book has, each reachable alone (`renderPartChapterHtml`), in print order. */
export function chapterIds(budget: Budget): string[] {
  const front = planBook(budget).frontIds.filter((id) => id !== CONTENTS_ID);
  const sections = bookSections(budget)
    .filter((s) => isChapterKind(s.kind))
    .map((s) => s.kind);
  return [...front, ...sections];
}

/**
 * One chapter as a page of its own: `haushaltssatzung`, `vorbericht`, the Übersichten
 * (`haushaltsquerschnitt`, `ve-uebersicht`), `eigenkapital`, `stellenplan` and the Anlagen (`verbindlichkeiten`,
 * `fraktionen`, `investitionsprogramm`); undefined when the budget has none.
 */
export function renderPartChapterHtml(
  budget: Budget,
  id: string,
  css: 'inline' | 'link' = 'link',
  edition?: BookEdition,
): string | undefined {
  const ed = edition ? { edition } : {};
  const chapter = partChapters(budget).find((c) => c.id === id);
  if (chapter)
    return bookDocument(frontSection(chapter.id, chapter.heading, chapter.html), {
      css,
      title: `${chapter.heading} – ${bookTitle(budget)}`,
      ...ed,
    });
  if (id === VORBERICHT_ID) {
    const html = vorberichtHtml(budget, charts(budget));
    if (html === '') return undefined;
    return bookDocument(frontSection(VORBERICHT_ID, 'Vorbericht', html), {
      css,
      title: `Vorbericht – ${bookTitle(budget)}`,
      ...ed,
    });
  }
  const section = bookSections(budget).find((s) => isChapterKind(s.kind) && s.kind === id);
  if (!section) return undefined;
  return bookDocument(renderSection(budget, section), {
    css,
    title: `${section.title} – ${bookTitle(budget)}`,
    ...ed,
  });
}

/** Title of the HTML document. */
export function bookTitle(budget: Budget): string {
  return `${budgetTitle(budget)}${budget.year !== undefined ? ` ${budget.year}` : ''}`;
}

/** The whole book as one HTML page (for `render --html`), referring to `book.css`. */
export function renderBookHtml(
  budget: Budget,
  css: 'inline' | 'link' = 'link',
  edition?: BookEdition,
): string {
  const book = planBook(budget, edition);
  const body = join([book.front(), ...book.parts.map((_, i) => book.part(i))]);
  return bookDocument(body, { css, title: bookTitle(budget), ...(edition ? { edition } : {}) });
}
