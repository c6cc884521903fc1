/**
 * Two budgets compared cell by cell (the Veränderungsnachweis between two versions): every plan cell whose
 * amount differs or that only one side prints, the nodes whose texts differ, and the change of the
 * Jahresergebnis per column. Pure.
 */
import type { Budget, Column, Plan, PlanType } from './model.js';
import { cellKey, columnKey, planOf } from './model.js';
import type { Cents } from './money.js';
import { schemaById } from './schema.js';

export interface CellDiff {
  readonly node: string;
  readonly plan: PlanType;
  readonly line: string;
  readonly column: Column;
  readonly from: Cents | null;
  readonly to: Cents | null;
}

export interface BudgetDiff {
  readonly cells: readonly CellDiff[];
  /** Nodes whose Erläuterungen, description or Kennzahlen differ. */
  readonly texts: readonly string[];
  /** Change of the Jahresergebnis per column (signed view), where it can be told. */
  readonly jahresergebnis: readonly { readonly column: Column; readonly delta: Cents }[];
}

interface IndexedCell {
  readonly node: string;
  readonly plan: Plan;
  readonly line: string;
  readonly column: Column;
  readonly amount: Cents;
}

/** Every cell by `node|plan|line|kind:year`; a line printed twice counts once (the first print). */
function indexCells(budget: Budget): Map<string, IndexedCell> {
  const m = new Map<string, IndexedCell>();
  for (const n of budget.nodes)
    for (const p of n.plans)
      for (const l of p.lines)
        for (const c of l.cells) {
          const k = `${n.code}|${cellKey(p.type, l.line, c.column)}`;
          if (!m.has(k))
            m.set(k, { node: n.code, plan: p, line: l.line, column: c.column, amount: c.amount });
        }
  return m;
}

/** Each node's texts (Erläuterungen, description, Kennzahlen, investments) as one comparable string. */
function texts(budget: Budget): Map<string, string> {
  return new Map(
    budget.nodes.map((n) => [
      n.code,
      JSON.stringify({
        e: n.erlaeuterungen,
        b: n.beschreibung ?? null,
        k: n.kennzahlen,
        i: n.investitionen ?? null,
      }),
    ]),
  );
}

/** The schema marks the line as the Jahresergebnis (or a Teilplan's share of it). */
function isMarked(plan: Plan, line: string): boolean {
  return schemaById(plan.schemaId)?.lines.find((l) => l.line === line)?.jahresergebnis === true;
}

/** What changed from `from` to `to`: cells, texts and the Jahresergebnis. */
export function diffBudgets(from: Budget, to: Budget): BudgetDiff {
  const cells: CellDiff[] = [];
  const ia = indexCells(from);
  const ib = indexCells(to);
  for (const [k, x] of ib) {
    const y = ia.get(k);
    if (!y || y.amount !== x.amount)
      cells.push({
        node: x.node,
        plan: x.plan.type,
        line: x.line,
        column: x.column,
        from: y?.amount ?? null,
        to: x.amount,
      });
  }
  for (const [k, y] of ia) {
    if (!ib.has(k))
      cells.push({
        node: y.node,
        plan: y.plan.type,
        line: y.line,
        column: y.column,
        from: y.amount,
        to: null,
      });
  }
  const da = texts(from);
  const db = texts(to);
  const changedTexts = [...new Set([...da.keys(), ...db.keys()])].filter(
    (code) => da.get(code) !== db.get(code),
  );
  // the Jahresergebnis: the Gesamtergebnisplan's line if printed, else the sum of the top nodes' share
  const present = new Set(to.nodes.map((n) => n.code));
  const tops = to.nodes.filter((n) => n.parent === undefined || !present.has(n.parent));
  const gesamt = tops.filter((n) => planOf(n, 'gesamtergebnisplan'));
  const counted = new Set((gesamt.length > 0 ? gesamt : tops).map((n) => n.code));
  const perColumn = new Map<string, { column: Column; delta: Cents }>();
  for (const c of cells) {
    if (!counted.has(c.node)) continue;
    const k = `${c.node}|${cellKey(c.plan, c.line, c.column)}`;
    const x = ib.get(k) ?? ia.get(k);
    if (!x || !isMarked(x.plan, c.line)) continue;
    const key = columnKey(c.column);
    const entry = perColumn.get(key) ?? { column: c.column, delta: 0 };
    entry.delta += (c.to ?? 0) - (c.from ?? 0);
    perColumn.set(key, entry);
  }
  return {
    cells,
    texts: changedTexts,
    jahresergebnis: [...perColumn.values()].filter((e) => e.delta !== 0),
  };
}
