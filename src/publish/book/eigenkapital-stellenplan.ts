/**
 * The book's chapters of the parts (`Budget.parts`): "Entwicklung des Eigenkapitals" (the development of the
 * allgemeine Rücklage and the Ausgleichsrücklage as printed, each figure in its unit and precision, then the
 * § 76 Abs. 1 GO NRW test per planning year with the figures it used and the § 75 Abs. 2 Haushaltsausgleich)
 * and "Stellenplan" (posts per row and year by Beamte, Tarif, Gesamt, German decimals `6,75`, with the change
 * of the total between the first and the last year, and the Personalaufwendungen per post where the budget has
 * the unit's Teilergebnisplan). Each chapter hangs on a node of its own (a heading of the
 * Gesamthaushalt level, no plans), so the contents list it and it is reachable alone like every section.
 */
import type { Budget, BudgetNode } from '../../core/model.js';
import { formatFigure, formatIn, UNIT_LABEL } from '../../core/parts/figure.js';
import { ausgleichTest, hskTest, planningStart, type Verdict } from '../../core/parts/haushaltsausgleich.js';
import { RUECKLAGEN_SPEC, rowSpec } from '../../core/parts/ruecklagen.js';
import {
  CATEGORY_LABEL,
  formatStellen,
  STELLEN_CATEGORIES,
  valueOf,
  type Stellenplan,
} from '../../core/parts/stellenplan.js';
import { formatGerman, formatScaled } from '../../core/money.js';
import { personalaufwand } from '../../core/parts/personalaufwand.js';
import { esc } from './html.js';

export type PartKind = 'eigenkapital' | 'stellenplan';

export const PART_TITLE: Readonly<Record<PartKind, string>> = {
  eigenkapital: 'Entwicklung des Eigenkapitals',
  stellenplan: 'Stellenplan',
};

/** The node a part's chapter hangs on: named as the chapter, at the level of the Gesamthaushalt. */
export function partNode(kind: PartKind): BudgetNode {
  return {
    code: kind,
    level: 'haushalt',
    name: PART_TITLE[kind],
    plans: [],
    erlaeuterungen: [],
    kennzahlen: [],
  };
}

const VERDICT: Readonly<Record<Verdict, string>> = { ja: 'ja', nein: 'nein', unklar: 'unklar (Rundung)' };

function share(hundredths: number): string {
  return `${formatScaled(Math.round(hundredths / 10), 1)} %`;
}

