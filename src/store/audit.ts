/**
 * Reading the audit trail (a Fachbereich: the content edits of its own Produktbereiche only). The append to
 * the trail, shared by every write, is `audit-log.ts`; the Einwendungen are `einwendungen.ts`.
 */
import { sql } from 'kysely';
import { mayAdminister, type Actor } from '../core/workflow.js';
import type { AuditEntry, AuditFilter } from './api.js';
import { StoreError } from './api.js';
import type { StoreContext } from './context.js';

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
