/**
 * The store's contract: what the server, the CLI and the tests use. One implementation (`store.ts`) over
 * Kysely runs on SQLite and PostgreSQL alike; the contract tests (`store.contract.test.ts`) run on both.
 *
 * Every method that changes something takes the acting user, checks what the user may do (`workflow.ts`), does
 * the change and its audit entry in one transaction, and throws a `StoreError` otherwise. Money is integer cents.
 * The records it takes and gives are in `api-budgets.ts` (budgets, versions, cells, findings, audit, documents)
 * and `api-people.ts` (Einwendungen, Anmeldung, users, sessions, tokens), re-exported here.
 */
import type { FindingKey } from '../core/findings.js';
import type { Budget, ColumnKind } from '../core/model.js';
import type { Cents } from '../core/money.js';
import type { Actor, EinwendungDecision, Role } from '../core/workflow.js';
import type {
  BudgetInfo,
  VersionInfo,
  NodeSummary,
  CellEdit,
  CellsEdit,
  EditResult,
  CellsResult,
  ErlaeuterungEdit,
  NodeDetail,
  AuditEntry,
  AuditFilter,
  VersionDiff,
  AcceptedFinding,
  VersionFindings,
  FindingsFilter,
  DocumentInfo,
  ByteRange,
  DocumentContent,
  ImportRequest,
  BudgetOptions,
} from './api-budgets.js';
import type {
  Einwendung,
  NewEinwendung,
  AnmeldungArea,
  AnmeldungEntry,
  AnmeldungRequest,
  Anmeldung,
  AnmeldungDecision,
  UserInfo,
  SessionInfo,
  LoginGuard,
  ApiTokenInfo,
  NewApiToken,
  ApiTokenCheck,
} from './api-people.js';

