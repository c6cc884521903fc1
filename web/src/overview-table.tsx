/**
 * The budget at a glance as the start page and the import preview show it (`GET /api/versions/:v/summary`,
 * `src/server/overview.ts`): the Gesamtergebnisplan's totals over the years as a table (amounts as the plan
 * prints them, so the Jahresergebnis equals the Gesamtergebnisplan's line), a small SVG chart of Erträge and
 * Aufwendungen — both drawn upwards, Aufwendungen positive as the book shows them — with the Jahresergebnis
 * beside them, and the Haushaltsausgleich per year. No chart library: the first view stays light.
 */
import type { Summary } from './api.js';
import { euro } from './format.js';

export type Overview = NonNullable<Summary['overview']>;

/** Where the figures come from, in words for readers. */
export function overviewSource(o: Overview): string {
  return o.source === 'gesamtplan'
    ? 'Aus dem Gesamtergebnisplan.'
    : `Kein Gesamtergebnisplan eingelesen: die Teilergebnispläne der Produktbereiche ${o.summed.join(', ')} ` +
        `zusammengezählt${o.left.length > 0 ? ` (nicht enthalten: ${o.left.join(', ')})` : ''}.`;
}

export function OverviewTable({ overview, id }: { overview: Overview; id: string }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table class="overview" id={id}>
        <caption id={`${id}-caption`}>
          {overview.source === 'gesamtplan' ? 'Gesamtergebnisplan' : 'Summe der Teilergebnispläne'} (Euro)
        </caption>
        <thead>
          <tr>
            <th scope="col">Zeile</th>
            {overview.columns.map((c) => (
              <th scope="col" class="num" key={`${c.kind}${c.year}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {overview.lines.map((l) => (
            <tr key={l.line} id={`${id}-zeile-${l.line}`} class={l.jahresergebnis ? 'result' : undefined}>
              <th scope="row">
                {l.line} {l.label}
              </th>
              {l.cells.map((c, i) => (
                <td class="num" key={i}>
                  {euro(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const H = 160;
const BAR = 14;

/** Erträge and Aufwendungen (both upwards) and the Jahresergebnis (signed) per column. */
export function ResultChart({ overview }: { overview: Overview }) {
  const n = overview.columns.length;
  const all = [...overview.ertraege, ...overview.aufwendungen, ...overview.jahresergebnis].map((v) => v ?? 0);
  // room above the line for the largest amount, below it for the largest Fehlbetrag
  const up = Math.max(0, ...all);
  const down = Math.max(0, ...all.map((v) => -v));
  const span = Math.max(1, up + down);
  const group = 3 * BAR + 18;
  const width = n * group + 10;
  const zero = 8 + ((H - 16) * up) / span;
  const scale = (v: number | null) => ((v ?? 0) / span) * (H - 16);
  const bar = (x: number, v: number | null, cls: string, title: string) => {
    const h = scale(v);
    return (
      <rect x={x} y={h >= 0 ? zero - h : zero} width={BAR} height={Math.max(1, Math.abs(h))} class={cls}>
        <title>{title}</title>
      </rect>
    );
  };
  return (
    <figure class="result-chart">
      <svg
        viewBox={`0 0 ${width} ${H + 30}`}
        width="100%"
        style={{ maxWidth: `${width * 1.6}px` }}
        role="img"
        aria-label="Erträge, Aufwendungen und Jahresergebnis je Jahr"
      >
        <line x1="0" x2={width} y1={zero} y2={zero} class="axis" />
        {overview.columns.map((c, i) => {
          const x = 5 + i * group;
          return (
            <g key={`${c.kind}${c.year}`}>
              {bar(
                x,
                overview.ertraege[i] ?? null,
                'in',
                `${c.label}: Erträge ${euro(overview.ertraege[i])} €`,
              )}
              {bar(
                x + BAR,
                overview.aufwendungen[i] ?? null,
                'out',
                `${c.label}: Aufwendungen ${euro(overview.aufwendungen[i])} €`,
              )}
              {bar(
                x + 2 * BAR,
                overview.jahresergebnis[i] ?? null,
                (overview.jahresergebnis[i] ?? 0) < 0 ? 'net minus' : 'net',
                `${c.label}: Jahresergebnis ${euro(overview.jahresergebnis[i])} €`,
              )}
              <text x={x + 1.5 * BAR} y={H + 12} class="tick">
                {c.kind === 'ergebnis' ? 'Erg.' : c.kind === 'ansatz' ? 'Ans.' : 'Plan.'}
              </text>
              <text x={x + 1.5 * BAR} y={H + 26} class="tick">
                {c.year}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span class="key in" /> Erträge <span class="key out" /> Aufwendungen (positiv, wie im Haushaltsplan){' '}
        <span class="key net" /> Jahresergebnis (unter der Linie: Fehlbetrag)
      </figcaption>
    </figure>
  );
}

/**
 * Haushaltsausgleich per planned year: § 75 Abs. 2 GO NRW holds the budget balanced when the Erträge reach the
 * Aufwendungen in the Ergebnisplan; a Fehlbetrag may still be balanced by the Ausgleichsrücklage (fiktiver
 * Ausgleich, § 75 Abs. 2 Satz 3 GO NRW), which the plan's figures alone do not show.
 */
export function Balance({ overview }: { overview: Overview }) {
  const planned = overview.columns
    .map((c, i) => ({ c, v: overview.jahresergebnis[i] ?? null }))
    .filter((x) => x.c.kind === 'ansatz' || x.c.kind === 'planung');
  return (
    <ul class="balance">
      {planned.map(({ c, v }) => (
        <li key={`${c.kind}${c.year}`} class={v === null ? 'none' : v >= 0 ? 'ok' : 'minus'}>
          <strong>{c.label}:</strong>{' '}
          {v === null
            ? 'kein Jahresergebnis'
            : v >= 0
              ? `ausgeglichen (Überschuss ${euro(v)} €)`
              : `Fehlbetrag ${euro(-v)} €`}
        </li>
      ))}
    </ul>
  );
}
