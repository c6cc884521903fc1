/**
 * The parts of the store each user needs: the server hands each route module only the part it uses, so that a
 * route's dependencies are named in its signature (`Context<BudgetStore>`, …). Narrowings of `Store` (api.ts).
 */
import type { Store } from './api.js';

/** Reading a version: its record and its budget as the reader may see it (exports, view caches). */
export type VersionReader = Pick<Store, 'getVersion' | 'loadBudget'>;
/** Budgets, their versions and imports (`routes/budgets.ts`). */
export type BudgetStore = Pick<Store, 'listBudgets' | 'getBudget' | 'listVersions' | 'importBudget'>;
/** The version way and the comparison, and exports of a version (`routes/versions.ts`). */
export type VersionStore = VersionReader &
  Pick<Store, 'getBudget' | 'advance' | 'derive' | 'setVersionOptions' | 'diff'>;
/** Nodes, their views and edits (`routes/nodes.ts`, `routes/web.ts`). */
export type ContentStore = VersionReader &
  Pick<Store, 'listNodes' | 'getNode' | 'findings' | 'editCell' | 'editCells' | 'editErlaeuterung'>;
/** The findings ledger (`routes/findings.ts`). */
export type FindingStore = Pick<Store, 'findings' | 'acceptFinding'>;
/** Source documents (`routes/documents.ts`). */
export type DocumentStore = Pick<Store, 'listDocuments' | 'readDocument'>;
/** The audit trail and Einwendungen (`routes/audit.ts`). */
export type AuditStore = Pick<
  Store,
  'audit' | 'recordEinwendung' | 'answerEinwendung' | 'listEinwendungen' | 'loadBudget'
>;
/** Who a request comes from: a session or an API token (`auth.ts`). */
export type AuthStore = Pick<Store, 'session' | 'checkApiToken'>;
/** Signing in and out, API tokens (`routes/session.ts`). */
export type SessionStore = Pick<
  Store,
  'login' | 'session' | 'logout' | 'createApiToken' | 'listApiTokens' | 'revokeApiToken'
>;
/** Users (`routes/users.ts`). */
export type UserStore = Pick<Store, 'listUsers' | 'addUser' | 'removeUser' | 'setPassword'>;
/** The Anmeldung of the Fachbereiche (`routes/anmeldung.ts`): requests, submission, decisions, Eckwerte. */
export type AnmeldungStore = Pick<
  Store,
  | 'anmeldung'
  | 'requestFigure'
  | 'withdrawRequest'
  | 'submitAnmeldung'
  | 'decideAnmeldung'
  | 'setEckwert'
  | 'handBackAnmeldung'
  | 'nodeRequests'
  | 'loadBudget'
>;
