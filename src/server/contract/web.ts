/**
 * What the web workbench needs beyond the other routes (`routes/web.ts`): a node as imported with the sources
 * of its values, full-text search, the Teilergebnispläne of a node's children, downloads of one node.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import {
  List,
  Obj,
  OneOf,
  bytes,
  columnOut,
  errors,
  nodeParams,
  planType,
  text,
  versionParams,
} from './common.js';
import { budgetNode } from './model.js';

const tags = ['Weboberfläche'];
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

export const searchHit = Obj({
  node: Type.String(),
  nodeName: Type.String(),
  kind: OneOf(['name', 'line', 'erlaeuterung', 'beschreibung', 'kennzahl'] as const),
  plan: opt(planType),
  line: opt(Type.String()),
  erlaeuterung: opt(Type.Integer()),
  item: opt(Type.Integer()),
  letter: opt(Type.String()),
  field: opt(Type.String()),
  text: Type.String(),
});

export const childErgebnis = Obj({
  code: Type.String(),
  name: Type.String(),
  columns: List(columnOut),
  lines: List(Obj({ line: Type.String(), cells: List(Obj({ column: columnOut, amount: Type.Integer() })) })),
});

export const webContract = {
  'GET /api/versions/:v/nodes/:code/sources': {
    summary: 'Eine Einheit wie eingelesen, mit der Quelle jedes Werts (Datei, Seite, Zeile)',
    tags,
    params: nodeParams,
    response: { 200: Obj({ node: budgetNode }), ...errors },
  },
  'GET /api/versions/:v/search': {
    summary: 'Volltextsuche über Zeilenbezeichnungen, Erläuterungen und Produktbeschreibungen',
    tags,
    params: versionParams,
    querystring: Obj({ q: text(200, 1) }),
    response: { 200: Obj({ hits: List(searchHit) }), ...errors },
  },
  'GET /api/versions/:v/nodes/:code/children-ergebnis': {
    summary: 'Die Teilergebnispläne der untergeordneten Einheiten (für den Zuschussbedarf)',
    tags,
    params: nodeParams,
    response: { 200: Obj({ children: List(childErgebnis) }), ...errors },
  },
  'GET /api/versions/:v/nodes/:code/download': {
    summary:
      'Die Pläne einer Einheit als CSV (deutsches Excel; plan-csv: wie angezeigt, eine Spalte je Jahr) oder XLSX',
    tags,
    params: nodeParams,
    querystring: Obj({ format: OneOf(['csv', 'plan-csv', 'xlsx'] as const) }),
    response: { 200: bytes('CSV oder XLSX (Anhang)'), ...errors },
  },
} as const;
