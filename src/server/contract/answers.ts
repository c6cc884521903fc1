/**
 * What the store returns, as answer schemas (`src/store/api.ts`): budgets, versions, cells, edits, the diff,
 * findings, audit entries, Einwendungen, users, API tokens, source documents, and the import's reconciliation
 * (`src/core/ledger.ts`). Kept equal to the store's types by the type tests at the end (each way assignable).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { Reconciliation as CoreReconciliation } from '../../core/ledger.js';
import type {
  CellsResult as StoreCellsResult,
  AcceptedFinding as StoreAcceptedFinding,
  ApiTokenInfo as StoreApiTokenInfo,
  AuditEntry as StoreAuditEntry,
  BudgetInfo as StoreBudgetInfo,
  DocumentInfo as StoreDocumentInfo,
  EditResult as StoreEditResult,
  Einwendung as StoreEinwendung,
  UserInfo as StoreUserInfo,
  VersionDiff as StoreVersionDiff,
  VersionFindings as StoreVersionFindings,
  VersionInfo as StoreVersionInfo,
} from '../../store/api.js';
import {
  List,
  Nullable,
  Obj,
  OneOf,
  amount,
  columnOut,
  id,
  planType,
  produktbereiche,
  role,
  stage,
  time,
} from './common.js';
import { findingProperties, keyedFinding, source } from './model.js';
import { EINWENDUNG_DECISIONS } from '../../core/workflow.js';

const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
const staffName = Nullable(
  Type.String({ description: 'null für anonyme Leser (Namen von Beschäftigten sind nicht öffentlich)' }),
);

export const budgetInfo = Obj({
  id,
  name: Type.String(),
  title: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  createdAt: time,
  createdBy: staffName,
});

export const versionKind = OneOf(['haushalt', 'nachtrag', 'ergebnis'] as const);

const versionProperties = {
  id,
  budgetId: id,
  kind: versionKind,
  stage,
  label: Type.String(),
  basedOn: Nullable(id),
  closed: Type.Boolean(),
  frozen: Type.Boolean(),
  fachbereichEdit: Type.Boolean(),
  publicRead: Type.Boolean(),
  revision: Type.Integer({ description: 'wächst mit jeder Änderung des Inhalts' }),
  findingsRevision: Type.Integer({ description: 'wächst mit jedem akzeptierten Befund des Haushalts' }),
  createdAt: time,
  createdBy: staffName,
};
export const versionInfo = Obj(versionProperties);

/** A version with its stage's German label and the stage that would follow (`versionView`). */
export const versionView = Obj({
  ...versionProperties,
  stageLabel: Type.String(),
  nextStage: Nullable(stage),
  nextStageLabel: Nullable(Type.String()),
});

const columnAmount = { column: columnOut, amount, count: Type.Integer() };
export const reconciliation = Obj({
  file: Type.String(),
  column: columnOut,
  read: Obj(columnAmount),
  placed: Obj(columnAmount),
  outside: List(Obj({ ...columnAmount, reason: Type.String(), source: opt(source) })),
  difference: amount,
});

/** The version an import made, and what became of every amount of the files (read = placed + outside). */
/** The layout traits an import recognised in one file (header rows, operator column, signs, unit, …). */
export const fileLayout = Obj({ file: Type.String(), traits: List(Type.String()) });

export const imported = Obj({
  ...versionProperties,
  reconciliation: List(reconciliation),
  layout: List(fileLayout, { description: 'die erkannte Gestaltung je Datei, wo sie vom Plantext abweicht' }),
});

export const storedCell = Obj({
  node: Type.String(),
  plan: planType,
  line: Type.String(),
  column: columnOut,
  amount,
  decimals: Type.Union([Type.Literal(0), Type.Literal(2)]),
  scale: opt(Type.Literal(1000)),
  rev: Type.Integer(),
  source: opt(source),
});

const editResultProperties = {
  changed: List(storedCell, { description: 'die geänderte Zelle und jede Summe, die sich mit ihr änderte' }),
  jahresergebnisEffect: amount,
  revision: Type.Integer(),
};
export const editResult = Obj(editResultProperties);

export const versionDiff = Obj({
  from: id,
  to: id,
  cells: List(
    Obj({
      node: Type.String(),
      plan: planType,
      line: Type.String(),
      column: columnOut,
      from: Nullable(amount),
      to: Nullable(amount),
    }),
  ),
  texts: List(Type.String()),
  jahresergebnis: List(Obj({ column: columnOut, delta: amount })),
});

