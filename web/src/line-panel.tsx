/**
 * Beside a plan line: the Fachbereiche's requests for its cells (for those who may see the Anmeldung), its
 * Erläuterung items (each editable for users who may edit the node) and where every
 * imported value of the line came from (document, page, line), read from the node as imported. "Quelle
 * ansehen" opens the stored document at that place (`source-viewer.tsx`, loaded on first use).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BudgetNode, Erlaeuterung, PlanType, Source } from '../../src/core/model.js';
import { formatThousands } from '../../src/core/money.js';
import { LineRequests } from './anmeldung-marks.js';
import type { LineView, NodeRequest, PlanView } from './api.js';
import { euro } from './format.js';
import { Lazy } from './lazy.js';
import { columnTitle } from './node-texts.js';

export function sourceText(s: Source | undefined): string {
  if (!s) return 'nicht erfasst';
  const file = s.file.split(/[\\/]/u).pop() ?? s.file;
  return `${file}${s.page !== undefined ? `, Seite ${s.page}` : ''}, Zeile ${s.line}`;
}

interface Props {
  readonly version: number;
  readonly plan: PlanView;
  readonly line: LineView;
  readonly erlaeuterungen: readonly { readonly index: number; readonly e: Erlaeuterung }[];
  readonly imported: BudgetNode | undefined;
  readonly editable: boolean;
  readonly onEditItem: (index: number, item: number | undefined) => void;
  readonly onClose: () => void;
  /** The Anmeldung's requests for the line's cells. */
  readonly requests?: readonly NodeRequest[];
  /** Scroll the panel into view when it opens (it is not beside the line but below the plan). */
  readonly reveal?: boolean;
}

export function LinePanel({
  version,
  plan,
  line,
  erlaeuterungen,
  imported,
  editable,
  onEditItem,
  onClose,
  requests = [],
  reveal = false,
}: Props) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (reveal) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [plan.type, line.line, reveal]);
  const [viewing, setViewing] = useState<{ source: Source; label: string } | null>(null);
  const view = (source: Source | undefined, label: string) =>
    source ? (
      <button
        type="button"
        class="view-source"
        aria-label={`Quelle ansehen: ${label}`}
        onClick={() => setViewing({ source, label })}
      >
        Quelle ansehen
      </button>
    ) : null;
  const importedLine = imported?.plans
    .find((p) => p.type === plan.type)
    ?.lines.find((l) => l.line === line.line);
  return (
    <aside class="line-panel" aria-labelledby="lp-h" id="zeilen-details" ref={ref}>
      <div class="panel-head">
        <h3 id="lp-h" tabIndex={-1}>
          Zeile {line.line}: {line.label}
        </h3>
        <button type="button" onClick={onClose} aria-label="Details schließen">
          ×
        </button>
      </div>
      {line.printedLabel && line.printedLabel !== line.label ? (
        <p class="muted">Gedruckt als „{line.printedLabel}“</p>
      ) : null}
      {line.notEditableBecause ? <p class="muted">{line.notEditableBecause}</p> : null}
      <LineRequests requests={requests} />
      <h4>Erläuterung</h4>
      {erlaeuterungen.length === 0 ? <p class="muted">Keine Erläuterung zu dieser Zeile.</p> : null}
      {erlaeuterungen.map(({ index, e }) => (
        <div class="erlaeuterung" key={index}>
          {e.title ? <p class="erl-title">{e.title}</p> : null}
          {e.intro.map((t, i) => (
            <p key={i}>{t}</p>
          ))}
          {e.items.length > 0 ? (
            <table class="items">
              <caption class="sr-only">Posten der Erläuterung zu Zeile {line.line}</caption>
              <thead>
                <tr>
                  <th scope="col">Posten</th>
                  <th scope="col" class="num">
                    Betrag €
                  </th>
                  {editable ? (
                    <th scope="col">
                      <span class="sr-only">Ändern</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {e.items.map((it, ii) => (
                  <tr key={ii} id={`posten-${index}-${ii}`}>
                    <th scope="row" class="label">
                      {it.letter ? `${it.letter}) ` : ''}
                      {it.text}
                      {it.previous ? (
                        <span class="muted">
                          {' '}
                          (={' '}
                          {it.previous.kind === 'ansatz'
                            ? 'Ansatz'
                            : it.previous.kind === 'ergebnis'
                              ? 'Ergebnis'
                              : it.previous.kind}{' '}
                          {it.previous.year}
                          {it.previous.amount !== undefined ? `: ${euro(it.previous.amount)}` : ''})
                        </span>
                      ) : null}
                      {it.reason ? <span class="muted"> {it.reason}</span> : null}
                      {it.remark ? <span class="muted"> · {it.remark}</span> : null}
                      {it.source ? <span class="source"> · Quelle: {sourceText(it.source)}</span> : null}
                    </th>
                    <td class="num">{euro(it.amount)}</td>
                    {editable ? (
                      <td>
                        <button
                          type="button"
                          onClick={() => onEditItem(index, ii)}
                          aria-label={`Posten ${it.letter ?? ii + 1} ändern`}
                        >
                          Ändern
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {e.closing.map((t, i) => (
            <p key={i}>{t}</p>
          ))}
          {editable ? (
            <button type="button" onClick={() => onEditItem(index, undefined)}>
              Posten anfügen
            </button>
          ) : null}
        </div>
      ))}
      <h4>Quellen</h4>
      <dl class="sources">
        <dt>Zeile</dt>
        <dd>
          {imported ? sourceText(importedLine?.source) : 'wird geladen …'}{' '}
          {view(importedLine?.source, `Zeile ${line.line}`)}
        </dd>
        {plan.columns.map((c) => {
          const cell = importedLine?.cells.find((x) => x.column.kind === c.kind && x.column.year === c.year);
          return cell ? (
            <div key={`${c.kind}:${c.year}`}>
              <dt>{columnTitle(c)}</dt>
              <dd>
                {euro(cell.amount)} €
                {cell.scale === 1000 ? ` (gedruckt ${formatThousands(cell.amount)} T€)` : ''} ·{' '}
                {sourceText(cell.source)} {view(cell.source, `Zeile ${line.line}, ${columnTitle(c)}`)}
              </dd>
            </div>
          ) : null;
        })}
      </dl>
      {viewing ? (
        <Lazy
          load={() => import('./source-viewer.js').then((m) => m.SourceViewer)}
          props={{ version, source: viewing.source, label: viewing.label, onClose: () => setViewing(null) }}
        />
      ) : null}
    </aside>
  );
}

export function erlaeuterungenOf(
  list: readonly Erlaeuterung[],
  plan: PlanType,
  line: string,
): { index: number; e: Erlaeuterung }[] {
  return list.map((e, index) => ({ index, e })).filter(({ e }) => e.plan === plan && e.line === line);
}
