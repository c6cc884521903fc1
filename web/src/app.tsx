/**
 * The workbench: header with version choice and login, the tree with search on the left, and the node on the
 * right in tabs (Pläne, Diagramme, Befunde, Änderungen, Vergleich). State lives here; the address holds the
 * place (`route.ts`). Performance marks (`haushalt:*`) time navigation and edits for the benchmark.
 */
import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Finding } from '../../src/core/findings.js';
import type { BudgetNode, PlanType } from '../../src/core/model.js';
import type { StoredCell } from '../../src/store/api.js';
import {
  ApiFailure,
  api,
  setCsrf,
  type Findings,
  type KeyedFinding,
  type LineView,
  type NodeView,
  type PlanView,
  type EditResult,
  type SearchHit,
  type Session,
  type TreeNode,
} from './api.js';
import { Audit } from './audit.js';
import { EditDialog, type EditRequest } from './edit-dialog.js';
import { FindingsPanel, NewErrors } from './findings.js';
import { Impacts, type Impact } from './impacts.js';
import { euro } from './format.js';
import { LinePanel, erlaeuterungenOf } from './line-panel.js';
import { Beschreibung, Investitionen, Kennzahlen } from './node-texts.js';
import { PlanTable, cellId, cellKey, findingMarks } from './plan-table.js';
import { previewCellEdit, withAmounts, type PreviewCell } from './preview.js';
import { Projection } from './projection.js';
import { TABS, parseRoute, routeHash, type Route, type Tab } from './route.js';
import { Lazy } from './lazy.js';
import { Tree } from './tree.js';
import { VersionArea, type ListedVersion } from './version-area.js';

const TAB_LABEL: Readonly<Record<Tab, string>> = {
  plaene: 'Pläne',
  diagramme: 'Diagramme',
  befunde: 'Befunde',
  aenderungen: 'Änderungen',
  vergleich: 'Vergleich',
};
/** The findings the version-wide list and the tab count show at once. */
const LOUD: readonly Finding['severity'][] = ['error', 'warning'];

/** Wide enough for the line panel beside the plans (as in style.css). */
const WIDE = '(min-width: 1200px)';

function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const on = (): void => setMatches(list.matches);
    list.addEventListener('change', on);
    return () => list.removeEventListener('change', on);
  }, [query]);
  return matches;
}

function mark(name: string, detail?: unknown): void {
  performance.mark(`haushalt:${name}`, detail === undefined ? undefined : { detail });
}
/**
 * Calls back once the next frame is on screen: a frame's animation callbacks run before its style, layout and
 * paint, and a message posted from one is handled after them (the frame produced).
 */
function afterNextPaint(callback: () => void): void {
  requestAnimationFrame(() => {
    afterPaint.push(callback);
    paintChannel.port2.postMessage(null);
  });
}
/** One channel for all (a new channel costs a few milliseconds in the very frame to be measured). */
const paintChannel = new MessageChannel();
const afterPaint: (() => void)[] = [];
paintChannel.port1.onmessage = () => afterPaint.shift()?.();
function measure(name: string, start: string, end: string): void {
  try {
    performance.measure(`haushalt:${name}`, `haushalt:${start}`, `haushalt:${end}`);
  } catch {
    /* the start mark is missing: nothing to measure */
  }
}

function roleText(s: Session): string {
  const pb = s.user.produktbereiche.length > 0 ? ` (PB ${s.user.produktbereiche.join(', ')})` : '';
  return `${s.user.roleLabel}${pb}`;
}

