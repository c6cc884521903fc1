/**
 * `check` on the reference document: no errors, every printed difference reported as rounding, the one place
 * where explanations and table disagree as a warning; and a systematic mutation test: every printed amount of
 * every table, changed in the text by +10 € and by −1.000 €, makes check report an error at that cell or at a
 * total containing it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../src/core/check/index.js';
import type { Budget, Cell, Column, PlanType } from '../src/core/model.js';
import { formatGerman } from '../src/core/money.js';
import { importText } from '../src/importers/text/index.js';
import { REFERENCE } from './paths.js';

const text = readFileSync(REFERENCE, 'utf8');

function load(t: string): Budget {
  const r = importText(t, 'ref.txt');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.budget;
}

interface Target {
  readonly node: string;
  readonly plan: PlanType | 'investitionen';
  readonly line: string;
  readonly column: Column;
  readonly cell: Cell;
  /** Index of the amount among the tab-separated cells of its text line. */
  readonly cellIndex: number;
}

function targets(b: Budget): Target[] {
  const out: Target[] = [];
  for (const n of b.nodes) {
    for (const p of n.plans) {
      for (const l of p.lines) {
        for (const c of l.cells) {
          out.push({
            node: n.code,
            plan: p.type,
            line: l.line,
            column: c.column,
            cell: c,
            cellIndex: 2 + p.columns.indexOf(c.column),
          });
        }
      }
    }
    for (const r of n.investitionen?.rows ?? []) {
      if (r.type === 'group') continue;
      for (const c of r.cells) {
        const line = r.type === 'measure' ? r.number : r.line;
        out.push({
          node: n.code,
          plan: 'investitionen',
          line,
          column: c.column,
          cell: c,
          cellIndex: 1 + n.investitionen!.columns.indexOf(c.column),
        });
      }
    }
  }
  return out;
}

function ancestors(b: Budget, code: string): Set<string> {
  const out = new Set<string>([code]);
  let current = b.nodes.find((n) => n.code === code);
  while (current?.parent !== undefined) {
    out.add(current.parent);
    current = b.nodes.find((n) => n.code === current!.parent);
  }
  return out;
}

describe('check on the reference document', () => {
  const budget = load(text);
  const findings = check(budget);

  it('reports no error, every difference as rounding and the explanation conflict as a warning', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const rounding = findings.filter((f) => f.severity === 'rounding');
    expect(rounding.length).toBe(40);
    expect(rounding.every((f) => Math.abs(f.difference!) === 100 && f.source !== undefined)).toBe(true);
    const warnings = findings.filter((f) => f.severity === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      rule: 'erlaeuterung-items',
      node: '43.01',
      plan: 'teilergebnisplan',
      line: '13',
      kind: 'ansatz',
      year: 2025,
      expected: 50_400_000,
      actual: 50_900_000,
    });
    expect(warnings[0]!.message).toContain('509.000 €');
    expect(warnings[0]!.message).toContain('504.000 €');
    expect(findings.filter((f) => f.severity === 'info').map((f) => f.rule)).toEqual(
      Array(9).fill('label-misprint'),
    );
  });

  it('finds every changed amount (systematic mutation over all table cells)', () => {
    const lines = text.split('\n');
    const all = targets(budget);
    expect(all.length).toBeGreaterThan(1200);
    const missed: string[] = [];
    for (const t of all) {
      for (const delta of [1_000, -100_000]) {
        const no = t.cell.source!.line;
        const cells = lines[no - 1]!.split('\t');
        expect(cells[t.cellIndex]).toBe(formatGerman(t.cell.amount));
        cells[t.cellIndex] = formatGerman(t.cell.amount + delta);
        const mutated = [...lines];
        mutated[no - 1] = cells.join('\t');
        const b = load(mutated.join('\n'));
        const scope = ancestors(b, t.node);
        const hit = check(b).some(
          (f) =>
            f.severity === 'error' &&
            scope.has(f.node ?? '') &&
            (t.plan === 'investitionen' || t.column.kind === 'bisher' || t.column.kind === 'gesamt'
              ? f.plan === 'investitionen' || f.plan === 'teilfinanzplan'
              : f.kind === t.column.kind && f.year === t.column.year),
        );
        if (!hit) missed.push(`${t.node} ${t.plan} ${t.line} ${t.column.kind} ${t.column.year} ${delta}`);
      }
    }
    expect(missed).toEqual([]);
  });
});
