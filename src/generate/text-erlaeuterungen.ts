/**
 * The Erläuterungen of a generated Produktgruppe: for the Teilergebnisplan the products it holds and, for some
 * lines, "Zu Zeile NN:" with a paragraph or lettered items whose whole euros never add up to more than the
 * printed line (this year and last year), with reasons and closing sentences; for the Teilfinanzplan the
 * Sonderposten paragraph where there are Sonderposten.
 */
import { formatCount } from '../core/money.js';
import { TEILERGEBNISPLAN, TEILFINANZPLAN, type GeneratedNode } from './budget.js';
import { printedEuros, type PrintContext } from './print-context.js';
import {
  ABSCHREIBUNGEN_TEXT,
  CLOSING_IN,
  CLOSING_IN_NO_SONDERPOSTEN,
  CLOSING_OUT,
  ITEM_INTROS,
  ITEM_TEXTS,
  REASONS_HIGHER,
  REASONS_LOWER,
  REASONS_NEW,
  SONDERPOSTEN_PARAGRAPH,
  TF_SONDERPOSTEN,
} from './words.js';

const NUMBER_WORDS = ['null', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs'];

/** The heading of a plan's Erläuterungen: "Erläuterungen", then the plan and the group's code. */
function heading(c: PrintContext, plan: string, group: GeneratedNode): void {
  c.w.blank();
  c.w.line('Erläuterungen');
  c.w.blank();
  c.w.line(`${plan} ${group.code}`);
  c.w.blank();
}

export function ergebnisErlaeuterungen(c: PrintContext, group: GeneratedNode): void {
  const w = c.w;
  const r = c.rnd;
  heading(c, 'Teilergebnisplan', group);
  const products = group.children;
  if (products.length === 1) {
    w.paragraph(
      `Die Produktgruppe ${group.code} beinhaltet das Produkt ${products[0]!.code} - ${products[0]!.name}.`,
    );
  } else {
    w.line(`Die Produktgruppe ${group.code} beinhaltet ${NUMBER_WORDS[products.length]} Produkte. Dies sind`);
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
        `Der Ansatz für ${c.year} in Höhe von ${formatCount(ansatz)} € (Ansatz ${c.year - 1} = ${formatCount(previous)} €) beinhaltet`,
      );
      w.blank();
      w.paragraph(`${itemText(c, line, group)}.`);
      continue;
    }
    items(c, line, group, ansatz, previous);
  }
}

function itemText(c: PrintContext, line: string, group: GeneratedNode): string {
  return itemTexts(c, line, group, 1)[0]!;
}

/** `count` item texts for a line, all different while the vocabulary lasts. */
function itemTexts(c: PrintContext, line: string, group: GeneratedNode, count: number): string[] {
  const topics = [group.name, ...group.children.map((p) => p.name)];
  const texts = [...new Set(ITEM_TEXTS[line]!.flatMap((t) => topics.map((topic) => t.replace('#', topic))))];
  const chosen = c.rnd.some(texts, count);
  while (chosen.length < count) chosen.push(c.rnd.pick(texts));
  // in the order drawn, not the vocabulary's
  for (let i = chosen.length - 1; i > 0; i--) {
    const j = c.rnd.int(0, i);
    [chosen[i], chosen[j]] = [chosen[j]!, chosen[i]!];
  }
  return chosen;
}

/**
 * Lettered items for a line whose printed Ansatz is `ansatz` € (last year `previous` €): whole euros, round
 * where they are large, adding up to at most 97 % of the line; last year's amounts likewise.
 */
function items(c: PrintContext, line: string, group: GeneratedNode, ansatz: number, previous: number): void {
  const w = c.w;
  const r = c.rnd;
  const y = c.year;
  const income = line === '02' || line === '04' || line === '06';
  w.paragraph(r.pick(ITEM_INTROS[income ? 'in' : 'out']).replace('#', String(y)));
  w.blank();
  const budget = Math.floor((ansatz * r.int(60, 97)) / 100);
  const count = Math.max(1, Math.min(r.int(1, 12), Math.floor(budget / 1_000)));
  const weights = Array.from({ length: count }, () => r.int(1, 100));
  const total = weights.reduce((s, x) => s + x, 0);
  let previousLeft = Math.floor((previous * 97) / 100);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const texts = itemTexts(c, line, group, count);
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
export function finanzErlaeuterungen(c: PrintContext, group: GeneratedNode): void {
  if (group.sonderposten[2] === 0) return;
  const w = c.w;
  heading(c, 'Teilfinanzplan', group);
  w.line('Zu Zeile 02:');
  w.blank();
  w.line(TEILFINANZPLAN.lines.find((l) => l.line === '02')!.label);
  w.blank();
  w.paragraph(c.rnd.pick(TF_SONDERPOSTEN));
}
