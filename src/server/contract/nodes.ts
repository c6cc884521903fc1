/**
 * A version's content (`routes/nodes.ts`): the node tree, one node with everything to render it (the node
 * view, `node-view.ts` builds it), and edits of a cell and of an Erläuterung item.
 */
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';
import {
  List,
  Nullable,
  Obj,
  OneOf,
  cents,
  column,
  columnKind,
  errors,
  idText,
  lineNumber,
  nodeCode,
  nodeParams,
  planType,
  reason,
  text,
  versionParams,
} from './common.js';
import { acceptedFinding, cellsResult, editResult } from './answers.js';
import { MAX_EDIT_CELLS } from '../../core/apply-cells.js';
import {
  erlaeuterung,
  findingProperties,
  investmentTable,
  kennzahlTable,
  keyedFinding,
  level,
  produktbeschreibung,
} from './model.js';

const tags = ['Inhalt'];

export const nodeSummary = {
  code: Type.String(),
  level,
  name: Type.String(),
  parent: Nullable(Type.String()),
};

/** A tree of nodes as deep as the hierarchy goes (Haushalt, Produktbereich, -gruppe, Produkt, and spare). */
function treeLevel(depth: number): TSchema {
  return Obj({
    ...nodeSummary,
    children: depth === 0 ? List(Type.Never(), { maxItems: 0 }) : List(treeLevel(depth - 1)),
  });
}
export interface TreeNode extends Static<TObject<typeof nodeSummary>> {
  readonly children: readonly TreeNode[];
}
export const treeNode = Type.Unsafe<TreeNode>(treeLevel(6));

export const cellView = Obj({
  amount: Nullable(Type.Integer({ description: 'Cent; null: nicht gedruckt' })),
  decimals: Type.Union([Type.Literal(0), Type.Literal(2), Type.Null()]),
  scale: Type.Union([Type.Literal(1000), Type.Null()], {
    description: '1000: in T€ gedruckt (amount bleibt in Cent); null: in Euro oder nicht gedruckt',
  }),
  rev: Type.Integer({
    description: 'die Revision, die eine Änderung dieser Zelle nennt (0: nicht gedruckt)',
  }),
});

export const lineView = Obj({
  line: Type.String(),
  label: Type.String({ description: 'die Bezeichnung des Zeilenschemas (sonst die gedruckte)' }),
  printedLabel: Nullable(Type.String()),
  printed: Type.Boolean(),
  total: Type.Boolean({ description: 'eine Summe anderer Zeilen (berechnet, nie direkt geändert)' }),
  sum: Nullable(List(Type.String(), { description: 'die summierten Zeilen; ein führendes - zieht ab' })),
  memo: Type.Boolean(),
  flow: Nullable(OneOf(['in', 'out', 'net'] as const)),
  signs: Type.Optional(OneOf(['negative', 'positive'] as const)),
  editable: Type.Boolean({ description: 'darf der Fragende die Zellen der Zeile hier ändern' }),
  notEditableBecause: Nullable(Type.String()),
  cells: List(cellView, { description: 'in der Reihenfolge der Spalten des Plans' }),
});

export const planView = Obj({
  type: planType,
  label: Type.String(),
  schemaId: Type.String(),
  schemaTitle: Nullable(Type.String()),
  signs: OneOf(['negative', 'positive'] as const),
  columns: List(
    Obj({
      kind: Type.String(),
      year: Type.Integer(),
      label: Type.String(),
      unit: OneOf(['€', 'T€'] as const, {
        description: 'T€, wenn jede gedruckte Zelle der Spalte in Tausend Euro gedruckt ist',
      }),
      locked: Nullable(
        Type.String({
          description:
            'warum die Spalte in dieser Fassung nicht geändert wird (Ergebnis, Ansatz des Vorjahres); null: änderbar',
        }),
      ),
    }),
  ),
  wholeEuros: Type.Boolean({ description: 'der Plan wird in vollen Euro geführt: Beträge ohne Cent' }),
  lines: List(lineView),
});

const nodeRef = Obj({ code: Type.String(), level, name: Type.String() });

