/**
 * Shared set-up of the server tests: a real store (SQLite in memory, or a PostgreSQL database of its own),
 * users of every role, the reference budget and a generated one, and small helpers to call the API as a user.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Budget } from '../../src/core/model.js';
import { generateBudget } from '../../src/generate/index.js';
import { importContent, importFiles } from '../../src/importers/index.js';
import type { Store, VersionInfo } from '../../src/store/api.js';
import { openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR, nextStage, type Stage } from '../../src/core/workflow.js';
import { buildServer, type ServerOptions } from '../../src/server/server.js';
import { REFERENCE } from '../paths.js';
import { checkAnswers, type Violation } from './contract-check.js';

export const PASSWORD = 'ein langes Passwort 1';
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://haushalt:haushalt@127.0.0.1:5432/haushalt_test';

export const USERS = {
  kaemmerei: { name: 'kaemmerin', role: 'kaemmerei', produktbereiche: [] },
  fachbereich: { name: 'fb43', role: 'fachbereich', produktbereiche: ['43'] },
  leser: { name: 'leserin', role: 'leser', produktbereiche: [] },
} as const;
export type Who = keyof typeof USERS | 'anonymous';

export async function referenceBudget(): Promise<Budget> {
  const r = await importFiles([REFERENCE]);
  if (!r.ok) throw new Error('reference does not import');
  return r.budget;
}

/** A generated budget with several Produktbereiche (01, 02, …), none of them 43. */
export function generatedBudget(products: number, seed = 7): Budget {
  const r = importContent(generateBudget({ products, seed }), `generiert-${products}.txt`);
  if (!r.ok) throw new Error('generated budget does not import');
  return r.budget;
}

/** A fresh PostgreSQL database for one test file (dropped by the returned function). */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `haushalt_srv_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The two databases the server tests run on: SQLite in memory, and a PostgreSQL database of their own. */
export const SERVER_BACKENDS = [
  {
    name: 'SQLite',
    open: async () => ({ store: await openStore({ url: 'sqlite::memory:' }), drop: async () => {} }),
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const db = await freshPostgres();
      return { store: await openStore({ url: db.url }), drop: db.drop };
    },
  },
] as const;

export async function addUsers(store: Store): Promise<void> {
  for (const u of Object.values(USERS)) {
    await store.addUser(SYSTEM_ACTOR, { ...u, produktbereiche: [...u.produktbereiche], password: PASSWORD });
  }
}

/**
 * A version of `budget` in `stage`, reached as the store allows: imported as Anmeldung or Entwurf, then moved
 * on stage by stage (`advance`), an Ergebnis derived from the Beschluss.
 */
export async function importAt(
  store: Store,
  budget: Budget,
  stage: Stage,
  name = 'Test',
  budgetId?: number,
): Promise<VersionInfo> {
  let v = await store.importBudget(SYSTEM_ACTOR, {
    budget,
    stage: stage === 'anmeldung' ? 'anmeldung' : 'entwurf',
    ...(budgetId !== undefined ? { budgetId } : { name }),
    reason: 'Testdaten',
  });
  const target: Stage = stage === 'ergebnis' ? 'beschluss' : stage;
  while (v.stage !== target) {
    if (nextStage(v.stage) === undefined) throw new Error(`${stage} not reached`);
    v = await store.advance(SYSTEM_ACTOR, v.id, `Testdaten: weiter zu ${nextStage(v.stage)}`);
  }
  if (stage === 'ergebnis') v = await store.derive(SYSTEM_ACTOR, v.id, 'ergebnis', 'Testdaten');
  return v;
}

export interface Client {
  readonly cookie?: string;
  readonly csrf?: string;
  readonly token?: string;
}

export async function login(app: FastifyInstance, name: string, password = PASSWORD): Promise<Client> {
  const r = await app.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
  if (r.statusCode !== 200) throw new Error(`login ${name}: ${r.statusCode} ${r.body}`);
  const cookie = r.cookies.find((c) => c.name === 'haushalt_session')!;
  return { cookie: `haushalt_session=${cookie.value}`, csrf: r.json<{ csrf: string }>().csrf };
}

export async function clients(app: FastifyInstance): Promise<Record<Who, Client>> {
  return {
    anonymous: {},
    kaemmerei: await login(app, USERS.kaemmerei.name),
    fachbereich: await login(app, USERS.fachbereich.name),
    leser: await login(app, USERS.leser.name),
  };
}

export function call(
  app: FastifyInstance,
  client: Client,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrf) headers['x-csrf-token'] = client.csrf;
  if (client.token) headers.authorization = `Bearer ${client.token}`;
  return app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
  });
}

/**
 * A server on a store in memory with a user of every role signed in and the reference budget imported as an
 * Entwurf; `close` ends both and returns the answers that did not fit the contract.
 */
export async function referenceServer() {
  const { store, app, violations } = await memoryServer();
  await addUsers(store);
  const version = await importAt(store, await referenceBudget(), 'entwurf');
  const who = await clients(app);
  const close = async (): Promise<Violation[]> => {
    await app.close();
    await store.close();
    return violations;
  };
  return { store, app, who, version, close };
}

/**
 * A server on a store in memory; `violations` collects every answer that does not fit the contract
 * (`contract-check.ts`).
 */
export async function memoryServer(options: Partial<ServerOptions> = {}) {
  const store = await openStore({ url: 'sqlite::memory:' });
  const app = await buildServer({ store, ...options });
  return { store, app, violations: checkAnswers(app) };
}
