/**
 * Produktbeschreibung and Kennzahlen: the named fields of a product description (Pflichtaufgaben,
 * Verantwortlich, Beschreibung, Ziele, …) as paragraphs and lists, and the Grundzahlen/Kennzahlen tables with
 * decimal commas and footnotes ("*)") whose texts follow under "Erläuterungen *)".
 */
import type { Block, DescriptionField, KennzahlRow, KennzahlTable, Source } from '../../core/model.js';
import type { TextLine } from './lines.js';
import { rawBlocks, toBlocks } from './prose.js';
import { splitCells, trimTrailingEmpty } from './table.js';

/** Field names of NKF product descriptions, longest first so that "Freiwillige Aufgaben" wins over prefixes. */
export const DESCRIPTION_FIELDS: readonly string[] = [
  'Freiwillige Aufgaben',
  'Pflichtaufgaben',
  'Pflichtaufgabe',
  'Verantwortlich',
  'Produktverantwortlich',
  'Verantwortliche Organisationseinheit',
  'Organisationseinheit',
  'Kurzbeschreibung',
  'Beschreibung',
  'Auftragsgrundlage',
  'Rechtsgrundlagen',
  'Rechtsgrundlage',
  'Zielgruppen',
  'Zielgruppe',
  'Leistungen',
  'Besonderheiten',
  'Ziele',
].sort((a, b) => b.length - a.length);

/** Field names by their first word, so that a line is compared only with the fields it could start. */
const FIELDS_BY_FIRST_WORD = new Map<string, string[]>();
for (const name of DESCRIPTION_FIELDS) {
  const first = name.split(' ', 1)[0]!;
  FIELDS_BY_FIRST_WORD.set(first, [...(FIELDS_BY_FIRST_WORD.get(first) ?? []), name]);
}

export function parseFieldStart(
  text: string,
  seen: ReadonlySet<string>,
): { name: string; rest: string } | undefined {
  const t = text.trim();
  const candidates = FIELDS_BY_FIRST_WORD.get(/^[^\s:]+/u.exec(t)?.[0] ?? '');
  if (!candidates) return undefined;
  for (const name of candidates) {
    if (seen.has(name)) continue;
    if (t === name || t.startsWith(`${name} `) || t.startsWith(`${name}\t`) || t.startsWith(`${name}:`)) {
      return { name, rest: t.slice(name.length).replace(/^[:\s]+/u, '') };
    }
  }
  return undefined;
}

const KENNZAHL_COLUMN =
  /^(Ist|Ist-Wert|Ergebnis|Ansatz|Plan|Planwert|Planwerte|Planung|Soll|Prognose|Ziel|Zielwert)\s*((?:19|20)\d{2})$/iu;

/** A Kennzahlen table header: a title cell followed by at least two year columns. */
export function parseKennzahlHeader(cells: readonly string[]): KennzahlTable['columns'] | undefined {
  if (cells.length < 3 || cells[0] === '') return undefined;
  const columns = [];
  // up to two describing columns ("Einheit", "Dimension") may stand between the title and the years
  const first = cells.findIndex((c, i) => i > 0 && KENNZAHL_COLUMN.test(c.replace(/\s+/gu, ' ')));
  if (first < 1 || first > 3) return undefined;
  for (const cell of cells.slice(first)) {
    const m = KENNZAHL_COLUMN.exec(cell.replace(/\s+/gu, ' '));
    if (!m) return undefined;
    columns.push({ kind: m[1]!.toLowerCase(), year: Number(m[2]), label: cell });
  }
  return columns.length >= 2 ? columns : undefined;
}

const DECIMAL = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*(%|€)?$/u;

/** "6,75" → "6.75", "1.234" → "1234", "12,5 %" → "12.5"; anything else → null. */
export function parseKennzahlValue(printed: string): string | null {
  const m = DECIMAL.exec(printed.trim());
  if (!m) return null;
  const int = m[2]!.replace(/\./gu, '').replace(/^0+(?=\d)/u, '');
  return `${m[1]}${int}${m[3] !== undefined ? `.${m[3]}` : ''}`;
}

const FOOTNOTE_MARK = /\s*(\*{1,3}\)|\(\d\)|\d\))$/u;
const FOOTNOTE_HEADING =
  /^(?:Erläuterung(?:en)?|Anmerkung(?:en)?|Fußnoten?|Hinweise?)\s*(\*{1,3}\)|\(\d\)|\d\))\s*:?$/u;

/** The usual order of the fields; a text without blank lines (a layout export) is split by it. */
const FIELD_ORDER: readonly string[] = [
  'Pflichtaufgaben',
  'Freiwillige Aufgaben',
  'Verantwortlich',
  'Beschreibung',
  'Auftragsgrundlage',
  'Zielgruppen',
  'Ziele',
];
/** Field names no sentence starts with. */
const UNMISTAKABLE = new Set([
  'Pflichtaufgaben',
  'Freiwillige Aufgaben',
  'Verantwortlich',
  'Auftragsgrundlage',
  'Zielgruppen',
]);

/**
 * Whether a field name inside a paragraph starts the field: for names no sentence starts with, or for the
 * field that follows the current one in the usual order. ("Leistungen in der …" inside a wrapped paragraph
 * is no field.)
 */
