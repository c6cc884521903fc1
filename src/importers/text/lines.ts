/**
 * First pass of the text importer: splits the document into numbered lines, recognises section titles and
 * removes what the printer repeats on every page (the section title with its running header, page footers),
 * so that nothing downstream sees a page break inside a table, an Erläuterung or a description.
 */
import type { Level } from '../../core/model.js';

export interface TextLine {
  /** 1-based line number in the file. */
  readonly no: number;
  readonly text: string;
  /** Set by `prepareLines` when the line is a section title. */
  readonly title?: Title;
}

export type SectionKind =
  | 'teilergebnisplan'
  | 'teilfinanzplan'
  | 'gesamtergebnisplan'
  | 'gesamtfinanzplan'
  | 'investitionen'
  | 'produktbeschreibung';

export interface Title {
  readonly kind: SectionKind;
  readonly level: Level;
  readonly code: string;
  readonly name: string;
}

const SECTION_WORDS: readonly (readonly [RegExp, SectionKind])[] = [
  [/^teilergebnisplan$/i, 'teilergebnisplan'],
  [/^teilfinanzplan$/i, 'teilfinanzplan'],
  [/^investitionen$|^investitionsmaßnahmen$|^investitionsübersicht$/i, 'investitionen'],
  [/^produktbeschreibung$|^produktinformation$/i, 'produktbeschreibung'],
];

const LEVEL_WORDS: Readonly<Record<string, Level>> = {
  produktbereich: 'produktbereich',
  produktgruppe: 'produktgruppe',
  produkt: 'produkt',
};

/** "Teilergebnisplan Produktgruppe 43.01 Name", also "Teilergebnisplan – Produktgruppe 43.01 – Name",
 * "Teilergebnisplan für die Produktgruppe 43.01: Name". */
const TITLE =
  /^(\S+)\s+(?:[-–:]\s+)?(?:für\s+(?:den|die|das)\s+)?(Produktbereich|Produktgruppe|Produkt)\s+(\d[\d.]*[\dA-Za-z]*):?(?:\s+(?:[-–]\s+)?(.*))?$/iu;
const GESAMT_TITLE = /^(Gesamtergebnisplan|Gesamtfinanzplan)(?:\s+(.*))?$/iu;

/** Recognises a section title line such as "Teilergebnisplan Produktgruppe 43.01 Kommunales Integrationszentrum". */
/**
 * Two lines of one wrapped text as one. A word broken at its hyphen before a capital letter or a digit is joined
 * without a space ("IT-" / "Ausstattung" → "IT-Ausstattung", as German compounds are written); otherwise with a
 * space ("Hin-" / "und Rückfahrt" stays "Hin- und Rückfahrt").
 */
export function joinWrapped(head: string, tail: string): string {
  if (head === '') return tail;
  if (tail === '') return head;
  return /[\p{L}\d]-$/u.test(head) && /^[\p{Lu}\d]/u.test(tail) ? `${head}${tail}` : `${head} ${tail}`;
}

/** First letters a section title can start with (Teil…, Investitionen, Produkt…, Gesamt…), for a cheap reject. */
const TITLE_INITIALS = new Set(['T', 'I', 'P', 'G', 't', 'i', 'p', 'g']);

export function parseTitle(text: string): Title | undefined {
  const line = text.trim();
  if (!TITLE_INITIALS.has(line[0] ?? '') || line.length > 300 || line.includes('\t')) return undefined;
  const g = GESAMT_TITLE.exec(line);
  if (g) {
    const kind = g[1]!.toLowerCase() === 'gesamtergebnisplan' ? 'gesamtergebnisplan' : 'gesamtfinanzplan';
    const rest = (g[2] ?? '').trim();
    if (rest.length > 80) return undefined;
    return { kind, level: 'haushalt', code: 'gesamt', name: rest };
  }
  const m = TITLE.exec(line);
  if (!m) return undefined;
  const kind = SECTION_WORDS.find(([re]) => re.test(m[1]!))?.[1];
  if (!kind) return undefined;
  const level = LEVEL_WORDS[m[2]!.toLowerCase()]!;
  return { kind, level, code: m[3]!.replace(/\.$/, ''), name: (m[4] ?? '').trim() };
}

const FOOTER = /^(?:Seite\s+\d+(?:\s*(?:von|\/)\s*\d+)?|-\s*\d+\s*-)$/iu;

export interface Prepared {
  readonly lines: readonly TextLine[];
  /** The running header printed under every section title ("Kreishaushalt"), if one was found. */
  readonly runningHeader?: string;
}

function titleKey(t: Title): string {
  return `${t.kind}|${t.code}`;
}

/**
 * Removes page furniture. A section title that repeats the section we are already in is a page break: the
 * title and the running header under it are dropped. The running header is the line that most often follows
 * section titles (at least two of them).
 */
export function prepareLines(text: string): Prepared {
  const raw = text.split(/\r\n|\r|\n/);
  const all: TextLine[] = raw.map((t, i) => ({ no: i + 1, text: /\s$/u.test(t) ? t.trimEnd() : t }));

  const titleAt: (Title | undefined)[] = all.map((l) => parseTitle(l.text));
  const followers = new Map<string, number>();
  let titles = 0;
  for (let i = 0; i < all.length; i++) {
    if (!titleAt[i]) continue;
    titles++;
    const next = nextNonBlank(all, i + 1);
    if (next === undefined) continue;
    const t = all[next]!.text.trim();
    if (t.length === 0 || t.length > 100 || t.includes('\t') || titleAt[next]) continue;
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
    const line = all[i]!;
    const trimmed = line.text.trim();
    if (FOOTER.test(trimmed)) continue;
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
        // page break inside the section: drop the title and the line printed under it the first time
        skip = follower;
        continue;
      }
      current = key;
      const next = nextNonBlank(all, i + 1);
      const t = next === undefined ? '' : all[next]!.text.trim();
      follower =
        t !== '' && t.length <= 100 && !t.includes('\t') && next !== undefined && !titleAt[next]
          ? t
          : undefined;
      out.push({ ...line, title });
      continue;
    }
    out.push(line);
  }
  return runningHeader === undefined ? { lines: out } : { lines: out, runningHeader };
}

function nextNonBlank(lines: readonly TextLine[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) if (lines[i]!.text.trim() !== '') return i;
  return undefined;
}
