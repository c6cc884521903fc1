/**
 * A table of the development of the Rücklagen into `Ruecklagen` (src/core/parts/ruecklagen.ts): the rows
 * recognised by their labels (`data/parts/ruecklagen.json`), in either orientation — positions down and years
 * across (Münster's table), or years down and positions across (transposed). Years are the four-digit years of
 * the other axis ("2026", "Ansatz 2026", "Plan 2027"). The unit is read from the table's own text ("Mio. €",
 * "in T€", "TEUR", "EUR"); a table that does not name it is read in Mio. € when its amounts have at most two
 * decimals and stay below 100.000 (a Rücklage of a municipality in euros is never so small), which is
 * reported, and else in euros. A row printing only Entnahmen ("Entnahme aus der Ausgleichsrücklage") as
 * positive numbers is read as reductions. Every number is placed or reported.
 */
import type { ImportNote, Source } from '../../core/model.js';
import type { Figure, FigureUnit } from '../../core/parts/figure.js';
import { UNIT_FACTOR, UNIT_LABEL } from '../../core/parts/figure.js';
import {
  normaliseLabel,
  recogniseRow,
  rowSpec,
  type Ruecklagen,
  type RuecklagenRow,
  type RuecklagenRowId,
  type RuecklagenYear,
} from '../../core/parts/ruecklagen.js';
import { decimalMarkOf, parseNumber, type PrintedNumber } from './numbers.js';

export interface PartRead<T> {
  readonly part: T;
  readonly notes: readonly ImportNote[];
  readonly traits: readonly string[];
}

export type PartResult<T> =
  | ({ readonly ok: true } & PartRead<T>)
  | { readonly ok: false; readonly line: number; readonly message: string };

const YEAR = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/u;

