/**
 * The plan-text importer: reads a Haushaltsplan as text taken from its published PDF (the layout of the
 * reference document: section titles such as "Teilergebnisplan Produktgruppe 43.01 …", tab-separated tables,
 * Erläuterungen "Zu Zeile NN:", investment tables, Produktbeschreibungen with Kennzahlen) into the core model.
 * It never throws for bad input: problems come back as errors naming the line and what was expected.
 *
 * Conservation: every amount of a plan or investment table row is read into the file's ledger; rows that
 * become no plan line or investment row (a row without a line number after a table, an investment row that is
 * neither measure nor line) are listed outside the plans with their reason. An amount cell that is no number
 * is an error finding (`unreadable-amount`) at its place, left out; everything else comes in.
 */
import type {
  Budget,
  BudgetNode,
  Cell,
  Column,
  Erlaeuterung,
  ImportNote,
  InvestmentRow,
  InvestmentTable,
  KennzahlTable,
  Level,
  Plan,
  PlanLine,
  PlanType,
  Produktbeschreibung,
  Source,
} from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import { mapSources } from '../../core/sources.js';
import { layoutTextToPlanText, looksLikeLayoutText } from './layout-text.js';
import { parseGermanAmount, wholeEuroCents } from '../../core/money.js';
import { matchLabel, schemaLine, selectSchema, type LineSchema } from '../../core/schema.js';
import { Ledger, type FileLedger } from '../../core/ledger.js';
import { detectSigns, withLineSigns } from '../../core/signs.js';
import type { ImportError, ImportResult } from '../types.js';
import { parseDescription } from './beschreibung.js';
import { parseErlaeuterung, parseZuZeile } from './erlaeuterungen.js';
import { joinWrapped, parseTitle, prepareLines, type TextLine, type Title } from './lines.js';
import { isPlanHeader, parseHeaderRow, splitCells, trimTrailingEmpty } from './table.js';

const MAX_ERRORS = 50;

interface Section {
  readonly title: Title;
  readonly titleLine: TextLine;
  readonly body: TextLine[];
}

interface NodeBuilder {
  code: string;
  level: Level;
  name: string;
  plans: Plan[];
  investitionen?: InvestmentTable;
  erlaeuterungen: Erlaeuterung[];
  beschreibung?: Produktbeschreibung;
  kennzahlen: KennzahlTable[];
  source: Source;
}

class Context {
  readonly errors: ImportError[] = [];
  readonly notes: ImportNote[] = [];
  readonly ledger: Ledger;
  constructor(readonly file: string) {
    this.ledger = new Ledger(file);
  }

  error(line: number | undefined, message: string): void {
    if (this.errors.length < MAX_ERRORS) {
      this.errors.push(
        line === undefined ? { file: this.file, message } : { file: this.file, line, message },
      );
    }
  }

  source(line: number): Source {
    return { file: this.file, line };
  }
}

const LINE_NO = /^[=+-]?\s*(\d{1,2})$/u;
const LINE_NO_WITH_LABEL = /^[=+-]?\s*(\d{1,2})\s+(\S.*)$/u;

interface RowCells {
  readonly label: string;
  readonly amounts: readonly string[];
}

/** Splits a row into label cells and the last `count` amount cells; undefined when there are too few cells. */
function rowCells(cells: readonly string[], count: number): RowCells | undefined {
  const trimmed = trimTrailingEmpty(cells);
  const labelCount = Math.max(1, cells.length - count);
  if (trimmed.length <= labelCount - 1 || cells.length < count + 1) return undefined;
  return {
    label: cells
      .slice(0, labelCount)
      .filter((c) => c !== '')
      .join(' '),
    amounts: cells.slice(labelCount),
  };
}

function describeColumns(columns: readonly Column[]): string {
  return columns
    .map((c) => (c.kind === 've' ? 'VE' : `${c.kind[0]!.toUpperCase()}${c.kind.slice(1)} ${c.year}`))
    .join(', ');
}

/** Where a row's amounts stand, for the finding of one that cannot be read. */
interface RowPlace {
  readonly node: string;
  readonly plan: PlanType | 'investitionen';
  readonly line?: string;
}

interface ParsedRow {
  readonly cells: Cell[];
  /** Columns whose cell is no number (reported, left out). */
  readonly unreadable?: Column[];
}