export const nodeView = Obj({
  versionId: Type.Integer(),
  versionRevision: Type.Integer(),
  code: Type.String(),
  level,
  name: Type.String(),
  parent: Nullable(Type.String()),
  path: List(nodeRef, { description: 'von oben bis zur übergeordneten Einheit' }),
  children: List(nodeRef),
  rev: Type.Integer({ description: 'Revision des Inhalts der Einheit: eine Erläuterungsänderung nennt sie' }),
  editable: Type.Boolean({ description: 'darf der Fragende Texte (Erläuterungen) dieser Einheit ändern' }),
  plans: List(planView),
  investitionen: Nullable(investmentTable),
  erlaeuterungen: List(erlaeuterung),
  beschreibung: Nullable(produktbeschreibung),
  kennzahlen: List(kennzahlTable),
  findings: Obj({
    open: List(keyedFinding),
    accepted: List(Obj({ ...findingProperties, key: Type.String(), acceptance: acceptedFinding })),
  }),
});

const rev = Type.Integer({ minimum: 0, maximum: 2 ** 31 });
const cellChange = { node: nodeCode, plan: planType, line: lineNumber, column, amount: cents, rev };

export const nodeContract = {
  'GET /api/versions/:v/nodes': {
    summary: 'Die Einheiten der Version als Baum (Produktbereiche, -gruppen, Produkte)',
    tags,
    params: versionParams,
    response: { 200: Obj({ tree: Type.Array(treeNode) }), ...errors },
  },
  'GET /api/versions/:v/nodes/:code': {
    summary: 'Eine Einheit: Pläne mit Zeilen, Summen, Revisionen, Bearbeitbarkeit, Erläuterungen, Befunde',
    description:
      'Mit ETag: If-None-Match mit dem aktuellen ETag gibt 304 ohne Inhalt; gzip, wenn Accept-Encoding es erlaubt.',
    tags,
    params: nodeParams,
    response: {
      200: nodeView,
      304: Type.Unsafe<undefined>({ description: 'Not Modified: die Ansicht ist unverändert; ohne Inhalt' }),
      ...errors,
    },
  },
  'PUT /api/versions/:v/cells': {
    summary: 'Einen Betrag ändern (mit der Revision der Zelle; veraltet → 409 mit dem aktuellen Wert)',
    tags,
    params: versionParams,
    body: Obj({ ...cellChange, reason }),
    response: { 200: editResult, ...errors },
  },
  'PATCH /api/versions/:v/cells': {
    summary: 'Mehrere Beträge in einem Schritt ändern (z. B. eine Fortschreibung übernehmen)',
    description:
      'Alles oder nichts: eine Transaktion, eine Revision der Version, je Zelle ein Protokolleintrag, alle in ' +
      'einer Gruppe mit der einen Begründung. Jede Zelle nennt ihre Revision (veraltet → 409 mit der Zelle, ' +
      'wie sie jetzt gespeichert ist); Rechte je Zelle (ein Fachbereich nur seine Einheiten, sonst 403); ' +
      `höchstens ${MAX_EDIT_CELLS} Zellen. Eine Ablehnung nennt die Zelle. Die Antwort enthält die Befunde ` +
      'der geänderten Einheiten.',
    tags,
    params: versionParams,
    body: Obj({ changes: List(Obj(cellChange), { minItems: 1, maxItems: MAX_EDIT_CELLS }), reason }),
    response: { 200: cellsResult, ...errors },
  },
  'PUT /api/versions/:v/nodes/:code/erlaeuterungen/:index': {
    summary:
      'Einen Posten einer Erläuterung ändern oder anfügen: Buchstabe, Text, Betrag, Vorjahresbetrag, Begründung, Bemerkung (mit der Revision der Einheit)',
    tags,
    params: Obj({ v: idText, code: nodeCode, index: Type.String({ pattern: '^[0-9]{1,4}$' }) }),
    body: Obj({
      item: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
      text: text(),
      amount: Type.Optional(Nullable(cents)),
      letter: Type.Optional(Nullable(text(8))),
      previous: Type.Optional(
        Nullable(
          Obj({
            kind: columnKind,
            year: Type.Integer({ minimum: 1900, maximum: 2200 }),
            unchanged: Type.Boolean(),
            amount: Type.Optional(cents),
          }),
        ),
      ),
      itemReason: Type.Optional(Nullable(text())),
      remark: Type.Optional(Nullable(text())),
      rev,
      reason,
    }),
    response: { 200: nodeView, ...errors },
  },
} as const;
