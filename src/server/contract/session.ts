/** Login, logout, who am I, and API tokens (`routes/session.ts`). */
import { Type } from '@sinclair/typebox';
import { List, Obj, OneOf, errors, password, role, text, time, userName } from './common.js';
import { apiTokenInfo, newApiToken } from './answers.js';

export const tokenId = Type.String({ pattern: '^[0-9a-f]{16}$' });

/** The own session: user, role, CSRF token (empty with an API token), expiry. */
export const sessionView = Obj({
  user: Obj({
    name: Type.String(),
    role: Type.Union([role, Type.Literal('system')]),
    roleLabel: Type.String(),
    produktbereiche: List(Type.String()),
  }),
  csrf: Type.String({ description: 'für die Kopfzeile X-CSRF-Token; leer bei einem API-Token' }),
  expiresAt: time,
});

const ok = Obj({ ok: Type.Literal(true) });

export const sessionContract = {
  'POST /api/session': {
    summary: 'Anmelden: setzt das Sitzungs-Cookie und liefert das CSRF-Token',
    tags: ['Sitzung'],
    body: Obj({ name: userName, password }),
    response: { 200: sessionView, ...errors },
  },
  'GET /api/session': {
    summary: 'Die eigene Sitzung: Benutzer, Rolle, CSRF-Token',
    tags: ['Sitzung'],
    response: { 200: sessionView, ...errors },
  },
  'DELETE /api/session': {
    summary: 'Abmelden',
    tags: ['Sitzung'],
    response: { 200: ok, ...errors },
  },
  'POST /api/tokens': {
    summary: 'Ein API-Token für Automatisierung anlegen (das Geheimnis wird nur einmal gezeigt)',
    tags: ['API-Tokens'],
    body: Obj({ label: text(200, 1), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })) }),
    response: { 201: newApiToken, ...errors },
  },
  'GET /api/tokens': {
    summary: 'API-Tokens: die eigenen; die Kämmerei die eines Benutzers (user) oder alle (all=true)',
    tags: ['API-Tokens'],
    querystring: Obj({
      user: Type.Optional(userName),
      all: Type.Optional(OneOf(['true', 'false'] as const)),
    }),
    response: { 200: Obj({ tokens: List(apiTokenInfo) }), ...errors },
  },
  'DELETE /api/tokens/:id': {
    summary: 'Ein API-Token widerrufen (ein eigenes; die Kämmerei jedes)',
    tags: ['API-Tokens'],
    params: Obj({ id: tokenId }),
    response: { 200: Obj({ token: apiTokenInfo }), ...errors },
  },
} as const;
