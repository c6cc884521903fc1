/**
 * Users (the store decides who may): list, add, remove (Kämmerei), set a password (the Kämmerei anyone's; a
 * user its own, naming the current one, which counts against the login limits like a login).
 */
import type { FastifyInstance } from 'fastify';
import { actorOf, clearSessionCookie } from '../auth.js';
import { LoginRefused, type LoginAttempt } from '../login-limit.js';
import type { UserStore } from '../../store/parts.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { limited, tooManyAttempts } from './session.js';

export function userRoutes(app: FastifyInstance, { store, cookies, loginLimiter }: Context<UserStore>): void {
  on(app, 'GET /api/users', async (request) => ({ users: await store.listUsers(actorOf(request)) }), {
    access: 'user',
  });

  on(app, 'POST /api/users', async (request, reply) =>
    reply.code(201).send(await store.addUser(actorOf(request), request.body)),
  );

  on(app, 'DELETE /api/users/:name', async (request) => {
    await store.removeUser(actorOf(request), request.params.name);
    return { ok: true } as const;
  });

  on(app, 'PUT /api/users/:name/password', async (request, reply) => {
    const actor = actorOf(request);
    const { name } = request.params;
    const body = request.body;
    const change = () => store.setPassword(actor, name, body.password, body.currentPassword);
    if (actor.id === null || actor.name !== name) {
      await change();
      return { ok: true } as const;
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
    return { ok: true, signedOut: request.via === 'cookie' } as const;
  });
}
