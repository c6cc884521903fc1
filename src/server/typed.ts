/**
 * Routes registered from the contract (`contract/index.ts`): `on(app, 'PUT /api/versions/:v/cells', handler)`
 * takes method, path and schemas from the table, so Fastify validates the inputs and serialises the answers
 * with them, and the handler's `request.params`, `request.query`, `request.body` and its answer are typed from
 * them (Fastify's TypeBox type provider) — no casts.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyContextConfig,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import { CONTRACT, methodAndPath, type Contract, type RouteKey } from './contract/index.js';

export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** The handler of route `K`, typed from its schemas. */
export type Handler<K extends RouteKey> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  Contract[K],
  TypeBoxTypeProvider
>;

/** Registers route `key` of the contract with its schemas; `config`: access and CSRF (`auth.ts`). */
export function on<K extends RouteKey>(
  app: FastifyInstance,
  key: K,
  handler: Handler<K>,
  config?: FastifyContextConfig,
): void {
  const { method, path } = methodAndPath(key);
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .route<RouteGenericInterface, ContextConfigDefault, Contract[K]>({
      method,
      url: path,
      schema: CONTRACT[key],
      ...(config ? { config } : {}),
      handler,
    });
}
