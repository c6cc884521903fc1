/**
 * The Anmeldung of the Fachbereiche in the store (rules: `src/core/anmeldung.ts`): requested figures with
 * their reasons beside the Kämmerei's figures, the status of each Produktbereich, the Kämmerei's decisions.
 * Requests belong to the version of stage `anmeldung` they were entered in; an Entwurf (and every later
 * version) made from it reads them from there (`anmeldungVersion`), so that a request and its decision are
 * one record, never copies that could drift apart, and the closed Anmeldung keeps what was asked. A figure
 * taken over is written to the cell of the version the Kämmerei decides in, through the one cell write
 * (`writeCells`: totals, one revision, audit) in the same transaction as the decision.
 */
import {
  areaStatusOf,
  eckwertRefusal,
  mayReadAnmeldung,
  anmeldungReadRefusal,
  requestRefusal,
  statusAfterDecision,
  submitRefusal,
  type Refusal,
  type RequestStatus,
} from '../core/anmeldung.js';
import type { Budget, Column, PlanType } from '../core/model.js';
import type { Actor } from '../core/workflow.js';
import { produktbereichOf } from './access.js';
import type { Anmeldung, AnmeldungArea, AnmeldungEntry, AnmeldungRequest, VersionInfo } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, now, requireText, type Db } from './audit-log.js';
import { editablePlan, entryRefusal } from './cells.js';
import { reading, requireAmount, versionRow, type StoreContext } from './context.js';
import type { AnmeldungRequestTable } from './tables.js';
import type { Selectable } from 'kysely';

/** Hops along `based_on` at most when looking for the Anmeldung a version came from. */
const MAX_LINEAGE = 100;

export function refuse(refusal: Refusal | undefined): void {
  if (refusal) throw new StoreError(refusal.code, refusal.message);
}

/** The version of stage `anmeldung` a version is or came from; `not-found` when there is none. */
export async function anmeldungVersion(db: Db, versionId: number): Promise<VersionInfo> {
  let v = await versionRow(db, versionId);
  for (let hops = 0; v.stage !== 'anmeldung'; hops++) {
    if (v.basedOn === null || hops >= MAX_LINEAGE)
      throw new StoreError(
        'not-found',
        `Zur Fassung ${versionId} gibt es keine Anmeldungen der Fachbereiche.`,
      );
    v = await versionRow(db, v.basedOn);
  }
  return v;
}

/** The Produktbereiche of a budget (code → name), in document order. */
function areasOf(budget: Budget): Map<string, string> {
  const byCode = new Map(budget.nodes.map((n) => [n.code, n]));
  const out = new Map<string, string>();
  for (const n of budget.nodes) {
    const pb = produktbereichOf(byCode, n.code);
    if (!out.has(pb)) out.set(pb, byCode.get(pb)?.name ?? pb);
  }
  return out;
}

export function requestOf(r: Selectable<AnmeldungRequestTable>): AnmeldungRequest {
  return {
    id: r.id,
    produktbereich: r.produktbereich,
    node: r.node,
    plan: r.plan as PlanType,
    line: r.line,
    column: { kind: r.kind as Column['kind'], year: r.year },
    amount: r.amount,
    reason: r.reason,
    status: r.status as RequestStatus,
    createdBy: r.created_by,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decidedIn: r.decided_in,
    comment: r.comment,
  };
}

export async function areaRow(db: Db, versionId: number, produktbereich: string) {
  return db
    .selectFrom('anmeldung_area')
    .selectAll()
    .where('version_id', '=', versionId)
    .where('produktbereich', '=', produktbereich)
    .executeTakeFirst();
}

export async function requestsOf(db: Db, versionId: number, produktbereiche?: readonly string[]) {
  let q = db.selectFrom('anmeldung_request').selectAll().where('version_id', '=', versionId);
  if (produktbereiche) q = q.where('produktbereich', 'in', [...produktbereiche, '']);
  return (await q.orderBy('id').execute()).map(requestOf);
}

export async function areaOf(
  db: Db,
  versionId: number,
  produktbereich: string,
  name: string,
): Promise<AnmeldungArea> {
  const row = await areaRow(db, versionId, produktbereich);
  const requests = await requestsOf(db, versionId, [produktbereich]);
  const count = (s: RequestStatus) => requests.filter((r) => r.status === s).length;
  return {
    produktbereich,
    name,
    status: areaStatusOf(row?.status),
    submittedBy: row?.submitted_by ?? null,
    submittedAt: row?.submitted_at ?? null,
    checkedAt: row?.checked_at ?? null,
    eckwert: row?.eckwert === null || row?.eckwert === undefined ? null : row.eckwert,
    open: count('offen'),
    taken: count('uebernommen'),
    rejected: count('abgelehnt'),
    returnedBy: row?.returned_by ?? null,
    returnedAt: row?.returned_at ?? null,
    returnComment: row?.return_comment ?? null,
  };
}

