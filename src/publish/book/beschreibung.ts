/**
 * The Produktbeschreibung: each field (Pflichtaufgaben, Verantwortlich, Beschreibung, Ziele, …) with its name in
 * the left column and its paragraphs and lists beside it, as the books print it.
 */
import type { Block, Produktbeschreibung } from '../../core/model.js';
import { esc } from './html.js';

export function blocks(list: readonly Block[]): string {
  return list
    .map((b) =>
      b.type === 'paragraph'
        ? `<p>${esc(b.text)}</p>`
        : `<ul class="items">${b.items.map((i) => `<li><span class="marker">${esc(i.marker === '-' || i.marker === '•' ? '-' : /^[a-z]{1,2}\)$/u.test(i.marker) ? `- ${i.marker}` : i.marker)}</span> ${esc(i.text)}</li>`).join('')}</ul>`,
    )
    .join('\n');
}

export function beschreibung(b: Produktbeschreibung): string {
  const rows = b.fields.map((f) => `<tr><th>${esc(f.name)}</th><td>${blocks(f.blocks)}</td></tr>`);
  return `<table class="beschreibung"><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}
