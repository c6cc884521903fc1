/**
 * Every answer a test server gives, checked against the contract (`src/server/contract`): the route's schema
 * for the answer's status (or its `4xx`/`5xx` error schema) with ajv. Twice: the object a handler returns,
 * before Fastify serialises it (a property the schema lacks would be dropped silently: the answer schemas
 * are closed, so it shows here), and the JSON as sent (gunzipped when it was sent gzipped). An answer with a
 * status the route does not declare is a violation too. Files (exports, documents) are not JSON and are not
 * checked. The test files assert `violations` empty after their tests.
 */
import { gunzipSync } from 'node:zlib';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONTRACT, type RouteKey } from '../../src/server/contract/index.js';

export interface Violation {
  readonly route: string;
  readonly status: number;
  readonly stage: 'handler' | 'sent';
  readonly problems: string;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const compiled = new Map<unknown, ValidateFunction>();

function compile(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

function isRoute(key: string): key is RouteKey {
  return Object.hasOwn(CONTRACT, key);
}

/** The schema of an answer: by its exact status, else the status class; `null`: not declared. */
export function answerSchema(key: RouteKey, status: number): object | null {
  const responses: Readonly<Record<string, object>> = CONTRACT[key].response;
  return responses[String(status)] ?? responses[`${String(status)[0]}xx`] ?? null;
}

const isFile = (schema: object): boolean => (schema as { format?: unknown }).format === 'binary';

/** Installs the checks on a server not yet started; returns the list the violations are collected in. */
export function checkAnswers(app: FastifyInstance): Violation[] {
  const violations: Violation[] = [];
  const check = (
    request: FastifyRequest,
    reply: FastifyReply,
    stage: Violation['stage'],
    body: () => unknown,
  ): void => {
    const key = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (!isRoute(key)) return;
    const status = reply.statusCode;
    const schema = answerSchema(key, status);
    if (schema === null) {
      violations.push({ route: key, status, stage, problems: 'status not in the contract' });
      return;
    }
    if (isFile(schema) || status === 304) return;
    const validate = compile(schema);
    if (!validate(body()))
      violations.push({ route: key, status, stage, problems: ajv.errorsText(validate.errors) });
  };
  app.addHook('preSerialization', (request, reply, payload, done) => {
    check(request, reply, 'handler', () => JSON.parse(JSON.stringify(payload)) as unknown);
    done(null, payload);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if ((typeof payload === 'string' || Buffer.isBuffer(payload)) && type.startsWith('application/json'))
      check(request, reply, 'sent', () => {
        const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
        const text = (reply.getHeader('content-encoding') === 'gzip' ? gunzipSync(bytes) : bytes).toString(
          'utf8',
        );
        return JSON.parse(text) as unknown;
      });
    else if (payload === null || payload === undefined) check(request, reply, 'sent', () => undefined);
    done(null, payload);
  });
  return violations;
}
