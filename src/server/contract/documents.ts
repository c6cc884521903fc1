/** Source documents of a version: the list, the bytes (with Range), lines of a text (`routes/documents.ts`). */
import { Type } from '@sinclair/typebox';
import { List, Obj, bytes, errors, idText, versionParams } from './common.js';
import { documentInfo } from './answers.js';

/** Most lines one excerpt returns. */
export const MAX_EXCERPT_LINES = 500;

const tags = ['Quelldokumente'];
const documentName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f/\\\\]+$' });
const documentParams = Obj({ v: idText, name: documentName });
const lineNumber = Type.String({ pattern: '^[1-9][0-9]{0,8}$' });

export const documentContract = {
  'GET /api/versions/:v/documents': {
    summary: 'Die Quelldokumente einer Version (Name wie in den Quellen, Medientyp, Größe, SHA-256)',
    tags,
    params: versionParams,
    response: { 200: Obj({ documents: List(documentInfo) }), ...errors },
  },
  'GET /api/versions/:v/documents/:name': {
    summary: 'Ein Quelldokument (die Datei; mit Range-Anfragen auch nur ein Teil)',
    description:
      'Antwortet mit `Accept-Ranges: bytes`; ein Bereich `Range: bytes=a-b` (auch `a-` und `-n`) ' +
      'gibt 206 mit `Content-Range`, ein Bereich außerhalb der Datei 416.',
    tags,
    params: documentParams,
    response: {
      200: bytes('das Dokument'),
      206: bytes('der angefragte Bereich des Dokuments'),
      ...errors,
    },
  },
  'GET /api/versions/:v/documents/:name/lines': {
    summary: 'Zeilen eines Textdokuments (from bis to, je einschließlich) mit ihrer Seite',
    description: `Höchstens ${MAX_EXCERPT_LINES} Zeilen; Seiten zählen die Seitenvorschübe (Form Feed) davor.`,
    tags,
    params: documentParams,
    querystring: Obj({ from: lineNumber, to: lineNumber }),
    response: {
      200: Obj({
        name: Type.String(),
        total: Type.Integer({ description: 'Zeilen des Dokuments' }),
        pages: Type.Integer({ description: 'Seiten des Dokuments' }),
        lines: List(Obj({ line: Type.Integer(), page: Type.Integer(), text: Type.String() })),
      }),
      ...errors,
    },
  },
} as const;
