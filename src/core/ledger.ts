/**
 * Conservation of amounts (pure; the importers write ledgers, `importFiles` reconciles): every amount an importer reads from a file goes either onto a plan (or investment)
 * cell, whose `Source` names the file, or outside the plans with its reason. An importer writes what it read
 * and what it left outside into a `Ledger`; what it placed is counted from the budget it returns, never taken
 * from the importer's word (`reconcile`). `importFiles` reconciles every file per column (kind and year) to the
 * cent and refuses an import that does not add up, so an import that loses an amount without saying so cannot
 * end well (issue 14).
 */
import type { Budget, Column, ColumnKind, Source } from './model.js';
import { columnKey, columnLabel } from './model.js';
import { formatGerman, type Cents } from './money.js';

/** Amounts of one column. */
export interface ColumnAmount {
  readonly column: Column;
  /** The sum, in cents. */
  readonly amount: Cents;
  /** How many amounts make the sum. */
  readonly count: number;
}

/** Amounts of a file left outside the plans, grouped by column and reason. */
export interface OutsideAmount extends ColumnAmount {
  /** German, for users: why these amounts are on no plan line ("Konto 9xx: interne Leistungsbeziehung"). */
  readonly reason: string;
  /** Where the first of them stands. */
  readonly source?: Source;
}

/** What an importer read from one file (as its sources name it: `plan.xlsx#Blatt 1` for a sheet). */
export interface FileLedger {
  readonly file: string;
  readonly read: readonly ColumnAmount[];
  readonly outside: readonly OutsideAmount[];
  /**
   * The layout traits the import recognised in the file, in German (header rows, operator column, line
   * numbers, sign convention, unit, …), where the file is not laid out like the reference's plan text.
   */
  readonly layout?: readonly string[];
}

/** One file and column reconciled: read = placed + outside. */
export interface Reconciliation {
  readonly file: string;
  readonly column: Column;
  readonly read: ColumnAmount;
  /** Counted from the budget: cells whose source names the file. */
  readonly placed: ColumnAmount;
  readonly outside: readonly OutsideAmount[];
  /** read − placed − Σ outside; 0 when everything is accounted for. */
  readonly difference: Cents;
}

/** Collects what an importer reads from one file. */
export class Ledger {
  private readonly reads = new Map<string, { column: Column; amount: Cents; count: number }>();
  private readonly left = new Map<
    string,
    { column: Column; amount: Cents; count: number; reason: string; source?: Source }
  >();

  constructor(readonly file: string) {}

  /** The entries of `reads` by the column objects seen (a plan's cells share them): no key built per amount. */
  private readonly readsByColumn = new Map<Column, { column: Column; amount: Cents; count: number }>();

  /** An amount read from the file, in `column`. */
  read(column: Column, amount: Cents): void {
    let entry = this.readsByColumn.get(column);
    if (!entry) {
      const key = columnKey(column);
      entry = this.reads.get(key);
      if (!entry) {
        entry = { column: { kind: column.kind, year: column.year }, amount: 0, count: 0 };
        this.reads.set(key, entry);
      }
      this.readsByColumn.set(column, entry);
    }
    entry.amount += amount;
    entry.count++;
  }

  /** An amount read (and counted with `read`) that goes on no plan line, and why (German). */
  outside(column: Column, amount: Cents, reason: string, source?: Source): void {
    const key = `${columnKey(column)}|${reason}`;
    const entry = this.left.get(key);
    if (entry) {
      entry.amount += amount;
      entry.count++;
    } else
      this.left.set(key, {
        column: { kind: column.kind, year: column.year },
        amount,
        count: 1,
        reason,
        ...(source ? { source } : {}),
      });
  }

  toJSON(): FileLedger {
    return {
      file: this.file,
      read: [...this.reads.values()].map((r) => ({ ...r })),
      outside: [...this.left.values()].map((o) => ({ ...o })),
    };
  }
}

const KIND_ORDER: readonly ColumnKind[] = ['ergebnis', 'ansatz', 've', 'planung', 'bisher', 'gesamt'];

function order(a: Column, b: Column): number {
  return a.year - b.year || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
}

/**
 * The cells of a budget whose source names `file`, summed per column (plan and investment cells). Amounts are
 * cents of euros whatever unit a cell was printed in: a cell printed `1.234` T€ counts 123_400_000, and its
 * importer reads it into the ledger so.
 */
export function placedFrom(budget: Budget, file: string): Map<string, ColumnAmount> {
  const placed = new Map<string, { column: Column; amount: Cents; count: number }>();
  const add = (column: Column, amount: Cents, source: Source | undefined): void => {
    if (source?.file !== file) return;
    const key = columnKey(column);
    const entry = placed.get(key);
    if (entry) {
      entry.amount += amount;
      entry.count++;
    } else placed.set(key, { column: { kind: column.kind, year: column.year }, amount, count: 1 });
  };
  for (const node of budget.nodes) {
    for (const plan of node.plans)
      for (const line of plan.lines)
        for (const cell of line.cells) add(cell.column, cell.amount, cell.source);
    for (const row of node.investitionen?.rows ?? []) {
      if (row.type === 'group') continue;
      for (const cell of row.cells) add(cell.column, cell.amount, cell.source);
    }
  }
  return placed;
}

/** Every file and column of the ledgers reconciled with the budget: read = placed + outside. */
export function reconcile(budget: Budget, ledgers: readonly FileLedger[]): Reconciliation[] {
  const out: Reconciliation[] = [];
  for (const ledger of ledgers) {
    const placed = placedFrom(budget, ledger.file);
    const keys = new Map<string, Column>();
    for (const r of ledger.read) keys.set(columnKey(r.column), r.column);
    for (const o of ledger.outside) keys.set(columnKey(o.column), o.column);
    for (const p of placed.values()) keys.set(columnKey(p.column), p.column);
    for (const [key, column] of [...keys].sort((a, b) => order(a[1], b[1]))) {
      const read = ledger.read.find((r) => columnKey(r.column) === key) ?? { column, amount: 0, count: 0 };
      const here = placed.get(key) ?? { column, amount: 0, count: 0 };
      const outside = ledger.outside.filter((o) => columnKey(o.column) === key);
      const left = outside.reduce((s, o) => s + o.amount, 0);
      out.push({
        file: ledger.file,
        column,
        read,
        placed: here,
        outside,
        difference: read.amount - here.amount - left,
      });
    }
  }
  return out;
}

const euro = (amount: Cents): string => formatGerman(amount, 2);

/** The reconciliations that do not add up (German), for an error message. */
export function unreconciled(rows: readonly Reconciliation[]): string[] {
  return rows
    .filter((r) => r.difference !== 0)
    .map(
      (r) =>
        `${r.file}, ${columnLabel(r.column)} ${r.column.kind === 've' ? r.column.year : ''}`.trimEnd() +
        `: gelesen ${euro(r.read.amount)} €, auf Planzeilen ${euro(r.placed.amount)} €, außerhalb der Pläne ` +
        `${euro(r.outside.reduce((s, o) => s + o.amount, 0))} €, ungeklärt ${euro(r.difference)} €`,
    );
}
