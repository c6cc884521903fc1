/** The audit trail and the Einwendungen of a version while it is ausgelegt (`routes/audit.ts`). */
import { Type } from '@sinclair/typebox';
import { EINWENDUNG_DECISIONS } from '../../core/workflow.js';
import { List, Obj, OneOf, errors, idText, nodeCode, text, versionParams } from './common.js';

/** A calendar day (`2026-12-05`), read in German time: `from` from its start, `to` to its end. */
const day = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });
import { auditEntry, einwendung } from './answers.js';

export const auditContract = {
  'GET /api/audit': {
    summary:
      'Änderungsprotokoll: wer, wann, was (auf Deutsch, mit Zeilenbezeichnungen), alt → neu, warum (neueste zuletzt; `after` blättert weiter); gefiltert nach Einheit, Person und Zeitraum',
    tags: ['Protokoll'],
    querystring: Obj({
      budget: Type.Optional(idText),
      version: Type.Optional(idText),
      limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$' })),
      after: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
      unit: Type.Optional(nodeCode),
      user: Type.Optional(text(200, 1)),
      from: Type.Optional(day),
      to: Type.Optional(day),
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
    body: Obj({
      author: text(500, 1),
      text: text(undefined, 1),
      receivedOn: Type.Optional(day),
      unit: Type.Optional(nodeCode),
    }),
    response: { 201: einwendung, ...errors },
  },
  'PUT /api/versions/:v/einwendungen/:id/answer': {
    summary: 'Eine Einwendung beantworten: Antwort und Entscheidung (Kämmerei, zur ausgelegten Version)',
    description: 'Über die Einwendungen beschließt der Rat in öffentlicher Sitzung (GO NRW § 80 Abs. 4).',
    tags: ['Einwendungen'],
    params: Obj({ v: idText, id: idText }),
    body: Obj({ answer: text(undefined, 1), decision: OneOf(EINWENDUNG_DECISIONS) }),
    response: { 200: einwendung, ...errors },
  },
} as const;
