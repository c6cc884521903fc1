/**
 * Plan sections (Teil-/Gesamtergebnisplan, Teil-/Gesamtfinanzplan): the table under the section's title,
 * read with the recognition every container shares — a header of any shape, line numbers in any style or
 * none (the lines then told by their labels), operator columns, labels wrapped over several lines, the planning
 * years continued in a table of their own — then checked against the line schema the labels fit, signs decided
 * by the printed totals. The Erläuterungen after the table follow (`erlaeuterungen.ts`).
 */
import type { Column, Erlaeuterung, Plan, PlanType } from '../../core/model.js';
import {
  SCHEMAS,
  matchLabel,
  schemaLine,
  schemaValidFor,
  selectSchema,
  type LineSchema,
} from '../../core/schema.js';
import { cellTexts } from '../rows/model.js';
import { isDataLine, isHeaderLine, rowLead } from '../recognise/table.js';
import { joinWrapped } from '../recognise/wrap.js';
import { describeColumns, parseAmounts } from './cells.js';
import type { Context } from './context.js';
import { parseSectionErlaeuterungen, parseZuZeile } from './erlaeuterungen.js';
import type { TextLine } from './lines.js';
import { buildPlan, leaveRowsAfterTable, type PlanRow } from './plan-rows.js';
import { headerLinesAt, readHeaderAgain, readSectionTable, type Section, type TableStart } from './tables.js';
import { numberByLabels, refineLabels, type LabelPiece } from '../recognise/labels.js';

export interface PlanSectionResult {
  plan?: Plan;
  erlaeuterungen: Erlaeuterung[];
}

/** The label lines of a row as printed (wrapped lines from a page, or the row's own label cell). */
function labelPieces(line: TextLine, label: string): PlanRow['pieces'] {
  if (line.label && line.label.length > 1) return line.label.map((l) => ({ text: l.text, own: l.own }));
  return label === '' ? [] : [{ text: label, own: true }];
}

