/**
 * The HTTP API as the web workbench uses it, taken from the server's contract (`src/server/contract`, type-only
 * imports): a call names its route as the contract does (`'PUT /api/versions/:v/cells'`), and its path
 * parameters, query, body and answer have the types of that route's schemas. JSON in and out, the session
 * cookie sent by the browser, the CSRF token (from the login answer or `GET /api/session`) on every change,
 * German error messages from the server passed on as `ApiFailure`.
 */
import type { Finding } from '../../src/core/findings.js';
import type { Column, PlanType } from '../../src/core/model.js';
import type { Body, Ok, Params, Query, RouteKey } from '../../src/server/contract/index.js';
import type { HttpExportFormat } from '../../src/server/contract/versions.js';

export type { TreeNode } from '../../src/server/contract/nodes.js';
export type { CellView, LineView, NodeView, PlanView } from '../../src/server/node-view.js';
export type { Finding };

export type Session = Ok<'GET /api/session'>;
export type SessionUser = Session['user'];
export type BudgetInfo = Ok<'GET /api/budgets'>['budgets'][number];
export type VersionInfo = Ok<'GET /api/budgets/:id/versions'>['versions'][number];
export type Findings = Ok<'GET /api/versions/:v/findings'>;
export type KeyedFinding = Findings['open'][number];
export type ChildErgebnis = Ok<'GET /api/versions/:v/nodes/:code/children-ergebnis'>['children'][number];
export type SearchHit = Ok<'GET /api/versions/:v/search'>['hits'][number];
export type EditResult = Ok<'PUT /api/versions/:v/cells'>;
export type CellsResult = Ok<'PATCH /api/versions/:v/cells'>;
export type AuditEntry = Ok<'GET /api/audit'>['entries'][number];
/** The audit trail's filters: unit (and below), user, first and last day. */
export type AuditQuery = Pick<Query<'GET /api/audit'>, 'unit' | 'user' | 'from' | 'to'>;
export type VersionDiff = Ok<'GET /api/diff'>;
export type DocumentInfo = Ok<'GET /api/versions/:v/documents'>['documents'][number];
export type Summary = Ok<'GET /api/versions/:v/summary'>;
export type FindingsSummary = Ok<'GET /api/versions/:v/findings-summary'>;
export type ImportPreview = Ok<'POST /api/imports/preview'>;
export type Imported = Ok<'POST /api/budgets'>;
export type Einwendung = Ok<'GET /api/versions/:v/einwendungen'>['einwendungen'][number];
export type PartsView = Ok<'GET /api/versions/:v/parts'>;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

let csrf = '';
export function setCsrf(token: string): void {
  csrf = token;
}

/** What a call of route `K` sends: path parameters, query, body — each where the route has one. */
type Input<K extends RouteKey> = (Params<K> extends undefined ? unknown : { readonly params: Params<K> }) &
  (Query<K> extends undefined ? unknown : { readonly query: Query<K> }) &
  (Body<K> extends undefined ? unknown : { readonly body: Body<K> });

interface AnyInput {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
}

/** The address of route `key` with its path parameters and query filled in. */
function url<K extends RouteKey>(key: K, input: Input<K>): string;
function url(key: string, input: object): string {
  const { params = {}, query = {} }: AnyInput = input;
  const path = key
    .slice(key.indexOf(' ') + 1)
    .replace(/:(\w+)/gu, (_, name: string) => encodeURIComponent(params[name] ?? ''));
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) q.set(name, value);
  const search = q.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The answer of route `K`. The server serialises it from the route's schema and its tests check every answer
 * against that schema, so the page relies on the contract's type here and checks only that it is JSON data.
 */
function isAnswer<K extends RouteKey>(_key: K, data: unknown): data is Ok<K> {
  return typeof data === 'object' && data !== null;
}

