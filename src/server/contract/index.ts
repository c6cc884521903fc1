/**
 * The HTTP contract: every route of the API as `'METHOD /path'` → its schemas (TypeBox, i.e. JSON Schema with
 * its TypeScript type): `params`, `querystring`, `body`, and `response` per status (the error answer under
 * `4xx`/`5xx`). One table, by concern in the files beside this one. The server registers its routes from it
 * (`../typed.ts`: Fastify validates the inputs and serialises the answers with these schemas, and the
 * handlers' types come from them), `@fastify/swagger` makes the OpenAPI document from it, the web client
 * (`web/src/api.ts`) takes its calls' types from it (type-only imports), and the server tests check every
 * answer against it. Pure: no Node APIs, no Fastify.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { anmeldungContract } from './anmeldung.js';
import { auditContract } from './audit.js';
import { budgetContract } from './budgets.js';
import { documentContract } from './documents.js';
import { findingContract } from './findings.js';
import { importContract } from './imports.js';
import { nodeContract } from './nodes.js';
import { overviewContract } from './overview.js';
import { partsContract } from './parts.js';
import { sessionContract } from './session.js';
import { userContract } from './users.js';
import { versionContract } from './versions.js';
import { webContract } from './web.js';

export const CONTRACT = {
  ...sessionContract,
  ...budgetContract,
  ...versionContract,
  ...nodeContract,
  ...findingContract,
  ...auditContract,
  ...userContract,
  ...documentContract,
  ...webContract,
  ...importContract,
  ...overviewContract,
  ...partsContract,
  ...anmeldungContract,
} as const;

export type Contract = typeof CONTRACT;
export type RouteKey = keyof Contract;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The method and the path of a route (`:name` for a path parameter). */
export type MethodOf<K extends RouteKey> = K extends `${infer M extends Method} ${string}` ? M : never;
export type PathOf<K extends RouteKey> = K extends `${Method} ${infer P}` ? P : never;

type Part<K extends RouteKey, P extends string> = Contract[K] extends {
  readonly [key in P]: infer S extends TSchema;
}
  ? Static<S>
  : undefined;

export type Params<K extends RouteKey> = Part<K, 'params'>;
export type Query<K extends RouteKey> = Part<K, 'querystring'>;
export type Body<K extends RouteKey> = Part<K, 'body'>;

type Responses<K extends RouteKey> = Contract[K]['response'];
/** The answer of a route with status `S`. */
export type Answer<K extends RouteKey, S extends keyof Responses<K>> = Responses<K>[S] extends TSchema
  ? Static<Responses<K>[S]>
  : never;
/** The successful answer (200, else 201) of a route. */
export type Ok<K extends RouteKey> = 200 extends keyof Responses<K>
  ? Answer<K, 200>
  : 201 extends keyof Responses<K>
    ? Answer<K, 201>
    : never;

export { type ApiErrorBody } from './common.js';

/** Splits a route key into method and path. */
export function methodAndPath<K extends RouteKey>(key: K): { method: MethodOf<K>; path: PathOf<K> } {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space) as MethodOf<K>, path: key.slice(space + 1) as PathOf<K> };
}
