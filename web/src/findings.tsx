/**
 * The findings of `check` on the version: errors and warnings first and loud, rounding notes and hints quiet
 * (one line with the count each, unfolded on demand); filters by severity, rule, unit and status (open or
 * accepted), grouped by rule or by unit with counts, a page at a time (`findings-groups.ts`). Each finding
 * with a button that jumps to its cell, and for the Kämmerei one that accepts it with a reason. Accepted
 * findings are listed apart, with who accepted them and why.
 */
import { useState } from 'preact/hooks';
import { SEVERITIES, type Finding } from '../../src/core/findings.js';
import { formatCount } from '../../src/core/money.js';
import type { Findings, KeyedFinding } from './api.js';
import { Filters, type Status } from './findings-filters.js';
import {
  NO_FILTER,
  PAGE,
  PLURAL,
  byGroup,
  filtered,
  groupOf,
  groups,
  ruleLabel,
  type FindingsFilter,
  type GroupBy,
} from './findings-groups.js';
import { euro } from './format.js';
import { SEVERITY_LABEL } from './plan-table.js';
import './findings.css';

const KIND_LABEL: Readonly<Record<string, string>> = {
  ansatz: 'Ansatz',
  planung: 'Planung',
  ergebnis: 'Ergebnis',
  ve: 'Verpflichtungsermächtigung',
  bisher: 'bisher bereitgestellt',
  gesamt: 'Gesamt',
};