/**
 * Parses amount cells, each read into the file's ledger; empty cells are "not printed", a lone dash is printed
 * zero. A cell that is no number is an error finding at its place and left out.
 */
function parseAmounts(
  ctx: Context,
  line: TextLine,
  columns: readonly Column[],
  amounts: readonly string[],
  place: RowPlace,
): ParsedRow {
  const cells: Cell[] = [];
  const unreadable: Column[] = [];
  const source = ctx.source(line.no); // one object for the whole row
  amounts.forEach((text, i) => {
    const column = columns[i]!;
    if (text === '') return;
    let cell: Cell;
    const whole = text === '-' || text === '–' ? 0 : wholeEuroCents(text);
    if (!Number.isNaN(whole)) cell = { column, amount: whole, decimals: 0, source };
    else {
      const parsed = parseGermanAmount(text);
      if (!parsed) {
        ctx.notes.push({
          severity: 'error',
          rule: 'unreadable-amount',
          message: `${place.line !== undefined ? `Zeile ${place.line}: ` : ''}Betrag „${text}“ in Spalte ${describeColumns([column])} ist keine Zahl (erwartet z. B. 1.234.567, -6.780 oder 1.234,56)`,
          node: place.node,
          plan: place.plan,
          ...(place.line !== undefined ? { line: place.line } : {}),
          source,
        });
        unreadable.push(column);
        return;
      }
      cell = { column, amount: parsed.cents, decimals: parsed.decimals, source };
    }
    ctx.ledger.read(column, cell.amount);
    cells.push(cell);
  });
  return unreadable.length > 0 ? { cells, unreadable } : { cells };
}

/** Amounts of a row that become no plan line or investment row: listed outside the plans with `reason`. */
function leaveOutside(ctx: Context, cells: readonly Cell[], reason: string): void {
  for (const c of cells) ctx.ledger.outside(c.column, c.amount, reason, c.source);
}

function isErlaeuterungenHeading(text: string): boolean {
  return /^Erläuterung(?:en)?(?:\s+zum\s+\S+)?\s*:?$/iu.test(text.trim());
}

function isRepeatedHeader(text: string, headerKey: string): boolean {
  return trimTrailingEmpty(splitCells(text)).join('\t') === headerKey;
}

/**
 * Index of a section's table header. Up to two short lines without tabs before it (a running header the
 * page-furniture pass could not learn from a single title, a subtitle) are passed over.
 */
function findHeader(body: readonly TextLine[]): number {
  let first = -1;
  let passed = 0;
  for (let i = 0; i < body.length; i++) {
    const t = body[i]!.text;
    if (t.trim() === '') continue;
    if (first < 0) first = i;
    if (isPlanHeader(trimTrailingEmpty(splitCells(t)))) return i;
    // a running header, a subtitle, or in a PDF a table header left alone at the bottom of the page before
    // the page that repeats it with the rows
    if (t.includes('\t') || t.trim().length > 100 || ++passed > 12) break;
  }
  return first < 0 ? body.length : first;
}

/** Notes the lines a section's table header was found after, when they are more than page furniture. */
function notePassedLines(
  ctx: Context,
  section: Section,
  body: readonly TextLine[],
  headerIndex: number,
): void {
  const passed = body.slice(0, headerIndex).filter((l) => l.text.trim() !== '');
  if (passed.length <= 2) return;
  ctx.notes.push({
    severity: 'info',
    rule: 'skipped-text',
    message: `Vor dem Tabellenkopf übersprungen (${passed.length} Zeilen, z. B. ein Tabellenkopf ohne Zeilen am Seitenende): „${passed
      .map((l) => l.text.trim())
      .join(' ')
      .slice(0, 80)}“`,
    node: section.title.code,
    source: ctx.source(passed[0]!.no),
  });
}

interface TableHeader {
  readonly index: number;
  readonly headerLine: TextLine;
  readonly headerCells: readonly string[];
  readonly headerKey: string;
  readonly columns: Column[];
  /** Cells before the amounts: 2 for "Nr. | Bezeichnung", else 1. */
  readonly leading: number;
}

