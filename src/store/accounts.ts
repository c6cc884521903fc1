/**
 * Users and sessions: who may sign in, with which role and Produktbereiche, and the sessions that stand for
 * a signed-in user (stored only as their SHA-256). API tokens are `tokens.ts`. Part of the store (`store.ts`
 * delegates here).
 *
 * Every write checks in the same transaction that it changed what it meant to change (`RETURNING`, a count)
 * before it writes the audit entry, so that requests racing for the same change make one change and one
 * entry; the others get `not-found` or `conflict`. Removing a user first claims the Kämmerei's rows (a write,
 * so in PostgreSQL row locks and in SQLite the write lock): removals run one after another, and the last
 * Kämmerei user stays whatever runs at once.
 *
 * Passwords: the policy of `password-policy.ts`, scrypt at today's cost (`passwords.ts`) with at most a few
 * hashes at once; a login with an unknown name does no password work but waits as long as a verification.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { LoginGuard, SessionInfo, UserInfo } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, now } from './audit-log.js';
import { AUTH_TTL_MS, remembered } from './fresh.js';
import { checkPassword } from './password-policy.js';
import { PasswordWork, hashPassword, needsRehash, newToken, tokenHash, verifyPassword } from './passwords.js';
import type { Tables } from './tables.js';
import { ROLES, mayAdminister, type Actor, type Role } from '../core/workflow.js';

const SESSION_HOURS = 12;

const LOGIN_FAILED = 'Anmeldung fehlgeschlagen: Benutzername oder Passwort falsch.';

/** The actor a user row stands for. */
export function actorOfRow(r: Selectable<Tables['app_user']>): Actor {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    produktbereiche: JSON.parse(r.produktbereiche) as string[],
  };
}

export class Accounts {
  constructor(
    private readonly db: Kysely<Tables>,
    /** Bounds and times the password hashing of this store. */
    readonly work = new PasswordWork(),
  ) {}

  private static userInfo(r: Selectable<Tables['app_user']>): UserInfo {
    const { id, name, role, produktbereiche } = actorOfRow(r);
    return { id: id as number, name, role: role as Role, produktbereiche, createdAt: r.created_at };
  }

  // ── users ──────────────────────────────────────────────────────────────────────────────────────────────

