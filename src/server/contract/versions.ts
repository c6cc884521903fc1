/** Versions: one, next stage, Nachtrag or Ergebnis, options, the diff, exports (`routes/versions.ts`). */
import { Type } from '@sinclair/typebox';
import { Obj, OneOf, bytes, errors, idText, nodeCode, reason, versionParams } from './common.js';
import { versionDiff, versionView } from './answers.js';

const tags = ['Versionen'];

/** The formats of `GET /api/versions/:v/export` (`exports.ts` says how each is made), for the OpenAPI document. */
export const EXPORT_FORMAT_TITLES = {
  'tidy-csv': 'Tidy-CSV: eine Zeile je gedrucktem Betrag',
  csv: 'CSV für ein deutsches Excel',
  'plan-csv': 'Die Pläne als CSV wie im Haushaltsplan: eine Zeile je Planzeile, eine Spalte je Jahr',
  xlsx: 'Excel-Arbeitsmappe',
  json: 'JSON mit veröffentlichtem Schema',
  'book-pdf': 'Haushaltsplan als Buch (PDF)',
  'book-html': 'Haushaltsplan als Buch (eine HTML-Datei)',
} as const;
export type HttpExportFormat = keyof typeof EXPORT_FORMAT_TITLES;

const exportQuery = Obj({
  format: OneOf(Object.keys(EXPORT_FORMAT_TITLES) as HttpExportFormat[]),
  /** Only this unit and the units below it (a Produktbereich's book, the unit on screen). */
  unit: Type.Optional(nodeCode),
});

export const versionContract = {
  'GET /api/versions/:v': {
    summary: 'Eine Version',
    tags,
    params: versionParams,
    response: { 200: versionView, ...errors },
  },
  'POST /api/versions/:v/advance': {
    summary: 'Die Version in die nächste Stufe bringen (neue Version; die alte wird geschlossen)',
    tags,
    params: versionParams,
    body: Obj({ reason }),
    response: { 201: versionView, ...errors },
  },
  'POST /api/versions/:v/derive': {
    summary: 'Einen Nachtrag oder ein Ergebnis auf einem Beschluss aufbauen',
    tags,
    params: versionParams,
    body: Obj({ kind: OneOf(['nachtrag', 'ergebnis'] as const), reason }),
    response: { 201: versionView, ...errors },
  },
  'PATCH /api/versions/:v/options': {
    summary: 'Einstellungen der Version: Fachbereiche dürfen den Entwurf ändern; öffentlich lesbar',
    tags,
    params: versionParams,
    body: Obj(
      { fachbereichEdit: Type.Optional(Type.Boolean()), publicRead: Type.Optional(Type.Boolean()) },
      { minProperties: 1 },
    ),
    response: { 200: versionView, ...errors },
  },
  'GET /api/diff': {
    summary: 'Zwei Versionen Zelle für Zelle vergleichen (Veränderungsnachweis)',
    tags,
    querystring: Obj({ from: idText, to: idText }),
    response: { 200: versionDiff, ...errors },
  },
  'GET /api/versions/:v/export': {
    summary: 'Die Version exportieren',
    description: Object.entries(EXPORT_FORMAT_TITLES)
      .map(([k, title]) => `${k}: ${title}`)
      .join('; '),
    tags,
    params: versionParams,
    querystring: exportQuery,
    response: { 200: bytes('die Datei im gewählten Format (Anhang)'), ...errors },
  },
  'GET /api/versions/:v/export/status': {
    summary: 'Wie weit ein Export ist (für eine Fortschrittsanzeige, während er erstellt wird)',
    description:
      'fertig: liegt bereit (die nächste Anfrage bekommt ihn sofort); wartet: in der Warteschlange (ahead ' +
      'Aufträge davor); läuft: wird erstellt (beim Haushaltsplan als PDF done von total Schritten); ' +
      'nicht-begonnen: nicht angefordert, abgebrochen oder fehlgeschlagen. seconds: geschätzte Restzeit.',
    tags,
    params: versionParams,
    querystring: exportQuery,
    response: {
      200: Obj({
        state: OneOf(['fertig', 'wartet', 'läuft', 'nicht-begonnen'] as const),
        label: Type.Optional(Type.String()),
        ahead: Type.Optional(Type.Integer({ minimum: 0 })),
        done: Type.Optional(Type.Integer({ minimum: 0 })),
        total: Type.Optional(Type.Integer({ minimum: 0 })),
        seconds: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
      ...errors,
    },
  },
} as const;
