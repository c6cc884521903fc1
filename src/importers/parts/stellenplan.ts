/**
 * A Stellenplan or Stellenübersicht table into `Stellenplan` (src/core/parts/stellenplan.ts), recognised by
 * content: the header names categories (Beamte / Besoldung; Tarif, Beschäftigte, Entgelt; Gesamt, Summe,
 * Stellen) and years, on one row or stacked over several ("Beamte" over "2026" and "2025"; `_` as in
 * `Stellen_Beamte_VZAE_2026` counts as a space); the rows are units (a code column, a name, optionally a level
 * column such as "PG" / "Produktbereich-Summe"), Produktbereich sums (a level naming the Bereich, or a code that
 * prefixes other rows' codes), a total ("Gesamtsumme", "Insgesamt"), or pay groups ("A 13", "E 9c", "EG 11")
 * with their sums ("Summe Beamte", "Summe Beschäftigte"). A column with a year but no category takes the
 * category of its row (a pay group's Besoldung or Entgelt). Occupied posts ("davon besetzt am 30.06.2025") are
 * kept apart (`StellenRow.besetzt`, by the year of their date); numbers in other columns are reported, not
 * dropped.
 */
import type { ImportNote, Source } from '../../core/model.js';
import {
  STELLENPLAN_SPEC,
  type StellenCategory,
  type Stellenplan,
  type StellenRole,
  type StellenRow,
  type StellenValue,
} from '../../core/parts/stellenplan.js';
import { normaliseLabel } from '../../core/parts/ruecklagen.js';
import { decimalMarkOf, parseNumber, scaledTo } from './numbers.js';
import type { PartResult } from './ruecklagen.js';

const YEAR = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/u;

function norm(text: string): string {
  return normaliseLabel(text.replace(/_/gu, ' '));
}

function categoryOf(header: string): StellenCategory | undefined {
  const t = norm(header);
  for (const c of ['beamte', 'tarif', 'gesamt'] as const)
    if (STELLENPLAN_SPEC.categories[c].words.some((w) => t.includes(w))) return c;
  return undefined;
}

/** Whether the table's first rows read like a Stellenplan header. */
export function looksLikeStellenplan(rows: readonly (readonly string[])[]): boolean {
  const head = norm(rows.slice(0, 5).flat().join(' '));
  const categories = head.includes('beamt') && /tarif|beschaeftigt|angestellt/u.test(head);
  const groups = /besoldungsgruppe|entgeltgruppe|besoldungs- ?und entgeltgruppe/u.test(head);
  return (categories || groups) && /stellen|vzae|vollzeit|planstellen/u.test(head);
}

const GROUP_BEAMTE = new RegExp(STELLENPLAN_SPEC.groups.beamte, 'u');
const GROUP_TARIF = new RegExp(STELLENPLAN_SPEC.groups.tarif, 'u');

function wholeWord(text: string, term: string): boolean {
  return new RegExp(`(^|[^a-z])${term.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}([^a-z]|$)`, 'u').test(text);
}

function totalRole(label: string): StellenRole | undefined {
  const t = norm(label);
  if (STELLENPLAN_SPEC.totals.beamte.some((w) => t.includes(w))) return 'summe-beamte';
  if (STELLENPLAN_SPEC.totals.tarif.some((w) => t.includes(w))) return 'summe-tarif';
  if (STELLENPLAN_SPEC.totals.gesamt.some((w) => wholeWord(t, w))) return 'gesamt';
  return undefined;
}

function levelRole(level: string): StellenRole | undefined {
  const t = norm(level);
  if (t === '') return undefined;
  if (t.includes('bereich')) return 'produktbereich';
  if (/summe|gesamt/u.test(t)) return 'gesamt';
  return 'einheit';
}

function isNumber(cell: string, mark: ',' | '.'): boolean {
  return parseNumber(cell, mark) !== undefined;
}

interface Layout {
  readonly header: number;
  readonly columns: readonly {
    index: number;
    category?: StellenCategory;
    year?: number;
    text: string;
    other?: string;
    /** Occupied posts ("davon besetzt am 30.06.2025"): kept apart from the posts planned. */
    besetzt?: string;
  }[];
  readonly code?: number;
  readonly name?: number;
  readonly level?: number;
  readonly group?: number;
}

