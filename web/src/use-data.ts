/**
 * What the page loads, and when. Everything is asked for with the session cookie as it is, without waiting for
 * `GET /api/session`, and again when the user logs in or out (`authChanged`) or something asks for a reload
 * (`reload`). With a version and node in the address, the node, the tree and the version's errors and warnings
 * are asked for at once, beside the list of versions. The ancestors' views come in the background once an
 * editor sees a node (the edit preview's totals further up), the sources once a line is opened, every finding
 * of the node and the version only for the Befunde tab.
 */
import { useEffect, useRef, useState, type Dispatch, type StateUpdater } from 'preact/hooks';
import type { Finding } from '../../src/core/findings.js';
import type { BudgetNode } from '../../src/core/model.js';
import {
  api,
  setCsrf,
  type Findings,
  type KeyedFinding,
  type NodeView,
  type Session,
  type TreeNode,
} from './api.js';
import type { Routing } from './use-route.js';
import type { ListedVersion } from './version-area.js';

/** The findings the version-wide list and the tab count show at once. */
const LOUD: readonly Finding['severity'][] = ['error', 'warning'];

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export interface Data {
  /** undefined until the server said; null: not signed in. */
  readonly session: Session | null | undefined;
  readonly setSession: (s: Session | null) => void;
  readonly versions: ListedVersion[] | null;
  readonly setVersions: Dispatch<StateUpdater<ListedVersion[] | null>>;
  /** The version in the address, once the list is there. */
  readonly version: ListedVersion | undefined;
  /**
   * The version the address names is not among those the user may read (a shared link to a private version,
   * or one of a stage the role does not see): the page says so and shows nothing else, never another budget.
   */
  readonly unavailable: number | undefined;
  readonly tree: TreeNode[];
  readonly view: NodeView | null;
  readonly setView: Dispatch<StateUpdater<NodeView | null>>;
  /** The view as last rendered (for an edit sent later: the cell's revision). */
  readonly viewRef: { readonly current: NodeView | null };
  /** Views of the shown node's ancestors, for the preview of an edit's totals further up (editors only). */
  readonly ancestors: ReadonlyMap<string, NodeView>;
  readonly setAncestors: Dispatch<StateUpdater<ReadonlyMap<string, NodeView>>>;
  /** The ancestors as last rendered. */
  readonly ancestorsRef: { readonly current: ReadonlyMap<string, NodeView> };
  /** Errors and warnings of the version (tab count, new errors after an edit, the Befunde). */
  readonly findings: Findings | null;
  /** Every finding of the node shown, once asked for (after an edit, in the Befunde). */
  readonly nodeFindings: { readonly node: string; readonly findings: Findings } | null;
  /** Every finding of the version, rounding notes too: loaded only for the Befunde tab. */
  readonly allFindings: Findings | null;
  /** Errors an edit produced that were not there before. */
  readonly newErrors: readonly KeyedFinding[];
  readonly clearNewErrors: () => void;
  /** The node as imported (every value with its source), once a line is opened. */
  readonly imported: BudgetNode | undefined;
  readonly problem: string;
  /** Loads versions and the node again. */
  readonly reload: () => void;
  /** A login or logout: what the user may read or do changed. */
  readonly authChanged: () => void;
  /** Reloads the findings after an edit; errors that were not there before are shown at once. */
  readonly refreshFindings: () => void;
}

