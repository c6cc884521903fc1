/**
 * The Pläne tab: the node's plans in the statutory layout with their finding marks and edit buttons, the line
 * panel beside them (from 1600 px: narrower, it would push the planning years out of sight) or below the plan
 * of its line, the projection, investments, description and
 * key figures, the children, and the last edit's impacts at the foot of the window.
 */
import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PlanType } from '../../src/core/model.js';
import { RequestLegend, useNodeRequests } from './anmeldung-marks.js';
import { api, type NodeView, type Session } from './api.js';
import { ExportLink } from './export-link.js';
import { Impacts } from './impacts.js';
import { LinePanel, erlaeuterungenOf } from './line-panel.js';
import { Beschreibung, Investitionen, Kennzahlen } from './node-texts.js';
import { PlanTable, findingMarks } from './plan-table.js';
import { Projection } from './projection.js';
import type { Data } from './use-data.js';
import type { EditFlow } from './use-edit.js';
import type { Routing } from './use-route.js';
import type { ListedVersion } from './version-area.js';

/** Wide enough for the line panel beside the plans (as in style.css). */
const WIDE = '(min-width: 1600px)';

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

/** What the marks in the plans mean, for every reader (a council member sees them without the check's words). */
function Legend() {
  return (
    <p class="legend" id="zeichen">
      Zeichen in den Plänen:
      <span class="erl-mark" aria-hidden="true">
        E
      </span>
      Zeile mit Erläuterung (Zeile anklicken)
      <span class="mark mark-error" aria-hidden="true">
        !
      </span>
      Fehler: die Beträge widersprechen einander
      <span class="mark mark-warning" aria-hidden="true">
        !
      </span>
      Warnung: bitte prüfen (der Text steht unter der Zeile)
      <span class="mark" aria-hidden="true">
        ·
      </span>
      Rundungsdifferenz: durch auf volle Euro gerundete Druckbeträge erklärt, kein Fehler
      <span class="mark" aria-hidden="true">
        i
      </span>
      Hinweis. Die Prüfung rechnet jede Summe und Erläuterung nach; alle Befunde stehen unter „Befunde“.
    </p>
  );
}

/** Why the user may not edit here. */
function mayNot(session: Session | null | undefined, version: ListedVersion | undefined): string {
  if (!session) return 'Nur lesen: zum Ändern bitte anmelden.';
  if (session.user.role === 'leser') return 'Nur lesen: Ihre Rolle (Leser) darf nichts ändern.';
  if (version?.closed || version?.frozen) return 'Nur lesen: diese Version ist abgeschlossen.';
  return 'Nur lesen: diese Einheit dürfen Sie in dieser Version nicht ändern.';
}

interface Props {
  readonly view: NodeView;
  readonly data: Data;
  readonly edits: EditFlow;
  readonly routing: Routing;
}

