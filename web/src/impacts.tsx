/**
 * What the last edit changed: the cell and every total that moved with it, old → new, in this node and further
 * up, one table per plan and column: a row per line, a pair of columns (bisher, neu) per unit, so that a line's
 * way up the hierarchy reads across. A panel kept at the bottom of the window, below the plans in the page's
 * order: it moves nothing the user is looking at (the plans stay where they were when the dialog closes), and it
 * can be folded to its heading or closed. While it is there, the page scrolls a focused element (the edited cell, a cell reached with Tab) above
 * it, not under it.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import { PLAN_LABEL } from '../../src/core/model.js';
import type { StoredCell } from '../../src/store/api.js';
import { euro } from './format.js';
import { columnTitle } from './node-texts.js';

export interface Impact {
  readonly cell: Pick<StoredCell, 'node' | 'plan' | 'line' | 'column' | 'amount'>;
  readonly old: number | null | undefined;
}

/** The impacts of one plan and column: a line per row, a unit per pair of columns (bisher, neu). */
interface Group {
  readonly key: string;
  readonly title: string;
  readonly plan: string;
  readonly nodes: string[];
  readonly lines: string[];
  readonly cells: Map<string, Impact>;
}

const byNumber = new Intl.Collator('de-DE', { numeric: true }).compare;

/** The impacts by plan and column, in the order they came; lines in the plan's order, units bottom-up. */
export function groupImpacts(impacts: readonly Impact[]): Group[] {
  const groups = new Map<string, Group>();
  for (const i of impacts) {
    const { plan, column, node, line } = i.cell;
    const key = `${plan}|${column.kind}|${column.year}`;
    let g = groups.get(key);
    if (!g) {
      const title = `${PLAN_LABEL[plan]} · ${columnTitle(column)}`;
      g = { key, title, plan, nodes: [], lines: [], cells: new Map() };
      groups.set(key, g);
    }
    if (!g.nodes.includes(node)) g.nodes.push(node);
    if (!g.lines.includes(line)) g.lines.push(line);
    g.cells.set(`${line}|${node}`, i);
  }
  for (const g of groups.values()) g.lines.sort(byNumber);
  return [...groups.values()];
}

interface Props {
  readonly impacts: readonly Impact[];
  /** The list shown, or only the heading. */
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly onClose: () => void;
  readonly hrefOf: (code: string) => string;
  /** A line's label, where the page knows it. */
  readonly labelOf: (plan: string, line: string) => string | undefined;
}

export function Impacts({ impacts, open, onToggle, onClose, hrefOf, labelOf }: Props) {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.style.scrollPaddingBottom = `${(ref.current?.offsetHeight ?? 0) + 8}px`;
    const focused = document.activeElement;
    // the whole row of the cell, not only its button
    if (focused instanceof HTMLElement && focused.closest('table.plan'))
      (focused.closest('tr') ?? focused).scrollIntoView({ block: 'nearest' });
    return () => {
      root.style.scrollPaddingBottom = '';
    };
  }, [impacts, open]);
  return (
    <section class="impacts" aria-labelledby="imp-h" ref={ref}>
      <div class="impacts-head">
        <h3 id="imp-h">
          Auswirkungen der letzten Änderung ({impacts.length} {impacts.length === 1 ? 'Wert' : 'Werte'})
        </h3>
        <button type="button" aria-expanded={open} aria-controls="imp-liste" onClick={onToggle}>
          {open ? 'Einklappen' : 'Aufklappen'}
        </button>
        <button type="button" onClick={onClose}>
          Schließen
        </button>
      </div>
      {open ? (
        <div id="imp-liste" class="impacts-list" tabIndex={0} role="region" aria-labelledby="imp-h">
          {groupImpacts(impacts).map((g) => (
            <table key={g.key}>
              <caption>{g.title}</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>
                    Zeile
                  </th>
                  {g.nodes.map((n) => (
                    <th scope="colgroup" colSpan={2} key={n}>
                      <a href={hrefOf(n)}>{n}</a>
                    </th>
                  ))}
                </tr>
                <tr>
                  {g.nodes.map((n) => [
                    <th scope="col" class="num" key={`${n}-alt`}>
                      bisher
                    </th>,
                    <th scope="col" class="num" key={`${n}-neu`}>
                      neu
                    </th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {g.lines.map((l) => (
                  <tr key={l}>
                    <th scope="row">
                      {l} {labelOf(g.plan, l) ?? ''}
                    </th>
                    {g.nodes.map((n) => {
                      const c = g.cells.get(`${l}|${n}`);
                      return [
                        <td class="num" key={`${n}-alt`}>
                          {c?.old === undefined ? '' : euro(c.old)}
                        </td>,
                        <td class="num new" key={`${n}-neu`}>
                          {c ? euro(c.cell.amount) : ''}
                        </td>,
                      ];
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      ) : null}
    </section>
  );
}
