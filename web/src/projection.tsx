/**
 * Projection of the planning years of the node's Teilergebnisplan: growth in % per line and year (default:
 * Personalaufwendungen +1 %, other lines flat), a preview of every cell that would change (bisher → neu), and
 * applying it as one change of all its cells with one reason (all or nothing; a refusal names the cell).
 */
import { Head } from './table.js';
import { useState } from 'preact/hooks';
import type { PlanType } from '../../src/core/model.js';
import { defaultGrowth, deviatesFromRule, project } from '../../src/core/projection.js';
import type { NodeView } from './api.js';
import { euro, parsePercent, percent } from './format.js';

export interface ProjectionEdit {
  readonly plan: PlanType;
  readonly line: string;
  readonly column: { kind: 'planung'; year: number };
  readonly amount: number;
  readonly rev: number;
}

export function Projection({
  view,
  onApply,
}: {
  view: NodeView;
  onApply: (edits: ProjectionEdit[], reason: string) => Promise<void>;
}) {
  const plan = view.plans.find((p) => p.type === 'teilergebnisplan') ?? view.plans[0]!;
  const [open, setOpen] = useState(false);
  const [rates, setRates] = useState<Record<string, string>>({});
  /** Lines chosen or left by the user (else: projected unless planned otherwise than by the rule). */
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const [reason, setReason] = useState('Fortschreibung der Planungsjahre');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const candidates = plan.lines.filter(
    (l) => !l.total && l.editable && l.cells.some((c) => c.amount !== null),
  );
  const rateOf = (line: string, label: string): number => {
    const typed = rates[line];
    return typed === undefined ? defaultGrowth(label) : (parsePercent(typed) ?? defaultGrowth(label));
  };
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Planungsjahre fortschreiben …
      </button>
    );
  const planned = (l: (typeof candidates)[number]): boolean =>
    deviatesFromRule(plan.columns, l, rateOf(l.line, l.label));
  const included = (l: { line: string; label: string }): boolean =>
    chosen[l.line] ?? !planned(l as (typeof candidates)[number]);
  const preview = project(
    plan.columns,
    plan.lines,
    (l) => rateOf(l.line, l.label),
    (l) => included(l),
  );
  return (
    <section class="projection" aria-labelledby="pj-h">
      <h3 id="pj-h">Planungsjahre fortschreiben ({plan.label})</h3>
      <p>
        Wachstum in % pro Jahr, ausgehend vom letzten Ansatz; gerundet auf volle Euro. Zeilen, deren
        Planungsjahre anders geplant sind als nach ihrer Regel (etwa fallende Abschreibungen), bleiben, wie
        sie sind, bis Sie sie auswählen.
      </p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Wachstumsraten">
        <table>
          <caption>Wachstum je Zeile</caption>
          <thead>
            <tr>
              <th scope="col">Zeile</th>
              <th scope="col">% pro Jahr</th>
              <th scope="col">fortschreiben</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((l) => (
              <tr key={l.line}>
                <th scope="row">
                  {l.line} {l.label}
                </th>
                <td>
                  <input
                    aria-label={`Wachstum Zeile ${l.line} in % pro Jahr`}
                    size={6}
                    value={rates[l.line] ?? percent(defaultGrowth(l.label))}
                    onInput={(e) => {
                      setRates({ ...rates, [l.line]: e.currentTarget.value });
                      // a rate typed for a line chooses it
                      setChosen({ ...chosen, [l.line]: true });
                    }}
                    aria-invalid={rates[l.line] !== undefined && parsePercent(rates[l.line]!) === undefined}
                  />
                </td>
                <td>
                  <label>
                    <input
                      type="checkbox"
                      name={`fortschreiben-${l.line}`}
                      aria-label={`Zeile ${l.line} fortschreiben (${planned(l) ? 'eigene Planung' : 'nach Regel'})`}
                      checked={included(l)}
                      onChange={(e) => setChosen({ ...chosen, [l.line]: e.currentTarget.checked })}
                    />{' '}
                    {planned(l) ? 'eigene Planung' : 'nach Regel'}
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="Vorschau">
        <table id="projektion-vorschau">
          <caption>Vorschau: {preview.length} Beträge ändern sich</caption>
          <Head cols={['Zeile', 'Jahr', '#bisher', '#neu']} />
          <tbody>
            {preview.map((p) => (
              <tr key={`${p.line}-${p.column.year}`} class="changed">
                <th scope="row">{p.line}</th>
                <td>Planung {p.column.year}</td>
                <td class="num">{euro(p.from)}</td>
                <td class="num">{euro(p.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label>
        Begründung <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>{' '}
      <button
        type="button"
        disabled={busy || preview.length === 0 || reason.trim() === ''}
        onClick={() => {
          setBusy(true);
          onApply(
            preview.map((p) => ({
              plan: plan.type,
              line: p.line,
              column: p.column,
              amount: p.to,
              rev: p.rev,
            })),
            reason.trim(),
          )
            .then(() => setOpen(false))
            .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
            .finally(() => setBusy(false));
        }}
      >
        Übernehmen
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        Abbrechen
      </button>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
