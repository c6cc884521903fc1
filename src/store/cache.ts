/**
 * Reading is served from a cache per version and revision: the budget is loaded once per revision however
 * many requests ask at once, and `check` runs once per revision (in slices, the event loop free in between).
 * An edit committed by this process patches the cached budget with the changed cells (`applyCells` in the
 * core) and rechecks only the nodes whose amounts moved (`recheckScoped`). Another process's edit shows as a
 * revision the cache does not know, and the version is loaded anew.
 */
import type { Kysely } from 'kysely';
import { applyCells } from '../core/apply-cells.js';
import { checkInSlices, recheckScoped } from '../core/check/index.js';
import { findingKey, nodeOfKey, type Finding, type FindingKey } from '../core/findings.js';
import type { Budget } from '../core/model.js';
import { scopedBudget, visibleCodes, type ReadScope } from './access.js';
import type { StoredCell } from './api.js';
import { STORED_CELL_COLUMNS, nodeDoc, storedCell, withCells, type VersionMeta } from './rows.js';
import type { Tables } from './tables.js';

export type KeyedFinding = Finding & { readonly key: FindingKey };

export interface IndexedFindings {
  readonly all: readonly KeyedFinding[];
  readonly byNode: ReadonlyMap<string, readonly KeyedFinding[]>;
}

const keyed = (f: Finding): KeyedFinding => ('key' in f ? (f as KeyedFinding) : { ...f, key: findingKey(f) });

/** Findings keyed (for the ledger of accepted ones) and indexed by node, once per revision. */
export function indexFindings(findings: readonly Finding[]): IndexedFindings {
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
export function holdsKey(findings: IndexedFindings, key: FindingKey): boolean {
  return (findings.byNode.get(nodeOfKey(key)) ?? []).some((f) => f.key === key);
}

export interface Cached {
  readonly revision: number;
  readonly budget: Budget;
  findings?: IndexedFindings;
  /**
   * Findings of an earlier revision and the nodes whose amounts moved since (edits committed here): the
   * recheck waits until the findings of the whole version are asked for (`settledFindings`).
   */
  stale?: { readonly findings: IndexedFindings; readonly changed: ReadonlySet<string> };
  /** The check of the whole version under way. */
  checking?: Promise<IndexedFindings>;
  /** Findings of single nodes, while the whole version has not been checked. */
  nodeFindings?: Map<string, IndexedFindings>;
  /** Visible node codes per Produktbereich scope (`readScope`), and the budget as such a reader sees it. */
  scoped?: Map<string, { readonly visible: ReadonlySet<string>; readonly budget: Budget }>;
}

/** The nodes a scope shows of a cached version, and the budget reduced to them (`undefined`: everything). */
export function scopeOf(
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

/**
 * The whole version checked once, in slices with the event loop free in between (a 600-product budget
 * takes about a second; requests for other things are answered meanwhile). Requests arriving together share
 * one check.
 */
function fullCheck(entry: Cached): Promise<IndexedFindings> {
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

/**
 * The findings of the whole version: kept, rechecked from an earlier revision where amounts moved since
 * (`recheck`: only the affected nodes are checked anew), or checked once.
 */
export async function settledFindings(entry: Cached): Promise<IndexedFindings> {
  if (entry.findings) return entry.findings;
  if (entry.stale) {
    entry.findings = reindexFindings(entry.stale.findings, entry.budget, entry.stale.changed);
    delete entry.stale;
    return entry.findings;
  }
  entry.findings = await fullCheck(entry);
  return entry.findings;
}

/** Versions kept loaded at once. */
const KEEP = 6;

export class VersionCache {
  private readonly entries = new Map<number, Cached>();
  /** In-flight loads, so that requests arriving together load a version once, not once each. */
  private readonly loading = new Map<string, Promise<Cached>>();

  constructor(private readonly db: Kysely<Tables>) {}

  /** The version at that revision, loaded if the cache holds another. */
  async get(versionId: number, revision: number): Promise<Cached> {
    const hit = this.entries.get(versionId);
    if (hit && hit.revision === revision) return hit;
    const key = `${versionId}@${revision}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(versionId, revision).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  /**
   * The version's structure (nodes, plans, schemas, hierarchy) for deciding what an edit may touch: amounts
   * and texts do not change it, so any cached revision will do.
   */
  async structure(versionId: number, revision: number): Promise<Budget> {
    return (this.entries.get(versionId) ?? (await this.get(versionId, revision))).budget;
  }

  /**
   * The nodes a reader who sees only some Produktbereiche may see (`undefined`: the reader sees all of the
   * version, and nothing is loaded for it).
   */
  async visibleTo(
    version: { readonly id: number; readonly revision: number },
    scope: ReadScope,
  ): Promise<ReadonlySet<string> | undefined> {
    if (scope.kind === 'all') return undefined;
    return scopeOf(await this.get(version.id, version.revision), scope)?.visible;
  }

  /**
   * After an edit committed here: the cached budget of the revision before, with the changed cells' new
   * amounts, becomes the cache of the new revision (no reload of the whole version for one cell). Its
   * findings are found anew where amounts moved when they are next asked for (`settledFindings`; edits in a
   * row are rechecked together). Another process's edits are not seen here: their revision does not follow
   * the cached one, and the next read loads the version anew.
   */
  patch(versionId: number, revision: number, changed: readonly StoredCell[]): void {
    const entry = this.entries.get(versionId);
    if (!entry || entry.revision !== revision - 1) return;
    const budget = applyCells(entry.budget, changed);
    const before = entry.findings ?? entry.stale?.findings;
    const moved = new Set([...(entry.stale?.changed ?? []), ...changed.map((c) => c.node)]);
    this.entries.set(versionId, {
      revision,
      budget,
      ...(before ? { stale: { findings: before, changed: moved } } : {}),
    });
  }

  clear(): void {
    this.entries.clear();
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
    const current = this.entries.get(versionId);
    // a load that finishes after a newer revision was cached (an edit patched it) does not replace it
    if (!current || current.revision < revision) this.entries.set(versionId, entry);
    if (this.entries.size > KEEP) this.entries.delete(this.entries.keys().next().value as number);
    return entry;
  }
}
