/**
 * Budgets and versions: an import as a new version (one transaction: budget, version, nodes, cells, source
 * documents, audit entry), the content of a version copied into the next, and the lists of budgets and
 * versions an actor may read. The steps along the version way are `stages.ts`.
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Budget } from '../core/model.js';
import {
  STAGE_LABEL,
  importStageRefusal,
  mayAdminister,
  type Actor,
  type Stage,
  type VersionKind,
} from '../core/workflow.js';
import { readScope } from './access.js';
import type { BudgetInfo, ImportRequest, VersionInfo } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, now, requireText, type Db } from './audit-log.js';
import { allVersions, named, readable, stateOf, versionRow, type StoreContext } from './context.js';
import { insertDocuments } from './documents.js';
import { STORED_CELL_COLUMNS, toRows, type VersionMeta } from './rows.js';
import type { Tables } from './tables.js';

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const BATCH = 1000;

const CELL_COLUMNS = ['version_id', ...STORED_CELL_COLUMNS] as const;
const NODE_COLUMNS = ['version_id', 'code', 'ord', 'level', 'name', 'parent', 'doc', 'rev'] as const;

async function insertContent(
  db: Db,
  budget: Budget,
  versionId: number,
): Promise<{ nodes: number; cells: number }> {
  const { nodes, cells } = toRows(budget, versionId);
  for (let i = 0; i < nodes.length; i += BATCH)
    await db
      .insertInto('node')
      .values(nodes.slice(i, i + BATCH))
      .execute();
  for (let i = 0; i < cells.length; i += BATCH)
    await db
      .insertInto('cell')
      .values(cells.slice(i, i + BATCH))
      .execute();
  return { nodes: nodes.length, cells: cells.length };
}

export async function copyContent(db: Db, from: number, to: number): Promise<void> {
  const nodeCols = sql.join(NODE_COLUMNS.slice(1).map((c) => sql.ref(c)));
  const cellCols = sql.join(CELL_COLUMNS.slice(1, -1).map((c) => sql.ref(c)));
  await sql`INSERT INTO node (version_id, ${nodeCols}) SELECT ${to}, ${nodeCols} FROM node WHERE version_id = ${from}`.execute(
    db,
  );
  await sql`INSERT INTO cell (version_id, ${cellCols}, rev) SELECT ${to}, ${cellCols}, 0 FROM cell WHERE version_id = ${from}`.execute(
    db,
  );
}

export async function insertVersion(
  db: Db,
  actor: Actor,
  values: {
    budgetId: number;
    kind: VersionKind;
    stage: Stage;
    label: string;
    basedOn: number | null;
    publicRead: boolean;
    meta: string;
  },
): Promise<number> {
  const row = await db
    .insertInto('version')
    .values({
      budget_id: values.budgetId,
      kind: values.kind,
      stage: values.stage,
      label: values.label,
      based_on: values.basedOn,
      closed: 0,
      // frozen only once its content is in (the database refuses content for a frozen version)
      frozen: 0,
      fachbereich_edit: 0,
      public_read: values.publicRead ? 1 : 0,
      revision: 0,
      meta: values.meta,
      created_at: now(),
      created_by: actor.name,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function importBudget(
  ctx: StoreContext,
  actor: Actor,
  request: ImportRequest,
): Promise<VersionInfo> {
  if (!mayAdminister(actor)) throw new StoreError('forbidden', 'Nur die Kämmerei darf Haushalte einlesen.');
  const budget = request.budget;
  const stage: Stage = request.stage ?? 'entwurf';
  // later stages are reached only by the statutory way (advance), never by an import
  const refusal = importStageRefusal(stage);
  if (refusal) throw new StoreError('invalid', refusal);
  const kind: VersionKind = 'haushalt';
  const meta: VersionMeta = {
    ...(budget.title !== undefined ? { title: budget.title } : {}),
    ...(budget.year !== undefined ? { year: budget.year } : {}),
    ...(budget.land !== undefined ? { land: budget.land } : {}),
    files: budget.files,
    notes: request.notes ?? budget.notes,
    ...(budget.parts !== undefined ? { parts: budget.parts } : {}),
  };
  const id = await ctx.db.transaction().execute(async (trx) => {
    let budgetId = request.budgetId;
    if (budgetId === undefined) {
      const name = requireText(request.name ?? budget.title ?? 'Haushalt', 'Der Name des Haushalts', 200);
      const row = await trx
        .insertInto('budget')
        .values({
          name,
          title: budget.title ?? null,
          year: budget.year ?? null,
          created_at: now(),
          created_by: actor.name,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      budgetId = row.id;
    } else {
      const exists = await trx
        .selectFrom('budget')
        .select('id')
        .where('id', '=', budgetId)
        .executeTakeFirst();
      if (!exists) throw new StoreError('not-found', `Haushalt ${budgetId} gibt es nicht.`);
    }
    const versionId = await insertVersion(trx, actor, {
      budgetId,
      kind,
      stage,
      label: request.label ?? STAGE_LABEL[stage],
      basedOn: null,
      publicRead: false,
      meta: JSON.stringify(meta),
    });
    const counts = await insertContent(trx, budget, versionId);
    if (request.documents?.length)
      await insertDocuments(
        trx,
        { budgetId, versionId, by: actor.name, createdAt: now() },
        request.documents,
      );
    await appendAudit(trx, actor, {
      budgetId,
      versionId,
      action: 'import',
      target: budget.files.join(', '),
      new: { ...counts, files: budget.files },
      reason: request.reason ?? 'Import',
    });
    return versionId;
  });
  return versionRow(ctx.db, id);
}

function budgetInfo(row: Selectable<Tables['budget']>): BudgetInfo {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    year: row.year,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** The versions (of one budget, or of all) the actor may read, by id. */
async function readableVersions(db: Db, actor: Actor | undefined, budgetId?: number): Promise<VersionInfo[]> {
  return (await allVersions(db, budgetId))
    .filter((v) => readScope(actor, stateOf(v)).kind !== 'none')
    .map((v) => named(actor, v));
}

