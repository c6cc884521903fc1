/**
 * The node on the right: its path, title and tabs (Pläne, Diagramme, Befunde, Änderungen, Vergleich), one
 * component per tab. Diagramme and Vergleich are loaded on first use.
 */
import type { Finding } from '../../src/core/findings.js';
import { api, type NodeView } from './api.js';
import { Audit } from './audit.js';
import { FindingsPanel, type AcceptFinding } from './findings.js';
import { Lazy } from './lazy.js';
import { PlansTab } from './plans-tab.js';
import { TABS, routeHash, type Tab } from './route.js';
import type { Data } from './use-data.js';
import type { EditFlow } from './use-edit.js';
import type { Routing } from './use-route.js';

const TAB_LABEL: Readonly<Record<Tab, string>> = {
  plaene: 'Pläne',
  diagramme: 'Diagramme',
  befunde: 'Befunde',
  aenderungen: 'Änderungen',
  vergleich: 'Vergleich',
};

interface Props {
  readonly view: NodeView;
  readonly data: Data;
  readonly edits: EditFlow;
  readonly routing: Routing;
  readonly onJump: (f: Finding) => void;
}

/** Befunde: every finding of the node, then of the version (errors and warnings until the whole list is in). */
function FindingsTab({ view, data, onJump }: Pick<Props, 'view' | 'data' | 'onJump'>) {
  const { nodeFindings, allFindings, findings, session, versions } = data;
  const budget = versions?.find((x) => x.id === view.versionId)?.budgetId;
  // the Kämmerei accepts a finding with a reason; the lists load again with it set apart
  const onAccept: AcceptFinding | undefined =
    session?.user?.role === 'kaemmerei' && budget !== undefined
      ? async (f, reason) => {
          await api.acceptFinding(budget, f.key, reason);
          data.refreshFindings();
        }
      : undefined;
  return (
    <>
      <FindingsPanel
        findings={nodeFindings?.node === view.code ? nodeFindings.findings : null}
        node={view.code}
        onJump={onJump}
        onAccept={onAccept}
      />
      <FindingsPanel findings={allFindings ?? findings} onJump={onJump} onAccept={onAccept} />
    </>
  );
}

/** Diagramme: ECharts, loaded on first use. */
function ChartsTab({ view }: { view: NodeView }) {
  return <Lazy load={() => import('./charts.js').then((m) => m.Charts)} props={{ view }} />;
}

/** Vergleich: the Veränderungsnachweis of two versions of the budget, loaded on first use. */
function CompareTab({ view, data }: Pick<Props, 'view' | 'data'>) {
  const { version, versions } = data;
  if (!version || !versions) return null;
  return (
    <Lazy
      load={() => import('./compare.js').then((m) => m.Compare)}
      props={{
        versions: versions.filter((v) => v.budgetId === version.budgetId),
        current: version.id,
        node: view.code,
      }}
    />
  );
}

export function NodePage({ view, data, edits, routing, onJump }: Props) {
  const { route, hrefOf } = routing;
  const { findings, version, session } = data;
  return (
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
      {view.level === 'haushalt' ? (
        <a class="parts-link" href={routeHash({ ...route, page: 'haushaltsplan', part: undefined })}>
          Haushaltsplan: Satzung, Übersichten, Stellenplan, Rücklagen, Anlagen
        </a>
      ) : null}
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
      {route.tab === 'plaene' ? <PlansTab view={view} data={data} edits={edits} routing={routing} /> : null}
      {route.tab === 'befunde' ? <FindingsTab view={view} data={data} onJump={onJump} /> : null}
      {route.tab === 'diagramme' ? <ChartsTab view={view} /> : null}
      {route.tab === 'aenderungen' && version ? (
        <Audit version={version.id} session={session ?? null} unit={view.code} />
      ) : null}
      {route.tab === 'vergleich' ? <CompareTab view={view} data={data} /> : null}
    </>
  );
}
