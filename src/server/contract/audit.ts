/** The audit trail and the Einwendungen of a version while it is ausgelegt (`routes/audit.ts`). */
import { Type } from '@sinclair/typebox';
import { List, Obj, errors, idText, text, versionParams } from './common.js';
import { auditEntry, einwendung } from './answers.js';

export const auditContract = {
  'GET /api/audit': {
    summary: 'Änderungsprotokoll: wer, wann, alt → neu, warum (neueste zuletzt; `after` blättert weiter)',
    tags: ['Protokoll'],
    querystring: Obj({
      budget: Type.Optional(idText),
      version: Type.Optional(idText),
      limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$' })),
      after: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
    }),
    response: { 200: Obj({ entries: List(auditEntry) }), ...errors },
  },
  'GET /api/versions/:v/einwendungen': {
    summary: 'Einwendungen zur ausgelegten Version',
    tags: ['Einwendungen'],
    params: versionParams,
    response: { 200: Obj({ einwendungen: List(einwendung) }), ...errors },
  },
  'POST /api/versions/:v/einwendungen': {
    summary: 'Eine Einwendung erfassen (Kämmerei, während die Version ausgelegt ist)',
    tags: ['Einwendungen'],
    params: versionParams,
    body: Obj({ author: text(500, 1), text: text(undefined, 1) }),
    response: { 201: einwendung, ...errors },
  },
} as const;
