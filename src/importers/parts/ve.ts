/**
 * A printed overview of the Verpflichtungsermächtigungen (§ 85 GO NRW, § 12 KomHVO NRW) into `VeUebersicht`
 * (src/core/parts/ve.ts), from rows of cells (a table, or a laid-out page made rows by `printed-table.ts`):
 * the column of the VE of the budget year is headed "VE 2026" or "Verpflichtungsermächtigungen 2026"; the
 * columns of the years the payments fall due name their year ("fällig 2027", "2027", "davon 2028", "zu Lasten
 * 2029"); the rows are Produktbereiche (their code, else their name) and the sum row ("Summe", "Gesamt",
 * "Insgesamt"). Amounts as the overview prints them, positive. A column with no year of its own ("spätere
 * Jahre") and any number outside the columns is reported, never guessed.
 */
import type { ImportNote } from '../../core/model.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import type { VeRow, VeUebersicht } from '../../core/parts/ve.js';
import { amountOf, markOf, scaleOf, unplaced, yearsIn, type Rows } from './cells.js';
import type { PartResult } from './ruecklagen.js';

const VE_HEADER = /^(?:VE|Verpflichtungs(?:ermächtigung(?:en)?)?)\b/iu;
const SUM = /^(?:summe|gesamt|insgesamt|gesamtsumme)\b/iu;

/** Whether rows are an overview of the VE: a header with a VE column of a year and a column of a later year. */
export function looksLikeVe(rows: Rows): boolean {
  return rows.slice(0, 4).some((r) => r.some((c) => VE_HEADER.test(c.trim()) && yearsIn(c).length > 0));
}

export function readVe(
  rows: Rows,
  file: string,
  lineOf: (row: number) => number = (r) => r + 1,
): PartResult<VeUebersicht> {
  const h = rows.findIndex((r) => r.some((c) => VE_HEADER.test(c.trim()) && yearsIn(c).length > 0));
  if (h < 0)
    return {
      ok: false,
      line: lineOf(0),
      message: 'Keine Spalte der Verpflichtungsermächtigungen erkannt (erwartet z. B. „VE 2026“)',
    };
  const header = rows[h]!;
  const veAt = header.findIndex((c) => VE_HEADER.test(c.trim()) && yearsIn(c).length > 0);
  const year = yearsIn(header[veAt]!)[0]!;
  const due = new Map<number, number>();
  header.forEach((c, j) => {
    if (j === veAt) return;
    const y = yearsIn(c).at(-1);
    if (y !== undefined && y > year - 1) due.set(j, y);
  });
  const mark = markOf(rows);
  const scale = scaleOf(rows);
  const notes: ImportNote[] = [];
  const out: VeRow[] = [];
  let sum: VeRow | undefined;
  rows.slice(h + 1).forEach((row, k) => {
    const line = lineOf(h + 1 + k);
    const source = { file, line };
    const texts = row.map((c) => c.trim());
    const firstAmount = texts.findIndex((c, j) => j > 0 && (j === veAt || due.has(j)) && c !== '');
    const label = texts
      .slice(0, firstAmount < 0 ? texts.length : Math.min(firstAmount, veAt))
      .filter(Boolean);
    const code = label.length > 1 && /^\d/u.test(label[0]!) ? label[0]! : '';
    const name = (code ? label.slice(1) : label).join(' ');
    let ve: PartAmount | undefined;
    const faellig: Record<string, PartAmount> = {};
    texts.forEach((c, j) => {
      if (c === '' || label.includes(c)) return;
      const a = amountOf(c, mark, scale, source);
      if (!a) return;
      const positive = { ...a, amount: Math.abs(a.amount) };
      if (j === veAt) ve = positive;
      else if (due.has(j)) faellig[String(due.get(j))] = positive;
      else notes.push(unplaced(file, line, c, 'steht in keiner Spalte der VE-Übersicht mit Jahr'));
    });
    if (ve === undefined && Object.keys(faellig).length === 0) return;
    const r: VeRow = { code, name, ...(ve ? { ve } : {}), faellig, source };
    if (!code && SUM.test(name)) sum = r;
    else out.push(r);
  });
  if (out.length === 0)
    return { ok: false, line: lineOf(h), message: 'Die VE-Übersicht hat keine Zeile mit Betrag' };
  return {
    ok: true,
    part: {
      year,
      years: [...new Set(due.values())].sort((a, b) => a - b),
      rows: out,
      ...(sum ? { sum } : {}),
      source: { file, line: lineOf(h) },
    },
    notes,
    traits: [
      `VE-Übersicht ${year}: ${out.length} Zeilen, Fälligkeit ${[...due.values()].join(', ') || 'ohne Jahre'}`,
    ],
  };
}
