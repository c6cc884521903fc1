/**
 * A printed Haushaltsquerschnitt read from the row model (`../rows`): the header line is the first whose cells
 * name at least two of the Querschnitt's columns (`data/parts/nrw-querschnitt.json`, labels and aliases); each
 * row below it is a Produktbereich (its code and name before the amounts) or the sum row ("Summe", "Gesamt",
 * "Insgesamt"). Amounts go to the header column they stand under (laid-out text: the columns the layout found
 * under the header) or, in tables and tab-separated text, by order from the right. Aufwendungen printed positive
 * are turned into the signed view (and the print's convention kept). The year comes from a title or the header
 * ("Haushaltsquerschnitt 2026", "Ansatz 2026"). Every amount is placed or reported at its place.
 */
import type { ImportNote, Source } from '../../core/model.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import type { Querschnitt, QuerschnittRow } from '../../core/parts/querschnitt.js';
import { QUERSCHNITT, type QuerschnittColumnSpec } from '../../core/parts/spec.js';
import { readAmount, isAmountText } from '../recognise/amounts.js';
import { mostOverlapping, nearestRange, type Cell, type DocLine, type Range } from '../rows/model.js';

/** An amount read: placed in the part (in `column`, where the part has columns), or not and why. */
export interface PartReadAmount {
  readonly amount: PartAmount;
  readonly placed: boolean;
  readonly column?: string;
  readonly reason?: string;
}

export interface PartRead<T> {
  readonly part?: T;
  readonly notes: readonly ImportNote[];
  /** Amounts read: placed in the part, or reported in a note (with `placed: false`). */
  readonly amounts: readonly PartReadAmount[];
  /** Why nothing could be read (German), when `part` is absent. */
  readonly error?: { readonly message: string; readonly line?: number };
}

/** Lower case, letters and digits only: "Einzahlungen lfd. Verwaltung" → "einzahlungenlfdverwaltung". */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-zäöüß0-9]/gu, '');
}

/** The column a header cell names (its label or an alias, the longest that fits). */
function columnOf(text: string): QuerschnittColumnSpec | undefined {
  const t = normalise(text);
  if (t === '') return undefined;
  let best: { spec: QuerschnittColumnSpec; length: number } | undefined;
  for (const spec of QUERSCHNITT.columns)
    for (const name of [spec.label, ...spec.aliases]) {
      const n = normalise(name);
      if (t === n && (!best || n.length > best.length)) best = { spec, length: n.length };
    }
  return best?.spec;
}

const SUM = /^(?:summe|gesamt|insgesamt|haushalt\s*insgesamt|gesamtsumme)\b/iu;
const CODE = /^(\d{1,3}(?:\.\d{1,3})*)(?:\s+(.*))?$/u;
const YEAR = /\b(?:Haushaltsquerschnitt|Ansatz|Haushaltsjahr|Plan)\s*(20\d{2})\b/u;

interface Header {
  readonly line: DocLine;
  readonly specs: readonly QuerschnittColumnSpec[];
  /** Where each column stands (laid-out text), else undefined: by order from the right. */
  readonly ranges?: readonly Range[];
}

/**
 * A label's words printed a space apart as cells of their own (`pdftotext -layout`: "Einz." "lfd."): joined
 * where together they name a column and alone the first does not.
 */
function joinedLabels(cells: readonly Cell[]): Cell[] {
  const out: Cell[] = [];
  for (const c of cells) {
    const prev = out.at(-1);
    const width = prev ? (prev.x1 - prev.x0) / Math.max(1, prev.text.length) : 0;
    const joined = prev && `${prev.text} ${c.text}`;
    if (prev && joined && !columnOf(prev.text) && c.x0 - prev.x1 <= 2 * width && columnOf(joined))
      out[out.length - 1] = { text: joined, x0: prev.x0, x1: c.x1 };
    else out.push(c);
  }
  return out;
}