function eigenkapital(budget: Budget): string {
  const r = budget.parts?.ruecklagen;
  if (!r) return '';
  const years = [...r.years].sort((a, b) => a.year - b.year);
  const rows = RUECKLAGEN_SPEC.order.filter((id) => years.some((y) => y.figures[id]));
  const head = `<tr><th>Position</th>${years.map((y) => `<th class="n">${y.year}</th>`).join('')}</tr>`;
  const body = rows.map((id) => {
    const label = r.rows.find((x) => x.id === id)?.label ?? rowSpec(id).label;
    const total = id === 'allgemeineEnde' || id === 'ausgleichEnde' || id === 'jahresergebnis';
    const cells = years.map((y) => {
      const f = y.figures[id];
      return `<td class="n">${f ? esc(formatFigure(f)) : ''}</td>`;
    });
    return `<tr${total ? ' class="total"' : ''}><td>${esc(label)}${rowSpec(id).percent ? ' (%)' : ''}</td>${cells.join('')}</tr>`;
  });
  const development = `<p>Beträge in ${esc(UNIT_LABEL[r.unit])}, wie gedruckt.</p>\n<table class="plan ruecklagen"><thead>${head}</thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
  const start = planningStart(budget);
  const hsk = hskTest(r, start);
  const hskRows = hsk.years.map(
    (y) =>
      `<tr><td>${y.year}</td><td class="n">${esc(formatFigure(y.start))}</td><td class="n">${esc(formatIn(Math.round(y.reduction.value), r.unit, y.start.decimals, false))}</td><td class="n">${share(y.share)}</td><td>${VERDICT[y.twentieth]}</td><td>${VERDICT[y.quarter]}</td></tr>`,
  );
  const result =
    hsk.required === 'ja'
      ? `Ein Haushaltssicherungskonzept ist aufzustellen${hsk.nr2Years ? ` (Nr. 2: ${hsk.nr2Years.join(' und ')})` : ' (Nr. 1)'}.`
      : hsk.required === 'nein'
        ? 'Ein Haushaltssicherungskonzept nach § 76 Abs. 1 Nr. 1 oder 2 GO NRW ist nicht aufzustellen.'
        : 'Ob ein Haushaltssicherungskonzept aufzustellen ist, entscheidet die Rundung der gedruckten Zahlen nicht.';
  const hskHtml =
    hsk.years.length === 0
      ? ''
      : `<h3>Haushaltssicherungskonzept (§ 76 Abs. 1 GO NRW)</h3>
<p>Ein Haushaltssicherungskonzept ist aufzustellen, wenn der in der Schlussbilanz des Vorjahres auszuweisende Ansatz der allgemeinen Rücklage innerhalb des Planjahres um mehr als ein Viertel verringert wird (Nr. 1) oder in zwei aufeinanderfolgenden Haushaltsjahren jeweils um mehr als ein Zwanzigstel verringert werden soll (Nr. 2).</p>
<table class="plan hsk"><thead><tr><th>Jahr</th><th class="n">Allgemeine Rücklage am 01.01.</th><th class="n">Verringerung</th><th class="n">Anteil</th><th>mehr als ein Zwanzigstel</th><th>mehr als ein Viertel</th></tr></thead><tbody>
${hskRows.join('\n')}
</tbody></table>
<p class="result">${esc(result)}</p>`;
  const ausgleich = ausgleichTest(r, start).map((y) => {
    const text =
      y.result === 'ausgeglichen'
        ? 'ausgeglichen'
        : y.result === 'fiktiv'
          ? 'fiktiv ausgeglichen (Ausgleichsrücklage)'
          : y.result === 'nicht'
            ? `nicht ausgeglichen, ungedeckt ${formatIn(Math.round(y.uncovered!), r.unit, y.jahresergebnis.decimals, false)}`
            : 'unklar (Rundung)';
    return `<tr><td>${y.year}</td><td class="n">${esc(formatFigure(y.jahresergebnis))}</td><td class="n">${y.ausgleichsruecklage ? esc(formatFigure(y.ausgleichsruecklage)) : ''}</td><td>${esc(text)}</td></tr>`;
  });
  const ausgleichHtml =
    ausgleich.length === 0
      ? ''
      : `<h3>Haushaltsausgleich (§ 75 Abs. 2 GO NRW)</h3>
<table class="plan ausgleich"><thead><tr><th>Jahr</th><th class="n">Jahresergebnis</th><th class="n">Ausgleichsrücklage am 01.01.</th><th>Haushaltsausgleich</th></tr></thead><tbody>
${ausgleich.join('\n')}
</tbody></table>`;
  return [development, hskHtml, ausgleichHtml].filter(Boolean).join('\n');
}

function stellenplan(plan: Stellenplan): string {
  const years = [...plan.years].sort((a, b) => a - b);
  const cols = years.flatMap((y) =>
    STELLEN_CATEGORIES.filter((c) => plan.rows.some((r) => valueOf(r, c, y))).map((c) => [y, c] as const),
  );
  const change = years.length > 1;
  // the occupied posts, where printed: one column per date, after the change
  const dates = [
    ...new Set(plan.rows.flatMap((r) => (r.besetzt ?? []).map((b) => b.date ?? String(b.year)))),
  ];
  const head = `<tr><th>Nr.</th><th>Bezeichnung</th>${cols.map(([y, c]) => `<th class="n">${esc(CATEGORY_LABEL[c])}<br>${y}</th>`).join('')}${change ? `<th class="n">Veränderung<br>${years[0]!}–${years.at(-1)!}</th>` : ''}${dates.map((d) => `<th class="n">davon besetzt<br>${esc(d)}</th>`).join('')}</tr>`;
  const body = plan.rows.map((r) => {
    const total = r.role !== 'einheit' && r.role !== 'besoldungsgruppe' && r.role !== 'entgeltgruppe';
    const cells = cols.map(([y, c]) => {
      const v = valueOf(r, c, y);
      return `<td class="n">${v ? formatStellen(v.value) : ''}</td>`;
    });
    const a =
      valueOf(r, 'gesamt', years[0]!) ?? valueOf(r, 'beamte', years[0]!) ?? valueOf(r, 'tarif', years[0]!);
    const last = years.at(-1)!;
    const b = valueOf(r, 'gesamt', last) ?? valueOf(r, 'beamte', last) ?? valueOf(r, 'tarif', last);
    const delta = change ? `<td class="n">${a && b ? formatStellen(b.value - a.value) : ''}</td>` : '';
    const code = r.code !== undefined && r.code !== r.name ? r.code : '';
    const occupied = dates.map((d) => {
      const of = (r.besetzt ?? []).filter((b) => (b.date ?? String(b.year)) === d);
      const v = of.find((b) => b.category === 'gesamt') ?? of[0];
      return `<td class="n">${v ? formatStellen(v.value) : ''}</td>`;
    });
    return `<tr${total ? ' class="total"' : ''}><td>${esc(code)}</td><td>${esc(r.name)}</td>${cells.join('')}${delta}${occupied.join('')}</tr>`;
  });
  return `<p>Stellen in Vollzeitäquivalenten (§ 8 KomHVO NRW).</p>\n<table class="plan stellenplan"><thead>${head}</thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

/** Personalaufwendungen per post, for the rows whose unit has a Teilergebnisplan in the budget. */
function kosten(budget: Budget, plan: Stellenplan): string {
  const rows = personalaufwand(budget, plan);
  if (rows.length === 0) return '';
  const body = rows.map(
    (k) =>
      `<tr><td>${esc(k.row.code ?? '')}</td><td>${esc(k.row.name)}</td><td>${k.year}</td><td class="n">${formatGerman(Math.abs(k.cell.amount))}</td><td class="n">${formatStellen(k.stellen)}</td><td class="n">${formatGerman(k.perPost)}</td></tr>`,
  );
  return `<h3>Personalaufwendungen je Stelle</h3>
<table class="plan personalaufwand"><thead><tr><th>Nr.</th><th>Bezeichnung</th><th>Jahr</th><th class="n">Personalaufwendungen (€)</th><th class="n">Stellen</th><th class="n">je Stelle (€)</th></tr></thead><tbody>
${body.join('\n')}
</tbody></table>`;
}

/** The content of a part's chapter. */
export function partContent(kind: PartKind, budget: Budget): string {
  if (kind === 'eigenkapital') return eigenkapital(budget);
  const plan = budget.parts?.stellenplan;
  return plan ? [stellenplan(plan), kosten(budget, plan)].filter(Boolean).join('\n') : '';
}

/** The parts' chapters a budget has: before the plans (the Eigenkapital, part of the Vorbericht) and after. */
export function partKinds(budget: Budget): { readonly before: PartKind[]; readonly after: PartKind[] } {
  return {
    before: budget.parts?.ruecklagen ? ['eigenkapital'] : [],
    after: budget.parts?.stellenplan ? ['stellenplan'] : [],
  };
}
