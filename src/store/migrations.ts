/**
 * The one migration set for SQLite and PostgreSQL. Each migration is code (Kysely's schema builder) with the
 * few statements the two dialects spell differently (auto-increment keys, triggers) chosen by dialect.
 * Migrations only ever add; a migration once landed is never edited.
 *
 * Guards in the database itself, so that no code path can get round them: the audit trail is append-only, and
 * nothing of a frozen version (Beschluss and after) can be updated or deleted.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { CHANNEL, NOTIFY_FUNCTION } from './fresh.js';

export type Dialect = 'sqlite' | 'postgres';

function initial(dialect: Dialect): Migration {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  const money = 'bigint';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const serial = <T extends { primaryKey(): T; autoIncrement(): T }>(c: T): T =>
        dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();
      await db.schema
        .createTable('budget')
        .addColumn('id', id, serial)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('year', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('version')
        .addColumn('id', id, serial)
        .addColumn('budget_id', 'integer', (c) => c.notNull().references('budget.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('based_on', 'integer', (c) => c.references('version.id'))
        .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('frozen', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('fachbereich_edit', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('public_read', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('meta', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('version_budget').on('version').column('budget_id').execute();
      await db.schema
        .createTable('node')
        .addColumn('version_id', 'integer', (c) => c.notNull().references('version.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('ord', 'integer', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent', 'text')
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('node_pk', ['version_id', 'code'])
        .execute();
      await db.schema
        .createTable('cell')
        .addColumn('version_id', 'integer', (c) => c.notNull().references('version.id'))
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('line', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('amount', money, (c) => c.notNull())
        .addColumn('decimals', 'integer', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('rev', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('cell_pk', ['version_id', 'node', 'plan', 'line', 'kind', 'year'])
        .execute();
      await db.schema
        .createTable('audit')
        .addColumn('id', id, serial)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('budget_id', 'integer')
        .addColumn('version_id', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('old_value', 'text')
        .addColumn('new_value', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('effect', money)
        .execute();
      await db.schema.createIndex('audit_version').on('audit').columns(['version_id', 'id']).execute();
      await db.schema.createIndex('audit_budget').on('audit').columns(['budget_id', 'id']).execute();
      await db.schema
        .createTable('accepted_finding')
        .addColumn('id', id, serial)
        .addColumn('budget_id', 'integer', (c) => c.notNull().references('budget.id'))
        .addColumn('finding_key', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('accepted_by', 'text', (c) => c.notNull())
        .addColumn('accepted_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('accepted_finding_key', ['budget_id', 'finding_key'])
        .execute();
      await db.schema
        .createTable('einwendung')
        .addColumn('id', id, serial)
        .addColumn('version_id', 'integer', (c) => c.notNull().references('version.id'))
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('app_user')
        .addColumn('id', id, serial)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('produktbereiche', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('session')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('csrf', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_token')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      for (const statement of guards(dialect)) await sql.raw(statement).execute(db);
    },
  };
}

const APPEND_ONLY = 'Das Änderungsprotokoll kann nicht geändert oder gelöscht werden.';
const FROZEN = 'Diese Fassung ist eingefroren und kann nicht mehr geändert werden.';

function guards(dialect: Dialect): string[] {
  if (dialect === 'sqlite') {
    const frozen = (table: string, op: 'UPDATE' | 'DELETE'): string =>
      `CREATE TRIGGER ${table}_frozen_${op.toLowerCase()} BEFORE ${op} ON ${table}
       WHEN (SELECT frozen FROM version WHERE id = OLD.version_id) = 1
       BEGIN SELECT RAISE(ABORT, '${FROZEN}'); END`;
    return [
      `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
      `CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
      frozen('cell', 'UPDATE'),
      frozen('cell', 'DELETE'),
      frozen('node', 'UPDATE'),
      frozen('node', 'DELETE'),
    ];
  }
  return [
    `CREATE FUNCTION haushalt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '${APPEND_ONLY}'; END $$`,
    `CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
     FOR EACH ROW EXECUTE FUNCTION haushalt_append_only()`,
    `CREATE FUNCTION haushalt_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF (SELECT frozen FROM version WHERE id = OLD.version_id) = 1 THEN RAISE EXCEPTION '${FROZEN}'; END IF;
       IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER cell_frozen BEFORE UPDATE OR DELETE ON cell FOR EACH ROW EXECUTE FUNCTION haushalt_frozen()`,
    `CREATE TRIGGER node_frozen BEFORE UPDATE OR DELETE ON node FOR EACH ROW EXECUTE FUNCTION haushalt_frozen()`,
  ];
}

/**
 * The source documents of imports: one `document` row per file an import brought (name as its sources name
 * it), and the bytes in `document_chunk` rows of at most 4 MiB, shared by every document of the same budget
 * with the same SHA-256 (so a large PDF imported again is stored once).
 */
