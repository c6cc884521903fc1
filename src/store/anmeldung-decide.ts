/**
 * The Kämmerei's decisions over the Anmeldungen (`anmeldung.ts`, rules in `src/core/anmeldung.ts`): one
 * request or every open one of a Produktbereich, in the Anmeldung or in the Entwurf made from it. A figure
 * taken over is written to the cell of the version decided in by the one cell write (`writeCells`: totals,
 * one revision, audit), the decisions in the same transaction; a rejection leaves the cell and needs a comment.
 * A submitted Produktbereich may be handed back for rework (in Arbeit again, with the Kämmerei's comment).
 */
import {
  AREA_STATUS_LABEL,
  areaStatusOf,
  decisionRefusal,
  handBackRefusal,
  statusAfterDecision,
} from '../core/anmeldung.js';
import type { Actor } from '../core/workflow.js';
import { anmeldungVersion, areaName, areaOf, areaRow, refuse, requestsOf, writeArea } from './anmeldung.js';
import type { AnmeldungArea, AnmeldungDecision } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, now, type Db } from './audit-log.js';
import { writeCells } from './cells.js';
import { versionRow, type StoreContext } from './context.js';

/**
 * The Kämmerei decides one request or every open one of a Produktbereich, in version `versionId` (the
 * Anmeldung or the Entwurf made from it). Taking over writes the requested figures to the cells of that
 * version as one change (with `writeCells`), the decisions in the same transaction.
 */
export async function decideAnmeldung(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  d: AnmeldungDecision,
): Promise<{ readonly decided: number; readonly revision: number | null }> {
  const comment = d.comment.trim();
  const target = await versionRow(ctx.db, versionId);
  const a = await anmeldungVersion(ctx.db, versionId);
  let rows = await requestsOf(ctx.db, a.id);
  if (d.request !== undefined) rows = rows.filter((r) => r.id === d.request);
  else if (d.produktbereich !== undefined)
    rows = rows.filter((r) => r.produktbereich === d.produktbereich && r.status === 'offen');
  else throw new StoreError('invalid', 'Es ist weder eine Anmeldung noch ein Produktbereich angegeben.');
  if (d.request !== undefined && rows.length === 0)
    throw new StoreError('not-found', `Die Anmeldung ${d.request} gibt es zu dieser Fassung nicht.`);
  if (rows.length === 0) throw new StoreError('invalid', 'Im Produktbereich ist keine Anmeldung offen.');
  for (const r of rows) {
    const area = await areaRow(ctx.db, a.id, r.produktbereich);
    refuse(decisionRefusal(actor, target, areaStatusOf(area?.status), r.status, d.decision, comment));
  }
  const at = now();
  const decide = async (trx: Db): Promise<void> => {
    for (const r of rows) {
      const done = await trx
        .updateTable('anmeldung_request')
        .set({
          status: d.decision === 'uebernehmen' ? 'uebernommen' : 'abgelehnt',
          decided_by: actor.name,
          decided_at: at,
          decided_in: d.decision === 'uebernehmen' ? versionId : null,
          comment: comment === '' ? null : comment,
        })
        .where('id', '=', r.id)
        .where('status', '=', 'offen')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1)
        throw new StoreError('conflict', 'Über die Anmeldung wurde inzwischen entschieden; bitte neu laden.');
    }
    for (const pb of new Set(rows.map((r) => r.produktbereich))) {
      const all = await requestsOf(trx, a.id, [pb]);
      const status = statusAfterDecision(all.map((r) => r.status));
      await writeArea(trx, a.id, pb, { status, checked_at: status === 'geprueft' ? at : null });
    }
    await appendAudit(trx, actor, {
      budgetId: target.budgetId,
      versionId,
      action: 'anmeldung-entscheidung',
      target:
        d.request !== undefined
          ? `${rows[0]!.node}|${rows[0]!.plan}|${rows[0]!.line}|${rows[0]!.column.kind}:${rows[0]!.column.year}`
          : `Anmeldung Produktbereich ${d.produktbereich ?? ''}`,
      produktbereich: rows[0]!.produktbereich,
      new: { decision: d.decision, requests: rows.map((r) => r.id) },
      reason:
        comment === ''
          ? d.decision === 'uebernehmen'
            ? 'Anmeldung übernommen'
            : 'Anmeldung abgelehnt'
          : comment,
    });
  };
  if (d.decision === 'ablehnen') {
    await ctx.db.transaction().execute(decide);
    return { decided: rows.length, revision: null };
  }
  // the revisions of the cells now in the version decided in (the edit's base; 0 for a cell not printed)
  const changes = [];
  for (const r of rows) {
    const cell = await ctx.db
      .selectFrom('cell')
      .select('rev')
      .where('version_id', '=', versionId)
      .where('node', '=', r.node)
      .where('plan', '=', r.plan)
      .where('line', '=', r.line)
      .where('kind', '=', r.column.kind)
      .where('year', '=', r.column.year)
      .executeTakeFirst();
    changes.push({ ...r, rev: cell?.rev ?? 0 });
  }
  const why =
    rows.length === 1
      ? `Anmeldung übernommen: ${rows[0]!.reason}`
      : `Anmeldungen des Produktbereichs ${d.produktbereich ?? ''} übernommen`;
  const result = await writeCells(
    ctx,
    actor,
    versionId,
    changes.map(({ node, plan, line, column, amount, rev }) => ({ node, plan, line, column, amount, rev })),
    comment === '' ? why : `${why} (${comment})`,
    rows.length > 1,
    (trx) => decide(trx),
  );
  return { decided: rows.length, revision: result.revision };
}

/**
 * The Kämmerei hands the submitted Anmeldung of a Produktbereich back to its Fachbereich for rework ("Zur
 * Überarbeitung zurückgeben"): in Arbeit again, with who, when and the comment kept on the Produktbereich and
 * in the audit trail. Its requests keep their status: open ones the Fachbereich may change or withdraw, decided
 * ones stay decided (`requestRefusal`). `versionId`: the Anmeldung or a version made from it; the hand-back
 * is written to the Anmeldung, which must still be open (the Fachbereich enters its changes there).
 */
export async function handBackAnmeldung(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  produktbereich: string,
  comment: string,
): Promise<AnmeldungArea> {
  const a = await anmeldungVersion(ctx.db, versionId);
  const name = await areaName(ctx, a, produktbereich);
  return ctx.db.transaction().execute(async (trx) => {
    const area = await areaRow(trx, a.id, produktbereich);
    const status = areaStatusOf(area?.status);
    refuse(handBackRefusal(actor, await versionRow(trx, a.id), produktbereich, status, comment));
    const text = comment.trim();
    const at = now();
    await writeArea(trx, a.id, produktbereich, {
      status: 'in-arbeit',
      checked_at: null,
      returned_by: actor.name,
      returned_at: at,
      return_comment: text,
    });
    await appendAudit(trx, actor, {
      budgetId: a.budgetId,
      versionId: a.id,
      action: 'anmeldung-rueckgabe',
      target: `Anmeldung Produktbereich ${produktbereich}`,
      produktbereich,
      old: AREA_STATUS_LABEL[status],
      new: AREA_STATUS_LABEL['in-arbeit'],
      reason: text,
    });
    return areaOf(trx, a.id, produktbereich, name);
  });
}
