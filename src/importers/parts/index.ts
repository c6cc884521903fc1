/**
 * Printed parts as files: a Haushaltsquerschnitt (plan text, layout text, CSV) and a Haushaltssatzung (text),
 * also both in one file (the Satzung before the Querschnitt, as a Haushaltsplan prints them). `looksLikeParts`
 * tells them from plan text and tables of plan lines; `importParts` returns a budget with no units and the
 * parts read, and the ledger: every amount read is outside the plans, in the part or reported with its reason.
 */
import { Ledger } from '../../core/ledger.js';
import type { Budget, Column, ImportNote } from '../../core/model.js';
import type { BudgetParts } from '../../core/parts/index.js';
import { parseCsv } from '../table/csv.js';
import { gridLines, looksLikeLayoutText } from '../rows/grid.js';
import { indexCells, type DocLine } from '../rows/model.js';
import { tabbedLines } from '../rows/tabbed.js';
import type { ImportResult } from '../types.js';
import { looksLikePlanText } from '../recognise/titles.js';
import { readQuerschnitt, type PartRead, type PartReadAmount } from './querschnitt.js';
import { readSatzung } from './satzung.js';

const QUERSCHNITT_TITLE = /^\s*Haushaltsquerschnitt\b/imu;
const SATZUNG_TITLE = /^\s*Haushaltssatzung\b/imu;

/** A printed Satzung or Querschnitt (by its title near the top), not a plan. */
export function looksLikeParts(text: string): boolean {
  const head = text.slice(0, 4000);
  if (/Teilergebnisplan|Teilfinanzplan/u.test(head)) return false;
  // a book printing its parts among its plans is a plan document (its chapters are read beside the plans)
  if (looksLikePlanText(text)) return false;
  return (
    QUERSCHNITT_TITLE.test(head) || (SATZUNG_TITLE.test(head) && /Gesamtbetrag/u.test(text.slice(0, 20_000)))
  );
}

/**
 * The ways a file's lines become the row model, the likeliest first: tab-separated plan text, layout text laid
 * out on the character grid, a CSV table. The Querschnitt is read from the first in which its header is found.
 */
function docLineCandidates(text: string, file: string): (() => DocLine[])[] {
  const csv = (): DocLine[] => {
    const parsed = parseCsv(text);
    if (!parsed.ok) return [];
    return parsed.rows.map((row, i) => ({
      no: i + 1,
      text: row.join('\t'),
      cells: indexCells(row),
      source: { file, line: i + 1 },
    }));
  };
  const grid = (): DocLine[] => gridLines(text, file).lines;
  const tabbed = (): DocLine[] => tabbedLines(text, file);
  if (text.includes('\t')) return [tabbed, grid];
  return looksLikeLayoutText(text) ? [grid, csv] : [csv, grid];
}

/** Every amount read into the ledger: outside the plans, in the part or with the reason it was not placed. */
export function account(
  ledger: Ledger,
  read: PartRead<unknown>,
  column: (a: PartReadAmount) => Column,
  where: string,
): void {
  for (const a of read.amounts) {
    ledger.read(column(a), a.amount.amount);
    ledger.outside(
      column(a),
      a.amount.amount,
      a.placed ? where : (a.reason ?? 'nicht übernommen'),
      a.amount.source,
    );
  }
}

/** A Querschnitt's amounts into the ledger: the VE column as VE of the year, the rest as its Ansatz. */
export function accountQuerschnitt(ledger: Ledger, q: PartRead<unknown>, year: number): void {
  account(ledger, q, (a) => ({ kind: a.column === 've' ? 've' : 'ansatz', year }), 'im Haushaltsquerschnitt');
}

/** Imports a file holding a printed Haushaltssatzung, a Haushaltsquerschnitt, or both. */
export function importParts(text: string, file: string): ImportResult {
  const lines = text.split(/\r\n|\r|\n/u);
  const start = lines.findIndex((l) => QUERSCHNITT_TITLE.test(l));
  const satzungText = start >= 0 ? lines.slice(0, start).join('\n') : text;
  const parts: { -readonly [K in keyof BudgetParts]: BudgetParts[K] } = {};
  const notes: ImportNote[] = [];
  const ledger = new Ledger(file);
  const errors: { file: string; line?: number; message: string }[] = [];
  if (SATZUNG_TITLE.test(satzungText)) {
    const s = readSatzung(satzungText, file);
    notes.push(...s.notes);
    if (s.part) {
      parts.satzung = s.part;
      const year = s.part.year;
      account(ledger, s, () => ({ kind: 'ansatz', year }), 'in der Haushaltssatzung');
    } else if (s.error)
      errors.push({ file, ...(s.error.line ? { line: s.error.line } : {}), message: s.error.message });
  }
  if (start >= 0) {
    // the Querschnitt's own lines, numbered as in the file
    const rest = lines.map((l, i) => (i < start ? '' : l)).join('\n');
    const reads = docLineCandidates(rest, file).map((lines) => () => readQuerschnitt(lines(), file));
    let q = reads[0]!();
    for (const next of reads.slice(1)) {
      if (q.part) break;
      const r = next();
      if (r.part) q = r;
    }
    notes.push(...q.notes);
    if (q.part) {
      parts.querschnitt = q.part;
      accountQuerschnitt(ledger, q, q.part.year);
    } else if (q.error)
      errors.push({ file, ...(q.error.line ? { line: q.error.line } : {}), message: q.error.message });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (!parts.satzung && !parts.querschnitt)
    return {
      ok: false,
      errors: [
        { file, line: 1, message: 'Weder eine Haushaltssatzung noch ein Haushaltsquerschnitt erkannt' },
      ],
    };
  const year = parts.satzung?.year ?? parts.querschnitt?.year;
  const budget: Budget = { ...(year !== undefined ? { year } : {}), nodes: [], parts, notes, files: [file] };
  return { ok: true, budget, ledger: [ledger.toJSON()] };
}
