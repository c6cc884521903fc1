/**
 * The Einwendungen of the Auslegung (GO NRW § 80 Abs. 3): while a version is ausgelegt, the Kämmerei records
 * each Einwendung (who, the day it came in, the text, the unit it concerns) and answers it with the decision
 * the Rat takes on it (§ 80 Abs. 4), also once the version went on towards the Beschluss. They carry
 * citizens' names: readers and Fachbereiche see none of them, only that the page is the Kämmerei's.
 */
import { useEffect, useState } from 'preact/hooks';
import { bodiesOf } from '../../src/core/bodies.js';
import {
  EINWENDUNG_DECISIONS,
  EINWENDUNG_DECISION_LABEL,
  type EinwendungDecision,
} from '../../src/core/workflow.js';
import { api, type Einwendung, type Session, type TreeNode } from './api.js';
import { date, dateTime } from './format.js';
import { FormFoot } from './form-foot.js';
import { stageText, type ListedVersion } from './version-area.js';
import './findings.css';

interface Props {
  readonly version: ListedVersion;
  /** The versions of the same budget: the Einwendungen belong to its ausgelegt version. */
  readonly versions: readonly ListedVersion[];
  readonly session: Session | null | undefined;
  readonly tree: readonly TreeNode[];
}

/** The version whose Auslegung the page is about: this one, or the ausgelegt one it came from. */
function ausgelegtOf(version: ListedVersion, versions: readonly ListedVersion[]): ListedVersion | undefined {
  const byId = new Map(versions.map((v) => [v.id, v]));
  for (let v: ListedVersion | undefined = version; v; v = v.basedOn ? byId.get(v.basedOn) : undefined)
    if (v.stage === 'ausgelegt') return v;
  return undefined;
}

/** The units to choose from: Produktbereiche and their children, as far as the tree goes two levels. */
function unitsOf(tree: readonly TreeNode[]): { code: string; name: string }[] {
  return tree.flatMap((n) => [n, ...n.children]).map((n) => ({ code: n.code, name: n.name }));
}

const today = (): string => {
  const d = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
};

function RecordForm({
  version,
  units,
  onRecorded,
}: {
  version: number;
  units: readonly { code: string; name: string }[];
  onRecorded: (e: Einwendung) => void;
}) {
  const [author, setAuthor] = useState('');
  const [receivedOn, setReceivedOn] = useState(today());
  const [unit, setUnit] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      aria-labelledby="ew-new"
      onSubmit={(e) => {
        e.preventDefault();
        if (author.trim() === '' || text.trim() === '') {
          setError('Bitte Name und Text der Einwendung angeben.');
          return;
        }
        setBusy(true);
        setError('');
        api
          .recordEinwendung(version, {
            author: author.trim(),
            text: text.trim(),
            ...(receivedOn ? { receivedOn } : {}),
            ...(unit ? { unit } : {}),
          })
          .then((made) => {
            onRecorded(made);
            setMessage(`Einwendung Nr. ${made.id} von ${made.author} erfasst.`);
            setAuthor('');
            setText('');
            setUnit('');
          })
          .catch((x: unknown) => setError(x instanceof Error ? x.message : String(x)))
          .finally(() => setBusy(false));
      }}
    >
      <h3 id="ew-new">Einwendung erfassen</h3>
      <label>
        Name (wer sie erhoben hat)
        <input value={author} onInput={(e) => setAuthor(e.currentTarget.value)} autoComplete="off" />
      </label>
      <label>
        Eingegangen am
        <input type="date" value={receivedOn} onInput={(e) => setReceivedOn(e.currentTarget.value)} />
      </label>
      <label>
        Betroffene Einheit
        <select value={unit} onChange={(e) => setUnit(e.currentTarget.value)}>
          <option value="">der ganze Haushalt</option>
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.code} {u.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Text der Einwendung
        <textarea rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <FormFoot label="Einwendung erfassen" busy={busy} done={message} error={error} />
    </form>
  );
}

