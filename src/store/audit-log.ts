/**
 * What every part of the store shares: the database handle inside or outside a transaction, the time stamp,
 * the checks of user-supplied text, and the append to the audit trail (every change writes one entry in its
 * own transaction; the database refuses updates and deletes of the trail).
 */
import type { Kysely, Transaction } from 'kysely';
import { formatCount } from '../core/money.js';
import { StoreError } from './api.js';
import type { Tables } from './tables.js';
import type { Actor } from '../core/workflow.js';

export type Db = Kysely<Tables> | Transaction<Tables>;

export const MAX_TEXT = 20_000;

export function now(): string {
  return new Date().toISOString();
}

/** A text a user must give (a reason, a name): trimmed, not empty, at most `max` characters. */
export function requireText(value: string, field: string, max = MAX_TEXT): string {
  const text = value.trim();
  if (text === '') throw new StoreError('invalid', `${field} fehlt.`);
  if (text.length > max)
    throw new StoreError('invalid', `${field} ist länger als ${formatCount(max)} Zeichen.`);
  return text;
}

export interface AuditRecord {
  readonly budgetId: number | null;
  readonly versionId: number | null;
  readonly action: string;
  readonly target: string;
  readonly old?: unknown;
  readonly new?: unknown;
  readonly reason: string;
  readonly effect?: number | null;
  /** The Produktbereich of the node a content edit is about (a Fachbereich reads these entries). */
  readonly produktbereich?: string;
  /** The group of the entries one change of several cells writes. */
  readonly group?: string;
}

/** Audit rows per INSERT: 12 parameters each, well below the parameter limits of SQLite and PostgreSQL. */
const AUDIT_ROWS_PER_INSERT = 500;

export async function appendAudit(db: Db, actor: Actor, entry: AuditRecord): Promise<void> {
  await appendAudits(db, actor, [entry]);
}

/** Several entries of one change, with one time stamp, in as few statements as the parameter limits allow. */
export async function appendAudits(db: Db, actor: Actor, entries: readonly AuditRecord[]): Promise<void> {
  const at = now();
  const rows = entries.map((entry) => ({
    at,
    actor: actor.name,
    budget_id: entry.budgetId,
    version_id: entry.versionId,
    action: entry.action,
    target: entry.target,
    old_value: entry.old === undefined ? null : JSON.stringify(entry.old),
    new_value: entry.new === undefined ? null : JSON.stringify(entry.new),
    reason: entry.reason,
    effect: entry.effect ?? null,
    produktbereich: entry.produktbereich ?? null,
    group_id: entry.group ?? null,
  }));
  for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_INSERT)
    await db
      .insertInto('audit')
      .values(rows.slice(i, i + AUDIT_ROWS_PER_INSERT))
      .execute();
}