/** Budgets with at least one version the actor may read. */
export async function listBudgets(ctx: StoreContext, actor: Actor | undefined): Promise<BudgetInfo[]> {
  const seen = new Set((await readableVersions(ctx.db, actor)).map((v) => v.budgetId));
  const rows = await ctx.db.selectFrom('budget').selectAll().orderBy('id').execute();
  return rows.filter((r) => seen.has(r.id)).map((r) => named(actor, budgetInfo(r)));
}

export async function getBudget(
  ctx: StoreContext,
  actor: Actor | undefined,
  budgetId: number,
): Promise<BudgetInfo> {
  const row = await ctx.db.selectFrom('budget').selectAll().where('id', '=', budgetId).executeTakeFirst();
  if (!row) throw new StoreError('not-found', `Haushalt ${budgetId} gibt es nicht.`);
  if ((await readableVersions(ctx.db, actor, budgetId)).length === 0) {
    throw actor
      ? new StoreError('forbidden', `Der Haushalt „${row.name}“ ist für Sie nicht freigegeben.`)
      : new StoreError('unauthenticated', 'Dieser Haushalt ist nicht öffentlich; bitte anmelden.');
  }
  return named(actor, budgetInfo(row));
}

export async function listVersions(
  ctx: StoreContext,
  actor: Actor | undefined,
  budgetId: number,
): Promise<VersionInfo[]> {
  await getBudget(ctx, actor, budgetId);
  return readableVersions(ctx.db, actor, budgetId);
}

export async function getVersion(
  ctx: StoreContext,
  actor: Actor | undefined,
  versionId: number,
): Promise<VersionInfo> {
  return named(actor, await readable(ctx.db, actor, versionId));
}
