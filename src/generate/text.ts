/**
 * Prints a generated budget (`budget.ts`) in the text layout of the reference document: per Produktbereich its
 * Teilergebnisplan and Teilfinanzplan; per Produktgruppe both plans with Erläuterungen ("Zu Zeile NN:",
 * lettered items with last year's amount, closing sentence) and the investment table (UNTERHALB/OBERHALB
 * groups, measures, line rows, bisher/gesamt); per Produkt both plans and the Produktbeschreibung with its
 * Grundzahlen/Kennzahlen. Every amount is printed rounded to whole euros on its own. Erläuterung items are
 * whole euros drawn so that they never add up to more than the printed line (this year and last year).
 */
import { formatCount, formatGerman, formatScaled, roundToEuro, type Cents } from '../core/money.js';
import {
  TEILERGEBNISPLAN,
  TEILFINANZPLAN,
  INVESTMENT_THRESHOLD,
  type Amounts,
  type GeneratedBudget,
  type GeneratedMeasure,
  type GeneratedNode,
} from './budget.js';
import { PageWriter } from './pages.js';
import type { Random } from './random.js';
import {
  ABSCHREIBUNGEN_TEXT,
  CLOSING_IN,
  CLOSING_IN_NO_SONDERPOSTEN,
  CLOSING_OUT,
  DESCRIPTION_OPENERS,
  DESCRIPTION_SENTENCES,
  GOAL_HEADINGS,
  GOALS,
  INVESTMENT_LINE_LABELS,
  ITEM_INTROS,
  ITEM_TEXTS,
  KENNZAHLEN,
  LEGAL_BASES,
  REASONS_HIGHER,
  REASONS_LOWER,
  REASONS_NEW,
  SERVICES,
  SONDERPOSTEN_PARAGRAPH,
  TARGET_GROUPS,
  TF_SONDERPOSTEN,
} from './words.js';

export interface TextOptions {
  /** The running header under every section title. */
  readonly header: string;
  /** The municipality, named in descriptions. */
  readonly municipality: string;
}

