/**
 * Reading is served from a cache per version and revision: the budget is loaded once per revision however
 * many requests ask at once, and `check` runs once per revision (in slices, the event loop free in between).
 * An edit committed by this process patches the cached budget with the changed cells (`applyCells` in the
 * core) and rechecks only the nodes whose amounts moved (`recheckScoped`). Another process's edit shows as a
 * revision the cache does not know, and the version is loaded anew.
 *
 * A node view needs far less than the whole version (351,370 cells at 600 products, seconds to load): every
 * node's place (code, level, name, parent) and the whole of the node and its children — for the Gesamtplan, of
 * the top nodes — which is what its findings are found from (`checkNodes`). While the whole version is not
 * loaded at a revision, `around` loads just that, per revision (`Neighbourhood`).
 */
import type { Kysely } from 'kysely';
import { applyCells } from '../core/apply-cells.js';
import { checkInSlices, checkNodes, recheckScoped } from '../core/check/index.js';
import { findingKey, nodeOfKey, type Finding, type FindingKey } from '../core/findings.js';
import type { Budget, BudgetNode } from '../core/model.js';
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
  const key = scopeKey(scope);
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

/**
 * A version at one revision as far as node views asked for it: every node's place (nodes without content:
 * no plans, texts or tables) and the nodes loaded whole so far.
 */
interface Neighbourhood {
  readonly revision: number;
  readonly skeleton: Promise<{ readonly meta: VersionMeta; readonly places: readonly BudgetNode[] }>;
  readonly nodes: Map<string, Promise<BudgetNode>>;
  readonly nodeFindings: Map<string, IndexedFindings>;
  readonly visible: Map<string, ReadonlySet<string>>;
}

function budgetOf(meta: VersionMeta, nodes: readonly BudgetNode[]): Budget {
  return {
    ...(meta.title !== undefined ? { title: meta.title } : {}),
    ...(meta.year !== undefined ? { year: meta.year } : {}),
    ...(meta.land !== undefined ? { land: meta.land } : {}),
    ...(meta.parts !== undefined ? { parts: meta.parts } : {}),
    nodes,
    notes: meta.notes,
    files: meta.files,
  };
}

/** The nodes whose content the view of `code` needs: itself, its children, and for the Gesamtplan the top nodes. */
function neighbours(places: readonly BudgetNode[], code: string): string[] {
  const self = places.find((n) => n.code === code);
  const wanted = new Set([code]);
  for (const n of places) {
    if (n.parent === code) wanted.add(n.code);
    else if (self?.level === 'haushalt' && n.level !== 'haushalt' && n.parent === undefined)
      wanted.add(n.code);
  }
  return [...wanted];
}

const scopeKey = (scope: Exclude<ReadScope, { kind: 'all' }>): string =>
  scope.kind === 'none' ? '' : scope.codes.join('\u0000');

/** Cell rows as stored cells, by node. */
function cellsByNode(rows: readonly Parameters<typeof storedCell>[0][]): Map<string, StoredCell[]> {
  const byNode = new Map<string, StoredCell[]>();
  for (const row of rows) {
    const list = byNode.get(row.node);
    const c = storedCell(row);
    if (list) list.push(c);
    else byNode.set(row.node, [c]);
  }
  return byNode;
}

/** Versions kept loaded at once. */
const KEEP = 6;

