/**
 * Login, logout, who am I (`/api/session`), and API tokens for automation (`/api/tokens`: make, list,
 * revoke). Logins pass the limits of `login-limit.ts`; a refusal is 429 with `Retry-After`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { StoreError, type SessionInfo } from '../../store/api.js';
import type { SessionStore } from '../../store/parts.js';
import { ROLE_LABEL } from '../../core/workflow.js';
import { actorOf, clearSessionCookie, setSessionCookie } from '../auth.js';
import { ApiError, unauthenticated } from '../errors.js';
import { LoginRefused, type LoginAttempt } from '../login-limit.js';
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

/** The 429 answer of a refused attempt, with `Retry-After`. */
export function tooManyAttempts(reply: FastifyReply, refused: LoginRefused): ApiError {
  void reply.header('retry-after', String(refused.retryAfter));
  return new ApiError(429, 'rate-limited', refused.message);
}

/**
 * Runs a password check under the limits: `failedWith` tells which store error is a failed guess (counted;
 * answered 429 instead while the budget of unknown names is spent); any other outcome gives the places back.
 */
export async function limited<T>(
  reply: FastifyReply,
  attempt: LoginAttempt,
  failedWith: StoreError['code'],
  run: () => Promise<T>,
): Promise<T> {
  try {
    const result = await run();
    attempt.succeeded();
    return result;
  } catch (e) {
    if (e instanceof LoginRefused) throw tooManyAttempts(reply, e);
    if (e instanceof StoreError && e.code === failedWith) {
      const refused = attempt.failed();
      throw refused ? tooManyAttempts(reply, refused) : e;
    }
    attempt.abandoned();
    throw e;
  }
}

export const tokenId = { type: 'string', pattern: '^[0-9a-f]{16}$' } as const;

export function sessionRoutes(
  app: FastifyInstance,
  { store, cookies, loginLimiter }: Context<SessionStore>,
): void {
  app.post(
    '/api/session',
    {
      config: { access: 'public', csrf: false },
      schema: {
        summary: 'Anmelden: setzt das Sitzungs-Cookie und liefert das CSRF-Token',
        tags: ['Sitzung'],
        body: object({ name: userName, password }, ['name', 'password']),
      },
    },
    async (request, reply) => {
      const { name, password: pw } = request.body as { name: string; password: string };
      let attempt: LoginAttempt;
      try {
        attempt = loginLimiter.begin(request.ip, name);
      } catch (e) {
        throw e instanceof LoginRefused ? tooManyAttempts(reply, e) : e;
      }
      const { token, session } = await limited(reply, attempt, 'unauthenticated', () =>
        store.login(name, pw, attempt),
      );
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

  const tags = ['API-Tokens'];

  app.post(
    '/api/tokens',
    {
      schema: {
        summary: 'Ein API-Token für Automatisierung anlegen (das Geheimnis wird nur einmal gezeigt)',
        tags,
        body: object({ label: text(200, 1), days: { type: 'integer', minimum: 1, maximum: 365 } }, ['label']),
      },
    },
    async (request, reply) => {
      // a token makes no tokens: one that leaked must not be able to outlive its own expiry
      if (request.via === 'token')
        throw new ApiError(
          403,
          'forbidden',
          'API-Tokens lassen sich nur nach einer Anmeldung erstellen, nicht mit einem API-Token.',
        );
      const { label, days } = request.body as { label: string; days?: number };
      const created = await store.createApiToken(actorOf(request), label, days === undefined ? {} : { days });
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/tokens',
    {
      config: { access: 'user' },
      schema: {
        summary: 'API-Tokens: die eigenen; die Kämmerei die eines Benutzers (user) oder alle (all=true)',
        tags,
        querystring: object({ user: userName, all: { type: 'string', enum: ['true', 'false'] } }),
      },
    },
    async (request) => {
      const q = request.query as { user?: string; all?: 'true' | 'false' };
      return {
        tokens: await store.listApiTokens(actorOf(request), {
          ...(q.user !== undefined ? { user: q.user } : {}),
          all: q.all === 'true',
        }),
      };
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: {
        summary: 'Ein API-Token widerrufen (ein eigenes; die Kämmerei jedes)',
        tags,
        params: object({ id: tokenId }, ['id']),
      },
    },
    async (request) => ({
      token: await store.revokeApiToken(actorOf(request), (request.params as { id: string }).id),
    }),
  );
}
