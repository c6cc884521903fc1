/**
 * `fraktionen`: a printed Übersicht über die Zuwendungen an die Fraktionen (§ 56 Abs. 3 GO NRW;
 * `Budget.parts.fraktionen`) adds up: each Fraktion's total column against its other columns of the year, the
 * sum row against the Fraktionen in every column. Findings of no node, `line` the row and the column's header
 * (`Fraktion Mitte: Summe 2026`; the sum row against the rows: `Summenzeile: Geldleistungen 2026`), one key each.
 */
import { inScope, NO_NODE, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget } from '../../model.js';
import { partTolerance, type PartAmount } from '../../parts/amounts.js';
import {
  summedColumns,
  type Fraktionen,
  type FraktionenColumn,
  type FraktionenRow,
} from '../../parts/fraktionen.js';
import { comparePart } from '../parts.js';

const RULE = 'fraktionen';

function compareSum(
  f: Fraktionen,
  column: FraktionenColumn,
  row: FraktionenRow,
  subject: string,
  basis: string,
  items: readonly PartAmount[],
  line: string,
): Finding | undefined {
  const printed = row.amounts[column.id];
  if (!printed || items.length === 0) return undefined;
  return comparePart({
    rule: RULE,
    node: undefined,
    line,
    column: { kind: 'ansatz', year: column.year ?? f.year ?? 0 },
    subject,
    basis,
    printed,
    expected: items.reduce((s, a) => s + a.amount, 0),
    tolerance: items.reduce((s, a) => s + partTolerance(a), 0),
  });
}

function run(budget: Budget, scope?: Scope): Finding[] {
  const f = budget.parts?.fraktionen;
  if (!f || !inScope(scope, NO_NODE)) return [];
  const out: Finding[] = [];
  const push = (x: Finding | undefined): void => {
    if (x) out.push(x);
  };
  for (const row of [...f.rows, ...(f.sum ? [f.sum] : [])])
    for (const total of f.columns.filter((c) => c.total)) {
      const parts = summedColumns(f, total);
      const items = parts.map((c) => row.amounts[c.id]).filter((a): a is PartAmount => a !== undefined);
      push(
        compareSum(
          f,
          total,
          row,
          `Zuwendungen an die Fraktionen, ${row.name}, Spalte ${total.label}`,
          `die Spalten ${parts.map((c) => c.label).join(', ')}`,
          items,
          `${row.name}: ${total.label}`,
        ),
      );
    }
  if (f.sum)
    for (const c of f.columns) {
      const items = f.rows.map((r) => r.amounts[c.id]).filter((a): a is PartAmount => a !== undefined);
      push(
        compareSum(
          f,
          c,
          f.sum,
          `Zuwendungen an die Fraktionen, Summenzeile (${f.sum.name}), Spalte ${c.label}`,
          `die Summe der ${items.length} Zeilen darüber`,
          items,
          `Summenzeile: ${c.label}`,
        ),
      );
    }
  return out;
}

export const fraktionen: Rule = {
  id: RULE,
  title: 'Zuwendungen an die Fraktionen: Summenspalte und Summenzeile',
  run,
};
