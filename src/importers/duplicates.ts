/**
 * Amounts that several files publish alike (Köln's file for all years and its files per year, Arnsberg's two
 * identical files): the merge keeps one cell for each (core/merge.ts refuses cells that differ), so the amounts
 * of the other files are on no plan any more. They are listed outside the plans in those files' ledgers, with
 * the file that holds them, so that every file still reconciles against the merged budget: read = on plan
 * lines + outside.
 */
import { placedFrom, type FileLedger, type OutsideAmount } from '../core/ledger.js';
import { columnKey, type Budget, type Cell, type Column, type Source } from '../core/model.js';

function cellsOf(budget: Budget, visit: (where: string, cell: Cell) => void): void {
  for (const node of budget.nodes) {
    for (const plan of node.plans)
      for (const line of plan.lines)
        for (const cell of line.cells)
          visit(`${node.code}|${plan.type}|${line.line}|${columnKey(cell.column)}`, cell);
  }
}

/** The ledgers of the files with the amounts the merge took from another file listed outside the plans. */
export function duplicatesOutside(
  budgets: readonly Budget[],
  ledgers: readonly FileLedger[],
  merged: Budget,
): FileLedger[] {
  // who holds each plan cell in the merged budget
  const holder = new Map<string, Source | undefined>();
  cellsOf(merged, (where, cell) => holder.set(where, cell.source));
  // per file: which other file holds the amounts it lost, and where the first of them stood
  const lost = new Map<string, { others: Set<string>; first?: Source }>();
  for (const budget of budgets)
    cellsOf(budget, (where, cell) => {
      const file = cell.source?.file;
      const kept = holder.get(where);
      if (file === undefined || kept?.file === file) return;
      const entry = lost.get(file) ?? { others: new Set<string>() };
      if (kept?.file !== undefined) entry.others.add(kept.file);
      entry.first ??= cell.source;
      lost.set(file, entry);
    });
  return ledgers.map((ledger): FileLedger => {
    const before = new Map<string, { column: Column; amount: number; count: number }>();
    for (const budget of budgets)
      for (const [key, p] of placedFrom(budget, ledger.file)) {
        const e = before.get(key);
        if (e) {
          e.amount += p.amount;
          e.count += p.count;
        } else before.set(key, { ...p });
      }
    const after = placedFrom(merged, ledger.file);
    const extra: OutsideAmount[] = [];
    const why = lost.get(ledger.file);
    for (const [key, b] of before) {
      const a = after.get(key) ?? { amount: 0, count: 0 };
      if (a.amount === b.amount && a.count === b.count) continue;
      const others = why ? [...why.others] : [];
      extra.push({
        column: b.column,
        amount: b.amount - a.amount,
        count: b.count - a.count,
        reason:
          others.length > 0
            ? `dieselben Beträge stehen auch in ${others.join(', ')} (doppelt veröffentlicht) und sind dort übernommen`
            : 'dieselben Beträge stehen auch in einer anderen Datei (doppelt veröffentlicht) und sind dort übernommen',
        ...(why?.first ? { source: why.first } : {}),
      });
    }
    return extra.length === 0 ? ledger : { ...ledger, outside: [...ledger.outside, ...extra] };
  });
}
