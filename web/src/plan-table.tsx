/**
 * One plan in the statutory layout: line number, label, one column per year and kind, totals in bold and set
 * apart; a column printed in T€ says so in its header and shows its amounts in thousands. Cells with findings
 * are marked by severity (errors loud, rounding quiet); cells just changed by an edit flash (underlined dotted
 * until the server confirms them); editable cells are buttons that open the edit dialog; a line with an
 * Erläuterung opens it beside; a cell with a Fachbereich's request carries its mark (`anmeldung-marks.tsx`).
 */
import { Component } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Finding } from '../../src/core/findings.js';
import type { PlanType } from '../../src/core/model.js';
import { RequestMark } from './anmeldung-marks.js';
import type { LineView, NodeRequest, PlanView } from './api.js';
import { printedAmount } from './format.js';
import { ensureTabStop, gridKey, makeTabStop, placeOf } from './grid-keys.js';

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

/** Errors and warnings of a line, their text in the page beside the line (not only a tooltip on the mark). */
function LineFindings({
  plan,
  lineMark,
  marks,
}: {
  plan: PlanView;
  lineMark: Finding | undefined;
  marks: readonly (Finding | undefined)[];
}) {
  const loud = [lineMark, ...marks].filter(
    (f, i, all): f is Finding =>
      f !== undefined &&
      (f.severity === 'error' || f.severity === 'warning') &&
      all.findIndex((g) => g?.message === f.message) === i,
  );
  if (loud.length === 0) return null;
  return (
    <>
      {loud.map((f) => {
        const col = plan.columns.find((c) => c.kind === f.kind && c.year === f.year);
        return (
          <span key={f.message} class={`line-finding line-finding-${f.severity}`}>
            <strong>
              {SEVERITY_LABEL[f.severity]}
              {col ? ` (${col.label})` : ''}:
            </strong>{' '}
            {f.message}
          </span>
        );
      })}
    </>
  );
}

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
  /** Cells whose edit is shown but not yet confirmed by the server (not editable meanwhile). */
  readonly pending: ReadonlySet<string>;
  readonly withErlaeuterung: ReadonlySet<string>;
  /** The Anmeldung's requests by cell key (empty for those who may not see them). */
  readonly requests: ReadonlyMap<string, NodeRequest>;
  readonly selectedLine: string | undefined;
  readonly onSelectLine: (plan: PlanType, line: string) => void;
  /** Opens a cell's edit; `typed`: the characters that started it from the keyboard (they replace the amount). */
  readonly onEdit: (plan: PlanView, line: LineView, column: number, typed?: string) => void;
}

/** The table's callbacks as of its last render, for rows that are not rendered again. */
interface Handlers {
  onSelectLine: Props['onSelectLine'];
  onEdit: Props['onEdit'];
}

interface RowProps {
  readonly plan: PlanView;
  readonly line: LineView;
  readonly lineMark: Finding | undefined;
  /** Per column: the cell's worst finding, whether it just changed, whether its edit awaits the server. */
  readonly marks: readonly (Finding | undefined)[];
  readonly changed: readonly boolean[];
  readonly pending: readonly boolean[];
  readonly requests: readonly (NodeRequest | undefined)[];
  readonly selected: boolean;
  readonly hasErl: boolean;
  readonly handlers: Handlers;
}

