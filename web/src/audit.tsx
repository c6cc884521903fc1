/**
 * The change list of a version (audit trail): when, who, what, old → new, reason, effect. The entries of one
 * change of several cells (a projection applied: one `group`) stand together under a row naming the change.
 */
import { Head } from './table.js';
import { useEffect, useState } from 'preact/hooks';
import { api, type AuditEntry, type Session } from './api.js';
import { dateTime, euro } from './format.js';

function value(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return euro(v);
  if (typeof v === 'object' && 'amount' in v && typeof v.amount === 'number') {
    const text = 'text' in v && typeof v.text === 'string' ? `${v.text} ` : '';
    return `${text}${euro(v.amount)}`;
  }
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return v.text;
  return JSON.stringify(v);
}

const ACTION: Readonly<Record<string, string>> = {
  cell: 'Betrag',
  erlaeuterung: 'Erläuterung',
  import: 'Import',
  stage: 'Stufe',
  version: 'Version',
  'finding-accept': 'Befund akzeptiert',
};

export function Audit({ version, session }: { version: number; session: Session | null }) {
  const [entries, setEntries] = useState<readonly AuditEntry[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api
      .audit(version)
      .then((r) => setEntries(r.entries))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [version, session]);
  if (error) return <p class="error">{error}</p>;
  if (!entries) return <p>Wird geladen …</p>;
  return (
    <section aria-labelledby="au-h">
      <h2 id="au-h">Änderungen dieser Version</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Änderungsliste">
        <table class="audit">
          <caption>Änderungsliste: alt → neu mit Begründung ({entries.length} Einträge)</caption>
          <Head
            cols={['Zeitpunkt', 'Wer', 'Art', 'Was', '#alt', '#neu', 'Begründung', '#Wirkung Jahresergebnis']}
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
                <td>{e.target.split('|').join(' · ')}</td>
                <td class="num">{e.action === 'import' ? '' : value(e.old)}</td>
                <td class="num">{e.action === 'import' ? '' : value(e.new)}</td>
                <td>{e.reason}</td>
                <td class="num">{e.effect === null ? '' : euro(e.effect)}</td>
              </tr>,
            ])}
          </tbody>
        </table>
      </div>
    </section>
  );
}
