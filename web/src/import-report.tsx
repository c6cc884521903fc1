/**
 * What an upload would become (the import wizard's preview, `POST /api/imports/preview`) and, after the import,
 * what it became: the units found per level, the budget at a glance, every file's reconciliation (read = placed
 * + outside, per column, with the reasons), the layout recognised, and the findings — counted per rule, the
 * rounding notes in one line, the errors, warnings and hints each with its place (file, page, line).
 */
import type { Finding } from '../../src/core/findings.js';
import type { ImportPreview } from './api.js';
import { euro } from './format.js';
import { OverviewTable, overviewSource } from './overview-table.js';
import { place } from './findings.js';

/** Singular and plural of each level. */
const LEVEL = {
  haushalt: ['Gesamthaushalt', 'Gesamthaushalte'],
  produktbereich: ['Produktbereich', 'Produktbereiche'],
  produktgruppe: ['Produktgruppe', 'Produktgruppen'],
  produkt: ['Produkt', 'Produkte'],
} as const;
const SEVERITY = { error: 'Fehler', warning: 'Warnung', rounding: 'Rundung', info: 'Hinweis' };
const PLAN_SHORT = {
  teilergebnisplan: 'TEP',
  teilfinanzplan: 'TFP',
  gesamtergebnisplan: 'GEP',
  gesamtfinanzplan: 'GFP',
};

/** Where in the file: "plan.pdf, Seite 4, Zeile 12". */
export function sourceText(f: Finding): string {
  const s = f.source;
  if (!s) return '';
  return [
    s.file,
    s.page !== undefined ? `Seite ${s.page}` : undefined,
    s.line > 0 ? `Zeile ${s.line}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
}

type Reconciliation = ImportPreview['reconciliation'][number];
const columnText = (c: Reconciliation['column']) =>
  `${c.kind === 'ergebnis' ? 'Ergebnis' : c.kind === 'ansatz' ? 'Ansatz' : c.kind === 'planung' ? 'Planung' : c.kind === 've' ? 'VE' : c.kind} ${c.year}`;

function ReconciliationTable({ rows }: { rows: readonly Reconciliation[] }) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Abgleich der Beträge">
      <table class="reconciliation" id="abgleich">
        <caption>Abgleich je Datei und Spalte: gelesen = in Plänen + außerhalb (Euro)</caption>
        <thead>
          <tr>
            <th scope="col">Datei</th>
            <th scope="col">Spalte</th>
            <th scope="col" class="num">
              gelesen
            </th>
            <th scope="col" class="num">
              in Plänen
            </th>
            <th scope="col" class="num">
              außerhalb
            </th>
            <th scope="col">Grund (außerhalb)</th>
            <th scope="col" class="num">
              Differenz
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{r.file}</td>
              <td>{columnText(r.column)}</td>
              <td class="num">
                {euro(r.read.amount)} ({r.read.count})
              </td>
              <td class="num">{euro(r.placed.amount)}</td>
              <td class="num">{euro(r.outside.reduce((t, o) => t + o.amount, 0))}</td>
              <td>{r.outside.map((o) => `${o.reason} (${o.count})`).join('; ')}</td>
              <td class="num">{r.difference === 0 ? '0 ✓' : euro(r.difference)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportReport({ preview }: { preview: ImportPreview }) {
  const p = preview;
  const o = p.summary.overview;
  const open = p.reconciliation.filter((r) => r.difference !== 0).length;
  return (
    <div class="import-report">
      <section aria-labelledby="erkannt-h">
        <h3 id="erkannt-h">Erkannt</h3>
        <p id="erkannt">
          {p.title ?? 'Ohne Titel'}
          {p.year ? `, Haushaltsjahr ${p.year}` : ''}:{' '}
          {(['haushalt', 'produktbereich', 'produktgruppe', 'produkt'] as const)
            .filter((l) => p.levels[l] > 0)
            .map((l) => `${p.levels[l]} ${LEVEL[l][p.levels[l] === 1 ? 0 : 1]}`)
            .join(', ')}{' '}
          aus {p.files.join(', ')}.
        </p>
        {p.layout.map((l) => (
          <p class="muted" key={l.file}>
            Gestaltung von {l.file}: {l.traits.join('; ')}
          </p>
        ))}
        <details>
          <summary>Einheiten ({p.unitsTotal})</summary>
          <ul class="units">
            {p.units.map((u) => (
              <li key={u.code}>
                <span class="code">{u.code}</span> {u.name}{' '}
                <span class="muted">{u.plans.map((t) => PLAN_SHORT[t]).join(' ')}</span>
              </li>
            ))}
          </ul>
          {p.unitsTotal > p.units.length ? (
            <p class="muted">… und {p.unitsTotal - p.units.length} weitere.</p>
          ) : null}
        </details>
      </section>
      {o ? (
        <section aria-labelledby="vorschau-ergebnis-h">
          <h3 id="vorschau-ergebnis-h">Jahresergebnis</h3>
          <p class="muted">{overviewSource(o)}</p>
          <OverviewTable overview={o} id="vorschau-ueberblick" />
        </section>
      ) : null}
      <section aria-labelledby="abgleich-h">
        <h3 id="abgleich-h">Abgleich der Beträge</h3>
        <p class={open === 0 ? 'report-ok' : 'error'}>
          {open === 0
            ? `Jeder gelesene Betrag steht in einem Plan oder ist mit Grund außerhalb aufgeführt (${p.reconciliation.length} Spalten).`
            : `${open} Spalten gehen nicht auf.`}
        </p>
        <ReconciliationTable rows={p.reconciliation} />
      </section>
      <section aria-labelledby="vorschau-befunde-h">
        <h3 id="vorschau-befunde-h">Befunde</h3>
        <p id="vorschau-befunde">
          {p.findings.counts.error} Fehler, {p.findings.counts.warning} Warnungen, {p.findings.counts.info}{' '}
          Hinweise
          {p.findings.rounding.count > 0
            ? `; ${p.findings.rounding.count} Rundungsdifferenzen in ${p.findings.rounding.units} Einheiten (höchstens ${euro(p.findings.rounding.largest)} €)`
            : ''}
          .
        </p>
        {p.listed.length > 0 ? (
          <ul class="findings-list">
            {p.listed.map((f, i) => (
              <li key={i} class={`finding sev-${f.severity}`}>
                <span class="sev">{SEVERITY[f.severity]}</span> <span class="place">{place(f)}</span>
                {f.source ? <span class="source"> · {sourceText(f)}</span> : null}
                <p>{f.message}</p>
              </li>
            ))}
          </ul>
        ) : null}
        {p.findings.counts.error + p.findings.counts.warning + p.findings.counts.info > p.listed.length ? (
          <p class="muted">
            Gezeigt sind die ersten {p.listed.length}; alle stehen nach dem Import unter Befunde.
          </p>
        ) : null}
      </section>
    </div>
  );
}
