/**
 * Two versions side by side (the Veränderungsnachweis): every cell that differs with both values and the
 * difference highlighted, and the effect on the Jahresergebnis. (The step to the next stage is in the stepper
 * below the header, `stepper.tsx`.)
 */
import { useEffect, useState } from 'preact/hooks';
import { STAGE_LABEL } from '../../src/core/workflow.js';
import { api, type VersionDiff, type VersionInfo } from './api.js';
import { delta, euro } from './format.js';
import { columnTitle } from './node-texts.js';

interface Props {
  readonly versions: readonly VersionInfo[];
  readonly current: number;
  readonly node: string;
}

const name = (v: VersionInfo): string =>
  `Nr. ${v.id} · ${v.label || STAGE_LABEL[v.stage]} (${STAGE_LABEL[v.stage]})`;

export function Compare({ versions, current, node }: Props) {
  const others = versions.filter((v) => v.id !== current);
  const [from, setFrom] = useState<number | undefined>(
    versions.find((v) => v.id === current)?.basedOn ?? others[others.length - 1]?.id,
  );
  const [onlyNode, setOnlyNode] = useState(false);
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (from === undefined) return;
    setDiff(null);
    api
      .diff(from, current)
      .then(setDiff)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [from, current]);
  const cells = diff
    ? diff.cells.filter((c) => !onlyNode || c.node === node || c.node.startsWith(`${node}.`))
    : [];
  return (
    <section aria-labelledby="cmp-h">
      <h2 id="cmp-h">Versionen vergleichen</h2>
      {others.length === 0 ? (
        <p>Es gibt nur diese eine Version dieses Haushalts.</p>
      ) : (
        <p>
          <label>
            Vergleichen mit{' '}
            <select value={String(from ?? '')} onChange={(e) => setFrom(Number(e.currentTarget.value))}>
              {others.map((v) => (
                <option key={v.id} value={String(v.id)}>
                  {name(v)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            <input
              type="checkbox"
              checked={onlyNode}
              onChange={(e) => setOnlyNode(e.currentTarget.checked)}
            />{' '}
            nur {node}
          </label>
        </p>
      )}
      {error ? <p class="error">{error}</p> : null}
      {diff ? (
        <>
          {diff.jahresergebnis.length > 0 ? (
            <p>
              Wirkung auf das Jahresergebnis:{' '}
              {diff.jahresergebnis.map((j) => `${columnTitle(j.column)}: ${delta(j.delta)} €`).join(' · ')}
            </p>
          ) : null}
          <div class="table-scroll" tabIndex={0} role="region" aria-label="Unterschiede">
            <table class="plan diff">
              <caption>
                Veränderungsnachweis: Version {diff.from} → Version {diff.to}, {cells.length} geänderte
                Beträge
              </caption>
              <thead>
                <tr>
                  <th scope="col">Einheit</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Zeile</th>
                  <th scope="col">Spalte</th>
                  <th scope="col" class="num">
                    Version {diff.from}
                  </th>
                  <th scope="col" class="num">
                    Version {diff.to}
                  </th>
                  <th scope="col" class="num">
                    Differenz
                  </th>
                </tr>
              </thead>
              <tbody>
                {cells.map((c, i) => (
                  <tr key={i} class="changed">
                    <th scope="row">{c.node}</th>
                    <td>
                      {c.plan === 'teilergebnisplan'
                        ? 'Teilergebnisplan'
                        : c.plan === 'teilfinanzplan'
                          ? 'Teilfinanzplan'
                          : c.plan}
                    </td>
                    <td>{c.line}</td>
                    <td>{columnTitle(c.column)}</td>
                    <td class="num">{euro(c.from)}</td>
                    <td class="num">{euro(c.to)}</td>
                    <td class="num diff-value">{delta((c.to ?? 0) - (c.from ?? 0))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {diff.texts.length > 0 ? <p>Geänderte Texte in: {diff.texts.join(', ')}</p> : null}
        </>
      ) : from !== undefined && !error ? (
        <p>Wird verglichen …</p>
      ) : null}
    </section>
  );
}