function AnswerForm({
  version,
  e,
  onAnswered,
}: {
  version: number;
  e: Einwendung;
  onAnswered: (e: Einwendung) => void;
}) {
  const [answer, setAnswer] = useState(e.answer ?? '');
  const [decision, setDecision] = useState<EinwendungDecision>(e.decision ?? 'zurueckgewiesen');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const id = `ew-${e.id}`;
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault();
        if (answer.trim() === '') {
          setError('Bitte die Antwort angeben.');
          return;
        }
        setBusy(true);
        setError('');
        api
          .answerEinwendung(version, e.id, { answer: answer.trim(), decision })
          .then((done) => {
            onAnswered(done);
            setMessage('Antwort gespeichert.');
          })
          .catch((x: unknown) => setError(x instanceof Error ? x.message : String(x)))
          .finally(() => setBusy(false));
      }}
    >
      <label for={`${id}-antwort`}>Antwort auf Einwendung Nr. {e.id}</label>
      <textarea
        id={`${id}-antwort`}
        rows={3}
        value={answer}
        onInput={(x) => setAnswer(x.currentTarget.value)}
      />
      <label for={`${id}-entscheidung`}>Entscheidung</label>
      <select
        id={`${id}-entscheidung`}
        value={decision}
        onChange={(x) => setDecision(x.currentTarget.value as EinwendungDecision)}
      >
        {EINWENDUNG_DECISIONS.map((d) => (
          <option key={d} value={d}>
            {EINWENDUNG_DECISION_LABEL[d]}
          </option>
        ))}
      </select>
      <FormFoot label="Antwort speichern" busy={busy} done={message} error={error} />
    </form>
  );
}

function Item({
  e,
  version,
  onChanged,
}: {
  e: Einwendung;
  version: number;
  onChanged: (e: Einwendung) => void;
}) {
  return (
    <li class="einwendung" aria-labelledby={`ew-${e.id}-h`}>
      <h4 id={`ew-${e.id}-h`}>
        Nr. {e.id}: {e.author}
      </h4>
      <p class="muted">
        Eingegangen am {e.receivedOn ? date(e.receivedOn) : date(e.receivedAt)} · erfasst von {e.recordedBy} ·{' '}
        {e.unit ? `betrifft ${e.unit}` : 'betrifft den ganzen Haushalt'}
      </p>
      <p>{e.text}</p>
      {e.answer && e.decision ? (
        <p>
          <span class="decision">{EINWENDUNG_DECISION_LABEL[e.decision]}:</span> {e.answer}{' '}
          <span class="muted">
            (beantwortet{e.answeredBy ? ` von ${e.answeredBy}` : ''}
            {e.answeredAt ? ` am ${dateTime(e.answeredAt)}` : ''})
          </span>
        </p>
      ) : (
        <p class="muted">Noch nicht beantwortet.</p>
      )}
      <AnswerForm version={version} e={e} onAnswered={onChanged} />
    </li>
  );
}

export function Einwendungen({ version, versions, session, tree }: Props) {
  const target = ausgelegtOf(version, versions);
  const [list, setList] = useState<readonly Einwendung[] | null>(null);
  const [error, setError] = useState('');
  const kaemmerei = session?.user.role === 'kaemmerei';
  useEffect(() => {
    if (!target || !kaemmerei) return;
    setList(null);
    api
      .einwendungen(target.id)
      .then((r) => setList(r.einwendungen))
      .catch((x: unknown) => setError(x instanceof Error ? x.message : String(x)));
  }, [target?.id, kaemmerei]);

  const put = (e: Einwendung): void =>
    setList((l) =>
      l?.some((x) => x.id === e.id) ? l.map((x) => (x.id === e.id ? e : x)) : [...(l ?? []), e],
    );

  return (
    <section class="einwendungen" aria-labelledby="ew-h">
      <h2 id="ew-h">Einwendungen</h2>
      <p>
        Während der Entwurf öffentlich ausgelegt ist, können Einwohner und Abgabepflichtige Einwendungen
        erheben (GO NRW § 80 Abs. 3); über sie beschließt der{' '}
        {bodiesOf(version.budgetTitle, version.budgetName).council} in öffentlicher Sitzung (§ 80 Abs. 4).
      </p>
      {!kaemmerei ? (
        <p>Einwendungen sieht nur die Kämmerei: sie enthalten Namen von Bürgerinnen und Bürgern.</p>
      ) : !target ? (
        <p>
          Diese Version ({stageText(version)}) war noch nicht öffentlich ausgelegt: Einwendungen werden
          erfasst, sobald der Entwurf die Stufe „Öffentlich ausgelegter Entwurf“ erreicht.
        </p>
      ) : (
        <>
          <p class="muted">
            Zur Auslegung: Version Nr. {target.id} ({stageText(target)}
            {target.closed ? ', abgeschlossen: Einwendungen werden noch beantwortet, nicht mehr erfasst' : ''}
            ).
          </p>
          {!target.closed ? <RecordForm version={target.id} units={unitsOf(tree)} onRecorded={put} /> : null}
          {error ? (
            <p class="error" role="alert">
              {error}
            </p>
          ) : null}
          <h3>Erfasste Einwendungen{list ? ` (${list.length})` : ''}</h3>
          {list === null ? (
            error ? null : (
              <p>Wird geladen …</p>
            )
          ) : list.length === 0 ? (
            <p>Noch keine Einwendung erfasst.</p>
          ) : (
            <ol class="einwendung-list">
              {list.map((e) => (
                <Item key={e.id} e={e} version={target.id} onChanged={put} />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
