/**
 * The store over Kysely: the same code on SQLite (embedded default) and PostgreSQL (`DATABASE_URL`). This
 * class is a façade: it holds the database and the version cache and delegates each member of `Store` to the
 * module of its concern, free functions over a `StoreContext`:
 *
 * | module                      | concern                                                                 |
 * | --------------------------- | ----------------------------------------------------------------------- |
 * | `versions.ts`, `stages.ts`  | imports, budgets and versions; the version way (advance, derive, options) |
 * | `nodes.ts`, `cells.ts`      | content reads, Erläuterung edits; cell edits with their totals          |
 * | `cache.ts`                  | loaded versions per revision, patched by edits, checked once            |
 * | `findings.ts`, `diff.ts`    | the findings ledger; the Veränderungsnachweis                           |
 * | `audit.ts`                  | reading the audit trail                                                 |
 * | `einwendungen.ts`           | Einwendungen: recorded, answered, listed                                |
 * | `anmeldung.ts`, `anmeldung-decide.ts` | the Fachbereiche's requests and status; the Kämmerei's decisions |
 * | `anmeldung-node.ts`         | the requests of one node's cells (the plan's marks)                     |
 * | `accounts.ts`, `documents.ts`, `backup.ts` | users and tokens; source documents; backup and restore   |
 *
 * Writes: each change runs in one transaction that first bumps the version's revision (which also serialises
 * writers of one version in PostgreSQL), checks rights and revisions, changes the rows and appends to the
 * audit trail. Either all of it is committed or nothing.
 */
import type { Kysely } from 'kysely';
import type { Budget } from '../core/model.js';
import type { Actor, EinwendungDecision, Role } from '../core/workflow.js';
import { Accounts } from './accounts.js';
import type {
  AcceptedFinding,
  ApiTokenCheck,
  ApiTokenInfo,
  AuditEntry,
  AuditFilter,
  BudgetInfo,
  BudgetOptions,
  ByteRange,
  CellEdit,
  CellsEdit,
  CellsResult,
  DocumentContent,
  DocumentInfo,
  EditResult,
  Anmeldung,
  AnmeldungArea,
  AnmeldungDecision,
  AnmeldungEntry,
  AnmeldungRequest,
  Einwendung,
  NewEinwendung,
  ErlaeuterungEdit,
  FindingKey,
  FindingsFilter,
  ImportRequest,
  LoginGuard,
  NewApiToken,
  NodeDetail,
  NodeSummary,
  SessionInfo,
  Store,
  UserInfo,
  VersionDiff,
  VersionFindings,
  VersionInfo,
} from './api.js';
import * as anmeldung from './anmeldung.js';
import { decideAnmeldung, handBackAnmeldung } from './anmeldung-decide.js';
import { nodeRequests } from './anmeldung-node.js';
import * as audit from './audit.js';
import * as einwendungen from './einwendungen.js';
import { backupTo, restoreFrom } from './backup.js';
import { VersionCache } from './cache.js';
import * as cells from './cells.js';
import { named, reading, requireWhole, type StoreContext } from './context.js';
import { openDatabase, type Opened, type OpenOptions } from './db.js';
import { listDocuments, readDocument } from './documents.js';
import { Freshness } from './fresh.js';
import { diff } from './diff.js';
import * as findings from './findings.js';
import { migrateToLatest } from './migrations.js';
import * as nodes from './nodes.js';
import * as stages from './stages.js';
import * as tokens from './tokens.js';
import type { Tables } from './tables.js';
import * as versions from './versions.js';

export { findingKey } from '../core/findings.js';

