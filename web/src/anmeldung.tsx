/**
 * The Anmeldung of the Fachbereiche (`#v=…&s=anmeldung`): for a Fachbereich its Produktbereiche with their
 * status, its requested figures beside last years' figures and the Kämmerei's, the entry of new ones
 * (`anmeldung-entry.tsx`) and "Anmeldung abgeben" (the page's confirm dialog); for the Kämmerei the overview of
 * every Produktbereich (status, who submitted when, open requests, Eckwert) and per line "Übernehmen" or
 * "Ablehnen" with a comment, or all of a Produktbereich at once, or "Zur Überarbeitung zurückgeben" with a
 * comment (`anmeldung-return.tsx`). Rules: `src/core/anmeldung.ts`.
 */
import { useEffect, useState } from 'preact/hooks';
import { AREA_STATUS_LABEL, REQUEST_STATUS_LABEL } from '../../src/core/anmeldung.js';
import { anmeldungApi, type Anmeldung, type Session } from './api.js';
import { AnmeldungEntry } from './anmeldung-entry.js';
import { EckwertField } from './anmeldung-eckwert.js';
import { HandBackDialog, ReturnNote } from './anmeldung-return.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { dateTime, euro } from './format.js';
import { DialogError } from './modal.js';
import './anmeldung.css';

type Area = Anmeldung['areas'][number];
type Request = Anmeldung['requests'][number];