export function parsePlanSection(ctx: Context, section: Section, type: PlanType): PlanSectionResult {
  const body = section.body;
  const result: PlanSectionResult = { erlaeuterungen: [] };
  const table = readSectionTable(
    ctx,
    section,
    `Tabellenkopf erwartet (z. B. „Nr. | Bezeichnung | Ergebnis 2024 | Ansatz 2025 | …“) nach „${section.titleLine.text.trim()}“`,
  );
  if (!table) return result;
  let head = table.head;
  let key = table.key;
  const columns: Column[] = [...head.columns];
  /** Where each of the current header's columns goes in the plan's columns. */
  let at = head.columns.map((_, k) => k);
  let scales = [...head.scales];
  const rows: PlanRow[] = [];
  /** Rows of the first table by number or label, for the planning years continued in a table of their own. */
  let continued = false;
  let numbered: boolean | undefined;
  /** Label lines printed above the first row's amounts. */
  let pending: LabelPiece[] = [];
  /** In a table continuing the planning years, the earlier row the last row's amounts were added to. */
  let merged: PlanRow | undefined;
  /** In a table continuing the planning years without line numbers: the earlier row expected next (one of the
   * tables before, which end where `tableStart` is) … */
  let cursor = 0;
  let tableStart = 0;
  /** … and the lines of text printed since the last row (the labels repeated, kept until the next row). */
  let held: string[] = [];
  /** Text that wraps the last row's label: it goes on in that label. */
  const wrapLast = (text: string): void => {
    const previous = rows[rows.length - 1];
    if (previous) {
      previous.pieces.push({ text, own: false });
      previous.label = joinWrapped(previous.label, text);
    } else pending.push({ text, own: false }); // the first row's label begins above its amounts
  };
  let failed = false;
  let i = table.end;
  for (; i < body.length; i++) {
    const line = body[i]!;
    const text = line.text.trim();
    if (text === '' && !line.cells) continue;
    if (isHeaderLine(line) && !isDataLine(line)) {
      const { lines, end } = headerLinesAt(body, i);
      const again = readHeaderAgain(ctx, line, lines, key, columns, scales);
      if (again === false) {
        failed = true;
        break;
      }
      i = end - 1;
      if (again === undefined) continue;
      tableStart = rows.length;
      ({ head, key, at, scales } = again);
      continued ||= again.continued;
      continue;
    }
    if (!line.cells) {
      // a label wrapped onto the next line or page: short text between two rows belongs to the row before
      // (recognition hands it on to the next row where the schema's labels say so)
      const following = text.length <= 80 && !parseZuZeile(text) ? rowFollows(body, i + 1) : undefined;
      if (following) {
        // in a table continuing the planning years the labels are repeated: the rows are known by number
        const known = rowLead(following, head, numbered !== false).lead.line;
        if (continued && known !== undefined && rows.some((r) => r.line === known)) continue;
        // … and so are the lines a label wrapped onto after its amounts
        if (merged?.pieces.some((p) => !p.own && p.text === text)) continue;
        // without numbers the row below tells whether the lines repeat its label (see `continuedRow`)
        if (continued && numbered === false && rows.length > 0) held.push(text);
        else wrapLast(text);
        continue;
      }
      break;
    }
    if (!isDataLine(line)) break;
    const { split, lead } = rowLead(line, head, numbered !== false);
    if (numbered === undefined) numbered = lead.line !== undefined;
    if (numbered && lead.line === undefined) break; // a row without a number: the table has ended
    const labelled = lead.label !== '' || (line.label?.length ?? 0) > 0;
    const misfit = line.points ? split.extra > 0 : split.found < head.columns.length || !labelled;
    if (misfit) {
      ctx.error(
        line,
        `${line.points ? split.found : amountCount(line)} Beträge gefunden, erwartet ${head.columns.length} (${describeColumns(head.columns)})`,
      );
      failed = true;
      continue;
    }
    ctx.traits.number(lead.style);
    if (lead.operator !== undefined) ctx.traits.operator(lead.operator);
    if (line.label && line.label.length > 1) ctx.traits.wrapped(line.label.length);
    const amounts = new Array<string>(columns.length).fill('');
    for (let k = 0; k < split.amounts.length; k++) amounts[at[k]!] = split.amounts[k]!;
    const lineNo = lead.line;
    const parsed = parseAmounts(
      ctx,
      line,
      columns,
      amounts,
      lineNo !== undefined
        ? { node: section.title.code, plan: type, line: lineNo }
        : { node: section.title.code, plan: type },
      scales,
    );
    const label =
      line.label && line.label.length > 1
        ? line.label.map((l) => l.text).reduce(joinWrapped, '')
        : lead.label;
    const row: PlanRow = {
      label:
        pending.length === 0
          ? label
          : pending.map((p) => p.text).reduceRight((tail, head) => joinWrapped(head, tail), label),
      pieces:
        pending.length === 0 ? labelPieces(line, lead.label) : [...pending, ...labelPieces(line, lead.label)],
      cells: parsed.cells,
      source: line.source,
      at: line,
    };
    // optional parts set one by one (spreads are slow in V8; this runs for every row)
    if (lineNo !== undefined) row.line = lineNo;
    if (lead.operator !== undefined) row.operator = lead.operator;
    if (parsed.unreadable) row.unreadable = parsed.unreadable;
    pending = [];
    merged = undefined;
    if (continued) {
      // without numbers: a row of the tables before, from the one expected next on
      const earlier = rows.slice(0, tableStart);
      const next = lineNo === undefined ? continuedRow(earlier, cursor, row, held) : undefined;
      if (next === undefined) held.forEach(wrapLast);
      held = [];
      const same =
        next ??
        (lineNo !== undefined
          ? rows.find((r) => r.line === lineNo)
          : earlier.slice(cursor).find((r) => r.line === undefined && r.label === label));
      if (same) {
        merged = same;
        cursor = rows.indexOf(same) + 1;
        same.cells.push(...row.cells);
        if (row.unreadable) same.unreadable = [...(same.unreadable ?? []), ...row.unreadable];
        continue;
      }
    }
    rows.push(row);
  }
  held.forEach(wrapLast);
  if (rows.length === 0 && !failed) {
    ctx.error(
      table.headerLines[0],
      'Tabelle ohne Zeilen: erwartet nummerierte Zeilen wie „01 | Steuern und ähnliche Abgaben | 0 | …“',
    );
  }
  const found = schemaFor(ctx, type, rows, columns, numbered !== false, table, tailLines(body, i));
  if (!found) return result;
  const schema = found.schema;
  i += found.taken;
  if (!failed && rows.length > 0) {
    refineLabels(rows, schema);
    // the last row's label wrapped below its amounts onto lines after the table: taken where the schema's
    // label then fits better (else they stay text after the table)
    i += takeTail(rows[rows.length - 1]!, schema, body, i);
    result.plan = buildPlan(ctx, section, type, schema, columns, rows);
  }
  // Erläuterungen after the table; rows of amounts among them belong to no plan line
  const rest = body.slice(i);
  leaveRowsAfterTable(ctx, section, type, head, rest);
  result.erlaeuterungen = parseSectionErlaeuterungen(ctx, section, type, schema, rest);
  return result;
}