  async addUser(
    actor: Actor,
    user: { name: string; password: string; role: Role; produktbereiche?: readonly string[] },
  ): Promise<UserInfo> {
    if (!mayAdminister(actor)) throw new StoreError('forbidden', 'Nur die Kämmerei darf Benutzer anlegen.');
    if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(user.name)) {
      throw new StoreError(
        'invalid',
        'Der Benutzername darf nur Buchstaben, Ziffern und . _ @ - enthalten (höchstens 64).',
      );
    }
    if (!ROLES.includes(user.role))
      throw new StoreError('invalid', `Unbekannte Rolle ${user.role}; erwartet: ${ROLES.join(', ')}.`);
    checkPassword(user.password, user.name);
    const produktbereiche = user.role === 'fachbereich' ? [...(user.produktbereiche ?? [])] : [];
    if (user.role === 'fachbereich' && produktbereiche.length === 0) {
      throw new StoreError('invalid', 'Ein Fachbereich braucht mindestens einen Produktbereich.');
    }
    const exists = () => new StoreError('conflict', `Den Benutzer ${user.name} gibt es schon.`);
    // a name taken already needs no hash (the insert below decides, also for requests racing)
    if (await this.db.selectFrom('app_user').select('id').where('name', '=', user.name).executeTakeFirst())
      throw exists();
    const hash = await this.work.run(() => hashPassword(user.password));
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('app_user')
        .values({
          name: user.name,
          role: user.role,
          password_hash: hash,
          produktbereiche: JSON.stringify(produktbereiche),
          created_at: now(),
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!row) throw exists();
      await appendAudit(trx, actor, {
        budgetId: null,
        versionId: null,
        action: 'user',
        target: user.name,
        new: { role: user.role, produktbereiche },
        reason: 'Benutzer angelegt',
      });
      return Accounts.userInfo(row);
    });
  }

  async listUsers(actor: Actor): Promise<UserInfo[]> {
    if (!mayAdminister(actor)) throw new StoreError('forbidden', 'Nur die Kämmerei sieht die Benutzer.');
    return (await this.db.selectFrom('app_user').selectAll().orderBy('name').execute()).map((r) =>
      Accounts.userInfo(r),
    );
  }

  async removeUser(actor: Actor, name: string): Promise<void> {
    if (!mayAdminister(actor)) throw new StoreError('forbidden', 'Nur die Kämmerei darf Benutzer entfernen.');
    await this.db.transaction().execute(async (trx) => {
      // claim the Kämmerei's rows: removals queue here (see the module comment)
      const kaemmerei = await trx
        .updateTable('app_user')
        .set({ role: sql<string>`role` })
        .where('role', '=', 'kaemmerei')
        .returning(['id'])
        .execute();
      if (actor.id !== null && !kaemmerei.some((k) => k.id === actor.id))
        throw new StoreError('forbidden', 'Ihr Benutzerkonto gibt es nicht mehr.');
      const removed = await trx
        .deleteFrom('app_user')
        .where('name', '=', name)
        .returning(['id', 'role'])
        .executeTakeFirst();
      if (!removed) throw new StoreError('not-found', `Den Benutzer ${name} gibt es nicht.`);
      if (removed.role === 'kaemmerei' && !kaemmerei.some((k) => k.id !== removed.id)) {
        throw new StoreError(
          'conflict',
          `${name} ist der letzte Benutzer der Kämmerei und kann nicht entfernt werden; zuerst einen weiteren anlegen.`,
        );
      }
      // the references cascade; said again for databases restored without foreign keys
      await trx.deleteFrom('session').where('user_id', '=', removed.id).execute();
      await trx.deleteFrom('api_token').where('user_id', '=', removed.id).execute();
      await appendAudit(trx, actor, {
        budgetId: null,
        versionId: null,
        action: 'user',
        target: name,
        old: { name, role: removed.role },
        reason: 'Benutzer entfernt',
      });
    });
  }

  async setPassword(actor: Actor, name: string, password: string, currentPassword?: string): Promise<void> {
    const own = actor.id !== null && actor.name === name;
    if (!mayAdminister(actor) && !own) {
      throw new StoreError(
        'forbidden',
        'Nur die Kämmerei oder der Benutzer selbst darf das Passwort ändern.',
      );
    }
    checkPassword(password, name);
    // one's own password only with the current one: a session left open is not enough to take the account
    let verified: string | undefined;
    if (own) {
      if (currentPassword === undefined || currentPassword === '')
        throw new StoreError(
          'invalid',
          'Zum Ändern des eigenen Passworts wird das bisherige gebraucht (currentPassword).',
        );
      const row = await this.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', actor.id)
        .executeTakeFirst();
      if (!row) throw new StoreError('not-found', `Den Benutzer ${name} gibt es nicht.`);
      if (!(await this.work.run(() => verifyPassword(currentPassword, row.password_hash))))
        throw new StoreError('forbidden', 'Das bisherige Passwort stimmt nicht.');
      verified = row.password_hash;
    }
    const hash = await this.work.run(() => hashPassword(password));
    await this.db.transaction().execute(async (trx) => {
      let update = trx.updateTable('app_user').set({ password_hash: hash }).where('name', '=', name);
      if (verified !== undefined) update = update.where('password_hash', '=', verified);
      const row = await update.returning(['id']).executeTakeFirst();
      if (!row && verified !== undefined)
        throw new StoreError('conflict', 'Das Passwort wurde inzwischen geändert; bitte erneut versuchen.');
      if (!row) throw new StoreError('not-found', `Den Benutzer ${name} gibt es nicht.`);
      const revoked = await this.endAccess(trx, row.id);
      await appendAudit(trx, actor, {
        budgetId: null,
        versionId: null,
        action: 'user',
        target: name,
        new: { revokedTokens: revoked },
        reason: 'Passwort geändert',
      });
    });
  }

  /** Ends the user's sessions and revokes its API tokens; returns how many tokens were revoked. */
  private async endAccess(trx: Transaction<Tables>, userId: number): Promise<number> {
    await trx.deleteFrom('session').where('user_id', '=', userId).execute();
    const revoked = await trx
      .updateTable('api_token')
      .set({ revoked_at: now() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(revoked.numUpdatedRows);
  }

  // ── sessions ───────────────────────────────────────────────────────────────────────────────────────────

  async login(
    name: string,
    password: string,
    guard?: LoginGuard,
  ): Promise<{ token: string; session: SessionInfo }> {
    const row = await this.db.selectFrom('app_user').selectAll().where('name', '=', name).executeTakeFirst();
    guard?.admit(row !== undefined);
    if (!row) {
      // no password work for a name nobody has: only the time one takes (no user enumeration by timing)
      await this.work.pause();
      throw new StoreError('unauthenticated', LOGIN_FAILED);
    }
    if (!(await this.work.run(() => verifyPassword(password, row.password_hash))))
      throw new StoreError('unauthenticated', LOGIN_FAILED);
    if (needsRehash(row.password_hash)) {
      // a hash of an older, lower cost: today's, now that the password is at hand (unless changed meanwhile)
      const hash = await this.work.run(() => hashPassword(password));
      await this.db
        .updateTable('app_user')
        .set({ password_hash: hash })
        .where('id', '=', row.id)
        .where('password_hash', '=', row.password_hash)
        .execute();
    }
    const token = newToken();
    const csrf = newToken();
    const created = new Date();
    const expires = new Date(created.getTime() + SESSION_HOURS * 3600_000);
    await this.db
      .insertInto('session')
      .values({
        token_hash: tokenHash(token),
        user_id: row.id,
        csrf,
        created_at: created.toISOString(),
        expires_at: expires.toISOString(),
      })
      .execute();
    return { token, session: { actor: actorOfRow(row), csrf, expiresAt: expires.toISOString() } };
  }

  /** The session a token stands for (kept in memory as API tokens are, `fresh.ts`; see `checkApiToken`). */
  session(token: string): Promise<SessionInfo | undefined> {
    const hash = tokenHash(token);
    return remembered(
      this.db,
      `session:${hash}`,
      () => this.lookUpSession(hash),
      (s) => (s ? Math.min(Date.parse(s.expiresAt), Date.now() + AUTH_TTL_MS) : undefined),
    );
  }

  private async lookUpSession(hash: string): Promise<SessionInfo | undefined> {
    const row = await this.db
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .selectAll('app_user')
      .select(['session.csrf', 'session.expires_at'])
      .where('session.token_hash', '=', hash)
      .where('session.expires_at', '>', now())
      .executeTakeFirst();
    if (!row) return undefined;
    return { actor: actorOfRow(row), csrf: row.csrf, expiresAt: row.expires_at };
  }

  async logout(token: string): Promise<void> {
    await this.db.deleteFrom('session').where('token_hash', '=', tokenHash(token)).execute();
  }
}
