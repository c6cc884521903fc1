/**
 * Erläuterungen under a plan, as the books print them: the heading "Erläuterungen" and the plan they explain
 * ("Teilergebnisplan 43.01"), the general text, then "Zu Zeile NN:" with the line's label, the text before
 * the items, the items with their letters (the amount and the previous year's amount in bold), and the text
 * after them.
 */
import { PLAN_LABEL, type BudgetNode, type Erlaeuterung, type PlanType } from '../../core/model.js';
import { esc, join } from './html.js';

const AMOUNT = /=\s*-?\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?\s*(?:€|EUR|Euro)/u;

/** An item as printed, the first "= 12.345 €" (its amount) set in bold. */
function itemText(raw: string, hasAmount: boolean): string {
  const text = esc(raw);
  if (!hasAmount) return text;
  return text.replace(AMOUNT, (m) => `<b>${m}</b>`);
}

function paragraphs(texts: readonly string[]): string {
  return texts.map((t) => `<p>${esc(t)}</p>`).join('\n');
}

function erlaeuterung(e: Erlaeuterung): string {
  const items = e.items.map(
    (i) =>
      `<li><span class="marker">${esc(i.letter !== undefined ? `- ${i.letter})` : '-')}</span> ${itemText(i.raw, i.amount !== undefined)}</li>`,
  );
  return `<div class="erl">${join([
    e.line !== undefined && `<p class="zu-zeile">Zu Zeile ${esc(e.line)}:</p>`,
    e.title !== undefined && `<p class="erl-title">${esc(e.title)}</p>`,
    paragraphs(e.intro),
    items.length > 0 && `<ul class="items">\n${items.join('\n')}\n</ul>`,
    paragraphs(e.closing),
  ])}</div>`;
}

/** The Erläuterungen of one plan of a node; empty when there are none. */
export function erlaeuterungen(node: BudgetNode, plan: PlanType): string {
  const list = node.erlaeuterungen.filter((e) => e.plan === plan);
  if (list.length === 0) return '';
  return `<section class="erlaeuterungen">${join([
    '<h3>Erläuterungen</h3>',
    `<p class="erl-plan">${esc(`${PLAN_LABEL[plan]} ${node.level === 'haushalt' ? '' : node.code}`.trim())}</p>`,
    ...list.map(erlaeuterung),
  ])}</section>`;
}
