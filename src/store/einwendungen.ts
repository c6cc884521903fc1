/**
 * Einwendungen recorded while an Entwurf is publicly displayed (GO NRW § 80 Abs. 3), with the day each was
 * received and the unit it concerns, and their answers and decisions (GO NRW § 80 Abs. 4: the Rat decides on
 * them in public session). They carry citizens' names: the Kämmerei's only, never a reader's.
 */
import {
  EINWENDUNG_DECISIONS,
  mayAdminister,
  mayAnswerEinwendung,
  mayRecordEinwendung,
  type Actor,
  type EinwendungDecision,
} from '../core/workflow.js';
import type { Einwendung, NewEinwendung } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, now, requireText, type Db } from './audit-log.js';
import { readable, stateOf, versionRow, type StoreContext } from './context.js';
import type { EinwendungTable } from './tables.js';

type Row = Omit<EinwendungTable, 'id'> & { id: number };

function einwendungOf(r: Row): Einwendung {
  return {
    id: r.id,
    versionId: r.version_id,
    author: r.author,
    text: r.text,
    receivedAt: r.received_at,
    recordedBy: r.recorded_by,
    receivedOn: r.received_on,
    unit: r.unit,
    answer: r.answer,
    decision: (EINWENDUNG_DECISIONS as readonly string[]).includes(r.decision ?? '')
      ? (r.decision as EinwendungDecision)
      : null,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by,
  };
}

/** A calendar day not after today (`2026-12-05`). */
function requireDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(day);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== day)
    throw new StoreError('invalid', `„${day.slice(0, 20)}“ ist kein Datum (erwartet: JJJJ-MM-TT).`);
  if (day > now().slice(0, 10))
    throw new StoreError('invalid', `Der Eingang am ${day} liegt in der Zukunft.`);
  return day;
}

async function requireUnit(db: Db, versionId: number, unit: string): Promise<string> {
  const row = await db
    .selectFrom('node')
    .select('code')
    .where('version_id', '=', versionId)
    .where('code', '=', unit)
    .executeTakeFirst();
  if (!row) throw new StoreError('invalid', `Die Einheit „${unit}“ gibt es in dieser Version nicht.`);
  return unit;
}

export async function recordEinwendung(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  einwendung: NewEinwendung,
): Promise<Einwendung> {
  const author = requireText(einwendung.author, 'Der Name der Einwenderin oder des Einwenders', 200);
  const text = requireText(einwendung.text, 'Der Text der Einwendung');
  const receivedOn = einwendung.receivedOn ? requireDay(einwendung.receivedOn) : now().slice(0, 10);
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
    const unit = einwendung.unit ? await requireUnit(trx, versionId, einwendung.unit) : null;
    const values = {
      version_id: versionId,
      author,
      text,
      received_at: now(),
      recorded_by: actor.name,
      received_on: receivedOn,
      unit,
      answer: null,
      decision: null,
      answered_at: null,
      answered_by: null,
    };
    const row = await trx.insertInto('einwendung').values(values).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      budgetId: v.budgetId,
      versionId,
      action: 'einwendung',
      target: `Einwendung ${row.id}`,
      new: { author, text, receivedOn, unit },
      reason: 'Einwendung erfasst',
    });
    return einwendungOf({ ...values, id: row.id });
  });
}

export async function answerEinwendung(
  ctx: StoreContext,
  actor: Actor,
  versionId: number,
  id: number,
  given: { answer: string; decision: EinwendungDecision },
): Promise<Einwendung> {
  const answer = requireText(given.answer, 'Die Antwort');
  if (!EINWENDUNG_DECISIONS.includes(given.decision))
    throw new StoreError('invalid', `Unbekannte Entscheidung „${(given.decision as string).slice(0, 40)}“.`);
  return ctx.db.transaction().execute(async (trx) => {
    const v = await versionRow(trx, versionId);
    if (!mayAnswerEinwendung(actor, stateOf(v))) {
      throw new StoreError(
        mayAdminister(actor) ? 'invalid' : 'forbidden',
        mayAdminister(actor)
          ? 'Einwendungen werden zum ausgelegten Entwurf beantwortet.'
          : 'Nur die Kämmerei beantwortet Einwendungen.',
      );
    }
    const old = await trx
      .selectFrom('einwendung')
      .selectAll()
      .where('id', '=', id)
      .where('version_id', '=', versionId)
      .executeTakeFirst();
    if (!old) throw new StoreError('not-found', `Version ${versionId} hat keine Einwendung Nr. ${id}.`);
    const answered = { answer, decision: given.decision, answered_at: now(), answered_by: actor.name };
    await trx.updateTable('einwendung').set(answered).where('id', '=', id).execute();
    await appendAudit(trx, actor, {
      budgetId: v.budgetId,
      versionId,
      action: 'einwendung',
      target: `Einwendung ${id}`,
      old: old.answer === null ? null : { answer: old.answer, decision: old.decision },
      new: { answer, decision: given.decision },
      reason: 'Einwendung beantwortet',
    });
    return einwendungOf({ ...old, ...answered });
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
  return rows.map(einwendungOf);
}