function Login({
  session,
  onLogin,
  onLogout,
}: {
  session: Session | null;
  onLogin: (s: Session) => void;
  onLogout: () => void;
}) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  if (session)
    return (
      <div class="login" aria-label="Anmeldung">
        <span id="angemeldet">
          Angemeldet: <strong>{session.user.name}</strong> · Rolle: <strong>{roleText(session)}</strong>
        </span>{' '}
        <button type="button" onClick={onLogout}>
          Abmelden
        </button>
      </div>
    );
  return (
    <form
      class="login"
      aria-label="Anmeldung"
      onSubmit={(e) => {
        e.preventDefault();
        api
          .login(name, password)
          .then((s) => {
            setError('');
            setPassword('');
            onLogin(s);
          })
          .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
      }}
    >
      <label>
        Benutzer{' '}
        <input
          name="benutzer"
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
          autoComplete="username"
        />
      </label>{' '}
      <label>
        Passwort{' '}
        <input
          name="passwort"
          type="password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          autoComplete="current-password"
        />
      </label>{' '}
      <button type="submit">Anmelden</button>
      {error ? (
        <span class="error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </form>
  );
}

const keyOf = (c: Pick<StoredCell, 'node' | 'plan' | 'line' | 'column'>): string =>
  cellKey(c.node, c.plan, c.line, c.column.kind, c.column.year);

/** The views in `views` with amounts put in (the ancestors of the node shown, after an edit). */
function mapWithAmounts(
  views: ReadonlyMap<string, NodeView>,
  cells: Parameters<typeof withAmounts>[1],
): ReadonlyMap<string, NodeView> {
  return new Map([...views].map(([code, v]) => [code, withAmounts(v, cells)]));
}

export function App() {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [versions, setVersions] = useState<ListedVersion[] | null>(null);
  const [tree, setTree] = useState<TreeNode[]>([]);
  const [view, setView] = useState<NodeView | null>(null);
  /** Errors and warnings of the version (tab count, new errors after an edit, the Befunde). */
  const [findings, setFindings] = useState<Findings | null>(null);
  /** Every finding of the node shown, once asked for (after an edit, in the Befunde). */
  const [nodeFindings, setNodeFindings] = useState<{ node: string; findings: Findings } | null>(null);
  /** Every finding of the version, rounding notes too: loaded only for the Befunde tab. */
  const [allFindings, setAllFindings] = useState<Findings | null>(null);
  const [imported, setImported] = useState<BudgetNode | undefined>(undefined);
  const [problem, setProblem] = useState('');
  const [status, setStatus] = useState('');
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  /** Cells whose edit is shown but not yet confirmed by the server. */
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  /** Views of the shown node's ancestors, for the preview of an edit's totals further up (editors only). */
  const [ancestors, setAncestors] = useState<ReadonlyMap<string, NodeView>>(new Map());
  /** As last rendered, for an edit sent later: the cell's revision, the ancestors' amounts. */
  const viewRef = useRef<NodeView | null>(null);
  viewRef.current = view;
  const ancestorsRef = useRef(ancestors);
  ancestorsRef.current = ancestors;
  const [impacts, setImpacts] = useState<readonly Impact[]>([]);
  /** The impacts list unfolded (the user's choice stays for later edits). */
  const [impactsOpen, setImpactsOpen] = useState(true);
  const [edit, setEdit] = useState<{
    request: EditRequest;
    submit: (v: { amount: number | null; text: string; reason: string }) => Promise<void>;
  } | null>(null);
  const [filter, setFilter] = useState('');
  const [hits, setHits] = useState<readonly SearchHit[] | null>(null);
  const [focusCell, setFocusCell] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  /** Counts logins and logouts: what the user may read or do changes with them. */
  const [auth, setAuth] = useState(0);
  const [newErrors, setNewErrors] = useState<readonly KeyedFinding[]>([]);
  const wide = useMedia(WIDE);

  const go = (r: Partial<Route>): void => {
    const next = routeHash({ ...route, ...r });
    if (next !== location.hash) location.hash = next;
  };
  const hrefOf = (code: string): string => routeHash({ ...route, node: code, line: undefined });

  useEffect(() => {
    const onHash = (): void => {
      mark('nav-start');
      setRoute(parseRoute(location.hash));
    };
    addEventListener('hashchange', onHash);
    api
      .session()
      .then((s) => {
        setCsrf(s.csrf);
        setSession(s);
      })
      .catch(() => setSession(null));
    return () => removeEventListener('hashchange', onHash);
  }, []);

  // Everything below is loaded with the session cookie as it is, without waiting for GET /api/session; it is
  // loaded again when the user logs in or out (`auth`). With a version and node in the address, the node is
  // asked for at once, beside the list of versions.

  // versions readable by the user (all budgets)
  useEffect(() => {
    void (async () => {
      try {
        const { budgets } = await api.budgets();
        const lists = await Promise.all(budgets.map((b) => api.versions(b.id)));
        const all: ListedVersion[] = budgets.flatMap((b, i) =>
          lists[i]!.versions.map((v) => ({ ...v, budgetName: b.name })),
        );
        setVersions(all);
        setProblem(all.length === 0 ? 'Keine Haushaltsversion sichtbar. Bitte melden Sie sich an.' : '');
        const current = all.find((v) => v.id === route.version);
        if (!current && all.length > 0) {
          const open = all.filter((v) => !v.closed);
          const pick = (open.length > 0 ? open : all).reduce((a, b) => (b.id > a.id ? b : a));
          location.replace(routeHash({ ...route, version: pick.id }));
          setRoute(parseRoute(location.hash));
        }
      } catch (e) {
        setProblem(e instanceof Error ? e.message : String(e));
      }
    })();
  }, [auth, reload]);

  const version = versions?.find((v) => v.id === route.version);

  useEffect(() => {
    if (route.version === undefined) return;
    api
      .tree(route.version)
      .then(({ tree: t }) => {
        setTree(t);
        if (route.node === undefined && t[0]) {
          location.replace(routeHash({ ...route, node: t[0].code }));
          setRoute(parseRoute(location.hash));
        }
      })
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));
    api
      .findings(route.version, { severity: LOUD })
      .then(setFindings)
      .catch(() => setFindings(null));
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
      .catch((e: unknown) => !stale && setProblem(e instanceof Error ? e.message : String(e)));
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
        .then((views) => !stale && setAncestors(new Map(views.map((v) => [v.code, v]))))
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
      .then((s) => setImported(s.node))
      .catch(() => undefined);
  }, [route.line, view?.code, version?.id]);

  // timing and focus once the node is on screen
  useEffect(() => {
    if (!view) return;
    mark('node-shown');
    measure('navigation', 'nav-start', 'node-shown');
    if (performance.getEntriesByName('haushalt:first-node', 'measure').length === 0)
      performance.measure('haushalt:first-node', { start: 0, end: performance.now() });
    if (focusCell) {
      const el = document.getElementById(focusCell);
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.focus();
        setFocusCell(null);
      }
    }
  }, [view, focusCell, route.tab]);

  useEffect(() => {
    // the preview's own mark is set in onEditCell, once its frame is on screen
    if (changed.size === 0 || pending.size > 0) return;
    mark('edit-saved', { cells: changed.size });
    measure('edit-saved', 'edit-start', 'edit-saved');
    // only now: the server checks the new revision, which takes CPU the edit's own display should have
    refreshFindings();
  }, [changed, pending]);

  const marks = useMemo(
    () =>
      findingMarks(
        nodeFindings && nodeFindings.node === view?.code
          ? nodeFindings.findings.open
          : (view?.findings.open ?? []),
      ),
    // not `view`: an edit gives a new view with the same findings
    [nodeFindings, view?.code, view?.findings],
  );

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

  const loadNodeFindings = (v: number, node: string): void => {
    api
      .findings(v, { node })
      .then((f) => setNodeFindings({ node, findings: f }))
      .catch(() => undefined);
  };

  /** Reloads the findings after an edit; errors that were not there before are shown at once. */
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

  /**
   * A plan cell's edit: shown at once with every total the page holds (`previewCellEdit`), then sent; the
   * server's answer replaces the preview. When the server refuses, the node is loaded again and the dialog
   * opens again with what was entered and why.
   */
  const onEditCell = (plan: PlanView, line: LineView, i: number, retry?: EditRequest['retry']): void => {
    if (!view || !version) return;
    const code = view.code;
    const column = { kind: plan.columns[i]!.kind as 'ansatz', year: plan.columns[i]!.year };
    const request: EditRequest = {
      title: `${code} · ${plan.label} · Zeile ${line.line} ${line.label} · ${plan.columns[i]!.label}`,
      amount: line.cells[i]!.amount,
      ...(line.cells[i]!.scale === 1000 ? { thousands: true } : {}),
      ...(retry ? { retry } : {}),
    };
    setEdit({
      request,
      submit: async ({ amount, reason }) => {
        mark('edit-start');
        const shown = viewRef.current?.code === code ? viewRef.current : view;
        const rev = shown.plans.find((p) => p.type === plan.type)?.lines.find((l) => l.line === line.line)
          ?.cells[i]?.rev;
        const edit = { node: code, plan: plan.type, line: line.line, column, amount: amount ?? 0 };
        const preview = previewCellEdit(new Map([...ancestorsRef.current, [code, shown]]), edit);
        const keys = preview.map(keyOf);
        setView((v) => (v?.code === code ? withAmounts(v, preview) : v));
        setAncestors((m) => mapWithAmounts(m, preview));
        setImpacts(preview.map((c) => ({ cell: c, old: c.old })));
        setChanged(new Set(keys));
        setPending(new Set(keys));
        setEdit(null);
        setStatus('Wird gespeichert …');
        // sent once the preview is painted: the request's own work (and on one machine, the server's) would
        // otherwise come before the paint; a frame at most, and never more than 100 ms (no frames come while
        // the page is hidden)
        await new Promise<void>((resolve) => {
          afterNextPaint(() => {
            mark('edit-shown', { cells: keys.length });
            measure('edit', 'edit-start', 'edit-shown');
            resolve();
          });
          setTimeout(resolve, 100);
        });
        try {
          const result = await api.editCell(version.id, { ...edit, rev: rev ?? 0, reason });
          confirmEdit(code, preview, result);
        } catch (e) {
          refuseEdit(e, { plan, line, i, amount, reason });
        }
      },
    });
  };

  const confirmEdit = (code: string, preview: readonly PreviewCell[], result: EditResult): void => {
    const old = new Map(preview.map((c) => [keyOf(c), c.old]));
    setView((v) => (v?.code === code ? withAmounts(v, result.changed) : v));
    setAncestors((m) => mapWithAmounts(m, result.changed));
    setImpacts(result.changed.map((c) => ({ cell: c, old: old.get(keyOf(c)) })));
    setChanged(new Set(result.changed.map(keyOf)));
    setPending(new Set());
    setStatus(
      `Gespeichert. ${result.changed.length} Werte geändert` +
        (result.jahresergebnisEffect !== 0
          ? `, Wirkung auf das Jahresergebnis ${euro(result.jahresergebnisEffect)} €.`
          : '.'),
    );
  };

  const refuseEdit = (
    e: unknown,
    entered: { plan: PlanView; line: LineView; i: number; amount: number | null; reason: string },
  ): void => {
    const { plan, line, i, amount, reason } = entered;
    let error = e instanceof Error ? e.message : String(e);
    let now = line;
    if (e instanceof ApiFailure && e.code === 'conflict') {
      const current = e.body.current as StoredCell | undefined;
      error = `${e.message} Jetzt gespeichert: ${euro(current?.amount)} €.`;
      if (current) {
        now = {
          ...line,
          cells: line.cells.map((c, j) => (j === i ? { ...c, amount: current.amount, rev: current.rev } : c)),
        };
        setView((v) => (v ? withAmounts(v, [current]) : v));
      }
    }
    setPending(new Set());
    setChanged(new Set());
    setImpacts([]);
    setStatus('Nicht gespeichert.');
    setReload((n) => n + 1);
    onEditCell(plan, now, i, { amount, reason, error });
  };

  const onEditItem = (index: number, item: number | undefined): void => {
    if (!view || !version) return;
    const e = view.erlaeuterungen[index]!;
    const it = item === undefined ? undefined : e.items[item];
    setEdit({
      request: {
        title: `${view.code} · Erläuterung zu Zeile ${e.line ?? ''}: ${it ? `Posten ${it.letter ?? item! + 1} ändern` : 'Posten anfügen'}`,
        amount: it?.amount ?? null,
        text: it?.text ?? '',
        amountOptional: true,
      },
      submit: async ({ amount, text, reason }) => {
        const next = await api.editErlaeuterung(version.id, view.code, index, {
          ...(item !== undefined ? { item } : {}),
          text,
          amount,
          rev: view.rev,
          reason,
        });
        setView(next);
        setEdit(null);
        setStatus('Erläuterung gespeichert.');
        refreshFindings();
      },
    });
  };

  const jump = (f: Finding): void => {
    if (!f.node || !f.plan || !f.line) return;
    setFocusCell(f.kind && f.year ? cellId(f.plan, f.line, f.kind, f.year) : `zeile-${f.plan}-${f.line}`);
    go({ node: f.node, tab: 'plaene', line: `${f.plan}:${f.line}` });
  };

  const openHit = (h: SearchHit): void => {
    go({ node: h.node, tab: 'plaene', line: h.plan && h.line ? `${h.plan}:${h.line}` : undefined });
    if (h.plan && h.line) setFocusCell(`zeile-${h.plan}-${h.line}`);
  };

  const selected = (() => {
    if (!view || route.line === undefined) return undefined;
    const [planType, line] = route.line.split(':') as [PlanType, string];
    const plan = view.plans.find((p) => p.type === planType);
    const l = plan?.lines.find((x) => x.line === line);
    return plan && l ? { plan, line: l } : undefined;
  })();
  const withErl = useMemo(
    () => new Set((view?.erlaeuterungen ?? []).filter((e) => e.line).map((e) => `${e.plan}:${e.line}`)),
    [view?.erlaeuterungen],
  );

  // The tree (hundreds of nodes) and the plan tables are rendered again only when what they show changes, not
  // with every status line, dialog or impact list (Preact skips an element that is the same object).
  const treeElement = useMemo(
    () => <Tree nodes={tree} current={route.node} filter={hits ? '' : filter} href={hrefOf} />,
    [tree, route.version, route.node, route.tab, hits === null, filter],
  );
  const planTables = useMemo(
    () =>
      new Map(
        (view?.plans ?? []).map((p) => [
          p.type,
          <PlanTable
            key={p.type}
            node={view!.code}
            plan={p}
            marks={marks}
            changed={changed}
            pending={pending}
            withErlaeuterung={withErl}
            selectedLine={route.line}
            onSelectLine={(plan, line) =>
              go({ line: route.line === `${plan}:${line}` ? undefined : `${plan}:${line}` })
            }
            onEdit={onEditCell}
          />,
        ]),
      ),
    [view, version, route, marks, changed, pending, withErl, session],
  );

  // an edit gives a new view whose investments, description and key figures are the same objects
  const texts = useMemo(
    () =>
      view ? (
        <>
          {view.investitionen ? <Investitionen table={view.investitionen} node={view.code} /> : null}
          {view.beschreibung ? <Beschreibung beschreibung={view.beschreibung} /> : null}
          {view.kennzahlen.length > 0 ? <Kennzahlen tables={view.kennzahlen} /> : null}
        </>
      ) : null,
    [view?.code, view?.investitionen, view?.beschreibung, view?.kennzahlen],
  );

  const linePanel =
    view && selected ? (
      <LinePanel
        version={view.versionId}
        plan={selected.plan}
        line={selected.line}
        erlaeuterungen={erlaeuterungenOf(view.erlaeuterungen, selected.plan.type, selected.line.line)}
        imported={imported}
        editable={view.editable}
        onEditItem={onEditItem}
        onClose={() => go({ line: undefined })}
        reveal={!wide}
      />
    ) : null;

  const mayNot = (): string => {
    if (!session) return 'Nur lesen: zum Ändern bitte anmelden.';
    if (session.user.role === 'leser') return 'Nur lesen: Ihre Rolle (Leser) darf nichts ändern.';
    if (version?.closed || version?.frozen) return 'Nur lesen: diese Version ist abgeschlossen.';
    return 'Nur lesen: diese Einheit dürfen Sie in dieser Version nicht ändern.';
  };

  return (
    <>
      <a class="skip" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header class="top">
        <h1>Haushalt</h1>
        {versions && versions.length > 0 ? (
          <VersionArea
            versions={versions}
            current={version}
            session={session}
            onChoose={(id) =>
              // another budget has other nodes: start at its first one
              go(
                versions.find((x) => x.id === id)?.budgetId === version?.budgetId
                  ? { version: id }
                  : { version: id, node: undefined, line: undefined },
              )
            }
            onChanged={(v, message) => {
              setVersions((all) => all?.map((x) => (x.id === v.id ? { ...x, ...v } : x)) ?? all);
              setStatus(message);
              setReload((n) => n + 1);
            }}
          />
        ) : null}
        {session !== undefined ? (
          <Login
            session={session}
            onLogin={(s) => {
              setCsrf(s.csrf);
              setSession(s);
              setAuth((n) => n + 1);
              setStatus(`Angemeldet als ${s.user.name} (${roleText(s)}).`);
            }}
            onLogout={() => {
              void api.logout().finally(() => {
                setCsrf('');
                setSession(null);
                setAuth((n) => n + 1);
                setStatus('Abgemeldet.');
              });
            }}
          />
        ) : null}
      </header>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <NewErrors errors={newErrors} onJump={jump} onClose={() => setNewErrors([])} />
      <div class="layout">
        <nav class="side" aria-label="Produkte">
          <form
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              if (!version || filter.trim() === '') return;
              api
                .search(version.id, filter.trim())
                .then((r) => setHits(r.hits))
                .catch((err: unknown) => setStatus(err instanceof Error ? err.message : String(err)));
            }}
          >
            <label>
              Suche{' '}
              <input
                type="search"
                name="suche"
                value={filter}
                onInput={(e) => {
                  setFilter(e.currentTarget.value);
                  setHits(null);
                }}
                placeholder="Produkt, Zeile, Erläuterung …"
              />
            </label>{' '}
            <button type="submit">Volltext</button>
          </form>
          {hits ? (
            <section aria-labelledby="treffer-h" class="hits">
              <h2 id="treffer-h">Treffer ({hits.length})</h2>
              <ul>
                {hits.map((h, i) => (
                  <li key={i}>
                    <button type="button" class="link" onClick={() => openHit(h)}>
                      <span class="code">{h.node}</span>
                      {h.line ? ` Zeile ${h.line}` : ''}
                      {h.letter ? ` Posten ${h.letter})` : ''}
                      {h.kind === 'beschreibung' ? ` Produktbeschreibung (${h.field ?? ''})` : ''}
                      {h.kind === 'kennzahl' ? ' Kennzahl' : ''}: {h.text}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {treeElement}
        </nav>
        <main id="inhalt" tabIndex={-1}>
          {problem ? (
            <p class="error" role="alert">
              {problem}
            </p>
          ) : null}
          {view ? (
            <>
              <nav aria-label="Pfad" class="crumbs">
                {view.path.map((p) => (
                  <span key={p.code}>
                    <a href={hrefOf(p.code)}>
                      {p.code} {p.name}
                    </a>{' '}
                    ›{' '}
                  </span>
                ))}
              </nav>
              <h2 class="node-title">
                <span class="code">{view.code}</span> {view.name}
              </h2>
              <nav aria-label="Ansichten" class="tabs">
                {TABS.map((t) => (
                  <a
                    key={t}
                    href={routeHash({ ...route, tab: t })}
                    aria-current={route.tab === t ? 'page' : undefined}
                  >
                    {TAB_LABEL[t]}
                    {t === 'befunde' && findings
                      ? ` (${findings.open.filter((f) => f.severity === 'error' || f.severity === 'warning').length})`
                      : ''}
                  </a>
                ))}
              </nav>
              {route.tab === 'plaene' ? (
                <>
                  <div class="toolbar">
                    <span class="muted">
                      {view.editable ? 'Sie dürfen hier ändern: Beträge anklicken.' : mayNot()}
                    </span>{' '}
                    <a href={api.downloadUrl(view.versionId, view.code, 'csv')} download>
                      CSV herunterladen
                    </a>{' '}
                    <a href={api.downloadUrl(view.versionId, view.code, 'xlsx')} download>
                      XLSX herunterladen
                    </a>{' '}
                    <a href={api.bookUrl(view.versionId, 'book-pdf')} download>
                      Haushaltsplan als PDF
                    </a>
                  </div>
                  <div class={selected && wide ? 'plans with-panel' : 'plans'}>
                    <div class="plan-list">
                      {view.plans.map((p) => (
                        <Fragment key={p.type}>
                          <section aria-label={p.label}>{planTables.get(p.type)}</section>
                          {!wide && selected?.plan.type === p.type ? linePanel : null}
                        </Fragment>
                      ))}
                      {view.editable &&
                      view.plans.some((p) => p.columns.some((c) => c.kind === 'planung')) ? (
                        <Projection
                          view={view}
                          onApply={async (edits, reason) => {
                            let latest = view;
                            for (const e of edits) {
                              const r = await api.editCell(view.versionId, { ...e, node: view.code, reason });
                              latest = withAmounts(latest, r.changed);
                            }
                            setView(latest);
                            setReload((n) => n + 1);
                            setStatus(`Fortschreibung übernommen: ${edits.length} Beträge geändert.`);
                            refreshFindings();
                          }}
                        />
                      ) : null}
                    </div>
                    {wide ? linePanel : null}
                  </div>
                  {texts}
                  {view.children.length > 0 ? (
                    <section aria-labelledby="ch-h">
                      <h3 id="ch-h">Untergeordnet</h3>
                      <ul>
                        {view.children.map((c) => (
                          <li key={c.code}>
                            <a href={hrefOf(c.code)}>
                              {c.code} {c.name}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </section>
                  ) : null}
                  {impacts.length > 0 ? (
                    <Impacts
                      impacts={impacts}
                      open={impactsOpen}
                      onToggle={() => setImpactsOpen((o) => !o)}
                      onClose={() => setImpacts([])}
                      hrefOf={hrefOf}
                      labelOf={(plan, line) =>
                        [view, ...ancestors.values()]
                          .flatMap((v) => v.plans)
                          .find((p) => p.type === plan)
                          ?.lines.find((l) => l.line === line)?.label
                      }
                    />
                  ) : null}
                </>
              ) : null}
              {route.tab === 'befunde' ? (
                <>
                  <FindingsPanel
                    findings={nodeFindings?.node === view.code ? nodeFindings.findings : null}
                    node={view.code}
                    onJump={jump}
                  />
                  <FindingsPanel findings={allFindings ?? findings} onJump={jump} />
                </>
              ) : null}
              {route.tab === 'diagramme' ? (
                <Lazy load={() => import('./charts.js').then((m) => m.Charts)} props={{ view }} />
              ) : null}
              {route.tab === 'aenderungen' && version ? (
                <Audit version={version.id} session={session ?? null} />
              ) : null}
              {route.tab === 'vergleich' && version && versions ? (
                <Lazy
                  load={() => import('./compare.js').then((m) => m.Compare)}
                  props={{
                    versions: versions.filter((v) => v.budgetId === version.budgetId),
                    current: version.id,
                    node: view.code,
                    session: session ?? null,
                    onNewVersion: () => setReload((n) => n + 1),
                  }}
                />
              ) : null}
            </>
          ) : problem ? null : (
            <p>Wird geladen …</p>
          )}
        </main>
      </div>
      {edit ? (
        <EditDialog request={edit.request} onSubmit={edit.submit} onClose={() => setEdit(null)} />
      ) : null}
    </>
  );
}
