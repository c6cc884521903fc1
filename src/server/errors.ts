/**
 * Errors as the API shows them: JSON `{ error: code, message: German text }` with the matching status, never a
 * stack trace. Store errors keep their code (a stale edit carries `current`); Fastify's validation errors are
 * translated into a German sentence naming the field; anything unexpected is logged and shown as `internal`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StoreError, type StoreErrorCode } from '../store/api.js';
import { formatNumber } from '../core/money.js';

export type ApiErrorCode =
  | StoreErrorCode
  | 'csrf'
  | 'too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'busy' // 503: the queue of expensive work is full, or the result is not ready yet (`Retry-After`)
  | 'timeout' // 503: a job ran longer than the server allows and was stopped
  | 'internal';

/** An error a route throws on purpose; the error handler turns it into the JSON answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
    /** Response headers that belong to the error (`Retry-After`, `Connection: close`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const STATUS_OF: Readonly<Record<StoreErrorCode, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  frozen: 409,
};

export function unauthenticated(): ApiError {
  return new ApiError(401, 'unauthenticated', 'Bitte melden Sie sich an.');
}

export function forbidden(message = 'Dafür fehlt Ihnen die Berechtigung.'): ApiError {
  return new ApiError(403, 'forbidden', message);
}

export function invalid(message: string): ApiError {
  return new ApiError(400, 'invalid', message);
}

const PART: Readonly<Record<string, string>> = {
  body: 'Im Inhalt',
  querystring: 'In der Abfrage',
  params: 'In der Adresse',
  headers: 'In den Kopfzeilen',
};

interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

/** The field an ajv error is about: `/column/year` → `column.year`; a missing or extra property by name. */
function fieldOf(issue: ValidationIssue): string {
  const path = issue.instancePath
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/gu, '/').replace(/~0/gu, '~'))
    .join('.');
  const own =
    issue.keyword === 'required'
      ? String(issue.params.missingProperty)
      : issue.keyword === 'additionalProperties'
        ? String(issue.params.additionalProperty)
        : undefined;
  if (own === undefined) return path;
  return path ? `${path}.${own}` : own;
}

const TYPE_NAME: Readonly<Record<string, string>> = {
  string: 'ein Text',
  integer: 'eine ganze Zahl',
  number: 'eine Zahl',
  boolean: 'true oder false',
  object: 'ein Objekt',
  array: 'eine Liste',
  null: 'null',
};

function typeNames(type: unknown): string {
  const list = Array.isArray(type) ? (type as unknown[]) : [type];
  return list.map((t) => TYPE_NAME[String(t)] ?? String(t)).join(' oder ');
}

const numberDe = (n: unknown): string => (typeof n === 'number' ? formatNumber(n) : String(n));

/** One German sentence for the first validation error, naming the field and what was expected. */
export function validationMessage(issues: readonly ValidationIssue[], context: string | undefined): string {
  const issue = issues[0];
  const where = PART[context ?? 'body'] ?? 'In der Anfrage';
  if (!issue) return `${where} ist etwas ungültig.`;
  const field = fieldOf(issue);
  const f = field ? `„${field}“` : 'der Inhalt';
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return `${where} fehlt das Feld ${f}.`;
    case 'additionalProperties':
      return `${where} ist das Feld ${f} unbekannt.`;
    case 'type':
      return `${where}: ${f} muss ${typeNames(p.type)} sein.`;
    case 'maxLength':
      return `${where}: ${f} ist zu lang (höchstens ${numberDe(p.limit)} Zeichen).`;
    case 'minLength':
      return `${where}: ${f} ist zu kurz (mindestens ${numberDe(p.limit)} Zeichen).`;
    case 'maxItems':
      return `${where}: ${f} hat zu viele Einträge (höchstens ${numberDe(p.limit)}).`;
    case 'minItems':
      return `${where}: ${f} hat zu wenige Einträge (mindestens ${numberDe(p.limit)}).`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `${where}: ${f} ist zu groß (Grenze ${numberDe(p.limit)}).`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${where}: ${f} ist zu klein (Grenze ${numberDe(p.limit)}).`;
    case 'enum':
      return `${where}: ${f} muss einer dieser Werte sein: ${((p.allowedValues as unknown[] | undefined) ?? []).map(String).join(', ')}.`;
    case 'pattern':
    case 'format':
      return `${where}: ${f} hat nicht die erwartete Form.`;
    case 'minProperties':
      return `${where}: ${f} darf nicht leer sein.`;
    default:
      return `${where}: ${f} ist ungültig.`;
  }
}

function send(reply: FastifyReply, status: number, code: string, message: string, extra = {}): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: code, message, ...extra });
}

const GENERIC: Readonly<Record<number, [string, string]>> = {
  400: ['invalid', 'Die Anfrage ist ungültig.'],
  401: ['unauthenticated', 'Bitte melden Sie sich an.'],
  403: ['forbidden', 'Dafür fehlt Ihnen die Berechtigung.'],
  404: ['not-found', 'Nicht gefunden.'],
  405: ['invalid', 'Diese Methode ist hier nicht erlaubt.'],
  406: ['invalid', 'Dieses Format kann nicht geliefert werden.'],
  413: ['too-large', 'Die Anfrage ist zu groß.'],
  415: ['unsupported-media-type', 'Dieser Inhaltstyp wird nicht angenommen; erwartet wird JSON.'],
  429: ['rate-limited', 'Zu viele Anfragen; bitte warten Sie einen Moment.'],
};

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) void reply.header(name, value);
      return send(reply, error.status, error.code, error.message, error.extra);
    }
    if (error instanceof StoreError) {
      return send(
        reply,
        STATUS_OF[error.code],
        error.code,
        error.message,
        error.current !== undefined ? { current: error.current } : {},
      );
    }
    if (error.validation) {
      return send(reply, 400, 'invalid', validationMessage(error.validation, error.validationContext));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        return send(reply, 413, 'too-large', 'Die Anfrage ist zu groß.');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(reply, 400, 'invalid', 'Der Inhalt ist kein gültiges JSON.');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, 400, 'invalid', 'Der Inhalt fehlt; erwartet wird ein JSON-Objekt.');
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(
          reply,
          415,
          'unsupported-media-type',
          'Erwartet wird ein Datei-Upload (multipart/form-data).',
        );
      default:
        break;
    }
    const status = error.statusCode ?? 500;
    const generic = GENERIC[status];
    if (status < 500 && generic) return send(reply, status, generic[0], generic[1]);
    if (status < 500) return send(reply, status, 'invalid', 'Die Anfrage ist ungültig.');
    // JSON.parse of absurdly deep input may exhaust the stack: still the client's fault
    if (error instanceof RangeError)
      return send(reply, 400, 'invalid', 'Der Inhalt ist zu tief verschachtelt.');
    request.log.error({ err: error }, 'internal error');
    return send(reply, 500, 'internal', 'Interner Fehler; bitte melden.');
  });
  app.setNotFoundHandler((request, reply) => {
    return send(
      reply,
      404,
      'not-found',
      `Diese Adresse gibt es nicht: ${request.method} ${(request.url.split('?')[0] ?? '').slice(0, 200)}`,
    );
  });
}
