/**
 * The findings ledger: a version's findings (checked once per revision, or of one node alone) with the
 * acceptances of its budget — which hold for every version of the budget — and accepting a finding (one row
 * per key, the budget's `findings_rev` bumped so that cached views show it accepted).
 */
import { sql } from 'kysely';
import { nodeOfKey, type FindingKey, type Severity } from '../core/findings.js';
import { mayAdminister, type Actor } from '../core/workflow.js';
import type { AcceptedFinding, FindingsFilter, VersionFindings } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, now, requireText } from './audit-log.js';
import { settledFindings, holdsKey, type IndexedFindings, type KeyedFinding } from './cache.js';
import { reading, requireVisible, type StoreContext } from './context.js';
import { getBudget } from './versions.js';

export async function findings(
  ctx: StoreContext,
  actor: Actor | undefined,
  versionId: number,
  filter: FindingsFilter = {},
): Promise<VersionFindings> {
  const { version: v, scope } = await reading(ctx.db, actor, versionId);
  const visible = await ctx.cache.visibleTo(v, scope);
  const node = filter.node;
  // some nodes (a change of several cells): like one node, their findings without a check of the whole version
  const some = node !== undefined ? [node] : filter.nodes && [...new Set(filter.nodes)];
  for (const code of some ?? []) requireVisible(visible, versionId, code);
  let found: readonly KeyedFinding[];
  let index: IndexedFindings;
  const whole =
    some === undefined ? await ctx.cache.get(versionId, v.revision) : ctx.cache.whole(versionId, v.revision);
  if (some !== undefined && !whole?.findings) {
    // one node's findings (or a few: a change of several cells) need no check of the whole version (about a
    // second at 600 products), nor the whole version loaded: the rules report a node's findings from that node
    // and its children alone (`checkNodes`)
    const each = await Promise.all(some.map((code) => ctx.cache.nodeFindings(versionId, v.revision, code)));
    const byNode = new Map<string, readonly KeyedFinding[]>();
    for (const one of each) for (const [code, list] of one.byNode) byNode.set(code, list);
    index = { all: each.length === 1 ? each[0]!.all : each.flatMap((one) => one.all), byNode };
    found = index.all;
  } else {
    // checked once per revision, or rechecked from an earlier one where edits made here moved amounts
    const entry = whole ?? (await ctx.cache.get(versionId, v.revision));
    index = await settledFindings(entry);
    found = some === undefined ? index.all : some.flatMap((code) => index.byNode.get(code) ?? []);
  }
  const accepted = (
    await ctx.db
      .selectFrom('accepted_finding')
      .selectAll()
      .where('budget_id', '=', v.budgetId)
      .orderBy('id')
      .execute()
  ).map((r): AcceptedFinding => ({
    id: r.id,
    budgetId: r.budget_id,
    key: r.finding_key,
    reason: r.reason,
    acceptedBy: actor ? r.accepted_by : null,
    acceptedAt: r.accepted_at,
  }));
  // a reader of some Produktbereiche sees the findings and acceptances of their nodes only
  const shown = (code: string | undefined): boolean =>
    visible === undefined || (code !== undefined && visible.has(code));
  if (visible !== undefined) found = found.filter((f) => shown(f.node));
  const byKey = new Map(accepted.map((a) => [a.key, a]));
  const open: KeyedFinding[] = [];
  const acc: VersionFindings['accepted'][number][] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, rounding: 0, info: 0 };
  const wanted = filter.severities ? new Set(filter.severities) : undefined;
  for (const f of found) {
    const a = byKey.get(f.key);
    if (!a) counts[f.severity]++;
    if (wanted && !wanted.has(f.severity)) continue;
    if (a) acc.push({ ...f, acceptance: a });
    else open.push(f);
  }
  const wantedNodes = some === undefined ? undefined : new Set(some);
  const asked = accepted.filter((a) => {
    const of = nodeOfKey(a.key);
    return wantedNodes === undefined ? shown(of) : wantedNodes.has(of);
  });
  return { open, accepted: acc, stale: asked.filter((a) => !holdsKey(index, a.key)), counts };
}

export async function acceptFinding(
  ctx: StoreContext,
  actor: Actor,
  budgetId: number,
  key: FindingKey,
  reason: string,
): Promise<AcceptedFinding> {
  if (!mayAdminister(actor)) throw new StoreError('forbidden', 'Nur die Kämmerei darf Befunde akzeptieren.');
  const why = requireText(reason, 'Die Begründung');
  const k = requireText(key, 'Der Befund', 500);
  await getBudget(ctx, actor, budgetId);
  return ctx.db.transaction().execute(async (trx) => {
    const at = now();
    // one acceptance however many ask at once: the unique key decides, without an error (a SELECT first
    // raced on PostgreSQL: two saw nothing, the second INSERT failed with a unique violation)
    const row = await trx
      .insertInto('accepted_finding')
      .values({
        budget_id: budgetId,
        finding_key: k,
        reason: why,
        accepted_by: actor.name,
        accepted_at: at,
      })
      .onConflict((oc) => oc.columns(['budget_id', 'finding_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new StoreError('conflict', 'Dieser Befund ist bereits akzeptiert.');
    // cached views of every version of the budget show the finding as accepted from now on
    await trx
      .updateTable('budget')
      .set({ findings_rev: sql`findings_rev + 1` })
      .where('id', '=', budgetId)
      .execute();
    await appendAudit(trx, actor, {
      budgetId,
      versionId: null,
      action: 'finding-accept',
      target: k,
      new: { key: k },
      reason: why,
    });
    return { id: row.id, budgetId, key: k, reason: why, acceptedBy: actor.name, acceptedAt: at };
  });
}