export const acceptedFinding = Obj({
  id,
  budgetId: id,
  key: Type.String(),
  reason: Type.String(),
  acceptedBy: staffName,
  acceptedAt: time,
});

export const versionFindings = Obj({
  open: List(keyedFinding),
  accepted: List(Obj({ ...findingProperties, key: Type.String(), acceptance: acceptedFinding })),
  stale: List(acceptedFinding),
  counts: Obj({
    error: Type.Integer(),
    warning: Type.Integer(),
    rounding: Type.Integer(),
    info: Type.Integer(),
  }),
});

/** A change of several cells: what `editCells` answers, with the findings of the changed cells' nodes. */
export const cellsResult = Obj({
  ...editResultProperties,
  changed: List(storedCell, {
    description: 'die geänderten Zellen und jede Summe, die sich mit ihnen änderte',
  }),
  jahresergebnisEffect: Type.Integer({
    description: 'Wirkung aller Änderungen auf das Jahresergebnis (Cent)',
  }),
  group: Type.String({ description: 'die Gruppe der Protokolleinträge dieser Änderung (AuditEntry.group)' }),
  findings: versionFindings,
});

export const auditEntry = Obj({
  id,
  at: time,
  actor: Type.String(),
  budgetId: Nullable(id),
  versionId: Nullable(id),
  action: Type.String(),
  target: Type.String(),
  what: Type.String({
    description: 'was geändert wurde, auf Deutsch: Einheit, Plan, Zeile mit Bezeichnung, Spalte',
  }),
  old: Type.Unknown(),
  new: Type.Unknown(),
  reason: Type.String(),
  effect: Nullable(amount),
  group: Nullable(
    Type.String({ description: 'gemeinsam für die Einträge einer Änderung mehrerer Zellen (sonst null)' }),
  ),
});

export const einwendung = Obj({
  id,
  versionId: id,
  author: Type.String(),
  text: Type.String(),
  receivedAt: time,
  recordedBy: Type.String(),
  receivedOn: Nullable(Type.String({ description: 'Eingangstag (JJJJ-MM-TT)' })),
  unit: Nullable(Type.String({ description: 'die betroffene Einheit' })),
  answer: Nullable(Type.String()),
  decision: Nullable(OneOf(EINWENDUNG_DECISIONS)),
  answeredAt: Nullable(time),
  answeredBy: Nullable(Type.String()),
});

export const userInfo = Obj({ id, name: Type.String(), role, produktbereiche, createdAt: time });

const tokenProperties = {
  id: Type.String({ description: 'die ersten 16 Hex-Ziffern des SHA-256 des Tokens (nicht geheim)' }),
  user: Type.String(),
  label: Type.String(),
  createdAt: time,
  expiresAt: time,
  lastUsedAt: Nullable(time),
  revokedAt: Nullable(time),
  status: OneOf(['active', 'expired', 'revoked'] as const),
};
export const apiTokenInfo = Obj(tokenProperties);
export const newApiToken = Obj({
  ...tokenProperties,
  token: Type.String({ description: 'das Geheimnis; nur dieses eine Mal gezeigt' }),
});

export const documentInfo = Obj({
  name: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  versionId: id,
  createdAt: time,
  createdBy: staffName,
});

// the schemas describe the store's types exactly: each way assignable (a type error here otherwise)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type AnswersMatchStore = [
  Assert<Same<Static<typeof budgetInfo>, StoreBudgetInfo>>,
  Assert<Same<Static<typeof versionInfo>, StoreVersionInfo>>,
  Assert<Same<Static<typeof editResult>, StoreEditResult>>,
  Assert<Same<Omit<Static<typeof cellsResult>, 'findings'>, StoreCellsResult>>,
  Assert<Same<Static<typeof versionDiff>, StoreVersionDiff>>,
  Assert<Same<Static<typeof acceptedFinding>, StoreAcceptedFinding>>,
  Assert<Same<Static<typeof versionFindings>, StoreVersionFindings>>,
  Assert<Same<Omit<Static<typeof auditEntry>, 'what'>, StoreAuditEntry>>,
  Assert<Same<Static<typeof einwendung>, StoreEinwendung>>,
  Assert<Same<Static<typeof userInfo>, StoreUserInfo>>,
  Assert<Same<Static<typeof apiTokenInfo>, StoreApiTokenInfo>>,
  Assert<Same<Static<typeof documentInfo>, StoreDocumentInfo>>,
  Assert<Same<Static<typeof reconciliation>, CoreReconciliation>>,
];