function headerOf(line: DocLine): Header | undefined {
  if (!line.cells) return undefined;
  const cells = line.points ? joinedLabels(line.cells) : line.cells;
  const matched = cells.map((c) => ({ cell: c, spec: columnOf(c.text) })).filter((m) => m.spec);
  // a header names columns in more than half of its cells (prose that mentions "Erträge" and "Aufwendungen" does not)
  const filled = cells.filter((c) => c.text !== '').length;
  if (matched.length < 2 || matched.length * 2 <= filled) return undefined;
  const specs = matched.map((m) => m.spec!);
  if (!line.points) return { line, specs };
  const ranges =
    line.columns && line.columns.length === specs.length
      ? line.columns
      : matched.map((m) => ({ x0: m.cell.x0, x1: m.cell.x1 }));
  return { line, specs, ranges };
}

function note(severity: ImportNote['severity'], message: string, source: Source): ImportNote {
  return { severity, rule: 'import-querschnitt', message, source };
}

/** The Querschnitt of a document's lines; `year` when the file does not print it. */
export function readQuerschnitt(lines: readonly DocLine[], file: string): PartRead<Querschnitt> {
  const notes: ImportNote[] = [];
  const amounts: PartReadAmount[] = [];
  let year: number | undefined;
  let header: Header | undefined;
  const rows: QuerschnittRow[] = [];
  let sum: QuerschnittRow | undefined;
  for (const line of lines) {
    const y = YEAR.exec(line.text);
    if (y && year === undefined) year = Number(y[1]);
    const h = headerOf(line);
    if (h) {
      // a header repeated on a new page must name the same columns
      if (header && h.specs.map((s) => s.id).join() !== header.specs.map((s) => s.id).join())
        notes.push(
          note(
            'warning',
            `${file}, Zeile ${line.no}: eine zweite Kopfzeile mit anderen Spalten; die Spalten der ersten gelten weiter`,
            line.source,
          ),
        );
      else header = h;
      continue;
    }
    if (!header || !line.cells || line.cells.length === 0) continue;
    const row = readRow(line, header, file, notes, amounts);
    if (!row) continue;
    if (row.code === '') sum = row;
    else rows.push(row);
  }
  if (!header)
    return {
      notes,
      amounts,
      error: {
        message:
          'Keine Kopfzeile eines Haushaltsquerschnitts gefunden (erwartet Spalten wie „Erträge“, „Aufwendungen“, „Einzahlungen aus laufender Verwaltungstätigkeit“)',
      },
    };
  if (year === undefined)
    return {
      notes,
      amounts,
      error: {
        message:
          'Das Haushaltsjahr des Querschnitts ist nicht zu erkennen (erwartet „Haushaltsquerschnitt 2026“ oder „Ansatz 2026“ über der Tabelle)',
        line: header.line.no,
      },
    };
  if (rows.length === 0)
    return {
      notes,
      amounts,
      error: {
        message:
          'Unter der Kopfzeile steht keine Zeile eines Produktbereichs (erwartet Nummer, Bezeichnung und Beträge)',
        line: header.line.no,
      },
    };
  const signs = outPrintedPositive(rows, sum, header.specs) ? 'positive' : 'negative';
  const signed = (r: QuerschnittRow): QuerschnittRow =>
    signs === 'positive'
      ? {
          ...r,
          amounts: Object.fromEntries(
            Object.entries(r.amounts).map(([id, a]) => [
              id,
              header.specs.find((s) => s.id === id)?.flow === 'out' && a.amount !== 0
                ? { ...a, amount: -a.amount }
                : a,
            ]),
          ),
        }
      : r;
  return {
    part: {
      year,
      columns: header.specs.map((s) => s.id),
      rows: rows.map(signed),
      ...(sum ? { sum: signed(sum) } : {}),
      signs,
      source: header.line.source,
    },
    notes,
    amounts,
  };
}

