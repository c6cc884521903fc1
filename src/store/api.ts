/**
 * The store's contract: what the server, the CLI and the tests use. One implementation (`store.ts`) over
 * Kysely runs on SQLite and PostgreSQL alike; the contract tests (`store.contract.test.ts`) run on both.
 *
 * Every method that changes something takes the acting user, checks what the user may do (`workflow.ts`), does
 * the change and its audit entry in one transaction, and throws a `StoreError` otherwise. Money is integer cents.
 */
import type { PlacedCell } from '../core/apply-cells.js';
import type { BudgetDiff } from '../core/diff.js';
import type { Finding, FindingKey, Severity } from '../core/findings.js';
import type {
  Budget,
  BudgetNode,
  Column,
  ColumnKind,
  ImportNote,
  PlanType,
  PreviousAmount,
} from '../core/model.js';
import type { AreaStatus, Decision, RequestStatus } from '../core/anmeldung.js';
import type { Cents } from '../core/money.js';
import type { Actor, EinwendungDecision, ImportStage, Role, Stage, VersionKind } from '../core/workflow.js';

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

export interface BudgetInfo {
  readonly id: number;
  readonly name: string;
  /** The running header of the document ("Kreishaushalt"), if any. */
  readonly title: string | null;
  readonly year: number | null;
  readonly createdAt: string;
  /** Who made it; `null` for anonymous readers (staff names are not public). */
  readonly createdBy: string | null;
}

export interface VersionInfo {
  readonly id: number;
  readonly budgetId: number;
  readonly kind: VersionKind;
  readonly stage: Stage;
  readonly label: string;
  /** The version this one was made from (the stage before, or the Beschluss of a Nachtrag). */
  readonly basedOn: number | null;
  readonly closed: boolean;
  readonly frozen: boolean;
  readonly fachbereichEdit: boolean;
  readonly publicRead: boolean;
  /** Grows with every change of the version's content; caches key on it. */
  readonly revision: number;
  /** Grows with every finding accepted in the budget (acceptances hold for all its versions); views key on it. */
  readonly findingsRevision: number;
  readonly createdAt: string;
  /** Who made it; `null` for anonymous readers (staff names are not public). */
  readonly createdBy: string | null;
}

export interface NodeSummary {
  readonly code: string;
  readonly level: BudgetNode['level'];
  readonly name: string;
  readonly parent: string | null;
}

/** A plan cell as stored, with its revision (an edit names it; a stale one gets a conflict). */
export interface StoredCell extends PlacedCell {
  readonly rev: number;
}

/** A cell's new amount, naming the revision of the cell the change was made on. */
export interface CellChange {
  readonly node: string;
  readonly plan: PlanType;
  readonly line: string;
  readonly column: Column;
  readonly amount: Cents;
  /** The revision of the cell the edit was made on; omitted only for a cell not printed yet (then 0). */
  readonly rev: number;
}

export interface CellEdit extends CellChange {
  readonly reason: string;
}

/** Several cells changed at once (a projection applied): all or nothing, one revision, one audit group. */
export interface CellsEdit {
  readonly changes: readonly CellChange[];
  readonly reason: string;
}

export interface EditResult {
  /** The edited cell and every total it changed, as now stored. */
  readonly changed: readonly StoredCell[];
  /** Change of the Jahresergebnis (signed, Aufwendungen negative) in the edited column, if the line counts. */
  readonly jahresergebnisEffect: Cents;
  readonly revision: number;
}

export interface CellsResult extends EditResult {
  /** The audit entries of the change (one per cell) share this group (`AuditEntry.group`). */
  readonly group: string;
}

/** An Erläuterung item edit: `index` of the Erläuterung in the node, `item` index in it (or append). */
export interface ErlaeuterungEdit {
  readonly node: string;
  readonly erlaeuterung: number;
  /** Index of the item to change; `undefined` appends a new item. */
  readonly item?: number;
  readonly text: string;
  readonly amount?: Cents | null;
  /** The further fields of the item (`ErlaeuterungItem`): undefined keeps the field, null removes it. */
  readonly letter?: string | null;
  readonly previous?: PreviousAmount | null;
  /** The reason printed after the previous amount (not the edit's `reason`). */
  readonly itemReason?: string | null;
  readonly remark?: string | null;
  /** The node's content revision the edit was made on. */
  readonly rev: number;
  readonly reason: string;
}

