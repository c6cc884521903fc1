/**
 * Cell edits: plan cells changed by the revision each was read at, every total above moved by the same delta
 * (`walkEdit`, the one propagation walk of the core), one audit entry per cell, all in one transaction that
 * first bumps the version's revision; then the cached budget is patched with the changed cells (`cache.ts`).
 * A single edit (`editCell`) and a change of several cells (`editCells`: a projection applied, all or nothing,
 * its audit entries in one group) are the same write: the cells and the totals they move are read in one
 * query and written in one statement (an upsert of whole rows), the audit entries in another.
 *
 * The new totals are computed here and written as values, not as `amount + ?` in SQL: SQLite binds a
 * JavaScript number as a double, and beyond 2^53 cents the sum would be rounded. The writers of a version are
 * serialised by `beginWrite`, so the value read is the value to change.
 */
import { formatCount, MAX_TOTAL } from '../core/money.js';
import type { ExpressionBuilder, Transaction } from 'kysely';
import { MAX_EDIT_CELLS } from '../core/apply-cells.js';
import type { Budget, BudgetNode, Column, Plan } from '../core/model.js';
import { PLAN_LABEL, cellKey, columnKey, columnLabel, planOf, sameColumn } from '../core/model.js';
import { walkEdit } from '../core/edit-walk.js';
import { budgetYearOf, centsRefusal, columnRefusal, isWholeEuroPlan } from '../core/entry-rules.js';
import { budgetPort, editRefusal, jahresergebnisFactor, type Dependent } from '../core/propagate.js';
import { editRefusalMessage } from '../core/refusals.js';
import { printingAfterEdit, printingOfColumn } from '../core/scale.js';
import { CELLS_IN_ANMELDUNG, mayEditCells } from '../core/anmeldung.js';
import { mayEdit, type Actor } from '../core/workflow.js';
import type { CellChange, CellEdit, CellsEdit, CellsResult, EditResult, VersionInfo } from './api.js';
import { StoreError } from './api.js';
import { appendAudits, requireText, type AuditRecord, type Db } from './audit-log.js';
import { produktbereichOf } from './access.js';
import { assertWritable, beginWrite, reading, requireAmount, stateOf, type StoreContext } from './context.js';
import { STORED_CELL_COLUMNS, storedCell } from './rows.js';
import type { Tables } from './tables.js';

/** A cell's place in a version. */
export interface CellPlace {
  readonly node: string;
  readonly plan: string;
  readonly line: string;
  readonly column: Column;
}

/** The one `WHERE` of a cell row: version, node, plan, line, column kind and year (the table's key). */
export function cellAt(versionId: number, place: CellPlace) {
  return (eb: ExpressionBuilder<Tables, 'cell'>) =>
    eb.and({
      version_id: versionId,
      node: place.node,
      plan: place.plan,
      line: place.line,
      kind: place.column.kind,
      year: place.column.year,
    });
}

type StoredRow = Pick<Tables['cell'], (typeof STORED_CELL_COLUMNS)[number]>;

/** Groups of keys per statement: a compound SELECT of that many stays below SQLite's limit (500). */
const GROUPS_PER_SELECT = 150;
/** Rows per upsert: 11 parameters each, far below the parameter limits of SQLite and PostgreSQL. */
const ROWS_PER_UPSERT = 500;

const rowKey = (node: string, plan: string, line: string, column: Column): string =>
  `${node}|${cellKey(plan, line, column)}`;

/**
 * The cell rows of some places, by `rowKey`, in as few statements as the limits allow: the places of one
 * node, plan and column are one lookup of the table's key (`line IN (…)`), the lookups joined by `UNION ALL`.
 * Each lookup is planned on its own: PostgreSQL planned an `OR` of such terms (and of whole keys) as one scan
 * of the version's key prefix once the table had statistics, 26,000 rows read for 21 found (25 ms an edit).
 */
