/** Users (Kämmerei only; the store decides): list, add, remove, set a password. */
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../store/workflow.js';
import { actorOf } from '../auth.js';
import { object, password, produktbereiche, role, userName } from '../schemas.js';
import type { Context } from '../server.js';

export function userRoutes(app: FastifyInstance, { store }: Context): void {
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
        summary: 'Ein Passwort setzen',
        tags,
        params: nameParams,
        body: object({ password }, ['password']),
      },
    },
    async (request) => {
      await store.setPassword(
        actorOf(request),
        (request.params as { name: string }).name,
        (request.body as { password: string }).password,
      );
      return { ok: true };
    },
  );
}
