/**
 * The HTTP API over a store: Fastify with JSON Schema on every route (no type coercion, unknown fields
 * rejected), German JSON errors, session cookies with CSRF double submit, API tokens, a rate-limited login,
 * security headers and an OpenAPI document generated from the route schemas at `GET /api/openapi.json`.
 * `buildServer` returns the Fastify instance unstarted: tests use `inject`, `haushalt serve` listens.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ImportRequest, Store } from '../store/api.js';
import { installAuth, type CookieSettings } from './auth.js';
import { installErrorHandlers } from './errors.js';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './login-limit.js';
import { ExportCache } from './exports.js';
import { JobQueue, type JobQueueOptions } from './jobs.js';
import { anmeldungRoutes } from './routes/anmeldung.js';
import { auditRoutes } from './routes/audit.js';
import { budgetRoutes } from './routes/budgets.js';
import { documentRoutes } from './routes/documents.js';
import { findingRoutes } from './routes/findings.js';
import { importRoutes } from './routes/imports.js';
import { nodeRoutes } from './routes/nodes.js';
import { overviewRoutes } from './routes/overview.js';
import { partsRoutes } from './routes/parts.js';
import { sessionRoutes } from './routes/session.js';
import { userRoutes } from './routes/users.js';
import { versionRoutes } from './routes/versions.js';
import { webRoutes } from './routes/web.js';

/** Addresses or networks of the trusted proxies (comma-separated), or the number of proxy hops; `false`: none. */
export type TrustProxy = string | number | false;

export interface ServerOptions {
  readonly store: Store;
  /** Fastify's logger (pino) options; off by default. Request bodies are never logged. */
  readonly logger?: FastifyServerOptions['logger'];
  /** Secure cookies: always, never, or `auto` (when the request came over https; the default). */
  readonly secureCookies?: boolean | 'auto';
  /**
   * The reverse proxy in front whose `X-Forwarded-*` headers are trusted (https detection, client address of
   * the login limit): its addresses or networks (`"127.0.0.1"`, `"10.0.0.0/8, ::1"`) or the number of proxies
   * in front (`1`). Never every hop: a header the client wrote itself would become its address.
   */
  readonly trustProxy?: TrustProxy;
  /** Largest JSON body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** Largest upload of an import in bytes, all files together (default 200 MiB). */
  readonly importLimit?: number;
  /** Most files in one upload (default 20). */
  readonly importFiles?: number;
  /** Heap cap of the worker that reads an upload, in MiB (default 2048). */
  readonly importMemoryMb?: number;
  /** The queue of expensive work (book, exports, imports): concurrency, waiting jobs, share per owner, timeout. */
  readonly jobs?: JobQueueOptions;
  /** Bytes of finished exports kept in memory, per version revision (default 256 MiB). */
  readonly exportCacheBytes?: number;
  /** How long an anonymous request for a PDF book not yet cached waits for the shared print (default 8 s). */
  readonly anonymousBookWaitMs?: number;
  /**
   * Failed logins per client address (default 10 a minute), per account name (10 in 10 minutes), of unknown
   * names together (100 a minute), and password verifications at once (32); `login-limit.ts`.
   */
  readonly loginLimits?: Partial<LoginLimits>;
  /** The synthetic demo budget the Kämmerei may create from the page (`haushalt serve` passes it); none without. */
  readonly demo?: () => ImportRequest;
}

/** What the routes share; each route module names the part of the store it uses (`src/store/parts.ts`). */
export interface Context<S = Store> {
  readonly store: S;
  readonly cookies: CookieSettings;
  readonly importLimit: number;
  readonly importFiles: number;
  readonly importMemoryMb: number;
  /** Counts failed logins and password checks of this server instance (`login-limit.ts`). */
  readonly loginLimiter: LoginLimiter;
  /** The one queue of expensive work of this server instance (`jobs.ts`). */
  readonly jobs: JobQueue;
  readonly exports: { readonly cache: ExportCache; readonly anonymousWaitMs: number };
  readonly demo: (() => ImportRequest) | undefined;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // a hop count as the function Fastify makes of it (its types admit no number): the nearest n hops
    trustProxy:
      typeof options.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(options.trustProxy)
        : (options.trustProxy ?? false),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // inputs are validated as sent: no coercion ("12" is not a number), no silently dropped extra fields
    ajv: {
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false },
    },
    routerOptions: { maxParamLength: 200 },
    // a request must have arrived whole within ten minutes (a 200 MB upload at 350 kB/s): a client that sends
    // slowly or never ends its request does not hold a connection for ever (the answer may take longer: a book)
    requestTimeout: 10 * 60_000,
  });
  const context: Context = {
    store: options.store,
    cookies: { secure: options.secureCookies ?? 'auto' },
    importLimit: options.importLimit ?? 200 * 1024 * 1024,
    importFiles: options.importFiles ?? 20,
    importMemoryMb: options.importMemoryMb ?? 2048,
    jobs: new JobQueue(options.jobs),
    exports: {
      cache: new ExportCache(options.exportCacheBytes ?? 256 * 1024 * 1024),
      anonymousWaitMs: options.anonymousBookWaitMs ?? 8000,
    },
    loginLimiter: new LoginLimiter({ ...DEFAULT_LOGIN_LIMITS, ...options.loginLimits }),
    demo: options.demo,
  };

  installErrorHandlers(app);
  app.addHook('onSend', (_request, reply, payload, done) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) void reply.header(name, value);
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  await app.register(cookie);
  await app.register(multipart, {
    limits: {
      fileSize: context.importLimit,
      files: context.importFiles,
      fields: 10,
      fieldSize: 20_000,
      parts: context.importFiles + 10,
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Haushalt API',
        description:
          'Haushaltspläne (NKF) in Versionen bearbeiten: lesen, ändern, prüfen, vergleichen, exportieren. ' +
          'Beträge in Cent (ganze Zahlen). Siehe docs/api.md.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'haushalt_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  installAuth(app, options.store);
  // running jobs stop before the server waits for its open requests (a book's Chromium is killed, waiting
  // jobs are dropped), so that a shutdown neither waits for a long print nor leaves Chromium behind
  app.addHook('preClose', (done) => {
    context.jobs.close();
    done();
  });

  for (const routes of [
    sessionRoutes,
    budgetRoutes,
    versionRoutes,
    webRoutes,
    nodeRoutes,
    findingRoutes,
    auditRoutes,
    userRoutes,
    documentRoutes,
    importRoutes,
    overviewRoutes,
    partsRoutes,
    anmeldungRoutes,
  ])
    routes(app, context);
  app.get('/api/openapi.json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
  return app;
}
