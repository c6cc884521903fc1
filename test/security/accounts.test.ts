/**
 * Accounts as a user meets them (security review, issue 13): API tokens made, listed, used, expired and
 * revoked over HTTP and with `haushalt token` against a real server; one's own password changed only with
 * the current one (and guesses at it limited like logins), which ends the sessions and tokens; removals of one
 * user at once; the last Kämmerei user.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTokenInfo, NewApiToken } from '../../src/store/api.js';
import type { KyselyStore } from '../../src/store/store.js';
import { openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { PASSWORD, USERS, addUsers, call, login, memoryServer, type Client } from '../server/helpers.js';
import { haushaltCli, kill, startServer } from '../server/process.js';

let store: KyselyStore;
let app: FastifyInstance;

beforeAll(async () => {
  ({ store, app } = await memoryServer());
  await addUsers(store);
}, 60_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('API tokens over HTTP', () => {
  it('are made with an expiry, listed without their secret, refused when expired or revoked', async () => {
    const kaemmerei = await login(app, USERS.kaemmerei.name);
    const leser = await login(app, USERS.leser.name);
    const made = await call(app, leser, 'POST', '/api/tokens', { label: 'Auswertung', days: 30 });
    expect(made.statusCode).toBe(201);
    const token = made.json<NewApiToken>();
    expect(token).toMatchObject({ user: USERS.leser.name, label: 'Auswertung', status: 'active' });
    expect((Date.parse(token.expiresAt) - Date.parse(token.createdAt)) / 86_400_000).toBe(30);
    expect((await call(app, leser, 'POST', '/api/tokens', { label: 'zu lang', days: 366 })).statusCode).toBe(
      400,
    );
    const bearer: Client = { token: token.token };
    expect((await call(app, bearer, 'GET', '/api/session')).statusCode).toBe(200);
    // a token makes no tokens (a leaked one could outlive its own expiry)
    expect((await call(app, bearer, 'POST', '/api/tokens', { label: 'Kette' })).statusCode).toBe(403);

    const listed = await call(app, leser, 'GET', '/api/tokens');
    expect(listed.statusCode).toBe(200);
    const tokens = listed.json<{ tokens: ApiTokenInfo[] }>().tokens;
    expect(tokens.map((t) => t.id)).toEqual([token.id]);
    expect(tokens[0]!.lastUsedAt).not.toBeNull();
    expect(listed.body).not.toContain(token.token);
    expect((await call(app, leser, 'GET', '/api/tokens?all=true')).statusCode).toBe(403);
    const all = await call(app, kaemmerei, 'GET', `/api/tokens?user=${USERS.leser.name}`);
    expect(all.json<{ tokens: ApiTokenInfo[] }>().tokens.map((t) => t.id)).toEqual([token.id]);

    // expired (a month later)
    await store.db
      .updateTable('api_token')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', token.id)
      .execute();
    const expired = await call(app, bearer, 'GET', '/api/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json<{ message: string }>().message).toMatch(
      /^Das API-Token ist am \d+\.\d+\.\d{4} abgelaufen/,
    );

    // revoked: one's own, or by the Kämmerei; another user's is not found
    const second = (await call(app, leser, 'POST', '/api/tokens', { label: 'zweites' })).json<NewApiToken>();
    expect((await call(app, { token: second.token }, 'GET', '/api/budgets')).statusCode).toBe(200);
    const fb = await login(app, USERS.fachbereich.name);
    expect((await call(app, fb, 'DELETE', `/api/tokens/${second.id}`)).statusCode).toBe(404);
    const revoked = await call(app, kaemmerei, 'DELETE', `/api/tokens/${second.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<{ token: ApiTokenInfo }>().token.status).toBe('revoked');
    expect((await call(app, leser, 'DELETE', `/api/tokens/${second.id}`)).statusCode).toBe(404);
    const refused = await call(app, { token: second.token }, 'GET', '/api/budgets');
    expect(refused.statusCode).toBe(401);
    expect(refused.json<{ message: string }>().message).toMatch(/^Das API-Token wurde am .* widerrufen\.$/);
    const unknown = await call(app, { token: 'A'.repeat(43) }, 'GET', '/api/budgets');
    expect(unknown.json<{ message: string }>().message).toBe('Das API-Token ist ungültig.');
  });
});

describe('passwords over HTTP', () => {
  it("one's own only with the current one; the change ends sessions and tokens; the Kämmerei sets another's", async () => {
    const name = USERS.fachbereich.name;
    const own = await login(app, name);
    const token = (await call(app, own, 'POST', '/api/tokens', { label: 'Skript' })).json<NewApiToken>();
    const url = `/api/users/${name}/password`;
    const missing = await call(app, own, 'PUT', url, { password: 'ein neues Passwort 2' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ message: string }>().message).toMatch(/bisherige/);
    const wrong = await call(app, own, 'PUT', url, {
      password: 'ein neues Passwort 2',
      currentPassword: 'ein falsches Passwort',
    });
    expect(wrong.statusCode).toBe(403);
    const trivial = await call(app, own, 'PUT', url, { password: 'aaaaaaaaaa', currentPassword: PASSWORD });
    expect(trivial.statusCode).toBe(400);
    const changed = await call(app, own, 'PUT', url, {
      password: 'ein neues Passwort 2',
      currentPassword: PASSWORD,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ ok: true, signedOut: true });
    expect(String(changed.headers['set-cookie'])).toMatch(/haushalt_session=;/);
    expect((await call(app, own, 'GET', '/api/session')).statusCode).toBe(401);
    expect((await call(app, { token: token.token }, 'GET', '/api/session')).statusCode).toBe(401);
    const again = await login(app, name, 'ein neues Passwort 2');
    // the Kämmerei: another's without the current one, its own only with it
    const kaemmerei = await login(app, USERS.kaemmerei.name);
    expect((await call(app, kaemmerei, 'PUT', url, { password: PASSWORD })).statusCode).toBe(200);
    expect((await call(app, again, 'GET', '/api/session')).statusCode).toBe(401);
    await login(app, name, PASSWORD);
    const self = `/api/users/${USERS.kaemmerei.name}/password`;
    expect((await call(app, kaemmerei, 'PUT', self, { password: 'ein neues Passwort 2' })).statusCode).toBe(
      400,
    );
    // a Leser sets no one else's
    const leser = await login(app, USERS.leser.name);
    expect((await call(app, leser, 'PUT', url, { password: 'ein neues Passwort 3' })).statusCode).toBe(403);
  });

  it('counts wrong current passwords like failed logins', async () => {
    const limited = await memoryServer({ loginLimits: { perAccount: { max: 3, timeWindow: 60_000 } } });
    try {
      await addUsers(limited.store);
      const leser = await login(limited.app, USERS.leser.name);
      const url = `/api/users/${USERS.leser.name}/password`;
      const guess = () =>
        call(limited.app, leser, 'PUT', url, {
          password: 'ein neues Passwort 2',
          currentPassword: 'geraten geraten',
        });
      for (let i = 0; i < 3; i++) expect((await guess()).statusCode).toBe(403);
      const blocked = await guess();
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.app.close();
      await limited.store.close();
    }
  });
});

describe('users over HTTP', () => {
  it('removes a user once when asked twelve times at once, and never the last Kämmerei user', async () => {
    const kaemmerei = await login(app, USERS.kaemmerei.name);
    await store.addUser(SYSTEM_ACTOR, { name: 'doppelt', password: PASSWORD, role: 'leser' });
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => call(app, kaemmerei, 'DELETE', '/api/users/doppelt')),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, ...Array<number>(11).fill(404)]);
    const entries = (await store.audit(SYSTEM_ACTOR, {})).filter(
      (e) => e.target === 'doppelt' && e.reason === 'Benutzer entfernt',
    );
    expect(entries).toHaveLength(1);
    const last = await call(app, kaemmerei, 'DELETE', `/api/users/${USERS.kaemmerei.name}`);
    expect(last.statusCode).toBe(409);
    expect(last.json<{ message: string }>().message).toMatch(/letzte Benutzer der Kämmerei/);
  });
});

describe('haushalt token', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-token-'));
  const url = `sqlite:${path.join(tmp, 'token.sqlite')}`;
  const haushalt = (args: readonly string[]) => haushaltCli(url, args);

  it('makes, lists and revokes tokens that a real server accepts and then refuses', async () => {
    const s = await openStore({ url });
    await s.addUser(SYSTEM_ACTOR, { name: 'anna', password: PASSWORD, role: 'kaemmerei' });
    await s.close();
    const created = haushalt(['token', 'create', 'anna', '--label', 'Nächtlicher Import', '--days', '30']);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    expect(created.err).toMatch(
      /^API-Token [0-9a-f]{16} für anna erstellt \(„Nächtlicher Import“, gültig bis \d{4}-\d\d-\d\d\)/,
    );
    const secret = created.out.trim();
    const id = /API-Token ([0-9a-f]{16})/.exec(created.err)![1]!;
    expect(haushalt(['token', 'create', 'anna', '--label', 'x', '--days', '400']).code).toBe(2);
    expect(haushalt(['token', 'create', 'niemand', '--label', 'x']).err).toMatch(/niemand gibt es nicht/);

    const table = haushalt(['token', 'list']);
    expect(table.code).toBe(0);
    expect(table.out.split('\n')[0]).toMatch(
      /^Kennung\s+Benutzer\s+Bezeichnung\s+erstellt\s+gültig bis\s+zuletzt benutzt\s+Status$/,
    );
    expect(table.out).toMatch(new RegExp(`${id}\\s+anna\\s+Nächtlicher Import\\s+.*gültig`));
    const json = haushalt(['token', 'list', '--user', 'anna', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({
      tokens: [{ id, user: 'anna', status: 'active', lastUsedAt: null }],
    });
    expect(json.out).not.toContain(secret);

    const server = await startServer(url);
    try {
      const use = () =>
        fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${secret}` } });
      expect((await use()).status).toBe(200);
      const revoked = haushalt(['token', 'revoke', id]);
      expect(revoked.code).toBe(0);
      expect(revoked.out).toBe(`API-Token ${id} von anna („Nächtlicher Import“) widerrufen.\n`);
      const refused = await use();
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as { message: string }).message).toMatch(/widerrufen/);
      expect(haushalt(['token', 'revoke', id]).code).toBe(2);
      expect(haushalt(['token', 'list']).out).toMatch(new RegExp(`${id}.*widerrufen`));
    } finally {
      await kill(server.child);
    }
  });
});
