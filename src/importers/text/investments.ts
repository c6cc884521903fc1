/**
 * Investment sections: group headings ("UNTERHALB Investition (Auszahlung < 100.000 EUR …)"), measures
 * (`430125MINT Ausstattung/Geräte MINT-Werkstatt`) and Teilfinanzplan lines, each with its amounts, read with
 * the table recognition every container shares (headers of any shape; the later years continued in a table of
 * their own, numbers and names repeated). Names wrapped over several lines are joined to their row.
 */
import type { Column, InvestmentRow, InvestmentTable, Source } from '../../core/model.js';
import { parseGermanAmount } from '../../core/money.js';
import {
  SCHEMAS,
  matchLabel,
  schemaLine,
  schemaValidFor,
  type LineSchema,
  type SchemaLine,
} from '../../core/schema.js';
import type { Scale } from '../recognise/amounts.js';
import { isDataLine, isHeaderLine, splitRow } from '../recognise/table.js';
import { readLead, type Lead } from '../recognise/lead.js';
import { GROUP_HEADING, labelRows, type PrintedLine } from './investment-labels.js';
import { describeColumns, leaveOutside, parseAmounts } from './cells.js';
import type { Context } from './context.js';
import type { TextLine } from './lines.js';
import { cellTexts } from '../rows/model.js';
import { headerLinesAt, readHeaderAgain, readSectionTable, type Section } from './tables.js';

const THRESHOLD = /[<>≤≥]=?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?\s*(?:€|EUR|Euro)/iu;
const INVESTMENT_LINE = /^(\d{2})\s+(\S.*)$/u;
const MEASURE = /^(\S*\d\S*)\s+(\S.*)$/u;

/** A row of amounts as read, its label still to be put together from its printed lines. */
interface Printed {
  readonly lead: Lead;
  readonly line: TextLine;
  /** Its amounts under the table's columns. */
  readonly amounts: string[];
  readonly scales: Scale[];
  /** Printed in the table continuing the later years. */
  readonly continued: boolean;
}

type Kind =
  | { readonly type: 'line'; readonly line: string; readonly label: string }
  | { readonly type: 'measure'; readonly number: string; readonly name: string };

/** The Teilfinanzplan schemas in force for the table's years: the lines an investment table prints. */
function teilfinanzSchemas(columns: readonly Column[]): LineSchema[] {
  const years = columns.filter((c) => c.kind === 'ansatz').map((c) => c.year);
  const year = years.length > 0 ? Math.max(...years) : undefined;
  return SCHEMAS.filter((s) => s.plan === 'teilfinanzplan' && schemaValidFor(s, year));
}

/**
 * A row by its label: a Teilfinanzplan line (by its number, printed before the label or in a cell of its own,
 * or printed without a number, by its label in the schema), or a measure (number and name).
 */
function classify(schemas: readonly LineSchema[], record: Printed, label: string): Kind | undefined {
  const numbered = INVESTMENT_LINE.exec(label);
  if (record.lead.line !== undefined) {
    // its number printed on a label line above the amounts ("24 Auszahlungen für den" over the amounts) is the
    // row's own, not part of its label
    const own = numbered?.[1] === record.lead.line ? numbered[2]! : label;
    return { type: 'line', line: record.lead.line, label: own };
  }
  if (numbered) return { type: 'line', line: numbered[1]!, label: numbered[2]! };
  const measure = MEASURE.exec(label);
  if (measure) return { type: 'measure', number: measure[1]!, name: measure[2]! };
  for (const kind of ['exact', 'misprint'])
    for (const schema of schemas) {
      const sl = schema.lines.find((l) => matchLabel(label, l).kind === kind);
      if (sl) return { type: 'line', line: sl.line, label };
    }
  return undefined;
}

/**
 * How well a row's label is its Teilfinanzplan line's: 3 its label, 2 one of its shorter wordings (an alias:
 * "Erwerb von Grundstücken und Gebäuden" is the tail of line 24's label, so a label cut after "Auszahlungen für
 * den" would fit as well as the whole), 1 misprinted, 0 another or a measure.
 */