/** The Anmeldung of the version (or of the one it came from) as the actor may see it. */
export async function getAnmeldung(
  ctx: StoreContext,
  actor: Actor | undefined,
  versionId: number,
): Promise<Anmeldung> {
  refuse(anmeldungReadRefusal(actor));
  const a = await anmeldungVersion(ctx.db, versionId);
  // the Fachbereich reads the Anmeldung where it may read it: in the Anmeldung version (its Produktbereiche)
  await reading(ctx.db, actor, versionId === a.id ? a.id : versionId).catch(async (e: unknown) => {
    if (versionId === a.id) throw e;
    await reading(ctx.db, actor, a.id);
  });
  const budget = await ctx.cache.structure(a.id, a.revision);
  const areas = [...areasOf(budget)].filter(([pb]) => mayReadAnmeldung(actor, pb));
  const codes = areas.map(([pb]) => pb);
  const out: AnmeldungArea[] = [];
  for (const [pb, name] of areas) out.push(await areaOf(ctx.db, a.id, pb, name));
  return { versionId: a.id, open: !a.closed, areas: out, requests: await requestsOf(ctx.db, a.id, codes) };
}

/** The place of an entry checked against the Anmeldung version's structure; its Produktbereich. */
async function placeOf(ctx: StoreContext, a: VersionInfo, entry: AnmeldungEntry): Promise<string> {
  const budget = await ctx.cache.structure(a.id, a.revision);
  const plan = editablePlan(budget, { ...entry, rev: 0 });
  const refused = entryRefusal(budget, plan, { ...entry, rev: 0 }, a.stage);
  if (refused) throw new StoreError('invalid', refused);
  return produktbereichOf(new Map(budget.nodes.map((n) => [n.code, n])), entry.node);
}

export async function requestFigure(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  entry: AnmeldungEntry,
): Promise<AnmeldungRequest> {
  const reason = requireText(entry.reason, 'Die Begründung der Anmeldung');
  const amount = requireAmount(entry.amount);
  const a = await versionRow(ctx.db, versionId);
  const pb = await placeOf(ctx, a, entry);
  return ctx.db.transaction().execute(async (trx) => {
    const area = await areaRow(trx, versionId, pb);
    const at = now();
    const key = {
      version_id: versionId,
      node: entry.node,
      plan: entry.plan,
      line: entry.line,
      kind: entry.column.kind,
      year: entry.column.year,
    };
    const before = await trx
      .selectFrom('anmeldung_request')
      .selectAll()
      .where((eb) => eb.and(key))
      .executeTakeFirst();
    refuse(
      requestRefusal(
        actor,
        await versionRow(trx, versionId),
        pb,
        areaStatusOf(area?.status),
        before?.status as RequestStatus | undefined,
      ),
    );
    if (before)
      await trx
        .updateTable('anmeldung_request')
        .set({ amount, reason, created_by: actor.name, created_at: at })
        .where('id', '=', before.id)
        .execute();
    else
      await trx
        .insertInto('anmeldung_request')
        .values({
          ...key,
          produktbereich: pb,
          amount,
          reason,
          status: 'offen',
          created_by: actor.name,
          created_at: at,
        })
        .execute();
    await appendAudit(trx, actor, {
      budgetId: a.budgetId,
      versionId,
      action: 'anmeldung',
      target: `${entry.node}|${entry.plan}|${entry.line}|${entry.column.kind}:${entry.column.year}`,
      produktbereich: pb,
      old: before ? { amount: before.amount, reason: before.reason } : null,
      new: { amount, reason },
      reason,
    });
    const row = await trx
      .selectFrom('anmeldung_request')
      .selectAll()
      .where((eb) => eb.and(key))
      .executeTakeFirstOrThrow();
    return requestOf(row);
  });
}

async function requestRow(db: Db, versionId: number, id: number) {
  const row = await db
    .selectFrom('anmeldung_request')
    .selectAll()
    .where('id', '=', id)
    .where('version_id', '=', versionId)
    .executeTakeFirst();
  if (!row) throw new StoreError('not-found', `Die Anmeldung ${id} gibt es in dieser Fassung nicht.`);
  return row;
}