export interface NodeDetail {
  readonly node: BudgetNode;
  /** The content revision of the node (Erläuterungen, description); cells carry their own. */
  readonly rev: number;
  /** Revisions of the node's cells: `${plan}|${line}|${kind}:${year}` → rev. */
  readonly cellRevs: Readonly<Record<string, number>>;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly budgetId: number | null;
  readonly versionId: number | null;
  /** `import`, `cell`, `erlaeuterung`, `stage`, `version`, `finding-accept`, `einwendung`, `user`, … */
  readonly action: string;
  /** What was changed, e.g. `43.01|teilergebnisplan|13|ansatz:2026`. */
  readonly target: string;
  readonly old: unknown;
  readonly new: unknown;
  readonly reason: string;
  /** Effect on the Jahresergebnis in cents (cell edits of the Ergebnisplan), else null. */
  readonly effect: Cents | null;
  /** Entries written by one change of several cells share a group (`editCells`); null otherwise. */
  readonly group: string | null;
}

/** Which entries of the audit trail to read (all given conditions hold); oldest first. */
export interface AuditFilter {
  readonly budgetId?: number;
  readonly versionId?: number;
  /** Content changes (amounts, Erläuterungen) of this unit and the units below it. */
  readonly unit?: string;
  /** Entries of this user (their name as the trail records it). */
  readonly actor?: string;
  /** From this time on (ISO 8601, inclusive) … */
  readonly from?: string;
  /** … and before this time (exclusive). */
  readonly to?: string;
  readonly limit?: number;
  /** Entries after this id (paging). */
  readonly after?: number;
}

export type { CellDiff } from '../core/diff.js';

/** Two versions compared (`diffBudgets` in the core). */
export interface VersionDiff extends BudgetDiff {
  readonly from: number;
  readonly to: number;
}

export type { FindingKey };

export interface AcceptedFinding {
  readonly id: number;
  readonly budgetId: number;
  readonly key: FindingKey;
  readonly reason: string;
  /** Who accepted it; `null` for anonymous readers (staff names are not public). */
  readonly acceptedBy: string | null;
  readonly acceptedAt: string;
}

export interface VersionFindings {
  /** Findings not accepted. */
  readonly open: readonly (Finding & { readonly key: FindingKey })[];
  /** Findings accepted, with who, when and why. */
  readonly accepted: readonly (Finding & {
    readonly key: FindingKey;
    readonly acceptance: AcceptedFinding;
  })[];
  /** Acceptances whose finding no longer occurs. */
  readonly stale: readonly AcceptedFinding[];
  /** Open findings per severity (of the node with `filter.node`), whatever `filter.severities` lets through. */
  readonly counts: Readonly<Record<Severity, number>>;
}

/** Which findings to return: of one node only, of some severities only. */
export interface FindingsFilter {
  readonly node?: string;
  /** The findings of these nodes only (those of a change of several cells). */
  readonly nodes?: readonly string[];
  readonly severities?: readonly Severity[];
}

export interface Einwendung {
  readonly id: number;
  readonly versionId: number;
  readonly author: string;
  readonly text: string;
  /** When it was recorded (ISO 8601). */
  readonly receivedAt: string;
  readonly recordedBy: string;
  /** The day it was received (`2026-12-05`), as the Kämmerei entered it; null for entries made before. */
  readonly receivedOn: string | null;
  /** The unit (Produktbereich, Produkt) it concerns, if one. */
  readonly unit: string | null;
  readonly answer: string | null;
  readonly decision: EinwendungDecision | null;
  readonly answeredAt: string | null;
  readonly answeredBy: string | null;
}

/** An Einwendung as the Kämmerei records it. */
export interface NewEinwendung {
  readonly author: string;
  readonly text: string;
  readonly receivedOn?: string;
  readonly unit?: string;
}

/** A Produktbereich's Anmeldung (`src/core/anmeldung.ts`, `anmeldung.ts`). */
export interface AnmeldungArea {
  readonly produktbereich: string;
  readonly name: string;
  readonly status: AreaStatus;
  readonly submittedBy: string | null;
  readonly submittedAt: string | null;
  readonly checkedAt: string | null;
  /** The Kämmerei's Eckwert (Zuschussbedarf limit) in cents. */
  readonly eckwert: Cents | null;
  readonly open: number;
  readonly taken: number;
  readonly rejected: number;
  /** The last hand-back for rework ("Zur Überarbeitung zurückgeben"): by whom, when, with what comment. */
  readonly returnedBy: string | null;
  readonly returnedAt: string | null;
  readonly returnComment: string | null;
}