function fitLine(schemas: readonly LineSchema[], kind: Kind | undefined): number {
  if (kind?.type !== 'line' || kind.label === '') return 0;
  let best = 0;
  for (const schema of schemas) {
    const sl = schemaLine(schema, kind.line);
    const m = sl ? matchLabel(kind.label, sl).kind : 'different';
    const main = m === 'exact' && matchLabel(kind.label, withoutAliases(sl!)).kind === 'exact';
    best = Math.max(best, main ? 3 : m === 'exact' ? 2 : m === 'misprint' ? 1 : 0);
  }
  return best;
}

/** A schema line without its aliases (kept, so that its label matches are remembered). */
function withoutAliases(sl: SchemaLine): SchemaLine {
  let only = LABEL_ONLY.get(sl);
  if (!only) {
    only = { line: sl.line, label: sl.label };
    LABEL_ONLY.set(sl, only);
  }
  return only;
}

const LABEL_ONLY = new WeakMap<SchemaLine, SchemaLine>();

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

/** A line without amounts: prose, or a row whose cells after the first are empty. */
function labelOnly(line: TextLine): string | undefined {
  if (!line.cells) return line.text.trim();
  const texts = line.cells.map((c) => c.text);
  return texts.slice(1).every((t) => t === '') ? (texts[0] ?? '').trim() : undefined;
}

/** The key of a measure or line row, to find it again where the later years continue the table. */
function rowKey(row: InvestmentRow): string | undefined {
  return row.type === 'measure' ? `m:${row.number}` : row.type === 'line' ? `l:${row.line}` : undefined;
}

