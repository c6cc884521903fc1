/**
 * The version way (GO NRW §§ 80, 81): a step forward copies the version into a new one in the next stage and
 * closes the old one; a Nachtrag or an Ergebnis is derived from a Beschluss; the Kämmerei's options of a
 * version. Who may do it is decided in `src/core/workflow.ts`; each step is one transaction that first bumps
 * the version's revision (`beginWrite`).
 */
import { sql, type Transaction } from 'kysely';
import { bodiesOf, stageLabelOf } from '../core/bodies.js';
import {
  STAGE_LABEL,
  canBaseOn,
  derivedVersion,
  isFrozenStage,
  mayAdminister,
  nextStage,
  publicAfterAdvance,
  type Actor,
  type Stage,
} from '../core/workflow.js';
import type { VersionInfo } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, requireText } from './audit-log.js';
import { beginWrite, versionRow, type StoreContext } from './context.js';
import type { Tables } from './tables.js';
import { copyContent, insertVersion } from './versions.js';

/**
 * A new version based on `from` with a copy of its content (nodes, cells with their revisions, meta), and
 * the audit entry that says so: a stage moved on (`stage`) or a Nachtrag/Ergebnis derived (`version`).
 */
/**
 * A new version based on `from` with a copy of its content (nodes, cells with their revisions, meta), and
 * the audit entry that says so: a stage moved on (`stage`) or a Nachtrag/Ergebnis derived (`version`).
 */
async function copyVersion(
  trx: Transaction<Tables>,
  actor: Actor,
  from: VersionInfo,
  to: {
    kind: VersionInfo['kind'];
    stage: Stage;
    label: string;
    publicRead: boolean;
    action: 'stage' | 'version';
    reason: string;
  },
): Promise<number> {
  const meta = await trx
    .selectFrom('version')
    .select('meta')
    .where('id', '=', from.id)
    .executeTakeFirstOrThrow();
  const newId = await insertVersion(trx, actor, {
    budgetId: from.budgetId,
    kind: to.kind,
    stage: to.stage,
    label: to.label,
    basedOn: from.id,
    publicRead: to.publicRead,
    meta: meta.meta,
  });
  await copyContent(trx, from.id, newId);
  if (isFrozenStage(to.stage))
    await trx.updateTable('version').set({ frozen: 1 }).where('id', '=', newId).execute();
  await appendAudit(trx, actor, {
    budgetId: from.budgetId,
    versionId: newId,
    action: to.action,
    target: `Fassung ${from.id} → ${newId}`,
    ...(to.action === 'stage' ? { old: { version: from.id, stage: from.stage } } : {}),
    new:
      to.action === 'stage'
        ? { version: newId, stage: to.stage }
        : { version: newId, kind: to.kind, stage: to.stage },
    reason: to.reason,
  });
  return newId;
}

export async function advance(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  reason: string,
): Promise<VersionInfo> {
  if (!mayAdminister(actor))
    throw new StoreError('forbidden', 'Nur die Kämmerei darf eine Fassung weitergeben.');
  const why = requireText(reason, 'Die Begründung');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const v = await beginWrite(trx, versionId);
    if (v.closed) throw new StoreError('frozen', `Die Fassung „${v.label}“ ist bereits abgeschlossen.`);
    const next = nextStage(v.stage);
    if (!next) throw new StoreError('invalid', `Nach „${STAGE_LABEL[v.stage]}“ folgt keine weitere Stufe.`);
    // the stage in the words of the budget's bodies: a Kreis's Beschluss is the Kreistag's (bodies.ts)
    const budget = await trx
      .selectFrom('budget')
      .select(['name', 'title'])
      .where('id', '=', v.budgetId)
      .executeTakeFirst();
    const newId = await copyVersion(trx, actor, v, {
      kind: v.kind,
      stage: next,
      label: stageLabelOf(next, bodiesOf(budget?.title, budget?.name)),
      publicRead: publicAfterAdvance(v.publicRead, next),
      action: 'stage',
      reason: why,
    });
    await trx.updateTable('version').set({ closed: 1 }).where('id', '=', v.id).execute();
    return newId;
  });
  return versionRow(ctx.db, id);
}

export async function derive(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  kind: 'nachtrag' | 'ergebnis',
  reason: string,
): Promise<VersionInfo> {
  if (!mayAdminister(actor))
    throw new StoreError('forbidden', 'Nur die Kämmerei darf Nachträge und Ergebnisse anlegen.');
  const why = requireText(reason, 'Die Begründung');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const v = await beginWrite(trx, versionId);
    if (!canBaseOn(v.stage)) {
      throw new StoreError(
        'invalid',
        `Ein ${kind === 'nachtrag' ? 'Nachtrag' : 'Ergebnis'} setzt einen Beschluss voraus.`,
      );
    }
    const count = await trx
      .selectFrom('version')
      .select(sql<number | string>`count(*)`.as('n'))
      .where('budget_id', '=', v.budgetId)
      .where('kind', '=', kind)
      .executeTakeFirstOrThrow();
    const { stage, label } = derivedVersion(kind, Number(count.n));
    return copyVersion(trx, actor, v, {
      kind,
      stage,
      label,
      publicRead: false,
      action: 'version',
      reason: why,
    });
  });
  return versionRow(ctx.db, id);
}

export async function setVersionOptions(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  options: { fachbereichEdit?: boolean; publicRead?: boolean },
): Promise<VersionInfo> {
  if (!mayAdminister(actor))
    throw new StoreError('forbidden', 'Nur die Kämmerei darf Einstellungen einer Fassung ändern.');
  await ctx.db.transaction().execute(async (trx) => {
    const v = await versionRow(trx, versionId);
    const set: Partial<Record<'fachbereich_edit' | 'public_read', number>> = {};
    if (options.fachbereichEdit !== undefined) set.fachbereich_edit = options.fachbereichEdit ? 1 : 0;
    if (options.publicRead !== undefined) set.public_read = options.publicRead ? 1 : 0;
    if (Object.keys(set).length === 0) return;
    await trx.updateTable('version').set(set).where('id', '=', versionId).execute();
    await appendAudit(trx, actor, {
      budgetId: v.budgetId,
      versionId,
      action: 'version-options',
      target: `Fassung ${versionId}`,
      old: { fachbereichEdit: v.fachbereichEdit, publicRead: v.publicRead },
      new: options,
      reason: 'Einstellungen',
    });
  });
  return versionRow(ctx.db, versionId);
}
