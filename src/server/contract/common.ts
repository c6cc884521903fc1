/**
 * The pieces every route's schemas are built from (TypeBox: JSON Schema with its TypeScript type): bounded
 * texts, integer cents, ids in the path, plan types and columns, closed objects, lists, and the one error
 * answer `{ error, message }`. Input objects are closed (`additionalProperties: false`), so an unknown field
 * is a 400; answers are closed too, so that a property a handler returns but the schema lacks shows up in the
 * tests (Fastify's serialiser would silently drop it).
 */
import { MAX_AMOUNT } from '../../core/money.js';
import {
  Type,
  type SchemaOptions,
  type Static,
  type TProperties,
  type TSchema,
  type TUnsafe,
} from '@sinclair/typebox';
import { COLUMN_KINDS, PLAN_TYPES } from '../../core/model.js';
import { ROLES, STAGES } from '../../core/workflow.js';

/** Longest free text accepted (a reason, an Erläuterung item, an Einwendung). */
export const MAX_TEXT = 20_000;

/** A closed object: every property named, no other allowed. */
export const Obj = <T extends TProperties>(properties: T, options: SchemaOptions = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** A list whose TypeScript type is read-only (handlers return the store's read-only arrays). */
export const List = <T extends TSchema>(
  items: T,
  options: SchemaOptions = {},
): TUnsafe<readonly Static<T>[]> => Type.Unsafe<readonly Static<T>[]>(Type.Array(items, options));

/** One of some string values. */
export const OneOf = <const T extends readonly string[]>(values: T, options: SchemaOptions = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const text = (maxLength = MAX_TEXT, minLength = 0) => Type.String({ minLength, maxLength });

/** A reason for a change: required, so that the audit trail can say why. */
export const reason = Type.String({ minLength: 1, maxLength: MAX_TEXT });

export const cents = Type.Integer({
  exclusiveMinimum: -MAX_AMOUNT,
  exclusiveMaximum: MAX_AMOUNT,
  description: 'Betrag in Cent (ganze Zahl)',
});

/** Cents in an answer (sums of many amounts are not bounded by the input limit). */
export const amount = Type.Integer({ description: 'Betrag in Cent (ganze Zahl)' });

/** Numeric ids in the path or query, as text (no type coercion anywhere: a wrong type is a 400). */
export const idText = Type.String({ pattern: '^[1-9][0-9]{0,14}$' });
export const id = Type.Integer({ minimum: 1 });

/** A node code: opaque, short, printable. */
export const nodeCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f]+$' });

export const planType = OneOf(PLAN_TYPES);
export const lineNumber = Type.String({ pattern: '^[0-9A-Za-z.]{1,8}$' });
export const year = Type.Integer({ minimum: 1900, maximum: 9999 });
export const columnKind = OneOf(COLUMN_KINDS);

export const column = Obj({ kind: columnKind, year });
/** A column in an answer (any year the documents print). */
export const columnOut = Obj({ kind: columnKind, year: Type.Integer() });

export const role = OneOf(ROLES);
export const stage = OneOf(STAGES);
export const userName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$' });
export const password = Type.String({ minLength: 1, maxLength: 1024 });
export const produktbereiche = List(
  Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z.]+$' }),
  { maxItems: 200 },
);
/** An instant as ISO 8601 text. */
export const time = Type.String({ description: 'Zeitpunkt (ISO 8601)' });

export const versionParams = Obj({ v: idText });
export const budgetParams = Obj({ id: idText });
export const nodeParams = Obj({ v: idText, code: nodeCode });

/** The codes of error answers (`errors.ts`). */
export const ERROR_CODES = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'csrf',
  'not-found',
  'conflict',
  'frozen',
  'too-large',
  'unsupported-media-type',
  'rate-limited',
  'busy',
  'timeout',
  'internal',
] as const;

/**
 * Every error answer: a code and a German message; a stale edit adds `current` (the cell as stored), a refused
 * upload the limit, a full queue the seconds to wait (also in `Retry-After`).
 */
export const ApiErrorBody = Obj(
  {
    error: OneOf(ERROR_CODES),
    message: Type.String({ description: 'Deutsch, für Menschen' }),
    current: Type.Optional(
      Type.Unknown({ description: '409 conflict: die Zelle, wie sie jetzt gespeichert ist' }),
    ),
    limit: Type.Optional(Type.Integer({ description: '413: die Grenze in Bytes' })),
    maxFiles: Type.Optional(Type.Integer({ description: '413: höchstens so viele Dateien' })),
    retryAfter: Type.Optional(Type.Integer({ description: '429/503: Sekunden bis zum nächsten Versuch' })),
  },
  { title: 'Fehler' },
);
export type ApiErrorBody = Static<typeof ApiErrorBody>;

/** The error answers every route may give (which ones, when: docs/api.md, Errors). */
export const errors = { '4xx': ApiErrorBody, '5xx': ApiErrorBody } as const;

/** A file or other bytes as the answer (not JSON; never serialised from a schema). */
export const bytes = (description: string) =>
  Type.Unsafe<unknown>({ type: 'string', format: 'binary', description });
