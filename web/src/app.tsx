/**
 * The workbench: header with version choice and login, the tree with search on the left, and the node on the
 * right in tabs (`node-page.tsx`). The parts: the address (`use-route.ts`), what is loaded (`use-data.ts`), the
 * edit flow (`use-edit.ts`), performance marks (`perf.ts`); this file puts them together.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Finding } from '../../src/core/findings.js';
import { api, setCsrf, type SearchHit, type TreeNode } from './api.js';
import { EditDialog } from './edit-dialog.js';
import { NewErrors } from './findings.js';
import { ItemDialog } from './item-dialog.js';
import { anmeldungVersionFor, landing } from './landing.js';
import { Lazy } from './lazy.js';
import { Login, roleText } from './login.js';
import { NodePage } from './node-page.js';
import { markNodeShown } from './perf.js';
import { cellId } from './plan-table.js';
import { routeHash } from './route.js';
import { Sidebar } from './sidebar.js';
import { StartPage, Welcome } from './start-page.js';
import { Stepper } from './stepper.js';
import { useData } from './use-data.js';
import { useEdit } from './use-edit.js';
import { useRoute } from './use-route.js';
import { Unavailable } from './unavailable.js';
import { VersionArea } from './version-area.js';

const NO_TREE: TreeNode[] = [];

/** The address of the newest open version of a list (the page's start without a link). */
function homeOf(versions: readonly { id: number; closed: boolean }[] | null): string | undefined {
  const open = versions?.filter((v) => !v.closed) ?? [];
  const pick = (open.length > 0 ? open : (versions ?? [])).reduce<number | undefined>(
    (a, v) => (a === undefined || v.id > a ? v.id : a),
    undefined,
  );
  return pick === undefined ? undefined : routeHash({ version: pick, tab: 'plaene' });
}

