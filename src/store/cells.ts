/**
 * Cell edits: one plan cell changed by the revision it was read at, every total above moved by the same delta
 * (`dependents`, the one propagation walk of the core), one audit entry, all in one transaction that first
 * bumps the version's revision; then the cached budget is patched with the changed cells (`cache.ts`).
 *
 * The new totals are computed here and written as values, not as `amount + ?` in SQL: SQLite binds a
 * JavaScript number as a double, and beyond 2^53 cents the sum would be rounded. The writers of a version are
 * serialised by `beginWrite`, so the value read is the value to change.
 */
import { formatCount, MAX_TOTAL } from '../core/money.js';
import type { ExpressionBuilder } from 'kysely';
import type { BudgetNode, Column, Plan } from '../core/model.js';
import { cellKey, columnKey, planOf, sameColumn } from '../core/model.js';
import { dependents, editRefusal, jahresergebnisFactor } from '../core/propagate.js';
import { editRefusalMessage } from '../core/refusals.js';
import { printingAfterEdit, printingOfColumn } from '../core/scale.js';
import { mayEdit, type Actor } from '../core/workflow.js';
import type { CellEdit, EditResult, StoredCell } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, requireText, type Db } from './audit-log.js';
import {
  assertWritable,
  beginWrite,
  produktbereichIn,
  reading,
  requireAmount,
  stateOf,
  type StoreContext,
} from './context.js';
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

async function cellRow(db: Db, versionId: number, place: CellPlace) {
  return db.selectFrom('cell').select(STORED_CELL_COLUMNS).where(cellAt(versionId, place)).executeTakeFirst();
}

/** The cell rows of some lines of one column, by `node|plan|line`, in one query. */
async function rowsOfLines(
  db: Db,
  versionId: number,
  column: Column,
  lines: readonly { readonly node: string; readonly plan: string; readonly line: string }[],
) {
  if (lines.length === 0) return new Map<string, StoredRow>();
  // one full key per line: each term is a lookup of the table's key (SQLite and PostgreSQL both use the
  // index for an OR of whole keys, not for the common prefix and an OR of the rest)
  const rows = await db
    .selectFrom('cell')
    .select(STORED_CELL_COLUMNS)
    .where((eb) => eb.or(lines.map((l) => cellAt(versionId, { ...l, column })(eb))))
    .execute();
  return new Map(rows.map((r) => [`${r.node}|${r.plan}|${r.line}`, r]));
}

type StoredRow = NonNullable<Awaited<ReturnType<typeof cellRow>>>;

/** The edit's place and column checked against the version's structure; the edited node's plan. */
function editablePlan(budget: Parameters<typeof editRefusal>[0], edit: CellEdit, stage: string): Plan {
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
  const ergebnisVersion = stage === 'ergebnis';
  if ((edit.column.kind === 'ergebnis') !== ergebnisVersion) {
    throw new StoreError(
      'invalid',
      ergebnisVersion
        ? 'In einer Ergebnis-Fassung werden nur Ergebnis-Spalten erfasst.'
        : 'Ergebnis-Spalten (Ist) sind in einer Planfassung nicht änderbar.',
    );
  }
  return plan;
}

export async function editCell(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  edit: CellEdit,
): Promise<EditResult> {
  const amount = requireAmount(edit.amount);
  const reason = requireText(edit.reason, 'Die Begründung');
  const { version: before, scope } = await reading(ctx.db, actor, versionId);
  // the structure (plans, schemas, hierarchy) does not change with amounts: read it outside the write
  const budget = await ctx.cache.structure(versionId, before.revision);
  const plan = editablePlan(budget, edit, before.stage);
  const ref = { node: edit.node, plan: edit.plan, line: edit.line };
  const deps = dependents(budget, ref);
  const effectFactor = jahresergebnisFactor(plan, edit.line);
  const produktbereich = produktbereichIn(budget, edit.node);
  const visible = await ctx.cache.visibleTo(before, scope);
  const result = await ctx.db.transaction().execute(async (trx): Promise<EditResult> => {
    const v = await beginWrite(trx, versionId);
    assertWritable(v);
    if (!mayEdit(actor, stateOf(v), edit.node, produktbereich)) {
      throw new StoreError('forbidden', `Keine Berechtigung, ${edit.node} in dieser Fassung zu ändern.`);
    }
    const current = await cellRow(trx, versionId, edit);
    const currentRev = current?.rev ?? 0;
    if (currentRev !== edit.rev) {
      throw new StoreError(
        'conflict',
        'Der Wert wurde inzwischen geändert; bitte den aktuellen Stand ansehen und erneut eingeben.',
        current ? storedCell(current) : null,
      );
    }
    const old = current?.amount ?? 0;
    const delta = amount - old;
    // in euros always: whole thousands keep a T€ cell in T€, anything finer makes it a euro cell (scale.ts)
    const printing = printingAfterEdit(
      amount,
      current ? storedCell(current) : undefined,
      printingOfColumn(plan.lines.flatMap((l) => l.cells.filter((c) => sameColumn(c.column, edit.column)))),
    );
    const edited = {
      ...(current ?? {
        node: edit.node,
        plan: edit.plan,
        line: edit.line,
        kind: edit.column.kind,
        year: edit.column.year,
        source: null,
      }),
      amount,
      decimals: printing.decimals,
      scale: printing.scale ?? null,
      rev: currentRev + 1,
    };
    if (current) {
      await trx
        .updateTable('cell')
        .set({ amount, decimals: edited.decimals, scale: edited.scale, rev: edited.rev })
        .where(cellAt(versionId, edit))
        .execute();
    } else {
      await trx
        .insertInto('cell')
        .values({ version_id: versionId, ...edited })
        .execute();
    }
    const changed: StoredCell[] = [storedCell(edited)];
    if (delta !== 0) {
      const rows = await rowsOfLines(trx, versionId, edit.column, deps);
      for (const d of deps) {
        const row = rows.get(`${d.node}|${d.plan}|${d.line}`);
        if (!row) continue; // only cells that exist move
        const total = row.amount + d.factor * delta;
        if (!Number.isSafeInteger(total) || Math.abs(total) > MAX_TOTAL) {
          throw new StoreError(
            'invalid',
            `Die Änderung ließe die Summe in Zeile ${d.line} von ${d.node} über ` +
              `${formatCount(Math.floor(MAX_TOTAL / 100))} Euro wachsen; so große Beträge werden nicht exakt geführt.`,
          );
        }
        const moved = { ...row, amount: total, rev: row.rev + 1 };
        await trx
          .updateTable('cell')
          .set({ amount: moved.amount, rev: moved.rev })
          .where(cellAt(versionId, { ...d, column: edit.column }))
          .execute();
        changed.push(storedCell(moved));
      }
    }
    const effect = effectFactor * delta;
    await appendAudit(trx, actor, {
      budgetId: v.budgetId,
      versionId,
      action: 'cell',
      target: `${edit.node}|${cellKey(edit.plan, edit.line, edit.column)}`,
      produktbereich,
      old: current ? { amount: old, rev: currentRev } : null,
      new: { amount, rev: currentRev + 1 },
      reason,
      effect: effectFactor === 0 ? null : effect,
    });
    return { changed, jahresergebnisEffect: effect, revision: v.revision };
  });
  ctx.cache.patch(versionId, result.revision, result.changed);
  // totals outside the editor's Produktbereiche moved too, but are not theirs to see
  return visible === undefined
    ? result
    : { ...result, changed: result.changed.filter((c) => visible.has(c.node)) };
}
