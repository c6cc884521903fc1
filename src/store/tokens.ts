/**
 * API tokens for scripts: made for a user with an expiry (at most a year), listed, revoked, and checked on
 * every request that presents one (its last use written at most once an hour). Stored as SHA-256 only; the
 * first 16 hex digits of that hash are the token's public id. Every write and its audit entry are one
 * transaction.
 */
import type { Kysely, Selectable } from 'kysely';
import { mayAdminister, type Actor } from '../core/workflow.js';
import { actorOfRow } from './accounts.js';
import type { ApiTokenCheck, ApiTokenInfo, NewApiToken } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, now, requireText } from './audit-log.js';
import { AUTH_TTL_MS, remembered } from './fresh.js';
import { newToken, tokenHash } from './passwords.js';
import type { Tables } from './tables.js';
import { TOKEN_DAYS } from './token-days.js';

export { TOKEN_DAYS };

/** Validity of an API token in days: chosen when it is made, 90 unless said otherwise, at most a year. */
/** A token's last use is written at most once an hour: not a write per request. */
const LAST_USE_EVERY_MS = 3600_000;
const TOKEN_ID = /^[0-9a-f]{16}$/u;
const DAY_MS = 86_400_000;

type TokenRow = Pick<
  Selectable<Tables['api_token']>,
  'id' | 'token_hash' | 'label' | 'created_at' | 'expires_at' | 'last_used_at' | 'revoked_at'
> & { readonly user: string };

function tokenInfo(r: TokenRow, at = now()): ApiTokenInfo {
  const status = r.revoked_at ? 'revoked' : !r.expires_at || r.expires_at <= at ? 'expired' : 'active';
  return {
    id: r.id ?? r.token_hash.slice(0, 16),
    user: r.user,
    label: r.label,
    createdAt: r.created_at,
    expiresAt: r.expires_at ?? r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    status,
  };
}

// ── API tokens ─────────────────────────────────────────────────────────────────────────────────────────

export async function createApiToken(
  db: Kysely<Tables>,
  actor: Actor,
  label: string,
  options: { readonly days?: number; readonly user?: string } = {},
): Promise<NewApiToken> {
  const text = requireText(label, 'Die Bezeichnung', 200);
  const days = options.days ?? TOKEN_DAYS.default;
  if (!Number.isInteger(days) || days < TOKEN_DAYS.min || days > TOKEN_DAYS.max)
    throw new StoreError(
      'invalid',
      `Ein API-Token gilt ${TOKEN_DAYS.min} bis ${TOKEN_DAYS.max} Tage, nicht ${String(days)}.`,
    );
  const forOther = options.user !== undefined && (actor.id === null || options.user !== actor.name);
  if (forOther && actor.role !== 'system')
    throw new StoreError('forbidden', 'API-Tokens lassen sich nur für das eigene Benutzerkonto erstellen.');
  if (!forOther && actor.id === null)
    throw new StoreError('invalid', 'API-Schlüssel gehören zu einem Benutzer.');
  const token = newToken();
  const hash = tokenHash(token);
  const created = new Date();
  const row: TokenRow = {
    id: hash.slice(0, 16),
    token_hash: hash,
    label: text,
    created_at: created.toISOString(),
    expires_at: new Date(created.getTime() + days * DAY_MS).toISOString(),
    last_used_at: null,
    revoked_at: null,
    user: forOther ? (options.user ?? '') : actor.name,
  };
  await db.transaction().execute(async (trx) => {
    const owner = await trx
      .selectFrom('app_user')
      .select('id')
      .$call((q) => (forOther ? q.where('name', '=', row.user) : q.where('id', '=', actor.id as number)))
      .executeTakeFirst();
    if (!owner)
      throw forOther
        ? new StoreError('not-found', `Den Benutzer ${row.user} gibt es nicht.`)
        : new StoreError('unauthenticated', 'Ihr Benutzerkonto gibt es nicht mehr.');
    await trx
      .insertInto('api_token')
      .values({
        token_hash: row.token_hash,
        id: row.id,
        user_id: owner.id,
        label: row.label,
        created_at: row.created_at,
        expires_at: row.expires_at,
      })
      .execute();
    await appendAudit(trx, actor, {
      budgetId: null,
      versionId: null,
      action: 'api-token',
      target: row.id ?? '',
      new: { user: row.user, label: row.label, expiresAt: row.expires_at },
      reason: 'API-Schlüssel erstellt',
    });
  });
  return { ...tokenInfo(row), token };
}