/** Aufwendungen/Auszahlungen printed as positive numbers: most non-zero amounts of the out columns are. */
function outPrintedPositive(
  rows: readonly QuerschnittRow[],
  sum: QuerschnittRow | undefined,
  specs: readonly QuerschnittColumnSpec[],
): boolean {
  let positive = 0;
  let negative = 0;
  for (const r of [...rows, ...(sum ? [sum] : [])])
    for (const s of specs) {
      if (s.flow !== 'out') continue;
      const a = r.amounts[s.id]?.amount ?? 0;
      if (a > 0) positive++;
      else if (a < 0) negative++;
    }
  return positive > negative;
}

function readRow(
  line: DocLine,
  header: Header,
  file: string,
  notes: ImportNote[],
  amounts: PartReadAmount[],
): QuerschnittRow | undefined {
  const cells = line.cells!;
  // the amounts: laid out, the cells standing under a column; in tables, the last cells, one per column
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.text === '') end--;
  const first = header.ranges
    ? cells.findIndex((c) => c.text !== '' && isAmountText(c.text) && byPosition(header.ranges!, c) >= 0)
    : end > header.specs.length
      ? end - header.specs.length
      : cells.findIndex((c) => c.text !== '' && isAmountText(c.text));
  const lead = (first < 0 ? cells : cells.slice(0, first)).map((c) => c.text).filter((t) => t !== '');
  const label = lead.join(' ').trim();
  const values = first < 0 ? [] : cells.slice(first, header.ranges ? cells.length : end);
  let code: string;
  let name: string;
  if (SUM.test(label)) {
    code = '';
    name = label;
  } else {
    const m = CODE.exec(label);
    if (!m) {
      if (values.some((c) => c.text !== ''))
        notes.push(
          note(
            'warning',
            `${file}, Zeile ${line.no}: „${label}“ ist weder ein Produktbereich (Nummer und Bezeichnung) noch die Summenzeile; die Beträge der Zeile sind nicht übernommen`,
            line.source,
          ),
        );
      for (const c of values) {
        const a = readAmount(c.text);
        if (a)
          amounts.push({
            amount: { amount: a.cents, decimals: a.decimals, source: line.source },
            placed: false,
            reason: 'Zeile ohne Produktbereich',
          });
      }
      return undefined;
    }
    code = m[1]!;
    name = (m[2] ?? '').trim();
  }
  const placed: Record<string, PartAmount> = {};
  values.forEach((cell, k) => {
    if (cell.text === '') return;
    const parsed = readAmount(cell.text);
    const index = header.ranges ? byPosition(header.ranges, cell) : header.specs.length - (values.length - k);
    const spec = index >= 0 ? header.specs[index] : undefined;
    if (!parsed) {
      notes.push({
        ...note(
          'error',
          `${file}, Zeile ${line.no}: „${cell.text}“ ist kein Betrag (Spalte ${spec?.label ?? 'unbekannt'}); die Zelle fehlt im Querschnitt`,
          line.source,
        ),
        severity: 'error',
      });
      return;
    }
    const amount: PartAmount = {
      amount: parsed.cents,
      decimals: parsed.decimals,
      ...(parsed.scale ? { scale: parsed.scale } : {}),
      source: line.source,
    };
    if (!spec || placed[spec.id]) {
      notes.push(
        note(
          'warning',
          `${file}, Zeile ${line.no}: der Betrag ${cell.text} steht unter keiner Spalte des Querschnitts; nicht übernommen`,
          line.source,
        ),
      );
      amounts.push({ amount, placed: false, reason: 'Betrag unter keiner Spalte' });
      return;
    }
    placed[spec.id] = amount;
    amounts.push({ amount, placed: true, column: spec.id });
  });
  return { code, name, amounts: placed, source: line.source };
}

/** The column a laid-out cell stands under: the one it overlaps most, else the nearest. */
function byPosition(ranges: readonly Range[], cell: Range): number {
  const best = mostOverlapping(ranges, cell);
  if (best >= 0) return best;
  const near = nearestRange(ranges, cell);
  return near.distance <= 20 ? near.index : -1;
}