/** Finds and reads a section's table header; reports what was found instead when there is none. */
function readTableHeader(ctx: Context, section: Section, expected: string): TableHeader | undefined {
  const body = section.body;
  const index = findHeader(body);
  const headerLine = body[index];
  const headerCells = headerLine ? trimTrailingEmpty(splitCells(headerLine.text)) : [];
  if (!headerLine || !isPlanHeader(headerCells)) {
    ctx.error(
      headerLine?.no ?? section.titleLine.no,
      `${expected}, gefunden: „${(headerLine?.text ?? 'Dateiende').trim().slice(0, 80)}“`,
    );
    return undefined;
  }
  notePassedLines(ctx, section, body, index);
  const leading = /^Nr\.?$/iu.test(headerCells[0]!) && /^Bezeichnung$/iu.test(headerCells[1] ?? '') ? 2 : 1;
  const header = parseHeaderRow(headerCells, leading);
  if (!header.ok) {
    ctx.error(headerLine.no, header.message);
    return undefined;
  }
  return {
    index,
    headerLine,
    headerCells,
    headerKey: headerCells.join('\t'),
    columns: header.columns,
    leading,
  };
}

/** A numbered row of a plan table as read. */
interface PlanRow {
  readonly line: string;
  readonly label: string;
  readonly cells: Cell[];
  readonly unreadable?: Column[];
  readonly source: Source;
  readonly no: number;
}

interface PlanSectionResult {
  plan?: Plan;
  erlaeuterungen: Erlaeuterung[];
}

function parsePlanSection(ctx: Context, section: Section, type: PlanType): PlanSectionResult {
  const body = section.body;
  const result: PlanSectionResult = { erlaeuterungen: [] };
  const table = readTableHeader(
    ctx,
    section,
    `Tabellenkopf erwartet (z. B. „Nr. | Bezeichnung | Ergebnis 2024 | Ansatz 2025 | …“) nach „${section.titleLine.text.trim()}“`,
  );
  if (!table) return result;
  const { columns, headerKey, headerCells, headerLine } = table;
  let i = table.index + 1;

  const rows: PlanRow[] = [];
  let failed = false;
  for (; i < body.length; i++) {
    const line = body[i]!;
    const text = line.text.trim();
    if (text === '') continue;
    const cells = splitCells(line.text);
    const first = cells[0] ?? '';
    if (first === headerCells[0] && trimTrailingEmpty(cells).join('\t') === headerKey) continue; // repeated header
    const numbered = LINE_NO.exec(first);
    const numberedWithLabel = numbered ? undefined : LINE_NO_WITH_LABEL.exec(first);
    if (!numbered && !(numberedWithLabel && cells.length > 1)) {
      // a label wrapped onto the next page of a PDF: short text between two rows belongs to the row before
      const next = body
        .slice(i + 1)
        .find((l) => l.text.trim() !== '' && !isRepeatedHeader(l.text, headerKey));
      const previous = rows[rows.length - 1];
      const nextIsRow =
        next !== undefined && LINE_NO.test(splitCells(next.text)[0] ?? '') && next.text.includes('\t');
      if (previous && nextIsRow && !line.text.includes('\t') && text.length <= 80 && !parseZuZeile(text)) {
        rows[rows.length - 1] = { ...previous, label: joinWrapped(previous.label, text) };
        continue;
      }
      break;
    }
    const split = numbered ? rowCells(cells.slice(1), columns.length) : rowCells(cells, columns.length);
    const amountCount = trimTrailingEmpty(cells).length - (numbered ? 2 : 1);
    if (!split || split.amounts.length !== columns.length) {
      ctx.error(
        line.no,
        `${Math.max(0, amountCount)} Beträge gefunden, erwartet ${columns.length} (${describeColumns(columns)})`,
      );
      failed = true;
      continue;
    }
    const lineNo = (numbered ? numbered[1]! : numberedWithLabel![1]!).padStart(2, '0');
    const label = numbered ? split.label : split.label.replace(/^[=+-]?\s*\d{1,2}\s+/u, '');
    const parsed = parseAmounts(ctx, line, columns, split.amounts, {
      node: section.title.code,
      plan: type,
      line: lineNo,
    });
    rows.push({
      line: lineNo,
      label,
      cells: parsed.cells,
      ...(parsed.unreadable ? { unreadable: parsed.unreadable } : {}),
      source: parsed.cells[0]?.source ?? ctx.source(line.no),
      no: line.no,
    });
  }
  if (rows.length === 0 && !failed) {
    ctx.error(
      headerLine.no,
      'Tabelle ohne Zeilen: erwartet nummerierte Zeilen wie „01 | Steuern und ähnliche Abgaben | 0 | …“',
    );
  }
  const ansatzYears = columns.filter((c) => c.kind === 'ansatz').map((c) => c.year);
  const selection = selectSchema(type, rows, ansatzYears.length > 0 ? Math.max(...ansatzYears) : undefined);
  if ('refusal' in selection) {
    ctx.error(headerLine.no, selection.refusal.message);
    return result;
  }
  const schema = selection.schema;
  if (!failed && rows.length > 0) result.plan = buildPlan(ctx, section, type, schema, columns, rows);

  // Erläuterungen after the table; rows of amounts among them belong to no plan line
  const rest = body.slice(i);
  leaveRowsAfterTable(ctx, section, type, table, rest);
  result.erlaeuterungen = parseErlaeuterungen(ctx, section, type, schema, rest);
  return result;
}

