/** Login, logout, who am I (`/api/session`), and API tokens for automation (`/api/tokens`). */
import type { FastifyInstance } from 'fastify';
import type { SessionInfo } from '../../store/api.js';
import { ROLE_LABEL } from '../../store/workflow.js';
import { actorOf, clearSessionCookie, setSessionCookie } from '../auth.js';
import { ApiError, unauthenticated } from '../errors.js';
import { object, password, text, userName } from '../schemas.js';
import type { Context } from '../server.js';

function sessionView(session: Pick<SessionInfo, 'actor' | 'csrf' | 'expiresAt'>) {
  const a = session.actor;
  return {
    user: {
      name: a.name,
      role: a.role,
      roleLabel: a.role === 'system' ? 'System' : ROLE_LABEL[a.role],
      produktbereiche: a.produktbereiche,
    },
    csrf: session.csrf,
    expiresAt: session.expiresAt,
  };
}

export function sessionRoutes(app: FastifyInstance, { store, cookies, loginLimit }: Context): void {
  app.post(
    '/api/session',
    {
      config: {
        access: 'public',
        csrf: false,
        rateLimit: {
          max: loginLimit.max,
          timeWindow: loginLimit.timeWindow,
          hook: 'preHandler',
          keyGenerator: (request) => {
            const body = request.body as { name?: unknown } | undefined;
            return `${request.ip}|${typeof body?.name === 'string' ? body.name.toLowerCase() : ''}`;
          },
          errorResponseBuilder: (_request, context) =>
            new ApiError(
              429,
              'rate-limited',
              `Zu viele Anmeldeversuche; bitte in ${Math.ceil(context.ttl / 1000)} Sekunden erneut versuchen.`,
            ),
        },
      },
      schema: {
        summary: 'Anmelden: setzt das Sitzungs-Cookie und liefert das CSRF-Token',
        tags: ['Sitzung'],
        body: object({ name: userName, password }, ['name', 'password']),
      },
    },
    async (request, reply) => {
      const { name, password: pw } = request.body as { name: string; password: string };
      const { token, session } = await store.login(name, pw);
      setSessionCookie(request, reply, cookies, token, session.expiresAt);
      return sessionView(session);
    },
  );

  app.get(
    '/api/session',
    { schema: { summary: 'Die eigene Sitzung: Benutzer, Rolle, CSRF-Token', tags: ['Sitzung'] } },
    async (request) => {
      const actor = request.actor;
      if (!actor) throw unauthenticated();
      if (request.via === 'token') return sessionView({ actor, csrf: '', expiresAt: '' });
      const session = await store.session(request.sessionToken ?? '');
      if (!session) throw unauthenticated();
      return sessionView(session);
    },
  );

  app.delete(
    '/api/session',
    { config: { access: 'public' }, schema: { summary: 'Abmelden', tags: ['Sitzung'] } },
    async (request, reply) => {
      if (request.sessionToken) await store.logout(request.sessionToken);
      clearSessionCookie(request, reply, cookies);
      return { ok: true };
    },
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        summary: 'Ein API-Token für Automatisierung anlegen (wird nur einmal gezeigt)',
        tags: ['Sitzung'],
        body: object({ label: text(200, 1) }, ['label']),
      },
    },
    async (request, reply) => {
      const { label } = request.body as { label: string };
      const { token } = await store.createApiToken(actorOf(request), label);
      return reply.code(201).send({ token });
    },
  );
}
