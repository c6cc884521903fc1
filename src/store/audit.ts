/**
 * Reading the audit trail (a Fachbereich: the content edits of its own Produktbereiche only) and the
 * Einwendungen recorded while an Entwurf is publicly displayed (names of citizens: the Kämmerei's only). The
 * append to the trail, shared by every write, is `audit-log.ts`.
 */
import { sql } from 'kysely';
import { mayAdminister, mayRecordEinwendung, type Actor } from '../core/workflow.js';
import type { AuditEntry, AuditFilter, Einwendung } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, now, requireText } from './audit-log.js';
import { readable, stateOf, versionRow, type StoreContext } from './context.js';

export async function audit(ctx: StoreContext, actor: Actor, filter: AuditFilter): Promise<AuditEntry[]> {
  if (actor.role === 'leser')
    throw new StoreError('forbidden', 'Das Änderungsprotokoll ist der Verwaltung vorbehalten.');
  let q = ctx.db.selectFrom('audit').selectAll().orderBy('id');
  if (!mayAdminister(actor)) {
    // a Fachbereich reads the content edits of its own Produktbereiche, nothing else (no user
    // administration, no Einwendungen, no other department's edits); entries written before the column
    // existed are recognised by their target `node|…` (codes are [0-9A-Za-z.]: nothing to escape in LIKE)
    const codes = [...actor.produktbereiche];
    if (codes.length === 0) return [];
    q = q.where((eb) =>
      eb.or([
        eb('produktbereich', 'in', codes),
        eb.and([
          eb('produktbereich', 'is', null),
          eb('action', 'in', ['cell', 'erlaeuterung']),
          eb.or(codes.flatMap((pb) => [eb('target', 'like', `${pb}|%`), eb('target', 'like', `${pb}.%`)])),
        ]),
      ]),
    );
  }
  if (filter.budgetId !== undefined) q = q.where('budget_id', '=', filter.budgetId);
  if (filter.versionId !== undefined) q = q.where('version_id', '=', filter.versionId);
  if (filter.after !== undefined) q = q.where('id', '>', filter.after);
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  if (filter.unit !== undefined) {
    // content changes name their unit first in the target (`43.01|…`); units below it continue its code
    // (`43.01.02|…`); `%` and `_` in a code are taken literally
    const unit = filter.unit.replace(/[\\%_]/gu, (c) => `\\${c}`);
    q = q.where((eb) =>
      eb.and([
        eb('action', 'in', ['cell', 'erlaeuterung']),
        eb.or([
          eb('target', 'like', sql<string>`${`${unit}|%`} escape '\\'`),
          eb('target', 'like', sql<string>`${`${unit}.%`} escape '\\'`),
        ]),
      ]),
    );
  }
  q = q.limit(Math.min(Math.max(filter.limit ?? 1000, 1), 10_000));
  return (await q.execute()).map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    budgetId: r.budget_id,
    versionId: r.version_id,
    action: r.action,
    target: r.target,
    old: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
    new: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
    reason: r.reason,
    effect: r.effect,
    group: r.group_id,
  }));
}

export async function recordEinwendung(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  einwendung: { author: string; text: string },
): Promise<Einwendung> {
  const author = requireText(einwendung.author, 'Der Name der Einwenderin oder des Einwenders', 200);
  const text = requireText(einwendung.text, 'Der Text der Einwendung');
  return ctx.db.transaction().execute(async (trx) => {
    const v = await versionRow(trx, versionId);
    if (!mayRecordEinwendung(actor, stateOf(v))) {
      throw new StoreError(
        mayAdminister(actor) ? 'invalid' : 'forbidden',
        mayAdminister(actor)
          ? 'Einwendungen werden nur zu einem ausgelegten Entwurf erfasst.'
          : 'Nur die Kämmerei erfasst Einwendungen.',
      );
    }
    const receivedAt = now();
    const row = await trx
      .insertInto('einwendung')
      .values({ version_id: versionId, author, text, received_at: receivedAt, recorded_by: actor.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      budgetId: v.budgetId,
      versionId,
      action: 'einwendung',
      target: `Einwendung ${row.id}`,
      new: { author, text },
      reason: 'Einwendung erfasst',
    });
    return { id: row.id, versionId, author, text, receivedAt, recordedBy: actor.name };
  });
}

export async function listEinwendungen(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
): Promise<Einwendung[]> {
  // Einwendungen carry citizens' names and addresses: for the Kämmerei, which records and answers them
  if (!mayAdminister(actor))
    throw new StoreError(
      'forbidden',
      'Einwendungen sieht nur die Kämmerei (sie enthalten Namen von Bürgern).',
    );
  await readable(ctx.db, actor, versionId);
  const rows = await ctx.db
    .selectFrom('einwendung')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    versionId: r.version_id,
    author: r.author,
    text: r.text,
    receivedAt: r.received_at,
    recordedBy: r.recorded_by,
  }));
}