/**
 * Rows of amounts after a plan table that are no plan line (no line number: a sum row, a table of its own in
 * the Erläuterungen): read, listed outside the plans, and noted. A row counts when its cells under the table's
 * columns are amounts or empty, at least one an amount: its last cells, one per column, when it has as many as
 * the header; else (empty cells at its end are not kept in text) those after the header's leading cells.
 */
function leaveRowsAfterTable(
  ctx: Context,
  section: Section,
  type: PlanType,
  table: TableHeader,
  lines: readonly TextLine[],
): void {
  const { columns, leading } = table;
  for (const line of lines) {
    if (!line.text.includes('\t')) continue;
    const cells = splitCells(line.text);
    if (cells.length < 2) continue;
    const full = cells.length >= leading + columns.length;
    const amounts = full
      ? cells.slice(-columns.length)
      : [...cells.slice(leading), ...Array<string>(leading + columns.length - cells.length).fill('')];
    if (amounts.length !== columns.length) continue;
    const isAmount = (t: string): boolean =>
      t === '-' || t === '–' || !Number.isNaN(wholeEuroCents(t)) || parseGermanAmount(t) !== undefined;
    if (!amounts.every((t) => t === '' || isAmount(t)) || !amounts.some(isAmount)) continue;
    const read = parseAmounts(ctx, line, columns, amounts, { node: section.title.code, plan: type }).cells;
    leaveOutside(ctx, read, 'Zeile mit Beträgen ohne Zeilennummer nach der Plantabelle (keine Planzeile)');
    const label = cells
      .slice(0, full ? -columns.length : leading)
      .join(' ')
      .trim()
      .slice(0, 60);
    ctx.notes.push({
      severity: 'warning',
      rule: 'skipped-row',
      message: `Zeile ohne Zeilennummer nach der Tabelle${label ? ` „${label}“` : ''} übersprungen: ${read.length} Beträge auf keiner Planzeile, im Abgleich als außerhalb der Pläne aufgeführt`,
      node: section.title.code,
      plan: type,
      source: ctx.source(line.no),
    });
  }
}