function fieldMayStartHere(name: string, current: string | undefined): boolean {
  if (UNMISTAKABLE.has(name)) return true;
  const next = current === undefined ? 0 : FIELD_ORDER.indexOf(current) + 1;
  return next > 0 && FIELD_ORDER[next] === name;
}

export interface DescriptionResult {
  readonly fields: DescriptionField[];
  readonly tables: KennzahlTable[];
  readonly problems: { readonly source: Source; readonly message: string }[];
}

interface TableBuilder {
  title: string;
  /** Number of describing columns between the title and the values. */
  describing: number;
  columns: KennzahlTable['columns'];
  rows: KennzahlRow[];
  footnotes: { marker: string; blocks: Block[] }[];
  source: Source;
}

/** Parses the body of a Produktbeschreibung section. */
export function parseDescription(lines: readonly TextLine[]): DescriptionResult {
  const fields: DescriptionField[] = [];
  const tables: TableBuilder[] = [];
  const problems: { source: Source; message: string }[] = [];
  const seen = new Set<string>();

  let fieldName: string | undefined;
  let fieldSource: Source | undefined;
  let fieldLines: TextLine[] = [];
  let table: TableBuilder | undefined;
  let footnote: { marker: string; lines: TextLine[]; table: TableBuilder } | undefined;

  const flushField = (): void => {
    if (fieldName !== undefined) {
      fields.push({
        name: fieldName,
        blocks: toBlocks(rawBlocks(fieldLines)),
        ...(fieldSource ? { source: fieldSource } : {}),
      });
    }
    fieldName = undefined;
    fieldLines = [];
  };
  const flushFootnote = (): void => {
    if (footnote)
      footnote.table.footnotes.push({ marker: footnote.marker, blocks: toBlocks(rawBlocks(footnote.lines)) });
    footnote = undefined;
  };

  // a field name counts only at the start of a paragraph: a wrapped line may begin with "Leistungen …"
  let atParagraphStart = true;
  for (const line of lines) {
    const text = line.text.trim();
    const paragraphStart = atParagraphStart;
    atParagraphStart = text === '';
    if (text === '') {
      if (fieldName !== undefined) fieldLines.push(line);
      if (footnote) footnote.lines.push(line);
      continue;
    }
    const tabbed = line.text.includes('\t');
    const cells = tabbed ? trimTrailingEmpty(splitCells(line.text)) : [text];
    const header = tabbed ? parseKennzahlHeader(cells) : undefined;
    if (header) {
      flushField();
      flushFootnote();
      table = {
        title: cells[0]!,
        describing: cells.length - 1 - header.length,
        columns: header,
        rows: [],
        footnotes: [],
        source: line.source,
      };
      tables.push(table);
      continue;
    }
    if (table && !footnote && tabbed && cells.length >= 2) {
      // values stand in the last columns; cells between the label and them describe the row ("Einheit")
      const extra = Math.max(0, cells.length - 1 - table.columns.length);
      const describing = cells.slice(1, 1 + Math.min(extra, table.describing));
      const valueCells = cells.slice(1 + describing.length);
      if (valueCells.length > table.columns.length) {
        problems.push({
          source: line.source,
          message: `Kennzahl „${cells[0]!}“: ${valueCells.length} Werte gefunden, erwartet höchstens ${table.columns.length}`,
        });
        continue;
      }
      const mark = FOOTNOTE_MARK.exec(cells[0]!);
      const label = mark ? cells[0]!.slice(0, mark.index).trim() : cells[0]!;
      table.rows.push({
        label,
        ...(mark ? { footnote: mark[1]! } : {}),
        ...(describing.some((d) => d !== '') ? { unit: describing.filter((d) => d !== '').join(' ') } : {}),
        values: table.columns.map((c, i) => {
          const printed = valueCells[i] ?? '';
          return { column: { kind: c.kind, year: c.year }, value: parseKennzahlValue(printed), printed };
        }),
        source: line.source,
      });
      continue;
    }
    const fn = FOOTNOTE_HEADING.exec(text);
    if (fn && table) {
      flushField();
      flushFootnote();
      footnote = { marker: fn[1]!, lines: [], table };
      continue;
    }
    if (footnote) {
      footnote.lines.push(line);
      continue;
    }
    const candidate = parseFieldStart(text, seen);
    const start =
      candidate && (paragraphStart || fieldMayStartHere(candidate.name, fieldName)) ? candidate : undefined;
    if (start) {
      flushField();
      table = undefined;
      seen.add(start.name);
      fieldName = start.name;
      fieldSource = line.source;
      if (start.rest !== '') fieldLines.push({ no: line.no, text: start.rest, source: line.source });
      continue;
    }
    if (fieldName !== undefined) {
      fieldLines.push(line);
      continue;
    }
    problems.push({
      source: line.source,
      message: `Text außerhalb eines Beschreibungsfelds übersprungen: „${text.slice(0, 60)}“`,
    });
  }
  flushField();
  flushFootnote();
  return {
    fields,
    tables: tables.map((t) => ({
      title: t.title,
      columns: t.columns,
      rows: t.rows,
      footnotes: t.footnotes,
      source: t.source,
    })),
    problems,
  };
}