export type StoreErrorCode =
  | 'not-found' // 404
  | 'forbidden' // 403
  | 'conflict' // 409: stale revision; `current` carries the value now stored
  | 'invalid' // 400
  | 'frozen' // 409: the version is closed or frozen
  | 'unauthenticated'; // 401

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    /** German, for users. */
    message: string,
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export type * from './api-budgets.js';
export type * from './api-people.js';

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;

  // budgets and versions
  importBudget(actor: Actor, request: ImportRequest): Promise<VersionInfo>;
  listBudgets(actor: Actor | undefined): Promise<BudgetInfo[]>;
  getBudget(actor: Actor | undefined, budgetId: number): Promise<BudgetInfo>;
  listVersions(actor: Actor | undefined, budgetId: number): Promise<VersionInfo[]>;
  getVersion(actor: Actor | undefined, versionId: number): Promise<VersionInfo>;
  /** Moves a version to its next stage: a new version (copy) in that stage; the old one is closed. */
  advance(actor: Actor, versionId: number, reason: string): Promise<VersionInfo>;
  /** A Nachtrag or an Ergebnis based on a frozen version. */
  derive(
    actor: Actor,
    versionId: number,
    kind: 'nachtrag' | 'ergebnis',
    reason: string,
  ): Promise<VersionInfo>;
  setVersionOptions(
    actor: Actor,
    versionId: number,
    options: { fachbereichEdit?: boolean; publicRead?: boolean },
  ): Promise<VersionInfo>;

  // content
  loadBudget(actor: Actor | undefined, versionId: number, options?: BudgetOptions): Promise<Budget>;
  listNodes(actor: Actor | undefined, versionId: number): Promise<NodeSummary[]>;
  getNode(actor: Actor | undefined, versionId: number, code: string): Promise<NodeDetail>;
  editCell(actor: Actor, versionId: number, edit: CellEdit): Promise<EditResult>;
  /**
   * Several cells in one transaction: one revision, one audit entry per cell in one group, all or nothing
   * (at most `MAX_EDIT_CELLS`; a refusal names the cell it is about).
   */
  editCells(actor: Actor, versionId: number, edit: CellsEdit): Promise<CellsResult>;
  editErlaeuterung(actor: Actor, versionId: number, edit: ErlaeuterungEdit): Promise<NodeDetail>;

  // source documents (read rights as the version's)
  listDocuments(actor: Actor | undefined, versionId: number): Promise<DocumentInfo[]>;
  /** A document's bytes, or a range of them; `invalid` for a range outside the document. */
  readDocument(
    actor: Actor | undefined,
    versionId: number,
    name: string,
    range?: ByteRange,
  ): Promise<DocumentContent>;

  // findings and comparison
  /**
   * The version's findings, of one node only with `filter.node` (and only its stale acceptances), of some
   * severities only with `filter.severities` (the counts still of all).
   */
  findings(actor: Actor | undefined, versionId: number, filter?: FindingsFilter): Promise<VersionFindings>;
  acceptFinding(actor: Actor, budgetId: number, key: FindingKey, reason: string): Promise<AcceptedFinding>;
  diff(actor: Actor | undefined, fromVersion: number, toVersion: number): Promise<VersionDiff>;

  // audit and public participation
  audit(actor: Actor, filter: AuditFilter): Promise<AuditEntry[]>;
  recordEinwendung(actor: Actor, versionId: number, einwendung: NewEinwendung): Promise<Einwendung>;
  /** The answer and the decision on an Einwendung (Kämmerei, the version ausgelegt). */
  answerEinwendung(
    actor: Actor,
    versionId: number,
    id: number,
    answer: { answer: string; decision: EinwendungDecision },
  ): Promise<Einwendung>;
  listEinwendungen(actor: Actor, versionId: number): Promise<Einwendung[]>;

  // the Anmeldung of the Fachbereiche (of the version, or of the Anmeldung it came from)
  anmeldung(actor: Actor | undefined, versionId: number): Promise<Anmeldung>;
  /** A Fachbereich enters (or changes) its requested figure for a cell, with a reason. */
  requestFigure(actor: Actor, versionId: number, entry: AnmeldungEntry): Promise<AnmeldungRequest>;
  withdrawRequest(actor: Actor, versionId: number, requestId: number): Promise<void>;
  submitAnmeldung(
    actor: Actor,
    versionId: number,
    produktbereich: string,
    reason: string,
  ): Promise<AnmeldungArea>;
  /** The Kämmerei decides in version `versionId`: a taken-over figure is written to its cell (one edit). */
  decideAnmeldung(
    actor: Actor,
    versionId: number,
    decision: AnmeldungDecision,
  ): Promise<{ readonly decided: number; readonly revision: number | null }>;
  setEckwert(
    actor: Actor,
    versionId: number,
    produktbereich: string,
    eckwert: Cents | null,
  ): Promise<AnmeldungArea>;
  /** The Kämmerei hands a submitted Produktbereich back to its Fachbereich for rework, with a comment. */
  handBackAnmeldung(
    actor: Actor,
    versionId: number,
    produktbereich: string,
    comment: string,
  ): Promise<AnmeldungArea>;
  /** The requests for the cells of one node the actor may see (none without an Anmeldung behind the version). */
  nodeRequests(actor: Actor | undefined, versionId: number, node: string): Promise<AnmeldungRequest[]>;

  // users, sessions, tokens
  addUser(
    actor: Actor,
    user: { name: string; password: string; role: Role; produktbereiche?: readonly string[] },
  ): Promise<UserInfo>;
  listUsers(actor: Actor): Promise<UserInfo[]>;
  /** Removes a user with its sessions and tokens; never the last Kämmerei user (`conflict`). */
  removeUser(actor: Actor, name: string): Promise<void>;
  /**
   * Sets a password (checked against the policy, `password-policy.ts`); ends the user's sessions and revokes
   * its API tokens. A user changing its own password names the current one (`forbidden` if wrong); the
   * Kämmerei setting another's and the command line do not.
   */
  setPassword(actor: Actor, name: string, password: string, currentPassword?: string): Promise<void>;
  /**
   * Checks a password; a new session (token returned once, stored hashed). Throws `unauthenticated` after
   * about the same time whether the name is unknown (no password work) or the password wrong. A hash of a
   * lower cost than today's is replaced on success.
   */
  login(name: string, password: string, guard?: LoginGuard): Promise<{ token: string; session: SessionInfo }>;
  session(token: string): Promise<SessionInfo | undefined>;
  logout(token: string): Promise<void>;
  /**
   * A new API token of the actor, valid for `days` (default 90, at most 365); the command line (system) makes
   * one for any `user`.
   */
  createApiToken(
    actor: Actor,
    label: string,
    options?: { readonly days?: number; readonly user?: string },
  ): Promise<NewApiToken>;
  /** The actor's own tokens; the Kämmerei's: of `user`, or all with `all`. Newest first. */
  listApiTokens(
    actor: Actor,
    filter?: { readonly user?: string; readonly all?: boolean },
  ): Promise<ApiTokenInfo[]>;
  /** Revokes a token: one's own, or any for the Kämmerei; `not-found` if there is no active one. */
  revokeApiToken(actor: Actor, id: string): Promise<ApiTokenInfo>;
  /** Checks a presented token (and records its use, at most once an hour). */
  checkApiToken(token: string): Promise<ApiTokenCheck>;
  /** The user a valid token stands for; undefined for unknown, expired and revoked tokens. */
  actorForApiToken(token: string): Promise<Actor | undefined>;

  // operations
  /** A consistent logical dump of every table (works while others write), gzip'd JSON lines. */
  backup(file: string): Promise<{ tables: number; rows: number }>;
  /** Restores a dump into this (empty or to-be-replaced) store. */
  restore(file: string): Promise<{ tables: number; rows: number }>;
}

export type { ColumnKind };