export function parseInvestments(ctx: Context, section: Section): InvestmentTable | undefined {
  const body = section.body;
  const table = readSectionTable(
    ctx,
    section,
    'Tabellenkopf der Investitionen erwartet („Nr. Bezeichnung | Ergebnis … | Ansatz … | …“)',
  );
  if (!table) return undefined;
  let head = table.head;
  let key = table.key;
  const columns: Column[] = [...head.columns];
  let at = head.columns.map((_, k) => k);
  let scales = [...head.scales];
  let continued = false;
  /** The columns of the first table: a header bringing others continues the later years. */
  const firstColumns = columns.length;
  const rows: InvestmentRow[] = [];
  // a group heading above the header: the table began at a page's end with its header and the heading, and its
  // header is repeated on the next page (from a PDF the first header has no rows to be read with)
  const passed = body.slice(0, table.index).filter((l) => l.text.trim() !== '' && !l.cells);
  const heading = passed.findLastIndex((l) => GROUP_HEADING.test(l.text.trim()));
  if (heading >= 0) {
    const label = passed
      .slice(heading)
      .map((l) => l.text.trim())
      .join(' ');
    rows.push(groupRow(label, passed[heading]!.source));
  }
  let ok = true;
  const printed: PrintedLine[] = [];
  const records: Printed[] = [];
  for (let i = table.end; i < body.length; i++) {
    const line = body[i]!;
    if (line.text.trim() === '' && !line.cells) continue;
    if (isHeaderLine(line) && !isDataLine(line)) {
      const { lines, end } = headerLinesAt(body, i);
      i = end - 1;
      const again = readHeaderAgain(ctx, line, lines, key, columns, scales);
      if (again === undefined) continue;
      if (again === false) {
        ok = false;
        break;
      }
      ({ head, key, at, scales } = again);
      // the later years continued in a table of their own, or the first years again (the rows going on)
      const later = at.some((k) => k >= firstColumns);
      if (later !== continued) printed.push({ kind: 'break' });
      continued = later;
      continue;
    }
    const only = labelOnly(line);
    if (only !== undefined) {
      if (only !== '') printed.push({ kind: 'text', text: only, source: line.source });
      continue;
    }
    const split = splitRow(line, head);
    const misfit = line.points
      ? split.extra > 0
      : split.found < head.columns.length || split.lead.length === 0;
    if (misfit) {
      const count = line.points ? split.found : Math.max(0, cellTexts(line.cells ?? []).length - 1);
      ctx.error(
        line,
        `${count} Beträge gefunden, erwartet ${head.columns.length} (${describeColumns(head.columns)})`,
      );
      ok = false;
      continue;
    }
    // the number (a line's, laid out as a cell of its own, in any style: `26`, `26.`, `Zeile 26`, an operator
    // read as one) and the label's printed lines: above, beside and below the amounts
    const lead = readLead(split.lead.filter((t) => t !== ''));
    const amounts = columns.map(() => '');
    split.amounts.forEach((t, k) => (amounts[at[k]!] = t));
    const row = records.length;
    records.push({ lead, line, amounts, scales: columns.map((_, k) => scales[k] ?? 1), continued });
    const pieces = line.label && line.label.length > 1 ? line.label : undefined;
    const ownPiece = pieces?.find((p) => p.own);
    const own = pieces ? (ownPiece ? readLead([ownPiece.text]).label : '') : lead.label;
    const beside = pieces ? pieces.findIndex((p) => p.own) : -1;
    const above = pieces ? pieces.filter((p, k) => !p.own && (beside < 0 || k < beside)) : [];
    const below = pieces ? pieces.filter((p, k) => !p.own && beside >= 0 && k > beside) : [];
    for (const p of above) printed.push({ kind: 'text', text: p.text, source: line.source, row });
    printed.push({ kind: 'row', row, own });
    for (const p of below) printed.push({ kind: 'text', text: p.text, source: line.source, row });
  }
  if (!ok) return undefined;
  const finanz = teilfinanzSchemas(columns);
  const labelled = labelRows(printed, (r, label) => fitLine(finanz, classify(finanz, records[r]!, label)));
  for (const l of labelled.left) {
    ctx.notes.push({
      severity: 'warning',
      rule: 'skipped-text',
      message: `Text nach der Investitionstabelle übersprungen: „${l.text.trim().slice(0, 60)}“`,
      node: section.title.code,
      plan: 'investitionen',
      source: l.source,
    });
  }
  /** Where the rows of the first years now printed begin, and the next row a continued row may be. */
  let runStart = rows.length;
  let cursor = rows.length;
  let wasContinued = false;
  for (const [n, piece] of labelled.pieces.entries()) {
    if (piece.kind === 'group') {
      // a group heading repeated with the later years is known
      const next = labelled.pieces.slice(n).find((p) => p.kind === 'row');
      if (!(next ? records[next.row]!.continued : wasContinued))
        rows.push(groupRow(piece.label, piece.source));
      continue;
    }
    const record = records[piece.row]!;
    if (record.continued !== wasContinued) {
      if (record.continued) cursor = runStart;
      else runStart = rows.length;
      wasContinued = record.continued;
    }
    const kind = classify(finanz, record, piece.label);
    const parsed = parseAmounts(
      ctx,
      record.line,
      columns,
      record.amounts,
      {
        node: section.title.code,
        plan: 'investitionen',
        ...(kind ? { line: kind.type === 'line' ? kind.line : kind.number } : {}),
      },
      record.scales,
    );
    const cells = parsed.cells;
    const unreadable = parsed.unreadable ? { unreadable: parsed.unreadable } : {};
    const source = record.line.source;
    if (!kind) {
      const label = record.lead.line !== undefined ? `${record.lead.line} ${piece.label}` : piece.label;
      leaveOutside(ctx, cells, 'Zeile der Investitionen weder Maßnahme noch Finanzplanzeile');
      ctx.notes.push({
        severity: 'warning',
        rule: 'skipped-row',
        message: `Zeile „${label}“ der Investitionen ist weder Maßnahme (mit Nummer) noch Finanzplanzeile; nicht übernommen (${cells.length} Beträge außerhalb der Pläne, im Abgleich aufgeführt)`,
        node: section.title.code,
        plan: 'investitionen',
        source,
      });
      continue;
    }
    const row: InvestmentRow =
      kind.type === 'line'
        ? { type: 'line', line: kind.line, label: kind.label, cells, ...unreadable, source }
        : { type: 'measure', number: kind.number, name: kind.name, cells, ...unreadable, source };
    if (record.continued) {
      // the same row in the table of the first years: the next one of its number from where the last was found
      const same = rows.findIndex((r, k) => k >= cursor && rowKey(r) === rowKey(row));
      const earlier = rows[same];
      if (earlier && earlier.type !== 'group') {
        rows[same] = {
          ...earlier,
          cells: [...earlier.cells, ...row.cells],
          ...(earlier.unreadable || row.unreadable
            ? { unreadable: [...(earlier.unreadable ?? []), ...(row.unreadable ?? [])] }
            : {}),
        };
        cursor = same + 1;
        continue;
      }
    }
    rows.push(row);
  }
  return { columns, rows, source: section.titleLine.source };
}
