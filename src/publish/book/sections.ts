/**
 * The book's sections in print order (the statutory order after the Satzung and the Vorbericht of the front
 * matter): the Entwicklung des Eigenkapitals, the Gesamtpläne, the Übersichten (Haushaltsquerschnitt,
 * Verpflichtungsermächtigungen), then for every unit (document order, so Produktbereich → Produktgruppe →
 * Produkt as the plan has them) its Teilergebnisplan, Teilfinanzplan (each with its Erläuterungen), the
 * investment measures and the Produktbeschreibung with its Kennzahlen, then the Stellenplan and the Anlagen
 * (Verbindlichkeiten, Fraktionen, Investitionsprogramm). Each chapter of the parts hangs on a node of its own. Titles are what the published books
 * print ("Teilergebnisplan Produktgruppe 43.01 Name"), so the book reads back through our importer.
 */
import {
  LEVEL_LABEL,
  PLAN_LABEL,
  PLAN_TYPES,
  type Budget,
  type BudgetNode,
  type PlanType,
} from '../../core/model.js';
import { schemaById } from '../../core/schema.js';
import { anlageKinds, ANLAGE_TITLE, type AnlageKind } from './anlagen.js';
import { partKinds, partNode, PART_TITLE, type PartKind } from './eigenkapital-stellenplan.js';
import { partChapters } from './parts.js';

/** The Übersichten printed between the Gesamtpläne and the Teilpläne (`parts.ts`). */
export type UebersichtKind = 'haushaltsquerschnitt' | 've-uebersicht';

export type SectionKind =
  PlanType | 'investitionen' | 'produktbeschreibung' | PartKind | UebersichtKind | AnlageKind;

export type ChapterKind = PartKind | UebersichtKind | AnlageKind;

/** The kinds of section that are a chapter of the parts, hung on a node of their own (`chapterNode`). */
export const CHAPTER_KINDS: ReadonlySet<SectionKind> = new Set<SectionKind>([
  'eigenkapital',
  'stellenplan',
  'haushaltsquerschnitt',
  've-uebersicht',
  'verbindlichkeiten',
  'fraktionen',
  'investitionsprogramm',
]);

export function isChapterKind(kind: SectionKind): kind is ChapterKind {
  return CHAPTER_KINDS.has(kind);
}

/** The node a chapter of the parts hangs on: named as the chapter, at the level of the Gesamthaushalt. */
function chapterNode(code: string, name: string): BudgetNode {
  return { code, level: 'haushalt', name, plans: [], erlaeuterungen: [], kennzahlen: [] };
}

export interface BookSection {
  /** Unique id, used as the HTML anchor. */
  readonly id: string;
  readonly kind: SectionKind;
  readonly node: BudgetNode;
  readonly title: string;
}

/**
 * The plan's name in its Land's words, from the title of the line schema it was read with: „Teilergebnishaushalt“
 * (Hessen, Niedersachsen, Bayern, Baden-Württemberg, Brandenburg, Sachsen), „Ergebnishaushalt“ and
 * „Finanzhaushalt“ for the whole budget (Hessen, Niedersachsen, Bayern, Saarland), „Ergebnisplan“
 * (Schleswig-Holstein), NRW's „Teilergebnisplan“ … otherwise; the importer reads each back.
 */
function planWord(kind: PlanType | 'investitionen', node: BudgetNode): string {
  const plan = kind === 'investitionen' ? undefined : node.plans.find((p) => p.type === kind);
  const word = plan ? schemaById(plan.schemaId)?.title.split(' (')[0]?.trim() : undefined;
  return word !== undefined && /^[A-ZÄÖÜ][a-zäöüß]*(?:plan|haushalt)$/u.test(word) ? word : PLAN_LABEL[kind];
}

export function sectionTitle(kind: SectionKind, node: BudgetNode): string {
  if (kind === 'eigenkapital' || kind === 'stellenplan') return PART_TITLE[kind];
  if (isChapterKind(kind)) return node.name;
  const word = kind === 'produktbeschreibung' ? 'Produktbeschreibung' : planWord(kind, node);
  if (node.level === 'haushalt') return `${word} ${node.name}`.trim();
  return `${word} ${LEVEL_LABEL[node.level]} ${node.code} ${node.name}`.trim();
}

function anchor(code: string, kind: SectionKind): string {
  return `${kind}-${code.replace(/[^\w.-]/gu, '_')}`;
}

export function bookSections(budget: Budget): BookSection[] {
  const out: BookSection[] = [];
  const seen = new Set<string>();
  const add = (kind: SectionKind, node: BudgetNode): void => {
    let id = anchor(node.code, kind);
    for (let n = 2; seen.has(id); n++) id = `${anchor(node.code, kind)}-${n}`;
    seen.add(id);
    out.push({ id, kind, node, title: sectionTitle(kind, node) });
  };
  const addNode = (node: BudgetNode): void => {
    for (const type of PLAN_TYPES) if (node.plans.some((p) => p.type === type)) add(type, node);
    if (node.investitionen && node.investitionen.rows.length > 0) add('investitionen', node);
    if (node.beschreibung || node.kennzahlen.length > 0) add('produktbeschreibung', node);
  };
  const parts = partKinds(budget);
  // the statutory order: (Satzung and Vorbericht in the front matter), Gesamtpläne, Übersichten, Teilpläne,
  // Stellenplan, Anlagen
  for (const kind of parts.before) add(kind, partNode(kind));
  for (const node of budget.nodes) if (node.level === 'haushalt') addNode(node);
  for (const c of partChapters(budget))
    if (c.id === 'haushaltsquerschnitt' || c.id === 've-uebersicht') add(c.id, chapterNode(c.id, c.heading));
  for (const node of budget.nodes) if (node.level !== 'haushalt') addNode(node);
  for (const kind of parts.after) add(kind, partNode(kind));
  for (const kind of anlageKinds(budget)) add(kind, chapterNode(kind, ANLAGE_TITLE[kind]));
  return out;
}

/**
 * Sections split into parts that are printed one after another: a new part starts with each Produktbereich
 * (and with the Gesamtpläne), so that one print job never holds the whole book.
 */
export function bookParts(sections: readonly BookSection[]): BookSection[][] {
  const parts: BookSection[][] = [];
  let root: BudgetNode | undefined;
  for (const s of sections) {
    const top = s.node.level === 'haushalt' || s.node.level === 'produktbereich';
    if (parts.length === 0 || (top && s.node !== root)) {
      parts.push([]);
      root = s.node;
    }
    parts[parts.length - 1]!.push(s);
  }
  return parts;
}
