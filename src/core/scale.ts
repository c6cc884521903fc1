/**
 * The unit an amount was printed in: euros, or thousands of euros (T€, `Cell.scale` 1000). Amounts are always
 * cents of euros; the scale only says how coarsely the printed number was rounded (half a euro or half a
 * thousand euros) and how to print it again. Here: the unit of a cell and of a set of cells, printing a cell as
 * it was printed, and how a cell is printed after an edit (the store's rule, also the web preview's). Pure.
 */
import type { Cell } from './model.js';
import { THOUSAND_EUROS, formatGerman, formatThousands, type Cents, type Unit } from './money.js';

export type { Unit };

/** What decides how an amount is printed (a cell, a stored cell, a cell of the node view). */
export interface Printing {
  readonly decimals: 0 | 2;
  readonly scale?: 1000;
}

/** The unit a cell was printed in. */
export function unitOf(cell: { readonly scale?: 1000 | null }): Unit {
  return cell.scale === 1000 ? 'T€' : '€';
}

/**
 * The unit of several printed amounts taken together: `T€` when every one was printed in T€, `€` when any was
 * printed in euros, undefined when none was printed (a line left out, a total derived). What a message about
 * them speaks in.
 */
export function joinUnits(a: Unit | undefined, b: Unit | undefined): Unit | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a === b ? a : '€';
}

/** The unit of a set of cells (see `joinUnits`); undefined for none. */
export function unitOfCells(cells: Iterable<{ readonly scale?: 1000 | null }>): Unit | undefined {
  let unit: Unit | undefined;
  for (const c of cells) unit = joinUnits(unit, unitOf(c));
  return unit;
}

/** An amount as a cell prints it, without unit: `1.234` (T€), `1.234.567` (whole euros), `1.234,56`. */
export function formatPrinted(amount: Cents, printing: Printing): string {
  return printing.scale === 1000 ? formatThousands(amount) : formatGerman(amount, printing.decimals);
}

/** An amount as a cell prints it, with its unit: `1.234 T€`, `1.234.567 €`. */
export function formatWithUnit(amount: Cents, printing: Printing): string {
  return `${formatPrinted(amount, printing)} ${printing.scale === 1000 ? 'T€' : '€'}`;
}

/**
 * How a cell is printed after an edit sets it to `amount` (in cents of euros; edits are always in euros). The
 * rule of whole euros, one step up: an amount in whole thousands of euros keeps a T€ cell in T€; any other
 * amount makes it a euro cell (it says more than T€ can print); whole euros keep a whole-euro cell, an amount
 * with cents is printed with cents. A cell not printed before takes `fallback` (its plan's printing where the
 * store knows it, else whole euros). The totals an edit moves keep their printing (propagate.ts).
 */
export function printingAfterEdit(
  amount: Cents,
  before: Printing | undefined,
  fallback?: Printing,
): Printing {
  const was = before ?? fallback;
  if (was?.scale === 1000 && amount % THOUSAND_EUROS === 0) return { decimals: 0, scale: 1000 };
  return { decimals: amount % 100 === 0 ? (was?.scale === 1000 ? 0 : (was?.decimals ?? 0)) : 2 };
}

/**
 * The printing a plan gives a cell it did not print, from the cells it printed in that column: T€ when every
 * one of them is in T€ (a column printed in T€), else whole euros. The node view tells it as the column's
 * `unit`, which the web preview uses the same way.
 */
export function printingOfColumn(cells: Iterable<Pick<Cell, 'scale'>>): Printing {
  return unitOfCells(cells) === 'T€' ? { decimals: 0, scale: 1000 } : { decimals: 0 };
}
