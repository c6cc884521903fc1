/**
 * The HTTP API as the web workbench uses it: JSON in and out, the session cookie sent by the browser, the CSRF
 * token (from the login answer or `GET /api/session`) on every change, German error messages from the server
 * passed on as `ApiFailure`. Types come from the server's modules (type-only imports).
 */
import type { Finding } from '../../src/core/findings.js';
import type { BudgetNode, Column, PlanType } from '../../src/core/model.js';
import type { SearchHit } from '../../src/core/search.js';
import type { NodeView } from '../../src/server/node-view.js';
import type {
  AuditEntry,
  BudgetInfo,
  DocumentInfo,
  EditResult,
  NodeSummary,
  VersionDiff,
  VersionInfo,
} from '../../src/store/api.js';

export type {
  AuditEntry,
  BudgetInfo,
  DocumentInfo,
  EditResult,
  NodeView,
  SearchHit,
  VersionDiff,
  VersionInfo,
  Finding,
};
export type { CellView, LineView, PlanView } from '../../src/server/node-view.js';

export interface SessionUser {
  readonly name: string;
  readonly role: 'kaemmerei' | 'fachbereich' | 'leser' | 'system';
  readonly roleLabel: string;
  readonly produktbereiche: readonly string[];
}
export interface Session {
  readonly user: SessionUser;
  readonly csrf: string;
}

export interface TreeNode extends NodeSummary {
  readonly children: readonly TreeNode[];
}

export type KeyedFinding = Finding & { readonly key: string };
export interface Findings {
  readonly open: readonly KeyedFinding[];
  readonly accepted: readonly (KeyedFinding & {
    acceptance: { reason: string; acceptedBy: string | null; acceptedAt: string };
  })[];
}

export interface ChildErgebnis {
  readonly code: string;
  readonly name: string;
  readonly columns: readonly Column[];
  readonly lines: readonly { line: string; cells: readonly { column: Column; amount: number }[] }[];
}

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

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch(url, {
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
  if (!response.ok) {
    const b = (data ?? {}) as Record<string, unknown>;
    throw new ApiFailure(
      response.status,
      typeof b.error === 'string' ? b.error : 'http',
      typeof b.message === 'string' ? b.message : `Der Server antwortete mit ${response.status}.`,
      b,
    );
  }
  return data as T;
}

const v = (id: number): string => `/api/versions/${id}`;
const enc = encodeURIComponent;

export const api = {
  session: () => call<Session>('GET', '/api/session'),
  login: (name: string, password: string) => call<Session>('POST', '/api/session', { name, password }),
  logout: () => call<unknown>('DELETE', '/api/session'),
  budgets: () => call<{ budgets: BudgetInfo[] }>('GET', '/api/budgets'),
  versions: (budget: number) =>
    call<{ versions: (VersionInfo & { stageLabel?: string })[] }>('GET', `/api/budgets/${budget}/versions`),
  advance: (version: number, reason: string) =>
    call<VersionInfo>('POST', `${v(version)}/advance`, { reason }),
  versionOptions: (version: number, options: { fachbereichEdit?: boolean; publicRead?: boolean }) =>
    call<VersionInfo>('PATCH', `${v(version)}/options`, options),
  tree: (version: number) => call<{ tree: TreeNode[] }>('GET', `${v(version)}/nodes`),
  node: (version: number, code: string) => call<NodeView>('GET', `${v(version)}/nodes/${enc(code)}`),
  sources: (version: number, code: string) =>
    call<{ node: BudgetNode }>('GET', `${v(version)}/nodes/${enc(code)}/sources`),
  childrenErgebnis: (version: number, code: string) =>
    call<{ children: ChildErgebnis[] }>('GET', `${v(version)}/nodes/${enc(code)}/children-ergebnis`),
  /** Findings of the version; of one node, of some severities only (a big budget has many rounding notes). */
  findings: (version: number, only: { node?: string; severity?: readonly Finding['severity'][] } = {}) => {
    const q = new URLSearchParams();
    if (only.node !== undefined) q.set('node', only.node);
    if (only.severity) q.set('severity', only.severity.join(','));
    const query = q.toString();
    return call<Findings>('GET', `${v(version)}/findings${query ? `?${query}` : ''}`);
  },
  search: (version: number, q: string) =>
    call<{ hits: SearchHit[] }>('GET', `${v(version)}/search?q=${enc(q)}`),
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
  ) => call<EditResult>('PUT', `${v(version)}/cells`, edit),
  editErlaeuterung: (
    version: number,
    code: string,
    index: number,
    edit: { item?: number; text: string; amount?: number | null; rev: number; reason: string },
  ) => call<NodeView>('PUT', `${v(version)}/nodes/${enc(code)}/erlaeuterungen/${index}`, edit),
  audit: (version: number) =>
    call<{ entries: AuditEntry[] }>('GET', `/api/audit?version=${version}&limit=1000`),
  diff: (from: number, to: number) => call<VersionDiff>('GET', `/api/diff?from=${from}&to=${to}`),
  downloadUrl: (version: number, code: string, format: 'csv' | 'xlsx') =>
    `${v(version)}/nodes/${enc(code)}/download?format=${format}`,
  documents: (version: number) => call<{ documents: DocumentInfo[] }>('GET', `${v(version)}/documents`),
  /** A stored source document (served with HTTP Range support). */
  documentUrl: (version: number, name: string) => `${v(version)}/documents/${enc(name)}`,
  documentLines: (version: number, name: string, from: number, to: number) =>
    call<{ total: number; pages: number; lines: { line: number; page: number; text: string }[] }>(
      'GET',
      `${v(version)}/documents/${enc(name)}/lines?from=${from}&to=${to}`,
    ),
  /** The whole version as the budget book (`haushalt render`). */
  bookUrl: (version: number, format: 'book-pdf' | 'book-html') => `${v(version)}/export?format=${format}`,
};

export const COLUMN_KEY = (c: { kind: string; year: number }): string => `${c.kind}:${c.year}`;
