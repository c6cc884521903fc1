/**
 * A plan table's rows made a plan: each row checked against its line schema (a number twice, rows out of
 * order, a table cut off, labels misprinted or of another line), the sign convention decided by the printed
 * totals (core/signs.ts), and the rows of amounts after the table that are no plan line listed outside the
 * plans.
 */
import type { Cell, Column, Plan, PlanLine, PlanType, Source } from '../../core/model.js';
import { matchLabel, schemaLine, type LineSchema } from '../../core/schema.js';
import { decideSigns } from '../../core/signs.js';
import { isAmountText } from '../recognise/amounts.js';
import type { TableHead } from '../recognise/header.js';
import type { LabelPiece } from '../recognise/labels.js';
import { splitRow } from '../recognise/table.js';
import { leaveOutside, parseAmounts } from './cells.js';
import type { Context } from './context.js';
import type { TextLine } from './lines.js';
import type { Section } from './tables.js';

/** A row of a plan table as read. */
export interface PlanRow {
  /** Two digits; absent while a plan printed without numbers is not yet numbered by its labels. */
  line?: string;
  label: string;
  /** The label's printed lines, for recognition to hand a wrapped line to the neighbouring row. */
  readonly pieces: LabelPiece[];
  operator?: string;
  readonly cells: Cell[];
  unreadable?: Column[];
  readonly source: Source;
  readonly at: TextLine;
}

const ORDERS = new WeakMap<LineSchema, ReadonlyMap<string, number>>();

/** Each schema line's position, by its number. */
function lineOrder(schema: LineSchema): ReadonlyMap<string, number> {
  let order = ORDERS.get(schema);
  if (!order) {
    order = new Map(schema.lines.map((l, idx) => [l.line, idx]));
    ORDERS.set(schema, order);
  }
  return order;
}

export function buildPlan(
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
  const order = lineOrder(schema);
  const kept: PlanRow[] = [];
  for (const row of rows) {
    const line = row.line!;
    if (seen.has(line)) {
      ctx.error(row.at, `Zeile ${line} steht doppelt in der Tabelle (erwartet jede Zeilennummer einmal)`);
      ok = false;
      continue;
    }
    seen.add(line);
    kept.push(row);
    const sl = schemaLine(schema, line);
    const position = order.get(line);
    if (!sl || position === undefined) {
      ctx.notes.push({
        severity: 'warning',
        rule: 'unknown-line',
        message: `Zeile ${line} „${row.label}“ gehört nicht zum Schema ${schema.title}; sie wird übernommen, aber nicht geprüft`,
        node: section.title.code,
        plan: type,
        line,
        source: row.source,
      });
      continue;
    }
    if (position < previous) {
      ctx.error(
        row.at,
        `Zeile ${line} steht nach einer höheren Zeilennummer (erwartet aufsteigende Zeilen 01, 02, …)`,
      );
      ok = false;
    }
    previous = Math.max(previous, position);
    const match = matchLabel(row.label, sl);
    if (match.kind === 'misprint') {
      ctx.notes.push({
        severity: 'info',
        rule: 'label-misprint',
        message: `Zeile ${line}: gedruckt „${row.label}“, gemeint ist „${match.canonical}“`,
        node: section.title.code,
        plan: type,
        line,
        source: row.source,
      });
    } else if (match.kind === 'different') {
      ctx.notes.push({
        severity: 'warning',
        rule: 'label-mismatch',
        message: `Zeile ${line}: gedruckt „${row.label}“, nach ${schema.title} heißt die Zeile „${match.canonical}“`,
        node: section.title.code,
        plan: type,
        line,
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
        rows[rows.length - 1]!.at,
        `Tabelle unvollständig: Zeile${missing.length > 1 ? 'n' : ''} ${missing.join(', ')} fehlt (erwartet alle Zeilen von ${schema.title})`,
      );
      ok = false;
    }
  }
  if (!ok) return undefined;
  const lines: PlanLine[] = kept.map((r) =>
    r.unreadable
      ? { line: r.line!, label: r.label, cells: r.cells, unreadable: r.unreadable, source: r.source }
      : { line: r.line!, label: r.label, cells: r.cells, source: r.source },
  );
  // how expenses are printed: decided by the printed totals (core/signs.ts), the operators confirming
  const operators = new Map(
    kept.flatMap((r) => (r.operator !== undefined ? [[r.line!, r.operator] as const] : [])),
  );
  const decision = decideSigns(schema, lines, operators);
  ctx.traits.sign(decision.trait);
  if (decision.note !== undefined) {
    ctx.notes.push({
      severity: 'warning',
      rule: 'signs-undecided',
      message: decision.note,
      node: section.title.code,
      plan: type,
      source: section.titleLine.source,
    });
  }
  return {
    type,
    schemaId: schema.id,
    columns,
    lines: decision.lines,
    ...(decision.signs === 'positive' ? { signs: decision.signs } : {}),
    source: section.titleLine.source,
  };
}

/**
 * Rows of amounts after a plan table that are no plan line (no line number: a sum row, a table of its own in
 * the Erläuterungen): read, listed outside the plans, and noted. A row counts when its cells under the table's
 * columns are amounts or empty, at least one an amount.
 */
export function leaveRowsAfterTable(
  ctx: Context,
  section: Section,
  type: PlanType,
  head: TableHead,
  lines: readonly TextLine[],
): void {
  const { columns } = head;
  for (const line of lines) {
    if (!line.cells || line.cells.length < 2) continue;
    const split = splitRow(line, head, false);
    const amounts = split.amounts;
    const isAmount = (t: string): boolean => isAmountText(t);
    if (split.extra > 0 || !amounts.every((t) => t === '' || isAmount(t)) || !amounts.some(isAmount))
      continue;
    const read = parseAmounts(
      ctx,
      line,
      columns,
      amounts,
      { node: section.title.code, plan: type },
      head.scales,
    ).cells;
    leaveOutside(ctx, read, 'Zeile mit Beträgen ohne Zeilennummer nach der Plantabelle (keine Planzeile)');
    const label = split.lead.join(' ').trim().slice(0, 60);
    ctx.notes.push({
      severity: 'warning',
      rule: 'skipped-row',
      message: `Zeile ohne Zeilennummer nach der Tabelle${label ? ` „${label}“` : ''} übersprungen: ${read.length} Beträge auf keiner Planzeile, im Abgleich als außerhalb der Pläne aufgeführt`,
      node: section.title.code,
      plan: type,
      source: line.source,
    });
  }
}
