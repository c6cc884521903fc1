/**
 * The book's chapters of the Anlagen (`Budget.parts`): the Übersicht über den voraussichtlichen Stand der
 * Verbindlichkeiten (each kind with its Stände, the sum row), the Zuwendungen an die Fraktionen (§ 56 Abs. 3 GO
 * NRW: each Fraktion with the columns as printed) and the Investitionsprogramm (each measure with bisher, the
 * years and the Gesamtausgabe; the budget's own where it has one, else derived from the investment tables and
 * saying so). German numbers, whole euros; Auszahlungen negative as the plans print them.
 */
import { columnKey, type Budget } from '../../core/model.js';
import { formatGerman } from '../../core/money.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import {
  deriveInvestitionsprogramm,
  programmColumnLabel,
  type Investitionsprogramm,
} from '../../core/parts/investitionsprogramm.js';
import { standDate, type Verbindlichkeiten } from '../../core/parts/verbindlichkeiten.js';
import type { Fraktionen } from '../../core/parts/fraktionen.js';
import { esc } from './html.js';

export type AnlageKind = 'verbindlichkeiten' | 'fraktionen' | 'investitionsprogramm';
export const ANLAGE_KINDS: readonly AnlageKind[] = [
  'verbindlichkeiten',
  'fraktionen',
  'investitionsprogramm',
];

export const ANLAGE_TITLE: Readonly<Record<AnlageKind, string>> = {
  verbindlichkeiten: 'Übersicht über den voraussichtlichen Stand der Verbindlichkeiten',
  fraktionen: 'Zuwendungen an die Fraktionen',
  investitionsprogramm: 'Investitionsprogramm',
};

const n = (a: PartAmount | undefined): string => (a ? formatGerman(a.amount) : '');

function table(
  cls: string,
  head: readonly string[],
  rows: readonly (readonly string[])[],
  total?: readonly string[],
): string {
  const th = head.map((h, i) => `<th${i === 0 ? '' : ' class="n"'}>${esc(h)}</th>`).join('');
  const tr = (cells: readonly string[], t: boolean): string =>
    `<tr${t ? ' class="total"' : ''}>${cells.map((c, i) => (i === 0 ? `<td>${esc(c)}</td>` : `<td class="n">${c}</td>`)).join('')}</tr>`;
  return `<table class="plan ${cls}"><thead><tr>${th}</tr></thead><tbody>\n${[...rows.map((r) => tr(r, false)), ...(total ? [tr(total, true)] : [])].join('\n')}\n</tbody></table>`;
}

function verbindlichkeiten(v: Verbindlichkeiten): string {
  const head = ['Art der Verbindlichkeiten', ...v.columns.map((id) => `Stand ${standDate(id, v.year)}`)];
  const row = (r: Verbindlichkeiten['rows'][number]): string[] => [
    r.label,
    ...v.columns.map((id) => n(r.amounts[id])),
  ];
  return `<p>Beträge in EUR.</p>\n${table('verbindlichkeiten', head, v.rows.map(row), v.sum && row(v.sum))}`;
}

function fraktionen(f: Fraktionen): string {
  const head = ['Fraktion', ...f.columns.map((c) => c.label)];
  const row = (r: Fraktionen['rows'][number]): string[] => [
    r.name,
    ...f.columns.map((c) => n(r.amounts[c.id])),
  ];
  return `<p>Beträge in EUR (§ 56 Abs. 3 GO NRW).</p>\n${table('fraktionen', head, f.rows.map(row), f.sum && row(f.sum))}`;
}

function programm(p: Investitionsprogramm): string {
  const head = ['Maßnahme', 'Bezeichnung', ...p.columns.map(programmColumnLabel)];
  const row = (r: Investitionsprogramm['rows'][number]): string[] => [
    r.number,
    esc(r.name),
    ...p.columns.map((c) => n(r.amounts[columnKey(c)])),
  ];
  const note = p.derived
    ? '<p class="note">Aus den Investitionsübersichten der Teilfinanzpläne abgeleitet.</p>\n'
    : '';
  return `${note}<p>Auszahlungen in EUR, negativ wie in den Teilfinanzplänen.</p>\n${table('investitionsprogramm', head, p.rows.map(row), p.sum && row(p.sum))}`;
}

/** The Anlagen a budget has, in print order. */
export function anlageKinds(budget: Budget): AnlageKind[] {
  return ANLAGE_KINDS.filter((k) => anlageContent(k, budget) !== '');
}

/** The content of an Anlage's chapter ('' when the budget has none). */
export function anlageContent(kind: AnlageKind, budget: Budget): string {
  const parts = budget.parts;
  if (kind === 'verbindlichkeiten')
    return parts?.verbindlichkeiten ? verbindlichkeiten(parts.verbindlichkeiten) : '';
  if (kind === 'fraktionen') return parts?.fraktionen ? fraktionen(parts.fraktionen) : '';
  const p = parts?.investitionsprogramm ?? deriveInvestitionsprogramm(budget);
  return p ? programm(p) : '';
}
