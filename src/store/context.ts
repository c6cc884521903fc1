/**
 * What every part of the store shares: the database and the version cache (`StoreContext`), reading a version
 * row, deciding what of it an actor may read (`reading`, over `readScope` in access.ts), opening a write on a
 * version (`beginWrite`: its revision bumped first, which in PostgreSQL queues the writers of one version) and
 * the refusals of frozen versions and of amounts the store does not keep exactly.
 */
import { MAX_AMOUNT } from '../core/money.js';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Budget } from '../core/model.js';
import {
  STAGE_LABEL,
  isEditableStage,
  type Actor,
  type Stage,
  type VersionKind,
  type VersionState,
} from '../core/workflow.js';
import { produktbereichOf, readScope, type ReadScope } from './access.js';
import type { VersionInfo } from './api.js';
import { StoreError } from './api.js';
import type { Db } from './audit-log.js';
import type { VersionCache } from './cache.js';
import { remembered } from './fresh.js';
import type { Tables, VersionTable } from './tables.js';

/** The database and the cache of loaded versions, handed to the store's free functions. */
export interface StoreContext {
  readonly db: Kysely<Tables>;
  readonly cache: VersionCache;
}

export function requireAmount(amount: number): number {
  if (!Number.isSafeInteger(amount) || Math.abs(amount) >= MAX_AMOUNT) {
    throw new StoreError(
      'invalid',
      'Der Betrag muss eine ganze Zahl von Cent sein (höchstens 13 Stellen in Euro).',
    );
  }
  return amount;
}

function versionInfo(row: Selectable<VersionTable> & { findings_rev: number }): VersionInfo {
  return {
    id: row.id,
    budgetId: row.budget_id,
    kind: row.kind as VersionKind,
    stage: row.stage as Stage,
    label: row.label,
    basedOn: row.based_on,
    closed: row.closed === 1,
    frozen: row.frozen === 1,
    fachbereichEdit: row.fachbereich_edit === 1,
    publicRead: row.public_read === 1,
    revision: row.revision,
    findingsRevision: row.findings_rev,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** Staff names are for signed-in users; anonymous readers see who did something as `null`. */
export function named<T extends { readonly createdBy: string | null }>(actor: Actor | undefined, info: T): T {
  return actor ? info : { ...info, createdBy: null };
}

export function stateOf(v: VersionInfo): VersionState {
  return { stage: v.stage, closed: v.closed, fachbereichEdit: v.fachbereichEdit, publicRead: v.publicRead };
}

/** The Produktbereich a node of the budget belongs to (see `produktbereichOf`). */
export function produktbereichIn(budget: Budget, code: string): string {
  return produktbereichOf(new Map(budget.nodes.map((n) => [n.code, n])), code);
}

/** Every version row with its budget's findings revision (ordered and filtered by the caller). */
function versionRows(db: Db) {
  return db
    .selectFrom('version')
    .innerJoin('budget', 'budget.id', 'version.budget_id')
    .selectAll('version')
    .select('budget.findings_rev');
}

/** The versions (of one budget, or of all) by id, as stored; no read rights applied. */
export async function allVersions(db: Db, budgetId?: number): Promise<VersionInfo[]> {
  let q = versionRows(db).orderBy('version.id');
  if (budgetId !== undefined) q = q.where('version.budget_id', '=', budgetId);
  return (await q.execute()).map(versionInfo);
}

/** The version's record (from memory while PostgreSQL tells of every change, `fresh.ts`). */
export function versionRow(db: Db, id: number): Promise<VersionInfo> {
  return remembered(db, `version:${id}`, async () => {
    const row = await versionRows(db).where('version.id', '=', id).executeTakeFirst();
    if (!row) throw new StoreError('not-found', `Fassung ${id} gibt es nicht.`);
    return versionInfo(row);
  });
}

/** The version and what of it the actor may read; refused when nothing (`readScope` in access.ts). */
export async function reading(
  db: Db,
  actor: Actor | undefined,
  id: number,
): Promise<{ readonly version: VersionInfo; readonly scope: ReadScope }> {
  const version = await versionRow(db, id);
  const scope = readScope(actor, stateOf(version));
  if (scope.kind === 'none') {
    throw actor
      ? new StoreError('forbidden', `Die Fassung „${version.label}“ ist für Sie nicht freigegeben.`)
      : new StoreError('unauthenticated', 'Diese Fassung ist nicht öffentlich; bitte anmelden.');
  }
  return { version, scope };
}

export async function readable(db: Db, actor: Actor | undefined, id: number): Promise<VersionInfo> {
  return (await reading(db, actor, id)).version;
}

/** Refuses a reader who sees only some Produktbereiche of the version (documents, whole-budget things). */
export function requireWhole(scope: ReadScope, what: string): void {
  if (scope.kind !== 'all')
    throw new StoreError(
      'forbidden',
      `${what} gibt es nur für Leser der ganzen Fassung; Sie sehen darin nur Ihre Produktbereiche.`,
    );
}

/** Refuses a node the reader may not see as if it did not exist. */
export function requireVisible(
  visible: ReadonlySet<string> | undefined,
  versionId: number,
  code: string,
): void {
  if (visible !== undefined && !visible.has(code))
    throw new StoreError('not-found', `Fassung ${versionId} hat keine Einheit ${code}.`);
}

/** Opens a write on a version: bumps its revision (a lock in PostgreSQL) and returns it as it was. */
export async function beginWrite(trx: Transaction<Tables>, versionId: number): Promise<VersionInfo> {
  const result = await trx
    .updateTable('version')
    .set({ revision: sql`revision + 1` })
    .where('id', '=', versionId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw new StoreError('not-found', `Fassung ${versionId} gibt es nicht.`);
  return versionRow(trx, versionId);
}

export function assertWritable(v: VersionInfo): void {
  if (v.closed || v.frozen || !isEditableStage(v.stage)) {
    throw new StoreError(
      'frozen',
      `Die Fassung „${v.label}“ (${STAGE_LABEL[v.stage]}) ist ${v.closed ? 'abgeschlossen' : 'nicht änderbar'}.`,
    );
  }
}
