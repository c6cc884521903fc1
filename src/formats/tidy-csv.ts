/**
 * The tidy CSV's own vocabulary, shared by its writer (src/exporters/tidy-csv.ts) and its reader
 * (src/importers/tidy-csv): the headers and the `printed_in` unit column. Investment keys are in
 * `investment-keys.ts`, the formula guard of text fields in `formula-guard.ts`. See docs/tidy-csv.md.
 */
import type { Cell } from '../core/model.js';

export const TIDY_HEADER = 'node,level,plan,line,kind,year,amount,schema';
/** The header before the schema column: still read (line numbers then chosen by their fit, NRW first). */
export const TIDY_HEADER_WITHOUT_SCHEMA = 'node,level,plan,line,kind,year,amount';
/** The header of a budget with amounts printed in T€: the unit each amount was printed in, last. */
export const TIDY_HEADER_WITH_UNIT = `${TIDY_HEADER},printed_in`;

/** The `printed_in` value of a cell: `TEUR` for one printed in thousands of euros, else `EUR`. */
export function printedIn(cell: Pick<Cell, 'scale'>): 'EUR' | 'TEUR' {
  return cell.scale === 1000 ? 'TEUR' : 'EUR';
}
