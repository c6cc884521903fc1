/**
 * The one walk of edit propagation: from an edited plan line to every line it moves — the plan's totals that
 * contain it, the same line and its totals in the parent, up to the top, and from a top node into the
 * Gesamtplan through the schema's roll-up. It sees the budget only through a narrow port (a node's plan, its
 * parent, the roll-up), so that the store (over a `Budget`, `propagate.ts`) and the page's preview (over the
 * node views it holds, `web/src/preview.ts`) walk the same way. Imports nothing but the line arithmetic: the
 * browser loads it without the schema data.
 */
import type { PlanType } from './model.js';
import { linesMoved, printedFactor, type MovedLine, type Signs, type SumLine } from './line-sums.js';

export interface CellRef {
  readonly node: string;
  readonly plan: PlanType;
  readonly line: string;
}

/** A line an edit moves besides the edited one, with the factor of its printed change. */
export interface Dependent extends CellRef, MovedLine {}

/** What the walk needs of a plan. */
export interface WalkPlan {
  readonly schemaId: string;
  /** How the plan prints Aufwendungen/Auszahlungen. */
  readonly signs: Signs;
  /** The schema's lines with `sum` and `flow`, and the plan's own conventions where a line differs. */
  readonly lines: readonly SumLine[];
}

/** The budget as the walk sees it. */
export interface PropagationPort {
  /** The plan of that type of a node, if the node prints it under a known schema (else the walk stops). */
  plan(node: string, type: PlanType): WalkPlan | undefined;
  /** The parent's code; undefined for a top node, which rolls up into the Gesamtplan. */
  parent(node: string): string | undefined;
  /** The Gesamtplan lines a line of a top node rolls up into (empty when nothing is held there). */
  rollup(node: string, schemaId: string, line: string): readonly CellRef[];
}

/**
 * Every line an edit of `ref` moves besides itself, each once, nearest first. The walk climbs to a parent
 * only while the parent prints the plan under the same schema.
 */
export function walkEdit(port: PropagationPort, ref: CellRef): Dependent[] {
  const out: Dependent[] = [];
  const seen = new Set<string>();
  // `canonical`: the change in the signed view (Aufwendungen negative) per printed euro of the edit
  const climb = (node: string, type: PlanType, line: string, canonical: 1 | -1, self: boolean): void => {
    const plan = port.plan(node, type);
    if (!plan) return;
    for (const moved of linesMoved(plan.lines, plan.signs, line, canonical, self)) {
      const key = `${node}|${type}|${moved.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ node, plan: type, ...moved });
    }
    const parent = port.parent(node);
    if (parent !== undefined) {
      if (port.plan(parent, type)?.schemaId === plan.schemaId) climb(parent, type, line, canonical, false);
      return;
    }
    for (const target of port.rollup(node, plan.schemaId, line))
      climb(target.node, target.plan, target.line, canonical, false);
  };
  const plan = port.plan(ref.node, ref.plan);
  if (plan) climb(ref.node, ref.plan, ref.line, printedFactor(plan.signs, plan.lines, ref.line), true);
  return out;
}