function documents(dialect: Dialect): Migration {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('document')
        .addColumn('id', id, (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('budget_id', 'integer', (c) => c.notNull().references('budget.id'))
        .addColumn('version_id', 'integer', (c) => c.notNull().references('version.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('media_type', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('document_version_name', ['version_id', 'name'])
        .execute();
      await db.schema.createIndex('document_budget').on('document').columns(['budget_id', 'name']).execute();
      await db.schema
        .createTable('document_chunk')
        .addColumn('budget_id', 'integer', (c) => c.notNull().references('budget.id'))
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('bytes', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('document_chunk_pk', ['budget_id', 'sha256', 'seq'])
        .execute();
    },
  };
}

/**
 * What the security review asked of the database itself (issue 13):
 * - a frozen version gets no new content either (INSERT into its cells, nodes and documents is refused, as
 *   UPDATE and DELETE were), is never unfrozen or moved to another stage, budget or line, and is never deleted;
 *   a closed version is never reopened;
 * - `budget.findings_rev` grows with every accepted finding, so that cached views of every version of the
 *   budget are replaced (acceptances hold budget-wide and do not change a version's revision);
 * - `audit.produktbereich` names the Produktbereich of content edits, so that a Fachbereich reads the entries
 *   of its own Produktbereiche and no others.
 */
function access(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('budget')
        .addColumn('findings_rev', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('audit').addColumn('produktbereich', 'text').execute();
      for (const statement of frozenGuards(dialect)) await sql.raw(statement).execute(db);
    },
  };
}

const NOT_REOPENED = 'Eine abgeschlossene oder eingefrorene Fassung kann nicht wieder geöffnet werden.';

function frozenGuards(dialect: Dialect): string[] {
  const frozenVersion = (version: string): string => `(SELECT frozen FROM version WHERE id = ${version}) = 1`;
  if (dialect === 'sqlite') {
    const raise = (message: string): string => `BEGIN SELECT RAISE(ABORT, '${message}'); END`;
    const onInsert = (table: string): string =>
      `CREATE TRIGGER ${table}_frozen_insert BEFORE INSERT ON ${table}
       WHEN ${frozenVersion('NEW.version_id')} ${raise(FROZEN)}`;
    return [
      onInsert('cell'),
      onInsert('node'),
      onInsert('document'),
      `CREATE TRIGGER document_frozen_update BEFORE UPDATE ON document
       WHEN ${frozenVersion('OLD.version_id')} ${raise(FROZEN)}`,
      `CREATE TRIGGER document_frozen_delete BEFORE DELETE ON document
       WHEN ${frozenVersion('OLD.version_id')} ${raise(FROZEN)}`,
      `CREATE TRIGGER version_frozen_update BEFORE UPDATE ON version
       WHEN OLD.frozen = 1 AND (NEW.frozen <> 1 OR NEW.stage <> OLD.stage OR NEW.kind <> OLD.kind
         OR NEW.budget_id <> OLD.budget_id OR NEW.based_on IS NOT OLD.based_on OR NEW.meta <> OLD.meta)
       ${raise(FROZEN)}`,
      `CREATE TRIGGER version_reopen BEFORE UPDATE ON version
       WHEN OLD.closed = 1 AND NEW.closed <> 1 ${raise(NOT_REOPENED)}`,
      `CREATE TRIGGER version_frozen_delete BEFORE DELETE ON version WHEN OLD.frozen = 1 ${raise(FROZEN)}`,
    ];
  }
  return [
    `CREATE FUNCTION haushalt_frozen_insert() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF ${frozenVersion('NEW.version_id')} THEN RAISE EXCEPTION '${FROZEN}'; END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER cell_frozen_insert BEFORE INSERT ON cell FOR EACH ROW EXECUTE FUNCTION haushalt_frozen_insert()`,
    `CREATE TRIGGER node_frozen_insert BEFORE INSERT ON node FOR EACH ROW EXECUTE FUNCTION haushalt_frozen_insert()`,
    `CREATE TRIGGER document_frozen_insert BEFORE INSERT ON document
     FOR EACH ROW EXECUTE FUNCTION haushalt_frozen_insert()`,
    `CREATE TRIGGER document_frozen BEFORE UPDATE OR DELETE ON document
     FOR EACH ROW EXECUTE FUNCTION haushalt_frozen()`,
    `CREATE FUNCTION haushalt_version_guard() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' THEN
         IF OLD.frozen = 1 THEN RAISE EXCEPTION '${FROZEN}'; END IF;
         RETURN OLD;
       END IF;
       IF OLD.frozen = 1 AND (NEW.frozen <> 1 OR NEW.stage <> OLD.stage OR NEW.kind <> OLD.kind
           OR NEW.budget_id <> OLD.budget_id OR NEW.based_on IS DISTINCT FROM OLD.based_on
           OR NEW.meta <> OLD.meta) THEN
         RAISE EXCEPTION '${FROZEN}';
       END IF;
       IF OLD.closed = 1 AND NEW.closed <> 1 THEN RAISE EXCEPTION '${NOT_REOPENED}'; END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER version_guard BEFORE UPDATE OR DELETE ON version
     FOR EACH ROW EXECUTE FUNCTION haushalt_version_guard()`,
  ];
}

/**
 * Accounts (issue 13): API tokens get a name that is not secret (`id`: the first 16 hex digits of the token's
 * SHA-256, so that tokens made before get one too), an expiry (tokens made before: 90 days from the
 * migration), and the times of their last use and of their revocation. Indexes for what a password change
 * and a token list look up by user.
 */
function accounts(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['id', 'expires_at', 'last_used_at', 'revoked_at'])
        await db.schema.alterTable('api_token').addColumn(column, 'text').execute();
      const expires = new Date(Date.now() + 90 * 86_400_000).toISOString();
      await sql`UPDATE api_token SET id = substr(token_hash, 1, 16), expires_at = ${expires}`.execute(db);
      await db.schema.createIndex('api_token_id').on('api_token').column('id').unique().execute();
      await db.schema.createIndex('api_token_user').on('api_token').column('user_id').execute();
      await db.schema.createIndex('session_user').on('session').column('user_id').execute();
    },
  };
}