function yearOf(text: string): number | undefined {
  const m = YEAR.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The unit a table names in any of its text cells. */
function namedUnit(rows: readonly (readonly string[])[]): FigureUnit | undefined {
  for (const row of rows)
    for (const cell of row) {
      const t = normaliseLabel(cell);
      if (/\bmio\b|millionen/u.test(t)) return 'MioEUR';
      if (/t€|teur|tsd\.? ?(€|eur)|tausend euro/u.test(t)) return 'TEUR';
    }
  for (const row of rows)
    for (const cell of row) if (/(^|[\s(])(€|eur|euro)([\s)]|$)/iu.test(cell)) return 'EUR';
  return undefined;
}

/** Recognised positions along one axis: index → row id and printed label. */
function positions(labels: readonly string[]): Map<number, { id: RuecklagenRowId; label: string }> {
  const seen = new Set<RuecklagenRowId>();
  const out = new Map<number, { id: RuecklagenRowId; label: string }>();
  labels.forEach((label, i) => {
    if (parseNumber(label, '.') !== undefined || parseNumber(label, ',') !== undefined) return;
    const id = recogniseRow(label, seen);
    if (id === undefined || seen.has(id)) return;
    seen.add(id);
    out.set(i, { id, label });
  });
  return out;
}

const STOCKS: ReadonlySet<RuecklagenRowId> = new Set([
  'allgemeineAnfang',
  'allgemeineEnde',
  'ausgleichAnfang',
  'ausgleichEnde',
]);

/** The positions of one axis, counted only when one of them is a stock of a Rücklage (a plan's lines are not). */
function score(found: ReadonlyMap<number, { id: RuecklagenRowId }>): number {
  return [...found.values()].some((p) => STOCKS.has(p.id)) ? found.size : 0;
}

/** How many positions a table holds in its best column, or across its best row. */
export function ruecklagenScore(rows: readonly (readonly string[])[]): number {
  const width = Math.min(4, Math.max(0, ...rows.map((r) => r.length)));
  const byColumn = Math.max(
    0,
    ...Array.from({ length: width }, (_, c) => score(positions(rows.map((r) => r[c] ?? '')))),
  );
  const byRow = Math.max(0, ...rows.slice(0, 5).map((r) => score(positions(r))));
  return Math.max(byColumn, byRow);
}

/** One cell of the table: a position of a year, with its printed text and place. */
interface Entry {
  readonly id: RuecklagenRowId;
  readonly year: number;
  readonly text: string;
  readonly line: number;
}

/** The entries of the table and the cells left over, by orientation. */
function entries(rows: readonly (readonly string[])[]):
  | {
      entries: Entry[];
      labels: Map<RuecklagenRowId, { label: string; line: number }>;
      other: { text: string; line: number; why: string }[];
    }
  | undefined {
  const width = Math.max(0, ...rows.map((r) => r.length));
  // positions down one column, years across a header row
  let best: { col: number; found: Map<number, { id: RuecklagenRowId; label: string }> } | undefined;
  for (let c = 0; c < Math.min(4, width); c++) {
    const found = positions(rows.map((r) => r[c] ?? ''));
    if (!best || found.size > best.found.size) best = { col: c, found };
  }
  let across: { row: number; found: Map<number, { id: RuecklagenRowId; label: string }> } | undefined;
  rows.slice(0, 5).forEach((r, i) => {
    const found = positions(r);
    if (!across || found.size > across.found.size) across = { row: i, found };
  });
  const out: Entry[] = [];
  const labels = new Map<RuecklagenRowId, { label: string; line: number }>();
  const other: { text: string; line: number; why: string }[] = [];
  /** A cell: an entry of a position and year, or a number left over (with why), or nothing. */
  const place = (
    text: string,
    id: RuecklagenRowId | undefined,
    year: number | undefined,
    line: number,
    why: string,
  ): void => {
    if (text.trim() === '') return;
    if (id !== undefined && year !== undefined) out.push({ id, year, text, line });
    else if (parseNumber(text, '.') !== undefined || parseNumber(text, ',') !== undefined)
      other.push({ text, line, why });
  };
  if (best && best.found.size >= (across?.found.size ?? 0)) {
    const firstRow = Math.min(...best.found.keys());
    const headerRow = rows.slice(0, firstRow).findLastIndex((r) => r.some((c) => yearOf(c) !== undefined));
    if (headerRow < 0) return undefined;
    const years = rows[headerRow]!.map((c, i) => (i === best.col ? undefined : yearOf(c)));
    rows.forEach((r, i) => {
      if (i <= headerRow) return;
      const pos = best.found.get(i);
      if (pos) labels.set(pos.id, { label: pos.label, line: i + 1 });
      r.forEach((cell, c) => {
        if (c === best.col) return;
        place(
          cell,
          pos?.id,
          years[c],
          i + 1,
          pos ? 'Spalte ohne Jahr' : `Zeile „${(r[best.col] ?? '').trim()}“ nicht erkannt`,
        );
      });
    });
    return { entries: out, labels, other };
  }
  if (!across) return undefined;
  const a = across;
  const yearCol = rows
    .slice(a.row + 1)
    .reduce<number[]>((cols, r) => {
      r.forEach((c, i) => {
        if (!a.found.has(i) && /^\s*(?:\D*\s)?(19|20)\d\d\s*$/u.test(c)) cols[i] = (cols[i] ?? 0) + 1;
      });
      return cols;
    }, [])
    .reduce((bestCol, n, i, all) => (n > (all[bestCol] ?? 0) ? i : bestCol), 0);
  a.found.forEach((pos) => labels.set(pos.id, { label: pos.label, line: a.row + 1 }));
  rows.forEach((r, i) => {
    if (i <= a.row) return;
    const year = yearOf(r[yearCol] ?? '');
    r.forEach((cell, c) => {
      if (c === yearCol) return;
      const pos = a.found.get(c);
      place(cell, pos?.id, year, i + 1, pos ? 'Zeile ohne Jahr' : `Spalte ${c + 1} nicht erkannt`);
    });
  });
  return { entries: out, labels, other };
}

/** Whether a row prints only reductions as positive numbers ("Entnahme aus der Ausgleichsrücklage"). */
function onlyReductions(label: string): boolean {
  const t = normaliseLabel(label);
  return /entnahme|inanspruchnahme|verringerung/u.test(t) && !/zufuehrung|veraenderung|\/|\+/u.test(t);
}

/** Reads a table of the development of the Rücklagen. */
export function readRuecklagen(
  rows: readonly (readonly string[])[],
  file: string,
  fromCells = false,
): PartResult<Ruecklagen> {
  const found = entries(rows);
  if (!found || found.entries.length === 0)
    return {
      ok: false,
      line: 1,
      message:
        'Entwicklung der Rücklagen erkannt, aber keine Jahre gefunden: erwartet eine Kopfzeile mit Jahren („2026“, „Plan 2027“) über den Beträgen oder eine Spalte mit Jahren',
    };
  const mark = decimalMarkOf(rows);
  const notes: ImportNote[] = [];
  const traits: string[] = [];
  const at = (line: number): Source => ({ file, line });
  const parsed: { e: Entry; n: PrintedNumber }[] = [];
  for (const e of found.entries) {
    const n = parseNumber(e.text, mark);
    if (n === undefined)
      notes.push({
        severity: 'error',
        rule: 'unreadable-amount',
        message: `Rücklagen, ${rowSpec(e.id).label} ${e.year}: „${e.text}“ ist keine Zahl (erwartet z. B. „690,0“ oder „-57,5“); ausgelassen`,
        source: at(e.line),
      });
    else parsed.push({ e, n });
  }
  for (const o of found.other)
    notes.push({
      severity: 'warning',
      rule: 'skipped-row',
      message: `Rücklagen: Zahl „${o.text}“ nicht übernommen (${o.why})`,
      source: at(o.line),
    });
  const money = parsed.filter((p) => !rowSpec(p.e.id).percent);
  let unit = namedUnit(rows);
  if (unit !== undefined) traits.push(`Einheit im Text: ${UNIT_LABEL[unit]}`);
  else {
    const small = money.every(
      (p) => p.n.decimals <= 2 && Math.abs(p.n.digits) / 10 ** p.n.decimals < 100_000,
    );
    unit = small && money.some((p) => p.n.decimals > 0) ? 'MioEUR' : 'EUR';
    traits.push(`Einheit nicht angegeben: ${UNIT_LABEL[unit]} angenommen`);
    notes.push({
      severity: 'warning',
      rule: 'unit-assumed',
      message:
        unit === 'MioEUR'
          ? 'Rücklagen: die Tabelle nennt keine Einheit; gelesen in Mio. € (Beträge unter 100.000 mit Nachkommastellen). Bitte prüfen oder die Einheit in die Kopfzeile schreiben („in Mio. €“)'
          : 'Rücklagen: die Tabelle nennt keine Einheit; gelesen in Euro. Bitte prüfen oder die Einheit in die Kopfzeile schreiben („in €“)',
      source: at(1),
    });
  }
  const negate = new Set<RuecklagenRowId>();
  for (const [id, l] of found.labels)
    if (
      onlyReductions(l.label) &&
      !rowSpec(id).percent &&
      money.every((p) => p.e.id !== id || p.n.digits >= 0)
    ) {
      negate.add(id);
      traits.push(`„${l.label}“: Entnahmen positiv gedruckt, als Verringerung gelesen`);
    }
  // a workbook's number cells carry no printed precision (690,2 comes as 690,20): the table's is the finest
  // its figures show, per kind (money, percent)
  const finest = (percent: boolean): number =>
    Math.max(
      0,
      ...parsed
        .filter((p) => Boolean(rowSpec(p.e.id).percent) === percent)
        .map((p) => p.n.decimals - /0*$/u.exec(String(Math.abs(p.n.digits)))![0].length)
        .map((d) => Math.max(0, d)),
    );
  const precision = fromCells ? { money: finest(false), percent: finest(true) } : undefined;
  if (precision)
    traits.push(
      `Genauigkeit aus den Zahlen abgeleitet (Zellen einer Arbeitsmappe): ${precision.money} Nachkommastelle(n)`,
    );
  const byYear = new Map<number, Partial<Record<RuecklagenRowId, Figure>>>();
  let placed = 0;
  for (const { e, n } of parsed) {
    const spec = rowSpec(e.id);
    const figureUnit: FigureUnit = spec.percent ? 'percent' : unit;
    const amount = (n.digits * UNIT_FACTOR[figureUnit]) / 10 ** n.decimals;
    if (!Number.isSafeInteger(amount)) {
      notes.push({
        severity: 'error',
        rule: 'unreadable-amount',
        message: `Rücklagen, ${spec.label} ${e.year}: „${e.text}“ hat mehr Nachkommastellen, als die Einheit ${UNIT_LABEL[figureUnit]} in Cent fassen kann; ausgelassen`,
        source: at(e.line),
      });
      continue;
    }
    const year = byYear.get(e.year) ?? {};
    if (year[e.id]) {
      notes.push({
        severity: 'warning',
        rule: 'skipped-row',
        message: `Rücklagen, ${spec.label} ${e.year}: zweimal gedruckt, „${e.text}“ nicht übernommen`,
        source: at(e.line),
      });
      continue;
    }
    year[e.id] = {
      amount: negate.has(e.id) && amount !== 0 ? -amount : amount,
      unit: figureUnit,
      decimals: precision ? (spec.percent ? precision.percent : precision.money) : n.decimals,
      source: at(e.line),
    };
    byYear.set(e.year, year);
    placed++;
  }
  const years: RuecklagenYear[] = [...byYear.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([year, figures]) => ({ year, figures }));
  const rowsOut: RuecklagenRow[] = [...found.labels.entries()].map(([id, l]) => ({
    id,
    label: l.label.trim(),
    source: at(l.line),
  }));
  const read = found.entries.length + found.other.length;
  traits.push(
    `Entwicklung der Rücklagen: ${rowsOut.length} Positionen, ${years.length} Jahre (${years[0]?.year ?? ''}–${years.at(-1)?.year ?? ''}); ${read} Zahlen gelesen, ${placed} übernommen, ${read - placed} gemeldet`,
  );
  return {
    ok: true,
    part: { rows: rowsOut, years, unit, source: at(1) },
    notes,
    traits,
  };
}
