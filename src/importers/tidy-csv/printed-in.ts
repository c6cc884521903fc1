/**
 * The tidy CSV's ninth column, `printed_in` (docs/tidy-csv.md): the unit each amount was printed in, `EUR` or
 * `TEUR` (thousands of euros, `Cell.scale` 1000); the amount itself is in euros either way. The reader takes the
 * column off each row before reading the other eight (`takePrintedIn`) and, once the budget is built, puts the
 * scale on the cells of the rows that said `TEUR` (`withPrintedIn`, by the CSV line each cell's source names).
 */
import type { Budget, Cell } from '../../core/model.js';
import { TIDY_HEADER_WITH_UNIT } from '../../formats/tidy-csv.js';

/**
 * Takes the `printed_in` field off a row of a file with that column: records the row's line in `thousands` when
 * it says `TEUR`; returns the German message when the row is wrong (the caller reports it with the line).
 */
export function takePrintedIn(fields: string[], line: number, thousands: Set<number>): string | undefined {
  if (fields.length !== 9) return `${fields.length} Felder gefunden, erwartet 9 (${TIDY_HEADER_WITH_UNIT})`;
  const unit = fields.pop()!;
  if (unit === 'TEUR') thousands.add(line);
  else if (unit !== 'EUR' && unit !== '')
    return `Einheit „${unit.slice(0, 20)}“ in Spalte printed_in unbekannt (erwartet: EUR oder TEUR)`;
  return undefined;
}

function scaled(cell: Cell, file: string, thousands: ReadonlySet<number>): Cell {
  return cell.source?.file === file && thousands.has(cell.source.line)
    ? { ...cell, decimals: 0, scale: 1000 }
    : cell;
}

/** The budget with the cells of the rows that said `TEUR` printed in thousands of euros. */
export function withPrintedIn(budget: Budget, file: string, thousands: ReadonlySet<number>): Budget {
  if (thousands.size === 0) return budget;
  return {
    ...budget,
    nodes: budget.nodes.map((n) => ({
      ...n,
      plans: n.plans.map((p) => ({
        ...p,
        lines: p.lines.map((l) => ({ ...l, cells: l.cells.map((c) => scaled(c, file, thousands)) })),
      })),
      ...(n.investitionen
        ? {
            investitionen: {
              ...n.investitionen,
              rows: n.investitionen.rows.map((r) =>
                r.type === 'group' ? r : { ...r, cells: r.cells.map((c) => scaled(c, file, thousands)) },
              ),
            },
          }
        : {}),
    })),
  };
}