function layoutOf(rows: readonly (readonly string[])[], mark: ',' | '.'): Layout | undefined {
  // the first row with a number that is no year (a header row of years is no data)
  const first = rows.findIndex(
    (r) =>
      r.some((c) => isNumber(c, mark) && !/^(19|20)\d\d$/u.test(c.trim())) &&
      r.some((c) => /[a-zäöü]/iu.test(c)),
  );
  if (first <= 0) return undefined;
  const width = Math.max(...rows.map((r) => r.length));
  const data = rows.slice(first);
  const headerRows = rows.slice(Math.max(0, first - 4), first);
  // a heading spanning several columns is printed once, left: carried right over the value columns
  const numeric = (c: number): boolean =>
    data.some((r) => isNumber(r[c] ?? '', mark)) &&
    data.every((r) => (r[c] ?? '').trim() === '' || isNumber(r[c]!, mark) || !/\d/u.test(r[c]!));
  const filled = headerRows.map((r, k) => {
    const out: string[] = [];
    let carry = '';
    for (let c = 0; c < width; c++) {
      const cell = (r[c] ?? '').trim();
      if (cell !== '') carry = cell;
      out.push(cell !== '' ? cell : k < headerRows.length - 1 && numeric(c) ? carry : '');
      if (!numeric(c)) carry = '';
    }
    return out;
  });
  const head = (c: number): string =>
    filled
      .map((r) => r[c] ?? '')
      .join(' ')
      .trim();
  const columns: {
    index: number;
    category?: StellenCategory;
    year?: number;
    text: string;
    other?: string;
    besetzt?: string;
  }[] = [];
  let code: number | undefined;
  let name: number | undefined;
  let level: number | undefined;
  let group: number | undefined;
  for (let c = 0; c < width; c++) {
    const text = head(c);
    const t = norm(text);
    const y = YEAR.exec(text);
    const category = categoryOf(text);
    // a column of codes ("Code", "Nr.", "0102") is numeric but no column of posts
    const codes =
      /code|nummer|\bnr\b|schluessel|gliederung|kennziffer/u.test(t) ||
      (!y && !category && data.every((r) => !/[.,]/u.test(r[c] ?? '')));
    if (numeric(c) && !codes) {
      // the change between two years ("Veränderung 2026–2027") is computed from them: reported, not read
      if (/veraenderung|differenz/u.test(t)) {
        columns.push({ index: c, text, other: 'die Veränderung ist aus den Stellen der Jahre berechnet' });
        continue;
      }
      // occupied posts ("davon besetzt am 30.06.2025") are kept apart from the posts planned, by the year of
      // their date; without a year they are reported
      if (/besetzt|\bist\b/u.test(t)) {
        const date = /\d{1,2}\.\d{1,2}\.(?:19|20)\d\d/u.exec(text)?.[0];
        columns.push({
          index: c,
          text,
          ...(category ? { category } : {}),
          ...(y ? { year: Number(y[1]) } : { other: 'die Spalte der besetzten Stellen nennt kein Jahr' }),
          besetzt: date ?? text,
        });
        continue;
      }
      columns.push({
        index: c,
        text,
        ...(category ? { category } : {}),
        ...(y ? { year: Number(y[1]) } : {}),
      });
      continue;
    }
    if (code === undefined && codes) code = c;
    else if (level === undefined && /\bebene\b|\bart\b|\btyp\b|\bstufe\b/u.test(t)) level = c;
    else if (group === undefined && /besoldung|entgelt|gruppe|besgr|verguetung/u.test(t)) group = c;
    else if (code === undefined && /code|nummer|\bnr\b|schluessel|gliederung|kennziffer/u.test(t)) code = c;
    else if (name === undefined && data.some((r) => /[a-zäöü]{3}/iu.test(r[c] ?? ''))) name = c;
    else if (code === undefined && data.some((r) => /^\d{2,}/u.test((r[c] ?? '').trim()))) code = c;
  }
  return {
    header: first,
    columns,
    ...(code !== undefined ? { code } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(group !== undefined ? { group } : {}),
  };
}

function roleOf(
  cells: { code: string; name: string; level: string; group: string },
  codes: readonly string[],
): StellenRole {
  const byLevel = levelRole(cells.level);
  if (byLevel) return byLevel;
  const g = (cells.group || cells.code || cells.name).trim();
  if (GROUP_BEAMTE.test(g)) return 'besoldungsgruppe';
  if (GROUP_TARIF.test(g)) return 'entgeltgruppe';
  if (cells.code !== '' && codes.some((c) => c !== cells.code && c.startsWith(cells.code)))
    return 'produktbereich';
  return totalRole(`${cells.group} ${cells.name}`) ?? 'einheit';
}

const ROW_CATEGORY: Readonly<Record<StellenRole, StellenCategory>> = {
  einheit: 'gesamt',
  produktbereich: 'gesamt',
  gesamt: 'gesamt',
  besoldungsgruppe: 'beamte',
  'summe-beamte': 'beamte',
  entgeltgruppe: 'tarif',
  'summe-tarif': 'tarif',
};

/** Reads a Stellenplan or Stellenübersicht table. */
export function readStellenplan(rows: readonly (readonly string[])[], file: string): PartResult<Stellenplan> {
  const mark = decimalMarkOf(rows);
  const layout = layoutOf(rows, mark);
  const valued =
    layout?.columns.filter((c) => c.year !== undefined && c.other === undefined && c.besetzt === undefined) ??
    [];
  if (!layout || valued.length === 0)
    return {
      ok: false,
      line: 1,
      message:
        'Stellenplan erkannt, aber keine Spalten mit Jahren gefunden: erwartet Spaltenköpfe wie „Beamte 2026“, „Tarif 2026“, „Gesamt 2026“ oder „Stellen 2026“ (auch über zwei Kopfzeilen)',
    };
  const at = (line: number): Source => ({ file, line });
  const notes: ImportNote[] = [];
  const cell = (r: readonly string[], c: number | undefined): string =>
    c === undefined ? '' : (r[c] ?? '').trim();
  const codes = rows
    .slice(layout.header)
    .map((r) => cell(r, layout.code))
    .filter((c) => c !== '');
  const out: StellenRow[] = [];
  let read = 0;
  let placed = 0;
  rows.forEach((r, i) => {
    if (i < layout.header) return;
    const numbers = layout.columns.filter((c) => (r[c.index] ?? '').trim() !== '');
    if (numbers.length === 0) return;
    const cells = {
      code: cell(r, layout.code),
      name: cell(r, layout.name),
      level: cell(r, layout.level),
      group: cell(r, layout.group),
    };
    const role = roleOf(cells, codes);
    const values: StellenValue[] = [];
    const besetzt: (StellenValue & { date?: string })[] = [];
    const label = [cells.group, cells.code, cells.name].filter(Boolean).join(' ') || `Zeile ${i + 1}`;
    for (const col of numbers) {
      const text = (r[col.index] ?? '').trim();
      read++;
      const n = parseNumber(text, mark);
      const value = n === undefined ? undefined : scaledTo(n, 3);
      if (value === undefined) {
        notes.push({
          severity: 'error',
          rule: 'unreadable-amount',
          message: `Stellenplan, ${label}, Spalte „${col.text}“: „${text}“ ist keine Stellenzahl (erwartet z. B. „6,75“, höchstens drei Nachkommastellen); ausgelassen`,
          source: at(i + 1),
        });
        continue;
      }
      if (col.year === undefined || col.other !== undefined) {
        notes.push({
          severity: 'warning',
          rule: 'skipped-row',
          message: `Stellenplan, ${label}: Zahl „${text}“ in Spalte „${col.text}“ nicht übernommen (${col.other ?? 'die Spalte nennt kein Jahr'})`,
          source: at(i + 1),
        });
        continue;
      }
      const category = col.category ?? ROW_CATEGORY[role];
      if (col.besetzt !== undefined) {
        besetzt.push({ category, year: col.year, value, date: col.besetzt, source: at(i + 1) });
        placed++;
        continue;
      }
      if (values.some((v) => v.category === category && v.year === col.year)) {
        notes.push({
          severity: 'warning',
          rule: 'skipped-row',
          message: `Stellenplan, ${label}: Zahl „${text}“ in Spalte „${col.text}“ nicht übernommen (die Spalte wiederholt ${category} ${col.year})`,
          source: at(i + 1),
        });
        continue;
      }
      values.push({ category, year: col.year, value, source: at(i + 1) });
      placed++;
    }
    out.push({
      role,
      ...(cells.code || cells.group ? { code: cells.group || cells.code } : {}),
      name: cells.name || cells.group || cells.code,
      values,
      ...(besetzt.length > 0 ? { besetzt } : {}),
      source: at(i + 1),
    });
  });
  const years = [...new Set(valued.map((c) => c.year!))].sort((a, b) => a - b);
  const count = (role: StellenRole): number => out.filter((r) => r.role === role).length;
  const traits = [
    `Stellenplan: Spalten ${layout.columns.map((c) => `„${c.text}“`).join(', ')}`,
    `Stellenplan: ${count('einheit')} Einheiten, ${count('produktbereich')} Produktbereichssummen, ${count('besoldungsgruppe')} Besoldungs- und ${count('entgeltgruppe')} Entgeltgruppen, ${count('gesamt')} Gesamtsumme(n); ${read} Zahlen gelesen, ${placed} übernommen, ${read - placed} gemeldet`,
  ];
  return { ok: true, part: { years, rows: out, source: at(1) }, notes, traits };
}
