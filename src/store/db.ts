/**
 * Opening the database: `DATABASE_URL` (or `url`) `postgres://…` selects PostgreSQL, anything else SQLite —
 * `sqlite:<path>`, `sqlite::memory:`, a plain path, or by default `data/store/haushalt.sqlite` under the
 * project. SQLite runs in WAL mode with full fsync on commit: an acknowledged change survives a crash of the
 * process or the machine.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { LISTENER_NAME } from './fresh.js';
import type { Dialect } from './migrations.js';
import type { Tables } from './tables.js';

// src/store (tsx, vitest) or dist/src/store (built)
const UP = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PROJECT = UP.endsWith('dist') ? dirname(UP) : UP;
export const DEFAULT_SQLITE_FILE = resolve(PROJECT, 'data/store/haushalt.sqlite');

export interface OpenOptions {
  /** Database URL; default `process.env.DATABASE_URL`, then the embedded SQLite file. */
  readonly url?: string;
  /** PostgreSQL only: a schema of its own (created if missing), e.g. one per test file. */
  readonly schema?: string;
  /** PostgreSQL only: connections in the pool. */
  readonly poolSize?: number;
}

export interface Opened {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  /** Where the data is, for messages (a file path or the URL without its password). */
  readonly location: string;
  /** SQLite only: the file, for a second connection (backups). */
  readonly sqliteFile?: string;
  /** PostgreSQL: the schema of its own, if one was asked for. */
  readonly schema?: string;
  /** PostgreSQL: a new client outside the pool, for listening to change notifications (`fresh.ts`). */
  readonly listener?: () => pg.Client;
}

// bigint (int8) columns come back from pg as strings; cents fit a double exactly up to ±90 billion euros
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

export function sqliteFileOf(url: string | undefined): string {
  if (!url) return DEFAULT_SQLITE_FILE;
  const path = url.replace(/^sqlite:(\/\/)?/i, '');
  return path === ':memory:' ? path : resolve(path);
}

/**
 * The SQLite file holds password hashes and unpublished budgets: readable by its owner only (0600), in a
 * folder of the owner's when the store creates one (0700). SQLite creates the `-wal` and `-shm` files with the
 * database file's permissions; files an older version made world-readable are tightened on opening.
 */
function ownerOnly(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((statSync(f).mode & 0o077) !== 0) chmodSync(f, 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<Opened> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url && isPostgresUrl(url)) {
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new Error(`invalid schema name ${schema}`);
    if (schema) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await client.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // an idle connection the server ends (a restart, an administrator, a database dropped) must not end this
    // process: the pool drops the client and the next query connects anew
    pool.on('error', (e) => {
      console.error(
        `haushalt: PostgreSQL-Verbindung beendet (${e.message}); die nächste Anfrage verbindet neu`,
      );
    });
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      location: url.replace(/:[^:@/]*@/, ':***@'),
      ...(schema ? { schema } : {}),
      listener: () =>
        new pg.Client({
          connectionString: url,
          application_name: LISTENER_NAME,
          ...(schema ? { options: `-c search_path=${schema}` } : {}),
        }),
    };
  }
  const file = sqliteFileOf(url);
  if (file !== ':memory:') ownerOnly(file);
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 10000');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, dialect: 'sqlite', location: file, ...(file === ':memory:' ? {} : { sqliteFile: file }) };
}

/**
 * better-sqlite3 compiles a statement on every `prepare`, and Kysely prepares each query anew; the same SQL
 * text (parameters are bound apart) comes again and again from a server under load. Statements are kept per
 * SQL text, at most `max`, least recently used first out.
 */
function withStatementCache(database: Database.Database, max = 500): Database.Database {
  const statements = new Map<string, Database.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, property) {
      if (property !== 'prepare') {
        const value = Reflect.get(target, property) as unknown;
        // native methods need the real database as `this`, not the proxy
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (source: string): Database.Statement => {
        const hit = statements.get(source);
        if (hit && !hit.busy) {
          statements.delete(source);
          statements.set(source, hit);
          return hit;
        }
        const statement = prepare(source);
        statements.set(source, statement);
        if (statements.size > max) statements.delete(statements.keys().next().value as string);
        return statement;
      };
    },
  });
}
