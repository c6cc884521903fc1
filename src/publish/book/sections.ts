/**
 * The book's sections in print order: for every node (document order, so Produktbereich → Produktgruppe →
 * Produkt as the plan has them) its Teilergebnisplan, Teilfinanzplan (each with its Erläuterungen), the
 * investment measures and the Produktbeschreibung with its Kennzahlen. Titles are what the published books
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
import { partKinds, partNode, PART_TITLE, type PartKind } from './eigenkapital-stellenplan.js';

export type SectionKind = PlanType | 'investitionen' | 'produktbeschreibung' | PartKind;

export interface BookSection {
  /** Unique id, used as the HTML anchor. */
  readonly id: string;
  readonly kind: SectionKind;
  readonly node: BudgetNode;
  readonly title: string;
}

export function sectionTitle(kind: SectionKind, node: BudgetNode): string {
  if (kind === 'eigenkapital' || kind === 'stellenplan') return PART_TITLE[kind];
  const word = kind === 'produktbeschreibung' ? 'Produktbeschreibung' : PLAN_LABEL[kind];
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
  const parts = partKinds(budget);
  for (const kind of parts.before) add(kind, partNode(kind));
  for (const node of budget.nodes) {
    for (const type of PLAN_TYPES) if (node.plans.some((p) => p.type === type)) add(type, node);
    if (node.investitionen && node.investitionen.rows.length > 0) add('investitionen', node);
    if (node.beschreibung || node.kennzahlen.length > 0) add('produktbeschreibung', node);
  }
  for (const kind of parts.after) add(kind, partNode(kind));
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
