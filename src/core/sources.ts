/**
 * Rewriting where values came from: an importer that reads a document through an intermediate text (a PDF's
 * laid-out lines, a layout-preserving text export) maps every `source` of the budget back to the original
 * page, line and box. Objects shared by several cells stay shared. Pure.
 */
import type { Budget, Source } from './model.js';

export function mapSources(budget: Budget, f: (source: Source) => Source): Budget {
  const memo = new Map<object, Source>();
  const map = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(map);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value) as [string, unknown][]) {
      if (k === 'source' && v !== null && typeof v === 'object') {
        let mapped = memo.get(v);
        if (!mapped) {
          mapped = f(v as Source);
          memo.set(v, mapped);
        }
        out[k] = mapped;
      } else out[k] = map(v);
    }
    return out;
  };
  return map(budget) as Budget;
}