async function call<K extends RouteKey>(key: K, input: Input<K>): Promise<Ok<K>>;
async function call(key: RouteKey, input: object): Promise<unknown> {
  const method = key.slice(0, key.indexOf(' '));
  const { body }: AnyInput = input;
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch(url(key, input), {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok || !isAnswer(key, data)) {
    const b: Record<string, unknown> = typeof data === 'object' && data !== null ? { ...data } : {};
    throw new ApiFailure(
      response.status,
      typeof b.error === 'string' ? b.error : 'http',
      typeof b.message === 'string' ? b.message : `Der Server antwortete mit ${response.status}.`,
      b,
    );
  }
  return data;
}

const v = (id: number) => ({ v: String(id) });
const node = (id: number, code: string) => ({ v: String(id), code });

export const api = {
  session: () => call('GET /api/session', {}),
  login: (name: string, password: string) => call('POST /api/session', { body: { name, password } }),
  logout: () => call('DELETE /api/session', {}),
  budgets: () => call('GET /api/budgets', {}),
  versions: (budget: number) => call('GET /api/budgets/:id/versions', { params: { id: String(budget) } }),
  advance: (version: number, reason: string) =>
    call('POST /api/versions/:v/advance', { params: v(version), body: { reason } }),
  derive: (version: number, kind: 'nachtrag' | 'ergebnis', reason: string) =>
    call('POST /api/versions/:v/derive', { params: v(version), body: { kind, reason } }),
  /** Accepts a finding with a reason (the Kämmerei); it holds for every version of the budget. */
  acceptFinding: (budget: number, key: string, reason: string) =>
    call('POST /api/budgets/:id/accepted-findings', {
      params: { id: String(budget) },
      body: { key, reason },
    }),
  versionOptions: (version: number, options: Body<'PATCH /api/versions/:v/options'>) =>
    call('PATCH /api/versions/:v/options', { params: v(version), body: options }),
  tree: (version: number) => call('GET /api/versions/:v/nodes', { params: v(version) }),
  node: (version: number, code: string) =>
    call('GET /api/versions/:v/nodes/:code', { params: node(version, code) }),
  sources: (version: number, code: string) =>
    call('GET /api/versions/:v/nodes/:code/sources', { params: node(version, code) }),
  childrenErgebnis: (version: number, code: string) =>
    call('GET /api/versions/:v/nodes/:code/children-ergebnis', { params: node(version, code) }),
  /** Findings of the version; of one node, of some severities only (a big budget has many rounding notes). */
  findings: (version: number, only: { node?: string; severity?: readonly Finding['severity'][] } = {}) =>
    call('GET /api/versions/:v/findings', {
      params: v(version),
      query: {
        ...(only.node !== undefined ? { node: only.node } : {}),
        ...(only.severity ? { severity: only.severity.join(',') } : {}),
      },
    }),
  /** The budget at a glance and the findings counted (the start page). */
  summary: (version: number) => call('GET /api/versions/:v/summary', { params: v(version) }),
  /** The synthetic demo budget (Kämmerei; where the server offers one). */
  demo: () => call('POST /api/imports/demo', {}),
  /** The Haushaltsplan's parts: Satzung, Querschnitt, VE, Rücklagen, Stellenplan, Anlagen (whole-version readers). */
  parts: (version: number) => call('GET /api/versions/:v/parts', { params: v(version) }),
  findingsSummary: (version: number) => call('GET /api/versions/:v/findings-summary', { params: v(version) }),
  search: (version: number, q: string) =>
    call('GET /api/versions/:v/search', { params: v(version), query: { q } }),
  editCell: (
    version: number,
    edit: {
      node: string;
      plan: PlanType;
      line: string;
      column: Column;
      amount: number;
      rev: number;
      reason: string;
    },
  ) => call('PUT /api/versions/:v/cells', { params: v(version), body: edit }),
  /** Several cells in one step: all or nothing, one revision, one group in the audit trail. */
  editCells: (version: number, edit: Body<'PATCH /api/versions/:v/cells'>) =>
    call('PATCH /api/versions/:v/cells', { params: v(version), body: edit }),
  editErlaeuterung: (
    version: number,
    code: string,
    index: number,
    edit: Body<'PUT /api/versions/:v/nodes/:code/erlaeuterungen/:index'>,
  ) =>
    call('PUT /api/versions/:v/nodes/:code/erlaeuterungen/:index', {
      params: { ...node(version, code), index: String(index) },
      body: edit,
    }),
  /** Einwendungen of an ausgelegt version (the Kämmerei's only: citizens' names). */
  einwendungen: (version: number) => call('GET /api/versions/:v/einwendungen', { params: v(version) }),
  recordEinwendung: (version: number, body: Body<'POST /api/versions/:v/einwendungen'>) =>
    call('POST /api/versions/:v/einwendungen', { params: v(version), body }),
  answerEinwendung: (
    version: number,
    id: number,
    body: Body<'PUT /api/versions/:v/einwendungen/:id/answer'>,
  ) =>
    call('PUT /api/versions/:v/einwendungen/:id/answer', {
      params: { v: String(version), id: String(id) },
      body,
    }),
  audit: (version: number, filter: AuditQuery = {}) =>
    call('GET /api/audit', { query: { version: String(version), limit: '1000', ...filter } }),
  diff: (from: number, to: number) =>
    call('GET /api/diff', { query: { from: String(from), to: String(to) } }),
  downloadUrl: (
    version: number,
    code: string,
    format: Query<'GET /api/versions/:v/nodes/:code/download'>['format'],
  ) => url('GET /api/versions/:v/nodes/:code/download', { params: node(version, code), query: { format } }),
  documents: (version: number) => call('GET /api/versions/:v/documents', { params: v(version) }),
  /** A stored source document (served with HTTP Range support). */
  documentUrl: (version: number, name: string) =>
    url('GET /api/versions/:v/documents/:name', { params: { v: String(version), name } }),
  documentLines: (version: number, name: string, from: number, to: number) =>
    call('GET /api/versions/:v/documents/:name/lines', {
      params: { v: String(version), name },
      query: { from: String(from), to: String(to) },
    }),
  /** The book of the version (`haushalt render`), or of one unit and the units below it. */
  bookUrl: (version: number, format: HttpExportFormat & `book-${string}`, unit?: string) =>
    url('GET /api/versions/:v/export', {
      params: v(version),
      query: unit === undefined ? { format } : { format, unit },
    }),
  /** How far the export `bookUrl` asks for is: for the progress shown while the book is printed. */
  exportStatus: (version: number, format: HttpExportFormat, unit?: string) =>
    call('GET /api/versions/:v/export/status', {
      params: v(version),
      query: unit === undefined ? { format } : { format, unit },
    }),
};

/** The Anmeldung of the Fachbereiche (`anmeldung.tsx`). */
export type Anmeldung = Ok<'GET /api/versions/:v/anmeldung'>;
/** A request for a cell of the node shown (`anmeldung-marks.tsx`). */
export type NodeRequest = Ok<'GET /api/versions/:v/nodes/:code/anmeldung'>['requests'][number];
export const anmeldungApi = {
  get: (version: number) => call('GET /api/versions/:v/anmeldung', { params: v(version) }),
  request: (version: number, body: Body<'PUT /api/versions/:v/anmeldung/requests'>) =>
    call('PUT /api/versions/:v/anmeldung/requests', { params: v(version), body }),
  withdraw: (version: number, id: number) =>
    call('DELETE /api/versions/:v/anmeldung/requests/:id', { params: { ...v(version), id: String(id) } }),
  submit: (version: number, pb: string, reason: string) =>
    call('POST /api/versions/:v/anmeldung/areas/:pb/submit', {
      params: { ...v(version), pb },
      body: { reason },
    }),
  decide: (version: number, body: Body<'POST /api/versions/:v/anmeldung/decisions'>) =>
    call('POST /api/versions/:v/anmeldung/decisions', { params: v(version), body }),
  handBack: (version: number, pb: string, comment: string) =>
    call('POST /api/versions/:v/anmeldung/areas/:pb/return', {
      params: { ...v(version), pb },
      body: { comment },
    }),
  /** The requests for the cells of one node (the plan's marks). */
  nodeRequests: (version: number, code: string) =>
    call('GET /api/versions/:v/nodes/:code/anmeldung', { params: { ...v(version), code } }),
  eckwert: (version: number, pb: string, eckwert: number | null) =>
    call('PUT /api/versions/:v/anmeldung/areas/:pb/eckwert', {
      params: { ...v(version), pb },
      body: { eckwert },
    }),
};

export const COLUMN_KEY = (c: { kind: string; year: number }): string => `${c.kind}:${c.year}`;