/**
 * Amounts printed in thousands of euros (issue 15): `cell.scale` is 1000 for a cell printed in T€ (its `amount`
 * stays cents of euros), null for one printed in euros, as every cell before. A nullable column added: no row
 * is rewritten, and the triggers that guard frozen versions (0001, 0003) hold for it as for every column.
 */
function cellScale(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('cell').addColumn('scale', 'integer').execute();
    },
  };
}

/**
 * Change notices (issue 16), PostgreSQL only: a transaction that changes versions, budgets, users, sessions or
 * API tokens notifies the channel `haushalt_changed` when it commits (one notice per transaction and table,
 * whichever process or tool wrote), so that servers keep what every request reads in memory and forget it on
 * the notice (`fresh.ts`). SQLite: nothing.
 */
function changeNotices(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      await sql
        .raw(
          `CREATE FUNCTION ${NOTIFY_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             PERFORM pg_notify('${CHANNEL}', TG_TABLE_NAME);
             RETURN NULL;
           END $$`,
        )
        .execute(db);
      for (const table of ['version', 'budget', 'app_user', 'session', 'api_token']) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_change_notice AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
             FOR EACH STATEMENT EXECUTE FUNCTION ${NOTIFY_FUNCTION}()`,
          )
          .execute(db);
      }
    },
  };
}

/**
 * Changes of several cells at once (issue 16): the audit entries one change writes share `audit.group_id`
 * (`<version>@<revision>`: the revision the change wrote, unique per version); null for every other entry. A
 * nullable column added: no row is rewritten, and the append-only triggers hold for it as for every column.
 */
function auditGroup(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('audit').addColumn('group_id', 'text').execute();
    },
  };
}

/**
 * Einwendungen answered (issue 17): the day an Einwendung was received, the unit it concerns, and the answer
 * with the decision on it (GO NRW § 80 Abs. 4), who answered and when. Nullable columns: rows before stay.
 */
function einwendungAnswer(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['received_on', 'unit', 'answer', 'decision', 'answered_at', 'answered_by'])
        await db.schema.alterTable('einwendung').addColumn(column, 'text').execute();
    },
  };
}

/**
 * The Anmeldung of the Fachbereiche (issue 17, `src/core/anmeldung.ts`): per version in stage `anmeldung` and
 * Produktbereich its status (in Arbeit, abgegeben, geprüft), who submitted it and when, and the Kämmerei's
 * Eckwert; the requested figures with their reasons and the Kämmerei's decisions, one per plan cell. New
 * tables only: no row of another table is rewritten.
 */
function anmeldung(dialect: Dialect): Migration {
  const id = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('anmeldung_area')
        .addColumn('version_id', 'integer', (c) => c.notNull().references('version.id'))
        .addColumn('produktbereich', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_by', 'text')
        .addColumn('submitted_at', 'text')
        .addColumn('checked_at', 'text')
        .addColumn('eckwert', 'bigint')
        .addPrimaryKeyConstraint('anmeldung_area_pk', ['version_id', 'produktbereich'])
        .execute();
      await db.schema
        .createTable('anmeldung_request')
        .addColumn('id', id, (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('version_id', 'integer', (c) => c.notNull().references('version.id'))
        .addColumn('produktbereich', 'text', (c) => c.notNull())
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('line', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('decided_in', 'integer')
        .addColumn('comment', 'text')
        .addUniqueConstraint('anmeldung_request_cell', ['version_id', 'node', 'plan', 'line', 'kind', 'year'])
        .execute();
      await db.schema
        .createIndex('anmeldung_request_area')
        .on('anmeldung_request')
        .columns(['version_id', 'produktbereich'])
        .execute();
    },
  };
}

/**
 * A submitted Anmeldung handed back to its Fachbereich for rework (`handBackRefusal` in `src/core/anmeldung.ts`):
 * who handed it back, when and the Kämmerei's comment, on the Produktbereich's row (the last hand-back; every
 * one is in the audit trail). New nullable columns only.
 */
function anmeldungReturn(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const column of ['returned_by', 'returned_at', 'return_comment'])
        await db.schema.alterTable('anmeldung_area').addColumn(column, 'text').execute();
    },
  };
}

export function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': initial(dialect),
    '0002-documents': documents(dialect),
    '0003-access': access(dialect),
    '0004-accounts': accounts(),
    '0005-cell-scale': cellScale(),
    '0006-change-notices': changeNotices(dialect),
    '0007-audit-group': auditGroup(),
    '0008-einwendung-answer': einwendungAnswer(),
    '0009-anmeldung': anmeldung(dialect),
    '0010-anmeldung-return': anmeldungReturn(),
  };
}

export function migrator(db: Kysely<unknown>, dialect: Dialect, schema?: string): Migrator {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations(dialect)) };
  return new Migrator({
    db,
    provider,
    migrationTableName: 'haushalt_migration',
    migrationLockTableName: 'haushalt_migration_lock',
    // with a schema of its own (search_path), the migration tables live there too
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** Brings the database to the newest schema; returns the names of the migrations it ran. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: Dialect,
  schema?: string,
): Promise<string[]> {
  // PostgreSQL: always name the schema. Without one, Kysely looks for its lock table in every schema of the
  // database and, finding it in another one (a second installation, a test's schema), does not create it here.
  const own =
    schema ??
    (dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined);
  const { error, results } = await migrator(db, dialect, own).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