export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Kysely<Tables>;
  private readonly cache: VersionCache;
  private readonly ctx: StoreContext;
  private readonly accounts: Accounts;

  /** What every request reads, kept while PostgreSQL tells of every change (`fresh.ts`). */
  readonly freshness: Freshness;

  constructor(readonly opened: Opened) {
    this.freshness = new Freshness(opened.listener);
    this.db = this.freshness.watch(opened.db);
    this.dialect = opened.dialect;
    this.cache = new VersionCache(this.db);
    this.ctx = { db: this.db, cache: this.cache };
    this.accounts = new Accounts(this.db);
  }

  async close(): Promise<void> {
    await this.freshness.close();
    await this.db.destroy();
  }

  // ── budgets and versions (versions.ts, stages.ts) ─────────────────────────────────────────────────────

  importBudget(actor: Actor, request: ImportRequest): Promise<VersionInfo> {
    return versions.importBudget(this.ctx, actor, request);
  }

  listBudgets(actor: Actor | undefined): Promise<BudgetInfo[]> {
    return versions.listBudgets(this.ctx, actor);
  }

  getBudget(actor: Actor | undefined, budgetId: number): Promise<BudgetInfo> {
    return versions.getBudget(this.ctx, actor, budgetId);
  }

  listVersions(actor: Actor | undefined, budgetId: number): Promise<VersionInfo[]> {
    return versions.listVersions(this.ctx, actor, budgetId);
  }

  getVersion(actor: Actor | undefined, versionId: number): Promise<VersionInfo> {
    return versions.getVersion(this.ctx, actor, versionId);
  }

  advance(actor: Actor, versionId: number, reason: string): Promise<VersionInfo> {
    return stages.advance(this.ctx, actor, versionId, reason);
  }

  derive(
    actor: Actor,
    versionId: number,
    kind: 'nachtrag' | 'ergebnis',
    reason: string,
  ): Promise<VersionInfo> {
    return stages.derive(this.ctx, actor, versionId, kind, reason);
  }

  setVersionOptions(
    actor: Actor,
    versionId: number,
    options: { fachbereichEdit?: boolean; publicRead?: boolean },
  ): Promise<VersionInfo> {
    return stages.setVersionOptions(this.ctx, actor, versionId, options);
  }

  // ── content (nodes.ts, cells.ts) ──────────────────────────────────────────────────────────────────────

  loadBudget(actor: Actor | undefined, versionId: number, options?: BudgetOptions): Promise<Budget> {
    return nodes.loadBudget(this.ctx, actor, versionId, options);
  }

  listNodes(actor: Actor | undefined, versionId: number): Promise<NodeSummary[]> {
    return nodes.listNodes(this.ctx, actor, versionId);
  }

  getNode(actor: Actor | undefined, versionId: number, code: string): Promise<NodeDetail> {
    return nodes.getNode(this.ctx, actor, versionId, code);
  }

  editCell(actor: Actor, versionId: number, edit: CellEdit): Promise<EditResult> {
    return cells.editCell(this.ctx, actor, versionId, edit);
  }

  editCells(actor: Actor, versionId: number, edit: CellsEdit): Promise<CellsResult> {
    return cells.editCells(this.ctx, actor, versionId, edit);
  }

  editErlaeuterung(actor: Actor, versionId: number, edit: ErlaeuterungEdit): Promise<NodeDetail> {
    return nodes.editErlaeuterung(this.ctx, actor, versionId, edit);
  }

  // ── findings and comparison (findings.ts, diff.ts) ────────────────────────────────────────────────────

  findings(actor: Actor | undefined, versionId: number, filter?: FindingsFilter): Promise<VersionFindings> {
    return findings.findings(this.ctx, actor, versionId, filter);
  }

  acceptFinding(actor: Actor, budgetId: number, key: FindingKey, reason: string): Promise<AcceptedFinding> {
    return findings.acceptFinding(this.ctx, actor, budgetId, key, reason);
  }

  diff(actor: Actor | undefined, fromVersion: number, toVersion: number): Promise<VersionDiff> {
    return diff(this.ctx, actor, fromVersion, toVersion);
  }

  // ── audit and public participation (audit.ts) ─────────────────────────────────────────────────────────

  audit(actor: Actor, filter: AuditFilter): Promise<AuditEntry[]> {
    return audit.audit(this.ctx, actor, filter);
  }

  recordEinwendung(actor: Actor, versionId: number, einwendung: NewEinwendung): Promise<Einwendung> {
    return einwendungen.recordEinwendung(this.ctx, actor, versionId, einwendung);
  }

  answerEinwendung(
    actor: Actor,
    versionId: number,
    id: number,
    answer: { answer: string; decision: EinwendungDecision },
  ): Promise<Einwendung> {
    return einwendungen.answerEinwendung(this.ctx, actor, versionId, id, answer);
  }

  listEinwendungen(actor: Actor, versionId: number): Promise<Einwendung[]> {
    return einwendungen.listEinwendungen(this.ctx, actor, versionId);
  }

  // ── the Anmeldung of the Fachbereiche (anmeldung.ts) ─────────────────────────────────────────────────

  anmeldung(actor: Actor | undefined, versionId: number): Promise<Anmeldung> {
    return anmeldung.getAnmeldung(this.ctx, actor, versionId);
  }

  requestFigure(actor: Actor, versionId: number, entry: AnmeldungEntry): Promise<AnmeldungRequest> {
    return anmeldung.requestFigure(this.ctx, actor, versionId, entry);
  }

  withdrawRequest(actor: Actor, versionId: number, requestId: number): Promise<void> {
    return anmeldung.withdrawRequest(this.ctx, actor, versionId, requestId);
  }

  submitAnmeldung(
    actor: Actor,
    versionId: number,
    produktbereich: string,
    reason: string,
  ): Promise<AnmeldungArea> {
    return anmeldung.submitAnmeldung(this.ctx, actor, versionId, produktbereich, reason);
  }

  decideAnmeldung(
    actor: Actor,
    versionId: number,
    decision: AnmeldungDecision,
  ): Promise<{ readonly decided: number; readonly revision: number | null }> {
    return decideAnmeldung(this.ctx, actor, versionId, decision);
  }

  setEckwert(
    actor: Actor,
    versionId: number,
    produktbereich: string,
    eckwert: number | null,
  ): Promise<AnmeldungArea> {
    return anmeldung.setEckwert(this.ctx, actor, versionId, produktbereich, eckwert);
  }

  handBackAnmeldung(
    actor: Actor,
    versionId: number,
    produktbereich: string,
    comment: string,
  ): Promise<AnmeldungArea> {
    return handBackAnmeldung(this.ctx, actor, versionId, produktbereich, comment);
  }

  nodeRequests(actor: Actor | undefined, versionId: number, node: string): Promise<AnmeldungRequest[]> {
    return nodeRequests(this.ctx, actor, versionId, node);
  }

  // ── users, sessions (accounts.ts), API tokens (tokens.ts) ────────────────────────────────────────────────────────────

  addUser(
    actor: Actor,
    user: { name: string; password: string; role: Role; produktbereiche?: readonly string[] },
  ): Promise<UserInfo> {
    return this.accounts.addUser(actor, user);
  }

  listUsers(actor: Actor): Promise<UserInfo[]> {
    return this.accounts.listUsers(actor);
  }

  removeUser(actor: Actor, name: string): Promise<void> {
    return this.accounts.removeUser(actor, name);
  }

  setPassword(actor: Actor, name: string, password: string, currentPassword?: string): Promise<void> {
    return this.accounts.setPassword(actor, name, password, currentPassword);
  }

  login(
    name: string,
    password: string,
    guard?: LoginGuard,
  ): Promise<{ token: string; session: SessionInfo }> {
    return this.accounts.login(name, password, guard);
  }

  session(token: string): Promise<SessionInfo | undefined> {
    return this.accounts.session(token);
  }

  logout(token: string): Promise<void> {
    return this.accounts.logout(token);
  }

  createApiToken(
    actor: Actor,
    label: string,
    options?: { readonly days?: number; readonly user?: string },
  ): Promise<NewApiToken> {
    return tokens.createApiToken(this.db, actor, label, options);
  }

  listApiTokens(
    actor: Actor,
    filter?: { readonly user?: string; readonly all?: boolean },
  ): Promise<ApiTokenInfo[]> {
    return tokens.listApiTokens(this.db, actor, filter);
  }

  revokeApiToken(actor: Actor, id: string): Promise<ApiTokenInfo> {
    return tokens.revokeApiToken(this.db, actor, id);
  }

  checkApiToken(token: string): Promise<ApiTokenCheck> {
    return tokens.checkApiToken(this.db, token);
  }

  actorForApiToken(token: string): Promise<Actor | undefined> {
    return tokens.actorForApiToken(this.db, token);
  }

  // ── source documents (documents.ts) ──────────────────────────────────────────────────────────────────

  async listDocuments(actor: Actor | undefined, versionId: number): Promise<DocumentInfo[]> {
    const { version, scope } = await reading(this.db, actor, versionId);
    requireWhole(scope, 'Quelldokumente');
    return (await listDocuments(this.db, version)).map((d) => named(actor, d));
  }

  async readDocument(
    actor: Actor | undefined,
    versionId: number,
    name: string,
    range?: ByteRange,
  ): Promise<DocumentContent> {
    const { version, scope } = await reading(this.db, actor, versionId);
    requireWhole(scope, 'Quelldokumente');
    const content = await readDocument(this.db, version, name, range);
    return { ...content, document: named(actor, content.document) };
  }

  // ── operations (backup.ts) ────────────────────────────────────────────────────────────────────────────

  backup(file: string): Promise<{ tables: number; rows: number }> {
    return backupTo(this.opened, file);
  }

  async restore(file: string): Promise<{ tables: number; rows: number }> {
    const result = await restoreFrom(this.opened, file);
    this.cache.clear();
    this.freshness.forget();
    return result;
  }
}

export interface StoreOptions extends OpenOptions {
  /** Bring the schema up to date on opening (default true; `haushalt migrate` does it explicitly). */
  readonly migrate?: boolean;
}

export async function openStore(options: StoreOptions = {}): Promise<KyselyStore> {
  const opened = await openDatabase(options);
  if (options.migrate !== false)
    await migrateToLatest(opened.db as unknown as Kysely<unknown>, opened.dialect, opened.schema);
  return new KyselyStore(opened);
}
