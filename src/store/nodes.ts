/**
 * A version's content as readers ask for it — the whole budget (from the cache), the node list, one node with
 * the revisions of its cells — each as far as the reader may see it (`readScope`), and edits of Erläuterungen
 * (a node's content revision, one transaction with the audit entry). Cell edits are `cells.ts`.
 */
import type { Budget, ErlaeuterungItem } from '../core/model.js';
import { cellKey } from '../core/model.js';
import { mayEdit, type Actor } from '../core/workflow.js';
import { scopedBudget } from './access.js';
import type { BudgetOptions, ErlaeuterungEdit, NodeDetail, NodeSummary } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, requireText, type Db } from './audit-log.js';
import { scopeOf } from './cache.js';
import {
  assertWritable,
  beginWrite,
  produktbereichIn,
  readable,
  reading,
  requireAmount,
  requireVisible,
  stateOf,
  type StoreContext,
} from './context.js';
import { STORED_CELL_COLUMNS, nodeDoc, storedCell, withCells } from './rows.js';

export async function loadBudget(
  ctx: StoreContext,
  actor: Actor | undefined,
  versionId: number,
  options: BudgetOptions = {},
): Promise<Budget> {
  const { version, scope } = await reading(ctx.db, actor, versionId);
  if (options.around !== undefined) {
    const visible = await ctx.cache.visibleTo(version, scope);
    requireVisible(visible, versionId, options.around);
    return scopedBudget(await ctx.cache.around(versionId, version.revision, options.around), visible);
  }
  const entry = await ctx.cache.get(versionId, version.revision);
  return scopeOf(entry, scope)?.budget ?? entry.budget;
}

export async function listNodes(
  ctx: StoreContext,
  actor: Actor | undefined,
  versionId: number,
): Promise<NodeSummary[]> {
  const { version, scope } = await reading(ctx.db, actor, versionId);
  const visible = await ctx.cache.visibleTo(version, scope);
  const rows = await ctx.db
    .selectFrom('node')
    .select(['code', 'level', 'name', 'parent'])
    .where('version_id', '=', versionId)
    .orderBy('ord')
    .execute();
  return rows
    .filter((r) => visible === undefined || visible.has(r.code))
    .map((r) => ({
      code: r.code,
      level: r.level as NodeSummary['level'],
      name: r.name,
      parent: r.parent,
    }));
}

async function nodeDetail(db: Db, versionId: number, code: string): Promise<NodeDetail> {
  const row = await db
    .selectFrom('node')
    .select(['doc', 'rev'])
    .where('version_id', '=', versionId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) throw new StoreError('not-found', `Fassung ${versionId} hat keine Einheit ${code}.`);
  const cells = (
    await db
      .selectFrom('cell')
      .select(STORED_CELL_COLUMNS)
      .where('version_id', '=', versionId)
      .where('node', '=', code)
      .execute()
  ).map(storedCell);
  const cellRevs: Record<string, number> = {};
  for (const c of cells) cellRevs[cellKey(c.plan, c.line, c.column)] = c.rev;
  return { node: withCells(nodeDoc(row), cells), rev: row.rev, cellRevs };
}

export async function getNode(
  ctx: StoreContext,
  actor: Actor | undefined,
  versionId: number,
  code: string,
): Promise<NodeDetail> {
  const { version, scope } = await reading(ctx.db, actor, versionId);
  requireVisible(await ctx.cache.visibleTo(version, scope), versionId, code);
  return nodeDetail(ctx.db, versionId, code);
}

/** What the audit trail keeps of an item: its fields as entered, no source. */
function auditedItem(it: ErlaeuterungItem): Record<string, unknown> {
  return {
    text: it.text,
    amount: it.amount ?? null,
    ...(it.letter !== undefined ? { letter: it.letter } : {}),
    ...(it.previous !== undefined ? { previous: it.previous } : {}),
    ...(it.reason !== undefined ? { reason: it.reason } : {}),
    ...(it.remark !== undefined ? { remark: it.remark } : {}),
  };
}

/** A field as edited: undefined keeps the old value, null (or empty text) removes it. */
function field<T>(given: T | null | undefined, had: T | undefined): T | undefined {
  if (given === null || given === '') return undefined;
  return given === undefined ? had : given;
}

