/**
 * `recheck` must equal `check`: for the reference and a generated budget, random amount changes anywhere
 * (consistent with the totals or not, so that errors come and go) are rechecked from the findings before and
 * compared with a full check of the changed budget, finding for finding and in the same order; `checkNodes`
 * must find at a node what the full check finds there.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFERENCE } from '../../../test/paths.js';
import { generateBudget } from '../../generate/index.js';
import { importText } from '../../importers/text/index.js';
import type { Budget } from '../model.js';
import { affectedNodes, check, checkInSlices, checkNodes, recheck } from './index.js';

function imported(text: string, name: string): Budget {
  const result = importText(text, name);
  if (!result.ok) throw new Error(`${name} did not import`);
  return result.budget;
}

/** Every printed cell of every plan, as a place to change. */
function places(budget: Budget): { node: number; plan: number; line: number; cell: number }[] {
  const out: { node: number; plan: number; line: number; cell: number }[] = [];
  for (const [node, n] of budget.nodes.entries())
    for (const [plan, p] of n.plans.entries())
      for (const [line, l] of p.lines.entries())
        for (const cell of l.cells.keys()) out.push({ node, plan, line, cell });
  return out;
}

/** The budget with one printed amount changed by `delta` cents. */
function changed(
  budget: Budget,
  at: { node: number; plan: number; line: number; cell: number },
  delta: number,
): Budget {
  const nodes = budget.nodes.map((n, i) =>
    i !== at.node
      ? n
      : {
          ...n,
          plans: n.plans.map((p, j) =>
            j !== at.plan
              ? p
              : {
                  ...p,
                  lines: p.lines.map((l, k) =>
                    k !== at.line
                      ? l
                      : {
                          ...l,
                          cells: l.cells.map((c, m) =>
                            m !== at.cell ? c : { ...c, amount: c.amount + delta },
                          ),
                        },
                  ),
                },
          ),
        },
  );
  return { ...budget, nodes };
}

const budgets: [string, Budget][] = [
  ['reference', imported(readFileSync(REFERENCE, 'utf8'), 'reference.txt')],
  ['generated', imported(generateBudget({ products: 12, seed: 3 }), 'generiert.txt')],
];

describe('recheck', () => {
  for (const [name, budget] of budgets) {
    const all = places(budget);
    it(`equals a full check after random changes (${name})`, () => {
      const delta = fc.oneof(
        fc.integer({ min: -100, max: 100 }),
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
      );
      const edit = fc.record({ at: fc.nat({ max: all.length - 1 }), delta });
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
          let before = budget;
          let findings = check(budget);
          for (const e of edits) {
            const place = all[e.at]!;
            const after = changed(before, place, e.delta);
            findings = recheck(after, findings, [after.nodes[place.node]!.code]);
            before = after;
          }
          expect(findings).toEqual(check(before));
        }),
        { numRuns: 40 },
      );
    });
  }

  it('checks single nodes as the full check finds them at those nodes', () => {
    for (const [, budget] of budgets) {
      const broken = changed(budget, places(budget)[0]!, 1_000_000);
      const all = check(broken);
      expect(all.some((f) => f.severity === 'error')).toBe(true);
      for (const n of broken.nodes)
        expect(checkNodes(broken, [n.code])).toEqual(all.filter((f) => f.node === n.code));
    }
  });

  it('checks in slices exactly what one check finds, import notes of no node and of unknown nodes included', () => {
    const drain = (b: Budget, size: number) => {
      const it = checkInSlices(b, size);
      let steps = 0;
      for (let r = it.next(); ; r = it.next(), steps++) if (r.done) return { findings: r.value, steps };
    };
    for (const [, budget] of budgets) {
      const withNotes: Budget = {
        ...budget,
        notes: [
          ...budget.notes,
          { severity: 'info', rule: 'skipped-text', message: 'Deckblatt übersprungen' },
          { severity: 'warning', rule: 'skipped-rows', message: 'Zeilen übersprungen', node: '99.99' },
        ],
      };
      const broken = changed(withNotes, places(budget)[0]!, 1_000_000);
      const { findings, steps } = drain(broken, 3);
      expect(steps).toBe(Math.ceil(new Set(broken.nodes.map((n) => n.code)).size / 3));
      expect(findings).toEqual(check(broken));
      expect(findings.some((f) => f.node === undefined)).toBe(true);
      expect(findings.some((f) => f.node === '99.99')).toBe(true);
    }
  });

  it('finds the errors an inconsistent change makes, and loses them when it is undone', () => {
    const [, budget] = budgets[1]!;
    const base = check(budget);
    expect(base.some((f) => f.severity === 'error')).toBe(false);
    const place = places(budget)[0]!;
    const broken = changed(budget, place, 1_000_000);
    const code = broken.nodes[place.node]!.code;
    const found = recheck(broken, base, [code]);
    expect(found.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    expect(recheck(budget, found, [code])).toEqual(base);
  });

  it('takes the changed nodes, their ancestors and the Gesamtplan as affected', () => {
    const [, budget] = budgets[1]!;
    const product = budget.nodes.find((n) => n.level === 'produkt')!;
    const scope = affectedNodes(budget, [product.code]);
    const ancestors: string[] = [];
    for (let p = product.parent; p !== undefined; p = budget.nodes.find((n) => n.code === p)?.parent)
      ancestors.push(p);
    expect(ancestors.length).toBeGreaterThan(0);
    for (const a of ancestors) expect(scope.has(a)).toBe(true);
    const gesamt = budget.nodes.find((n) => n.level === 'haushalt');
    if (gesamt) expect(scope.has(gesamt.code)).toBe(true);
    expect(scope.size).toBe(1 + ancestors.length + (gesamt ? 1 : 0));
  });
});
