/**
 * A budget version as rows and back: each node's content as a JSON document without its plan cells, and the
 * cells as rows of their own (so that one cell can be edited, diffed and locked). Pure.
 */
import type { Budget, BudgetNode, Cell, Column, Level, Plan, PlanType, Source } from '../core/model.js';
import { cellKey, columnKey } from '../core/model.js';
import type { StoredCell } from './api.js';
import type { CellTable, NodeTable } from './tables.js';

export interface VersionMeta {
  readonly title?: string;
  readonly year?: number;
  /** The Land whose line schemas the plans follow (`Budget.land`). */
  readonly land?: string;
  readonly files: readonly string[];
  readonly notes: Budget['notes'];
  /** The plan's parts beyond the Teilpläne (`Budget.parts`), kept whole with the version. */
  readonly parts?: Budget['parts'];
}

export { cellKey } from '../core/model.js';

/** The node without cells: plan lines keep label and source, `cells: []`. */
function stripCells(node: BudgetNode): BudgetNode {
  return {
    ...node,
    plans: node.plans.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, cells: [] })) })),
  };
}

export function toRows(budget: Budget, versionId: number): { nodes: NodeTable[]; cells: CellTable[] } {
  const nodes: NodeTable[] = [];
  const cells: CellTable[] = [];
  budget.nodes.forEach((node, ord) => {
    nodes.push({
      version_id: versionId,
      code: node.code,
      ord,
      level: node.level,
      name: node.name,
      parent: node.parent ?? null,
      doc: JSON.stringify(stripCells(node)),
      rev: 0,
    });
    const seen = new Set<string>();
    for (const plan of node.plans) {
      for (const line of plan.lines) {
        for (const cell of line.cells) {
          const key = cellKey(plan.type, line.line, cell.column);
          if (seen.has(key)) continue; // a line printed twice: the first print wins, as in check
          seen.add(key);
          cells.push({
            version_id: versionId,
            node: node.code,
            plan: plan.type,
            line: line.line,
            kind: cell.column.kind,
            year: cell.column.year,
            amount: cell.amount,
            decimals: cell.decimals,
            scale: cell.scale ?? null,
            source: cell.source ? JSON.stringify(cell.source) : null,
            rev: 0,
          });
        }
      }
    }
  });
  return { nodes, cells };
}

/** The columns of a `cell` row that make a `StoredCell`. */
export const STORED_CELL_COLUMNS = [
  'node',
  'plan',
  'line',
  'kind',
  'year',
  'amount',
  'decimals',
  'scale',
  'source',
  'rev',
] as const;

export function storedCell(row: Pick<CellTable, (typeof STORED_CELL_COLUMNS)[number]>): StoredCell {
  return {
    node: row.node,
    plan: row.plan as PlanType,
    line: row.line,
    column: { kind: row.kind as Column['kind'], year: row.year },
    amount: row.amount,
    decimals: row.decimals === 2 ? 2 : 0,
    // PostgreSQL's integer comes back as a number, as SQLite's
    ...(Number(row.scale) === 1000 ? { scale: 1000 as const } : {}),
    rev: row.rev,
    ...(row.source ? { source: JSON.parse(row.source) as Source } : {}),
  };
}

/** A node with its cells put back into its plan lines, in the order of the plan's columns. */
export function withCells(doc: BudgetNode, cells: readonly StoredCell[]): BudgetNode {
  const byLine = new Map<string, StoredCell[]>();
  for (const c of cells) {
    const k = `${c.plan}|${c.line}`;
    const list = byLine.get(k);
    if (list) list.push(c);
    else byLine.set(k, [c]);
  }
  const plans: Plan[] = doc.plans.map((plan) => {
    const order = new Map(plan.columns.map((c, i) => [columnKey(c), i]));
    return {
      ...plan,
      lines: plan.lines.map((line) => {
        const key = `${plan.type}|${line.line}`;
        const list = (byLine.get(key) ?? []).slice();
        byLine.delete(key); // a line printed twice keeps its cells on the first print (see toRows)
        list.sort((a, b) => (order.get(columnKey(a.column)) ?? 99) - (order.get(columnKey(b.column)) ?? 99));
        const lineCells: Cell[] = list.map((c) => ({
          column: plan.columns.find((k) => k.kind === c.column.kind && k.year === c.column.year) ?? c.column,
          amount: c.amount,
          decimals: c.decimals,
          ...(c.scale ? { scale: c.scale } : {}),
          ...(c.source ? { source: c.source } : {}),
        }));
        return { ...line, cells: lineCells };
      }),
    };
  });
  return { ...doc, plans };
}

export function nodeDoc(row: Pick<NodeTable, 'doc'>): BudgetNode {
  return JSON.parse(row.doc) as BudgetNode;
}

export function levelOf(value: string): Level {
  return value as Level;
}
