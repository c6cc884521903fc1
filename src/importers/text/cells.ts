/**
 * The amounts of a table row as cells of the model: each read into the file's ledger in cents of euros (a
 * column printed in T€ keeps its unit on the cell), an empty cell not printed, a lone dash a printed zero, and
 * a cell that is no number an error finding at its place (`unreadable-amount`), left out.
 */
import type { Cell, Column, PlanType } from '../../core/model.js';
import { readAmount, type Scale } from '../recognise/amounts.js';
import type { DocLine } from '../rows/model.js';
import type { Context } from './context.js';
import { wholeEuroCents } from '../../core/money.js';

export function describeColumns(columns: readonly Column[]): string {
  return columns
    .map((c) => (c.kind === 've' ? 'VE' : `${c.kind[0]!.toUpperCase()}${c.kind.slice(1)} ${c.year}`))
    .join(', ');
}

/** Where a row's amounts stand, for the finding of one that cannot be read. */
export interface RowPlace {
  readonly node: string;
  readonly plan: PlanType | 'investitionen';
  readonly line?: string;
}

export interface ParsedRow {
  readonly cells: Cell[];
  /** Columns whose cell is no number (reported, left out). */
  readonly unreadable?: Column[];
}

/** Reads a row's amounts (one text per column); `scales`: the unit of each column. */
export function parseAmounts(
  ctx: Context,
  line: DocLine,
  columns: readonly Column[],
  amounts: readonly string[],
  place: RowPlace,
  scales?: readonly Scale[],
): ParsedRow {
  // sized for the row's printed amounts (a row has a few; growing an empty array reserves seventeen)
  let printed = 0;
  for (const a of amounts) if (a !== '') printed++;
  const cells: Cell[] = new Array<Cell>(printed);
  let filled = 0;
  let unreadable: Column[] | undefined;
  const source = line.source; // one object for the whole row
  for (let i = 0; i < amounts.length; i++) {
    const text = amounts[i]!;
    const column = columns[i]!;
    if (text === '') continue;
    const scale = scales?.[i] ?? 1;
    // the common case first: whole euros in a column printed in euros, read without an intermediate object
    const whole = scale === 1 ? wholeEuroCents(text) : NaN;
    if (!Number.isNaN(whole)) {
      ctx.traits.amount(text);
      ctx.ledger.read(column, whole);
      cells[filled++] = { column, amount: whole, decimals: 0, source };
      continue;
    }
    const parsed = readAmount(text, scale);
    if (parsed === undefined) continue;
    if (parsed === null) {
      ctx.notes.push({
        severity: 'error',
        rule: 'unreadable-amount',
        message: `${place.line !== undefined ? `Zeile ${place.line}: ` : ''}Betrag „${text}“ in Spalte ${describeColumns([column])} ist keine Zahl (erwartet z. B. 1.234.567, -6.780 oder 1.234,56)`,
        node: place.node,
        plan: place.plan,
        ...(place.line !== undefined ? { line: place.line } : {}),
        source,
      });
      (unreadable ??= []).push(column);
      continue;
    }
    ctx.traits.amount(text);
    ctx.ledger.read(column, parsed.cents);
    // two literal shapes rather than a spread: this runs for every amount of the file
    cells[filled++] =
      parsed.scale === 1000
        ? { column, amount: parsed.cents, decimals: parsed.decimals, scale: 1000, source }
        : { column, amount: parsed.cents, decimals: parsed.decimals, source };
  }
  cells.length = filled; // amounts left out (unreadable, or empty after trimming)
  return unreadable ? { cells, unreadable } : { cells };
}

/** Amounts of a row that become no plan line or investment row: listed outside the plans with `reason`. */
export function leaveOutside(ctx: Context, cells: readonly Cell[], reason: string): void {
  for (const c of cells) ctx.ledger.outside(c.column, c.amount, reason, c.source);
}
