/**
 * Who is asking: a session cookie (`haushalt_session`, HttpOnly, SameSite=Strict, Path=/, Secure behind https)
 * or an API token (`Authorization: Bearer …`; an expired or revoked one is 401 saying so), else nobody
 * (anonymous, reads public versions only).
 *
 * CSRF: double submit. A cookie session's CSRF token is returned at login and by `GET /api/session`; every
 * unsafe request (POST, PUT, PATCH, DELETE) made with the cookie must repeat it in `X-CSRF-Token`. API tokens
 * are not sent by browsers on their own and need no CSRF token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiTokenCheck } from '../store/api.js';
import type { AuthStore } from '../store/parts.js';
import type { Actor } from '../core/workflow.js';
import { ApiError, unauthenticated } from './errors.js';

export const SESSION_COOKIE = 'haushalt_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Route option: `public` routes answer anonymous requests too (the store decides what they see). */
export type Access = 'public' | 'user';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
    /** How the actor was authenticated. */
    via: 'cookie' | 'token' | undefined;
    /** The raw session token of a cookie session (for logout). */
    sessionToken: string | undefined;
    csrfToken: string | undefined;
  }
  interface FastifyContextConfig {
    /** Default: `public` for GET/HEAD, `user` otherwise. */
    access?: Access;
    /** Default true for unsafe methods; false for the login itself. */
    csrf?: boolean;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_SHAPE = /^[A-Za-z0-9_\-.~+/=]{16,512}$/u;

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** 1.3.2026 from an ISO time (UTC day). */
function germanDate(iso: string): string {
  return `${Number(iso.slice(8, 10))}.${Number(iso.slice(5, 7))}.${iso.slice(0, 4)}`;
}

/** Why a presented API token is refused, in German (its holder may know: it has the secret). */
function refusedToken(check: Exclude<ApiTokenCheck, { ok: true }>): string {
  switch (check.reason) {
    case 'expired':
      return `Das API-Token ist am ${germanDate(check.at)} abgelaufen; bitte ein neues erstellen.`;
    case 'revoked':
      return `Das API-Token wurde am ${germanDate(check.at)} widerrufen.`;
    default:
      return 'Das API-Token ist ungültig.';
  }
}

export interface CookieSettings {
  /** `true`, `false`, or `auto`: Secure when the request came over https (with `trustProxy`, as forwarded). */
  readonly secure: boolean | 'auto';
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: CookieSettings,
  token: string,
  expiresAt: string,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: settings.secure === 'auto' ? request.protocol === 'https' : settings.secure,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: CookieSettings,
): void {
  void reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: settings.secure === 'auto' ? request.protocol === 'https' : settings.secure,
  });
}

export function installAuth(app: FastifyInstance, store: AuthStore): void {
  app.decorateRequest('actor', undefined);
  app.decorateRequest('via', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('csrfToken', undefined);

  app.addHook('onRequest', async (request) => {
    const safe = SAFE.has(request.method);
    const config = request.routeOptions.config;
    const access: Access = config.access ?? (safe ? 'public' : 'user');
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/iu.exec(authorization);
      const check: ApiTokenCheck =
        m && TOKEN_SHAPE.test(m[1]!) ? await store.checkApiToken(m[1]!) : { ok: false, reason: 'unknown' };
      if (!check.ok) throw new ApiError(401, 'unauthenticated', refusedToken(check));
      request.actor = check.actor;
      request.via = 'token';
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie !== undefined && cookie !== '') {
      const session = TOKEN_SHAPE.test(cookie) ? await store.session(cookie) : undefined;
      if (session) {
        request.actor = session.actor;
        request.via = 'cookie';
        request.sessionToken = cookie;
        request.csrfToken = session.csrf;
      } else if (!safe && config.csrf !== false) {
        throw new ApiError(
          401,
          'unauthenticated',
          'Die Sitzung ist abgelaufen; bitte melden Sie sich neu an.',
        );
      }
    }
    if (request.via === 'cookie' && !safe && config.csrf !== false) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameToken(sent, request.csrfToken ?? '')) {
        throw new ApiError(
          403,
          'csrf',
          'Das CSRF-Token fehlt oder stimmt nicht (Kopfzeile X-CSRF-Token, siehe GET /api/session).',
        );
      }
    }
    if (access === 'user' && !request.actor) throw unauthenticated();
  });
}

/** The actor of a route that requires one (the `onRequest` hook has made sure there is one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
