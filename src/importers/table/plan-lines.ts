/**
 * The lines of one plan of a table: each row's amounts under its columns read into cells and into the file's
 * ledger (a cell that is no amount is an `unreadable-amount` error finding at its place, left out: `--strict`
 * refuses), its label checked against the schema's line (misprinted, different, several lines' labels merged in
 * one cell, a line the schema lacks: each a note at its place).
 */
import type { Cell, Column, ImportNote, PlanLine, PlanType } from '../../core/model.js';
import type { Ledger } from '../../core/ledger.js';
import { matchLabel, schemaLine, type LineSchema } from '../../core/schema.js';
import { scaleOf, type Scale } from '../recognise/amounts.js';
import type { Traits } from '../recognise/traits.js';
import {
  labelForMatching,
  linePosition,
  readAmount,
  unreadableMessage,
  type LinePosition,
} from './line-numbers.js';

/** A block of rows: one plan of one node. */
export interface Block {
  readonly nodeKey: string;
  /** The plan a title above the rows names ("Teilergebnisplan Produktgruppe 07.02 …"). */
  readonly type?: PlanType;
  readonly rows: {
    readonly row: readonly string[];
    readonly no: number;
    readonly pos: LinePosition;
    readonly operator?: string;
  }[];
}

/** What the plan lines of every block share: the file, its columns and where they begin, what is collected. */
export interface LinesContext {
  readonly file: string;
  readonly columns: readonly (Column | undefined)[];
  readonly scales: readonly Scale[];
  readonly firstAmountCol: number;
  readonly notes: ImportNote[];
  readonly traits: Traits;
  readonly ledger: Ledger;
}

export function planLines(block: Block, schema: LineSchema, ctx: LinesContext): PlanLine[] {
  const { file, columns, scales, firstAmountCol, notes, traits, ledger } = ctx;
  const lines: PlanLine[] = [];
  block.rows.forEach((r, idx) => {
    const source = { file, line: r.no };
    const cells: Cell[] = [];
    const unreadable: Column[] = [];
    columns.forEach((column, k) => {
      if (!column) return;
      const text = (r.row[firstAmountCol + k] ?? '').trim();
      const parsed = readAmount(text, scales[k]);
      if (parsed === undefined) return;
      if (parsed === null) {
        // an unreadable cell is a finding at its place, not a refusal of the file (`--strict` refuses)
        notes.push({
          severity: 'error',
          rule: 'unreadable-amount',
          message: `Zeile ${r.pos.line}: ${unreadableMessage(text, firstAmountCol + k, column)}`,
          node: block.nodeKey,
          plan: schema.plan,
          line: r.pos.line,
          source,
        });
        unreadable.push(column);
        return;
      }
      traits.amount(text);
      ledger.read(column, parsed.cents);
      cells.push({ column, amount: parsed.cents, decimals: parsed.decimals, ...scaleOf(parsed), source });
    });
    const sl = schemaLine(schema, r.pos.line);
    let label = r.pos.label;
    if (!sl) {
      notes.push({
        severity: 'warning',
        rule: 'unknown-line',
        message: `Zeile ${r.pos.line} „${label}“ gehört nicht zum Schema ${schema.title}; sie wird übernommen, aber nicht geprüft`,
        node: block.nodeKey,
        plan: schema.plan,
        line: r.pos.line,
        source,
      });
    } else if (label === '') {
      label = sl.label;
    } else {
      const next = block.rows[idx + 1];
      const merged = next !== undefined && next.pos.label === '';
      const m = matchLabel(labelForMatching(label), sl);
      if (merged) {
        notes.push({
          severity: 'info',
          rule: 'label-merged',
          message: `Zeile ${r.pos.line}: die Bezeichnungen mehrerer Zeilen stehen zusammengefasst in einer Zelle; die Zeilen werden nach ihren Nummern zugeordnet`,
          node: block.nodeKey,
          plan: schema.plan,
          line: r.pos.line,
          source,
        });
      } else if (m.kind === 'misprint') {
        notes.push({
          severity: 'info',
          rule: 'label-misprint',
          message: `Zeile ${r.pos.line}: gedruckt „${label}“, gemeint ist „${m.canonical}“`,
          node: block.nodeKey,
          plan: schema.plan,
          line: r.pos.line,
          source,
        });
      } else if (m.kind === 'different') {
        notes.push({
          severity: 'warning',
          rule: 'label-mismatch',
          message: `Zeile ${r.pos.line}: gedruckt „${label}“, nach ${schema.title} heißt die Zeile „${m.canonical}“`,
          node: block.nodeKey,
          plan: schema.plan,
          line: r.pos.line,
          source,
        });
      }
    }
    lines.push({
      line: r.pos.line,
      label,
      cells,
      ...(unreadable.length > 0 ? { unreadable } : {}),
      source,
    });
  });
  return lines;
}

/**
 * Every amount under a named column from the first plan line down is read; rows without a line number hold no
 * plan line: their amounts are listed outside the plans, with a `skipped-row` note at their place.
 */
export function rowsOutside(
  rows: readonly (readonly string[])[],
  firstData: number,
  lineCol: number,
  ctx: LinesContext,
): void {
  const { file, columns, scales, firstAmountCol, notes, ledger } = ctx;
  const OUTSIDE = 'Tabellenzeile ohne Zeilennummer (keine Planzeile)';
  rows.forEach((row, i) => {
    if (i < firstData || linePosition(row, lineCol) !== undefined) return;
    let count = 0;
    columns.forEach((column, k) => {
      if (!column) return;
      const amount = readAmount(row[firstAmountCol + k] ?? '', scales[k]);
      if (!amount) return;
      ledger.read(column, amount.cents);
      ledger.outside(column, amount.cents, OUTSIDE, { file, line: i + 1 });
      count++;
    });
    if (count === 0) return;
    const label = row
      .slice(0, firstAmountCol)
      .filter((c) => c.trim() !== '')
      .join(' ')
      .slice(0, 60);
    notes.push({
      severity: 'warning',
      rule: 'skipped-row',
      message: `Zeile ohne Zeilennummer${label ? ` „${label}“` : ''} übersprungen: ${count} Beträge auf keiner Planzeile, im Abgleich als außerhalb der Pläne aufgeführt`,
      source: { file, line: i + 1 },
    });
  });
}