async function rowsAt(
  db: Db,
  versionId: number,
  places: readonly CellPlace[],
): Promise<Map<string, StoredRow>> {
  const groups = new Map<string, { place: CellPlace; lines: Set<string> }>();
  for (const p of places) {
    const key = `${p.node}|${p.plan}|${p.column.kind}:${p.column.year}`;
    const group = groups.get(key);
    if (group) group.lines.add(p.line);
    else groups.set(key, { place: p, lines: new Set([p.line]) });
  }
  const lookup = ({ place, lines }: { place: CellPlace; lines: Set<string> }) =>
    db
      .selectFrom('cell')
      .select(STORED_CELL_COLUMNS)
      .where('version_id', '=', versionId)
      .where('node', '=', place.node)
      .where('plan', '=', place.plan)
      .where('line', 'in', [...lines])
      .where('kind', '=', place.column.kind)
      .where('year', '=', place.column.year);
  const all = [...groups.values()];
  const out = new Map<string, StoredRow>();
  for (let i = 0; i < all.length; i += GROUPS_PER_SELECT) {
    const [first, ...rest] = all.slice(i, i + GROUPS_PER_SELECT).map(lookup);
    const rows = await rest.reduce((q, next) => q.unionAll(next), first!).execute();
    for (const r of rows)
      out.set(rowKey(r.node, r.plan, r.line, { kind: r.kind as Column['kind'], year: r.year }), r);
  }
  return out;
}

/** Rows written as a whole: inserted, or their amount, printing and revision replaced (the key decides). */
async function upsertRows(db: Db, versionId: number, rows: readonly StoredRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_UPSERT)
    await db
      .insertInto('cell')
      .values(rows.slice(i, i + ROWS_PER_UPSERT).map((r) => ({ version_id: versionId, ...r })))
      .onConflict((oc) =>
        oc.columns(['version_id', 'node', 'plan', 'line', 'kind', 'year']).doUpdateSet((eb) => ({
          amount: eb.ref('excluded.amount'),
          decimals: eb.ref('excluded.decimals'),
          scale: eb.ref('excluded.scale'),
          rev: eb.ref('excluded.rev'),
        })),
      )
      .execute();
}

/** The edit's place and column checked against the version's structure; the edited node's plan. */
export function editablePlan(budget: Budget, edit: CellChange): Plan {
  const refusal = editRefusal(budget, edit);
  if (refusal)
    throw new StoreError(
      refusal.reason === 'no-node' ? 'not-found' : 'invalid',
      editRefusalMessage(refusal, edit),
    );
  const node = budget.nodes.find((n) => n.code === edit.node) as BudgetNode;
  const plan = planOf(node, edit.plan) as Plan;
  if (!plan.columns.some((c) => sameColumn(c, edit.column))) {
    throw new StoreError('invalid', `Der Plan hat keine Spalte ${columnKey(edit.column)}.`);
  }
  return plan;
}

/**
 * Why the entry rules refuse a change (entry-rules.ts: past and adopted years read-only, whole euros in a
 * whole-euro plan), or undefined; asked after the rights, so that a frozen version says it is frozen.
 */
export function entryRefusal(
  budget: Budget,
  plan: Plan,
  edit: CellChange,
  stage: string,
): string | undefined {
  return (
    columnRefusal(edit.column, budgetYearOf(plan.columns, budget.year), stage) ??
    centsRefusal(edit.amount, isWholeEuroPlan(plan))
  );
}

/** A change of the batch checked against the structure before the write: what the write needs of it. */
interface Planned {
  readonly change: CellChange;
  readonly amount: number;
  readonly plan: Plan;
  readonly deps: readonly Dependent[];
  readonly effectFactor: 0 | 1 | -1;
  readonly produktbereich: string;
  /** Why the entry rules refuse it (checked after the rights). */
  readonly refused: string | undefined;
}

