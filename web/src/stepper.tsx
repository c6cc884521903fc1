/**
 * The statutory way of the version on screen, as a stepper below the header: every stage of its kind
 * (`workflow.ts`), the ones passed, where it stands, what comes next and who may move it. For the Kämmerei the
 * step itself — a new version of the next stage, this one closed — and from a Beschluss the Nachtrag
 * (GO NRW § 81), each after a confirmation in the page's own dialog that names the consequence. The stages in
 * the words of the budget's bodies: a Kreis's Kreistag and Landrat, a Gemeinde's Rat and Bürgermeister
 * (`bodies.ts`, from the budget's name and the running header of its document).
 */
import { useState } from 'preact/hooks';
import { bodiesOf, stageLabelOf, type Bodies } from '../../src/core/bodies.js';
import { STAGES, canBaseOn, nextStage, type Stage } from '../../src/core/workflow.js';
import { api, type Session } from './api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { routeHash, type Route } from './route.js';
import type { ListedVersion } from './version-area.js';

/** The stages a version of a kind goes through. */
function stagesOf(kind: ListedVersion['kind']): readonly Stage[] {
  if (kind === 'ergebnis') return ['ergebnis'];
  const way = STAGES.filter((s) => s !== 'ergebnis');
  return kind === 'nachtrag' ? way.filter((s) => s !== 'anmeldung') : way;
}

/** What moving on to `next` means, in full sentences (GO NRW § 80; KrO NRW § 53 for a Kreis). */
function consequence(next: Stage, b: Bodies): string {
  switch (next) {
    case 'entwurf':
      return 'Die Anmeldungen der Fachbereiche werden zum Entwurf der Kämmerei. Fachbereiche ändern danach nur noch, wo die Kämmerei es erlaubt.';
    case 'bestaetigt':
      return `Der Entwurf gilt als vom ${b.head} bestätigt (GO NRW § 80 Abs. 1) und wird dem ${b.council} zugeleitet: Leser (Mitglieder ${b.councilGenitive}) können ihn lesen; Beträge werden in dieser Stufe nicht mehr geändert.`;
    case 'ausgelegt':
      return 'Der Entwurf wird öffentlich bekanntgegeben (GO NRW § 80 Abs. 3): jeder kann ihn ohne Anmeldung lesen, Einwendungen werden erfasst.';
    case 'veraenderungsliste':
      return `Die Auslegung endet. Änderungen aus der Beratung im ${b.council} werden als Veränderungsliste erfasst.`;
    case 'beschluss':
      return `Der ${b.council} hat die Haushaltssatzung beschlossen (GO NRW § 80 Abs. 4). Der Inhalt wird eingefroren und nie mehr geändert; Änderungen gehen danach nur über einen Nachtrag.`;
    case 'angezeigt':
      return 'Die beschlossene Haushaltssatzung ist der Aufsichtsbehörde angezeigt (GO NRW § 80 Abs. 5).';
    case 'bekanntgemacht':
      return 'Die Haushaltssatzung ist öffentlich bekanntgemacht (GO NRW § 80 Abs. 6); die Version wird ohne Anmeldung lesbar.';
    case 'anmeldung':
    case 'ergebnis':
      return '';
  }
}

interface Props {
  readonly versions: readonly ListedVersion[];
  readonly current: ListedVersion;
  readonly session: Session | null | undefined;
  readonly route: Route;
  /** A new version was made: put into the list, then shown. */
  readonly onMade: (made: ListedVersion, from: ListedVersion, message: string) => void;
}

export function Stepper({ versions, current, session, route, onMade }: Props) {
  const [asking, setAsking] = useState<'advance' | 'nachtrag' | null>(null);
  const bodies = bodiesOf(current.budgetTitle, current.budgetName);
  const label = (s: Stage): string => stageLabelOf(s, bodies);
  const way = stagesOf(current.kind);
  const at = way.indexOf(current.stage);
  const next = nextStage(current.stage);
  const kaemmerei = session?.user.role === 'kaemmerei';
  const successor = versions.find((v) => v.basedOn === current.id && v.kind === current.kind);
  const made = (v: ListedVersion, message: string): void => {
    setAsking(null);
    onMade(v, current, message);
  };

  return (
    <section class="stepper" aria-labelledby="vf-h">
      <h2 id="vf-h" class="sr-only">
        Verfahrensstand
      </h2>
      <ol>
        {way.map((s, i) => (
          <li
            key={s}
            class={i < at ? 'done' : i === at ? 'current' : 'todo'}
            aria-current={i === at ? 'step' : undefined}
          >
            <span class="step-no" aria-hidden="true">
              {i + 1}
              {i === at ? <span class="step-of"> von {way.length}</span> : null}
            </span>{' '}
            {label(s)}
            {i < at ? <span class="sr-only"> (erledigt)</span> : null}
          </li>
        ))}
      </ol>
      <p class="step-next">
        {current.closed ? (
          <>
            Diese Fassung ist abgeschlossen und bleibt zum Vergleich, wie sie war.{' '}
            {successor ? (
              <a href={routeHash({ ...route, version: successor.id })}>
                Zur nächsten Stufe: {label(successor.stage)} (Nr. {successor.id})
              </a>
            ) : null}
          </>
        ) : next ? (
          <>
            Als Nächstes: <strong>{label(next)}</strong>. Weitergeben darf die Kämmerei.
          </>
        ) : (
          <>Die letzte Stufe ist erreicht.</>
        )}{' '}
        {kaemmerei && !current.closed && next ? (
          <button type="button" class="primary" onClick={() => setAsking('advance')}>
            Weitergeben: {label(next)} …
          </button>
        ) : null}{' '}
        {kaemmerei && way.includes('ausgelegt') && at >= way.indexOf('ausgelegt') ? (
          <a href={routeHash({ ...route, page: 'einwendungen' })}>Einwendungen …</a>
        ) : null}{' '}
        {kaemmerei && canBaseOn(current.stage) && current.kind !== 'ergebnis' ? (
          <button type="button" onClick={() => setAsking('nachtrag')}>
            Nachtrag anlegen …
          </button>
        ) : null}
      </p>
      {asking === 'advance' && next ? (
        <ConfirmDialog
          title={`Weitergeben: ${label(next)}`}
          confirm="Weitergeben"
          reason={label(next)}
          onClose={() => setAsking(null)}
          onConfirm={async (reason) => {
            const v = await api.advance(current.id, reason);
            made({ ...current, ...v }, `Neue Version Nr. ${v.id}: ${label(next)}.`);
          }}
        >
          <p>{consequence(next, bodies)}</p>
          <p>
            Es entsteht eine neue Version „{label(next)}“. Diese Version (Nr. {current.id},{' '}
            {label(current.stage)}) wird abgeschlossen und bleibt zum Vergleich unverändert.
          </p>
        </ConfirmDialog>
      ) : null}
      {asking === 'nachtrag' ? (
        <ConfirmDialog
          title="Nachtrag anlegen"
          confirm="Nachtrag anlegen"
          reason="Nachtragshaushalt"
          onClose={() => setAsking(null)}
          onConfirm={async (reason) => {
            const v = await api.derive(current.id, 'nachtrag', reason);
            made({ ...current, ...v }, `Neuer Nachtrag Nr. ${v.id}: ${v.label}.`);
          }}
        >
          <p>
            Es entsteht ein Nachtrag (Nachtragssatzung, GO NRW § 81) als neuer Entwurf auf der Grundlage
            dieses Beschlusses. Der Beschluss (Nr. {current.id}) bleibt unverändert; der Nachtrag geht
            denselben Weg bis zum Beschluss {bodies.councilGenitive}.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