function buildPlan(
  ctx: Context,
  section: Section,
  type: PlanType,
  schema: LineSchema,
  columns: readonly Column[],
  rows: readonly PlanRow[],
): Plan | undefined {
  const seen = new Set<string>();
  let previous = -1;
  let ok = true;
  const order = new Map(schema.lines.map((l, idx) => [l.line, idx]));
  for (const row of rows) {
    if (seen.has(row.line)) {
      ctx.error(row.no, `Zeile ${row.line} steht doppelt in der Tabelle (erwartet jede Zeilennummer einmal)`);
      ok = false;
      continue;
    }
    seen.add(row.line);
    const sl = schemaLine(schema, row.line);
    const position = order.get(row.line);
    if (!sl || position === undefined) {
      ctx.notes.push({
        severity: 'warning',
        rule: 'unknown-line',
        message: `Zeile ${row.line} „${row.label}“ gehört nicht zum Schema ${schema.title}; sie wird übernommen, aber nicht geprüft`,
        node: section.title.code,
        plan: type,
        line: row.line,
        source: row.source,
      });
      continue;
    }
    if (position < previous) {
      ctx.error(
        row.no,
        `Zeile ${row.line} steht nach einer höheren Zeilennummer (erwartet aufsteigende Zeilen 01, 02, …)`,
      );
      ok = false;
    }
    previous = Math.max(previous, position);
    const match = matchLabel(row.label, sl);
    if (match.kind === 'misprint') {
      ctx.notes.push({
        severity: 'info',
        rule: 'label-misprint',
        message: `Zeile ${row.line}: gedruckt „${row.label}“, gemeint ist „${match.canonical}“`,
        node: section.title.code,
        plan: type,
        line: row.line,
        source: row.source,
      });
    } else if (match.kind === 'different') {
      ctx.notes.push({
        severity: 'warning',
        rule: 'label-mismatch',
        message: `Zeile ${row.line}: gedruckt „${row.label}“, nach ${schema.title} heißt die Zeile „${match.canonical}“`,
        node: section.title.code,
        plan: type,
        line: row.line,
        source: row.source,
      });
    }
  }
  // A plan that prints lines with all zeros prints every line: a missing one means the table is cut off.
  // (a row with an unreadable amount is not known to be zero)
  const printsZeros = rows.some(
    (r) => r.cells.length > 0 && !r.unreadable && r.cells.every((c) => c.amount === 0),
  );
  if (printsZeros) {
    const missing = schema.lines.filter((l) => !seen.has(l.line) && !l.memo).map((l) => l.line);
    if (missing.length > 0) {
      ctx.error(
        rows[rows.length - 1]!.no,
        `Tabelle unvollständig: Zeile${missing.length > 1 ? 'n' : ''} ${missing.join(', ')} fehlt (erwartet alle Zeilen von ${schema.title})`,
      );
      ok = false;
    }
  }
  if (!ok) return undefined;
  const lines: PlanLine[] = rows.map((r) => ({
    line: r.line,
    label: r.label,
    cells: r.cells,
    ...(r.unreadable ? { unreadable: r.unreadable } : {}),
    source: r.source,
  }));
  // how expenses are printed: per plan, and per line where the plan mixes conventions (core/signs.ts)
  const signs = detectSigns(schema, lines);
  return withLineSigns({
    type,
    schemaId: schema.id,
    columns,
    lines,
    ...(signs === 'positive' ? { signs } : {}),
    source: ctx.source(section.titleLine.no),
  });
}

function parseErlaeuterungen(
  ctx: Context,
  section: Section,
  type: PlanType,
  schema: LineSchema,
  lines: readonly TextLine[],
): Erlaeuterung[] {
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  if (nonBlank.length === 0) return [];
  let start = 0;
  while (start < lines.length && lines[start]!.text.trim() === '') start++;
  if (isErlaeuterungenHeading(lines[start]!.text)) start++;
  // "Teilergebnisplan 43.01": the heading repeats plan and code
  let k = start;
  while (k < lines.length && lines[k]!.text.trim() === '') k++;
  if (k < lines.length && /^(?:Teil)?(?:ergebnis|finanz)plan\s+\S+$/iu.test(lines[k]!.text.trim()))
    start = k + 1;

  const chunks: { line?: string; heading?: TextLine; rest?: string; lines: TextLine[] }[] = [{ lines: [] }];
  for (const l of lines.slice(start)) {
    const zu = parseZuZeile(l.text);
    if (zu) {
      chunks.push({ line: zu.line, heading: l, rest: zu.rest, lines: [] });
      continue;
    }
    chunks[chunks.length - 1]!.lines.push(l);
  }
  const out: Erlaeuterung[] = [];
  for (const chunk of chunks) {
    let body = chunk.lines;
    let title: string | undefined;
    if (chunk.line !== undefined) {
      const sl = schemaLine(schema, chunk.line);
      if (chunk.rest) {
        title = chunk.rest;
      } else {
        const idx = body.findIndex((l) => l.text.trim() !== '');
        const candidate = idx >= 0 ? body[idx]!.text.trim() : '';
        if (sl && candidate !== '' && matchLabel(candidate, sl).kind !== 'different') {
          title = candidate;
          body = body.slice(idx + 1);
        }
      }
      if (!sl) {
        ctx.notes.push({
          severity: 'warning',
          rule: 'unknown-line',
          message: `Erläuterung zu Zeile ${chunk.line}, die es in ${schema.title} nicht gibt`,
          node: section.title.code,
          plan: type,
          line: chunk.line,
          source: ctx.source(chunk.heading!.no),
        });
      }
    } else if (body.every((l) => l.text.trim() === '')) {
      continue;
    }
    const first = chunk.heading ?? body.find((l) => l.text.trim() !== '');
    out.push(
      parseErlaeuterung({
        plan: type,
        ...(chunk.line !== undefined ? { line: chunk.line } : {}),
        ...(title !== undefined ? { title } : {}),
        lines: body,
        ...(first ? { source: ctx.source(first.no) } : {}),
        file: ctx.file,
      }),
    );
  }
  return out;
}