/** The text printed beside a row's amounts. */
const ownText = (row: PlanRow): string =>
  row.pieces
    .filter((p) => p.own)
    .map((p) => p.text)
    .join(' ');

/**
 * The earlier row that a row without a line number in a table continuing the planning years continues: the
 * row after the last one continued, when it prints the same text beside its amounts and every line of text
 * printed with the row or since the last one (`held`) is a line of its label or of the label before it. The
 * label as a whole may differ, as the printer divided the wrapped lines between the rows by geometry.
 */
function continuedRow(
  rows: readonly PlanRow[],
  cursor: number,
  row: PlanRow,
  held: readonly string[],
): PlanRow | undefined {
  const next = rows[cursor];
  if (!next || next.line !== undefined || ownText(next) === '' || ownText(next) !== ownText(row))
    return undefined;
  const known = new Set([...next.pieces, ...(rows[cursor - 1]?.pieces ?? [])].map((p) => p.text));
  const printed = [...held, ...row.pieces.filter((p) => !p.own).map((p) => p.text)];
  return printed.every((t) => known.has(t)) ? next : undefined;
}

/**
 * Lines right after a table's last row (no blank line between) that continue its wrapped label: at most two
 * short lines of text, taken when the label with them fits the line's label in the schema better. Returns how
 * many were taken.
 */
function takeTail(row: PlanRow, schema: LineSchema, body: readonly TextLine[], from: number): number {
  const sl = row.line === undefined ? undefined : schemaLine(schema, row.line);
  if (!sl) return 0;
  const score = (label: string): number => {
    const m = matchLabel(label, sl);
    return m.kind === 'exact' ? 2 : m.kind === 'misprint' ? 1 : 0;
  };
  let best = { n: 0, score: score(row.label), label: row.label };
  let label = row.label;
  tailLines(body, from).forEach((t, k) => {
    label = joinWrapped(label, t);
    const s = score(label);
    if (s > best.score) best = { n: k + 1, score: s, label };
  });
  if (best.n === 0) return 0;
  for (let k = 0; k < best.n; k++) row.pieces.push({ text: body[from + k]!.text.trim(), own: false });
  row.label = best.label;
  return best.n;
}

/** The lines that may continue a table's last label (see `takeTail`): at most two short lines of text. */
function tailLines(body: readonly TextLine[], from: number): string[] {
  const before = body[from - 1];
  if (before !== undefined && !before.cells && before.text.trim() === '') return [];
  const out: string[] = [];
  for (let n = 0; n < 2; n++) {
    const l = body[from + n];
    const t = l?.text.trim() ?? '';
    if (!l || l.cells || t === '' || t.length > 80 || parseZuZeile(t)) break;
    out.push(t);
  }
  return out;
}

