/**
 * The change list of a version (audit trail): when, who, what (in German: unit, plan, line with its label,
 * column), old → new, reason, effect. Filtered by unit (the one on screen and those below it), person and
 * period; downloadable as CSV (semicolons, as a German Excel opens it). The entries of one change of several
 * cells (a projection applied: one `group`) stand together under a row naming the change.
 */
import { Head } from './table.js';
import { useEffect, useState } from 'preact/hooks';
import { settingsText } from '../../src/core/audit-text.js';
import { api, type AuditEntry, type AuditQuery, type Session } from './api.js';
import { dateTime, euro } from './format.js';

function value(action: string, v: unknown): string {
  if (action === 'import') return '';
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return euro(v);
  if (typeof v === 'object' && 'amount' in v && typeof v.amount === 'number') {
    const text = 'text' in v && typeof v.text === 'string' ? `${v.text} ` : '';
    return `${text}${euro(v.amount)}`;
  }
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text;
  if (typeof v === 'string') return v;
  const setting = settingsText(v);
  if (setting !== undefined) return setting;
  if (action === 'finding-accept') return 'akzeptiert';
  return '(siehe Protokoll der API)';
}

const ACTION: Readonly<Record<string, string>> = {
  cell: 'Betrag',
  erlaeuterung: 'Erläuterung',
  import: 'Import',
  stage: 'Stufe',
  version: 'Version',
  'version-options': 'Einstellungen',
  'finding-accept': 'Befund akzeptiert',
  einwendung: 'Einwendung',
  user: 'Benutzer',
  'api-token': 'API-Schlüssel',
  'anmeldung-rueckgabe': 'Anmeldung zurückgegeben',
};

/** One CSV field: quoted where needed; a leading =, +, - or @ kept as text (no formula in Excel). */
function field(text: string): string {
  const safe = /^[=+\-@\t\r]/u.test(text) ? `'${text}` : text;
  return /[";\n\r]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

function csvOf(entries: readonly AuditEntry[]): string {
  const head = ['Zeitpunkt', 'Wer', 'Art', 'Was', 'alt', 'neu', 'Begründung', 'Wirkung Jahresergebnis'];
  const rows = entries.map((e) => [
    dateTime(e.at),
    e.actor,
    ACTION[e.action] ?? e.action,
    e.what,
    value(e.action, e.old),
    value(e.action, e.new),
    e.reason,
    e.effect === null ? '' : euro(e.effect),
  ]);
  return `\uFEFF${[head, ...rows].map((r) => r.map(field).join(';')).join('\r\n')}\r\n`;
}

interface Props {
  readonly version: number;
  readonly session: Session | null;
  /** The unit on screen: the filter "nur diese Einheit" takes it and the units below it. */
  readonly unit?: string;
}

export function Audit({ version, session, unit }: Props) {
  const [entries, setEntries] = useState<readonly AuditEntry[] | null>(null);
  const [error, setError] = useState('');
  const [onlyUnit, setOnlyUnit] = useState(false);
  const [user, setUser] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [people, setPeople] = useState<readonly string[]>([]);
  const filter: AuditQuery = {
    ...(onlyUnit && unit !== undefined ? { unit } : {}),
    ...(user !== '' ? { user } : {}),
    ...(from !== '' ? { from } : {}),
    ...(to !== '' ? { to } : {}),
  };
  const key = JSON.stringify(filter);
  useEffect(() => {
    let live = true;
    setError('');
    api
      .audit(version, filter)
      .then((r) => {
        if (!live) return;
        setEntries(r.entries);
        if (key === '{}') setPeople([...new Set(r.entries.map((e) => e.actor))].sort());
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [version, session, key]);
  const download = (): void => {
    if (!entries) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([csvOf(entries)], { type: 'text/csv;charset=utf-8' }));
    link.download = `aenderungen-version-${version}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  return (
    <section aria-labelledby="au-h">
      <h2 id="au-h">Änderungen dieser Version</h2>
      <form class="toolbar audit-filter" onSubmit={(e) => e.preventDefault()} aria-label="Änderungen filtern">
        {unit !== undefined ? (
          <label>
            <input
              type="checkbox"
              checked={onlyUnit}
              onChange={(e) => setOnlyUnit((e.target as HTMLInputElement).checked)}
            />{' '}
            nur Einheit {unit} und darunter
          </label>
        ) : null}{' '}
        <label>
          Person{' '}
          <select value={user} onChange={(e) => setUser((e.target as HTMLSelectElement).value)}>
            <option value="">alle</option>
            {people.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          von{' '}
          <input type="date" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <label>
          bis <input type="date" value={to} onChange={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <button type="button" onClick={download} disabled={!entries || entries.length === 0}>
          Als CSV herunterladen
        </button>
      </form>
      {error ? <p class="error">{error}</p> : null}
      {!entries ? (
        <p>Wird geladen …</p>
      ) : (
        <div class="table-scroll" tabIndex={0} role="region" aria-label="Änderungsliste">
          <table class="audit">
            <caption>Änderungsliste: alt → neu mit Begründung ({entries.length} Einträge)</caption>
            <Head
              cols={[
                'Zeitpunkt',
                'Wer',
                'Art',
                'Was',
                '#alt',
                '#neu',
                'Begründung',
                '#Wirkung Jahresergebnis',
              ]}
            />
            <tbody>
              {entries.map((e, i) => [
                e.group !== null && entries[i - 1]?.group !== e.group ? (
                  <tr key={`g${e.group}`} class="audit-group">
                    <th scope="rowgroup" colSpan={8}>
                      Eine Änderung, {entries.filter((x) => x.group === e.group).length} Beträge in einem
                      Schritt: {e.reason}
                    </th>
                  </tr>
                ) : null,
                <tr key={e.id} class={e.group === null ? undefined : 'in-group'}>
                  <th scope="row">{dateTime(e.at)}</th>
                  <td>{e.actor}</td>
                  <td>{ACTION[e.action] ?? e.action}</td>
                  <td>{e.what}</td>
                  <td class="num">{value(e.action, e.old)}</td>
                  <td class="num">{value(e.action, e.new)}</td>
                  <td>{e.reason}</td>
                  <td class="num">{e.effect === null ? '' : euro(e.effect)}</td>
                </tr>,
              ])}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
