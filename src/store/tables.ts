/**
 * The store's tables as Kysely sees them (one definition for SQLite and PostgreSQL). Money columns are 64-bit
 * integers of cents (`bigint` in PostgreSQL, read back as numbers); JSON is kept as text so that both backends
 * store it byte for byte alike; times are ISO 8601 strings in UTC; booleans are 0/1.
 */
import type { Generated } from 'kysely';

export interface BudgetTable {
  id: Generated<number>;
  name: string;
  title: string | null;
  year: number | null;
  created_at: string;
  created_by: string;
  /** Grows with every accepted finding of the budget (node views key on it). */
  findings_rev: Generated<number>;
}

export interface VersionTable {
  id: Generated<number>;
  budget_id: number;
  kind: string;
  stage: string;
  label: string;
  based_on: number | null;
  closed: number;
  frozen: number;
  fachbereich_edit: number;
  public_read: number;
  revision: number;
  /** JSON: files and import notes of the budget. */
  meta: string;
  created_at: string;
  created_by: string;
}

export interface NodeTable {
  version_id: number;
  code: string;
  ord: number;
  level: string;
  name: string;
  parent: string | null;
  /** JSON: the node without its plan cells (plans' lines and labels, Erläuterungen, description, …). */
  doc: string;
  rev: number;
}

export interface CellTable {
  version_id: number;
  node: string;
  plan: string;
  line: string;
  kind: string;
  year: number;
  amount: number;
  decimals: number;
  /** 1000: printed in thousands of euros (`Cell.scale`, migration 0005); null: printed in euros. */
  scale: number | null;
  /** JSON Source or null. */
  source: string | null;
  rev: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  budget_id: number | null;
  version_id: number | null;
  action: string;
  target: string;
  old_value: string | null;
  new_value: string | null;
  reason: string;
  effect: number | null;
  /** The Produktbereich of the node an entry is about (content edits), for the Fachbereiche's view. */
  produktbereich: string | null;
  /** Shared by the entries of one change of several cells (migration 0007); null otherwise. */
  group_id: string | null;
}

export interface AcceptedFindingTable {
  id: Generated<number>;
  budget_id: number;
  finding_key: string;
  reason: string;
  accepted_by: string;
  accepted_at: string;
}

export interface EinwendungTable {
  id: Generated<number>;
  version_id: number;
  author: string;
  text: string;
  received_at: string;
  recorded_by: string;
  /** Migration 0008: the day received, the unit concerned, the answer and decision (null before). */
  received_on: string | null;
  unit: string | null;
  answer: string | null;
  decision: string | null;
  answered_at: string | null;
  answered_by: string | null;
}

export interface UserTable {
  id: Generated<number>;
  name: string;
  role: string;
  password_hash: string;
  /** JSON array of Produktbereich codes. */
  produktbereiche: string;
  created_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  token_hash: string;
  user_id: number;
  label: string;
  created_at: string;
  /** Not secret: the first 16 hex digits of `token_hash` (migration 0004); null only in rows restored from older dumps. */
  id: string | null;
  /** After it the token is refused; null (rows restored from older dumps) counts as expired. */
  expires_at: string | null;
  /** Last use, recorded at most once an hour. */
  last_used_at: string | null;
  revoked_at: string | null;
}

/** A source document an import brought; its bytes are in `document_chunk` (by budget and SHA-256). */
export interface DocumentTable {
  id: Generated<number>;
  budget_id: number;
  /** The import (version) that brought it. */
  version_id: number;
  /** The file name as the sources of its values name it. */
  name: string;
  media_type: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  created_at: string;
  created_by: string;
}

/** Bytes of a document, at most `DOCUMENT_CHUNK` (4 MiB) per row, `seq` from 0. */
export interface DocumentChunkTable {
  budget_id: number;
  sha256: string;
  seq: number;
  bytes: Uint8Array;
}

/** A Produktbereich's Anmeldung in a version of stage `anmeldung` (migration 0009). */
export interface AnmeldungAreaTable {
  version_id: number;
  produktbereich: string;
  /** `in-arbeit`, `abgegeben`, `geprueft` (src/core/anmeldung.ts). */
  status: string;
  submitted_by: string | null;
  submitted_at: string | null;
  /** When the last open request was decided. */
  checked_at: string | null;
  /** The Kämmerei's Eckwert (Zuschussbedarf limit) in cents, or null. */
  eckwert: number | null;
  /** The last hand-back for rework: by whom, when, the Kämmerei's comment (migration 0010). */
  returned_by: string | null;
  returned_at: string | null;
  return_comment: string | null;
}

/** A requested figure for one plan cell, its reason and the Kämmerei's decision (migration 0009). */
export interface AnmeldungRequestTable {
  id: Generated<number>;
  /** The version of stage `anmeldung` it was entered in. */
  version_id: number;
  produktbereich: string;
  node: string;
  plan: string;
  line: string;
  kind: string;
  year: number;
  amount: number;
  reason: string;
  /** `offen`, `uebernommen`, `abgelehnt`. */
  status: string;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  /** The version whose cell a taken-over figure was written to (the Anmeldung or the Entwurf from it). */
  decided_in: number | null;
  comment: string | null;
}

export interface Tables {
  budget: BudgetTable;
  version: VersionTable;
  node: NodeTable;
  cell: CellTable;
  audit: AuditTable;
  accepted_finding: AcceptedFindingTable;
  einwendung: EinwendungTable;
  app_user: UserTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  document: DocumentTable;
  document_chunk: DocumentChunkTable;
  anmeldung_area: AnmeldungAreaTable;
  anmeldung_request: AnmeldungRequestTable;
}

/** Tables in an order that respects their references (for backup and restore). */
export const TABLE_ORDER: readonly (keyof Tables)[] = [
  'budget',
  'version',
  'node',
  'cell',
  'audit',
  'accepted_finding',
  'einwendung',
  'app_user',
  'session',
  'api_token',
  'document',
  'document_chunk',
  'anmeldung_area',
  'anmeldung_request',
];
