/**
 * The Anlagen of the Haushaltsplan (`parts-view.tsx`): the Investitionsprogramm (measures × years with bisher and
 * Gesamtausgabe, the sum row; § 84 GO NRW), the Übersicht über den voraussichtlichen Stand der Verbindlichkeiten
 * (kinds × the three Stände, the sum, the Investitionskredite against Aufnahme and Tilgung of the
 * Gesamtfinanzplan) and the Zuwendungen an die Fraktionen (§ 56 Abs. 3 GO NRW). A difference the checks found is
 * marked in its cell with the figure of the plans (or of the part's other cells) beside the printed one, in its
 * row's heading and its column's heading; the findings are listed below.
 */
import type { PartsView } from './api.js';
import { euro } from './format.js';
import {
  CheckedCell,
  ColumnHead,
  FindingList,
  Mark,
  Origin,
  PartTable,
  badColumns,
  fundstelle,
  type FindingIndex,
  type PartFinding,
} from './parts-common.js';

type P = NonNullable<PartsView['investitionsprogramm']>;
type V = NonNullable<PartsView['verbindlichkeiten']>;
type F = NonNullable<PartsView['fraktionen']>;
interface Props<T> {
  readonly index: FindingIndex;
  readonly findings: readonly PartFinding[];
  readonly part: T;
}

function rowClass(sum: boolean, diff: boolean): string | undefined {
  return [sum ? 'total' : '', diff ? 'diff' : ''].filter(Boolean).join(' ') || undefined;
}

const slug = (s: string): string => s.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/gu, '');