/**
 * The table row that follows from `from` on, after at most two more short lines of text (a label wrapped over
 * the end of one row and the start of the next) and a header repeated on the next page.
 */
function rowFollows(body: readonly TextLine[], from: number): TextLine | undefined {
  let prose = 0;
  for (let k = from; k < body.length; k++) {
    const l = body[k]!;
    const t = l.text.trim();
    if (t === '' && !l.cells) continue;
    if (isHeaderLine(l) && !isDataLine(l)) continue;
    if (isDataLine(l)) return l;
    if (l.cells || t.length > 80 || parseZuZeile(t) || ++prose > 2) return undefined;
  }
  return undefined;
}

/** How many amounts a row of tab-separated text gives: its cells after the number and the label. */
function amountCount(line: TextLine): number {
  const texts = cellTexts(line.cells ?? []);
  return Math.max(0, texts.length - (/^[=+-]?\s*\d{1,2}\.?$/u.test(texts[0] ?? '') ? 2 : 1));
}

/**
 * The line schema of a plan: by the rows' numbers and labels, or (a plan printed without line numbers) by
 * the labels alone, which then number the rows.
 */
function schemaFor(
  ctx: Context,
  type: PlanType,
  rows: PlanRow[],
  columns: readonly Column[],
  numbered: boolean,
  table: TableStart,
  tail: readonly string[],
): { readonly schema: LineSchema; readonly taken: number } | undefined {
  const ansatzYears = columns.filter((c) => c.kind === 'ansatz').map((c) => c.year);
  const year = ansatzYears.length > 0 ? Math.max(...ansatzYears) : undefined;
  if (!numbered && rows.length > 0) {
    // the last row's label wrapped onto lines after the table: taken when the rows then find their lines
    const last = rows[rows.length - 1]!;
    const { label, pieces } = { label: last.label, pieces: [...last.pieces] };
    let numbering = numberByLabels(type, rows, year);
    for (let n = 1; 'refusal' in numbering && n <= tail.length; n++) {
      const refusal: { refusal: string } = numbering;
      last.pieces.splice(
        0,
        last.pieces.length,
        ...pieces,
        ...tail.slice(0, n).map((text) => ({ text, own: false })),
      );
      last.label = tail.slice(0, n).reduce(joinWrapped, label);
      numbering = numberByLabels(type, rows, year);
      if ('refusal' in numbering) numbering = refusal;
    }
    if ('refusal' in numbering) {
      last.label = label;
      last.pieces.splice(0, last.pieces.length, ...pieces);
      ctx.error(table.headerLines[0], numbering.refusal);
      return undefined;
    }
    return { schema: numbering.schema, taken: last.pieces.length - pieces.length };
  }
  const selection = selectSchema(
    type,
    rows.map((r) => ({ line: r.line!, label: r.label })),
    year,
  );
  if (!('refusal' in selection)) return { schema: selection.schema, taken: 0 };
  // label lines wrapped onto a neighbouring row (the amounts beside the last or first line of a label): moved
  // where a schema's labels say, the schema whose labels then fit is the plan's
  for (const schema of SCHEMAS) {
    if (schema.plan !== type || !schemaValidFor(schema, year)) continue;
    const copy = rows.map((r) => ({ line: r.line!, label: r.label, pieces: [...r.pieces] }));
    refineLabels(copy, schema);
    const again = selectSchema(
      type,
      copy.map((c) => ({ line: c.line, label: c.label })),
      year,
    );
    if ('refusal' in again || again.schema.id !== schema.id) continue;
    copy.forEach((c, k) => {
      rows[k]!.label = c.label;
      rows[k]!.pieces.splice(0, rows[k]!.pieces.length, ...c.pieces);
    });
    return { schema, taken: 0 };
  }
  ctx.error(table.headerLines[0], selection.refusal.message);
  return undefined;
}
