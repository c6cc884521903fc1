/**
 * The store over Kysely: the same code on SQLite (embedded default) and PostgreSQL (`DATABASE_URL`).
 *
 * Writes: each change runs in one transaction that first bumps the version's revision (which also serialises
 * writers of one version in PostgreSQL), checks rights and revisions, changes the rows and appends to the
 * audit trail. Either all of it is committed or nothing. Reads of whole versions (check, diff, export) are
 * cached per version revision.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { checkInSlices, checkNodes, recheckScoped } from '../core/check/index.js';
import type { Finding, Severity } from '../core/findings.js';
import type { Budget, BudgetNode, Column, Plan } from '../core/model.js';
import { columnKey, planOf, sameColumn } from '../core/model.js';
import { MAX_AMOUNT, MAX_TOTAL } from '../core/money.js';
import { dependents, editRefusal, jahresergebnisFactor } from '../core/propagate.js';
import { schemaById } from '../core/schema.js';
import { printingAfterEdit, printingOfColumn } from '../core/scale.js';
import type {
  AcceptedFinding,
  AuditEntry,
  BudgetInfo,
  ByteRange,
  CellDiff,
  CellEdit,
  DocumentContent,
  DocumentInfo,
  EditResult,
  Einwendung,
  ErlaeuterungEdit,
  FindingKey,
  FindingsFilter,
  ImportRequest,
  NodeDetail,
  NodeSummary,
  SessionInfo,
  Store,
  StoredCell,
  UserInfo,
  VersionDiff,
  VersionFindings,
  VersionInfo,
} from './api.js';
import { StoreError } from './api.js';
import { backupTo, restoreFrom } from './backup.js';
import { openDatabase, type Opened, type OpenOptions } from './db.js';
import { insertDocuments, listDocuments, readDocument } from './documents.js';
import { migrateToLatest } from './migrations.js';
import { produktbereichOf, readScope, scopedBudget, visibleCodes, type ReadScope } from './access.js';
import { Accounts } from './accounts.js';
import type { ApiTokenCheck, ApiTokenInfo, LoginGuard, NewApiToken } from './api.js';
import { appendAudit, now, requireText, type Db } from './audit-log.js';
import {
  STORED_CELL_COLUMNS,
  cellKey,
  nodeDoc,
  storedCell,
  toRows,
  withCells,
  type VersionMeta,
} from './rows.js';
import type { Tables, VersionTable } from './tables.js';
import {
  importStageRefusal,
  STAGE_LABEL,
  canBaseOn,
  isEditableStage,
  isFrozenStage,
  mayAdminister,
  mayEdit,
  mayRecordEinwendung,
  nextStage,
  type Actor,
  type Role,
  type Stage,
  type VersionKind,
  type VersionState,
} from './workflow.js';

/** Rows per INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const BATCH = 1000;

const CELL_COLUMNS = ['version_id', ...STORED_CELL_COLUMNS] as const;
const NODE_COLUMNS = ['version_id', 'code', 'ord', 'level', 'name', 'parent', 'doc', 'rev'] as const;

function versionInfo(row: Selectable<VersionTable> & { findings_rev: number }): VersionInfo {
  return {
    id: row.id,
    budgetId: row.budget_id,
    kind: row.kind as VersionKind,
    stage: row.stage as Stage,
    label: row.label,
    basedOn: row.based_on,
    closed: row.closed === 1,
    frozen: row.frozen === 1,
    fachbereichEdit: row.fachbereich_edit === 1,
    publicRead: row.public_read === 1,
    revision: row.revision,
    findingsRevision: row.findings_rev,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

/** Staff names are for signed-in users; anonymous readers see who did something as `null`. */
function named<T extends { readonly createdBy: string | null }>(actor: Actor | undefined, info: T): T {
  return actor ? info : { ...info, createdBy: null };
}

function stateOf(v: VersionInfo): VersionState {
  return { stage: v.stage, closed: v.closed, fachbereichEdit: v.fachbereichEdit, publicRead: v.publicRead };
}

/** The identity of a finding across edits and versions: rule and place, not the amounts. */
export function findingKey(f: Finding): FindingKey {
  const column = f.kind === undefined ? '' : `${f.kind}:${f.year ?? ''}`;
  return [f.rule, f.node ?? '', f.plan ?? '', f.line ?? '', column].join('|');
}

function requireAmount(amount: number): number {
  if (!Number.isSafeInteger(amount) || Math.abs(amount) >= MAX_AMOUNT) {
    throw new StoreError(
      'invalid',
      'Der Betrag muss eine ganze Zahl von Cent sein (höchstens 13 Stellen in Euro).',
    );
  }
  return amount;
}

/** The Produktbereich a node of the budget belongs to (see `produktbereichOf`). */
function produktbereichIn(budget: Budget, code: string): string {
  return produktbereichOf(new Map(budget.nodes.map((n) => [n.code, n])), code);
}

type KeyedFinding = Finding & { readonly key: FindingKey };

interface IndexedFindings {
  readonly all: readonly KeyedFinding[];
  readonly byNode: ReadonlyMap<string, readonly KeyedFinding[]>;
}

const keyed = (f: Finding): KeyedFinding => ('key' in f ? (f as KeyedFinding) : { ...f, key: findingKey(f) });

/** Findings keyed (for the ledger of accepted ones) and indexed by node, once per revision. */
function indexFindings(findings: readonly Finding[]): IndexedFindings {
  const all = findings.map(keyed);
  const byNode = new Map<string, KeyedFinding[]>();
  for (const f of all) {
    const list = byNode.get(f.node ?? '');
    if (list) list.push(f);
    else byNode.set(f.node ?? '', [f]);
  }
  return { all, byNode };
}

/**
 * The index after the amounts of `changed` nodes moved: `recheck` finds the affected nodes' findings anew;
 * only those are keyed and indexed again, the rest of the index is shared with the revision before (at 600
 * products, re-indexing all 21,000 findings took longer than the recheck).
 */
function reindexFindings(
  previous: IndexedFindings,
  budget: Budget,
  changed: Iterable<string>,
): IndexedFindings {
  const { findings, scope } = recheckScoped(budget, previous.all, changed);
  const byNode = new Map(previous.byNode);
  for (const code of scope) byNode.delete(code);
  const all = findings.map((f) => {
    if ('key' in f) return f as KeyedFinding;
    const k = keyed(f); // found anew: of a node in the scope
    const list = byNode.get(k.node ?? '');
    if (list) (list as KeyedFinding[]).push(k);
    else byNode.set(k.node ?? '', [k]);
    return k;
  });
  return { all, byNode };
}

/** True when the findings hold one with this key (the key names its node: `rule|node|…`). */
function holdsKey(findings: IndexedFindings, key: string): boolean {
  return (findings.byNode.get(key.split('|')[1] ?? '') ?? []).some((f) => f.key === key);
}

