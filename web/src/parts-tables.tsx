/**
 * The Übersichten of the Haushaltsplan (`parts-view.tsx`): the Haushaltsquerschnitt (per Produktbereich the
 * totals of its Teilpläne, with the sum row; § 1 Abs. 2 Nr. 3 KomHVO NRW) and the overview of the
 * Verpflichtungsermächtigungen. A difference the checks found is marked in its cell (with the plans' amount
 * beside the printed one), in its row's heading and in its column's heading; the findings are listed below.
 */
import type { PartsView } from './api.js';
import { euro } from './format.js';
import {
  CheckedCell,
  ColumnHead,
  FindingList,
  Mark,
  PartTable,
  Origin,
  badColumns,
  fundstelle,
  type FindingIndex,
  type PartFinding,
} from './parts-common.js';

type Q = NonNullable<PartsView['querschnitt']>;
type V = NonNullable<PartsView['ve']>;
type Money = Q['rows'][number]['cells'][number]['value'];

function title(value: Money, derived: number | null, basis: string | null): string {
  return [
    value?.source ? `Fundstelle: ${fundstelle(value.source)}` : '',
    derived !== null ? `aus den Plänen: ${euro(derived)}${basis ? ` (${basis})` : ''}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function QuerschnittPart({
  q,
  index,
  findings,
}: {
  q: Q;
  index: FindingIndex;
  findings: readonly PartFinding[];
}) {
  const bad = badColumns(q.rows, index);
  return (
    <>
      <Origin origin={q.origin} source={q.source} />
      <PartTable label={`Haushaltsquerschnitt ${q.year}`} class="querschnitt" plan>
        <caption>
          Ansatz {q.year}, in EUR; Aufwendungen und Auszahlungen negativ
          {q.signs === 'positive' ? ' (gedruckt positiv)' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="nr">
              Nr.
            </th>
            <th scope="col">Produktbereich</th>
            {q.columns.map((c) => (
              <ColumnHead key={c.id} id={c.id} label={c.short} title={c.label} bad={bad} />
            ))}
          </tr>
        </thead>
        <tbody>
          {q.rows.map((r) => {
            const rowFound = [
              ...index.serious(r.findings),
              ...r.cells.flatMap((c) => index.serious(c.findings)),
            ];
            return (
              <tr
                key={r.code || 'summe'}
                id={`querschnitt-${r.code || 'summe'}`}
                class={
                  [r.sum ? 'total' : '', rowFound.length > 0 ? 'diff' : ''].filter(Boolean).join(' ') ||
                  undefined
                }
              >
                <td class="nr">{r.code}</td>
                <th
                  scope="row"
                  class="label"
                  title={r.source ? `Fundstelle: ${fundstelle(r.source)}` : undefined}
                >
                  {r.name}
                  {index.serious(r.findings).length > 0 ? <Mark found={index.serious(r.findings)} /> : null}
                </th>
                {r.cells.map((c) => (
                  <CheckedCell key={c.column} c={c} index={index} against="Pläne" />
                ))}
              </tr>
            );
          })}
        </tbody>
      </PartTable>
      <p class="note">{q.columns.map((c) => `${c.short}: ${c.label}`).join(' · ')}</p>
      <FindingList findings={findings} index={index} title="Befunde des Haushaltsquerschnitts" />
    </>
  );
}

export function VePart({
  v,
  index,
  findings,
}: {
  v: V;
  index: FindingIndex;
  findings: readonly PartFinding[];
}) {
  return (
    <>
      <Origin origin={v.origin} source={v.source} />
      <PartTable label={`Verpflichtungsermächtigungen ${v.year}`} class="ve" plan>
        <caption>Verpflichtungsermächtigungen {v.year} nach Produktbereichen, in EUR</caption>
        <thead>
          <tr>
            <th scope="col" class="nr">
              Nr.
            </th>
            <th scope="col">Produktbereich</th>
            <th scope="col" class="num">
              VE {v.year}
            </th>
            {v.years.map((y) => (
              <th scope="col" class="num" key={y}>
                fällig {y}
              </th>
            ))}
            <th scope="col" class="num">
              laut Teilfinanzplan
            </th>
          </tr>
        </thead>
        <tbody>
          {v.rows.map((r) => {
            const found = index.serious(r.findings);
            return (
              <tr
                key={r.code || 'summe'}
                class={
                  [r.sum ? 'total' : '', found.length > 0 ? 'diff' : ''].filter(Boolean).join(' ') ||
                  undefined
                }
              >
                <td class="nr">{r.code}</td>
                <th scope="row" class="label">
                  {r.name}
                </th>
                <td
                  class={`num${found.length > 0 ? ' diff' : ''}`}
                  title={title(r.ve, r.derived, null) || undefined}
                >
                  {r.ve ? euro(r.ve.amount) : ''}
                  <Mark found={found} />
                </td>
                {r.faellig.map((f) => (
                  <td
                    class="num"
                    key={f.year}
                    title={f.value?.source ? `Fundstelle: ${fundstelle(f.value.source)}` : undefined}
                  >
                    {f.value ? euro(f.value.amount) : ''}
                  </td>
                ))}
                <td class="num derived">{r.derived !== null ? euro(r.derived) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </PartTable>
      {v.years.length === 0 ? <p class="note">Die Jahre der Fälligkeit nennen die Pläne nicht.</p> : null}
      <FindingList findings={findings} index={index} title="Befunde der VE-Übersicht" />
    </>
  );
}