/** Where a finding is: "43.01 · Teilergebnisplan · Zeile 13 · Ansatz 2026". */
export function place(f: Finding): string {
  return [
    f.node,
    f.plan === 'investitionen'
      ? 'Investitionen'
      : f.plan === 'teilfinanzplan'
        ? 'Teilfinanzplan'
        : f.plan === 'teilergebnisplan'
          ? 'Teilergebnisplan'
          : f.plan,
    f.line ? `Zeile ${f.line}` : undefined,
    f.kind && f.year ? `${KIND_LABEL[f.kind] ?? f.kind} ${f.year}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The jump to a finding's cell, for findings that have one in a plan. */
function JumpButton({ f, onJump }: { f: Finding; onJump: (f: Finding) => void }) {
  return f.node && f.plan && f.plan !== 'investitionen' && f.line ? (
    <button type="button" onClick={() => onJump(f)}>
      Zur Zelle springen
    </button>
  ) : null;
}

/** Accepts a finding with a reason: the Kämmerei's decision that it stands (kept apart, with who and why). */
export type AcceptFinding = (f: KeyedFinding, reason: string) => Promise<void>;

function AcceptForm({ f, onAccept }: { f: KeyedFinding; onAccept: AcceptFinding }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Akzeptieren …
      </button>
    );
  const id = `akzeptieren-${f.key}`;
  return (
    <form
      class="accept-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() === '') {
          setError('Bitte eine Begründung angeben: sie steht beim akzeptierten Befund und im Protokoll.');
          return;
        }
        setBusy(true);
        setError('');
        onAccept(f, reason.trim())
          .catch((x: unknown) => setError(x instanceof Error ? x.message : String(x)))
          .finally(() => setBusy(false));
      }}
    >
      <label for={id}>Begründung</label>
      <textarea id={id} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      <button type="submit" disabled={busy}>
        Befund akzeptieren
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Abbrechen
      </button>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function Item({
  f,
  onJump,
  onAccept,
}: {
  f: KeyedFinding;
  onJump: (f: Finding) => void;
  onAccept?: AcceptFinding | undefined;
}) {
  return (
    <li class={`finding sev-${f.severity}`}>
      <span class="sev">{SEVERITY_LABEL[f.severity]}</span> <span class="place">{place(f)}</span>
      <p>{f.message}</p>
      {f.difference !== undefined ? <p class="muted">Differenz: {euro(f.difference)} €</p> : null}
      <JumpButton f={f} onJump={onJump} /> {onAccept ? <AcceptForm f={f} onAccept={onAccept} /> : null}
    </li>
  );
}

/**
 * Errors an edit has just produced, shown at once and loudly (an alert) above the plans, each with its jump;
 * the user need not look into the Befunde to learn that the plan now contradicts itself.
 */
export function NewErrors({
  errors,
  onJump,
  onClose,
}: {
  errors: readonly KeyedFinding[];
  onJump: (f: Finding) => void;
  onClose: () => void;
}) {
  if (errors.length === 0) return null;
  return (
    <section class="new-errors" role="alert" aria-labelledby="ne-h">
      <div class="panel-head">
        <h3 id="ne-h">
          Die Änderung hat {errors.length === 1 ? 'einen Fehler' : `${errors.length} Fehler`} ergeben
        </h3>
        <button type="button" onClick={onClose} aria-label="Fehlermeldung schließen">
          ×
        </button>
      </div>
      <ul>
        {errors.map((f) => (
          <li key={f.key}>
            <span class="place">{place(f)}</span>: {f.message} <JumpButton f={f} onJump={onJump} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A list a page at a time, in the order of its groups with a heading where a group begins; "Weitere anzeigen"
 * adds a page. Nothing beyond the page is rendered (tens of thousands of notes unfold at once).
 */
function Paged<F extends Finding>({
  list,
  by,
  item,
}: {
  list: readonly F[];
  by: GroupBy;
  item: (f: F) => preact.JSX.Element;
}) {
  const [shown, setShown] = useState(PAGE);
  const ordered = byGroup(list, by);
  const page = ordered.slice(0, shown);
  const counts = new Map(groups(list, by).map((g) => [g.name, g.count]));
  return (
    <>
      {page.map((f, i) => {
        const g = groupOf(f, by);
        const starts = i === 0 || groupOf(page[i - 1]!, by) !== g;
        return (
          <div key={i} class="finding-entry">
            {starts ? (
              <h4 class="finding-group">
                {g} ({formatCount(counts.get(g) ?? 0)})
              </h4>
            ) : null}
            <ul>{item(f)}</ul>
          </div>
        );
      })}
      {ordered.length > shown ? (
        <p>
          {formatCount(shown)} von {formatCount(ordered.length)} gezeigt.{' '}
          <button type="button" onClick={() => setShown(shown + PAGE)}>
            Weitere {formatCount(Math.min(PAGE, ordered.length - shown))} anzeigen
          </button>
        </p>
      ) : null}
    </>
  );
}

/** The groups and their counts in one line each; choosing one filters the list to it. */
function GroupCounts({
  list,
  by,
  onChoose,
}: {
  list: readonly Finding[];
  by: GroupBy;
  onChoose: (name: string) => void;
}) {
  const all = groups(list, by);
  if (all.length < 2) return null;
  const top = all.slice(0, 12);
  return (
    <ul class="finding-groups" aria-label={by === 'regel' ? 'Nach Regel' : 'Nach Einheit'}>
      {top.map((g) => (
        <li key={g.name}>
          <button type="button" class="link" onClick={() => onChoose(g.name)}>
            {g.name}
          </button>
          : {formatCount(g.count)}
        </li>
      ))}
      {all.length > top.length ? <li>und {formatCount(all.length - top.length)} weitere</li> : null}
    </ul>
  );
}

/** A severity's findings folded: one line with the count; the list rendered only once unfolded. */
function Folded({ summary, children }: { summary: string; children: () => preact.JSX.Element }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? children() : null}
    </details>
  );
}

function AcceptedItem({ f }: { f: Findings['accepted'][number] }) {
  return (
    <li class="finding accepted">
      <span class="place">{place(f)}</span> <p>{f.message}</p>
      <p class="muted">
        Akzeptiert{f.acceptance.acceptedBy ? ` von ${f.acceptance.acceptedBy}` : ''}: {f.acceptance.reason}
      </p>
    </li>
  );
}

export function FindingsPanel({
  findings,
  node,
  onJump,
  onAccept,
}: {
  findings: Findings | null;
  node?: string;
  onJump: (f: Finding) => void;
  /** Given to the Kämmerei: each open finding can be accepted with a reason. */
  onAccept?: AcceptFinding | undefined;
}) {
  const [filter, setFilter] = useState<FindingsFilter>(NO_FILTER);
  const [by, setBy] = useState<GroupBy>('regel');
  const [status, setStatus] = useState<Status>('offen');
  if (!findings) return <p>Befunde werden geladen …</p>;
  const scope = <F extends Finding>(list: readonly F[]): F[] =>
    node ? list.filter((f) => f.node === node) : [...list];
  const openAll = scope(findings.open);
  const acceptedAll = scope(findings.accepted);
  const open = filtered(openAll, filter);
  const accepted = filtered(acceptedAll, filter);
  const choose = (name: string): void => {
    if (by === 'regel') {
      const rule = openAll.find((f) => ruleLabel(f.rule) === name)?.rule;
      setFilter({ ...filter, rule: rule ?? '' });
    } else setFilter({ ...filter, unit: name === 'ohne Einheit' ? '' : name });
  };
  const item = (f: KeyedFinding) => <Item key={f.key} f={f} onJump={onJump} onAccept={onAccept} />;
  const headingId = node ? 'bf-h-node' : 'bf-h';
  return (
    <section aria-labelledby={headingId} class="findings">
      <h2 id={headingId}>Befunde der Prüfung{node ? ` für ${node}` : ''}</h2>
      <p>
        {SEVERITIES.map(
          (s) => `${formatCount(open.filter((f) => f.severity === s).length)} ${PLURAL[s]}`,
        ).join(' · ')}
        {acceptedAll.length > 0 ? ` · ${formatCount(acceptedAll.length)} akzeptiert` : ''}
      </p>
      {openAll.length + acceptedAll.length > 0 ? (
        <Filters
          all={[...openAll, ...acceptedAll]}
          filter={filter}
          setFilter={setFilter}
          by={by}
          setBy={setBy}
          status={status}
          setStatus={setStatus}
          idPrefix={node ? 'bfn' : 'bfv'}
        />
      ) : null}
      {status === 'offen'
        ? SEVERITIES.map((s) => {
            const list = open.filter((f) => f.severity === s);
            if (list.length === 0) return null;
            const body = () => (
              <>
                <GroupCounts list={list} by={by} onChoose={choose} />
                <Paged list={list} by={by} item={item} />
              </>
            );
            return s === 'error' || s === 'warning' ? (
              <section key={s} aria-label={PLURAL[s]}>
                <h3>
                  {PLURAL[s]} ({formatCount(list.length)})
                </h3>
                {body()}
              </section>
            ) : (
              <Folded key={s} summary={`${PLURAL[s]} (${formatCount(list.length)})`}>
                {body}
              </Folded>
            );
          })
        : null}
      {status === 'offen' && accepted.length > 0 ? (
        <details>
          <summary>Akzeptierte Befunde ({formatCount(accepted.length)})</summary>
          <Paged list={accepted} by={by} item={(f) => <AcceptedItem key={f.key} f={f} />} />
        </details>
      ) : null}
      {status === 'akzeptiert' ? (
        accepted.length > 0 ? (
          <section aria-label="Akzeptierte Befunde">
            <h3>Akzeptierte Befunde ({formatCount(accepted.length)})</h3>
            <Paged list={accepted} by={by} item={(f) => <AcceptedItem key={f.key} f={f} />} />
          </section>
        ) : (
          <p>Keine akzeptierten Befunde{filter !== NO_FILTER ? ' mit diesem Filter' : ''}.</p>
        )
      ) : null}
    </section>
  );
}