export function PlansTab({ view, data, edits, routing }: Props) {
  const { route, go, hrefOf } = routing;
  const { version, session, nodeFindings, ancestors } = data;
  const { changed, pending, onEditCell } = edits;
  const wide = useMedia(WIDE);
  // the Anmeldung's requests of this node (asked again after an edit: a decision may have changed them)
  const requests = useNodeRequests(view.versionId, view.code, session, view);

  const marks = useMemo(
    () =>
      findingMarks(
        nodeFindings && nodeFindings.node === view.code ? nodeFindings.findings.open : view.findings.open,
      ),
    // not `view`: an edit gives a new view with the same findings
    [nodeFindings, view.code, view.findings],
  );

  const selected = (() => {
    if (route.line === undefined) return undefined;
    const [planType, line] = route.line.split(':') as [PlanType, string];
    const plan = view.plans.find((p) => p.type === planType);
    const l = plan?.lines.find((x) => x.line === line);
    return plan && l ? { plan, line: l } : undefined;
  })();
  const withErl = useMemo(
    () => new Set(view.erlaeuterungen.filter((e) => e.line).map((e) => `${e.plan}:${e.line}`)),
    [view.erlaeuterungen],
  );

  // The plan tables are rendered again only when what they show changes, not with every status line, dialog
  // or impact list (Preact skips an element that is the same object).
  const planTables = useMemo(
    () =>
      new Map(
        view.plans.map((p) => [
          p.type,
          <PlanTable
            key={p.type}
            node={view.code}
            plan={p}
            marks={marks}
            changed={changed}
            pending={pending}
            withErlaeuterung={withErl}
            requests={requests}
            selectedLine={route.line}
            onSelectLine={(plan, line) =>
              go({ line: route.line === `${plan}:${line}` ? undefined : `${plan}:${line}` })
            }
            onEdit={onEditCell}
          />,
        ]),
      ),
    [view, version, route, marks, changed, pending, withErl, session, requests],
  );

  // an edit gives a new view whose investments, description and key figures are the same objects
  const texts = useMemo(
    () => (
      <>
        {view.investitionen ? <Investitionen table={view.investitionen} node={view.code} /> : null}
        {view.beschreibung ? <Beschreibung beschreibung={view.beschreibung} /> : null}
        {view.kennzahlen.length > 0 ? <Kennzahlen tables={view.kennzahlen} /> : null}
      </>
    ),
    [view.code, view.investitionen, view.beschreibung, view.kennzahlen],
  );

  const linePanel = selected ? (
    <LinePanel
      version={view.versionId}
      plan={selected.plan}
      line={selected.line}
      erlaeuterungen={erlaeuterungenOf(view.erlaeuterungen, selected.plan.type, selected.line.line)}
      imported={data.imported}
      editable={view.editable}
      onEditItem={edits.onEditItem}
      onClose={() => go({ line: undefined })}
      requests={[...requests.values()].filter(
        (r) => r.plan === selected.plan.type && r.line === selected.line.line,
      )}
      reveal={!wide}
    />
  ) : null;

  return (
    <>
      <div class="toolbar">
        <span class="muted">
          {view.editable && session?.user.role === 'fachbereich' && version?.stage === 'anmeldung'
            ? 'Beträge melden Sie mit Begründung in der Ansicht „Anmeldung“ an (oben); hier ändern Sie die Erläuterungen.'
            : view.editable
              ? 'Sie dürfen hier ändern: einen Betrag anklicken, oder mit den Pfeiltasten wählen und Enter drücken oder den neuen Betrag tippen. Ergebnis und Ansatz des Vorjahres stehen nur zum Vergleich da.'
              : mayNot(session, version)}
        </span>{' '}
        <a href={api.downloadUrl(view.versionId, view.code, 'csv')} download>
          CSV herunterladen
        </a>{' '}
        <a
          href={api.downloadUrl(view.versionId, view.code, 'plan-csv')}
          download
          title="Die Pläne wie angezeigt: eine Zeile je Planzeile, eine Spalte je Jahr"
        >
          CSV wie angezeigt
        </a>{' '}
        <a href={api.downloadUrl(view.versionId, view.code, 'xlsx')} download>
          XLSX herunterladen
        </a>{' '}
        <ExportLink href={api.bookUrl(view.versionId, 'book-pdf')} version={view.versionId} format="book-pdf">
          Haushaltsplan als PDF
        </ExportLink>{' '}
        <ExportLink
          href={api.bookUrl(view.versionId, 'book-pdf', view.code)}
          version={view.versionId}
          format="book-pdf"
          unit={view.code}
        >
          Nur diese Einheit als PDF
        </ExportLink>
      </div>
      <Legend />
      {requests.size > 0 ? <RequestLegend /> : null}
      <div class={selected && wide ? 'plans with-panel' : 'plans'}>
        <div class="plan-list">
          {view.plans.map((p) => (
            <Fragment key={p.type}>
              <section aria-label={p.label}>{planTables.get(p.type)}</section>
              {!wide && selected?.plan.type === p.type ? linePanel : null}
            </Fragment>
          ))}
          {view.editable && view.plans.some((p) => p.columns.some((c) => c.kind === 'planung')) ? (
            <Projection view={view} onApply={edits.applyProjection} />
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
      {edits.impacts.length > 0 ? (
        <Impacts
          impacts={edits.impacts}
          open={edits.impactsOpen}
          onToggle={edits.toggleImpacts}
          onClose={edits.closeImpacts}
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
  );
}