/** The item after an edit: every field as given or kept; `raw` is the text now (it is no longer as printed). */
function itemOf(
  old: ErlaeuterungItem | undefined,
  edit: ErlaeuterungEdit,
  amount: number | undefined,
): ErlaeuterungItem {
  const trim = (x: string | null | undefined) => (x === null ? null : x?.trim());
  const letter = field(trim(edit.letter), old?.letter);
  const previous = field(edit.previous, old?.previous);
  if (previous && previous.amount !== undefined) requireAmount(previous.amount);
  if (previous && !Number.isInteger(previous.year))
    throw new StoreError('invalid', 'Das Jahr des Vorjahresbetrags fehlt.');
  const reason = field(trim(edit.itemReason), old?.reason);
  const remark = field(trim(edit.remark), old?.remark);
  return {
    ...(letter !== undefined ? { letter } : {}),
    text: edit.text,
    ...(amount !== undefined ? { amount } : {}),
    ...(previous !== undefined ? { previous } : {}),
    ...(reason !== undefined ? { reason } : {}),
    ...(remark !== undefined ? { remark } : {}),
    raw: edit.text,
    ...(old?.source !== undefined ? { source: old.source } : {}),
  };
}

export async function editErlaeuterung(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  edit: ErlaeuterungEdit,
): Promise<NodeDetail> {
  const text = requireText(edit.text, 'Der Text');
  const reason = requireText(edit.reason, 'Die Begründung');
  if (edit.amount !== undefined && edit.amount !== null) requireAmount(edit.amount);
  const before = await readable(ctx.db, actor, versionId);
  const budget = await ctx.cache.structure(versionId, before.revision);
  return ctx.db.transaction().execute(async (trx) => {
    const v = await beginWrite(trx, versionId);
    assertWritable(v);
    if (!mayEdit(actor, stateOf(v), edit.node, produktbereichIn(budget, edit.node))) {
      throw new StoreError('forbidden', `Keine Berechtigung, ${edit.node} in dieser Fassung zu ändern.`);
    }
    const detail = await nodeDetail(trx, versionId, edit.node);
    if (detail.rev !== edit.rev) {
      throw new StoreError(
        'conflict',
        'Die Erläuterungen wurden inzwischen geändert; bitte neu laden.',
        detail,
      );
    }
    const doc = detail.node;
    const erl = doc.erlaeuterungen[edit.erlaeuterung];
    if (!erl)
      throw new StoreError('not-found', `${edit.node} hat keine Erläuterung Nr. ${edit.erlaeuterung + 1}.`);
    const old = edit.item === undefined ? undefined : erl.items[edit.item];
    if (edit.item !== undefined && !old) {
      throw new StoreError('not-found', `Die Erläuterung hat keinen Posten Nr. ${edit.item + 1}.`);
    }
    const amount = edit.amount === null ? undefined : (edit.amount ?? old?.amount);
    const item = itemOf(old, { ...edit, text }, amount);
    const items =
      edit.item === undefined
        ? [...erl.items, item]
        : erl.items.map((it, i) => (i === edit.item ? item : it));
    const erlaeuterungen = doc.erlaeuterungen.map((e, i) => (i === edit.erlaeuterung ? { ...e, items } : e));
    const stripped = { ...nodeDoc({ doc: JSON.stringify(doc) }), erlaeuterungen };
    const withoutCells = {
      ...stripped,
      plans: stripped.plans.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, cells: [] })) })),
    };
    await trx
      .updateTable('node')
      .set({ doc: JSON.stringify(withoutCells), rev: detail.rev + 1 })
      .where('version_id', '=', versionId)
      .where('code', '=', edit.node)
      .execute();
    await appendAudit(trx, actor, {
      budgetId: v.budgetId,
      versionId,
      action: 'erlaeuterung',
      produktbereich: produktbereichIn(budget, edit.node),
      target: `${edit.node}|${erl.plan}|${erl.line ?? ''}|${edit.item ?? items.length - 1}`,
      old: old ? auditedItem(old) : null,
      new: auditedItem(item),
      reason,
    });
    return nodeDetail(trx, versionId, edit.node);
  });
}
