/**
 * Users, sessions and API tokens: who may sign in, with which role and Produktbereiche, and the secrets that
 * stand for a signed-in user (stored only as their SHA-256). Part of the store (`store.ts` delegates here).
 */
import type { Kysely, Selectable } from 'kysely';
import type { SessionInfo, UserInfo } from './api.js';
import { StoreError } from './api.js';
import { appendAudit, now, requireText } from './audit-log.js';
import { DUMMY_HASH, hashPassword, newToken, tokenHash, verifyPassword } from './passwords.js';
import type { Tables } from './tables.js';
import { ROLES, mayAdminister, type Actor, type Role } from './workflow.js';

const SESSION_HOURS = 12;

export class Accounts {
  constructor(private readonly db: Kysely<Tables>) {}

  private static userInfo(r: Selectable<Tables['app_user']>): UserInfo {
    const { id, name, role, produktbereiche } = Accounts.actorOf(r);
    return { id: id as number, name, role: role as Role, produktbereiche, createdAt: r.created_at };
  }

  private static actorOf(r: Selectable<Tables['app_user']>): Actor {
    return {
      id: r.id,
      name: r.name,
      role: r.role as Role,
      produktbereiche: JSON.parse(r.produktbereiche) as string[],
    };
  }

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
    checkPassword(user.password);
    const produktbereiche = user.role === 'fachbereich' ? [...(user.produktbereiche ?? [])] : [];
    if (user.role === 'fachbereich' && produktbereiche.length === 0) {
      throw new StoreError('invalid', 'Ein Fachbereich braucht mindestens einen Produktbereich.');
    }
    const hash = await hashPassword(user.password);
    return this.db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('app_user')
        .select('id')
        .where('name', '=', user.name)
        .executeTakeFirst();
      if (exists) throw new StoreError('conflict', `Den Benutzer ${user.name} gibt es schon.`);
      const row = await trx
        .insertInto('app_user')
        .values({
          name: user.name,
          role: user.role,
          password_hash: hash,
          produktbereiche: JSON.stringify(produktbereiche),
          created_at: now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
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
      const row = await trx.selectFrom('app_user').select('id').where('name', '=', name).executeTakeFirst();
      if (!row) throw new StoreError('not-found', `Den Benutzer ${name} gibt es nicht.`);
      await trx.deleteFrom('session').where('user_id', '=', row.id).execute();
      await trx.deleteFrom('api_token').where('user_id', '=', row.id).execute();
      await trx.deleteFrom('app_user').where('id', '=', row.id).execute();
      await appendAudit(trx, actor, {
        budgetId: null,
        versionId: null,
        action: 'user',
        target: name,
        old: { name },
        reason: 'Benutzer entfernt',
      });
    });
  }

  async setPassword(actor: Actor, name: string, password: string): Promise<void> {
    if (!mayAdminister(actor) && actor.name !== name) {
      throw new StoreError(
        'forbidden',
        'Nur die Kämmerei oder der Benutzer selbst darf das Passwort ändern.',
      );
    }
    checkPassword(password);
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('app_user').select('id').where('name', '=', name).executeTakeFirst();
      if (!row) throw new StoreError('not-found', `Den Benutzer ${name} gibt es nicht.`);
      await trx.updateTable('app_user').set({ password_hash: hash }).where('id', '=', row.id).execute();
      await trx.deleteFrom('session').where('user_id', '=', row.id).execute();
      await appendAudit(trx, actor, {
        budgetId: null,
        versionId: null,
        action: 'user',
        target: name,
        reason: 'Passwort geändert',
      });
    });
  }

  async login(name: string, password: string): Promise<{ token: string; session: SessionInfo }> {
    const row = await this.db.selectFrom('app_user').selectAll().where('name', '=', name).executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok)
      throw new StoreError('unauthenticated', 'Anmeldung fehlgeschlagen: Benutzername oder Passwort falsch.');
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
    return { token, session: { actor: Accounts.actorOf(row), csrf, expiresAt: expires.toISOString() } };
  }

  async session(token: string): Promise<SessionInfo | undefined> {
    const row = await this.db
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .selectAll('app_user')
      .select(['session.csrf', 'session.expires_at'])
      .where('session.token_hash', '=', tokenHash(token))
      .where('session.expires_at', '>', now())
      .executeTakeFirst();
    if (!row) return undefined;
    return { actor: Accounts.actorOf(row), csrf: row.csrf, expiresAt: row.expires_at };
  }

  async logout(token: string): Promise<void> {
    await this.db.deleteFrom('session').where('token_hash', '=', tokenHash(token)).execute();
  }

  async createApiToken(actor: Actor, label: string): Promise<{ token: string }> {
    if (actor.id === null) throw new StoreError('invalid', 'API-Schlüssel gehören zu einem Benutzer.');
    const text = requireText(label, 'Die Bezeichnung', 200);
    const token = newToken();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('api_token')
        .values({ token_hash: tokenHash(token), user_id: actor.id as number, label: text, created_at: now() })
        .execute();
      await appendAudit(trx, actor, {
        budgetId: null,
        versionId: null,
        action: 'api-token',
        target: text,
        reason: 'API-Schlüssel erstellt',
      });
    });
    return { token };
  }

  async actorForApiToken(token: string): Promise<Actor | undefined> {
    const row = await this.db
      .selectFrom('api_token')
      .innerJoin('app_user', 'app_user.id', 'api_token.user_id')
      .selectAll('app_user')
      .where('api_token.token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    return row ? Accounts.actorOf(row) : undefined;
  }
}

function checkPassword(password: string): void {
  if (password.length < 10)
    throw new StoreError('invalid', 'Das Passwort muss mindestens 10 Zeichen lang sein.');
  if (password.length > 1024)
    throw new StoreError('invalid', 'Das Passwort ist zu lang (höchstens 1.024 Zeichen).');
}