const LEVEL_WORD = { produktbereich: 'Produktbereich', produktgruppe: 'Produktgruppe', produkt: 'Produkt' };
const NUMBER_WORDS = ['null', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs'];

/** Whole euros as printed from cents. */
function printedEuros(cents: Cents): number {
  return roundToEuro(cents) / 100;
}

class BudgetText {
  private readonly w: PageWriter;
  private readonly year: number;

  constructor(
    private readonly budget: GeneratedBudget,
    private readonly options: TextOptions,
    private readonly rnd: Random,
  ) {
    this.w = new PageWriter(options.header, rnd);
    this.year = budget.year;
  }

  print(): string {
    for (const area of this.budget.areas) {
      this.plan('Teilergebnisplan', area);
      this.plan('Teilfinanzplan', area);
      for (const group of area.children) {
        this.plan('Teilergebnisplan', group);
        this.ergebnisErlaeuterungen(group);
        this.plan('Teilfinanzplan', group);
        this.finanzErlaeuterungen(group);
        this.investments(group);
        for (const product of group.children) {
          this.plan('Teilergebnisplan', product);
          this.plan('Teilfinanzplan', product);
          this.description(product);
        }
      }
    }
    return this.w.text();
  }

  private title(kind: string, node: GeneratedNode): string {
    return `${kind} ${LEVEL_WORD[node.level]} ${node.code} ${node.name}`;
  }

  private plan(kind: 'Teilergebnisplan' | 'Teilfinanzplan', node: GeneratedNode): void {
    const y = this.year;
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
    this.w.section(this.title(kind, node));
    this.w.block([
      ['Nr.', 'Bezeichnung', ...columns].join('\t'),
      ...schema.lines.map((l) =>
        [l.line, l.label, ...table.get(l.line)!.map((c) => formatGerman(c))].join('\t'),
      ),
    ]);
  }

  // ---------------------------------------------------------------- Erläuterungen

  private ergebnisErlaeuterungen(group: GeneratedNode): void {
    const w = this.w;
    const r = this.rnd;
    w.blank();
    w.line('Erläuterungen');
    w.blank();
    w.line(`Teilergebnisplan ${group.code}`);
    w.blank();
    const products = group.children;
    if (products.length === 1) {
      w.paragraph(
        `Die Produktgruppe ${group.code} beinhaltet das Produkt ${products[0]!.code} - ${products[0]!.name}.`,
      );
    } else {
      w.line(
        `Die Produktgruppe ${group.code} beinhaltet ${NUMBER_WORDS[products.length]} Produkte. Dies sind`,
      );
      products.forEach((p, i) => {
        const tail = i === products.length - 1 ? '' : i === products.length - 2 ? ' und' : ',';
        w.line(` ${p.code} ${p.name}${tail}`);
      });
    }
    const te = group.teilergebnisplan;
    for (const line of ['02', '04', '06', '13', '14', '15', '16']) {
      const amounts = te.get(line)!;
      const ansatz = Math.abs(printedEuros(amounts[2]!));
      if (ansatz < 1_000 || !r.chance(line === '02' || line === '13' ? 0.85 : 0.6)) continue;
      w.blank();
      w.line(`Zu Zeile ${line}:`);
      w.blank();
      w.line(TEILERGEBNISPLAN.lines.find((l) => l.line === line)!.label);
      w.blank();
      if (line === '14') {
        w.paragraph(ABSCHREIBUNGEN_TEXT);
        continue;
      }
      const previous = Math.abs(printedEuros(amounts[1]!));
      if ((line === '04' || line === '06') && r.chance(0.4)) {
        w.paragraph(
          `Der Ansatz für ${this.year} in Höhe von ${formatCount(ansatz)} € (Ansatz ${this.year - 1} = ${formatCount(previous)} €) beinhaltet`,
        );
        w.blank();
        w.paragraph(`${this.itemText(line, group)}.`);
        continue;
      }
      this.items(line, group, ansatz, previous);
    }
  }

  private itemText(line: string, group: GeneratedNode): string {
    return this.itemTexts(line, group, 1)[0]!;
  }

  /** `count` item texts for a line, all different while the vocabulary lasts. */
  private itemTexts(line: string, group: GeneratedNode, count: number): string[] {
    const topics = [group.name, ...group.children.map((p) => p.name)];
    const texts = [
      ...new Set(ITEM_TEXTS[line]!.flatMap((t) => topics.map((topic) => t.replace('#', topic)))),
    ];
    const chosen = this.rnd.some(texts, count);
    while (chosen.length < count) chosen.push(this.rnd.pick(texts));
    // in the order drawn, not the vocabulary's
    for (let i = chosen.length - 1; i > 0; i--) {
      const j = this.rnd.int(0, i);
      [chosen[i], chosen[j]] = [chosen[j]!, chosen[i]!];
    }
    return chosen;
  }

  /**
   * Lettered items for a line whose printed Ansatz is `ansatz` € (last year `previous` €): whole euros, round
   * where they are large, adding up to at most 97 % of the line; last year's amounts likewise.
   */
  private items(line: string, group: GeneratedNode, ansatz: number, previous: number): void {
    const w = this.w;
    const r = this.rnd;
    const y = this.year;
    const income = line === '02' || line === '04' || line === '06';
    w.paragraph(r.pick(ITEM_INTROS[income ? 'in' : 'out']).replace('#', String(y)));
    w.blank();
    const budget = Math.floor((ansatz * r.int(60, 97)) / 100);
    const count = Math.max(1, Math.min(r.int(1, 12), Math.floor(budget / 1_000)));
    const weights = Array.from({ length: count }, () => r.int(1, 100));
    const total = weights.reduce((s, x) => s + x, 0);
    let previousLeft = Math.floor((previous * 97) / 100);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const texts = this.itemTexts(line, group, count);
    for (let i = 0; i < count; i++) {
      const raw = Math.floor((budget * weights[i]!) / total);
      const amount = raw >= 5_000 ? raw - (raw % 100) : raw;
      let paren: string;
      const mode = r.next();
      if (mode < 0.5 && amount <= previousLeft) {
        previousLeft -= amount;
        paren = `(= Ansatz ${y - 1})`;
      } else if (mode < 0.6 || previousLeft < 100) {
        paren = `(Ansatz ${y - 1} = 0 €; ${r.pick(REASONS_NEW).replace('#', String(y))})`;
      } else {
        let before = Math.min(previousLeft, Math.floor((amount * r.int(70, 130)) / 100));
        if (before >= 5_000) before -= before % 100;
        previousLeft -= before;
        const reason = before < amount ? r.pick(REASONS_HIGHER) : r.pick(REASONS_LOWER);
        paren =
          before === amount
            ? `(= Ansatz ${y - 1})`
            : r.chance(0.2)
              ? `(Ansatz ${y - 1} = ${formatCount(before)} €)`
              : `(Ansatz ${y - 1} = ${formatCount(before)} €; ${reason})`;
      }
      const head = `${letters[i]!}) ${texts[i]!} = ${formatCount(amount)} €`;
      const end = i === count - 1 && r.chance(0.3) ? '.' : '';
      if (r.chance(0.08)) w.block([`- ${head}`, `${paren}${end}`]);
      else w.item(`${head} ${paren}${end}`);
    }
    const sonderposten = group.sonderposten[2] !== 0;
    if (line === '02') {
      if (sonderposten) {
        w.blank();
        w.paragraph(r.chance(0.5) ? r.pick(CLOSING_IN) : SONDERPOSTEN_PARAGRAPH);
      } else if (r.chance(0.5)) {
        w.blank();
        w.paragraph(r.pick(CLOSING_IN_NO_SONDERPOSTEN));
      }
    } else if (!income && r.chance(0.7)) {
      w.blank();
      w.paragraph(r.pick(CLOSING_OUT));
    }
  }

  /** The Finanzplan's Erläuterung where the Ergebnisplan's Zuwendungen include Sonderposten. */
  private finanzErlaeuterungen(group: GeneratedNode): void {
    if (group.sonderposten[2] === 0) return;
    const w = this.w;
    w.blank();
    w.line('Erläuterungen');
    w.blank();
    w.line(`Teilfinanzplan ${group.code}`);
    w.blank();
    w.line('Zu Zeile 02:');
    w.blank();
    w.line(TEILFINANZPLAN.lines.find((l) => l.line === '02')!.label);
    w.blank();
    w.paragraph(this.rnd.pick(TF_SONDERPOSTEN));
  }

  // ---------------------------------------------------------------- Investitionen

  private investments(group: GeneratedNode): void {
    if (group.measures.length === 0) return;
    const y = this.year;
    const rows: string[] = [
      [
        'Nr. Bezeichnung',
        `Ergebnis ${y - 2}`,
        `Ansatz ${y - 1}`,
        `Ansatz ${y}`,
        'VE',
        `Planung ${y + 1}`,
        `Planung ${y + 2}`,
        `Planung ${y + 3}`,
        `Bisher planmäßig bereitgestellt bis ${y - 1}`,
        `Planmäßige Gesamt- ausgabe bis einschli. ${y + 3}`,
      ].join('\t'),
    ];
    const row = (label: string, cells: Amounts, bisher: Cents, gesamt: Cents): string =>
      [label, ...[...cells, bisher, gesamt].map((c) => formatGerman(c))].join('\t');
    const above = (m: GeneratedMeasure): boolean => Math.abs(m.gesamt) >= INVESTMENT_THRESHOLD;
    const groups = [
      ['OBERHALB Investition (Auszahlung >= 100.000 EUR inkl. MWST)', group.measures.filter(above)],
      [
        'UNTERHALB Investition (Auszahlung < 100.000 EUR inkl. MWST)',
        group.measures.filter((m) => !above(m)),
      ],
    ] as const;
    for (const [heading, measures] of groups) {
      if (measures.length === 0) continue;
      rows.push(`${heading}${'\t'.repeat(9)}`);
      for (const m of measures) rows.push(row(`${m.number} ${m.name}`, m.cells, m.bisher, m.gesamt));
      for (const line of Object.keys(INVESTMENT_LINE_LABELS)) {
        const of = measures.filter((m) => m.line === line);
        if (of.length === 0) continue;
        const cells = of.reduce<Cents[]>(
          (s, m) => s.map((x, i) => x + m.cells[i]!),
          Array<Cents>(of[0]!.cells.length).fill(0),
        );
        rows.push(
          row(
            `${line} ${INVESTMENT_LINE_LABELS[line]!}`,
            cells,
            of.reduce((s, m) => s + m.bisher, 0),
            of.reduce((s, m) => s + m.gesamt, 0),
          ),
        );
      }
    }
    this.w.section(this.title('Investitionen', group));
    this.w.block(rows);
  }

  // ---------------------------------------------------------------- Produktbeschreibung

  private description(product: GeneratedNode): void {
    const w = this.w;
    const r = this.rnd;
    w.section(this.title('Produktbeschreibung', product));
    const mandatory = r.chance(0.6);
    w.line(`Pflichtaufgaben ${mandatory ? 'Ja' : 'Nein'}`);
    w.blank();
    w.line(`Freiwillige Aufgaben ${mandatory ? 'Nein' : 'Ja'}`);
    w.blank();
    const area = this.budget.areas.find((a) => product.code.startsWith(`${a.code}.`))!;
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
          .replace('Die Aufgaben werden', `Die Aufgaben werden in ${this.options.municipality}`),
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
    this.goals();
    this.kennzahlen(product);
  }

  private goals(): void {
    const w = this.w;
    const r = this.rnd;
    const variant = r.next();
    if (variant < 0.2) {
      w.line('Ziele siehe Beschreibung');
      w.blank();
      return;
    }
    if (variant < 0.4) {
      w.line(`Ziele Das Produkt verfolgt im Jahr ${this.year} folgende Ziele:`);
      w.blank();
      r.some(GOALS, r.int(2, 5)).forEach((g, i) => {
        w.item(`${g[0]!.toUpperCase()}${g.slice(1)}.`, `${i + 1}. `);
      });
      w.blank();
      return;
    }
    w.line('Ziele');
    w.blank();
    for (const heading of [...r.some(GOAL_HEADINGS, r.int(0, 2)), `${this.year}:`]) {
      w.line(heading);
      w.blank();
      for (const g of r.some(GOALS, r.int(1, 4))) w.item(g);
      w.blank();
    }
  }

  private kennzahlen(product: GeneratedNode): void {
    const w = this.w;
    const r = this.rnd;
    const y = this.year;
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
      kind === 'count'
        ? formatCount(base)
        : kind === 'percent'
          ? formatScaled(base, 1)
          : formatScaled(base, 2);
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
}

/** The budget as plan text. */
export function budgetText(budget: GeneratedBudget, options: TextOptions, rnd: Random): string {
  return new BudgetText(budget, options, rnd).print();
}