export function App() {
  const routing = useRoute();
  const { route, go } = routing;
  const data = useData(routing);
  const { session, versions, version, problem, unavailable } = data;
  // only the version the address names, never what was shown before under another address
  const view = !unavailable && data.view?.versionId === route.version ? data.view : null;
  const [status, setStatus] = useState('');
  const edits = useEdit(data, setStatus);
  /** The cell or line to focus once the node asked for is on screen (a finding's or hit's jump). */
  const [focusCell, setFocusCell] = useState<string | null>(null);
  /** Each role lands where its work is (landing.ts): after login, and on a start without an address. */
  const [startAddress] = useState(() => location.hash.includes('v='));
  const land = (s: NonNullable<typeof session>): void => {
    // a link to a unit or a page is followed, not replaced (the login returns there)
    if (route.node !== undefined || route.page !== undefined) return;
    void landing(s)
      .then((r) => {
        if (r) go(r);
      })
      .catch(() => undefined);
  };
  useEffect(() => {
    if (session && !startAddress) land(session);
  }, [session === undefined]);
  const anmeldungOf = anmeldungVersionFor(session, versions ?? [], version);

  // timing and focus once the node is on screen
  useEffect(() => {
    if (!view) return;
    markNodeShown();
    if (focusCell) {
      const el = document.getElementById(focusCell);
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.focus();
        setFocusCell(null);
      }
    }
  }, [view, focusCell, route.tab]);

  const jump = (f: Finding): void => {
    if (!f.node || !f.plan || !f.line) return;
    setFocusCell(f.kind && f.year ? cellId(f.plan, f.line, f.kind, f.year) : `zeile-${f.plan}-${f.line}`);
    go({ node: f.node, tab: 'plaene', line: `${f.plan}:${f.line}` });
  };

  const openHit = (h: SearchHit): void => {
    go({ node: h.node, tab: 'plaene', line: h.plan && h.line ? `${h.plan}:${h.line}` : undefined });
    if (h.plan && h.line) setFocusCell(`zeile-${h.plan}-${h.line}`);
  };

  return (
    <>
      <a
        class="skip"
        href="#inhalt"
        onClick={(e) => {
          // the address is the app's place (route.ts): the link moves the focus, not the address
          e.preventDefault();
          document.getElementById('inhalt')?.focus();
        }}
      >
        Zum Inhalt springen
      </a>
      <header class="top">
        <h1>
          Haushalt
          {version ? <span class="municipality">{version.budgetName}</span> : null}
        </h1>
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
              data.setVersions((all) => all?.map((x) => (x.id === v.id ? { ...x, ...v } : x)) ?? all);
              setStatus(message);
              data.reload();
            }}
          />
        ) : null}
        {session?.user.role === 'kaemmerei' ? (
          <a class="import-link" href={routeHash({ ...route, page: 'import' })}>
            Importieren
          </a>
        ) : null}
        {anmeldungOf !== undefined ? (
          <a
            class="import-link"
            href={routeHash({ version: anmeldungOf, tab: 'plaene', page: 'anmeldung' })}
            aria-current={route.page === 'anmeldung' ? 'page' : undefined}
          >
            Anmeldung
          </a>
        ) : null}
        {session !== undefined ? (
          <Login
            session={session}
            onLogin={(s) => {
              setCsrf(s.csrf);
              data.setSession(s);
              data.authChanged();
              setStatus(`Angemeldet als ${s.user.name} (${roleText(s)}).`);
              land(s);
            }}
            onLogout={() => {
              void api.logout().finally(() => {
                setCsrf('');
                data.setSession(null);
                data.authChanged();
                setStatus('Abgemeldet.');
              });
            }}
          />
        ) : null}
      </header>
      {version && versions && !unavailable ? (
        <Stepper
          versions={versions.filter((v) => v.budgetId === version.budgetId)}
          current={version}
          session={session}
          route={route}
          onMade={(made, from, message) => {
            data.setVersions((all) => [
              ...(all ?? []).map((x) => (x.id === from.id ? { ...x, closed: true } : x)),
              made,
            ]);
            setStatus(message);
            go({ version: made.id });
          }}
        />
      ) : null}
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <NewErrors errors={data.newErrors} onJump={jump} onClose={data.clearNewErrors} />
      <div class="layout">
        <Sidebar
          tree={unavailable !== undefined ? NO_TREE : data.tree}
          route={route}
          version={version?.id}
          hrefOf={routing.hrefOf}
          start={
            version
              ? {
                  href: routeHash({ version: version.id, tab: 'plaene' }),
                  current: !route.node && !route.page,
                }
              : undefined
          }
          parts={
            version
              ? {
                  href: routeHash({ version: version.id, tab: 'plaene', page: 'haushaltsplan' }),
                  current: route.page === 'haushaltsplan',
                }
              : undefined
          }
          onOpenHit={openHit}
          onError={setStatus}
        />
        <main id="inhalt" tabIndex={-1}>
          {unavailable !== undefined ? (
            <Unavailable version={unavailable} session={session} home={homeOf(versions)} />
          ) : problem && versions?.length !== 0 ? (
            <p class="error" role="alert">
              {problem}
            </p>
          ) : null}
          {route.page === 'haushaltsplan' && route.version !== undefined && unavailable === undefined ? (
            <Lazy
              load={() => import('./parts-view.js').then((m) => m.PartsPage)}
              props={{ version: route.version, route }}
            />
          ) : route.page === 'import' ? (
            <Lazy
              load={() => import('./import-wizard.js').then((m) => m.ImportWizard)}
              props={{
                session,
                versions,
                onImported: data.reload,
                onOpen: (id: number) =>
                  go({ version: id, node: undefined, line: undefined, page: undefined }),
              }}
            />
          ) : route.page === 'einwendungen' && version && versions ? (
            <Lazy
              load={() => import('./einwendungen.js').then((m) => m.Einwendungen)}
              props={{
                version,
                versions: versions.filter((v) => v.budgetId === version.budgetId),
                session,
                tree: data.tree,
              }}
            />
          ) : route.page === 'anmeldung' ? (
            unavailable !== undefined ? null : (
              <Lazy
                load={() => import('./anmeldung.js').then((m) => m.AnmeldungPage)}
                props={{ session, version: route.version, onChanged: data.reload }}
              />
            )
          ) : unavailable !== undefined ? null : versions && versions.length === 0 ? (
            <Welcome
              session={session}
              route={route}
              onCreated={(id) => {
                data.reload();
                go({ version: id, node: undefined, line: undefined, page: undefined });
              }}
            />
          ) : !route.node && route.tab === 'plaene' && version && versions ? (
            <StartPage
              version={version}
              versions={versions.filter((v) => v.budgetId === version.budgetId)}
              session={session}
              route={route}
              firstNode={data.tree[0]?.code}
            />
          ) : view ? (
            <NodePage view={view} data={data} edits={edits} routing={routing} onJump={jump} />
          ) : problem || unavailable !== undefined ? null : (
            <p>Wird geladen …</p>
          )}
        </main>
      </div>
      {edits.edit ? (
        <EditDialog request={edits.edit.request} onSubmit={edits.edit.submit} onClose={edits.closeEdit} />
      ) : null}
      {edits.itemEdit ? (
        <ItemDialog
          request={edits.itemEdit.request}
          onSubmit={edits.itemEdit.submit}
          onClose={edits.closeItemEdit}
        />
      ) : null}
    </>
  );
}
