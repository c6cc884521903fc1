/**
 * What the last edit changed: the cell and every total that moved with it, old → new, in this node and further
 * up. A panel kept at the bottom of the window, below the plans in the page's order: it moves nothing the user
 * is looking at (the plans stay where they were when the dialog closes), and it can be folded to its heading or
 * closed. While it is there, the page scrolls a focused element (the edited cell, a cell reached with Tab) above
 * it, not under it.
 */
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { StoredCell } from '../../src/store/api.js';
import { euro } from './format.js';
import { Head } from './table.js';

export interface Impact {
  readonly cell: Pick<StoredCell, 'node' | 'plan' | 'line' | 'column' | 'amount'>;
  readonly old: number | null | undefined;
}

const PLAN_NAME: Readonly<Record<string, string>> = {
  teilergebnisplan: 'Teilergebnisplan',
  teilfinanzplan: 'Teilfinanzplan',
  gesamtergebnisplan: 'Gesamtergebnisplan',
  gesamtfinanzplan: 'Gesamtfinanzplan',
};

const COLUMN_NAME: Readonly<Record<string, string>> = { ansatz: 'Ansatz', planung: 'Planung' };

interface Props {
  readonly impacts: readonly Impact[];
  /** The list shown, or only the heading. */
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly onClose: () => void;
  readonly hrefOf: (code: string) => string;
}

export function Impacts({ impacts, open, onToggle, onClose, hrefOf }: Props) {
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
          <table>
            <caption class="sr-only">
              Geänderte Werte: die Zelle und alle Summen, die sich mit ihr ändern
            </caption>
            <Head cols={['Einheit', 'Plan', 'Zeile', 'Spalte', '#bisher', '#neu']} />
            <tbody>
              {impacts.map(({ cell: c, old }, i) => (
                <tr key={i}>
                  <th scope="row">
                    <a href={hrefOf(c.node)}>{c.node}</a>
                  </th>
                  <td>{PLAN_NAME[c.plan] ?? c.plan}</td>
                  <td>{c.line}</td>
                  <td>
                    {COLUMN_NAME[c.column.kind] ?? c.column.kind} {c.column.year}
                  </td>
                  <td class="num">{old === undefined ? '' : euro(old)}</td>
                  <td class="num">{euro(c.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