function tokenRows(db: Kysely<Tables>) {
  return db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .select([
      'api_token.id',
      'api_token.token_hash',
      'api_token.label',
      'api_token.created_at',
      'api_token.expires_at',
      'api_token.last_used_at',
      'api_token.revoked_at',
      'api_token.user_id',
      'app_user.name as user',
    ]);
}

export async function listApiTokens(
  db: Kysely<Tables>,
  actor: Actor,
  filter: { readonly user?: string; readonly all?: boolean } = {},
): Promise<ApiTokenInfo[]> {
  const others = filter.all === true || (filter.user !== undefined && filter.user !== actor.name);
  if (others && !mayAdminister(actor))
    throw new StoreError('forbidden', 'Nur die Kämmerei sieht die API-Tokens anderer.');
  let query = tokenRows(db);
  if (filter.user !== undefined) query = query.where('app_user.name', '=', filter.user);
  else if (filter.all !== true && actor.id !== null) query = query.where('api_token.user_id', '=', actor.id);
  const rows = await query.orderBy('api_token.created_at', 'desc').orderBy('api_token.token_hash').execute();
  const at = now();
  return rows.map((r) => tokenInfo(r, at));
}

export async function revokeApiToken(db: Kysely<Tables>, actor: Actor, id: string): Promise<ApiTokenInfo> {
  const missing = new StoreError(
    'not-found',
    `Ein API-Token mit der Kennung ${id.slice(0, 40)}, das noch nicht widerrufen ist, gibt es nicht.`,
  );
  if (!TOKEN_ID.test(id)) throw missing;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('api_token')
      .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
      .select(['api_token.user_id', 'app_user.name as user'])
      .where('api_token.id', '=', id)
      .executeTakeFirst();
    // another's token is as unknown as a token that is not there (ids are not secret, but say nothing)
    if (!row || (!mayAdminister(actor) && row.user_id !== actor.id)) throw missing;
    const revoked = await trx
      .updateTable('api_token')
      .set({ revoked_at: now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(['id', 'token_hash', 'label', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
      .executeTakeFirst();
    if (!revoked) throw missing;
    await appendAudit(trx, actor, {
      budgetId: null,
      versionId: null,
      action: 'api-token',
      target: id,
      old: { user: row.user, label: revoked.label },
      reason: 'API-Schlüssel widerrufen',
    });
    return tokenInfo({ ...revoked, user: row.user });
  });
}

/**
 * Whether a presented token is valid, and whose it is. A valid one is kept in memory on PostgreSQL for a few
 * seconds at most, never past its expiry, and forgotten at once when tokens, sessions or users change
 * (`fresh.ts`): a revoked token is refused as soon as the revocation's notification arrives.
 */
export async function checkApiToken(db: Kysely<Tables>, token: string): Promise<ApiTokenCheck> {
  const hash = tokenHash(token);
  const { check } = await remembered(
    db,
    `token:${hash}`,
    () => lookUpToken(db, hash),
    ({ check, expiresAt }) =>
      check.ok && expiresAt ? Math.min(Date.parse(expiresAt), Date.now() + AUTH_TTL_MS) : undefined,
  );
  return check;
}

async function lookUpToken(
  db: Kysely<Tables>,
  hash: string,
): Promise<{ readonly check: ApiTokenCheck; readonly expiresAt?: string }> {
  const row = await db
    .selectFrom('api_token')
    .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
    .selectAll('app_user')
    .select([
      'api_token.id as token_id',
      'api_token.created_at as token_created_at',
      'api_token.token_hash',
      'api_token.expires_at',
      'api_token.last_used_at',
      'api_token.revoked_at',
    ])
    .where('api_token.token_hash', '=', hash)
    .executeTakeFirst();
  if (!row) return { check: { ok: false, reason: 'unknown' } };
  if (row.revoked_at) return { check: { ok: false, reason: 'revoked', at: row.revoked_at } };
  const at = new Date();
  if (!row.expires_at || row.expires_at <= at.toISOString())
    return { check: { ok: false, reason: 'expired', at: row.expires_at ?? row.token_created_at } };
  const cutoff = new Date(at.getTime() - LAST_USE_EVERY_MS).toISOString();
  if (!row.last_used_at || row.last_used_at < cutoff) {
    await db
      .updateTable('api_token')
      .set({ last_used_at: at.toISOString() })
      .where('token_hash', '=', row.token_hash)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', cutoff)]))
      .execute();
  }
  return {
    check: { ok: true, actor: actorOfRow(row), id: row.token_id ?? row.token_hash.slice(0, 16) },
    expiresAt: row.expires_at,
  };
}

export async function actorForApiToken(db: Kysely<Tables>, token: string): Promise<Actor | undefined> {
  const check = await checkApiToken(db, token);
  return check.ok ? check.actor : undefined;
}