export class VersionCache {
  private readonly entries = new Map<number, Cached>();
  /** Versions not loaded whole, as far as node views asked for them. */
  private readonly partial = new Map<number, Neighbourhood>();
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
    const whole = this.whole(version.id, version.revision);
    if (whole) return scopeOf(whole, scope)?.visible;
    // the nodes' places decide: nothing of their content is loaded for it
    const n = this.neighbourhood(version.id, version.revision);
    const key = scopeKey(scope);
    let visible = n.visible.get(key);
    if (!visible) {
      visible = visibleCodes((await n.skeleton).places, scope) ?? new Set<string>();
      n.visible.set(key, visible);
    }
    return visible;
  }

  /** The whole version at that revision, if it is loaded. */
  whole(versionId: number, revision: number): Cached | undefined {
    const hit = this.entries.get(versionId);
    return hit && hit.revision === revision ? hit : undefined;
  }

  /**
   * The version as the view of node `code` needs it: every node in its place, whole (with cells) the node,
   * its children and, for the Gesamtplan, the top nodes; the others without content. The whole version when it
   * is loaded at that revision.
   */
  async around(versionId: number, revision: number, code: string): Promise<Budget> {
    const whole = this.whole(versionId, revision);
    if (whole) return whole.budget;
    const n = this.neighbourhood(versionId, revision);
    const { meta, places } = await n.skeleton;
    const wanted = neighbours(places, code);
    const missing = wanted.filter((c) => !n.nodes.has(c));
    if (missing.length > 0) {
      const loading = this.loadNodes(versionId, missing);
      for (const c of missing)
        n.nodes.set(
          c,
          loading.then((m) => m.get(c)!),
        );
      // a failed load is not kept: the next request asks again
      loading.catch(() => {
        for (const c of missing) n.nodes.delete(c);
      });
    }
    const loaded = new Map<string, BudgetNode>();
    for (const c of wanted) loaded.set(c, await n.nodes.get(c)!);
    return budgetOf(
      meta,
      places.map((p) => loaded.get(p.code) ?? p),
    );
  }

  /** The findings of one node (`checkNodes`), once per revision: of the whole version if loaded, else `around`. */
  async nodeFindings(versionId: number, revision: number, code: string): Promise<IndexedFindings> {
    const whole = this.whole(versionId, revision);
    const kept = whole
      ? (whole.nodeFindings ??= new Map<string, IndexedFindings>())
      : this.neighbourhood(versionId, revision).nodeFindings;
    let mine = kept.get(code);
    if (!mine) {
      mine = indexFindings(
        checkNodes(whole?.budget ?? (await this.around(versionId, revision, code)), [code]),
      );
      kept.set(code, mine);
    }
    return mine;
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
    this.partial.clear();
  }

  private neighbourhood(versionId: number, revision: number): Neighbourhood {
    const hit = this.partial.get(versionId);
    if (hit && hit.revision === revision) return hit;
    const n: Neighbourhood = {
      revision,
      skeleton: this.loadSkeleton(versionId),
      nodes: new Map(),
      nodeFindings: new Map(),
      visible: new Map(),
    };
    n.skeleton.catch(() => {
      if (this.partial.get(versionId) === n) this.partial.delete(versionId);
    });
    this.partial.delete(versionId);
    this.partial.set(versionId, n);
    if (this.partial.size > KEEP) this.partial.delete(this.partial.keys().next().value as number);
    return n;
  }

  private async loadSkeleton(versionId: number) {
    const [meta, rows] = await Promise.all([
      this.db.selectFrom('version').select('meta').where('id', '=', versionId).executeTakeFirstOrThrow(),
      this.db
        .selectFrom('node')
        .select(['code', 'level', 'name', 'parent'])
        .where('version_id', '=', versionId)
        .orderBy('ord')
        .execute(),
    ]);
    const places = rows.map((r): BudgetNode => ({
      code: r.code,
      level: r.level as BudgetNode['level'],
      name: r.name,
      ...(r.parent !== null ? { parent: r.parent } : {}),
      plans: [],
      erlaeuterungen: [],
      kennzahlen: [],
    }));
    return { meta: JSON.parse(meta.meta) as VersionMeta, places };
  }

  /** Some nodes of the version, whole with their cells. */
  private async loadNodes(versionId: number, codes: readonly string[]): Promise<Map<string, BudgetNode>> {
    const [docs, cells] = await Promise.all([
      this.db
        .selectFrom('node')
        .select(['code', 'doc'])
        .where('version_id', '=', versionId)
        .where('code', 'in', codes)
        .execute(),
      this.db
        .selectFrom('cell')
        .select(STORED_CELL_COLUMNS)
        .where('version_id', '=', versionId)
        .where('node', 'in', codes)
        .execute(),
    ]);
    const byNode = cellsByNode(cells);
    return new Map(docs.map((d) => [d.code, withCells(nodeDoc(d), byNode.get(d.code) ?? [])]));
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
    const byNode = cellsByNode(cells);
    const budget = budgetOf(
      JSON.parse(meta.meta) as VersionMeta,
      nodes.map((n) => withCells(nodeDoc(n), byNode.get(n.code) ?? [])),
    );
    const entry: Cached = { revision, budget };
    const current = this.entries.get(versionId);
    // a load that finishes after a newer revision was cached (an edit patched it) does not replace it
    if (!current || current.revision < revision) this.entries.set(versionId, entry);
    if (this.entries.size > KEEP) this.entries.delete(this.entries.keys().next().value as number);
    return entry;
  }
}
