/**
 * The version's start page (the address without a node): the budget at a glance for everyone who may read it
 * — a short introduction for readers, the Gesamtergebnisplan and the Jahresergebnis over the years
 * (`overview-table.tsx`), the Haushaltsausgleich, the largest Produktbereiche, the findings counted per rule
 * with the rounding notes in one line, and the budget's versions with their stages. Two small answers
 * (`GET /api/versions/:v/summary`, `…/findings-summary`), asked for at once; the page shows as soon as the first
 * is there. A synthetic demo budget says so at the top, before any figure.
 */
import { useEffect, useState } from 'preact/hooks';
import { isDemoBudget } from '../../src/core/demo.js';
import { STAGE_LABEL } from '../../src/core/workflow.js';
import { api, type FindingsSummary, type Session, type Summary } from './api.js';
import { euro } from './format.js';
import { Balance, OverviewTable, ResultChart, overviewSource } from './overview-table.js';
import { routeHash, type Route } from './route.js';
import type { ListedVersion } from './version-area.js';
import './start-page.css';

const SEVERITY_PLURAL = {
  error: 'Fehler',
  warning: 'Warnungen',
  rounding: 'Rundungsdifferenzen',
  info: 'Hinweise',
};

interface Props {
  readonly version: ListedVersion;
  /** The versions of the same budget. */
  readonly versions: readonly ListedVersion[];
  readonly session: Session | null | undefined;
  readonly route: Route;
  /** The first unit of the tree (the Befunde tab lives on a unit). */
  readonly firstNode: string | undefined;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function StartPage({ version, versions, session, route, firstNode }: Props) {
  const [summary, setSummary] = useState<Summary | null>(null);
  const [findings, setFindings] = useState<FindingsSummary | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let stale = false;
    setSummary(null);
    setFindings(null);
    api
      .summary(version.id)
      .then((s) => {
        if (!stale) setSummary(s);
      })
      .catch((e: unknown) => {
        if (!stale) setProblem(message(e));
      });
    api
      .findingsSummary(version.id)
      .then((f) => {
        if (!stale) setFindings(f);
      })
      .catch(() => undefined);
    return () => {
      stale = true;
    };
  }, [version.id, version.revision, session?.user.name]);

  const demo = isDemoBudget(version.budgetName);
  const kaemmerei = session?.user.role === 'kaemmerei';
  const link = (node: string, tab?: Route['tab']) =>
    routeHash({ version: route.version, node, tab: tab ?? 'plaene' });
  const o = summary?.overview ?? null;

  return (
    <article class="start">
      <h2 class="node-title">Überblick: {version.budgetName}</h2>
      {demo ? (
        <p class="demo-note" role="note">
          <strong>Synthetische Zahlen.</strong> Dieser Demohaushalt ist erfunden (erzeugt von{' '}
          <code>haushalt generate</code>) und gehört zu keiner wirklichen Gemeinde. Er zeigt, wie die Werkbank
          arbeitet.
          {kaemmerei ? (
            <>
              {' '}
              <a href={routeHash({ ...route, page: 'import' })}>Eigenen Haushalt importieren</a>
            </>
          ) : (
            ' Einen eigenen Haushalt importiert die Kämmerei nach der Anmeldung.'
          )}
        </p>
      ) : null}
      <section class="intro" aria-labelledby="einfuehrung-h">
        <h3 id="einfuehrung-h">So lesen Sie diesen Haushalt</h3>
        <p>
          Der Ergebnisplan stellt die <strong>Erträge</strong> (was der Haushalt einnimmt und erwirtschaftet)
          den <strong>Aufwendungen</strong> (was er verbraucht, auch Abschreibungen) gegenüber. Der
          Unterschied ist das <strong>Jahresergebnis</strong>: ein Überschuss oder ein Fehlbetrag. Die Spalten
          zeigen das Ergebnis vergangener Jahre, den Ansatz des Haushaltsjahres und die Planung der
          Folgejahre.
        </p>
        <p>
          Links finden Sie die Produktbereiche; jeder hat seinen Teilergebnisplan und Teilfinanzplan mit
          Erläuterungen. Die Befunde sind die Ergebnisse der rechnerischen Prüfung (Summen, Übertrag,
          Erläuterungen).
        </p>
      </section>
      {problem ? (
        <p class="error" role="alert">
          {problem}
        </p>
      ) : null}
      {!summary && !problem ? <p>Wird geladen …</p> : null}
      {summary && !o ? (
        <p class="muted">Für diese Version gibt es keinen Ergebnisplan mit Jahresergebnis.</p>
      ) : null}
      {o ? (
        <section aria-labelledby="ergebnis-h" class="result-section">
          <h3 id="ergebnis-h">Ergebnisplan über die Jahre</h3>
          <p class="muted">
            {overviewSource(o)}
            {o.node && o.source === 'gesamtplan' ? (
              <>
                {' '}
                <a href={link(o.node)}>Zum Gesamtergebnisplan</a>
              </>
            ) : null}
          </p>
          <div class="result-grid">
            <ResultChart overview={o} />
            <div>
              <h4>Haushaltsausgleich</h4>
              <Balance overview={o} />
              <p class="muted small">
                Ausgeglichen ist der Haushalt, wenn die Erträge die Aufwendungen erreichen (§ 75 Abs. 2 GO
                NRW). Ein Fehlbetrag kann durch die Ausgleichsrücklage gedeckt sein (fiktiver Ausgleich); das
                zeigen die Pläne allein nicht.
              </p>
            </div>
          </div>
          <OverviewTable overview={o} id="ueberblick" />
        </section>
      ) : null}
      {summary && summary.produktbereiche.length > 0 ? (
        <section aria-labelledby="pb-h">
          <h3 id="pb-h">Die größten Produktbereiche{summary.column ? ` (${summary.column.label})` : ''}</h3>
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="pb-h">
            <table class="produktbereiche">
              <thead>
                <tr>
                  <th scope="col">Produktbereich</th>
                  <th scope="col" class="num">
                    Erträge
                  </th>
                  <th scope="col" class="num">
                    Aufwendungen
                  </th>
                  <th scope="col" class="num">
                    Ergebnis
                  </th>
                </tr>
              </thead>
              <tbody>
                {summary.produktbereiche.slice(0, 10).map((p) => (
                  <tr key={p.code}>
                    <th scope="row">
                      <a href={link(p.code)}>
                        <span class="code">{p.code}</span> {p.name}
                      </a>
                    </th>
                    <td class="num">{euro(p.ertraege)}</td>
                    <td class="num">{euro(p.aufwendungen)}</td>
                    <td class="num">{euro(p.ergebnis)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {summary.produktbereiche.length > 10 ? (
            <p class="muted">
              Die übrigen {summary.produktbereiche.length - 10} Produktbereiche stehen links im Baum.
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="befunde-h" class="findings-summary">
        <h3 id="befunde-h">Befunde der Prüfung</h3>
        {findings ? (
          <>
            <p>
              {(['error', 'warning', 'info'] as const)
                .map((s) => `${findings.counts[s]} ${SEVERITY_PLURAL[s]}`)
                .join(', ')}
              {findings.accepted > 0 ? `; ${findings.accepted} mit Begründung akzeptiert` : ''}.
              {firstNode ? (
                <>
                  {' '}
                  <a href={link(firstNode, 'befunde')}>Alle Befunde ansehen</a>
                </>
              ) : null}
            </p>
            {findings.rounding.count > 0 ? (
              <p class="muted" id="rundung-zusammen">
                {findings.rounding.count} Rundungsdifferenzen in {findings.rounding.units} Einheiten, jede
                höchstens {euro(findings.rounding.largest)} €: gedruckte ganze Euro, deren Summe um
                Cent-Rundungen abweicht.
              </p>
            ) : null}
            {findings.rules.filter((r) => r.severity !== 'rounding').length > 0 ? (
              <table class="rules">
                <thead>
                  <tr>
                    <th scope="col">Regel</th>
                    <th scope="col">Art</th>
                    <th scope="col" class="num">
                      Anzahl
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {findings.rules
                    .filter((r) => r.severity !== 'rounding')
                    .map((r) => (
                      <tr key={`${r.severity}|${r.rule}`} class={`sev-${r.severity}`}>
                        <th scope="row">{r.title}</th>
                        <td>{SEVERITY_PLURAL[r.severity]}</td>
                        <td class="num">{r.count}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            ) : null}
          </>
        ) : (
          <p>Wird geprüft …</p>
        )}
      </section>
      <section aria-labelledby="versionen-h">
        <h3 id="versionen-h">Versionen und ihre Stufen</h3>
        <ol class="versions">
          {versions.map((v) => (
            <li key={v.id} aria-current={v.id === version.id ? 'true' : undefined}>
              <a href={routeHash({ version: v.id, tab: 'plaene' })}>
                Nr. {v.id}: {v.label.trim() || STAGE_LABEL[v.stage]}
              </a>{' '}
              <span class="stage">{STAGE_LABEL[v.stage]}</span>
              {v.closed ? ' · abgeschlossen' : ''}
              {v.publicRead ? ' · öffentlich' : ''}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

/**
 * No version to read: a first start without a budget, or nothing public and nobody signed in. Says how to
 * begin: the Kämmerei imports (the wizard), everyone else signs in; on a server without users, how to make one.
 */
/** The Kämmerei's offer of the synthetic demo budget: made on the server, then shown. */
export function DemoButton({ onCreated }: { onCreated: (version: number) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError('');
          api
            .demo()
            .then((v) => onCreated(v.id))
            .catch((e: unknown) => setError(message(e)))
            .finally(() => setBusy(false));
        }}
      >
        Demohaushalt anlegen (synthetische Zahlen)
      </button>
      {error ? (
        <span class="error" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </>
  );
}

/**
 * No version to read: a first start without a budget, or nothing public and nobody signed in. Says how to
 * begin: the Kämmerei imports (the wizard) or makes the synthetic demo budget, everyone else signs in; on a
 * server without users, how to make one.
 */
export function Welcome({
  session,
  route,
  onCreated,
}: {
  session: Session | null | undefined;
  route: Route;
  onCreated: (version: number) => void;
}) {
  return (
    <article class="start">
      <h2 class="node-title">Willkommen bei Haushalt</h2>
      {session?.user.role === 'kaemmerei' ? (
        <>
          <p>
            Noch ist kein Haushalt gespeichert. Lesen Sie den Haushaltsplan Ihrer Gemeinde ein: als PDF, als
            Text, als Tabellen (CSV, XLSX) oder als Kontenexport.
          </p>
          <p class="actions">
            <a class="button" href={routeHash({ ...route, page: 'import' })}>
              Haushalt importieren
            </a>{' '}
            <DemoButton onCreated={onCreated} />
          </p>
          <p class="muted">
            Der Demohaushalt ist erfunden (erzeugt von <code>haushalt generate</code>) und als synthetisch
            gekennzeichnet; er gehört zu keiner wirklichen Gemeinde und ist öffentlich lesbar.
          </p>
        </>
      ) : session ? (
        <p>
          Für Ihr Konto ist noch kein Haushalt freigegeben. Die Kämmerei kann Haushalte importieren und
          freigeben.
        </p>
      ) : (
        <>
          <p>Hier ist noch kein Haushalt veröffentlicht. Bitte melden Sie sich oben rechts an.</p>
          <p class="muted">
            Gibt es noch kein Konto, legt die Verwaltung des Servers eines für die Kämmerei an:{' '}
            <code>npx haushalt user add &lt;name&gt; --role kaemmerei</code>
          </p>
        </>
      )}
    </article>
  );
}