const sameItems = <T,>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * One line of the plan. Rendered again only when what it shows changed: an edit changes a handful of the
 * hundred lines of a node's plans, and diffing all of them was most of the time an edit took to show.
 */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const p = this.props;
    return !(
      p.line === next.line &&
      p.plan.columns === next.plan.columns &&
      p.lineMark === next.lineMark &&
      p.selected === next.selected &&
      p.hasErl === next.hasErl &&
      sameItems(p.marks, next.marks) &&
      sameItems(p.changed, next.changed) &&
      sameItems(p.pending, next.pending) &&
      sameItems(p.requests, next.requests)
    );
  }

  override render() {
    const {
      plan,
      line: l,
      lineMark,
      marks,
      changed,
      pending,
      requests,
      selected,
      hasErl,
      handlers,
    } = this.props;
    const classes = [
      l.total ? 'total' : '',
      l.printed ? '' : 'unprinted',
      selected ? 'selected' : '',
      lineMark ? `sev-${lineMark.severity}` : '',
    ].join(' ');
    return (
      <tr class={classes} id={`zeile-${plan.type}-${l.line}`}>
        <td class="nr">{l.line}</td>
        <th scope="row" class="label" tabIndex={-1}>
          <button
            type="button"
            tabIndex={-1}
            class="link"
            aria-expanded={selected}
            onClick={() => handlers.onSelectLine(plan.type, l.line)}
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
          <LineFindings plan={plan} lineMark={lineMark} marks={marks} />
        </th>
        {l.cells.map((cell, i) => {
          const col = plan.columns[i]!;
          const mark = marks[i];
          const busy = pending[i] === true;
          const cls = [
            'num',
            mark ? `sev-${mark.severity}` : '',
            changed[i] ? 'changed' : '',
            busy ? 'pending' : '',
          ].join(' ');
          const text = printedAmount(cell, col.unit);
          const editable = l.editable && EDITABLE_KINDS.has(col.kind) && col.locked === null;
          const label = `${l.label}, ${col.label}${col.unit === 'T€' ? ' in T€' : ''}`;
          return (
            <td
              key={`${col.kind}:${col.year}`}
              id={cellId(plan.type, l.line, col.kind, col.year)}
              class={cls}
              tabIndex={-1}
              aria-busy={busy || undefined}
            >
              {editable ? (
                <button
                  type="button"
                  tabIndex={-1}
                  class="cell-edit"
                  aria-label={`${label}: ${text || 'leer'} – ${busy ? 'wird gespeichert' : 'ändern'}`}
                  // not `disabled`: the dialog gives the focus back to this button while the edit is saved
                  aria-disabled={busy || undefined}
                  onClick={() => {
                    if (!busy) handlers.onEdit(plan, l, i);
                  }}
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
              {requests[i] ? <RequestMark r={requests[i]} /> : null}
            </td>
          );
        })}
      </tr>
    );
  }
}

/** The keys of `cells` in one plan of one node (a handful: the cells of the last edit). */
function ofPlan(cells: ReadonlySet<string>, node: string, plan: string): string {
  const prefix = `${node}|${plan}|`;
  let out = '';
  for (const k of cells) if (k.startsWith(prefix)) out += `${k};`;
  return out;
}

/**
 * The table is rendered again only when something of its plan changed: an edit of the Teilergebnisplan leaves
 * the Teilfinanzplan as it is, and of the rest only the rows that changed are rendered again (`Row`).
 */
export class PlanTable extends Component<Props> {
  override shouldComponentUpdate(next: Props): boolean {
    // the rows call the callbacks of the latest render, rendered again or not
    this.handlers.onSelectLine = next.onSelectLine;
    this.handlers.onEdit = next.onEdit;
    const p = this.props;
    const type = next.plan.type;
    const line = (l: string | undefined): string | undefined => (l?.startsWith(`${type}:`) ? l : undefined);
    return !(
      p.plan === next.plan &&
      p.node === next.node &&
      p.marks === next.marks &&
      p.withErlaeuterung === next.withErlaeuterung &&
      p.requests === next.requests &&
      line(p.selectedLine) === line(next.selectedLine) &&
      ofPlan(p.changed, p.node, type) === ofPlan(next.changed, next.node, type) &&
      ofPlan(p.pending, p.node, type) === ofPlan(next.pending, next.node, type)
    );
  }

  private readonly handlers: Handlers = { onSelectLine: this.props.onSelectLine, onEdit: this.props.onEdit };

  override render() {
    return <Table {...this.props} handlers={this.handlers} />;
  }
}

/** Below this width the plans open at the budget year (the reading view of a phone). */
const NARROW = '(max-width: 800px)';

/**
 * Scrolls a plan that is wider than its region so that the budget year's Ansatz (the last Ansatz column) is the
 * first amount beside the line numbers and labels, which stay where they are; the years before it are a swipe
 * to the right away. Only on narrow screens: a wide one shows every column anyway. False: not laid out yet.
 */
function showBudgetYear(table: HTMLTableElement, plan: PlanView): boolean {
  if (!window.matchMedia(NARROW).matches) return true;
  const region = table.parentElement;
  // not laid out at its width yet (or it fits: nothing to scroll)
  if (!region || region.scrollWidth <= region.clientWidth) return false;
  let at = -1;
  plan.columns.forEach((c, i) => {
    if (c.kind === 'ansatz' && (at < 0 || c.year >= plan.columns[at]!.year)) at = i;
  });
  const head = table.tHead?.rows[0];
  const th = at >= 0 ? head?.cells[at + 2] : undefined;
  if (!head || !th) return true;
  const sticky = head.cells[0]!.offsetWidth + head.cells[1]!.offsetWidth;
  region.scrollLeft = Math.max(0, th.offsetLeft - sticky);
  return true;
}

/** What the caption says of the amounts: in €, in T€ (a plan printed in thousands), or both by column. */
function unitCaption(plan: PlanView): string {
  if (plan.columns.length > 0 && plan.columns.every((c) => c.unit === 'T€')) return 'Beträge in T€';
  return plan.columns.some((c) => c.unit === 'T€')
    ? 'Beträge in €, Spalten „in T€“ in Tausend Euro'
    : 'Beträge in €';
}

function Table({
  node,
  plan,
  marks,
  changed,
  pending,
  withErlaeuterung,
  requests,
  selectedLine,
  handlers,
}: Omit<Props, 'onSelectLine' | 'onEdit'> & { readonly handlers: Handlers }) {
  const ref = useRef<HTMLTableElement>(null);
  // one Tab stop per plan, also after rows were rendered anew
  useLayoutEffect(() => {
    if (ref.current) ensureTabStop(ref.current);
  });
  // on a phone the budget year first: the amounts scrolled so that its Ansatz stands beside the label
  useLayoutEffect(() => {
    // the table may get its final width a few frames later (fonts, the panel beside): tried until then
    let frame = 0;
    let tries = 0;
    const attempt = (): void => {
      if (ref.current && !showBudgetYear(ref.current, plan) && ++tries < 30)
        frame = requestAnimationFrame(attempt);
    };
    attempt();
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [node, plan.type]);
  const onKeyDown = (e: KeyboardEvent): void => {
    const table = ref.current;
    if (!table) return;
    const used = gridKey(table, e, ({ row, col }, cell, typed) => {
      const line = plan.lines[row];
      if (!line) return;
      if (col === 0) {
        handlers.onSelectLine(plan.type, line.line);
        return;
      }
      const button = cell.querySelector<HTMLButtonElement>('button.cell-edit');
      if (!button || button.getAttribute('aria-disabled') === 'true') return;
      if (document.activeElement !== button) cell.focus();
      handlers.onEdit(plan, line, col - 1, typed);
    });
    if (used) e.preventDefault();
  };
  return (
    // the region is no Tab stop of its own: the plan's one Tab stop is a cell inside it (grid-keys.ts)
    <div
      class="table-scroll"
      role="region"
      aria-label={`${plan.label} ${node}`}
      onKeyDown={onKeyDown}
      onFocusIn={(e) => {
        const at = ref.current ? placeOf(ref.current, e.target) : undefined;
        if (at && ref.current) makeTabStop(ref.current, at.cell);
      }}
    >
      <table class="plan" id={`plan-${plan.type}`} ref={ref}>
        <caption>
          {plan.label} {node}
          {plan.schemaTitle ? <span class="muted"> · {plan.schemaTitle}</span> : null}
          <span class="muted"> · {unitCaption(plan)}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col" class="nr">
              Nr.
            </th>
            <th scope="col">Bezeichnung</th>
            {plan.columns.map((c) => (
              <th
                scope="col"
                class={c.locked ? 'num locked' : 'num'}
                key={`${c.kind}:${c.year}`}
                title={c.locked ?? undefined}
              >
                {c.label}
                {c.unit === 'T€' ? <span class="unit"> in T€</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {plan.lines.map((l) => {
            const lineKey = `${plan.type}:${l.line}`;
            const keys = plan.columns.map((c) => cellKey(node, plan.type, l.line, c.kind, c.year));
            return (
              <Row
                key={l.line}
                plan={plan}
                line={l}
                lineMark={marks.get(`${node}|${plan.type}|${l.line}|*`)}
                marks={keys.map((k) => marks.get(k))}
                changed={keys.map((k) => changed.has(k))}
                pending={keys.map((k) => pending.has(k))}
                requests={keys.map((k) => requests.get(k))}
                selected={selectedLine === lineKey}
                hasErl={withErlaeuterung.has(lineKey)}
                handlers={handlers}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
