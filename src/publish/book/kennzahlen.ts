/**
 * Kennzahlen and Grundzahlen tables: the title cell, a unit column when the table has one, the values as
 * printed (decimal commas kept), and the footnotes under "Erläuterungen *)".
 */
import type { KennzahlTable } from '../../core/model.js';
import { blocks } from './beschreibung.js';
import { esc, join } from './html.js';

export function kennzahlTable(t: KennzahlTable): string {
  const unit = t.rows.some((r) => r.unit !== undefined);
  const head = `<tr><th class="label">${esc(t.title)}</th>${unit ? '<th>Einheit</th>' : ''}${t.columns.map((c) => `<th class="n">${esc(c.label)}</th>`).join('')}</tr>`;
  const rows = t.rows.map(
    (r) =>
      `<tr><td class="label">${esc(r.footnote !== undefined ? `${r.label} ${r.footnote}` : r.label)}</td>${unit ? `<td>${esc(r.unit ?? '')}</td>` : ''}${t.columns
        .map((c) => {
          const v = r.values.find((x) => x.column.kind === c.kind && x.column.year === c.year);
          return `<td class="n">${esc(v?.printed ?? '')}</td>`;
        })
        .join('')}</tr>`,
  );
  const notes = t.footnotes.map(
    (f) =>
      `<div class="footnote"><p class="fn-title">Erläuterungen ${esc(f.marker)}</p>${blocks(f.blocks)}</div>`,
  );
  return join([
    `<table class="kennzahlen"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`,
    ...notes,
  ]);
}
