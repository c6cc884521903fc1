/**
 * The parts a laid-out Haushaltsplan prints as chapters (a book as PDF or `pdftotext -layout` text), read back
 * beside its plans: the chapters are taken out of the document's lines (`chapters.ts`) before the plans are
 * read from the rest, so no amount of a part becomes a plan line; then each chapter is read by its part's
 * reader — the Haushaltssatzung's figures (`satzung.ts`), the Haushaltsquerschnitt (`querschnitt.ts`), the
 * overview of the VE (`ve.ts`), and the tables of the Rücklagen, the Stellenplan, the Verbindlichkeiten, the
 * Fraktionen and the Investitionsprogramm (made rows by `printed-table.ts`, read as `tables.ts` reads a file).
 * What a chapter prints only as a derivation — the Vorbericht's key figures and charts, the § 76 and § 75 GO
 * NRW tests under the Rücklagen, the Personalaufwendungen per post under the Stellenplan — is not a part to
 * hold: each of its lines with numbers is reported with that reason, as is every number a reader did not place.
 */
import { Ledger, type FileLedger } from '../../core/ledger.js';
import type { ImportNote } from '../../core/model.js';
import type { DocLine } from '../rows/model.js';
import { isPageNumberLine } from '../recognise/page-number.js';
import type { ImportResult } from '../types.js';
import { splitChapters, type Chapter, type ChapterKind } from './chapters.js';
import { located, readTableChapter, relocatedPart, type Parts, type Read } from './book-tables.js';
import { account, accountQuerschnitt } from './index.js';
import { readQuerschnitt } from './querschnitt.js';
import { readSatzung } from './satzung.js';

/** Why a chapter's numbers outside its part are not read (German). */
const DERIVED: Readonly<Record<ChapterKind, string>> = {
  satzung: 'steht in keiner Angabe der Haushaltssatzung',
  vorbericht: 'Eckdaten und Diagramme des Vorberichts sind aus den Plänen abgeleitet',
  querschnitt: 'steht in keiner Zeile des Haushaltsquerschnitts',
  ve: 'steht in keiner Zeile der VE-Übersicht',
  ruecklagen:
    'die Prüfungen nach § 76 Abs. 1 und § 75 Abs. 2 GO NRW sind aus der Entwicklung der Rücklagen berechnet',
  stellenplan: 'die Personalaufwendungen je Stelle sind aus Stellenplan und Teilergebnisplänen berechnet',
  verbindlichkeiten: 'steht in keiner Zeile der Übersicht der Verbindlichkeiten',
  fraktionen: 'steht in keiner Zeile der Zuwendungen an die Fraktionen',
  investitionsprogramm: 'steht in keiner Zeile des Investitionsprogramms',
};

const NUMBER = /\d/u;

/** A note for each line with numbers that no part took (`taken`: the lines a reader read). */
function reportRest(chapter: Chapter, taken: ReadonlySet<DocLine>): ImportNote[] {
  return chapter.lines
    .filter(
      (l) => !taken.has(l) && !isPageNumberLine(l.text) && NUMBER.test(l.text.replace(/(?:19|20)\d\d/gu, '')),
    )
    .map((l) => {
      const text = l.text.replace(/\s+/gu, ' ').trim();
      return {
        severity: 'info',
        rule: 'import-derived-part',
        message: `${chapter.heading.text.trim()}: Zahlen nicht übernommen (${DERIVED[chapter.kind]}): „${text.slice(0, 120)}“`,
        source: l.source,
      } satisfies ImportNote;
    });
}

/** A ledger's entries added to the file's ledger (the same file: one ledger, so that it reconciles). */
function mergeLedger(into: FileLedger, more: FileLedger): FileLedger {
  const read = into.read.map((r) => ({ ...r }));
  for (const r of more.read) {
    const same = read.find((x) => x.column.kind === r.column.kind && x.column.year === r.column.year);
    if (same)
      read[read.indexOf(same)] = { ...same, amount: same.amount + r.amount, count: same.count + r.count };
    else read.push(r);
  }
  return { ...into, read, outside: [...into.outside, ...more.outside] };
}

function readChapter(chapter: Chapter, file: string, parts: Parts, ledger: Ledger): Read {
  const lines = [chapter.heading, ...chapter.lines];
  const taken = new Set<DocLine>();
  if (chapter.kind === 'satzung') {
    const read = readSatzung(lines.map((l) => l.text).join('\n'), file);
    const placed = new Set(read.amounts.map((a) => a.amount.source?.line));
    // the reader's line numbers are the chapter's: pointed back to the printed lines
    const sources = lines.map((l) => l.source);
    const s = relocatedPart(read, sources);
    if (!s.part) return { notes: located(s.notes, sources), taken };
    parts.satzung = s.part;
    const year = s.part.year;
    account(ledger, s, () => ({ kind: 'ansatz', year }), 'in der Haushaltssatzung');
    lines.forEach((l, i) => {
      if (placed.has(i + 1) || !/\d/u.test(l.text) || /v\.\s*H\.|%|Jahr/u.test(l.text)) taken.add(l);
    });
    return { notes: [...s.notes], taken };
  }
  if (chapter.kind === 'querschnitt') {
    const q = readQuerschnitt(lines, file);
    if (!q.part) return { notes: [...q.notes], taken };
    parts.querschnitt = q.part;
    accountQuerschnitt(ledger, q, q.part.year);
    for (const l of lines) if (l.cells) taken.add(l);
    return { notes: [...q.notes], taken };
  }
  if (chapter.kind === 'vorbericht') return { notes: [], taken };
  return readTableChapter(chapter, file, parts, taken);
}

/**
 * Reads the plans of a laid-out document with `read` from its lines without the parts' chapters, and the
 * parts from the chapters; the parts' amounts go into the file's ledger outside the plans or into notes.
 */
export function withPrintedParts(
  lines: readonly DocLine[],
  file: string,
  read: (lines: readonly DocLine[]) => ImportResult,
): ImportResult {
  const { chapters, rest, plans } = splitChapters(lines);
  // a document of parts alone (no plan's title outside the chapters): no plans to read
  const result: ImportResult =
    plans || chapters.length === 0
      ? read(rest)
      : { ok: true, budget: { nodes: [], notes: [], files: [file] }, ledger: [] };
  if (!result.ok || chapters.length === 0) return result;
  const parts: Parts = {};
  const notes: ImportNote[] = [];
  const ledger = new Ledger(file);
  for (const chapter of chapters) {
    const r = readChapter(chapter, file, parts, ledger);
    notes.push(...r.notes, ...reportRest(chapter, r.taken));
  }
  const own = result.ledger.findIndex((l) => l.file === file);
  const merged =
    own < 0
      ? [...result.ledger, ledger.toJSON()]
      : result.ledger.map((l, i) => (i === own ? mergeLedger(l, ledger.toJSON()) : l));
  const year = result.budget.year ?? parts.satzung?.year ?? parts.querschnitt?.year;
  return {
    ok: true,
    budget: {
      ...result.budget,
      ...(year !== undefined ? { year } : {}),
      parts: { ...result.budget.parts, ...parts },
      notes: [...result.budget.notes, ...notes],
    },
    ledger: merged,
  };
}
