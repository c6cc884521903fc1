/**
 * The Anmeldung in the plans: a cell with a requested figure carries a small mark with the request's state
 * (offen, übernommen, abgelehnt; a sign of its own per state and the words for screen readers, not colour only),
 * and the line panel lists the line's requests (figure, reason, who, state, the Kämmerei's comment). Only for
 * those who may see the Anmeldung (`anmeldungReadRefusal` in `src/core/anmeldung.ts`, as its routes): a Leser
 * and anonymous readers get no marks and ask nothing. The requests of the node shown come in one request
 * (`GET /api/versions/:v/nodes/:code/anmeldung`), not one per cell.
 */
import { useEffect, useState } from 'preact/hooks';
import { REQUEST_STATUS_LABEL, anmeldungReadRefusal } from '../../src/core/anmeldung.js';
import { columnLabel } from '../../src/core/model.js';
import { anmeldungApi, type NodeRequest, type Session } from './api.js';
import { dateTime, euro } from './format.js';
import './anmeldung-marks.css';

const NONE: ReadonlyMap<string, NodeRequest> = new Map();

/** The key of a request's cell, as `cellKey` of the plan table: `node|plan|line|kind:year`. */
export const requestKey = (r: NodeRequest): string =>
  `${r.node}|${r.plan}|${r.line}|${r.column.kind}:${r.column.year}`;

/** Whether the signed-in user may see the Anmeldung (the rule of its routes). */
export function seesAnmeldung(session: Session | null | undefined): boolean {
  if (!session) return false;
  return anmeldungReadRefusal({ id: null, ...session.user }) === undefined;
}

/**
 * The requests of the node shown by cell key; empty for those who may not see the Anmeldung, while loading
 * and when the version has none. `revision`: asked again when the version changed.
 */
export function useNodeRequests(
  version: number,
  node: string,
  session: Session | null | undefined,
  revision: unknown,
): ReadonlyMap<string, NodeRequest> {
  const [requests, setRequests] = useState<ReadonlyMap<string, NodeRequest>>(NONE);
  const sees = seesAnmeldung(session);
  useEffect(() => {
    if (!sees) {
      setRequests(NONE);
      return;
    }
    let current = true;
    anmeldungApi
      .nodeRequests(version, node)
      .then(({ requests: list }) => {
        if (current) setRequests(list.length === 0 ? NONE : new Map(list.map((r) => [requestKey(r), r])));
      })
      // the marks are an aid: without them the plan is still right
      .catch(() => {
        if (current) setRequests(NONE);
      });
    return () => {
      current = false;
    };
  }, [version, node, sees, revision]);
  return requests;
}

/** The sign of each state: a shape of its own, so that the state does not rest on colour. */
const SIGN: Readonly<Record<NodeRequest['status'], string>> = {
  offen: 'A?',
  uebernommen: 'A✓',
  abgelehnt: 'A×',
};

function markText(r: NodeRequest): string {
  return `Anmeldung ${REQUEST_STATUS_LABEL[r.status]}: ${euro(r.amount)} €`;
}

/** The mark beside a cell's amount. */
export function RequestMark({ r }: { r: NodeRequest }) {
  return (
    <span class={`anm-mark anm-${r.status}`} title={markText(r)} data-request={r.id}>
      <span aria-hidden="true">{SIGN[r.status]}</span>
      <span class="sr-only"> ({markText(r)})</span>
    </span>
  );
}

/** What the marks mean, under the plans' legend, when the node has requests. */
export function RequestLegend() {
  return (
    <p class="legend anm-legend">
      Anmeldungen der Fachbereiche:
      {(['offen', 'uebernommen', 'abgelehnt'] as const).map((s) => (
        <span key={s}>
          <span class={`anm-mark anm-${s}`} aria-hidden="true">
            {SIGN[s]}
          </span>
          {REQUEST_STATUS_LABEL[s]}
        </span>
      ))}
      (Zeile anklicken: Betrag, Begründung und Entscheidung)
    </p>
  );
}

/** The requests of one plan line, in the line panel. */
export function LineRequests({ requests }: { requests: readonly NodeRequest[] }) {
  if (requests.length === 0) return null;
  return (
    <section class="line-requests" aria-labelledby="lp-anm-h">
      <h4 id="lp-anm-h">Anmeldungen</h4>
      <ul>
        {requests.map((r) => (
          <li key={r.id} data-request={r.id}>
            <strong>
              {columnLabel(r.column)}: {euro(r.amount)} €
            </strong>{' '}
            <span class={`anm-mark anm-${r.status}`} aria-hidden="true">
              {SIGN[r.status]}
            </span>{' '}
            {REQUEST_STATUS_LABEL[r.status]}
            <div>Begründung: {r.reason}</div>
            <div class="muted">
              Angemeldet von {r.createdBy} am {dateTime(r.createdAt)}
              {r.decidedBy ? `; entschieden von ${r.decidedBy} am ${dateTime(r.decidedAt ?? '')}` : ''}
            </div>
            {r.comment ? <div>Kommentar der Kämmerei: „{r.comment}“</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
