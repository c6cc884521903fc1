/**
 * The findings of `check` on the version: errors and warnings first and loud, rounding notes and hints quiet
 * (collapsed); each finding with a button that jumps to its cell, and for the Kämmerei one that accepts it with
 * a reason. Accepted findings are listed apart, with who accepted them and why.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { SEVERITIES, type Finding } from '../../src/core/findings.js';
import type { Findings, KeyedFinding } from './api.js';
import { euro } from './format.js';
import { SEVERITY_LABEL } from './plan-table.js';

const PLURAL: Readonly<Record<Finding['severity'], string>> = {
  error: 'Fehler',
  warning: 'Warnungen',
  rounding: 'Rundungsdifferenzen',
  info: 'Hinweise',
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
    f.kind && f.year
      ? `${f.kind === 'ansatz' ? 'Ansatz' : f.kind === 'planung' ? 'Planung' : f.kind} ${f.year}`
      : undefined,
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

/** Folded findings, their list rendered only once opened (a big budget has tens of thousands of notes). */
function Folded({ summary, content }: { summary: string; content: () => JSX.Element }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? content() : null}
    </details>
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
  if (!findings) return <p>Befunde werden geladen …</p>;
  const open = node ? findings.open.filter((f) => f.node === node) : findings.open;
  return (
    <section aria-labelledby="bf-h" class="findings">
      <h2 id="bf-h">Befunde der Prüfung{node ? ` für ${node}` : ''}</h2>
      <p>
        {SEVERITIES.map((s) => `${open.filter((f) => f.severity === s).length} ${PLURAL[s]}`).join(' · ')}
      </p>
      {SEVERITIES.map((s) => {
        const list = open.filter((f) => f.severity === s);
        if (list.length === 0) return null;
        const items = () => (
          <ul>
            {list.map((f) => (
              <Item key={f.key} f={f} onJump={onJump} onAccept={onAccept} />
            ))}
          </ul>
        );
        return s === 'error' || s === 'warning' ? (
          <section key={s} aria-label={PLURAL[s]}>
            <h3>
              {PLURAL[s]} ({list.length})
            </h3>
            {items()}
          </section>
        ) : (
          <Folded key={s} summary={`${PLURAL[s]} (${list.length})`} content={items} />
        );
      })}
      {findings.accepted.length > 0 ? (
        <details>
          <summary>Akzeptierte Befunde ({findings.accepted.length})</summary>
          <ul>
            {findings.accepted.map((f) => (
              <li key={f.key} class="finding accepted">
                <span class="place">{place(f)}</span> <p>{f.message}</p>
                <p class="muted">
                  Akzeptiert{f.acceptance.acceptedBy ? ` von ${f.acceptance.acceptedBy}` : ''}:{' '}
                  {f.acceptance.reason}
                </p>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
