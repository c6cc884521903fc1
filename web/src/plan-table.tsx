/**
 * One plan in the statutory layout: line number, label, one column per year and kind, totals in bold and set
 * apart. Cells with findings are marked by severity (errors loud, rounding quiet); cells just changed by an
 * edit flash; editable cells are buttons that open the edit dialog; a line with an Erläuterung opens it beside.
 */
import type { Finding } from '../../src/core/findings.js';
import type { PlanType } from '../../src/core/model.js';
import type { LineView, PlanView } from './api.js';
import { euro } from './format.js';

export const EDITABLE_KINDS: ReadonlySet<string> = new Set(['ansatz', 'planung']);

export const cellId = (plan: string, line: string, kind: string, year: number): string =>
  `zelle-${plan}-${line}-${kind}-${year}`;
export const cellKey = (node: string, plan: string, line: string, kind: string, year: number): string =>
  `${node}|${plan}|${line}|${kind}:${year}`;

const SEVERITY_RANK: Readonly<Record<Finding['severity'], number>> = {
  error: 4,
  warning: 3,
  rounding: 2,
  info: 1,
};
export const SEVERITY_LABEL: Readonly<Record<Finding['severity'], string>> = {
  error: 'Fehler',
  warning: 'Warnung',
  rounding: 'Rundungsdifferenz',
  info: 'Hinweis',
};

/** The sign beside a cell with a finding: plain characters every font has, set apart by CSS. */
const MARK: Readonly<Record<Finding['severity'], string>> = {
  error: '!',
  warning: '!',
  rounding: '·',
  info: 'i',
};

/** The worst finding per cell key (and per line, under `node|plan|line|*`). */
export function findingMarks(findings: readonly Finding[]): Map<string, Finding> {
  const marks = new Map<string, Finding>();
  const put = (key: string, f: Finding): void => {
    const had = marks.get(key);
    if (!had || SEVERITY_RANK[f.severity] > SEVERITY_RANK[had.severity]) marks.set(key, f);
  };
  for (const f of findings) {
    if (!f.node || !f.plan || !f.line) continue;
    if (f.kind !== undefined && f.year !== undefined) put(cellKey(f.node, f.plan, f.line, f.kind, f.year), f);
    else put(`${f.node}|${f.plan}|${f.line}|*`, f);
  }
  return marks;
}

interface Props {
  readonly node: string;
  readonly plan: PlanView;
  readonly marks: ReadonlyMap<string, Finding>;
  readonly changed: ReadonlySet<string>;
  readonly withErlaeuterung: ReadonlySet<string>;
  readonly selectedLine: string | undefined;
  readonly onSelectLine: (plan: PlanType, line: string) => void;
  readonly onEdit: (plan: PlanView, line: LineView, column: number) => void;
}

export function PlanTable({
  node,
  plan,
  marks,
  changed,
  withErlaeuterung,
  selectedLine,
  onSelectLine,
  onEdit,
}: Props) {
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={`${plan.label} ${node}`}>
      <table class="plan" id={`plan-${plan.type}`}>
        <caption>
          {plan.label} {node}
          {plan.schemaTitle ? <span class="muted"> · {plan.schemaTitle}</span> : null}
          <span class="muted"> · Beträge in €</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" class="nr">
              Nr.
            </th>
            <th scope="col">Bezeichnung</th>
            {plan.columns.map((c) => (
              <th scope="col" class="num" key={`${c.kind}:${c.year}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {plan.lines.map((l) => {
            const lineKey = `${plan.type}:${l.line}`;
            const lineMark = marks.get(`${node}|${plan.type}|${l.line}|*`);
            const hasErl = withErlaeuterung.has(lineKey);
            const classes = [
              l.total ? 'total' : '',
              l.printed ? '' : 'unprinted',
              selectedLine === lineKey ? 'selected' : '',
              lineMark ? `sev-${lineMark.severity}` : '',
            ].join(' ');
            return (
              <tr key={l.line} class={classes} id={`zeile-${plan.type}-${l.line}`}>
                <td class="nr">{l.line}</td>
                <th scope="row" class="label">
                  <button
                    type="button"
                    class="link"
                    aria-expanded={selectedLine === lineKey}
                    onClick={() => onSelectLine(plan.type, l.line)}
                    title={hasErl ? 'Erläuterung und Quelle zeigen' : 'Quelle zeigen'}
                  >
                    {l.label}
                  </button>
                  {hasErl ? (
                    <span class="erl-mark" title="mit Erläuterung">
                      <span aria-hidden="true">E</span>
                      <span class="sr-only"> (mit Erläuterung)</span>
                    </span>
                  ) : null}
                </th>
                {l.cells.map((cell, i) => {
                  const col = plan.columns[i]!;
                  const key = cellKey(node, plan.type, l.line, col.kind, col.year);
                  const mark = marks.get(key);
                  const cls = [
                    'num',
                    mark ? `sev-${mark.severity}` : '',
                    changed.has(key) ? 'changed' : '',
                  ].join(' ');
                  const text = euro(cell.amount);
                  const editable = l.editable && EDITABLE_KINDS.has(col.kind);
                  const label = `${l.label}, ${col.label}`;
                  return (
                    <td
                      key={`${col.kind}:${col.year}`}
                      id={cellId(plan.type, l.line, col.kind, col.year)}
                      class={cls}
                      tabIndex={-1}
                    >
                      {editable ? (
                        <button
                          type="button"
                          class="cell-edit"
                          aria-label={`${label}: ${text || 'leer'} – ändern`}
                          onClick={() => onEdit(plan, l, i)}
                        >
                          <span class="amount">{text || '–'}</span>
                        </button>
                      ) : (
                        <span class="amount">{text}</span>
                      )}
                      {mark ? (
                        <span class={`mark mark-${mark.severity}`} title={mark.message}>
                          <span aria-hidden="true">{MARK[mark.severity]}</span>
                          <span class="sr-only">
                            {' '}
                            ({SEVERITY_LABEL[mark.severity]}: {mark.message})
                          </span>
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
