/**
 * Everything a client needs to render one node of a version: its place in the hierarchy, every plan with the
 * schema's lines (canonical label, printed label, which lines are totals and what they sum), the cells aligned
 * to the plan's columns with their revisions, which lines the asking user may edit, the texts, and the node's
 * findings. Pure: built from what the store returns.
 */
import type { Static } from '@sinclair/typebox';
import { ancestorsOf } from '../core/hierarchy.js';
import type { Budget, BudgetNode, Plan } from '../core/model.js';
import { PLAN_LABEL, cellOf, columnKey, columnLabel, sameColumn } from '../core/model.js';
import { budgetYearOf, columnRefusal, isWholeEuroPlan } from '../core/entry-rules.js';
import { editRefusal } from '../core/propagate.js';
import { editRefusalHint } from '../core/refusals.js';
import { unitOfCells } from '../core/scale.js';
import { schemaById } from '../core/schema.js';
import type { NodeDetail, VersionFindings, VersionInfo } from '../store/api.js';
import { produktbereichOf } from '../store/access.js';
import { mayEditCells } from '../core/anmeldung.js';
import { mayEdit, type Actor } from '../core/workflow.js';
import type {
  cellView,
  lineView,
  nodeView as nodeViewSchema,
  planView as planViewSchema,
} from './contract/nodes.js';

/** A cell, a line, a plan and the whole node as sent: the types of the contract's schemas (`contract/nodes.ts`). */
export type CellView = Static<typeof cellView>;
export type LineView = Static<typeof lineView>;
export type PlanView = Static<typeof planViewSchema>;
export type NodeView = Static<typeof nodeViewSchema>;

type NodeRef = Pick<BudgetNode, 'code' | 'level' | 'name'>;

const ref = (n: BudgetNode): NodeRef => ({ code: n.code, level: n.level, name: n.name });

/** The node's ancestors from the top down (at most 20). */
function ancestors(budget: Budget, node: BudgetNode): BudgetNode[] {
  return ancestorsOf(new Map(budget.nodes.map((n) => [n.code, n])), node.code)
    .slice(0, 20)
    .reverse();
}

function refusalText(budget: Budget, node: BudgetNode, plan: Plan, line: string): string | null {
  const r = editRefusal(budget, { node: node.code, plan: plan.type, line });
  return r ? editRefusalHint(r) : null;
}

function planView(
  budget: Budget,
  node: BudgetNode,
  plan: Plan,
  cellRevs: Readonly<Record<string, number>>,
  userMayEdit: boolean,
  stage: string,
): PlanView {
  const budgetYear = budgetYearOf(plan.columns, budget.year);
  const schema = schemaById(plan.schemaId);
  const printed = new Map(plan.lines.map((l) => [l.line, l]));
  const numbers = schema ? schema.lines.map((l) => l.line) : plan.lines.map((l) => l.line);
  for (const l of plan.lines) if (!numbers.includes(l.line)) numbers.push(l.line);
  const lines = numbers.map((number): LineView => {
    const sl = schema?.lines.find((l) => l.line === number);
    const pl = printed.get(number);
    const because = refusalText(budget, node, plan, number);
    return {
      line: number,
      label: sl?.label ?? pl?.label ?? number,
      printedLabel: pl?.label ?? null,
      printed: pl !== undefined,
      total: sl?.sum !== undefined,
      sum: sl?.sum ?? null,
      memo: sl?.memo ?? false,
      flow: sl?.flow ?? null,
      ...(pl?.signs ? { signs: pl.signs } : {}),
      editable: userMayEdit && because === null,
      notEditableBecause: because,
      cells: plan.columns.map((column): CellView => {
        const cell = pl ? cellOf(pl, column) : undefined;
        return {
          amount: cell?.amount ?? null,
          decimals: cell?.decimals ?? null,
          scale: cell?.scale ?? null,
          rev: cellRevs[`${plan.type}|${number}|${columnKey(column)}`] ?? 0,
        };
      }),
    };
  });
  return {
    type: plan.type,
    label: PLAN_LABEL[plan.type],
    schemaId: plan.schemaId,
    schemaTitle: schema?.title ?? null,
    signs: plan.signs ?? 'negative',
    columns: plan.columns.map((c) => ({
      kind: c.kind,
      year: c.year,
      label: columnLabel(c),
      unit: unitOfCells(plan.lines.flatMap((l) => l.cells.filter((x) => sameColumn(x.column, c)))) ?? '€',
      locked: columnRefusal(c, budgetYear, stage) ?? null,
    })),
    wholeEuros: isWholeEuroPlan(plan),
    lines,
  };
}

export function nodeView(
  budget: Budget,
  detail: NodeDetail,
  version: VersionInfo,
  actor: Actor | undefined,
  findings: VersionFindings,
): NodeView {
  // the stored detail is the authority for the node's content and revisions; the budget gives the context
  const node = detail.node;
  const inBudget = budget.nodes.find((n) => n.code === node.code) ?? node;
  const up = ancestors(budget, inBudget);
  const produktbereich = produktbereichOf(new Map(budget.nodes.map((n) => [n.code, n])), node.code);
  const state = {
    stage: version.stage,
    closed: version.closed || version.frozen,
    fachbereichEdit: version.fachbereichEdit,
    publicRead: version.publicRead,
  };
  const userMayEdit = actor !== undefined && mayEdit(actor, state, node.code, produktbereich);
  // amounts: in the Anmeldung a Fachbereich requests figures instead (src/core/anmeldung.ts)
  const userMayEditCells = userMayEdit && mayEditCells(actor, state, node.code, produktbereich);
  return {
    versionId: version.id,
    versionRevision: version.revision,
    code: node.code,
    level: node.level,
    name: node.name,
    parent: node.parent ?? null,
    path: up.map(ref),
    children: budget.nodes.filter((n) => n.parent === node.code).map(ref),
    rev: detail.rev,
    editable: userMayEdit,
    plans: node.plans.map((p) => planView(budget, node, p, detail.cellRevs, userMayEditCells, version.stage)),
    investitionen: node.investitionen ?? null,
    erlaeuterungen: node.erlaeuterungen,
    beschreibung: node.beschreibung ?? null,
    kennzahlen: node.kennzahlen,
    findings: {
      open: findings.open.filter((f) => f.node === node.code),
      accepted: findings.accepted.filter((f) => f.node === node.code),
    },
  };
}