const THRESHOLD = /[<>≤≥]=?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?\s*(?:€|EUR|Euro)/iu;
const INVESTMENT_LINE = /^(\d{2})\s+(\S.*)$/u;
const MEASURE = /^(\S*\d\S*)\s+(\S.*)$/u;
/** The first line of a group heading of the investments ("UNTERHALB Investition (Auszahlung < 100.000 EUR …)"). */
const GROUP_HEADING = /^(?:unterhalb|oberhalb)\b|\bwertgrenze\b/iu;

function groupRow(label: string, source: Source | undefined): InvestmentRow {
  const t = THRESHOLD.exec(label);
  const threshold = t ? parseGermanAmount(t[1]!) : undefined;
  const below = /unterhalb|</iu.test(label) ? true : /oberhalb|>/iu.test(label) ? false : undefined;
  return {
    type: 'group',
    label,
    ...(threshold ? { threshold: threshold.cents } : {}),
    ...(below !== undefined ? { below } : {}),
    ...(source ? { source } : {}),
  };
}

function parseInvestments(ctx: Context, section: Section): InvestmentTable | undefined {
  const body = section.body;
  const table = readTableHeader(
    ctx,
    section,
    'Tabellenkopf der Investitionen erwartet („Nr. Bezeichnung | Ergebnis … | Ansatz … | …“)',
  );
  if (!table) return undefined;
  const { columns, headerKey } = table;
  let i = table.index;
  const rows: InvestmentRow[] = [];
  // a group heading above the header: the table began at a page's end with its header and the heading, and its
  // header is repeated on the next page (from a PDF the first header has no rows to be read with)
  const passed = body.slice(0, i).filter((l) => l.text.trim() !== '' && !l.text.includes('\t'));
  const heading = passed.findLastIndex((l) => GROUP_HEADING.test(l.text.trim()));
  if (heading >= 0) {
    const label = passed
      .slice(heading)
      .map((l) => l.text.trim())
      .join(' ');
    rows.push(groupRow(label, ctx.source(passed[heading]!.no)));
  }
  let ok = true;
  let pendingNumber: string | undefined;
  for (i++; i < body.length; i++) {
    const line = body[i]!;
    if (line.text.trim() === '') continue;
    const cells = splitCells(line.text);
    const trimmed = trimTrailingEmpty(cells);
    if (trimmed.join('\t') === headerKey) continue;
    if (trimmed.length <= 1 || trimmed.slice(1).every((c) => c === '')) {
      const label = trimmed.join(' ').trim();
      const previous = rows[rows.length - 1];
      // a heading or a measure number wrapped over several lines (text taken from a PDF)
      if (
        (/^\S*\d\S*$/u.test(label) && !/^\d{2}$/u.test(label)) ||
        (/^\d{2}\s/u.test(label) && previous?.type !== 'group')
      ) {
        pendingNumber = pendingNumber === undefined ? label : `${pendingNumber} ${label}`;
        continue;
      }
      // the wrapped end of a row's label, printed below it ("MINT-" / "Werkstatt")
      const nextLine = body.slice(i + 1).find((l) => l.text.trim() !== '');
      if (
        (previous?.type === 'measure' || previous?.type === 'line') &&
        pendingNumber === undefined &&
        (nextLine?.text.includes('\t') === true || /^[a-zäöü]/u.test(label)) &&
        !/^(?:UNTERHALB|OBERHALB)/iu.test(label)
      ) {
        rows[rows.length - 1] =
          previous.type === 'measure'
            ? { ...previous, name: joinWrapped(previous.name, label) }
            : { ...previous, label: joinWrapped(previous.label, label) };
        continue;
      }
      if (previous?.type === 'group' && !/^(?:UNTERHALB|OBERHALB)/iu.test(label)) {
        rows[rows.length - 1] = groupRow(joinWrapped(previous.label, label), previous.source);
        continue;
      }
      if (!line.text.includes('\t') && rows.length > 0 && !/unterhalb|oberhalb|investition/iu.test(label)) {
        ctx.notes.push({
          severity: 'warning',
          rule: 'skipped-text',
          message: `Text nach der Investitionstabelle übersprungen: „${label.slice(0, 60)}“`,
          node: section.title.code,
          plan: 'investitionen',
          source: ctx.source(line.no),
        });
        continue;
      }
      rows.push(groupRow(label, ctx.source(line.no)));
      continue;
    }
    const split = rowCells(cells, columns.length);
    if (!split || split.amounts.length !== columns.length) {
      ctx.error(
        line.no,
        `${Math.max(0, trimmed.length - 1)} Beträge gefunden, erwartet ${columns.length} (${describeColumns(columns)})`,
      );
      ok = false;
      continue;
    }
    const label = pendingNumber === undefined ? split.label : `${pendingNumber} ${split.label}`.trim();
    pendingNumber = undefined;
    const lineMatch = INVESTMENT_LINE.exec(label);
    const measure = lineMatch ? undefined : MEASURE.exec(label);
    const parsed = parseAmounts(ctx, line, columns, split.amounts, {
      node: section.title.code,
      plan: 'investitionen',
      ...(lineMatch ? { line: lineMatch[1]! } : measure ? { line: measure[1]! } : {}),
    });
    const amounts = parsed.cells;
    const unreadable = parsed.unreadable ? { unreadable: parsed.unreadable } : {};
    if (lineMatch) {
      rows.push({
        type: 'line',
        line: lineMatch[1]!,
        label: lineMatch[2]!,
        cells: amounts,
        ...unreadable,
        source: ctx.source(line.no),
      });
    } else if (measure) {
      rows.push({
        type: 'measure',
        number: measure[1]!,
        name: measure[2]!,
        cells: amounts,
        ...unreadable,
        source: ctx.source(line.no),
      });
    } else {
      leaveOutside(ctx, amounts, 'Zeile der Investitionen weder Maßnahme noch Finanzplanzeile');
      ctx.notes.push({
        severity: 'warning',
        rule: 'skipped-row',
        message: `Zeile „${label}“ der Investitionen ist weder Maßnahme (mit Nummer) noch Finanzplanzeile; nicht übernommen (${amounts.length} Beträge außerhalb der Pläne, im Abgleich aufgeführt)`,
        node: section.title.code,
        plan: 'investitionen',
        source: ctx.source(line.no),
      });
    }
  }
  if (!ok) return undefined;
  return { columns, rows, source: ctx.source(section.titleLine.no) };
}

