/**
 * Erläuterungen: the text after a plan, "Zu Zeile 13:" by "Zu Zeile 13:". Each itemised entry becomes data —
 * letter, text, amount, the previous year's amount or "unchanged", the reason — and the paragraphs after the
 * items (what the rest of the line is) are kept as the closing text.
 */
import type {
  ColumnKind,
  Erlaeuterung,
  ErlaeuterungItem,
  PlanType,
  PreviousAmount,
  Source,
  StatedAmount,
} from '../../core/model.js';
import { parseGermanAmount, type Cents } from '../../core/money.js';
import { matchLabel, schemaLine, type LineSchema } from '../../core/schema.js';
import type { Context } from './context.js';
import type { TextLine } from './lines.js';
import type { Section } from './tables.js';
import { rawBlocks, type RawBlock } from './prose.js';

const ZU_ZEILE =
  /^(?:Erläuterung(?:en)?\s+)?(?:Zu\s+)?(?:der\s+)?(?:Zeilen?|Nr\.|Position|Pos\.)\s*(\d{1,2}(?:\.\d{1,2})?)(?:\s*(?:,|und|u\.|bis|-|–)\s*\d{1,2}(?:\.\d{1,2})?)*\s*:\s*(.*)$/iu;

/**
 * "Zu Zeile 02:" → "02" (and any text after the colon); a decimal line number as Sachsen numbers its lines,
 * "Zu Zeile 1.5:", stays as printed ("1.5").
 */
export function parseZuZeile(text: string): { line: string; rest: string } | undefined {
  const m = ZU_ZEILE.exec(text.trim());
  if (!m) return undefined;
  const line = m[1]!;
  return { line: line.includes('.') ? line : line.padStart(2, '0'), rest: m[2]!.trim() };
}

const NUMBER = String.raw`-?\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|-?\d+(?:,\d{1,2})?`;
const AMOUNT_AFTER_EQ = new RegExp(String.raw`=\s*(${NUMBER})\s*(?:€|EUR|Euro)?`, 'u');
const AMOUNT_AFTER_EQ_EURO = new RegExp(String.raw`=\s*(${NUMBER})\s*(?:€|EUR|Euro)`, 'u');
const AMOUNT_IN_HOEHE = new RegExp(String.raw`in\s+Höhe\s+von\s+(${NUMBER})\s*(?:€|EUR|Euro)`, 'u');
const PREVIOUS_UNCHANGED = /^=\s*(Ansatz|Ergebnis|Planung)\s+((?:19|20)\d{2})\s*(?:;\s*(.*))?$/su;
const PREVIOUS_AMOUNT = new RegExp(
  String.raw`^(Ansatz|Ergebnis|Planung)\s+((?:19|20)\d{2})\s*[=:]\s*(${NUMBER})\s*(?:€|EUR|Euro)?\s*(?:;\s*(.*))?$`,
  'su',
);

function kindOf(word: string): ColumnKind {
  const w = word.toLowerCase();
  return w === 'ergebnis' ? 'ergebnis' : w === 'planung' ? 'planung' : 'ansatz';
}

/** True for the ")" of a letter reference such as "s. Buchstabe f)", which closes no parenthesis. */
function isLetterReference(text: string, i: number): boolean {
  return i >= 2 && /[a-z]/u.test(text[i - 1]!) && /\s/u.test(text[i - 2]!);
}

/** Index of the parenthesis closing the one at `open`, or -1; letter references are skipped where possible. */
function closingParen(text: string, open: number): number {
  for (const skipReferences of [true, false]) {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && !(skipReferences && isLetterReference(text, i))) {
        depth--;
        if (depth === 0) return i;
      }
    }
  }
  return -1;
}

/** Index of the first match of `re` outside parentheses. */
function matchOutsideParens(text: string, re: RegExp): RegExpExecArray | undefined {
  const global = new RegExp(re.source, 'gu');
  for (let m = global.exec(text); m; m = global.exec(text)) {
    let depth = 0;
    for (let i = 0; i < m.index; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')') depth = Math.max(0, depth - 1);
    }
    if (depth === 0) return m;
  }
  return undefined;
}

interface AmountWithContext {
  readonly amount: Cents;
  readonly before: string;
  readonly previous?: PreviousAmount;
  readonly reason?: string;
  readonly after: string;
}

