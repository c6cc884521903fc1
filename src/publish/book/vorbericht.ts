/**
 * The book's Vorbericht (§ 7 KomHVO NRW), in the front matter after the Haushaltssatzung: the treasurer's text
 * where the budget carries one (`Budget.parts.vorbericht`), the key figures of the budget year from the model
 * (`keyFigures`), and the charts of Erträge, Aufwendungen and Ergebnis per Produktbereich. German numbers.
 */
import type { Budget } from '../../core/model.js';
import { formatGerman } from '../../core/money.js';
import { keyFigures } from '../../core/parts/vorbericht.js';
import { esc } from './html.js';

export const VORBERICHT_ID = 'vorbericht';

/** The Vorbericht's content ('' when the budget gives nothing to report). */
export function vorberichtHtml(budget: Budget, charts: string): string {
  const text = (budget.parts?.vorbericht?.text ?? '')
    .split(/\n{2,}/u)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\n/gu, '<br>')}</p>`)
    .join('\n');
  const figures = keyFigures(budget);
  const table =
    figures.length === 0
      ? ''
      : `<h3>Eckdaten ${budget.year ?? ''}</h3>\n<table class="plan eckdaten"><thead><tr><th>Eckdatum</th><th class="n">EUR</th></tr></thead><tbody>\n${figures
          .map((f) => `<tr><td>${esc(f.label)}</td><td class="n">${formatGerman(f.amount)}</td></tr>`)
          .join('\n')}\n</tbody></table>`;
  const chartPart =
    charts === ''
      ? ''
      : `<h3>Erträge, Aufwendungen und Ergebnis</h3>\n<p>Summen der Ertrags- und Aufwandszeilen je Spalte des Ergebnisplans, in Euro.</p>\n${charts}`;
  return [text, table, chartPart].filter(Boolean).join('\n');
}