export function ProgrammPart({ part: p, index, findings }: Props<P>) {
  const bad = badColumns(p.rows, index);
  return (
    <>
      <Origin origin={p.origin} source={p.source} />
      <PartTable label={`Investitionsprogramm ${p.year}`} class="programm" plan>
        <caption>
          Investitionsprogramm {p.year}, in EUR; Auszahlungen negativ
          {p.signs === 'positive' ? ' (gedruckt positiv)' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="nr">
              Nr.
            </th>
            <th scope="col">Maßnahme</th>
            {p.columns.map((c) => (
              <ColumnHead key={c.id} id={c.id} label={c.label} bad={bad} />
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => {
            const own = index.serious(r.findings);
            const diff = own.length > 0 || r.cells.some((c) => index.serious(c.findings).length > 0);
            return (
              <tr
                key={r.number || 'summe'}
                id={`programm-${r.sum ? 'summe' : slug(r.number)}`}
                class={rowClass(r.sum, diff)}
              >
                <td class="nr">{r.number}</td>
                <th
                  scope="row"
                  class="label"
                  title={
                    [
                      r.unit ? `Teilfinanzplan ${r.unit}` : '',
                      r.source ? `Fundstelle: ${fundstelle(r.source)}` : '',
                    ]
                      .filter(Boolean)
                      .join('\n') || undefined
                  }
                >
                  {r.name}
                  <Mark found={own} />
                </th>
                {r.cells.map((c) => (
                  <CheckedCell key={c.column} c={c} index={index} against="Pläne" />
                ))}
              </tr>
            );
          })}
        </tbody>
      </PartTable>
      <p class="note">
        bisher: bis zum Vorjahr bereitgestellt; Gesamt: die Gesamtausgabe der Maßnahme (bisher, Ansatz und
        Planung). „Pläne“: der Betrag der Maßnahme im Teilfinanzplan, in der Summenzeile die Summe der
        Maßnahmen.
      </p>
      <FindingList findings={findings} index={index} title="Befunde des Investitionsprogramms" />
    </>
  );
}

export function VerbindlichkeitenPart({ part: v, index, findings }: Props<V>) {
  const bad = badColumns(v.rows, index);
  return (
    <>
      <Origin origin={v.origin} source={v.source} />
      <PartTable label={`Verbindlichkeiten ${v.year}`} class="verbindlichkeiten no-nr" plan>
        <caption>Voraussichtlicher Stand der Verbindlichkeiten, Haushaltsjahr {v.year}, in EUR</caption>
        <thead>
          <tr>
            <th scope="col">Art der Verbindlichkeiten</th>
            {v.columns.map((c) => (
              <ColumnHead key={c.id} id={c.id} label={`Stand ${c.date}`} bad={bad} />
            ))}
          </tr>
        </thead>
        <tbody>
          {v.rows.map((r) => {
            const diff = r.cells.some((c) => index.serious(c.findings).length > 0);
            return (
              <tr
                key={r.kind ?? r.label}
                id={`verbindlichkeiten-${r.sum ? 'summe' : (r.kind ?? slug(r.label))}`}
                class={rowClass(r.sum, diff)}
              >
                <th
                  scope="row"
                  class="label"
                  title={r.source ? `Fundstelle: ${fundstelle(r.source)}` : undefined}
                >
                  {r.label}
                </th>
                {r.cells.map((c) => (
                  <CheckedCell
                    key={c.column}
                    c={c}
                    index={index}
                    against={r.sum ? 'Zeilen' : 'Gesamtfinanzplan'}
                  />
                ))}
              </tr>
            );
          })}
        </tbody>
      </PartTable>
      <p class="note">{v.columns.map((c) => `Stand ${c.date}: ${c.label}`).join(' · ')}</p>
      {v.movements.map((m) => {
        const found = index.serious(m.findings);
        return (
          <PartTable key={m.kind} label={`${m.label}: Prüfung gegen den Gesamtfinanzplan`} class="kredite">
            <caption>
              {m.label}: Stand am Ende gegen Aufnahme und Tilgung des Gesamtfinanzplans {v.year}
            </caption>
            <tbody>
              <tr>
                <th scope="row">Stand {v.columns.find((c) => c.id === 'beginn')?.date ?? ''}</th>
                <td class="num">{euro(m.beginn)}</td>
              </tr>
              <tr>
                <th scope="row">+ Aufnahme (Gesamtfinanzplan)</th>
                <td class="num">{m.aufnahme === null ? '–' : euro(m.aufnahme)}</td>
              </tr>
              <tr>
                <th scope="row">− Tilgung (Gesamtfinanzplan)</th>
                <td class="num">{m.tilgung === null ? '–' : euro(m.tilgung)}</td>
              </tr>
              <tr class="total">
                <th scope="row">= erwarteter Stand am Ende</th>
                <td class="num">{m.expected === null ? '–' : euro(m.expected)}</td>
              </tr>
              <tr class={found.length > 0 ? 'diff' : undefined} id={`kredite-${m.kind}`}>
                <th scope="row">gedruckter Stand am Ende</th>
                <td class={`num${found.length > 0 ? ' diff' : ''}`}>
                  {euro(m.ende)}
                  <Mark found={found} />
                </td>
              </tr>
            </tbody>
          </PartTable>
        );
      })}
      {v.movements.length === 0 ? (
        <p class="note">
          Aufnahme und Tilgung der Investitionskredite stehen in keinem Gesamtfinanzplan des Haushalts: der
          Stand am Ende ist nicht gegen die Pläne prüfbar.
        </p>
      ) : null}
      <FindingList findings={findings} index={index} title="Befunde der Verbindlichkeiten" />
    </>
  );
}

export function FraktionenPart({ part: f, index, findings }: Props<F>) {
  const bad = badColumns(f.rows, index);
  return (
    <>
      <Origin origin={f.origin} source={f.source} />
      <PartTable label="Zuwendungen an die Fraktionen" class="fraktionen no-nr" plan>
        <caption>
          Zuwendungen an die Fraktionen{f.year !== null ? ` ${f.year}` : ''} (§ 56 Abs. 3 GO NRW), in EUR
        </caption>
        <thead>
          <tr>
            <th scope="col">Fraktion</th>
            {f.columns.map((c) => (
              <ColumnHead key={c.id} id={c.id} label={c.label} bad={bad} />
            ))}
          </tr>
        </thead>
        <tbody>
          {f.rows.map((r, i) => {
            const diff = r.cells.some((c) => index.serious(c.findings).length > 0);
            return (
              <tr key={`${i}-${r.name}`} id={`fraktion-${r.sum ? 'summe' : i}`} class={rowClass(r.sum, diff)}>
                <th
                  scope="row"
                  class="label"
                  title={r.source ? `Fundstelle: ${fundstelle(r.source)}` : undefined}
                >
                  {r.name}
                </th>
                {r.cells.map((c) => (
                  <CheckedCell key={c.column} c={c} index={index} against={r.sum ? 'Zeilen' : 'Spalten'} />
                ))}
              </tr>
            );
          })}
        </tbody>
      </PartTable>
      <FindingList findings={findings} index={index} title="Befunde der Zuwendungen an die Fraktionen" />
    </>
  );
}
