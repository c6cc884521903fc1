/**
 * Section titles, for every container: "Teilergebnisplan Produktgruppe 43.01 Kommunales Integrationszentrum"
 * (also with a dash or "für die"), "Gesamtergebnisplan", and titles printed over two lines: the node over the
 * plan ("Produktgruppe 43.01 Kommunales Integrationszentrum" / "Teilergebnisplan") or the plan and its year
 * over the node ("Teilergebnisplan 2026" / "Produktgruppe 43.01 …"). The Länder that name the plans after the
 * Haushalt (Brandenburg's KomHKV §§ 4, 7: „Gesamtergebnishaushalt“, „Teilergebnishaushalt Produktbereich 11 …“,
 * and other Länder whose ordinances speak of Teilhaushalte) print „-haushalt“ where NRW prints „-plan“: the
 * same sections.
 */
import type { Level } from '../../core/model.js';

export type SectionKind =
  | 'teilergebnisplan'
  | 'teilfinanzplan'
  | 'gesamtergebnisplan'
  | 'gesamtfinanzplan'
  | 'investitionen'
  | 'produktbeschreibung';

export interface Title {
  readonly kind: SectionKind;
  readonly level: Level;
  readonly code: string;
  readonly name: string;
}

const SECTION_WORDS: readonly (readonly [RegExp, SectionKind])[] = [
  [/^teilergebnis(?:plan|haushalt)$/i, 'teilergebnisplan'],
  [/^teilfinanz(?:plan|haushalt)$/i, 'teilfinanzplan'],
  [/^investitionen$|^investitionsmaßnahmen$|^investitionsübersicht$/i, 'investitionen'],
  [/^produktbeschreibung$|^produktinformation$/i, 'produktbeschreibung'],
];

const LEVEL_WORDS: Readonly<Record<string, Level>> = {
  produktbereich: 'produktbereich',
  produktgruppe: 'produktgruppe',
  produkt: 'produkt',
};

/** "Teilergebnisplan Produktgruppe 43.01 Name", also "Teilergebnisplan – Produktgruppe 43.01 – Name",
 * "Teilergebnisplan für die Produktgruppe 0101: Name". */
const TITLE =
  /^(\S+)\s+(?:[-–:]\s+)?(?:für\s+(?:den|die|das)\s+)?(Produktbereich|Produktgruppe|Produkt)\s+(\d[\d.]*[\dA-Za-z]*):?(?:\s+(?:[-–]\s+)?(.*))?$/iu;
const GESAMT_TITLE = /^Gesamt(ergebnis|finanz)(?:plan|haushalt)(?:\s+(.*))?$/iu;
/**
 * The whole budget's plans as Hessen, Niedersachsen, Bayern and the Saarland title them („Ergebnishaushalt“,
 * „Finanzhaushalt“: GemHVO Hessen §§ 2, 3; KomHKVO §§ 2, 3; KommHV-Doppik §§ 2, 3) and Schleswig-Holstein
 * („Ergebnisplan“, „Finanzplan“: GemHVO-Doppik §§ 2, 3): without „Gesamt“, so only alone, with the year, or with
 * the body or the year it is for — never the start of a sentence („Finanzplan sieht vor …“).
 */
const PLAIN_GESAMT_TITLE = /^(Ergebnis|Finanz)(?:plan|haushalt)(?:\s+(.*))?$/u;
const PLAIN_GESAMT_REST =
  /^(?:(?:19|20)\d{2}(?:\/(?:19|20)?\d{2})?|[A-ZÄÖÜ][a-zäöüß]*haushalt(?:\s+(?:19|20)\d{2})?|(?:[-–]\s*)?(?:(?:der|des)\s+(?:Stadt|Gemeinde|Landkreis(?:es)?|Kreis(?:es)?|Markt(?:es)?|Marktgemeinde|Samtgemeinde|Verbandsgemeinde|Amt(?:es)?|Landeshauptstadt|Hansestadt)\b[^.;:!?]*|für\s+(?:das\s+)?(?:Haushaltsjahr\s+)?(?:19|20)\d{2}[^.;:!?]*))$/u;