interface Cached {
  readonly revision: number;
  readonly budget: Budget;
  findings?: IndexedFindings;
  /** The check of the whole version under way. */
  checking?: Promise<IndexedFindings>;
  /** Findings of single nodes, while the whole version has not been checked. */
  nodeFindings?: Map<string, IndexedFindings>;
  /** Visible node codes per Produktbereich scope (`readScope`), and the budget as such a reader sees it. */
  scoped?: Map<string, { readonly visible: ReadonlySet<string>; readonly budget: Budget }>;
}

/** The nodes a scope shows of a cached version, and the budget reduced to them (`undefined`: everything). */
function scopeOf(
  entry: Cached,
  scope: ReadScope,
): { readonly visible: ReadonlySet<string>; readonly budget: Budget } | undefined {
  if (scope.kind === 'all') return undefined;
  const key = scope.kind === 'none' ? '' : scope.codes.join('\u0000');
  entry.scoped ??= new Map();
  let hit = entry.scoped.get(key);
  if (!hit) {
    const visible = visibleCodes(entry.budget.nodes, scope) ?? new Set<string>();
    hit = { visible, budget: scopedBudget(entry.budget, visible) };
    entry.scoped.set(key, hit);
  }
  return hit;
}

export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Kysely<Tables>;
  private readonly cache = new Map<number, Cached>();

  constructor(readonly opened: Opened) {
    this.db = opened.db;
    this.dialect = opened.dialect;
    this.accounts = new Accounts(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────

  private versionRows(db: Db) {
    return db
      .selectFrom('version')
      .innerJoin('budget', 'budget.id', 'version.budget_id')
      .selectAll('version')
      .select('budget.findings_rev');
  }

  private async versionRow(db: Db, id: number): Promise<VersionInfo> {
    const row = await this.versionRows(db).where('version.id', '=', id).executeTakeFirst();
    if (!row) throw new StoreError('not-found', `Fassung ${id} gibt es nicht.`);
    return versionInfo(row);
  }

  /** The version and what of it the actor may read; refused when nothing (`readScope` in access.ts). */
  private async reading(
    actor: Actor | undefined,
    id: number,
  ): Promise<{ readonly version: VersionInfo; readonly scope: ReadScope }> {
    const version = await this.versionRow(this.db, id);
    const scope = readScope(actor, stateOf(version));
    if (scope.kind === 'none') {
      throw actor
        ? new StoreError('forbidden', `Die Fassung „${version.label}“ ist für Sie nicht freigegeben.`)
        : new StoreError('unauthenticated', 'Diese Fassung ist nicht öffentlich; bitte anmelden.');
    }
    return { version, scope };
  }

  private async readable(actor: Actor | undefined, id: number): Promise<VersionInfo> {
    return (await this.reading(actor, id)).version;
  }

  /** Refuses a reader who sees only some Produktbereiche of the version (documents, whole-budget things). */
  private static requireWhole(scope: ReadScope, what: string): void {
    if (scope.kind !== 'all')
      throw new StoreError(
        'forbidden',
        `${what} gibt es nur für Leser der ganzen Fassung; Sie sehen darin nur Ihre Produktbereiche.`,
      );
  }

  /** Opens a write on a version: bumps its revision (a lock in PostgreSQL) and returns it as it was. */
  private async beginWrite(trx: Transaction<Tables>, versionId: number): Promise<VersionInfo> {
    const result = await trx
      .updateTable('version')
      .set({ revision: sql`revision + 1` })
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new StoreError('not-found', `Fassung ${versionId} gibt es nicht.`);
    const v = await this.versionRow(trx, versionId);
    return { ...v, revision: v.revision };
  }

  private static assertWritable(v: VersionInfo): void {
    if (v.closed || v.frozen || !isEditableStage(v.stage)) {
      throw new StoreError(
        'frozen',
        `Die Fassung „${v.label}“ (${STAGE_LABEL[v.stage]}) ist ${v.closed ? 'abgeschlossen' : 'nicht änderbar'}.`,
      );
    }
  }

  private async insertContent(
    db: Db,
    budget: Budget,
    versionId: number,
  ): Promise<{ nodes: number; cells: number }> {
    const { nodes, cells } = toRows(budget, versionId);
    for (let i = 0; i < nodes.length; i += BATCH)
      await db
        .insertInto('node')
        .values(nodes.slice(i, i + BATCH))
        .execute();
    for (let i = 0; i < cells.length; i += BATCH)
      await db
        .insertInto('cell')
        .values(cells.slice(i, i + BATCH))
        .execute();
    return { nodes: nodes.length, cells: cells.length };
  }

  private async copyContent(db: Db, from: number, to: number): Promise<void> {
    const nodeCols = sql.join(NODE_COLUMNS.slice(1).map((c) => sql.ref(c)));
    const cellCols = sql.join(CELL_COLUMNS.slice(1, -1).map((c) => sql.ref(c)));
    await sql`INSERT INTO node (version_id, ${nodeCols}) SELECT ${to}, ${nodeCols} FROM node WHERE version_id = ${from}`.execute(
      db,
    );
    await sql`INSERT INTO cell (version_id, ${cellCols}, rev) SELECT ${to}, ${cellCols}, 0 FROM cell WHERE version_id = ${from}`.execute(
      db,
    );
  }

  private async insertVersion(
    db: Db,
    actor: Actor,
    values: {
      budgetId: number;
      kind: VersionKind;
      stage: Stage;
      label: string;
      basedOn: number | null;
      publicRead: boolean;
      meta: string;
    },
  ): Promise<number> {
    const row = await db
      .insertInto('version')
      .values({
        budget_id: values.budgetId,
        kind: values.kind,
        stage: values.stage,
        label: values.label,
        based_on: values.basedOn,
        closed: 0,
        // frozen only once its content is in (the database refuses content for a frozen version)
        frozen: 0,
        fachbereich_edit: 0,
        public_read: values.publicRead ? 1 : 0,
        revision: 0,
        meta: values.meta,
        created_at: now(),
        created_by: actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  // ── budgets and versions ──────────────────────────────────────────────────────────────────────────────

  async importBudget(actor: Actor, request: ImportRequest): Promise<VersionInfo> {
    if (!mayAdminister(actor)) throw new StoreError('forbidden', 'Nur die Kämmerei darf Haushalte einlesen.');
    const budget = request.budget;
    const stage: Stage = request.stage ?? 'entwurf';
    // later stages are reached only by the statutory way (advance), never by an import
    const refusal = importStageRefusal(stage);
    if (refusal) throw new StoreError('invalid', refusal);
    const kind: VersionKind = 'haushalt';
    const meta: VersionMeta = {
      ...(budget.title !== undefined ? { title: budget.title } : {}),
      ...(budget.year !== undefined ? { year: budget.year } : {}),
      ...(budget.land !== undefined ? { land: budget.land } : {}),
      files: budget.files,
      notes: request.notes ?? budget.notes,
    };
    const id = await this.db.transaction().execute(async (trx) => {
      let budgetId = request.budgetId;
      if (budgetId === undefined) {
        const name = requireText(request.name ?? budget.title ?? 'Haushalt', 'Der Name des Haushalts', 200);
        const row = await trx
          .insertInto('budget')
          .values({
            name,
            title: budget.title ?? null,
            year: budget.year ?? null,
            created_at: now(),
            created_by: actor.name,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        budgetId = row.id;
      } else {
        const exists = await trx
          .selectFrom('budget')
          .select('id')
          .where('id', '=', budgetId)
          .executeTakeFirst();
        if (!exists) throw new StoreError('not-found', `Haushalt ${budgetId} gibt es nicht.`);
      }
      const versionId = await this.insertVersion(trx, actor, {
        budgetId,
        kind,
        stage,
        label: request.label ?? STAGE_LABEL[stage],
        basedOn: null,
        publicRead: false,
        meta: JSON.stringify(meta),
      });
      const counts = await this.insertContent(trx, budget, versionId);
      if (request.documents?.length)
        await insertDocuments(
          trx,
          { budgetId, versionId, by: actor.name, createdAt: now() },
          request.documents,
        );
      await appendAudit(trx, actor, {
        budgetId,
        versionId,
        action: 'import',
        target: budget.files.join(', '),
        new: { ...counts, files: budget.files },
        reason: request.reason ?? 'Import',
      });
      return versionId;
    });
    return this.versionRow(this.db, id);
  }

  private static budgetInfo(row: Selectable<Tables['budget']>): BudgetInfo {
    return {
      id: row.id,
      name: row.name,
      title: row.title,
      year: row.year,
      createdAt: row.created_at,
      createdBy: row.created_by,
    };
  }

  /** The versions (of one budget, or of all) the actor may read, by id. */
  private async readableVersions(actor: Actor | undefined, budgetId?: number): Promise<VersionInfo[]> {
    let q = this.versionRows(this.db).orderBy('version.id');
    if (budgetId !== undefined) q = q.where('version.budget_id', '=', budgetId);
    return (await q.execute())
      .map(versionInfo)
      .filter((v) => readScope(actor, stateOf(v)).kind !== 'none')
      .map((v) => named(actor, v));
  }

  /** Budgets with at least one version the actor may read. */
  async listBudgets(actor: Actor | undefined): Promise<BudgetInfo[]> {
    const seen = new Set((await this.readableVersions(actor)).map((v) => v.budgetId));
    const rows = await this.db.selectFrom('budget').selectAll().orderBy('id').execute();
    return rows.filter((r) => seen.has(r.id)).map((r) => named(actor, KyselyStore.budgetInfo(r)));
  }

  async getBudget(actor: Actor | undefined, budgetId: number): Promise<BudgetInfo> {
    const row = await this.db.selectFrom('budget').selectAll().where('id', '=', budgetId).executeTakeFirst();
    if (!row) throw new StoreError('not-found', `Haushalt ${budgetId} gibt es nicht.`);
    if ((await this.readableVersions(actor, budgetId)).length === 0) {
      throw actor
        ? new StoreError('forbidden', `Der Haushalt „${row.name}“ ist für Sie nicht freigegeben.`)
        : new StoreError('unauthenticated', 'Dieser Haushalt ist nicht öffentlich; bitte anmelden.');
    }
    return named(actor, KyselyStore.budgetInfo(row));
  }

  async listVersions(actor: Actor | undefined, budgetId: number): Promise<VersionInfo[]> {
    await this.getBudget(actor, budgetId);
    return this.readableVersions(actor, budgetId);
  }

  async getVersion(actor: Actor | undefined, versionId: number): Promise<VersionInfo> {
    return named(actor, await this.readable(actor, versionId));
  }

  /**
   * A new version based on `from` with a copy of its content (nodes, cells with their revisions, meta), and
   * the audit entry that says so: a stage moved on (`stage`) or a Nachtrag/Ergebnis derived (`version`).
   */
  private async copyVersion(
    trx: Transaction<Tables>,
    actor: Actor,
    from: VersionInfo,
    to: {
      kind: VersionInfo['kind'];
      stage: Stage;
      label: string;
      publicRead: boolean;
      action: 'stage' | 'version';
      reason: string;
    },
  ): Promise<number> {
    const meta = await trx
      .selectFrom('version')
      .select('meta')
      .where('id', '=', from.id)
      .executeTakeFirstOrThrow();
    const newId = await this.insertVersion(trx, actor, {
      budgetId: from.budgetId,
      kind: to.kind,
      stage: to.stage,
      label: to.label,
      basedOn: from.id,
      publicRead: to.publicRead,
      meta: meta.meta,
    });
    await this.copyContent(trx, from.id, newId);
    if (isFrozenStage(to.stage))
      await trx.updateTable('version').set({ frozen: 1 }).where('id', '=', newId).execute();
    await appendAudit(trx, actor, {
      budgetId: from.budgetId,
      versionId: newId,
      action: to.action,
      target: `Fassung ${from.id} → ${newId}`,
      ...(to.action === 'stage' ? { old: { version: from.id, stage: from.stage } } : {}),
      new:
        to.action === 'stage'
          ? { version: newId, stage: to.stage }
          : { version: newId, kind: to.kind, stage: to.stage },
      reason: to.reason,
    });
    return newId;
  }

  async advance(actor: Actor, versionId: number, reason: string): Promise<VersionInfo> {
    if (!mayAdminister(actor))
      throw new StoreError('forbidden', 'Nur die Kämmerei darf eine Fassung weitergeben.');
    const why = requireText(reason, 'Die Begründung');
    const id = await this.db.transaction().execute(async (trx) => {
      const v = await this.beginWrite(trx, versionId);
      if (v.closed) throw new StoreError('frozen', `Die Fassung „${v.label}“ ist bereits abgeschlossen.`);
      const next = nextStage(v.stage);
      if (!next) throw new StoreError('invalid', `Nach „${STAGE_LABEL[v.stage]}“ folgt keine weitere Stufe.`);
      const newId = await this.copyVersion(trx, actor, v, {
        kind: v.kind,
        stage: next,
        label: STAGE_LABEL[next],
        // the Entwurf is public while it is displayed, and the budget once it is announced
        publicRead: v.publicRead || next === 'ausgelegt' || next === 'bekanntgemacht',
        action: 'stage',
        reason: why,
      });
      await trx.updateTable('version').set({ closed: 1 }).where('id', '=', v.id).execute();
      return newId;
    });
    return this.versionRow(this.db, id);
  }

  async derive(
    actor: Actor,
    versionId: number,
    kind: 'nachtrag' | 'ergebnis',
    reason: string,
  ): Promise<VersionInfo> {
    if (!mayAdminister(actor))
      throw new StoreError('forbidden', 'Nur die Kämmerei darf Nachträge und Ergebnisse anlegen.');
    const why = requireText(reason, 'Die Begründung');
    const id = await this.db.transaction().execute(async (trx) => {
      const v = await this.beginWrite(trx, versionId);
      if (!canBaseOn(v.stage)) {
        throw new StoreError(
          'invalid',
          `Ein ${kind === 'nachtrag' ? 'Nachtrag' : 'Ergebnis'} setzt einen Beschluss voraus.`,
        );
      }
      const stage: Stage = kind === 'nachtrag' ? 'entwurf' : 'ergebnis';
      const count = await trx
        .selectFrom('version')
        .select(sql<number | string>`count(*)`.as('n'))
        .where('budget_id', '=', v.budgetId)
        .where('kind', '=', kind)
        .executeTakeFirstOrThrow();
      const label = kind === 'nachtrag' ? `${Number(count.n) + 1}. Nachtrag – Entwurf` : STAGE_LABEL.ergebnis;
      return this.copyVersion(trx, actor, v, {
        kind,
        stage,
        label,
        publicRead: false,
        action: 'version',
        reason: why,
      });
    });
    return this.versionRow(this.db, id);
  }

  async setVersionOptions(
    actor: Actor,
    versionId: number,
    options: { fachbereichEdit?: boolean; publicRead?: boolean },
  ): Promise<VersionInfo> {
    if (!mayAdminister(actor))
      throw new StoreError('forbidden', 'Nur die Kämmerei darf Einstellungen einer Fassung ändern.');
    await this.db.transaction().execute(async (trx) => {
      const v = await this.versionRow(trx, versionId);
      const set: Partial<Record<'fachbereich_edit' | 'public_read', number>> = {};
      if (options.fachbereichEdit !== undefined) set.fachbereich_edit = options.fachbereichEdit ? 1 : 0;
      if (options.publicRead !== undefined) set.public_read = options.publicRead ? 1 : 0;
      if (Object.keys(set).length === 0) return;
      await trx.updateTable('version').set(set).where('id', '=', versionId).execute();
      await appendAudit(trx, actor, {
        budgetId: v.budgetId,
        versionId,
        action: 'version-options',
        target: `Fassung ${versionId}`,
        old: { fachbereichEdit: v.fachbereichEdit, publicRead: v.publicRead },
        new: options,
        reason: 'Einstellungen',
      });
    });
    return this.versionRow(this.db, versionId);
  }

  // ── content ───────────────────────────────────────────────────────────────────────────────────────────

  /** In-flight loads, so that requests arriving together load a version once, not once each. */
  private readonly loading = new Map<string, Promise<Cached>>();

  private async cached(versionId: number, revision: number): Promise<Cached> {
    const hit = this.cache.get(versionId);
    if (hit && hit.revision === revision) return hit;
    const key = `${versionId}@${revision}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(versionId, revision).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  private async load(versionId: number, revision: number): Promise<Cached> {
    const [meta, nodes, cells] = await Promise.all([
      this.db.selectFrom('version').select('meta').where('id', '=', versionId).executeTakeFirstOrThrow(),
      this.db
        .selectFrom('node')
        .select(['code', 'doc'])
        .where('version_id', '=', versionId)
        .orderBy('ord')
        .execute(),
      this.db.selectFrom('cell').select(STORED_CELL_COLUMNS).where('version_id', '=', versionId).execute(),
    ]);
    const byNode = new Map<string, StoredCell[]>();
    for (const row of cells) {
      const list = byNode.get(row.node);
      const c = storedCell(row);
      if (list) list.push(c);
      else byNode.set(row.node, [c]);
    }
    const m = JSON.parse(meta.meta) as VersionMeta;
    const budget: Budget = {
      ...(m.title !== undefined ? { title: m.title } : {}),
      ...(m.year !== undefined ? { year: m.year } : {}),
      ...(m.land !== undefined ? { land: m.land } : {}),
      nodes: nodes.map((n) => withCells(nodeDoc(n), byNode.get(n.code) ?? [])),
      notes: m.notes,
      files: m.files,
    };
    const entry: Cached = { revision, budget };
    const current = this.cache.get(versionId);
    // a load that finishes after a newer revision was cached (an edit patched it) does not replace it
    if (!current || current.revision < revision) this.cache.set(versionId, entry);
    if (this.cache.size > 6) this.cache.delete(this.cache.keys().next().value as number);
    return entry;
  }

  /**
   * The version's structure (nodes, plans, schemas, hierarchy) for deciding what an edit may touch: amounts
   * and texts do not change it, so any cached revision will do.
   */
  private async structure(versionId: number, revision: number): Promise<Budget> {
    return (this.cache.get(versionId) ?? (await this.cached(versionId, revision))).budget;
  }

  /**
   * After an edit committed here: the cached budget of the revision before, with the changed cells' new
   * amounts, becomes the cache of the new revision (no reload of the whole version for one cell; findings
   * are checked again when asked for). Another process's edits are not seen here: their revision does not
   * follow the cached one, and the next read loads the version anew.
   */
  private patchCache(versionId: number, revision: number, changed: readonly StoredCell[]): void {
    const entry = this.cache.get(versionId);
    if (!entry || entry.revision !== revision - 1) return;
    const byNode = new Map<string, StoredCell[]>();
    for (const c of changed) byNode.set(c.node, [...(byNode.get(c.node) ?? []), c]);
    const nodes = entry.budget.nodes.map((n) => {
      const cells = byNode.get(n.code);
      if (!cells) return n;
      return {
        ...n,
        plans: n.plans.map((p) => ({
          ...p,
          lines: p.lines.map((l) => {
            const mine = cells.filter((c) => c.plan === p.type && c.line === l.line);
            if (mine.length === 0) return l;
            const rest = l.cells.filter(
              (x) => !mine.some((c) => columnKey(c.column) === columnKey(x.column)),
            );
            const updated = mine.map((c) => ({
              column: p.columns.find((k) => columnKey(k) === columnKey(c.column)) ?? c.column,
              amount: c.amount,
              decimals: c.decimals,
              ...(c.scale ? { scale: c.scale } : {}),
              ...(c.source ? { source: c.source } : {}),
            }));
            const order = (x: { column: Column }) =>
              p.columns.findIndex((k) => columnKey(k) === columnKey(x.column));
            return { ...l, cells: [...rest, ...updated].sort((a, b) => order(a) - order(b)) };
          }),
        })),
      };
    });
    const budget = { ...entry.budget, nodes };
    this.cache.set(versionId, {
      revision,
      budget,
      // the findings of the nodes whose amounts moved are found anew, the others kept (`recheck`)
      ...(entry.findings ? { findings: reindexFindings(entry.findings, budget, byNode.keys()) } : {}),
    });
  }

  /**
   * The nodes a reader who sees only some Produktbereiche may see (`undefined`: the reader sees all of the
   * version, and nothing is loaded for it).
   */
  private async visibleTo(version: VersionInfo, scope: ReadScope): Promise<ReadonlySet<string> | undefined> {
    if (scope.kind === 'all') return undefined;
    return scopeOf(await this.cached(version.id, version.revision), scope)?.visible;
  }

  /** Refuses a node the reader may not see as if it did not exist. */
  private static requireVisible(
    visible: ReadonlySet<string> | undefined,
    versionId: number,
    code: string,
  ): void {
    if (visible !== undefined && !visible.has(code))
      throw new StoreError('not-found', `Fassung ${versionId} hat keine Einheit ${code}.`);
  }

  async loadBudget(actor: Actor | undefined, versionId: number): Promise<Budget> {
    const { version, scope } = await this.reading(actor, versionId);
    const entry = await this.cached(versionId, version.revision);
    return scopeOf(entry, scope)?.budget ?? entry.budget;
  }

  async listNodes(actor: Actor | undefined, versionId: number): Promise<NodeSummary[]> {
    const { version, scope } = await this.reading(actor, versionId);
    const visible = await this.visibleTo(version, scope);
    const rows = await this.db
      .selectFrom('node')
      .select(['code', 'level', 'name', 'parent'])
      .where('version_id', '=', versionId)
      .orderBy('ord')
      .execute();
    return rows
      .filter((r) => visible === undefined || visible.has(r.code))
      .map((r) => ({
        code: r.code,
        level: r.level as NodeSummary['level'],
        name: r.name,
        parent: r.parent,
      }));
  }

  private async nodeDetail(db: Db, versionId: number, code: string): Promise<NodeDetail> {
    const row = await db
      .selectFrom('node')
      .select(['doc', 'rev'])
      .where('version_id', '=', versionId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row) throw new StoreError('not-found', `Fassung ${versionId} hat keine Einheit ${code}.`);
    const cells = (
      await db
        .selectFrom('cell')
        .select(STORED_CELL_COLUMNS)
        .where('version_id', '=', versionId)
        .where('node', '=', code)
        .execute()
    ).map(storedCell);
    const cellRevs: Record<string, number> = {};
    for (const c of cells) cellRevs[cellKey(c.plan, c.line, c.column)] = c.rev;
    return { node: withCells(nodeDoc(row), cells), rev: row.rev, cellRevs };
  }

  async getNode(actor: Actor | undefined, versionId: number, code: string): Promise<NodeDetail> {
    const { version, scope } = await this.reading(actor, versionId);
    KyselyStore.requireVisible(await this.visibleTo(version, scope), versionId, code);
    return this.nodeDetail(this.db, versionId, code);
  }

  private async cellRow(
    db: Db,
    versionId: number,
    ref: { node: string; plan: string; line: string; column: Column },
  ) {
    return db
      .selectFrom('cell')
      .select(STORED_CELL_COLUMNS)
      .where('version_id', '=', versionId)
      .where('node', '=', ref.node)
      .where('plan', '=', ref.plan)
      .where('line', '=', ref.line)
      .where('kind', '=', ref.column.kind)
      .where('year', '=', ref.column.year)
      .executeTakeFirst();
  }

  async editCell(actor: Actor, versionId: number, edit: CellEdit): Promise<EditResult> {
    const amount = requireAmount(edit.amount);
    const reason = requireText(edit.reason, 'Die Begründung');
    const { version: before, scope } = await this.reading(actor, versionId);
    // the structure (plans, schemas, hierarchy) does not change with amounts: read it outside the write
    const budget = await this.structure(versionId, before.revision);
    const ref = { node: edit.node, plan: edit.plan, line: edit.line };
    const refusal = editRefusal(budget, ref);
    if (refusal) {
      const message =
        refusal.reason === 'total'
          ? `Zeile ${edit.line} (${refusal.label}) ist eine Summenzeile; sie ergibt sich aus ihren Zeilen.`
          : refusal.reason === 'derived'
            ? `Die Beträge von ${edit.node} ergeben sich aus ${refusal.children.join(', ')}; bitte dort ändern.`
            : refusal.reason === 'no-node'
              ? `Die Fassung hat keine Einheit ${edit.node}.`
              : refusal.reason === 'no-plan'
                ? `${edit.node} hat keinen ${edit.plan}.`
                : `Der Plan hat keine Zeile ${edit.line}.`;
      throw new StoreError(refusal.reason === 'no-node' ? 'not-found' : 'invalid', message);
    }
    const node = budget.nodes.find((n) => n.code === edit.node) as BudgetNode;
    const plan = planOf(node, edit.plan) as Plan;
    if (!plan.columns.some((c) => c.kind === edit.column.kind && c.year === edit.column.year)) {
      throw new StoreError('invalid', `Der Plan hat keine Spalte ${columnKey(edit.column)}.`);
    }
    const ergebnisVersion = before.stage === 'ergebnis';
    if ((edit.column.kind === 'ergebnis') !== ergebnisVersion) {
      throw new StoreError(
        'invalid',
        ergebnisVersion
          ? 'In einer Ergebnis-Fassung werden nur Ergebnis-Spalten erfasst.'
          : 'Ergebnis-Spalten (Ist) sind in einer Planfassung nicht änderbar.',
      );
    }
    const deps = dependents(budget, ref);
    const effectFactor = jahresergebnisFactor(plan, edit.line);
    const visible = await this.visibleTo(before, scope);
    const result = await this.db.transaction().execute(async (trx): Promise<EditResult> => {
      const v = await this.beginWrite(trx, versionId);
      KyselyStore.assertWritable(v);
      if (!mayEdit(actor, stateOf(v), edit.node, produktbereichIn(budget, edit.node))) {
        throw new StoreError('forbidden', `Keine Berechtigung, ${edit.node} in dieser Fassung zu ändern.`);
      }
      const current = await this.cellRow(trx, versionId, edit);
      const currentRev = current?.rev ?? 0;
      if (currentRev !== edit.rev) {
        throw new StoreError(
          'conflict',
          'Der Wert wurde inzwischen geändert; bitte den aktuellen Stand ansehen und erneut eingeben.',
          current ? storedCell(current) : null,
        );
      }
      const old = current?.amount ?? 0;
      const delta = amount - old;
      // in euros always: whole thousands keep a T€ cell in T€, anything finer makes it a euro cell (scale.ts)
      const printing = printingAfterEdit(
        amount,
        current ? storedCell(current) : undefined,
        printingOfColumn(plan.lines.flatMap((l) => l.cells.filter((c) => sameColumn(c.column, edit.column)))),
      );
      const decimals = printing.decimals;
      const scale = printing.scale ?? null;
      if (current) {
        await trx
          .updateTable('cell')
          .set({ amount, decimals, scale, rev: currentRev + 1 })
          .where('version_id', '=', versionId)
          .where('node', '=', edit.node)
          .where('plan', '=', edit.plan)
          .where('line', '=', edit.line)
          .where('kind', '=', edit.column.kind)
          .where('year', '=', edit.column.year)
          .execute();
      } else {
        await trx
          .insertInto('cell')
          .values({
            version_id: versionId,
            node: edit.node,
            plan: edit.plan,
            line: edit.line,
            kind: edit.column.kind,
            year: edit.column.year,
            amount,
            decimals,
            scale,
            source: null,
            rev: 1,
          })
          .execute();
      }
      const touched = [ref];
      if (delta !== 0) {
        // totals are computed here, exactly, and written as values: SQLite binds a JavaScript number as a
        // double, and `amount + ?` beyond 2^53 cents would be rounded (the writers of a version are serialised
        // by `beginWrite`, so the value read is the value to change)
        for (const d of deps) {
          const row = await this.cellRow(trx, versionId, { ...d, column: edit.column });
          if (!row) continue;
          const total = row.amount + d.factor * delta;
          if (!Number.isSafeInteger(total) || Math.abs(total) > MAX_TOTAL) {
            throw new StoreError(
              'invalid',
              `Die Änderung ließe die Summe in Zeile ${d.line} von ${d.node} über ` +
                `${Math.floor(MAX_TOTAL / 100).toLocaleString('de-DE')} Euro wachsen; so große Beträge werden nicht exakt geführt.`,
            );
          }
          await trx
            .updateTable('cell')
            .set({ amount: total, rev: row.rev + 1 })
            .where('version_id', '=', versionId)
            .where('node', '=', d.node)
            .where('plan', '=', d.plan)
            .where('line', '=', d.line)
            .where('kind', '=', edit.column.kind)
            .where('year', '=', edit.column.year)
            .execute();
          touched.push(d);
        }
      }
      const effect = effectFactor * delta;
      await appendAudit(trx, actor, {
        budgetId: v.budgetId,
        versionId,
        action: 'cell',
        target: `${edit.node}|${cellKey(edit.plan, edit.line, edit.column)}`,
        produktbereich: produktbereichIn(budget, edit.node),
        old: current ? { amount: old, rev: currentRev } : null,
        new: { amount, rev: currentRev + 1 },
        reason,
        effect: effectFactor === 0 ? null : effect,
      });
      const changed: StoredCell[] = [];
      for (const t of touched) {
        const row = await this.cellRow(trx, versionId, { ...t, column: edit.column });
        if (row) changed.push(storedCell(row));
      }
      return { changed, jahresergebnisEffect: effect, revision: v.revision };
    });
    this.patchCache(versionId, result.revision, result.changed);
    // totals outside the editor's Produktbereiche moved too, but are not theirs to see
    return visible === undefined
      ? result
      : { ...result, changed: result.changed.filter((c) => visible.has(c.node)) };
  }

  async editErlaeuterung(actor: Actor, versionId: number, edit: ErlaeuterungEdit): Promise<NodeDetail> {
    const text = requireText(edit.text, 'Der Text');
    const reason = requireText(edit.reason, 'Die Begründung');
    if (edit.amount !== undefined && edit.amount !== null) requireAmount(edit.amount);
    const before = await this.readable(actor, versionId);
    const budget = await this.structure(versionId, before.revision);
    return this.db.transaction().execute(async (trx) => {
      const v = await this.beginWrite(trx, versionId);
      KyselyStore.assertWritable(v);
      if (!mayEdit(actor, stateOf(v), edit.node, produktbereichIn(budget, edit.node))) {
        throw new StoreError('forbidden', `Keine Berechtigung, ${edit.node} in dieser Fassung zu ändern.`);
      }
      const detail = await this.nodeDetail(trx, versionId, edit.node);
      if (detail.rev !== edit.rev) {
        throw new StoreError(
          'conflict',
          'Die Erläuterungen wurden inzwischen geändert; bitte neu laden.',
          detail,
        );
      }
      const doc = detail.node;
      const erl = doc.erlaeuterungen[edit.erlaeuterung];
      if (!erl)
        throw new StoreError('not-found', `${edit.node} hat keine Erläuterung Nr. ${edit.erlaeuterung + 1}.`);
      const old = edit.item === undefined ? undefined : erl.items[edit.item];
      if (edit.item !== undefined && !old) {
        throw new StoreError('not-found', `Die Erläuterung hat keinen Posten Nr. ${edit.item + 1}.`);
      }
      const amount = edit.amount === null ? undefined : (edit.amount ?? old?.amount);
      const item = {
        ...(old ?? {}),
        text,
        raw: text,
        ...(amount !== undefined ? { amount } : {}),
      };
      if (amount === undefined) delete (item as { amount?: number }).amount;
      const items =
        edit.item === undefined
          ? [...erl.items, item]
          : erl.items.map((it, i) => (i === edit.item ? item : it));
      const erlaeuterungen = doc.erlaeuterungen.map((e, i) =>
        i === edit.erlaeuterung ? { ...e, items } : e,
      );
      const stripped = { ...nodeDoc({ doc: JSON.stringify(doc) }), erlaeuterungen };
      const withoutCells = {
        ...stripped,
        plans: stripped.plans.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, cells: [] })) })),
      };
      await trx
        .updateTable('node')
        .set({ doc: JSON.stringify(withoutCells), rev: detail.rev + 1 })
        .where('version_id', '=', versionId)
        .where('code', '=', edit.node)
        .execute();
      await appendAudit(trx, actor, {
        budgetId: v.budgetId,
        versionId,
        action: 'erlaeuterung',
        produktbereich: produktbereichIn(budget, edit.node),
        target: `${edit.node}|${erl.plan}|${erl.line ?? ''}|${edit.item ?? items.length - 1}`,
        old: old ? { text: old.text, amount: old.amount ?? null } : null,
        new: { text, amount: amount ?? null },
        reason,
      });
      return this.nodeDetail(trx, versionId, edit.node);
    });
  }

  // ── findings and comparison ───────────────────────────────────────────────────────────────────────────

  /**
   * The whole version checked once, in slices with the event loop free in between (a 600-product budget
   * takes about a second; requests for other things are answered meanwhile). Requests arriving together share
   * one check.
   */
  private fullCheck(entry: Cached): Promise<IndexedFindings> {
    entry.checking ??= (async () => {
      const slices = checkInSlices(entry.budget);
      for (;;) {
        const step = slices.next();
        if (step.done) return indexFindings(step.value);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    })();
    return entry.checking;
  }

  async findings(
    actor: Actor | undefined,
    versionId: number,
    filter: FindingsFilter = {},
  ): Promise<VersionFindings> {
    const { version: v, scope } = await this.reading(actor, versionId);
    const entry = await this.cached(versionId, v.revision);
    const visible = scopeOf(entry, scope)?.visible;
    const node = filter.node;
    if (node !== undefined) KyselyStore.requireVisible(visible, versionId, node);
    let found: readonly KeyedFinding[];
    let index: IndexedFindings;
    if (node !== undefined && !entry.findings) {
      // one node's findings need no check of the whole version (about a second at 600 products): the rules
      // report a node's findings from that node and its children alone (`checkNodes`)
      let mine = entry.nodeFindings?.get(node);
      if (!mine) {
        mine = indexFindings(checkNodes(entry.budget, [node]));
        (entry.nodeFindings ??= new Map()).set(node, mine);
      }
      index = mine;
      found = mine.all;
    } else {
      // checked once per revision (or rechecked from the revision before by the edit that made this one)
      entry.findings ??= await this.fullCheck(entry);
      index = entry.findings;
      found = node === undefined ? index.all : (index.byNode.get(node) ?? []);
    }
    const accepted = (
      await this.db
        .selectFrom('accepted_finding')
        .selectAll()
        .where('budget_id', '=', v.budgetId)
        .orderBy('id')
        .execute()
    ).map((r): AcceptedFinding => ({
      id: r.id,
      budgetId: r.budget_id,
      key: r.finding_key,
      reason: r.reason,
      acceptedBy: actor ? r.accepted_by : null,
      acceptedAt: r.accepted_at,
    }));
    // a reader of some Produktbereiche sees the findings and acceptances of their nodes only
    const shown = (code: string | undefined): boolean =>
      visible === undefined || (code !== undefined && visible.has(code));
    if (visible !== undefined) found = found.filter((f) => shown(f.node));
    const byKey = new Map(accepted.map((a) => [a.key, a]));
    const open: KeyedFinding[] = [];
    const acc: VersionFindings['accepted'][number][] = [];
    const counts: Record<Severity, number> = { error: 0, warning: 0, rounding: 0, info: 0 };
    const wanted = filter.severities ? new Set(filter.severities) : undefined;
    for (const f of found) {
      const a = byKey.get(f.key);
      if (!a) counts[f.severity]++;
      if (wanted && !wanted.has(f.severity)) continue;
      if (a) acc.push({ ...f, acceptance: a });
      else open.push(f);
    }
    const asked = accepted.filter((a) => {
      const of = a.key.split('|')[1];
      return node === undefined ? shown(of) : of === node;
    });
    return { open, accepted: acc, stale: asked.filter((a) => !holdsKey(index, a.key)), counts };
  }

  async acceptFinding(
    actor: Actor,
    budgetId: number,
    key: FindingKey,
    reason: string,
  ): Promise<AcceptedFinding> {
    if (!mayAdminister(actor))
      throw new StoreError('forbidden', 'Nur die Kämmerei darf Befunde akzeptieren.');
    const why = requireText(reason, 'Die Begründung');
    const k = requireText(key, 'Der Befund', 500);
    await this.getBudget(actor, budgetId);
    return this.db.transaction().execute(async (trx) => {
      const at = now();
      // one acceptance however many ask at once: the unique key decides, without an error (a SELECT first
      // raced on PostgreSQL: two saw nothing, the second INSERT failed with a unique violation)
      const row = await trx
        .insertInto('accepted_finding')
        .values({
          budget_id: budgetId,
          finding_key: k,
          reason: why,
          accepted_by: actor.name,
          accepted_at: at,
        })
        .onConflict((oc) => oc.columns(['budget_id', 'finding_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) throw new StoreError('conflict', 'Dieser Befund ist bereits akzeptiert.');
      // cached views of every version of the budget show the finding as accepted from now on
      await trx
        .updateTable('budget')
        .set({ findings_rev: sql`findings_rev + 1` })
        .where('id', '=', budgetId)
        .execute();
      await appendAudit(trx, actor, {
        budgetId,
        versionId: null,
        action: 'finding-accept',
        target: k,
        new: { key: k },
        reason: why,
      });
      return { id: row.id, budgetId, key: k, reason: why, acceptedBy: actor.name, acceptedAt: at };
    });
  }

  async diff(actor: Actor | undefined, fromVersion: number, toVersion: number): Promise<VersionDiff> {
    const [ra, rb] = await Promise.all([this.reading(actor, fromVersion), this.reading(actor, toVersion)]);
    const [a, b] = [ra.version, rb.version];
    const [ea, eb] = await Promise.all([this.cached(a.id, a.revision), this.cached(b.id, b.revision)]);
    // each side as the reader may see it (a Fachbereich: its own Produktbereiche)
    const from = { budget: scopeOf(ea, ra.scope)?.budget ?? ea.budget };
    const to = { budget: scopeOf(eb, rb.scope)?.budget ?? eb.budget };
    const cells: CellDiff[] = [];
    const index = (
      budget: Budget,
    ): Map<string, { node: string; plan: Plan; line: string; column: Column; amount: number }> => {
      const m = new Map<string, { node: string; plan: Plan; line: string; column: Column; amount: number }>();
      for (const n of budget.nodes)
        for (const p of n.plans)
          for (const l of p.lines)
            for (const c of l.cells) {
              const k = `${n.code}|${cellKey(p.type, l.line, c.column)}`;
              if (!m.has(k))
                m.set(k, { node: n.code, plan: p, line: l.line, column: c.column, amount: c.amount });
            }
      return m;
    };
    const ia = index(from.budget);
    const ib = index(to.budget);
    for (const [k, x] of ib) {
      const y = ia.get(k);
      if (!y || y.amount !== x.amount) {
        cells.push({
          node: x.node,
          plan: x.plan.type,
          line: x.line,
          column: x.column,
          from: y?.amount ?? null,
          to: x.amount,
        });
      }
    }
    for (const [k, y] of ia) {
      if (!ib.has(k))
        cells.push({
          node: y.node,
          plan: y.plan.type,
          line: y.line,
          column: y.column,
          from: y.amount,
          to: null,
        });
    }
    const docs = (budget: Budget): Map<string, string> =>
      new Map(
        budget.nodes.map((n) => [
          n.code,
          JSON.stringify({
            e: n.erlaeuterungen,
            b: n.beschreibung ?? null,
            k: n.kennzahlen,
            i: n.investitionen ?? null,
          }),
        ]),
      );
    const da = docs(from.budget);
    const db = docs(to.budget);
    const texts = [...new Set([...da.keys(), ...db.keys()])].filter((code) => da.get(code) !== db.get(code));
    // the Jahresergebnis: the Gesamtergebnisplan's line if printed, else the sum of the top nodes' share
    const present = new Set(to.budget.nodes.map((n) => n.code));
    const tops = to.budget.nodes.filter((n) => n.parent === undefined || !present.has(n.parent));
    const gesamt = tops.filter((n) => planOf(n, 'gesamtergebnisplan'));
    const counted = new Set((gesamt.length > 0 ? gesamt : tops).map((n) => n.code));
    const perColumn = new Map<string, { column: Column; delta: number }>();
    for (const c of cells) {
      if (!counted.has(c.node)) continue;
      const x =
        ib.get(`${c.node}|${cellKey(c.plan, c.line, c.column)}`) ??
        ia.get(`${c.node}|${cellKey(c.plan, c.line, c.column)}`);
      if (!x) continue;
      if (!isMarked(x.plan, c.line)) continue;
      const key = columnKey(c.column);
      const entry = perColumn.get(key) ?? { column: c.column, delta: 0 };
      entry.delta += (c.to ?? 0) - (c.from ?? 0);
      perColumn.set(key, entry);
    }
    return {
      from: a.id,
      to: b.id,
      cells,
      texts,
      jahresergebnis: [...perColumn.values()].filter((e) => e.delta !== 0),
    };
  }

  // ── audit and public participation ────────────────────────────────────────────────────────────────────

  async audit(
    actor: Actor,
    filter: { budgetId?: number; versionId?: number; limit?: number; after?: number },
  ): Promise<AuditEntry[]> {
    if (actor.role === 'leser')
      throw new StoreError('forbidden', 'Das Änderungsprotokoll ist der Verwaltung vorbehalten.');
    let q = this.db.selectFrom('audit').selectAll().orderBy('id');
    if (!mayAdminister(actor)) {
      // a Fachbereich reads the content edits of its own Produktbereiche, nothing else (no user
      // administration, no Einwendungen, no other department's edits); entries written before the column
      // existed are recognised by their target `node|…` (codes are [0-9A-Za-z.]: nothing to escape in LIKE)
      const codes = [...actor.produktbereiche];
      if (codes.length === 0) return [];
      q = q.where((eb) =>
        eb.or([
          eb('produktbereich', 'in', codes),
          eb.and([
            eb('produktbereich', 'is', null),
            eb('action', 'in', ['cell', 'erlaeuterung']),
            eb.or(codes.flatMap((pb) => [eb('target', 'like', `${pb}|%`), eb('target', 'like', `${pb}.%`)])),
          ]),
        ]),
      );
    }
    if (filter.budgetId !== undefined) q = q.where('budget_id', '=', filter.budgetId);
    if (filter.versionId !== undefined) q = q.where('version_id', '=', filter.versionId);
    if (filter.after !== undefined) q = q.where('id', '>', filter.after);
    q = q.limit(Math.min(Math.max(filter.limit ?? 1000, 1), 10_000));
    return (await q.execute()).map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      budgetId: r.budget_id,
      versionId: r.version_id,
      action: r.action,
      target: r.target,
      old: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
      new: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
      reason: r.reason,
      effect: r.effect,
    }));
  }

  async recordEinwendung(
    actor: Actor,
    versionId: number,
    einwendung: { author: string; text: string },
  ): Promise<Einwendung> {
    const author = requireText(einwendung.author, 'Der Name der Einwenderin oder des Einwenders', 200);
    const text = requireText(einwendung.text, 'Der Text der Einwendung');
    return this.db.transaction().execute(async (trx) => {
      const v = await this.versionRow(trx, versionId);
      if (!mayRecordEinwendung(actor, stateOf(v))) {
        throw new StoreError(
          mayAdminister(actor) ? 'invalid' : 'forbidden',
          mayAdminister(actor)
            ? 'Einwendungen werden nur zu einem ausgelegten Entwurf erfasst.'
            : 'Nur die Kämmerei erfasst Einwendungen.',
        );
      }
      const receivedAt = now();
      const row = await trx
        .insertInto('einwendung')
        .values({ version_id: versionId, author, text, received_at: receivedAt, recorded_by: actor.name })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actor, {
        budgetId: v.budgetId,
        versionId,
        action: 'einwendung',
        target: `Einwendung ${row.id}`,
        new: { author, text },
        reason: 'Einwendung erfasst',
      });
      return { id: row.id, versionId, author, text, receivedAt, recordedBy: actor.name };
    });
  }

  async listEinwendungen(actor: Actor, versionId: number): Promise<Einwendung[]> {
    // Einwendungen carry citizens' names and addresses: for the Kämmerei, which records and answers them
    if (!mayAdminister(actor))
      throw new StoreError(
        'forbidden',
        'Einwendungen sieht nur die Kämmerei (sie enthalten Namen von Bürgern).',
      );
    await this.readable(actor, versionId);
    const rows = await this.db
      .selectFrom('einwendung')
      .selectAll()
      .where('version_id', '=', versionId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      versionId: r.version_id,
      author: r.author,
      text: r.text,
      receivedAt: r.received_at,
      recordedBy: r.recorded_by,
    }));
  }

  // ── users, sessions, tokens (accounts.ts) ────────────────────────────────────────────────────────────

  private readonly accounts: Accounts;

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
    return this.accounts.createApiToken(actor, label, options);
  }

  listApiTokens(
    actor: Actor,
    filter?: { readonly user?: string; readonly all?: boolean },
  ): Promise<ApiTokenInfo[]> {
    return this.accounts.listApiTokens(actor, filter);
  }

  revokeApiToken(actor: Actor, id: string): Promise<ApiTokenInfo> {
    return this.accounts.revokeApiToken(actor, id);
  }

  checkApiToken(token: string): Promise<ApiTokenCheck> {
    return this.accounts.checkApiToken(token);
  }

  actorForApiToken(token: string): Promise<Actor | undefined> {
    return this.accounts.actorForApiToken(token);
  }

  // ── source documents (documents.ts) ──────────────────────────────────────────────────────────────────

  async listDocuments(actor: Actor | undefined, versionId: number): Promise<DocumentInfo[]> {
    const { version, scope } = await this.reading(actor, versionId);
    KyselyStore.requireWhole(scope, 'Quelldokumente');
    return (await listDocuments(this.db, version)).map((d) => named(actor, d));
  }

  async readDocument(
    actor: Actor | undefined,
    versionId: number,
    name: string,
    range?: ByteRange,
  ): Promise<DocumentContent> {
    const { version, scope } = await this.reading(actor, versionId);
    KyselyStore.requireWhole(scope, 'Quelldokumente');
    const content = await readDocument(this.db, version, name, range);
    return { ...content, document: named(actor, content.document) };
  }

  // ── operations ────────────────────────────────────────────────────────────────────────────────────────

  backup(file: string): Promise<{ tables: number; rows: number }> {
    return backupTo(this.opened, file);
  }

  async restore(file: string): Promise<{ tables: number; rows: number }> {
    const result = await restoreFrom(this.opened, file);
    this.cache.clear();
    return result;
  }
}

/** The schema marks the line as the Jahresergebnis (or a Teilplan's share of it). */
function isMarked(plan: Plan, line: string): boolean {
  return schemaById(plan.schemaId)?.lines.find((l) => l.line === line)?.jahresergebnis === true;
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
