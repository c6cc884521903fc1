/**
 * An edit of a plan cell as the page shows it before the server answers: the cell, the totals of its plan
 * that contain the line, and the same line and its totals in every ancestor whose view the page holds. The
 * walk is the store's own (`walkEdit` in `src/core/edit-walk.ts`, here over the node views the page holds):
 * totals move by the edit's delta, keeping their printed rounding; only cells that exist change; the edited
 * cell's printing follows `printingAfterEdit` (a whole-euro amount keeps the cell's decimals, whole thousands
 * keep a T€ cell in T€). The server's answer replaces the preview (it also reaches the Gesamtplan, which the
 * page does not hold).
 */
import { walkEdit, type PropagationPort } from '../../src/core/edit-walk.js';
import { sameColumn, type Column } from '../../src/core/model.js';
import { printingAfterEdit, type Printing } from '../../src/core/scale.js';
import type { NodeView, PlanView } from './api.js';

export interface CellEditRequest {
  readonly node: string;
  readonly plan: PlanView['type'];
  readonly line: string;
  readonly column: Column;
  /** The new amount in cents. */
  readonly amount: number;
}

export interface PreviewCell {
  readonly node: string;
  readonly plan: PlanView['type'];
  readonly line: string;
  readonly column: Column;
  /** The amount before the edit (null: the cell did not exist). */
  readonly old: number | null;
  readonly amount: number;
  readonly decimals: 0 | 2;
  /** 1000: printed in T€ (`Cell.scale`), null: in euros. */
  readonly scale: 1000 | null;
}

/** A cell of the node view as a printing (a cell not printed has none). */
function printingOf(cell: { decimals: 0 | 2 | null; scale: 1000 | null }): Printing | undefined {
  if (cell.decimals === null) return undefined;
  return cell.scale === 1000 ? { decimals: cell.decimals, scale: 1000 } : { decimals: cell.decimals };
}

/** The printing a plan of the view gives a cell it did not print: T€ when the column is printed in T€. */
function fallbackOf(plan: PlanView, column: number): Printing | undefined {
  return plan.columns[column]?.unit === 'T€' ? { decimals: 0, scale: 1000 } : undefined;
}

/**
 * The node views as the propagation walk sees them: a node's plan, its parent (a view the page does not hold
 * stops the walk, as does a parent's plan of another schema) and no roll-up (the page holds no Gesamtplan).
 */
function viewsPort(views: ReadonlyMap<string, NodeView>): PropagationPort {
  return {
    plan: (code, type) => views.get(code)?.plans.find((p) => p.type === type),
    parent: (code) => views.get(code)?.parent ?? undefined,
    rollup: () => [],
  };
}

/**
 * The cells an edit changes, the edited cell first. `views` holds the edited node's view and any of its
 * ancestors' views (by code); the climb stops at the first ancestor the page does not hold, or whose plan is
 * of another schema (as the store's does). An empty list: the edit is unknown to the views (wrong node, plan,
 * line or column).
 */
export function previewCellEdit(views: ReadonlyMap<string, NodeView>, edit: CellEditRequest): PreviewCell[] {
  const view = views.get(edit.node);
  const plan = view?.plans.find((p) => p.type === edit.plan);
  const col = plan?.columns.findIndex((c) => sameColumn(c, edit.column)) ?? -1;
  const line = plan?.lines.find((l) => l.line === edit.line);
  if (!view || !plan || !line || col < 0) return [];
  const cell = line.cells[col]!;
  const delta = edit.amount - (cell.amount ?? 0);
  const printing = printingAfterEdit(edit.amount, printingOf(cell), fallbackOf(plan, col));
  const out: PreviewCell[] = [
    {
      node: view.code,
      plan: plan.type,
      line: edit.line,
      column: edit.column,
      old: cell.amount,
      amount: edit.amount,
      decimals: printing.decimals,
      scale: printing.scale ?? null,
    },
  ];
  if (delta === 0) return out;
  for (const moved of walkEdit(viewsPort(views), edit)) {
    const p = views.get(moved.node)?.plans.find((x) => x.type === moved.plan);
    const i = p?.columns.findIndex((c) => sameColumn(c, edit.column)) ?? -1;
    const before = p?.lines.find((l) => l.line === moved.line)?.cells[i];
    if (before?.amount == null) continue; // the store changes only cells that exist
    out.push({
      node: moved.node,
      plan: moved.plan,
      line: moved.line,
      column: edit.column,
      old: before.amount,
      amount: before.amount + moved.factor * delta,
      decimals: before.decimals ?? 0,
      scale: before.scale,
    });
  }
  return out;
}

/** The node view with amounts put in: the preview's, or the server's answer (`StoredCell` has the same shape). */
export function withAmounts(
  view: NodeView,
  cells: readonly {
    node: string;
    plan: string;
    line: string;
    column: Column;
    amount: number;
    decimals: 0 | 2;
    /** The preview's `null`, or the server's absent: printed in euros. */
    scale?: 1000 | null;
    rev?: number;
  }[],
): NodeView {
  const mine = cells.filter((c) => c.node === view.code);
  if (mine.length === 0) return view;
  return {
    ...view,
    plans: view.plans.map((p) => {
      const ofPlan = mine.filter((c) => c.plan === p.type);
      if (ofPlan.length === 0) return p;
      return {
        ...p,
        lines: p.lines.map((l) => {
          const hits = ofPlan.filter((c) => c.line === l.line);
          if (hits.length === 0) return l;
          return {
            ...l,
            printed: true,
            cells: l.cells.map((cell, i) => {
              const hit = hits.find((c) => sameColumn(c.column, p.columns[i]!));
              return hit
                ? {
                    amount: hit.amount,
                    decimals: hit.decimals,
                    scale: hit.scale ?? null,
                    rev: hit.rev ?? cell.rev,
                  }
                : cell;
            }),
          };
        }),
      };
    }),
  };
}