export async function withdrawRequest(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  id: number,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requestRow(trx, versionId, id);
    const v = await versionRow(trx, versionId);
    const area = await areaRow(trx, versionId, row.produktbereich);
    refuse(
      requestRefusal(actor, v, row.produktbereich, areaStatusOf(area?.status), row.status as RequestStatus),
    );
    await trx.deleteFrom('anmeldung_request').where('id', '=', id).execute();
    await appendAudit(trx, actor, {
      budgetId: v.budgetId,
      versionId,
      action: 'anmeldung',
      target: `${row.node}|${row.plan}|${row.line}|${row.kind}:${row.year}`,
      produktbereich: row.produktbereich,
      old: { amount: row.amount, reason: row.reason },
      new: null,
      reason: 'Anmeldung zurückgezogen',
    });
  });
}

export async function writeArea(
  db: Db,
  versionId: number,
  produktbereich: string,
  set: Partial<{
    status: string;
    submitted_by: string;
    submitted_at: string;
    checked_at: string | null;
    eckwert: number | null;
    returned_by: string;
    returned_at: string;
    return_comment: string;
  }>,
): Promise<void> {
  const row = await areaRow(db, versionId, produktbereich);
  if (row)
    await db
      .updateTable('anmeldung_area')
      .set(set)
      .where('version_id', '=', versionId)
      .where('produktbereich', '=', produktbereich)
      .execute();
  else
    await db
      .insertInto('anmeldung_area')
      .values({
        version_id: versionId,
        produktbereich,
        status: 'in-arbeit',
        submitted_by: null,
        submitted_at: null,
        checked_at: null,
        eckwert: null,
        returned_by: null,
        returned_at: null,
        return_comment: null,
        ...set,
      })
      .execute();
}

export async function areaName(ctx: StoreContext, a: VersionInfo, produktbereich: string): Promise<string> {
  const name = areasOf(await ctx.cache.structure(a.id, a.revision)).get(produktbereich);
  if (name === undefined)
    throw new StoreError('not-found', `Die Fassung ${a.id} hat keinen Produktbereich ${produktbereich}.`);
  return name;
}

export async function submitAnmeldung(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  produktbereich: string,
  reason: string,
): Promise<AnmeldungArea> {
  const why = requireText(reason, 'Die Begründung');
  const a = await versionRow(ctx.db, versionId);
  const name = await areaName(ctx, a, produktbereich);
  return ctx.db.transaction().execute(async (trx) => {
    const area = await areaRow(trx, versionId, produktbereich);
    refuse(
      submitRefusal(actor, await versionRow(trx, versionId), produktbereich, areaStatusOf(area?.status)),
    );
    const open = await requestsOf(trx, versionId, [produktbereich]);
    const at = now();
    // nothing left to decide (nothing requested: the Fachbereich agrees with the Kämmerei's figures; or, handed
    // back, every request already decided): geprüft at once
    const status = statusAfterDecision(open.map((r) => r.status));
    await writeArea(trx, versionId, produktbereich, {
      status,
      submitted_by: actor.name,
      submitted_at: at,
      ...(status === 'geprueft' ? { checked_at: at } : {}),
    });
    await appendAudit(trx, actor, {
      budgetId: a.budgetId,
      versionId,
      action: 'anmeldung-abgabe',
      target: `Anmeldung Produktbereich ${produktbereich}`,
      produktbereich,
      new: { status: 'abgegeben', requests: open.length },
      reason: why,
    });
    return areaOf(trx, versionId, produktbereich, name);
  });
}

export async function setEckwert(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  produktbereich: string,
  eckwert: number | null,
): Promise<AnmeldungArea> {
  const a = await versionRow(ctx.db, versionId);
  refuse(eckwertRefusal(actor, a));
  const name = await areaName(ctx, a, produktbereich);
  const value = eckwert === null ? null : requireAmount(eckwert);
  return ctx.db.transaction().execute(async (trx) => {
    const before = await areaRow(trx, versionId, produktbereich);
    await writeArea(trx, versionId, produktbereich, { eckwert: value });
    await appendAudit(trx, actor, {
      budgetId: a.budgetId,
      versionId,
      action: 'anmeldung-eckwert',
      target: `Eckwert Produktbereich ${produktbereich}`,
      produktbereich,
      old: before?.eckwert ?? null,
      new: value,
      reason: 'Eckwert gesetzt',
    });
    return areaOf(trx, versionId, produktbereich, name);
  });
}
