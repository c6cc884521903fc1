/**
 * The chapters of the Haushaltsplan's parts in a laid-out document (a book as PDF or `pdftotext -layout` text)
 * told from the plans: each starts at its heading — the words a Haushaltsplan prints over the part (§ 1 KomHVO
 * NRW: "Haushaltssatzung", "Vorbericht", "Haushaltsquerschnitt", "Übersicht über die
 * Verpflichtungsermächtigungen", "Entwicklung des Eigenkapitals" or "… der Rücklagen", "Stellenplan",
 * "Übersicht über den voraussichtlichen Stand der Verbindlichkeiten", "Zuwendungen an die Fraktionen",
 * "Investitionsprogramm"), alone on its line, optionally with the year — and ends at the next chapter or the
 * next plan's title. A heading printed again (a chapter over several pages) continues its chapter, and the line
 * printed under every heading (the running header) is left out. The lines of the chapters are taken out of
 * the document, so that the plans are read from the rest and no amount of a part becomes a plan line.
 *
 * A chapter starts a page of its own or follows another chapter: a heading word printed on a plan's page
 * below the plan's title or rows ("Stellenplan" over a product's posts, "Investitionsprogramm" over its
 * measures) is a sub-heading of the plan, not a chapter, and the plan is read on past it.
 */
import type { DocLine } from '../rows/model.js';
import { parseTitle, parseTitlePair } from '../recognise/titles.js';

export type ChapterKind =
  | 'satzung'
  | 'vorbericht'
  | 'querschnitt'
  | 've'
  | 'ruecklagen'
  | 'stellenplan'
  | 'verbindlichkeiten'
  | 'fraktionen'
  | 'investitionsprogramm';

export interface Chapter {
  readonly kind: ChapterKind;
  /** The heading as printed (its first time). */
  readonly heading: DocLine;
  /** The chapter's lines after its heading: repeated headings and running headers left out. */
  readonly lines: readonly DocLine[];
}

/** The headings, each alone on its line (a year, "für das Haushaltsjahr 2026" or the body's name may follow). */
const HEADINGS: readonly (readonly [ChapterKind, RegExp])[] = [
  ['satzung', /^Haushaltssatzung(?:\s+(?:der|des|für)\b.*)?$/u],
  ['vorbericht', /^Vorbericht(?:\s+(?:zum|zur|für)\b.*)?$/u],
  ['querschnitt', /^Haushaltsquerschnitt$/u],
  ['ve', /^Übersicht\s+(?:über\s+die|der)\s+Verpflichtungsermächtigungen$/u],
  ['ruecklagen', /^Entwicklung\s+(?:des\s+Eigenkapitals|der\s+(?:allgemeinen\s+|Ausgleichs)?Rücklagen?)$/u],
  ['stellenplan', /^(?:Stellenplan|Stellenübersicht)$/u],
  [
    'verbindlichkeiten',
    /^Übersicht\s+über\s+(?:den\s+voraussichtlichen\s+Stand\s+der|die)\s+Verbindlichkeiten$/u,
  ],
  ['fraktionen', /^(?:Übersicht\s+über\s+die\s+)?Zuwendungen\s+an\s+(?:die\s+)?Fraktionen$/u],
  ['investitionsprogramm', /^Investitionsprogramm$/u],
];

/** The chapter a line heads, if it is a heading (not an entry of the contents: no page number after it). */
export function chapterHeading(line: DocLine): ChapterKind | undefined {
  if (line.cells && line.cells.length > 1) return undefined;
  const text = line.text.replace(/\s+/gu, ' ').trim();
  if (text.length > 120) return undefined;
  // the year of the chapter may stand after its heading ("Haushaltsquerschnitt 2026"), a page number may not
  const bare = text.replace(/\s+(?:19|20)\d\d(?:\/(?:19|20)?\d\d)?$/u, '');
  if (/\s\d+$/u.test(bare)) return undefined;
  return HEADINGS.find(([, re]) => re.test(bare))?.[0];
}

function isPlanTitle(lines: readonly DocLine[], i: number): boolean {
  const text = lines[i]!.text;
  if (parseTitle(text)) return true;
  let k = i + 1;
  while (k < lines.length && lines[k]!.text.trim() === '') k++;
  return k < lines.length && parseTitlePair(text, lines[k]!.text) !== undefined;
}

/** The line printed under most headings (at least two), the running header. */
function runningHeader(lines: readonly DocLine[], headings: readonly number[]): string | undefined {
  const count = new Map<string, number>();
  for (const i of headings) {
    const next = lines.slice(i + 1, i + 4).find((l) => l.text.trim() !== '');
    const t = next?.text.trim();
    if (t && !next!.cells && t.length <= 80) count.set(t, (count.get(t) ?? 0) + 1);
  }
  const best = [...count].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= 2 ? best[0] : undefined;
}

/**
 * Clears the headings printed on a plan's page below its title or rows (in paged documents, where the page is
 * known): they head a part of the plan's page, not a chapter.
 */
function subHeadings(
  lines: readonly DocLine[],
  kinds: (ChapterKind | undefined)[],
  titles: readonly boolean[],
): void {
  let planPage: number | undefined;
  lines.forEach((line, i) => {
    if (kinds[i]) {
      if (line.page !== undefined && line.page === planPage) kinds[i] = undefined;
      else planPage = undefined;
    } else if (titles[i] || (line.cells && planPage !== undefined)) planPage = line.page;
  });
}

/** The document's chapters of the parts, and the rest of its lines (the plans). */
export function splitChapters(lines: readonly DocLine[]): {
  readonly chapters: Chapter[];
  readonly rest: DocLine[];
  /** Whether the rest holds a plan's title at all (a document of parts alone has none). */
  readonly plans: boolean;
} {
  const kinds = lines.map(chapterHeading);
  if (!kinds.some(Boolean)) return { chapters: [], rest: [...lines], plans: true };
  const titles = lines.map((_, i) => (kinds[i] ? false : isPlanTitle(lines, i)));
  subHeadings(lines, kinds, titles);
  const headings = kinds.flatMap((k, i) => (k ? [i] : []));
  if (headings.length === 0) return { chapters: [], rest: [...lines], plans: true };
  const running = runningHeader(lines, [...headings, ...titles.flatMap((t, i) => (t ? [i] : []))]);
  const chapters: { kind: ChapterKind; heading: DocLine; lines: DocLine[] }[] = [];
  const rest: DocLine[] = [];
  let current: (typeof chapters)[number] | undefined;
  let afterHeading = false;
  lines.forEach((line, i) => {
    const kind = kinds[i];
    if (kind) {
      // a heading printed again continues its chapter (the chapter runs over several pages)
      if (current?.kind !== kind) {
        current = chapters.find((c) => c.kind === kind && c === chapters.at(-1)) ?? {
          kind,
          heading: line,
          lines: [],
        };
        if (!chapters.includes(current)) chapters.push(current);
      }
      afterHeading = true;
      return;
    }
    if (titles[i]) current = undefined;
    if (!current) {
      rest.push(line);
      return;
    }
    if (afterHeading && line.text.trim() !== '') {
      afterHeading = false;
      if (running !== undefined && line.text.trim() === running) return;
    }
    current.lines.push(line);
  });
  return { chapters, rest, plans: titles.some(Boolean) };
}
