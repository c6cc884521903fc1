/**
 * Backup and restore as a logical dump: gzip'd JSON lines, a header line and then one line per row, table by
 * table in an order that respects references. The same file restores into SQLite or PostgreSQL (so a backup
 * is also the way from the embedded store to a shared one).
 *
 * Binary columns (the chunks of source documents) are written as `{"base64": "…"}`; a page of chunk rows is
 * small, so that a dump of hundreds of MB of documents never holds more than a few chunks in memory.
 *
 * Consistent while the server runs: PostgreSQL reads in one REPEATABLE READ transaction (one snapshot);
 * SQLite reads through a second connection inside one read transaction, which in WAL mode sees one snapshot
 * and does not block writers.
 */
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { StoreError } from './api.js';
import type { Opened } from './db.js';
import { TABLE_ORDER, type Tables } from './tables.js';

const FORMAT = 'haushalt-backup';
const FORMAT_VERSION = 1;
const PAGE = 5000;
/** Rows per page and per insert of tables with large rows (document chunks are up to 4 MiB). */
const SMALL_PAGE: Readonly<Record<string, number>> = { document_chunk: 4 };
const pageOf = (table: string): number => SMALL_PAGE[table] ?? PAGE;

type Row = Record<string, unknown>;
type Reader = (table: string, offset: number) => Promise<Row[]>;

const ORDER_BY: Readonly<Record<string, string>> = {
  node: 'version_id, code',
  cell: 'version_id, node, plan, line, kind, year',
  session: 'token_hash',
  api_token: 'token_hash',
  document_chunk: 'budget_id, sha256, seq',
  anmeldung_area: 'version_id, produktbereich',
};

/** A row as a JSON line: bytes as base64. */
function encodeRow(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row))
    out[k] = v instanceof Uint8Array ? { base64: Buffer.from(v).toString('base64') } : v;
  return out;
}

/** A row from a JSON line: `{base64}` back to bytes. */
function decodeRow(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    const encoded = v !== null && typeof v === 'object' ? (v as { base64?: unknown }).base64 : undefined;
    out[k] = typeof encoded === 'string' ? Buffer.from(encoded, 'base64') : v;
  }
  return out;
}

async function writeDump(file: string, read: Reader): Promise<{ tables: number; rows: number }> {
  const counts = { rows: 0 };
  const tmp = `${file}.part`;
  async function* lines(): AsyncGenerator<string> {
    yield `${JSON.stringify({ format: FORMAT, version: FORMAT_VERSION, createdAt: new Date().toISOString(), tables: TABLE_ORDER })}\n`;
    for (const table of TABLE_ORDER) {
      for (let offset = 0; ; offset += pageOf(table)) {
        const rows = await read(table, offset);
        counts.rows += rows.length;
        for (const row of rows) yield `${JSON.stringify({ t: table, r: encodeRow(row) })}\n`;
        if (rows.length < pageOf(table)) break;
      }
    }
  }
  try {
    rmSync(tmp, { force: true });
    // a dump holds password hashes and unpublished budgets: for its owner only
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(tmp, { mode: 0o600 }));
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  return { tables: TABLE_ORDER.length, rows: counts.rows };
}

export async function backupTo(opened: Opened, file: string): Promise<{ tables: number; rows: number }> {
  if (opened.dialect === 'sqlite' && opened.sqliteFile) {
    const reader = new Database(opened.sqliteFile, { readonly: true });
    try {
      reader.pragma('busy_timeout = 10000');
      reader.exec('BEGIN');
      const read: Reader = (table, offset) =>
        Promise.resolve(
          reader
            .prepare(`SELECT * FROM ${table} ORDER BY ${ORDER_BY[table] ?? 'id'} LIMIT ? OFFSET ?`)
            .all(pageOf(table), offset) as Row[],
        );
      return await writeDump(file, read);
    } finally {
      if (reader.inTransaction) reader.exec('COMMIT');
      reader.close();
    }
  }
  const db = opened.db as unknown as Kysely<Record<string, Row>>;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const read: Reader = async (table, offset) =>
        (
          await sql<Row>`SELECT * FROM ${sql.table(table)} ORDER BY ${sql.raw(ORDER_BY[table] ?? 'id')} LIMIT ${pageOf(table)} OFFSET ${offset}`.execute(
            trx,
          )
        ).rows;
      return writeDump(file, read);
    });
}

/** Restores a dump into an empty store (freshly migrated); refuses a store that holds data. */
export async function restoreFrom(opened: Opened, file: string): Promise<{ tables: number; rows: number }> {
  const db = opened.db;
  for (const table of TABLE_ORDER) {
    const row = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
    if (Number(row.rows[0]?.n ?? 0) > 0) {
      throw new StoreError(
        'invalid',
        `Die Datenbank (${opened.location}) ist nicht leer (Tabelle ${table}); zurückgespielt wird nur in eine leere.`,
      );
    }
  }
  let header: { format?: string; version?: number } | undefined;
  let rows = 0;
  await db.transaction().execute(async (trx) => {
    let batch: Row[] = [];
    let batchTable = '';
    const frozen: number[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await (trx as unknown as Kysely<Record<string, Row>>).insertInto(batchTable).values(batch).execute();
      rows += batch.length;
      batch = [];
    };
    let lineNo = 0;
    // made only now: lines emitted before the iteration starts would be lost
    const input = createReadStream(file).pipe(createGunzip());
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new StoreError(
          'invalid',
          `${file}, Zeile ${lineNo}: keine gültige Sicherungszeile (JSON erwartet).`,
        );
      }
      if (!header) {
        header = parsed as { format?: string; version?: number };
        if (header.format !== FORMAT || header.version !== FORMAT_VERSION) {
          throw new StoreError(
            'invalid',
            `${file} ist keine Haushalt-Sicherung (Format ${FORMAT} ${FORMAT_VERSION} erwartet).`,
          );
        }
        continue;
      }
      const { t, r } = parsed as { t: string; r: Row };
      if (!TABLE_ORDER.includes(t as keyof Tables))
        throw new StoreError('invalid', `${file}, Zeile ${lineNo}: unbekannte Tabelle ${t}.`);
      if (t !== batchTable || batch.length >= Math.min(500, pageOf(t))) {
        await flush();
        batchTable = t;
      }
      const row = decodeRow(r);
      if (t === 'version' && row.frozen === 1) {
        // the database refuses content for a frozen version: frozen again once its content is in
        frozen.push(row.id as number);
        row.frozen = 0;
      }
      batch.push(row);
    }
    await flush();
    for (let i = 0; i < frozen.length; i += 500)
      await trx
        .updateTable('version')
        .set({ frozen: 1 })
        .where('id', 'in', frozen.slice(i, i + 500))
        .execute();
    if (!header) throw new StoreError('invalid', `${file} ist leer.`);
    if (opened.dialect === 'postgres') {
      // serial keys continue after the restored rows
      for (const table of [
        'budget',
        'version',
        'audit',
        'accepted_finding',
        'einwendung',
        'app_user',
        'document',
        'anmeldung_request',
      ]) {
        await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE((SELECT max(id) FROM ${sql.table(table)}), 0) + 1, false)`.execute(
          trx,
        );
      }
    }
  });
  return { tables: TABLE_ORDER.length, rows };
}