interface Props {
  readonly session: Session | null | undefined;
  readonly version: number | undefined;
  /** A change of figures: the views of the version are stale. */
  readonly onChanged: () => void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Over the Eckwert: the Zuschussbedarf with the requests taken over exceeds the Kämmerei's limit. */
function overEckwert(a: Area): boolean {
  return a.eckwert !== null && a.zuschussbedarfAngemeldet !== null && a.zuschussbedarfAngemeldet > a.eckwert;
}

function Decide({
  r,
  onDecide,
}: {
  r: Request;
  onDecide: (r: Request, reject: string | null) => Promise<void>;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  if (!rejecting)
    return (
      <span class="anmeldung-actions">
        <button
          type="button"
          onClick={() => void onDecide(r, null).catch((e: unknown) => setError(message(e)))}
        >
          Übernehmen
        </button>
        <button type="button" onClick={() => setRejecting(true)}>
          Ablehnen
        </button>
        {error ? <span class="error">{error}</span> : null}
      </span>
    );
  return (
    <form
      class="anmeldung-actions"
      onSubmit={(e) => {
        e.preventDefault();
        if (comment.trim() === '') {
          setError('Bitte einen Kommentar für den Fachbereich angeben.');
          return;
        }
        onDecide(r, comment.trim()).catch((err: unknown) => setError(message(err)));
      }}
    >
      <label>
        Kommentar
        <input name="comment" value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      <button type="submit">Ablehnung speichern</button>
      <button type="button" onClick={() => setRejecting(false)}>
        Abbrechen
      </button>
      <DialogError error={error} />
    </form>
  );
}

function RequestRow(props: {
  r: Request;
  mayWithdraw: boolean;
  mayDecide: boolean;
  onWithdraw: (r: Request) => void;
  onDecide: (r: Request, reject: string | null) => Promise<void>;
}) {
  const { r } = props;
  return (
    <tr data-request={r.id}>
      <td>
        <span class="code">{r.node}</span> {r.nodeName}
        <div>
          Zeile {r.line} {r.label}
        </div>
      </td>
      <td>{r.columnLabel}</td>
      <td class="compare">
        {r.compare.map((c) => (
          <span key={c.label}>
            {c.label}: {euro(c.amount)}
          </span>
        ))}
      </td>
      <td class="num">{euro(r.current)}</td>
      <td class="num">
        <strong>{euro(r.amount)}</strong>
      </td>
      <td>{r.reason}</td>
      <td class={`status-${r.status}`}>
        {REQUEST_STATUS_LABEL[r.status]}
        {r.decidedBy ? ` (${r.decidedBy}, ${dateTime(r.decidedAt ?? '')})` : ''}
        {r.comment ? <div class="comment">„{r.comment}“</div> : null}
        {props.mayWithdraw ? (
          <div class="anmeldung-do">
            <button type="button" onClick={() => props.onWithdraw(r)}>
              Zurückziehen
            </button>
          </div>
        ) : props.mayDecide && r.status === 'offen' ? (
          <div class="anmeldung-do">
            <Decide r={r} onDecide={props.onDecide} />
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function AnmeldungPage({ session, version, onChanged }: Props) {
  const [data, setData] = useState<Anmeldung | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [reload, setReload] = useState(0);
  const [confirm, setConfirm] = useState<{ area: Area; kind: 'submit' | 'all' } | null>(null);
  const [handingBack, setHandingBack] = useState<Area | null>(null);
  const kaemmerei = session?.user.role === 'kaemmerei';
  const fachbereich = session?.user.role === 'fachbereich';

  useEffect(() => {
    if (version === undefined || !session) return;
    anmeldungApi
      .get(version)
      .then((a) => {
        setData(a);
        setError('');
      })
      .catch((e: unknown) => setError(message(e)));
  }, [version, session, reload]);

  if (!session)
    return (
      <p class="error" role="alert">
        Die Anmeldungen sind der Kämmerei und den Fachbereichen vorbehalten; bitte anmelden.
      </p>
    );
  if (error)
    return (
      <p class="error" role="alert">
        {error}
      </p>
    );
  if (!data || version === undefined) return <p>Wird geladen …</p>;

  const done = (text: string, figures = false): void => {
    setStatus(text);
    setReload((n) => n + 1);
    if (figures) onChanged();
  };
  const withdraw = (r: Request): void => {
    anmeldungApi
      .withdraw(data.versionId, r.id)
      .then(() => done(`Anmeldung zu Zeile ${r.line} zurückgezogen.`))
      .catch((e: unknown) => setStatus(message(e)));
  };
  const decide = async (r: Request, reject: string | null): Promise<void> => {
    await anmeldungApi.decide(version, {
      request: r.id,
      decision: reject === null ? 'uebernehmen' : 'ablehnen',
      comment: reject ?? '',
    });
    done(
      reject === null
        ? `Übernommen: ${r.nodeName}, Zeile ${r.line}, ${r.columnLabel}: ${euro(r.amount)} €.`
        : `Abgelehnt: ${r.nodeName}, Zeile ${r.line}.`,
      reject === null,
    );
  };

  return (
    <section class="anmeldung" aria-labelledby="anmeldung-h">
      <h2 id="anmeldung-h">Anmeldungen der Fachbereiche</h2>
      {data.versionId !== version ? (
        <p class="muted">
          Aus der Anmeldungsfassung Nr. {data.versionId}; übernommene Beträge gehen in diese Fassung.
        </p>
      ) : null}
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      <div class="table-scroll">
        <table class="anmeldung-overview">
          <caption>
            Stand je Produktbereich
            {data.areas[0]?.budgetYear ? ` (Zuschussbedarf: Ansatz ${data.areas[0].budgetYear})` : ''}
          </caption>
          <thead>
            <tr>
              <th>Produktbereich</th>
              <th>Status</th>
              <th>Abgegeben</th>
              <th class="num">offen</th>
              <th class="num">übernommen</th>
              <th class="num">abgelehnt</th>
              <th class="num">Eckwert</th>
              <th class="num">Zuschussbedarf</th>
              <th class="num">mit Anmeldungen</th>
            </tr>
          </thead>
          <tbody>
            {data.areas.map((a) => (
              <tr key={a.produktbereich} data-area={a.produktbereich}>
                <th>
                  <a href={`#anmeldung-pb-${a.produktbereich}`}>
                    {a.produktbereich} {a.name}
                  </a>
                </th>
                <td class={`area-${a.status}`}>
                  {AREA_STATUS_LABEL[a.status]}
                  {a.returnedAt ? <div class="muted">zurückgegeben am {dateTime(a.returnedAt)}</div> : null}
                </td>
                <td>{a.submittedBy ? `${a.submittedBy}, ${dateTime(a.submittedAt ?? '')}` : '–'}</td>
                <td class="num">{a.open}</td>
                <td class="num">{a.taken}</td>
                <td class="num">{a.rejected}</td>
                <td class="num">{a.eckwert === null ? '–' : euro(a.eckwert)}</td>
                <td class="num">{euro(a.zuschussbedarf)}</td>
                <td class={overEckwert(a) ? 'num over-eckwert' : 'num'}>
                  {euro(a.zuschussbedarfAngemeldet)}
                  {overEckwert(a) ? <div>über dem Eckwert</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.areas.map((a) => {
        const requests = data.requests.filter((r) => r.produktbereich === a.produktbereich);
        const editing = fachbereich && data.open && a.status === 'in-arbeit';
        if (kaemmerei && requests.length === 0 && a.status === 'in-arbeit' && a.returnedBy === null)
          return null;
        return (
          <section key={a.produktbereich} id={`anmeldung-pb-${a.produktbereich}`} class="anmeldung-area">
            <h3>
              Produktbereich {a.produktbereich} {a.name} · {AREA_STATUS_LABEL[a.status]}
            </h3>
            <ReturnNote area={a} />
            {kaemmerei && data.open ? (
              <EckwertField area={a} version={data.versionId} onSaved={(t) => done(t)} />
            ) : null}
            {requests.length > 0 ? (
              <div class="table-scroll">
                <table class="anmeldung-requests">
                  <thead>
                    <tr>
                      <th>Einheit und Zeile</th>
                      <th>Spalte</th>
                      <th>Vorjahre</th>
                      <th class="num">Kämmerei</th>
                      <th class="num">Angemeldet</th>
                      <th>Begründung</th>
                      <th>Entscheidung</th>
                    </tr>
                  </thead>
                  <tbody>
                    {requests.map((r) => (
                      <RequestRow
                        key={r.id}
                        r={r}
                        mayWithdraw={editing && r.status === 'offen'}
                        mayDecide={kaemmerei && a.status === 'abgegeben'}
                        onWithdraw={withdraw}
                        onDecide={decide}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="muted">Keine Beträge angemeldet.</p>
            )}
            {editing ? (
              <>
                <AnmeldungEntry
                  version={data.versionId}
                  produktbereich={a.produktbereich}
                  onSaved={(t) => done(t)}
                />
                <button type="button" class="primary" onClick={() => setConfirm({ area: a, kind: 'submit' })}>
                  Anmeldung abgeben
                </button>
              </>
            ) : null}
            {kaemmerei && a.status === 'abgegeben' && a.open > 0 ? (
              <button type="button" onClick={() => setConfirm({ area: a, kind: 'all' })}>
                Alle übernehmen
              </button>
            ) : null}{' '}
            {kaemmerei && data.open && a.status === 'abgegeben' ? (
              <button type="button" onClick={() => setHandingBack(a)}>
                Zur Überarbeitung zurückgeben
              </button>
            ) : null}
          </section>
        );
      })}
      {handingBack ? (
        <HandBackDialog
          version={data.versionId}
          area={handingBack}
          onClose={() => setHandingBack(null)}
          onDone={(t) => {
            setHandingBack(null);
            done(t);
          }}
        />
      ) : null}
      {confirm ? (
        <ConfirmDialog
          title={
            confirm.kind === 'submit'
              ? `Anmeldung des Produktbereichs ${confirm.area.produktbereich} abgeben?`
              : `Alle offenen Anmeldungen des Produktbereichs ${confirm.area.produktbereich} übernehmen?`
          }
          confirm={confirm.kind === 'submit' ? 'Abgeben' : 'Alle übernehmen'}
          reason={confirm.kind === 'submit' ? 'Anmeldung abgegeben' : 'Anmeldungen übernommen'}
          onClose={() => setConfirm(null)}
          onConfirm={async (reason) => {
            const { area, kind } = confirm;
            if (kind === 'submit') {
              await anmeldungApi.submit(data.versionId, area.produktbereich, reason);
              setConfirm(null);
              done(`Die Anmeldung des Produktbereichs ${area.produktbereich} ist abgegeben.`);
            } else {
              const r = await anmeldungApi.decide(version, {
                produktbereich: area.produktbereich,
                decision: 'uebernehmen',
                comment: reason,
              });
              setConfirm(null);
              done(`${r.decided} Anmeldungen des Produktbereichs ${area.produktbereich} übernommen.`, true);
            }
          }}
        >
          {confirm.kind === 'submit' ? (
            <p>
              Die Kämmerei sieht dann, dass Sie abgegeben haben, und entscheidet über jede Anmeldung. Danach
              können Sie die Anmeldungen dieses Produktbereichs nicht mehr ändern.
            </p>
          ) : (
            <p>
              Jeder offene angemeldete Betrag wird in die Zelle dieser Fassung geschrieben (eine Änderung, die
              Summen folgen, im Änderungsprotokoll mit dieser Begründung).
            </p>
          )}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