/** A requested figure for one plan cell (a Fachbereich's entry), with its reason. */
export interface AnmeldungEntry {
  readonly node: string;
  readonly plan: PlanType;
  readonly line: string;
  readonly column: Column;
  readonly amount: Cents;
  readonly reason: string;
}

/** A requested figure with its Kämmerei's decision. */
export interface AnmeldungRequest extends AnmeldungEntry {
  readonly id: number;
  readonly produktbereich: string;
  readonly status: RequestStatus;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  /** The version whose cell a taken-over figure was written to. */
  readonly decidedIn: number | null;
  readonly comment: string | null;
}

/** The Anmeldung a version has or came from, as the reader may see it. */
export interface Anmeldung {
  /** The version of stage `anmeldung` the requests were entered in. */
  readonly versionId: number;
  /** Whether requests may still be entered (the Anmeldung version is open). */
  readonly open: boolean;
  readonly areas: readonly AnmeldungArea[];
  readonly requests: readonly AnmeldungRequest[];
}

/** A decision of one request or of every open request of a Produktbereich. */
export interface AnmeldungDecision {
  readonly request?: number;
  readonly produktbereich?: string;
  readonly decision: Decision;
  readonly comment: string;
}

export interface UserInfo {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  readonly produktbereiche: readonly string[];
  readonly createdAt: string;
}

export interface SessionInfo {
  readonly actor: Actor;
  readonly csrf: string;
  readonly expiresAt: string;
}

/**
 * What a caller of `login` may add once the store knows whether the name is an account's, before any
 * password work: rate limits (the server). Throwing refuses the attempt; the store passes the error on at
 * once, whether the name is known or not.
 */
export interface LoginGuard {
  admit(known: boolean): void;
}

/** An API token as listed: never its secret, which is shown once when it is made. */
export interface ApiTokenInfo {
  /** Not secret: the first 16 hex digits of the token's SHA-256; names it in lists and to revoke it. */
  readonly id: string;
  readonly user: string;
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Last use, to the hour (recorded at most once an hour); null if never used. */
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
  readonly status: 'active' | 'expired' | 'revoked';
}

/** A new API token: its secret (shown this once) and what will be listed. */
export interface NewApiToken extends ApiTokenInfo {
  readonly token: string;
}

/** An API token presented: the user it stands for, or why it is refused. */
export type ApiTokenCheck =
  | { readonly ok: true; readonly actor: Actor; readonly id: string }
  | { readonly ok: false; readonly reason: 'unknown' }
  | { readonly ok: false; readonly reason: 'expired' | 'revoked'; readonly at: string };

/** A source document handed in with an import: the file as its values' sources name it. */
export interface ImportDocument {
  /** As in `Source.file` of the imported values. */
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/** A stored source document of a version (brought by its import, or by the import its line goes back to). */
export interface DocumentInfo {
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** The imported version that brought the document. */
  readonly versionId: number;
  readonly createdAt: string;
  /** Who imported it; `null` for anonymous readers (staff names are not public). */
  readonly createdBy: string | null;
}

/** Bytes `start` (inclusive) to `end` (exclusive) of a document. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface DocumentContent {
  readonly document: DocumentInfo;
  /** The range read (the whole document without a range asked for). */
  readonly range: ByteRange;
  /** The bytes of the range, chunk by chunk (read lazily, at most 4 MiB at a time). */
  readonly body: AsyncIterable<Uint8Array>;
}

export interface ImportRequest {
  readonly budget: Budget;
  /** For a new budget: its name. */
  readonly name?: string;
  /** Import as a new version of this budget (else a new budget). */
  readonly budgetId?: number;
  /** `entwurf` by default; later stages are reached only by `advance` (refused here, also at run time). */
  readonly stage?: ImportStage;
  readonly label?: string;
  readonly reason?: string;
  readonly notes?: readonly ImportNote[];
  /** The source documents, stored with the import in the same transaction. */
  readonly documents?: readonly ImportDocument[];
}

/** What of a version `loadBudget` returns. */
export interface BudgetOptions {
  /**
   * Only what the view of this node needs (node views): every node in its place (code, level, name, parent),
   * but with content (plans with cells, texts, tables) only the node itself, its children and, for the
   * Gesamtplan, the top nodes — loaded by themselves while the whole version is not. Its findings of one node
   * (`checkNodes`) equal those of the whole version.
   */
  readonly around?: string;
}

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
