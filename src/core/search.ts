/**
 * Full-text search over one budget: node names, printed plan line labels, Erläuterung texts and items,
 * Produktbeschreibungen and Kennzahl labels. Every word of the query must occur in the same text (case and
 * accents of the query do not matter beyond German lower-casing). Pure; hits come in document order.
 */
import type { Block, Budget, PlanType } from './model.js';

export type SearchHitKind = 'name' | 'line' | 'erlaeuterung' | 'beschreibung' | 'kennzahl';

export interface SearchHit {
  readonly node: string;
  readonly nodeName: string;
  readonly kind: SearchHitKind;
  readonly plan?: PlanType;
  readonly line?: string;
  /** Index of the Erläuterung in the node, and of the item in it. */
  readonly erlaeuterung?: number;
  readonly item?: number;
  readonly letter?: string;
  /** Where in a description: the field's name. */
  readonly field?: string;
  readonly text: string;
}

const normalise = (s: string): string => s.replace(/\u00ad/gu, '').toLocaleLowerCase('de-DE');

function blockText(b: Block): string {
  return b.type === 'paragraph' ? b.text : b.items.map((i) => `${i.marker} ${i.text}`).join(' ');
}

export function searchBudget(budget: Budget, query: string, limit = 200): SearchHit[] {
  const words = normalise(query).split(/\s+/u).filter(Boolean);
  if (words.length === 0) return [];
  const hits: SearchHit[] = [];
  const matches = (text: string): boolean => {
    const t = normalise(text);
    return words.every((w) => t.includes(w));
  };
  const add = (hit: SearchHit): boolean => {
    hits.push(hit);
    return hits.length >= limit;
  };
  for (const node of budget.nodes) {
    const base = { node: node.code, nodeName: node.name };
    if (matches(`${node.code} ${node.name}`) && add({ ...base, kind: 'name', text: node.name })) return hits;
    for (const plan of node.plans)
      for (const line of plan.lines)
        if (
          matches(line.label) &&
          add({ ...base, kind: 'line', plan: plan.type, line: line.line, text: line.label })
        )
          return hits;
    for (const [ei, e] of node.erlaeuterungen.entries()) {
      const where = {
        ...base,
        kind: 'erlaeuterung' as const,
        plan: e.plan,
        erlaeuterung: ei,
        ...(e.line ? { line: e.line } : {}),
      };
      for (const text of [e.title ?? '', ...e.intro, ...e.closing])
        if (text !== '' && matches(text) && add({ ...where, text })) return hits;
      for (const [ii, item] of e.items.entries())
        if (
          matches(item.raw || item.text) &&
          add({
            ...where,
            item: ii,
            ...(item.letter ? { letter: item.letter } : {}),
            text: item.raw || item.text,
          })
        )
          return hits;
    }
    for (const f of node.beschreibung?.fields ?? [])
      for (const b of f.blocks) {
        const text = blockText(b);
        if (matches(text) && add({ ...base, kind: 'beschreibung', field: f.name, text })) return hits;
      }
    for (const t of node.kennzahlen)
      for (const r of t.rows)
        if (matches(r.label) && add({ ...base, kind: 'kennzahl', text: r.label })) return hits;
  }
  return hits;
}