export function useData({ route, replace }: Routing): Data {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [versions, setVersions] = useState<ListedVersion[] | null>(null);
  const [tree, setTree] = useState<TreeNode[]>([]);
  const [view, setView] = useState<NodeView | null>(null);
  const [findings, setFindings] = useState<Findings | null>(null);
  const [nodeFindings, setNodeFindings] = useState<Data['nodeFindings']>(null);
  const [allFindings, setAllFindings] = useState<Findings | null>(null);
  const [imported, setImported] = useState<BudgetNode | undefined>(undefined);
  const [problem, setProblem] = useState('');
  const [unavailable, setUnavailable] = useState<number | undefined>(undefined);
  const [ancestors, setAncestors] = useState<ReadonlyMap<string, NodeView>>(new Map());
  const [newErrors, setNewErrors] = useState<readonly KeyedFinding[]>([]);
  const [reload, setReload] = useState(0);
  /** Counts logins and logouts. */
  const [auth, setAuth] = useState(0);
  const viewRef = useRef<NodeView | null>(null);
  viewRef.current = view;
  const ancestorsRef = useRef(ancestors);
  ancestorsRef.current = ancestors;

  useEffect(() => {
    api
      .session()
      .then((s) => {
        setCsrf(s.csrf);
        setSession(s);
      })
      .catch(() => {
        setSession(null);
      });
  }, []);

  // versions readable by the user (all budgets)
  useEffect(() => {
    void (async () => {
      try {
        const { budgets } = await api.budgets();
        const lists = await Promise.all(budgets.map((b) => api.versions(b.id)));
        const all: ListedVersion[] = budgets.flatMap((b, i) =>
          lists[i]!.versions.map((v) => ({ ...v, budgetName: b.name, budgetTitle: b.title })),
        );
        setVersions(all);
        setProblem(all.length === 0 ? 'Keine Haushaltsversion sichtbar. Bitte melden Sie sich an.' : '');
        // a version asked for by the address but not readable is never replaced by another one (below)
        if (route.version === undefined && all.length > 0) {
          const open = all.filter((v) => !v.closed);
          const pick = (open.length > 0 ? open : all).reduce((a, b) => (b.id > a.id ? b : a));
          replace({ ...route, version: pick.id });
        }
      } catch (e) {
        setProblem(message(e));
      }
    })();
  }, [auth, reload]);

  // the version in the address (a shared link, the back button) checked against what the user may read
  useEffect(() => {
    if (!versions) return;
    const known = route.version === undefined || versions.some((v) => v.id === route.version);
    setUnavailable(known ? undefined : route.version);
  }, [route.version, versions]);

  const version = versions?.find((v) => v.id === route.version);

  const treeOf = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (route.version === undefined) return;
    // another version's tree is not shown under this one's address, not even while it loads
    if (treeOf.current !== route.version) setTree([]);
    treeOf.current = route.version;
    api
      .tree(route.version)
      .then(({ tree: t }) => {
        setTree(t);
        // without a node the version's start page shows (`start-page.tsx`); a tab asked for without a node: the first
        if (route.node === undefined && route.tab !== 'plaene' && t[0])
          replace({ ...route, node: t[0].code });
      })
      .catch((e: unknown) => {
        setTree([]);
        setProblem(message(e));
      });
    api
      .findings(route.version, { severity: LOUD })
      .then(setFindings)
      .catch(() => {
        setFindings(null);
      });
    setAllFindings(null);
  }, [route.version, auth]);

  useEffect(() => {
    if (route.version === undefined || route.node === undefined) return;
    let stale = false;
    api
      .node(route.version, route.node)
      .then((v) => {
        if (stale) return;
        setView(v);
        setImported(undefined);
        setProblem('');
      })
      .catch((e: unknown) => {
        if (stale) return;
        // what was shown before belongs to another version or node: not left on screen under this address
        setView(null);
        setProblem(message(e));
      });
    return () => {
      stale = true;
    };
  }, [route.version, route.node, auth, reload]);

  // the ancestors' views, once the node is shown to someone who may edit it
  useEffect(() => {
    setAncestors(new Map());
    if (!view?.editable || view.path.length === 0) return;
    let stale = false;
    const { versionId, path } = view;
    const timer = setTimeout(() => {
      Promise.all(path.map((p) => api.node(versionId, p.code)))
        .then((views) => {
          if (!stale) setAncestors(new Map(views.map((v) => [v.code, v])));
        })
        .catch(() => undefined);
    }, 0);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [view?.code, view?.versionId, view?.editable, reload]);

  // sources of the node as imported, once a line is opened
  useEffect(() => {
    if (!version || !view || route.line === undefined || imported?.code === view.code) return;
    api
      .sources(version.id, view.code)
      .then((s) => {
        setImported(s.node);
      })
      .catch(() => undefined);
  }, [route.line, view?.code, version?.id]);

  const loadNodeFindings = (v: number, node: string): void => {
    api
      .findings(v, { node })
      .then((f) => {
        setNodeFindings({ node, findings: f });
      })
      .catch(() => undefined);
  };

  // the Befunde tab: every finding of the node and of the version
  useEffect(() => {
    if (route.tab !== 'befunde' || route.version === undefined || !view) return;
    if (nodeFindings?.node !== view.code) loadNodeFindings(route.version, view.code);
    if (!allFindings)
      api
        .findings(route.version)
        .then(setAllFindings)
        .catch(() => undefined);
  }, [route.tab, route.version, view?.code, allFindings]);

  const refreshFindings = (): void => {
    if (!version) return;
    const before = new Set((findings?.open ?? []).map((f) => f.key));
    if (view) loadNodeFindings(version.id, view.code);
    setAllFindings(null);
    api
      .findings(version.id, { severity: LOUD })
      .then((next) => {
        setFindings(next);
        setNewErrors(next.open.filter((f) => f.severity === 'error' && !before.has(f.key)));
      })
      .catch(() => undefined);
  };

  return {
    session,
    setSession,
    versions,
    setVersions,
    version,
    unavailable,
    tree,
    view,
    setView,
    viewRef,
    ancestors,
    setAncestors,
    ancestorsRef,
    findings,
    nodeFindings,
    allFindings,
    newErrors,
    clearNewErrors: () => {
      setNewErrors([]);
    },
    imported,
    problem,
    reload: () => {
      setReload((n) => n + 1);
    },
    authChanged: () => {
      setAuth((n) => n + 1);
    },
    refreshFindings,
  };
}
