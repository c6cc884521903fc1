/**
 * The chapters of a laid-out book that are tables of a part (the Rücklagen, the Stellenplan, the VE overview,
 * the Verbindlichkeiten, the Fraktionen, the Investitionsprogramm): the chapter's first table made rows
 * (`printed-table.ts`) and read by the reader of its kind, the reader's notes pointed back to the printed lines.
 * A table the reader refuses is reported with the reader's reason; the chapter's lines outside the table are
 * left to the caller to report.
 */
import type { ImportNote, Source } from '../../core/model.js';
import type { BudgetParts } from '../../core/parts/index.js';
import type { DocLine } from '../rows/model.js';
import type { Chapter } from './chapters.js';
import { readFraktionen } from './fraktionen.js';
import { printedTable } from './printed-table.js';
import { readProgramm } from './programm.js';
import { readRuecklagen, type PartResult } from './ruecklagen.js';
import { readStellenplan } from './stellenplan.js';
import { readVe } from './ve.js';
import { readVerbindlichkeiten } from './verbindlichkeiten.js';

export type Parts = { -readonly [K in keyof BudgetParts]: BudgetParts[K] };

export interface Read {
  readonly notes: ImportNote[];
  readonly taken: Set<DocLine>;
}

/** Notes of a reader of rows or lines, pointed from their numbers back to the printed lines. */
export function located(notes: readonly ImportNote[], sources: readonly Source[]): ImportNote[] {
  return notes.map((n) => {
    const line = n.source?.line;
    const s = line !== undefined ? sources[line - 1] : undefined;
    return s ? { ...n, source: s } : n;
  });
}

/** A part read from rows, every `source` it holds (a row's number) pointed back to the printed line. */
export function relocatedPart<T>(value: T, sources: readonly Source[]): T {
  if (Array.isArray(value)) return value.map((v: unknown) => relocatedPart(v, sources)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const line = k === 'source' ? (v as Source).line : undefined;
    out[k] = line !== undefined && sources[line - 1] ? sources[line - 1] : relocatedPart(v, sources);
  }
  return out as T;
}

export function readTableChapter(chapter: Chapter, file: string, parts: Parts, taken: Set<DocLine>): Read {
  const table = printedTable(chapter.lines);
  if (!table) return { notes: [], taken };
  // the text above the table (a unit named there: "Beträge in Mio. €") as a row of its own before the header,
  // as a table file carries its title
  const first = chapter.lines.findIndex((l) => l.source === table.sources[0]);
  const intro = chapter.lines
    .slice(0, Math.max(0, first))
    .filter((l) => !l.cells && l.text.trim() !== '')
    .map((l) => l.text.trim())
    .join(' ');
  const rows = intro === '' ? table.rows : [[intro], ...table.rows];
  const sources = intro === '' ? table.sources : [chapter.heading.source, ...table.sources];
  const put = <T>(r: PartResult<T>, set: (part: T) => void): Read => {
    if (!r.ok)
      return {
        notes: [
          {
            severity: 'warning',
            rule: 'import-part',
            message: `${chapter.heading.text.trim()}: nicht gelesen: ${r.message}`,
            source: sources[r.line - 1] ?? chapter.heading.source,
          },
        ],
        taken,
      };
    set(relocatedPart(r.part, sources));
    for (const l of chapter.lines.slice(0, table.end)) taken.add(l);
    return { notes: located(r.notes, sources), taken };
  };
  switch (chapter.kind) {
    case 'ruecklagen':
      return put(readRuecklagen(rows, file, false), (p) => (parts.ruecklagen = p));
    case 'stellenplan':
      return put(readStellenplan(rows, file), (p) => (parts.stellenplan = p));
    case 've':
      return put(readVe(rows, file), (p) => (parts.veUebersicht = p));
    case 'verbindlichkeiten':
      return put(readVerbindlichkeiten(rows, file), (p) => (parts.verbindlichkeiten = p));
    case 'fraktionen':
      return put(readFraktionen(rows, file), (p) => (parts.fraktionen = p));
    case 'investitionsprogramm':
      return put(readProgramm(rows, file), (p) => (parts.investitionsprogramm = p));
    default:
      return { notes: [], taken };
  }
}
