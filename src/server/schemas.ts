/**
 * JSON Schema pieces every route builds its input schemas from: bounded texts, integer cents, ids in the
 * path, plan types and columns. Every object schema is closed (`additionalProperties: false`), so an unknown
 * field is a 400, and the OpenAPI document (`/api/openapi.json`) is generated from the same schemas.
 */
import { COLUMN_KINDS, PLAN_TYPES } from '../core/model.js';
import { ROLES, STAGES } from '../core/workflow.js';

/** Longest free text accepted (a reason, an Erläuterung item, an Einwendung). */
export const MAX_TEXT = 20_000;
/** Largest amount in cents (exclusive): 10^15 cents are ten trillion euros. */
export const MAX_CENTS = 1e15;

export const text = (maxLength = MAX_TEXT, minLength = 0) =>
  ({ type: 'string', minLength, maxLength }) as const;

/** A reason for a change: required, so that the audit trail can say why. */
export const reason = { type: 'string', minLength: 1, maxLength: MAX_TEXT } as const;

export const cents = {
  type: 'integer',
  exclusiveMinimum: -MAX_CENTS,
  exclusiveMaximum: MAX_CENTS,
  description: 'Betrag in Cent (ganze Zahl)',
} as const;

/** Numeric ids in the path or query, as text (no type coercion anywhere: a wrong type is a 400). */
export const idText = { type: 'string', pattern: '^[1-9][0-9]{0,14}$' } as const;

/** A node code: opaque, short, printable. */
export const nodeCode = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[^\\u0000-\\u001f]+$',
} as const;

export const planType = { type: 'string', enum: [...PLAN_TYPES] } as const;
export const lineNumber = { type: 'string', pattern: '^[0-9A-Za-z.]{1,8}$' } as const;
export const year = { type: 'integer', minimum: 1900, maximum: 9999 } as const;

export const column = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'year'],
  properties: { kind: { type: 'string', enum: [...COLUMN_KINDS] }, year },
} as const;

export const role = { type: 'string', enum: [...ROLES] } as const;
export const stage = { type: 'string', enum: [...STAGES] } as const;
export const userName = {
  type: 'string',
  minLength: 1,
  maxLength: 100,
  pattern: '^[^\\u0000-\\u001f]+$',
} as const;
export const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
export const produktbereiche = {
  type: 'array',
  maxItems: 200,
  items: { type: 'string', minLength: 1, maxLength: 32, pattern: '^[0-9A-Za-z.]+$' },
} as const;

export function object(
  properties: Readonly<Record<string, unknown>>,
  required: readonly string[] = [],
): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required: [...required], properties };
}

export const versionParams = object({ v: idText }, ['v']);
export const budgetParams = object({ id: idText }, ['id']);
