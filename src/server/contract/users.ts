/** Users: list, add, remove, set a password (`routes/users.ts`). */
import { Type } from '@sinclair/typebox';
import { List, Obj, errors, password, produktbereiche, role, userName } from './common.js';
import { userInfo } from './answers.js';

const tags = ['Benutzer'];
const nameParams = Obj({ name: userName });

export const userContract = {
  'GET /api/users': {
    summary: 'Benutzer',
    tags,
    response: { 200: Obj({ users: List(userInfo) }), ...errors },
  },
  'POST /api/users': {
    summary: 'Einen Benutzer anlegen',
    tags,
    body: Obj({ name: userName, password, role, produktbereiche: Type.Optional(produktbereiche) }),
    response: { 201: userInfo, ...errors },
  },
  'DELETE /api/users/:name': {
    summary: 'Einen Benutzer entfernen',
    tags,
    params: nameParams,
    response: { 200: Obj({ ok: Type.Literal(true) }), ...errors },
  },
  'PUT /api/users/:name/password': {
    summary:
      'Ein Passwort setzen (beendet die Sitzungen des Benutzers und widerruft seine API-Tokens); ' +
      'das eigene nur mit dem bisherigen (currentPassword)',
    tags,
    params: nameParams,
    body: Obj({ password, currentPassword: Type.Optional(password) }),
    response: {
      200: Obj({
        ok: Type.Literal(true),
        signedOut: Type.Optional(
          Type.Boolean({ description: 'das eigene Passwort mit dem Cookie: die Sitzung ist beendet' }),
        ),
      }),
      ...errors,
    },
  },
} as const;