/** The node line of a title printed over two lines. */
const NODE_LINE =
  /^(Produktbereich|Produktgruppe|Produkt)\s+(\d[\d.]*[\dA-Za-z]*):?(?:\s+(?:[-–]\s+)?(.*))?$/iu;
/** The plan line of a title printed over two lines, with the budget year or not. */
const PLAN_LINE = /^(\S+)(?:\s+(?:(?:19|20)\d{2}(?:\/\d{2,4})?))?$/u;

/** First letters a section title can start with (Teil…, Investitionen, Produkt…, Gesamt…), for a cheap reject. */
const TITLE_INITIALS = new Set(['T', 'I', 'P', 'G', 'E', 'F', 't', 'i', 'p', 'g']);

/** Recognises a section title line such as "Teilergebnisplan Produktgruppe 43.01 Kommunales Integrationszentrum". */
export function parseTitle(text: string): Title | undefined {
  const line = text.trim();
  if (!TITLE_INITIALS.has(line[0] ?? '') || line.length > 300 || line.includes('\t')) return undefined;
  const g = GESAMT_TITLE.exec(line);
  if (g) {
    const kind = g[1]!.toLowerCase() === 'ergebnis' ? 'gesamtergebnisplan' : 'gesamtfinanzplan';
    const rest = (g[2] ?? '').trim();
    if (rest.length > 80) return undefined;
    return { kind, level: 'haushalt', code: 'gesamt', name: rest };
  }
  const plain = PLAIN_GESAMT_TITLE.exec(line);
  if (plain) {
    const rest = (plain[2] ?? '').trim();
    if (rest !== '' && (rest.length > 80 || !PLAIN_GESAMT_REST.test(rest))) return undefined;
    const kind = plain[1] === 'Ergebnis' ? 'gesamtergebnisplan' : 'gesamtfinanzplan';
    const name = rest.replace(/^[-–]\s*/u, '');
    return { kind, level: 'haushalt', code: 'gesamt', name: /^(?:für|19|20)/u.test(name) ? '' : name };
  }
  const m = TITLE.exec(line);
  if (!m) return undefined;
  const kind = SECTION_WORDS.find(([re]) => re.test(m[1]!))?.[1];
  if (!kind) return undefined;
  const level = LEVEL_WORDS[m[2]!.toLowerCase()]!;
  return { kind, level, code: m[3]!.replace(/\.$/, ''), name: (m[4] ?? '').trim() };
}

function planWord(text: string): SectionKind | undefined {
  const m = PLAN_LINE.exec(text.trim());
  return m ? SECTION_WORDS.find(([re]) => re.test(m[1]!))?.[1] : undefined;
}

/**
 * A title printed over two lines: the node over the plan, or the plan (with its year) over the node. Both
 * lines must be short and hold nothing else.
 */
export function parseTitlePair(first: string, second: string): Title | undefined {
  const a = first.trim();
  const b = second.trim();
  if (a.length > 200 || b.length > 200 || a.includes('\t') || b.includes('\t')) return undefined;
  const over = (nodeLine: string, plan: string): Title | undefined => {
    const kind = planWord(plan);
    const node = kind ? NODE_LINE.exec(nodeLine) : undefined;
    if (!kind || !node) return undefined;
    return {
      kind,
      level: LEVEL_WORDS[node[1]!.toLowerCase()]!,
      code: node[2]!.replace(/\.$/, ''),
      name: (node[3] ?? '').trim(),
    };
  };
  return over(a, b) ?? over(b, a);
}

/** Quick look at the first lines: does this look like a plan text at all (a plan title in one or two lines)? */
export function looksLikePlanText(text: string): boolean {
  const head = text.slice(0, 200_000).split(/\r\n|\r|\n/u, 2000);
  if (head.some((l) => parseTitle(l) !== undefined)) return true;
  // a title printed over two lines (the node over the plan, or the plan and its year over the node)
  const printed = head.map((l) => l.replace(/\f/gu, '').trim()).filter((l) => l !== '');
  return printed.some((l, i) => i + 1 < printed.length && parseTitlePair(l, printed[i + 1]!) !== undefined);
}
