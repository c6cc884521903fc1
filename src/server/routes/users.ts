/**
 * Users (the store decides who may): list, add, remove (Kämmerei), set a password (the Kämmerei anyone's; a
 * user its own, naming the current one, which counts against the login limits like a login).
 */
import type { UserStore } from '../../store/parts.js';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../core/workflow.js';
import { actorOf, clearSessionCookie } from '../auth.js';
import { LoginRefused, type LoginAttempt } from '../login-limit.js';
import { object, password, produktbereiche, role, userName } from '../schemas.js';
import type { Context } from '../server.js';
import { limited, tooManyAttempts } from './session.js';

export function userRoutes(app: FastifyInstance, { store, cookies, loginLimiter }: Context<UserStore>): void {
  const tags = ['Benutzer'];
  const nameParams = object({ name: userName }, ['name']);
  app.get(
    '/api/users',
    { config: { access: 'user' }, schema: { summary: 'Benutzer', tags } },
    async (request) => ({
      users: await store.listUsers(actorOf(request)),
    }),
  );

  app.post(
    '/api/users',
    {
      schema: {
        summary: 'Einen Benutzer anlegen',
        tags,
        body: object({ name: userName, password, role, produktbereiche }, ['name', 'password', 'role']),
      },
    },
    async (request, reply) => {
      const body = request.body as { name: string; password: string; role: Role; produktbereiche?: string[] };
      return reply.code(201).send(await store.addUser(actorOf(request), body));
    },
  );

  app.delete(
    '/api/users/:name',
    { schema: { summary: 'Einen Benutzer entfernen', tags, params: nameParams } },
    async (request) => {
      await store.removeUser(actorOf(request), (request.params as { name: string }).name);
      return { ok: true };
    },
  );

  app.put(
    '/api/users/:name/password',
    {
      schema: {
        summary:
          'Ein Passwort setzen (beendet die Sitzungen des Benutzers und widerruft seine API-Tokens); ' +
          'das eigene nur mit dem bisherigen (currentPassword)',
        tags,
        params: nameParams,
        body: object({ password, currentPassword: password }, ['password']),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { name } = request.params as { name: string };
      const body = request.body as { password: string; currentPassword?: string };
      const change = () => store.setPassword(actor, name, body.password, body.currentPassword);
      if (actor.id === null || actor.name !== name) {
        await change();
        return { ok: true };
      }
      // one's own: the current password is a guess like a login's
      let attempt: LoginAttempt;
      try {
        attempt = loginLimiter.begin(request.ip, name);
      } catch (e) {
        throw e instanceof LoginRefused ? tooManyAttempts(reply, e) : e;
      }
      await limited(reply, attempt, 'forbidden', change);
      // the store ended every session of the user, this one too
      if (request.via === 'cookie') clearSessionCookie(request, reply, cookies);
      return { ok: true, signedOut: request.via === 'cookie' };
    },
  );
}
