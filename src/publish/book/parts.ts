/**
 * The book's chapters of the Haushaltsplan's parts, in the statutory order: the Haushaltssatzung first (§ 78 GO
 * NRW; its text from the treasurer's template where the budget carries one, else its figures under their §§ as
 * the Muster orders them), then the Übersichten: the Haushaltsquerschnitt (§ 1 Abs. 2 Nr. 3 KomHVO NRW) and the
 * overview of the Verpflichtungsermächtigungen. Each chapter is the budget's part where it has one (imported or
 * edited), else derived from the plans and saying so. Each has its own anchor (reachable alone from the contents,
 * and as a page of its own: `partChapter`). German numbers, whole euros.
 */
import { formatGerman } from '../../core/money.js';
import type { PartAmount } from '../../core/parts/amounts.js';
import { deriveQuerschnitt, type Querschnitt } from '../../core/parts/querschnitt.js';
import { deriveSatzung, satzungFigures, type Satzung } from '../../core/parts/satzung.js';
import { fillSatzung } from '../../core/parts/satzung-text.js';
import { QUERSCHNITT } from '../../core/parts/spec.js';
import { deriveVeUebersicht, type VeUebersicht } from '../../core/parts/ve.js';
import type { Budget } from '../../core/model.js';
import { esc } from './html.js';

export interface PartChapter {
  readonly id: string;
  /** The contents' entry. */
  readonly label: string;
  readonly heading: string;
  readonly html: string;
}

function amount(a: PartAmount | undefined): string {
  return a ? formatGerman(a.amount) : '';
}

function derivedNote(derived: boolean | undefined): string {
  return derived ? '<p class="note">Aus den Teil- und Gesamtplänen abgeleitet.</p>' : '';
}

/** The Satzung's figures as a table, numbered as the budget's Land's template has them (`satzungFigures`). */
function satzungHtml(s: Satzung, budget: Budget): string {
  if (s.template !== undefined)
    return fillSatzung(s.template, s)
      .split(/\n{2,}/u)
      .map((p) => `<p>${esc(p).replace(/\n/gu, '<br>')}</p>`)
      .join('\n');
  const rows = satzungFigures(budget, s).map(
    (f) =>
      `<tr><td class="nr">§ ${f.paragraph}</td><td class="label">${esc(f.label)}</td><td class="n">${amount(s.figures[f.id]) || 'nicht angegeben'}</td></tr>`,
  );
  const abgaben =
    s.kind === 'kreis'
      ? s.kreisumlage !== undefined
        ? `<p>Kreisumlage: ${esc(s.kreisumlage)} % der Umlagegrundlagen</p>`
        : ''
      : (s.hebesaetze ?? []).map((h) => `<p>${esc(h.name)}: ${esc(h.satz)} v. H.</p>`).join('\n');
  const ausgleich =
    s.ausgleichJahr !== undefined
      ? `<p>Der Haushaltsausgleich wird im Jahr ${s.ausgleichJahr} erreicht.</p>`
      : '';
  return `<table class="plan satzung"><thead><tr><th class="nr"></th><th class="label">Festsetzung</th><th class="n">EUR</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>\n${abgaben}\n${ausgleich}`;
}

function querschnittHtml(q: Querschnitt): string {
  const specs = q.columns.map((id) => QUERSCHNITT.columns.find((c) => c.id === id)!).filter(Boolean);
  const head = `<tr><th class="nr">Nr.</th><th class="label">Produktbereich</th>${specs.map((c) => `<th class="n">${esc(c.short).replace(/ /gu, '&nbsp;')}</th>`).join('')}</tr>`;
  const row = (r: Querschnitt['rows'][number], total: boolean): string =>
    `<tr${total ? ' class="total"' : ''}><td class="nr">${esc(r.code)}</td><td class="label">${esc(r.name)}</td>${specs.map((c) => `<td class="n">${amount(r.amounts[c.id])}</td>`).join('')}</tr>`;
  const rows = [...q.rows.map((r) => row(r, false)), ...(q.sum ? [row(q.sum, true)] : [])];
  return `<p>Ansatz ${q.year}, in EUR; Aufwendungen und Auszahlungen negativ; Einz./Ausz.: Einzahlungen/Auszahlungen, lfd.: aus laufender Verwaltungstätigkeit, Inv.: aus Investitionstätigkeit, VE: Verpflichtungsermächtigungen.</p>\n<table class="plan querschnitt"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function veHtml(v: VeUebersicht): string {
  const years = v.years;
  const head = `<tr><th class="nr">Nr.</th><th class="label">Produktbereich</th><th class="n">VE ${v.year}</th>${years.map((y) => `<th class="n">fällig ${y}</th>`).join('')}</tr>`;
  const row = (r: VeUebersicht['rows'][number], total: boolean): string =>
    `<tr${total ? ' class="total"' : ''}><td class="nr">${esc(r.code)}</td><td class="label">${esc(r.name)}</td><td class="n">${amount(r.ve)}</td>${years.map((y) => `<td class="n">${amount(r.faellig[String(y)])}</td>`).join('')}</tr>`;
  const rows = [...v.rows.map((r) => row(r, false)), ...(v.sum ? [row(v.sum, true)] : [])];
  const due =
    years.length === 0 ? '<p class="note">Die Jahre der Fälligkeit nennen die Pläne nicht.</p>' : '';
  return `<table class="plan ve-uebersicht"><thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>\n${due}`;
}

/** The parts' chapters of a budget, in print order (none without a budget year). */
export function partChapters(budget: Budget): PartChapter[] {
  const out: PartChapter[] = [];
  const satzung = budget.parts?.satzung ?? deriveSatzung(budget);
  if (satzung)
    out.push({
      id: 'haushaltssatzung',
      label: 'Haushaltssatzung',
      heading: `Haushaltssatzung für das Haushaltsjahr ${satzung.year}`,
      html: derivedNote(satzung.derived) + satzungHtml(satzung, budget),
    });
  const q = budget.parts?.querschnitt ?? deriveQuerschnitt(budget);
  if (q && q.rows.length > 0)
    out.push({
      id: 'haushaltsquerschnitt',
      label: 'Haushaltsquerschnitt',
      heading: `Haushaltsquerschnitt ${q.year}`,
      html: derivedNote(q.derived) + querschnittHtml(q),
    });
  const v = budget.parts?.veUebersicht ?? deriveVeUebersicht(budget);
  if (v)
    out.push({
      id: 've-uebersicht',
      label: 'Verpflichtungsermächtigungen',
      heading: `Übersicht über die Verpflichtungsermächtigungen ${v.year}`,
      html: derivedNote(v.derived) + veHtml(v),
    });
  return out;
}