function splitSections(ctx: Context, lines: readonly TextLine[]): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const line of lines) {
    const title = line.title;
    if (title) {
      current = { title, titleLine: line, body: [] };
      sections.push(current);
      continue;
    }
    if (current) current.body.push(line);
    else if (line.text.trim() !== '') {
      ctx.notes.push({
        severity: 'info',
        rule: 'skipped-text',
        message: `Text vor dem ersten Abschnitt übersprungen: „${line.text.trim().slice(0, 60)}“`,
        source: ctx.source(line.no),
      });
    }
  }
  return sections;
}

/** The budget year: the year of the VE column, else the Ansatz year after the Ergebnis year's successor. */
function budgetYearOf(plans: readonly Plan[]): number | undefined {
  const ve = plans.flatMap((p) => p.columns).filter((c) => c.kind === 've');
  if (ve.length > 0) return Math.min(...ve.map((c) => c.year));
  const ansatz = plans.flatMap((p) => p.columns).filter((c) => c.kind === 'ansatz');
  if (ansatz.length > 0) return Math.max(...ansatz.map((c) => c.year));
  return undefined;
}

/** Quick look at the first lines: does this look like a plan text at all? */
export function looksLikePlanText(text: string): boolean {
  const head = text.slice(0, 200_000).split(/\r\n|\r|\n/u, 2000);
  return head.some((l) => parseTitle(l) !== undefined);
}

/**
 * Imports plan text; a layout-preserving export (`pdftotext -layout`) is first laid out into the plan-text
 * format, and its sources point back to the lines of the file.
 */
export function importText(text: string, file: string): ImportResult {
  if (!looksLikeLayoutText(text)) return importPlanText(text, file);
  const laid = layoutTextToPlanText(text);
  const origin = (line: number): number => laid.origin[line - 1] ?? line;
  const result = importPlanText(laid.text, file);
  if (!result.ok) {
    return {
      ok: false,
      errors: result.errors.map((e) => (e.line !== undefined ? { ...e, line: origin(e.line) } : e)),
    };
  }
  const budget = mapSources(result.budget, (s) => ({ ...s, line: origin(s.line) }));
  return {
    ok: true,
    budget,
    ledger: result.ledger.map((l) => mapLedgerSources(l, (s) => ({ ...s, line: origin(s.line) }))),
  };
}

