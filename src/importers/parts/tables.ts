/**
 * Which part of the Haushaltsplan a table is, by its content: the development of the Rücklagen (at least three
 * positions recognised, one of them a Rücklage) or a Stellenplan (a header naming Beamte and Beschäftigte, or
 * Besoldungs-/Entgeltgruppen, and Stellen). `importPartRows` reads it into a budget holding only that part (no
 * plans; it merges with the plans of other files) and a ledger without plan amounts, whose layout traits say
 * what was read and how many numbers were placed and reported.
 */
import type { Budget } from '../../core/model.js';
import { csvRowsOf, parseCsv } from '../table/csv.js';
import type { ImportResult } from '../types.js';
import { readRuecklagen, ruecklagenScore, type PartResult } from './ruecklagen.js';
import { looksLikeStellenplan, readStellenplan } from './stellenplan.js';
import { looksLikeFraktionen, readFraktionen } from './fraktionen.js';
import { looksLikeProgramm, readProgramm } from './programm.js';
import { looksLikeVerbindlichkeiten, readVerbindlichkeiten } from './verbindlichkeiten.js';

export type PartKind =
  'ruecklagen' | 'stellenplan' | 'verbindlichkeiten' | 'fraktionen' | 'investitionsprogramm';

/** The part a table holds, if it is one. */
export function partOf(rows: readonly (readonly string[])[]): PartKind | undefined {
  if (looksLikeStellenplan(rows)) return 'stellenplan';
  if (ruecklagenScore(rows) >= 3) return 'ruecklagen';
  if (looksLikeFraktionen(rows)) return 'fraktionen';
  if (looksLikeProgramm(rows)) return 'investitionsprogramm';
  if (looksLikeVerbindlichkeiten(rows)) return 'verbindlichkeiten';
  return undefined;
}

/** Whether a CSV text is a table of a part (parsed once more by the import: the test is cheap next to it). */
export function looksLikePartCsv(text: string): boolean {
  const head = text.slice(0, 20_000);
  if (
    !/r(ü|ue)cklage|beamt|besoldung|entgeltgruppe|verbindlichkeit|fraktion|investition|ma(ß|ss)nahme/iu.test(
      head,
    )
  )
    return false;
  const parsed = parseCsv(head.replace(/^\uFEFF/u, ''));
  return parsed.ok && partOf(parsed.rows) !== undefined;
}

function result<T>(
  r: PartResult<T>,
  file: string,
  parts: (part: T) => NonNullable<Budget['parts']>,
): ImportResult {
  if (!r.ok) return { ok: false, errors: [{ file, line: r.line, message: r.message }] };
  const budget: Budget = { nodes: [], parts: parts(r.part), notes: [...r.notes], files: [file] };
  return { ok: true, budget, ledger: [{ file, read: [], outside: [], layout: r.traits }] };
}

/** Reads the rows of a table of a part; `fromCells`: the numbers come from a workbook's cells (no printed precision). */
export function importPartRows(
  rows: readonly (readonly string[])[],
  file: string,
  fromCells = false,
): ImportResult {
  const kind = partOf(rows);
  if (kind === 'stellenplan')
    return result(readStellenplan(rows, file), file, (stellenplan) => ({ stellenplan }));
  if (kind === 'ruecklagen')
    return result(readRuecklagen(rows, file, fromCells), file, (ruecklagen) => ({ ruecklagen }));
  if (kind === 'verbindlichkeiten')
    return result(readVerbindlichkeiten(rows, file), file, (verbindlichkeiten) => ({ verbindlichkeiten }));
  if (kind === 'fraktionen')
    return result(readFraktionen(rows, file), file, (fraktionen) => ({ fraktionen }));
  if (kind === 'investitionsprogramm')
    return result(readProgramm(rows, file), file, (investitionsprogramm) => ({ investitionsprogramm }));
  return {
    ok: false,
    errors: [
      {
        file,
        line: 1,
        message:
          'Kein Teil des Haushaltsplans erkannt: erwartet eine Entwicklung der Rücklagen (Zeilen wie „Allgemeine Rücklage am 01.01.“), einen Stellenplan (Spalten Beamte/Tarif/Gesamt je Jahr), eine Übersicht der Verbindlichkeiten, der Zuwendungen an die Fraktionen oder ein Investitionsprogramm',
      },
    ],
  };
}

/** Imports a CSV table of a part (text already decoded). */
export function importPartCsv(text: string, file: string): ImportResult {
  const parsed = csvRowsOf(text, file);
  if (!parsed.ok) return parsed;
  return importPartRows(parsed.rows, file);
}
