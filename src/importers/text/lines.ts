/**
 * First pass over a document's lines: recognises section titles (also printed over two lines) and removes
 * what the printer repeats on every page (the section title with its running header, page footers), so that
 * nothing downstream sees a page break inside a table, an Erläuterung or a description.
 */
import type { DocLine } from '../rows/model.js';
import { tabbedLines } from '../rows/tabbed.js';
import { PAGE_NUMBER_LINE } from '../recognise/page-number.js';
import { parseTitle, parseTitlePair, type Title } from '../recognise/titles.js';

export { joinWrapped } from '../recognise/wrap.js';
export { parseTitle, type SectionKind, type Title } from '../recognise/titles.js';

export interface TextLine extends DocLine {
  /** Set by `prepareLines` when the line is a section title. */
  readonly title?: Title;
  /** A section title printed again at a page break inside its section (the section continues). */
  readonly repeated?: boolean;
}

export interface Prepared {
  readonly lines: readonly TextLine[];
  /** The running header printed under every section title ("Kreishaushalt"), if one was found. */
  readonly runningHeader?: string;
  /** How many section titles were printed over two lines. */
  readonly titlePairs: number;
}

function titleKey(t: Title): string {
  return `${t.kind}|${t.code}`;
}

/**
 * The titles of a document's lines: a title line, or the first of two lines that are a title together (the
 * second is then no line of its own).
 */
function findTitles(all: readonly DocLine[]): { titles: (Title | undefined)[]; second: Set<number> } {
  const titles: (Title | undefined)[] = new Array<Title | undefined>(all.length);
  const second = new Set<number>();
  for (let i = 0; i < all.length; i++) {
    if (second.has(i) || all[i]!.cells) continue;
    const text = all[i]!.text;
    const single = parseTitle(text);
    if (single) {
      titles[i] = single;
      continue;
    }
    const t = text.trim();
    if (t === '' || t.length > 200 || !/^(?:Produkt|Teil|Invest)/iu.test(t)) continue;
    const next = nextNonBlank(all, i + 1);
    if (next === undefined || next - i > 2 || all[next]!.cells) continue;
    const pair = parseTitlePair(t, all[next]!.text);
    if (pair && !parseTitle(all[next]!.text)) {
      titles[i] = pair;
      second.add(next);
    }
  }
  return { titles, second };
}

/**
 * Removes page furniture. A section title that repeats the section we are already in is a page break: the
 * title is marked `repeated` and the running header under it is dropped. The running header is the line that most often follows
 * section titles (at least two of them). Accepts plan text or the lines of a front-end.
 */
export function prepareLines(input: string | readonly DocLine[]): Prepared {
  const all = typeof input === 'string' ? tabbedLines(input, '') : input;
  const { titles: titleAt, second } = findTitles(all);
  const followers = new Map<string, number>();
  let titles = 0;
  for (let i = 0; i < all.length; i++) {
    if (!titleAt[i]) continue;
    titles++;
    let next = nextNonBlank(all, i + 1);
    if (next !== undefined && second.has(next)) next = nextNonBlank(all, next + 1);
    if (next === undefined) continue;
    const t = all[next]!.text.trim();
    if (t.length === 0 || t.length > 100 || all[next]!.cells || titleAt[next]) continue;
    followers.set(t, (followers.get(t) ?? 0) + 1);
  }
  let runningHeader: string | undefined;
  let best = 0;
  for (const [t, n] of followers) {
    if (n > best) {
      best = n;
      runningHeader = t;
    }
  }
  if (runningHeader !== undefined && (best < 2 || best * 2 < titles)) runningHeader = undefined;

  const out: TextLine[] = [];
  let current: string | undefined;
  let follower: string | undefined;
  let skip: string | undefined;
  for (let i = 0; i < all.length; i++) {
    if (second.has(i)) continue;
    const line = all[i]!;
    const trimmed = line.cells ? '\t' : line.text.trim();
    if (PAGE_NUMBER_LINE.test(trimmed)) continue;
    if (runningHeader !== undefined && trimmed === runningHeader) continue;
    if (skip !== undefined && trimmed !== '') {
      const drop = trimmed === skip;
      skip = undefined;
      if (drop) continue;
    }
    const title = titleAt[i];
    if (title) {
      const key = titleKey(title);
      if (key === current) {
        // page break inside the section: the title marked as repeated, the line printed under it the first
        // time dropped
        skip = follower;
        out.push({ ...line, title, repeated: true });
        continue;
      }
      current = key;
      let next = nextNonBlank(all, i + 1);
      if (next !== undefined && second.has(next)) next = nextNonBlank(all, next + 1);
      const t = next === undefined ? '' : all[next]!.text.trim();
      follower =
        t !== '' && t.length <= 100 && next !== undefined && !all[next]!.cells && !titleAt[next]
          ? t
          : undefined;
      out.push({ ...line, title });
      continue;
    }
    out.push(line);
  }
  return {
    lines: out,
    ...(runningHeader !== undefined ? { runningHeader } : {}),
    titlePairs: second.size,
  };
}

function nextNonBlank(lines: readonly DocLine[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i]!.text.trim() !== '') return i;
  return undefined;
}