/** A ledger with the lines of its sources mapped (a text laid out from another, a PDF's pages). */
export function mapLedgerSources(ledger: FileLedger, map: (source: Source) => Source): FileLedger {
  return {
    ...ledger,
    outside: ledger.outside.map((o) => (o.source ? { ...o, source: map(o.source) } : o)),
  };
}

function importPlanText(text: string, file: string): ImportResult {
  const ctx = new Context(file);
  if (text.trim() === '') {
    return {
      ok: false,
      errors: [{ file, message: 'Die Datei ist leer (erwartet: ein Haushaltsplan als Text)' }],
    };
  }
  const prepared = prepareLines(text);
  const sections = splitSections(ctx, prepared.lines);
  if (sections.length === 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          message: `Kein Haushaltsplan erkannt: keine Abschnittsüberschrift wie „Teilergebnisplan Produktgruppe 12.01 Name“, „Teilfinanzplan …“, „Investitionen …“ oder „Produktbeschreibung Produkt …“ gefunden (gesucht in allen ${prepared.lines.length} Zeilen)`,
        },
      ],
    };
  }

  const nodes = new Map<string, NodeBuilder>();
  const nodeFor = (section: Section): NodeBuilder => {
    const { code, level, name } = section.title;
    let node = nodes.get(code);
    if (!node) {
      node = {
        code,
        level,
        name,
        plans: [],
        erlaeuterungen: [],
        kennzahlen: [],
        source: ctx.source(section.titleLine.no),
      };
      nodes.set(code, node);
    } else if (node.name === '' && name !== '') {
      node.name = name;
    }
    return node;
  };

  const plans: Plan[] = [];
  for (const section of sections) {
    const node = nodeFor(section);
    const kind = section.title.kind;
    if (kind === 'investitionen') {
      const table = parseInvestments(ctx, section);
      if (table) {
        if (node.investitionen)
          ctx.error(section.titleLine.no, `Investitionen für ${node.code} stehen doppelt im Dokument`);
        node.investitionen = table;
      }
      continue;
    }
    if (kind === 'produktbeschreibung') {
      const d = parseDescription(section.body, file);
      for (const p of d.problems) {
        ctx.notes.push({
          severity: 'warning',
          rule: 'skipped-text',
          message: p.message,
          node: node.code,
          source: ctx.source(p.line),
        });
      }
      if (d.fields.length > 0) {
        if (node.beschreibung)
          ctx.error(section.titleLine.no, `Produktbeschreibung für ${node.code} steht doppelt im Dokument`);
        node.beschreibung = { fields: d.fields, source: ctx.source(section.titleLine.no) };
      }
      node.kennzahlen.push(...d.tables);
      continue;
    }
    const result = parsePlanSection(ctx, section, kind);
    if (result.plan) {
      if (node.plans.some((p) => p.type === kind)) {
        ctx.error(
          section.titleLine.no,
          `${section.titleLine.text.trim()}: der Plan steht doppelt im Dokument`,
        );
      } else {
        node.plans.push(result.plan);
        plans.push(result.plan);
      }
    }
    node.erlaeuterungen.push(...result.erlaeuterungen);
  }

  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors };
  const year = budgetYearOf(plans);
  const built: BudgetNode[] = [...nodes.values()].map((n) => ({
    code: n.code,
    level: n.level,
    name: n.name,
    plans: n.plans,
    ...(n.investitionen ? { investitionen: n.investitionen } : {}),
    erlaeuterungen: n.erlaeuterungen.map((e) =>
      e.year === undefined && year !== undefined ? { ...e, year } : e,
    ),
    ...(n.beschreibung ? { beschreibung: n.beschreibung } : {}),
    kennzahlen: n.kennzahlen,
    source: n.source,
  }));
  const budget: Budget = {
    ...(prepared.runningHeader !== undefined ? { title: prepared.runningHeader } : {}),
    ...(year !== undefined ? { year } : {}),
    nodes: resolveParents(built),
    notes: ctx.notes,
    files: [file],
  };
  return { ok: true, budget, ledger: [ctx.ledger.toJSON()] };
}
