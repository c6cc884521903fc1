/**
 * Prints a generated budget (`budget.ts`) in the text layout of the reference document: per Produktbereich its
 * Teilergebnisplan and Teilfinanzplan; per Produktgruppe both plans with Erläuterungen ("Zu Zeile NN:",
 * lettered items with last year's amount, closing sentence) and the investment table (UNTERHALB/OBERHALB
 * groups, measures, line rows, bisher/gesamt); per Produkt both plans and the Produktbeschreibung with its
 * Grundzahlen/Kennzahlen. Every amount is printed rounded to whole euros on its own. Erläuterung items are
 * whole euros drawn so that they never add up to more than the printed line (this year and last year).
 *
 * This module prints the sections in order and the plans; the Erläuterungen are in `text-erlaeuterungen.ts`,
 * the investment tables in `text-investments.ts`, the Produktbeschreibung in `text-description.ts`.
 */
import { formatGerman } from '../core/money.js';
import { TEILERGEBNISPLAN, TEILFINANZPLAN, type GeneratedBudget, type GeneratedNode } from './budget.js';
import { PageWriter } from './pages.js';
import { title, type PrintContext, type TextOptions } from './print-context.js';
import type { Random } from './random.js';
import { description } from './text-description.js';
import { ergebnisErlaeuterungen, finanzErlaeuterungen } from './text-erlaeuterungen.js';
import { investments } from './text-investments.js';

export type { TextOptions } from './print-context.js';

function plan(c: PrintContext, kind: 'Teilergebnisplan' | 'Teilfinanzplan', node: GeneratedNode): void {
  const y = c.year;
  const finance = kind === 'Teilfinanzplan';
  const schema = finance ? TEILFINANZPLAN : TEILERGEBNISPLAN;
  const table = finance ? node.teilfinanzplan : node.teilergebnisplan;
  const columns = [
    `Ergebnis ${y - 2}`,
    `Ansatz ${y - 1}`,
    `Ansatz ${y}`,
    ...(finance ? ['VE'] : []),
    `Planung ${y + 1}`,
    `Planung ${y + 2}`,
    `Planung ${y + 3}`,
  ];
  c.w.section(title(kind, node));
  c.w.block([
    ['Nr.', 'Bezeichnung', ...columns].join('\t'),
    ...schema.lines.map((l) =>
      [l.line, l.label, ...table.get(l.line)!.map((v) => formatGerman(v))].join('\t'),
    ),
  ]);
}

/** The budget as plan text. */
export function budgetText(budget: GeneratedBudget, options: TextOptions, rnd: Random): string {
  const c: PrintContext = { w: new PageWriter(options.header, rnd), rnd, budget, year: budget.year, options };
  for (const area of budget.areas) {
    plan(c, 'Teilergebnisplan', area);
    plan(c, 'Teilfinanzplan', area);
    for (const group of area.children) {
      plan(c, 'Teilergebnisplan', group);
      ergebnisErlaeuterungen(c, group);
      plan(c, 'Teilfinanzplan', group);
      finanzErlaeuterungen(c, group);
      investments(c, group);
      for (const product of group.children) {
        plan(c, 'Teilergebnisplan', product);
        plan(c, 'Teilfinanzplan', product);
        description(c, product);
      }
    }
  }
  return c.w.text();
}
