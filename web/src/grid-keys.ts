/**
 * The keyboard in a plan (WAI-ARIA grid pattern, on the table as it is): the plan is one Tab stop (a roving
 * tabindex: one cell has `tabindex="0"`, every other `-1`), the arrow keys move between the line labels and
 * the amounts, Home/End to the row's ends, Ctrl+Home/End to the table's, PageUp/PageDown ten lines. Enter or
 * F2 opens the cell (the edit dialog with the amount selected, or the line's details on a label); typing a
 * digit or a minus opens the edit dialog with what was typed in place of the amount. Pure DOM: the rows are
 * not rendered again when the focus moves (an edit must show within 50 ms, docs/benchmarks.md).
 */

/** The cells the keyboard moves between: the line labels and the amounts of the body. */
const NAV = ':scope > th.label, :scope > td.num';

/** A cell's place: row and column among the grid's cells. */
export interface GridPlace {
  readonly row: number;
  readonly col: number;
}

function rowsOf(table: HTMLTableElement): HTMLTableRowElement[] {
  return table.tBodies[0] ? [...table.tBodies[0].rows] : [];
}

function cellsOf(row: HTMLTableRowElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(NAV)];
}

/** The grid cell an element is in, with its place, or undefined outside the body's cells. */
export function placeOf(
  table: HTMLTableElement,
  target: EventTarget | null,
): { cell: HTMLElement; place: GridPlace } | undefined {
  if (!(target instanceof Element)) return undefined;
  const cell = target.closest<HTMLElement>('th.label, td.num');
  const row = cell?.parentElement;
  if (!cell || !(row instanceof HTMLTableRowElement) || row.parentElement !== table.tBodies[0])
    return undefined;
  return { cell, place: { row: row.sectionRowIndex, col: cellsOf(row).indexOf(cell) } };
}

/** Makes `cell` the plan's one Tab stop. */
export function makeTabStop(table: HTMLTableElement, cell: HTMLElement): void {
  for (const el of table.querySelectorAll<HTMLElement>('tbody [tabindex="0"]'))
    if (el !== cell) el.tabIndex = -1;
  cell.tabIndex = 0;
}

/** Keeps one Tab stop in the plan after a render (the first amount when none is left). */
export function ensureTabStop(table: HTMLTableElement): void {
  if (table.querySelector('tbody [tabindex="0"]')) return;
  const first = rowsOf(table)[0];
  const cells = first ? cellsOf(first) : [];
  const start = cells[1] ?? cells[0];
  if (start) start.tabIndex = 0;
}

/** Where a key moves from `at` (undefined: the key does not move). */
function target(table: HTMLTableElement, at: GridPlace, e: KeyboardEvent): GridPlace | undefined {
  const rows = rowsOf(table);
  const width = (r: number): number => (rows[r] ? cellsOf(rows[r]).length : 0);
  const clampRow = (r: number): number => Math.max(0, Math.min(rows.length - 1, r));
  const inRow = (r: number, c: number): GridPlace => ({
    row: r,
    col: Math.max(0, Math.min(width(r) - 1, c)),
  });
  switch (e.key) {
    case 'ArrowDown':
      return inRow(clampRow(at.row + 1), at.col);
    case 'ArrowUp':
      return inRow(clampRow(at.row - 1), at.col);
    case 'ArrowRight':
      return inRow(at.row, at.col + 1);
    case 'ArrowLeft':
      return inRow(at.row, at.col - 1);
    case 'PageDown':
      return inRow(clampRow(at.row + 10), at.col);
    case 'PageUp':
      return inRow(clampRow(at.row - 10), at.col);
    case 'Home':
      return e.ctrlKey ? inRow(0, 0) : inRow(at.row, 0);
    case 'End':
      return e.ctrlKey
        ? inRow(rows.length - 1, width(rows.length - 1) - 1)
        : inRow(at.row, width(at.row) - 1);
    default:
      return undefined;
  }
}

/** The cell at a place. */
export function cellAt(table: HTMLTableElement, place: GridPlace): HTMLElement | undefined {
  const row = rowsOf(table)[place.row];
  return row ? cellsOf(row)[place.col] : undefined;
}

/** A key that starts an edit by typing: digits, a sign, a decimal comma. */
export const startsEntry = (e: KeyboardEvent): boolean =>
  !e.ctrlKey && !e.metaKey && !e.altKey && /^[0-9,+-]$/u.test(e.key);

/**
 * Handles a key in the grid; `open` opens the cell (typed: what was typed to start an edit). Returns whether
 * the key was the grid's.
 */
export function gridKey(
  table: HTMLTableElement,
  e: KeyboardEvent,
  open: (place: GridPlace, cell: HTMLElement, typed?: string) => void,
): boolean {
  const here = placeOf(table, e.target);
  if (!here) return false;
  const to = target(table, here.place, e);
  if (to) {
    const cell = cellAt(table, to);
    if (cell) {
      makeTabStop(table, cell);
      cell.focus();
    }
    return true;
  }
  // keys inside the cell's own button act on the cell itself, as on the cell
  if (e.key === 'Enter' || e.key === 'F2') {
    open(here.place, here.cell);
    return true;
  }
  if (startsEntry(e)) {
    open(here.place, here.cell, e.key);
    return true;
  }
  return false;
}