/**
 * The cell a refusal of a change of several cells is about, in front of the refusal: "Zelle 43.01,
 * Teilergebnisplan, Zeile 13, Planung 2027: …" (a single edit's refusal needs no such prefix).
 */
function naming(change: CellChange, batch: boolean, run: () => void): void {
  try {
    run();
  } catch (e) {
    if (!batch || !(e instanceof StoreError)) throw e;
    const where = `Zelle ${change.node}, ${PLAN_LABEL[change.plan]}, Zeile ${change.line}, ${columnLabel(change.column)}`;
    throw new StoreError(e.code, `${where}: ${e.message} Nichts wurde gespeichert.`, e.current);
  }
}

/**
 * The one write of cell changes: checked in full before anything is written (structure, amounts, rights,
 * revisions, totals), then the cells and the totals they move in one upsert and the audit entries in one
 * insert, in one transaction with one revision. `group`: the audit entries of a change of several cells share
 * one (`<version>@<revision>`).
 */
export async function writeCells(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  changes: readonly CellChange[],
  why: string,
  batch: boolean,
  /** More of the same change, written in its transaction after the cells (an Anmeldung's decision). */
  also?: (trx: Transaction<Tables>, version: VersionInfo) => Promise<void>,
): Promise<CellsResult> {
  const reason = requireText(why, 'Die Begründung');
  if (changes.length === 0) throw new StoreError('invalid', 'Es ist keine Zelle zu ändern angegeben.');
  if (changes.length > MAX_EDIT_CELLS)
    throw new StoreError(
      'invalid',
      `Höchstens ${formatCount(MAX_EDIT_CELLS)} Zellen auf einmal; angegeben sind ${formatCount(changes.length)}.`,
    );
  const { version: before, scope } = await reading(ctx.db, actor, versionId);
  // the structure (plans, schemas, hierarchy) does not change with amounts: read it outside the write
  const budget = await ctx.cache.structure(versionId, before.revision);
  // the walk's view of the budget and the nodes by code, once for all changes
  const port = budgetPort(budget);
  const byCode = new Map(budget.nodes.map((n) => [n.code, n]));
  const seen = new Set<string>();
  const planned: Planned[] = changes.map((change) => {
    let p: Planned | undefined;
    naming(change, batch, () => {
      const key = rowKey(change.node, change.plan, change.line, change.column);
      if (seen.has(key)) throw new StoreError('invalid', 'Die Zelle ist mehrfach angegeben.');
      seen.add(key);
      const amount = requireAmount(change.amount);
      const plan = editablePlan(budget, change);
      p = {
        change,
        amount,
        plan,
        deps: walkEdit(port, change),
        effectFactor: jahresergebnisFactor(plan, change.line),
        produktbereich: produktbereichOf(byCode, change.node),
        refused: entryRefusal(budget, plan, change, before.stage),
      };
    });
    return p!;
  });
  const visible = await ctx.cache.visibleTo(before, scope);
  const result = await ctx.db.transaction().execute(async (trx): Promise<CellsResult> => {
    const v = await beginWrite(trx, versionId);
    assertWritable(v);
    const state = stateOf(v);
    for (const p of planned)
      naming(p.change, batch, () => {
        if (!mayEditCells(actor, state, p.change.node, p.produktbereich))
          throw new StoreError(
            'forbidden',
            mayEdit(actor, state, p.change.node, p.produktbereich)
              ? CELLS_IN_ANMELDUNG
              : `Keine Berechtigung, ${p.change.node} in dieser Fassung zu ändern.`,
          );
        if (p.refused) throw new StoreError('invalid', p.refused);
      });
    // the edited cells and every total they move, read in one go
    const places: CellPlace[] = [];
    for (const p of planned) {
      places.push(p.change);
      for (const d of p.deps) places.push({ ...d, column: p.change.column });
    }
    const rows = await rowsAt(trx, versionId, places);
    const written: StoredRow[] = [];
    const totals = new Map<string, { row: StoredRow; total: number; dep: Dependent }>();
    const audit: AuditRecord[] = [];
    const group = `${versionId}@${v.revision}`;
    let effect = 0;
    for (const p of planned) {
      const { change, amount, plan } = p;
      const current = rows.get(rowKey(change.node, change.plan, change.line, change.column));
      const currentRev = current?.rev ?? 0;
      naming(change, batch, () => {
        if (currentRev !== change.rev)
          throw new StoreError(
            'conflict',
            'Der Wert wurde inzwischen geändert; bitte den aktuellen Stand ansehen und erneut eingeben.',
            current ? storedCell(current) : null,
          );
      });
      const old = current?.amount ?? 0;
      const delta = amount - old;
      // in euros always: whole thousands keep a T€ cell in T€, anything finer makes it a euro cell (scale.ts)
      const printing = printingAfterEdit(
        amount,
        current ? storedCell(current) : undefined,
        printingOfColumn(
          plan.lines.flatMap((l) => l.cells.filter((c) => sameColumn(c.column, change.column))),
        ),
      );
      written.push({
        ...(current ?? {
          node: change.node,
          plan: change.plan,
          line: change.line,
          kind: change.column.kind,
          year: change.column.year,
          source: null,
        }),
        amount,
        decimals: printing.decimals,
        scale: printing.scale ?? null,
        rev: currentRev + 1,
      });
      if (delta !== 0)
        for (const d of p.deps) {
          const key = rowKey(d.node, d.plan, d.line, change.column);
          const row = rows.get(key);
          if (!row) continue; // only cells that exist move
          const moved = totals.get(key) ?? { row, total: row.amount, dep: d };
          moved.total += d.factor * delta;
          totals.set(key, moved);
        }
      effect += p.effectFactor * delta;
      audit.push({
        budgetId: v.budgetId,
        versionId,
        action: 'cell',
        target: rowKey(change.node, change.plan, change.line, change.column),
        produktbereich: p.produktbereich,
        old: current ? { amount: old, rev: currentRev } : null,
        new: { amount, rev: currentRev + 1 },
        reason,
        effect: p.effectFactor === 0 ? null : p.effectFactor * delta,
        ...(batch ? { group } : {}),
      });
    }
    for (const { row, total, dep } of totals.values()) {
      if (total === row.amount) continue; // changes that cancel out leave a total as it was
      if (!Number.isSafeInteger(total) || Math.abs(total) > MAX_TOTAL) {
        throw new StoreError(
          'invalid',
          `Die Änderung ließe die Summe in Zeile ${dep.line} von ${dep.node} über ` +
            `${formatCount(Math.floor(MAX_TOTAL / 100))} Euro wachsen; so große Beträge werden nicht exakt geführt.`,
        );
      }
      written.push({ ...row, amount: total, rev: row.rev + 1 });
    }
    await upsertRows(trx, versionId, written);
    await appendAudits(trx, actor, audit);
    if (also) await also(trx, v);
    return { changed: written.map(storedCell), jahresergebnisEffect: effect, revision: v.revision, group };
  });
  ctx.cache.patch(versionId, result.revision, result.changed);
  // totals outside the editor's Produktbereiche moved too, but are not theirs to see
  return visible === undefined
    ? result
    : { ...result, changed: result.changed.filter((c) => visible.has(c.node)) };
}

export async function editCell(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  edit: CellEdit,
): Promise<EditResult> {
  const { reason, ...change } = edit;
  const { changed, jahresergebnisEffect, revision } = await writeCells(
    ctx,
    actor,
    versionId,
    [change],
    reason,
    false,
  );
  return { changed, jahresergebnisEffect, revision };
}

export function editCells(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  edit: CellsEdit,
): Promise<CellsResult> {
  return writeCells(ctx, actor, versionId, edit.changes, edit.reason, true);
}
