/**
 * What every exporter walks: the printed cells of a budget in document order (node by node; per node its plans
 * line by line and column by column, then its investment table row by row), each with its node, plan, row and
 * the row's key as the tidy CSV writes it. Also the labels and totals of plan lines from the line schemas, the
 * codes of a node's Produktbereich/Produktgruppe/Produkt, and German column headers, so that the formats agree.
 */
import { schemaById, schemaLine } from '../core/schema.js';
import {
  columnKey,
  LEVELS,
  type Budget,
  type BudgetNode,
  type Cell,
  type Column,
  type ColumnKind,
  type InvestmentRow,
  type Level,
  type Plan,
  type PlanLine,
  type PlanType,
} from '../core/model.js';
import { investmentKeys } from '../formats/investment-keys.js';

/** A row of a plan or an investment table that prints amounts. */
export type AmountRow = PlanLine | Exclude<InvestmentRow, { type: 'group' }>;

export interface CellRow {
  readonly node: BudgetNode;
  /** The node's code in exports: `gesamt` for the whole budget. */
  readonly code: string;
  readonly planType: PlanType | 'investitionen';
  /** The plan, for cells of plans (not investment tables). */
  readonly plan?: Plan;
  /** The plan line, or the investment row's key (see investment-keys.ts). */
  readonly key: string;
  readonly row: AmountRow;
  readonly cell: Cell;
}

/** The code a node is exported under: its own, `gesamt` for the Haushalt. */
export function exportCode(node: BudgetNode): string {
  return node.level === 'haushalt' ? 'gesamt' : node.code;
}

/** Calls `visit` for every printed cell of the budget, in document order. */
export function forEachCell(budget: Budget, visit: (row: CellRow) => void): void {
  for (const node of budget.nodes) {
    const code = exportCode(node);
    for (const plan of node.plans)
      for (const line of plan.lines)
        for (const cell of line.cells)
          visit({ node, code, planType: plan.type, plan, key: line.line, row: line, cell });
    const table = node.investitionen;
    if (!table) continue;
    const keys = investmentKeys(table.rows);
    table.rows.forEach((row, i) => {
      if (row.type === 'group') return;
      for (const cell of row.cells)
        visit({ node, code, planType: 'investitionen', key: keys[i]!, row, cell });
    });
  }
}

/** The schema's label of a plan line, else the label as printed. */
export function lineLabel(plan: Plan, line: PlanLine): string {
  const schema = schemaById(plan.schemaId);
  const sl = schema ? schemaLine(schema, line.line) : undefined;
  return sl?.label ?? line.label;
}

/** True for a line the plan's schema computes from others (a total, printed bold). */
export function isTotal(plan: Plan, line: string): boolean {
  const schema = schemaById(plan.schemaId);
  return (schema ? schemaLine(schema, line) : undefined)?.sum !== undefined;
}

/** What a row is called: a plan line's label (the schema's), a measure's name, an investment line's label. */
export function rowLabel(row: AmountRow, plan?: Plan): string {
  if (!('type' in row)) return plan ? lineLabel(plan, row) : row.label;
  return row.type === 'measure' ? row.name : row.label;
}

/** The number a row has: the plan line, the measure's number, the investment row's Teilfinanzplan line. */
export function rowNumber(row: AmountRow): string {
  return 'type' in row && row.type === 'measure' ? row.number : row.line;
}

/** German names of the column kinds, without the year. */
export const KIND_LABEL: Readonly<Record<ColumnKind, string>> = {
  ergebnis: 'Ergebnis',
  ansatz: 'Ansatz',
  ve: 'VE',
  planung: 'Planung',
  bisher: 'Bisher bereitgestellt',
  gesamt: 'Gesamtausgabe',
};

/** A column header with its year: `Ansatz 2026`, `VE 2026`, `Bisher bereitgestellt bis 2025`. */
export function columnHeader(column: Column): string {
  const by = column.kind === 'bisher' || column.kind === 'gesamt' ? 'bis ' : '';
  return `${KIND_LABEL[column.kind]} ${by}${column.year}`;
}

/** The codes of the Produktbereich, Produktgruppe and Produkt a node is or lies in (by its parents). */
export type Path = Readonly<Partial<Record<Exclude<Level, 'haushalt'>, string>>>;

/** Every node's path, by node. */
export function hierarchyPaths(budget: Budget): Map<BudgetNode, Path> {
  const byCode = new Map<string, BudgetNode>();
  for (const n of budget.nodes) if (n.level !== 'haushalt' && !byCode.has(n.code)) byCode.set(n.code, n);
  const paths = new Map<BudgetNode, Path>();
  for (const node of budget.nodes) {
    const path: Partial<Record<Level, string>> = {};
    const seen = new Set<BudgetNode>();
    for (let n: BudgetNode | undefined = node; n && !seen.has(n); n = byCode.get(n.parent ?? '')) {
      seen.add(n);
      if (n.level !== 'haushalt' && path[n.level] === undefined) path[n.level] = n.code;
      if (n.parent === undefined) break;
    }
    delete path.haushalt;
    paths.set(node, path);
  }
  return paths;
}

/** The levels below the Haushalt, top down. */
export const PATH_LEVELS = LEVELS.filter((l): l is Exclude<Level, 'haushalt'> => l !== 'haushalt');

/** A title for the budget: its name and year as far as known (`Kreishaushalt 2026`). */
export function budgetTitle(budget: Budget): string {
  return [budget.title ?? 'Haushalt', budget.year].filter((x) => x !== undefined).join(' ');
}

/**
 * The columns of several tables as one list: each table's order kept, a column new to the list placed right
 * after the column it follows in its table (so `VE 2026` stays after `Ansatz 2026`).
 */
export function mergeColumns(lists: readonly (readonly Column[])[]): Column[] {
  const merged: Column[] = [];
  for (const list of lists) {
    let pos = -1;
    for (const column of list) {
      const found = merged.findIndex((c) => columnKey(c) === columnKey(column));
      if (found >= 0) pos = found;
      else merged.splice(++pos, 0, column);
    }
  }
  return merged;
}
