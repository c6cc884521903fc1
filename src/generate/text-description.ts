/**
 * The Produktbeschreibung of a generated Produkt: tasks (mandatory or voluntary), responsibility, description
 * paragraphs, services, legal basis, target groups, goals in one of three forms, and the Grundzahlen (Stellen
 * from the Personalaufwendungen) with their footnote and now and then a table of Kennzahlen.
 */
import { formatCount, formatScaled } from '../core/money.js';
import type { GeneratedNode } from './budget.js';
import { printedEuros, title, type PrintContext } from './print-context.js';
import {
  DESCRIPTION_OPENERS,
  DESCRIPTION_SENTENCES,
  GOAL_HEADINGS,
  GOALS,
  KENNZAHLEN,
  LEGAL_BASES,
  SERVICES,
  TARGET_GROUPS,
} from './words.js';

export function description(c: PrintContext, product: GeneratedNode): void {
  const w = c.w;
  const r = c.rnd;
  w.section(title('Produktbeschreibung', product));
  const mandatory = r.chance(0.6);
  w.line(`Pflichtaufgaben ${mandatory ? 'Ja' : 'Nein'}`);
  w.blank();
  w.line(`Freiwillige Aufgaben ${mandatory ? 'Nein' : 'Ja'}`);
  w.blank();
  const area = c.budget.areas.find((a) => product.code.startsWith(`${a.code}.`))!;
  w.line(`Verantwortlich Fachbereich ${area.code} - ${area.name}`);
  w.blank();
  const opener = r.pick(DESCRIPTION_OPENERS).replace('#', product.name);
  if (r.chance(0.5)) {
    w.paragraph(`Beschreibung ${opener}`);
  } else {
    w.line('Beschreibung');
    w.blank();
    w.paragraph(opener);
  }
  // up to four more paragraphs, no sentence twice
  const sentences = r.some(DESCRIPTION_SENTENCES, r.int(0, DESCRIPTION_SENTENCES.length));
  while (sentences.length > 0) {
    w.blank();
    w.paragraph(
      sentences
        .splice(0, r.int(1, 3))
        .join(' ')
        .replace('Die Aufgaben werden', `Die Aufgaben werden in ${c.options.municipality}`),
    );
  }
  if (r.chance(0.7)) {
    w.blank();
    w.line('Zugehörige Leistungen sind:');
    w.blank();
    const services = r.some(SERVICES, r.int(2, 8));
    services.forEach((s, i) => {
      w.item(`${s}${i === services.length - 1 ? '.' : ','}`);
    });
  }
  w.blank();
  const laws = r.some(LEGAL_BASES, r.int(1, 2));
  w.paragraph(
    `Auftragsgrundlage ${laws.map((l) => `§ ${r.int(1, 120)} ${l}`).join(', ')}, Beschlüsse des Rates`,
  );
  w.blank();
  w.paragraph(`Zielgruppen ${r.some(TARGET_GROUPS, r.int(1, 5)).join(', ')}`);
  w.blank();
  goals(c);
  kennzahlen(c, product);
}

function goals(c: PrintContext): void {
  const w = c.w;
  const r = c.rnd;
  const variant = r.next();
  if (variant < 0.2) {
    w.line('Ziele siehe Beschreibung');
    w.blank();
    return;
  }
  if (variant < 0.4) {
    w.line(`Ziele Das Produkt verfolgt im Jahr ${c.year} folgende Ziele:`);
    w.blank();
    r.some(GOALS, r.int(2, 5)).forEach((g, i) => {
      w.item(`${g[0]!.toUpperCase()}${g.slice(1)}.`, `${i + 1}. `);
    });
    w.blank();
    return;
  }
  w.line('Ziele');
  w.blank();
  for (const heading of [...r.some(GOAL_HEADINGS, r.int(0, 2)), `${c.year}:`]) {
    w.line(heading);
    w.blank();
    for (const g of r.some(GOALS, r.int(1, 4))) w.item(g);
    w.blank();
  }
}

function kennzahlen(c: PrintContext, product: GeneratedNode): void {
  const w = c.w;
  const r = c.rnd;
  const y = c.year;
  const columns = [`Ist ${y - 2}`, ...[y - 1, y, y + 1, y + 2, y + 3].map((x) => `Planwert ${x}`)];
  // Stellen in quarters, about one for every 75.000 € of Personalaufwendungen
  const personal = Math.abs(printedEuros(product.teilergebnisplan.get('11')![2]!));
  const stellen = Math.max(1, Math.round((personal * 4) / 75_000)) * 25;
  const stellenRow = [
    'Zahl der Stellen *)',
    formatScaled(Math.max(25, stellen - (r.chance(0.5) ? 50 : 0)), 2),
    ...Array.from({ length: 5 }, (_, i) => formatScaled(stellen + (i >= 2 && r.chance(0.2) ? 50 : 0), 2)),
  ];
  const value = (kind: 'count' | 'percent' | 'euro', base: number): string =>
    kind === 'count' ? formatCount(base) : kind === 'percent' ? formatScaled(base, 1) : formatScaled(base, 2);
  const rows = (labels: readonly (typeof KENNZAHLEN)[number][]): string[] =>
    labels.map((k) => {
      const base =
        k.kind === 'count'
          ? r.int(10, 50_000)
          : k.kind === 'percent'
            ? r.int(100, 1_000)
            : r.int(1_000, 500_000);
      const ist = Math.max(1, Math.floor((base * r.int(80, 120)) / 100));
      return [k.label, value(k.kind, ist), ...Array.from({ length: 5 }, () => value(k.kind, base))].join(
        '\t',
      );
    });
  const counts = KENNZAHLEN.filter((k) => k.kind === 'count');
  const ratios = KENNZAHLEN.filter((k) => k.kind !== 'count');
  w.block([
    ['Grundzahlen', ...columns].join('\t'),
    stellenRow.join('\t'),
    ...rows(r.some(counts, r.int(0, 2))),
  ]);
  // the footnote under the table whose row it marks, then now and then a second table
  w.blank();
  w.line('Erläuterungen *)');
  w.blank();
  const notes = [
    `Stellenanteile laut Stellenplan ${y}, umgerechnet in Vollzeitäquivalente (VZÄ).`,
    'Die Besetzung erfolgt im Rahmen anteiliger Beschäftigung und Aufgabenzuordnung.',
    `Mit dem 01.01.${y - 1} wurde eine zusätzliche 0,5 VZÄ-Stelle aus Fördermitteln eingerichtet.`,
  ];
  for (const n of r.some(notes, r.int(1, 3))) w.item(n);
  if (r.chance(0.4)) {
    w.blank();
    w.block([['Kennzahlen', ...columns].join('\t'), ...rows(r.some(ratios, r.int(1, 2)))]);
  }
}
