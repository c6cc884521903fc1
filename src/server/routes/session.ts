/**
 * Login, logout, who am I (`/api/session`), and API tokens for automation (`/api/tokens`: make, list,
 * revoke). Logins pass the limits of `login-limit.ts`; a refusal is 429 with `Retry-After`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { StoreError, type SessionInfo } from '../../store/api.js';
import { ROLE_LABEL } from '../../core/workflow.js';
import { actorOf, clearSessionCookie, setSessionCookie } from '../auth.js';
import { ApiError, unauthenticated } from '../errors.js';
import { LoginRefused, type LoginAttempt } from '../login-limit.js';
import type { SessionStore } from '../../store/parts.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';

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

export function sessionRoutes(
  app: FastifyInstance,
  { store, cookies, loginLimiter }: Context<SessionStore>,
): void {
  on(
    app,
    'POST /api/session',
    async (request, reply) => {
      const { name, password } = request.body;
      let attempt: LoginAttempt;
      try {
        attempt = loginLimiter.begin(request.ip, name);
      } catch (e) {
        throw e instanceof LoginRefused ? tooManyAttempts(reply, e) : e;
      }
      const { token, session } = await limited(reply, attempt, 'unauthenticated', () =>
        store.login(name, password, attempt),
      );
      setSessionCookie(request, reply, cookies, token, session.expiresAt);
      return sessionView(session);
    },
    { access: 'public', csrf: false },
  );

  on(app, 'GET /api/session', async (request) => {
    const actor = request.actor;
    if (!actor) throw unauthenticated();
    if (request.via === 'token') return sessionView({ actor, csrf: '', expiresAt: '' });
    const session = await store.session(request.sessionToken ?? '');
    if (!session) throw unauthenticated();
    return sessionView(session);
  });

  on(
    app,
    'DELETE /api/session',
    async (request, reply) => {
      if (request.sessionToken) await store.logout(request.sessionToken);
      clearSessionCookie(request, reply, cookies);
      return { ok: true } as const;
    },
    { access: 'public' },
  );

  on(app, 'POST /api/tokens', async (request, reply) => {
    // a token makes no tokens: one that leaked must not be able to outlive its own expiry
    if (request.via === 'token')
      throw new ApiError(
        403,
        'forbidden',
        'API-Tokens lassen sich nur nach einer Anmeldung erstellen, nicht mit einem API-Token.',
      );
    const { label, days } = request.body;
    const created = await store.createApiToken(actorOf(request), label, days === undefined ? {} : { days });
    return reply.code(201).send(created);
  });

  on(
    app,
    'GET /api/tokens',
    async (request) => {
      const q = request.query;
      return {
        tokens: await store.listApiTokens(actorOf(request), {
          ...(q.user !== undefined ? { user: q.user } : {}),
          all: q.all === 'true',
        }),
      };
    },
    { access: 'user' },
  );

  on(app, 'DELETE /api/tokens/:id', async (request) => ({
    token: await store.revokeApiToken(actorOf(request), request.params.id),
  }));
}