/** Finds "= 12.345 € (Ansatz 2025 = …; reason)" or "in Höhe von 12.345 € (…)" in a text. */
function findAmount(text: string, requireEuro: boolean): AmountWithContext | undefined {
  const candidates = [
    matchOutsideParens(text, AMOUNT_IN_HOEHE),
    matchOutsideParens(text, requireEuro ? AMOUNT_AFTER_EQ_EURO : AMOUNT_AFTER_EQ),
  ].filter((m): m is RegExpExecArray => m !== undefined);
  const m = candidates.sort((a, b) => a.index - b.index)[0];
  if (!m) return undefined;
  const parsed = parseGermanAmount(m[1]!);
  if (!parsed) return undefined;
  const before = text.slice(0, m.index).trim();
  let rest = text.slice(m.index + m[0].length);
  let previous: PreviousAmount | undefined;
  let reason: string | undefined;
  const open = rest.search(/\S/u);
  if (open >= 0 && rest[open] === '(') {
    const close = closingParen(rest, open);
    if (close > 0) {
      const inner = rest.slice(open + 1, close).trim();
      const u = PREVIOUS_UNCHANGED.exec(inner);
      const a = PREVIOUS_AMOUNT.exec(inner);
      if (u) {
        previous = { kind: kindOf(u[1]!), year: Number(u[2]), unchanged: true, amount: parsed.cents };
        if (u[3]) reason = u[3].trim();
        rest = rest.slice(close + 1);
      } else if (a) {
        const prevAmount = parseGermanAmount(a[3]!);
        if (prevAmount) {
          previous = { kind: kindOf(a[1]!), year: Number(a[2]), unchanged: false, amount: prevAmount.cents };
          if (a[4]) reason = a[4].trim();
          rest = rest.slice(close + 1);
        }
      }
    }
  }
  const after = rest.replace(/^[\s.,;]+/u, '').trim();
  return {
    amount: parsed.cents,
    before,
    after,
    ...(previous ? { previous } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
}

/** Parses the text of one itemised entry (without its "- a)" marker). */
export function parseItem(text: string, letter: string | undefined, source?: Source): ErlaeuterungItem {
  const found = findAmount(text, false);
  const base = {
    raw: text,
    ...(letter !== undefined ? { letter } : {}),
    ...(source ? { source } : {}),
  };
  if (!found) return { ...base, text: text.replace(/[.,;]$/u, '').trim() };
  return {
    ...base,
    text: found.before.replace(/\s*(?:in\s+Höhe\s+von)?$/u, '').trim(),
    amount: found.amount,
    ...(found.previous ? { previous: found.previous } : {}),
    ...(found.reason !== undefined ? { reason: found.reason } : {}),
    ...(found.after !== '' ? { remark: found.after } : {}),
  };
}

/**
 * A wrapped line belongs to the item above while the item still lacks its amount, or when it is the
 * parenthesis with the previous year that the item still lacks ("(Ansatz 2025 = 52.000 €; …)").
 */
function itemContinues(item: RawBlock, text: string): boolean {
  // a line wrapped inside the item: an open parenthesis, an amount still without its currency
  const open = (item.text.match(/\(/gu) ?? []).length;
  const close = (item.text.match(/\)/gu) ?? []).length;
  if (open > close || /[=]\s*$/u.test(item.text) || /^(?:€|EUR\b|Euro\b)/u.test(text)) return true;
  // a sentence cut by a line break ("… Berufs- und" / "Studienorientierung.")
  if (!/[.;:)€!?"“”]$/u.test(item.text.trim())) return true;
  const parsed = parseItem(item.text, undefined);
  if (parsed.amount === undefined) return true;
  return parsed.previous === undefined && text.startsWith('(');
}

/** Sentences that say what the rest of a line is; printed after the last item, sometimes on its line. */
const CLOSING_SENTENCE =
  /^(?:Bei dem (?:noch )?(?:übrigen|verbleibenden|restlichen)|(?:Das|Der|Die) (?:noch )?(?:übrige|verbleibende|restliche)|Des Weiteren|Ferner|Darüber hinaus|Im Übrigen)/u;

function statedAmounts(paragraphs: readonly RawBlock[]): StatedAmount[] {
  const out: StatedAmount[] = [];
  for (const p of paragraphs) {
    const found = findAmount(p.text, true);
    if (!found) continue;
    out.push({
      amount: found.amount,
      text: p.text,
      source: p.first.source,
      ...(found.previous ? { previous: found.previous } : {}),
    });
  }
  return out;
}

export interface ErlaeuterungInput {
  readonly plan: PlanType;
  readonly line?: string;
  readonly title?: string;
  readonly lines: readonly TextLine[];
  readonly year?: number;
  readonly source?: Source;
  readonly file: string;
}

/** Builds one Erläuterung from its lines (after the "Zu Zeile" heading and the label line). */
export function parseErlaeuterung(input: ErlaeuterungInput): Erlaeuterung {
  const blocks = rawBlocks(input.lines, itemContinues);
  const firstItem = blocks.findIndex((b) => b.type === 'item');
  const lastItem = blocks.length - 1 - [...blocks].reverse().findIndex((b) => b.type === 'item');
  const intro = firstItem < 0 ? blocks : blocks.slice(0, firstItem);
  const itemBlocks = firstItem < 0 ? [] : blocks.slice(firstItem, lastItem + 1);
  const closing = firstItem < 0 ? [] : blocks.slice(lastItem + 1);
  const items: ErlaeuterungItem[] = [];
  const between: RawBlock[] = [];
  for (const b of itemBlocks) {
    if (b.type === 'item') items.push(parseItem(b.text, b.letter, b.first.source));
    else between.push(b);
  }
  // the closing sentence printed on the last item's line belongs to the Erläuterung, not to the item
  const final = items[items.length - 1];
  const closingTexts = closing.map((b) => b.text);
  if (final?.remark !== undefined && CLOSING_SENTENCE.test(final.remark)) {
    closingTexts.unshift(final.remark);
    const { remark, ...rest } = final;
    items[items.length - 1] = { ...rest, raw: rest.raw.slice(0, rest.raw.lastIndexOf(remark)).trim() };
  }
  const paragraphs = [...intro, ...between, ...closing];
  return {
    plan: input.plan,
    ...(input.line !== undefined ? { line: input.line } : {}),
    ...(input.title !== undefined ? { title: input.title } : {}),
    intro: [...intro, ...between].map((b) => b.text),
    items,
    closing: closingTexts,
    stated: statedAmounts(paragraphs),
    ...(input.year !== undefined ? { year: input.year } : {}),
    ...(input.source ? { source: input.source } : {}),
  };
}

function isErlaeuterungenHeading(text: string): boolean {
  return /^Erläuterung(?:en)?(?:\s+zum\s+\S+)?\s*:?$/iu.test(text.trim());
}

/**
 * The Erläuterungen of a plan section: the lines after its table, "Zu Zeile NN:" by "Zu Zeile NN:" (a heading
 * "Erläuterungen" and a line repeating plan and code before them passed over); each entry's title is the line
 * after its heading when that is the line's label.
 */
export function parseSectionErlaeuterungen(
  ctx: Context,
  section: Section,
  type: PlanType,
  schema: LineSchema,
  lines: readonly TextLine[],
): Erlaeuterung[] {
  const nonBlank = lines.filter((l) => l.text.trim() !== '');
  if (nonBlank.length === 0) return [];
  let start = 0;
  while (start < lines.length && lines[start]!.text.trim() === '') start++;
  if (isErlaeuterungenHeading(lines[start]!.text)) start++;
  // "Teilergebnisplan 43.01": the heading repeats plan and code
  let k = start;
  while (k < lines.length && lines[k]!.text.trim() === '') k++;
  if (k < lines.length && /^(?:Teil)?(?:ergebnis|finanz)plan\s+\S+$/iu.test(lines[k]!.text.trim()))
    start = k + 1;

  const chunks: { line?: string; heading?: TextLine; rest?: string; lines: TextLine[] }[] = [{ lines: [] }];
  for (const l of lines.slice(start)) {
    const zu = parseZuZeile(l.text);
    if (zu) {
      chunks.push({ line: zu.line, heading: l, rest: zu.rest, lines: [] });
      continue;
    }
    chunks[chunks.length - 1]!.lines.push(l);
  }
  const out: Erlaeuterung[] = [];
  for (const chunk of chunks) {
    let body = chunk.lines;
    let title: string | undefined;
    if (chunk.line !== undefined) {
      const sl = schemaLine(schema, chunk.line);
      if (chunk.rest) {
        title = chunk.rest;
      } else {
        const idx = body.findIndex((l) => l.text.trim() !== '');
        const candidate = idx >= 0 ? body[idx]!.text.trim() : '';
        if (sl && candidate !== '' && matchLabel(candidate, sl).kind !== 'different') {
          title = candidate;
          body = body.slice(idx + 1);
        }
      }
      if (!sl) {
        ctx.notes.push({
          severity: 'warning',
          rule: 'unknown-line',
          message: `Erläuterung zu Zeile ${chunk.line}, die es in ${schema.title} nicht gibt`,
          node: section.title.code,
          plan: type,
          line: chunk.line,
          source: chunk.heading!.source,
        });
      }
    } else if (body.every((l) => l.text.trim() === '')) {
      continue;
    }
    const first = chunk.heading ?? body.find((l) => l.text.trim() !== '');
    out.push(
      parseErlaeuterung({
        plan: type,
        ...(chunk.line !== undefined ? { line: chunk.line } : {}),
        ...(title !== undefined ? { title } : {}),
        lines: body,
        ...(first ? { source: first.source } : {}),
        file: ctx.file,
      }),
    );
  }
  return out;
}
