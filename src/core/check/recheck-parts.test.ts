import { describe, expect, it } from 'vitest';
import { generateBudget } from '../../generate/index.js';
import { importText } from '../../importers/text/index.js';
import type { Budget } from '../model.js';
import { deriveRuecklagen } from '../parts/derive.js';
import { check, recheck } from './index.js';

describe('recheck with parts', () => {
  it('finds the Rücklagen against the plans anew after an edit of a top unit, as check does', () => {
    const r = importText(generateBudget({ products: 8, seed: 4, year: 2026 }), 'g.txt');
    if (!r.ok) throw new Error('not imported');
    const ruecklagen = deriveRuecklagen(r.budget, { year: 2026, allgemeine: 4_000_000_000, ausgleich: 0 })!;
    const before: Budget = { ...r.budget, parts: { ruecklagen } };
    const previous = check(before);
    expect(previous.filter((f) => f.rule === 'ruecklagen-ergebnisplan')).toEqual([]);
    // the top unit's Jahresergebnis (line 26) of 2026 moves by 1.000 €
    const top = before.nodes.find((n) => n.parent === undefined && n.level !== 'haushalt')!;
    const after: Budget = {
      ...before,
      nodes: before.nodes.map((n) =>
        n !== top
          ? n
          : {
              ...n,
              plans: n.plans.map((p) =>
                p.type !== 'teilergebnisplan'
                  ? p
                  : {
                      ...p,
                      lines: p.lines.map((l) =>
                        l.line !== '26'
                          ? l
                          : {
                              ...l,
                              cells: l.cells.map((c) =>
                                c.column.kind === 'ansatz' && c.column.year === 2026
                                  ? { ...c, amount: c.amount + 100_000 }
                                  : c,
                              ),
                            },
                      ),
                    },
              ),
            },
      ),
    };
    const again = recheck(after, previous, [top.code]);
    expect(again).toEqual(check(after));
    expect(
      again
        .filter((f) => f.rule === 'ruecklagen-ergebnisplan')
        .map((f) => `${f.severity} ${f.year} ${f.line}`),
    ).toEqual(['error 2026 jahresergebnis']);
  });
});
