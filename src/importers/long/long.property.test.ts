/**
 * Property tests of the long-table import: a random table (nodes, years, Plan/Ist/Diff, Ertrag/Aufwand, amounts
 * with and without cents, some missing) imports with exact conservation — every column reconciles, the amounts
 * outside the plans are exactly the differences, every leaf's cell is the raw sum of its rows; one amount made
 * unreadable is an error finding at its row and nothing else changes but that amount; and no text at all gives
 * an import that succeeds with amounts unaccounted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcile, unreconciled } from '../../core/ledger.js';
import type { Budget } from '../../core/model.js';
import { importContent } from '../index.js';
import { importLongText } from './index.js';

interface Row {
  readonly year: number;
  readonly kind: 'Plan' | 'Ist' | 'Diff';
  readonly direction: 'Ertrag' | 'Aufwand';
  readonly pb: string;
  readonly pg: string;
  /** Cents, or undefined for a missing amount. */
  readonly cents: number | undefined;
  readonly withCents: boolean;
}

const row: fc.Arbitrary<Row> = fc.record({
  year: fc.integer({ min: 2020, max: 2023 }),
  kind: fc.constantFrom('Plan' as const, 'Ist' as const, 'Diff' as const),
  direction: fc.constantFrom('Ertrag' as const, 'Aufwand' as const),
  pb: fc.constantFrom('01', '02', '11'),
  pg: fc.constantFrom('01', '02', '03'),
  cents: fc.option(fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }), { nil: undefined, freq: 8 }),
  withCents: fc.boolean(),
});

function amountText(r: Row): string {
  if (r.cents === undefined) return 'nan';
  const abs = Math.abs(r.cents);
  const euros = Math.trunc(abs / 100);
  const rest = abs % 100;
  const sign = r.cents < 0 ? '-' : '';
  // whole euros may be written without decimals only when they are whole
  if (!r.withCents && rest === 0) return `${sign}${euros}`;
  return `${sign}${euros}.${String(rest).padStart(2, '0')}`;
}

function csv(rows: readonly Row[], replace?: { index: number; text: string }): string {
  const lines = ['Jahr,Art,Richtung,Produktbereich,Produktgruppe,Betrag'];
  rows.forEach((r, i) =>
    lines.push(
      `${r.year},${r.kind},${r.direction},${r.pb},${r.pb}.${r.pg},${replace?.index === i ? replace.text : amountText(r)}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function imported(text: string) {
  const r = importLongText(text, 'random.csv');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r;
}

/** Every placed cell with a source: `node|line|kind|year` → amount. */
function placed(b: Budget): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of b.nodes)
    for (const p of n.plans)
      for (const l of p.lines)
        for (const c of l.cells)
          if (c.source) out.set(`${n.code}|${l.line}|${c.column.kind}|${c.column.year}`, c.amount);
  return out;
}

const signed = (r: Row): number => (r.direction === 'Aufwand' ? -(r.cents ?? 0) : (r.cents ?? 0));

describe('long tables, random', () => {
  it('import with exact conservation', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        fc.pre(rows.some((r) => r.cents !== undefined));
        const r = imported(csv(rows));
        expect(unreconciled(reconcile(r.budget, r.ledger))).toEqual([]);
        const ledger = r.ledger[0]!;
        const read = ledger.read.reduce((s, x) => s + x.amount, 0);
        const outside = ledger.outside.reduce((s, x) => s + x.amount, 0);
        expect(read).toBe(rows.reduce((s, x) => s + signed(x), 0));
        expect(outside).toBe(rows.filter((x) => x.kind === 'Diff').reduce((s, x) => s + signed(x), 0));
        // each leaf's cell is the sum of its rows
        const cells = placed(r.budget);
        const plan = new Map<string, number>();
        for (const x of rows) {
          if (x.cents === undefined || x.kind === 'Diff') continue;
          const line = x.direction === 'Ertrag' ? '91' : '92';
          const key = `${x.pb}.${x.pg}|${line}|${x.kind === 'Ist' ? 'ergebnis' : ''}|${x.year}`;
          plan.set(key, (plan.get(key) ?? 0) + signed(x));
        }
        for (const [key, sum] of plan) {
          const [node, line, kind, year] = key.split('|') as [string, string, string, string];
          const found = [...cells].filter(
            ([k]) =>
              k.startsWith(`${node}|${line}|`) &&
              k.endsWith(`|${year}`) &&
              (kind === '' ? !k.includes('ergebnis') : k.includes(kind)),
          );
          expect(
            found.reduce((s, [, v]) => s + v, 0),
            key,
          ).toBe(sum);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('report one unreadable amount at its place and change nothing else', () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.constantFrom('12x', '1.2.3', '--5', 'abc', '1e'),
        (rows, pick, garbage) => {
          const withAmount = rows.map((r, i) => (r.cents !== undefined ? i : -1)).filter((i) => i >= 0);
          fc.pre(withAmount.length >= 2);
          const index = withAmount[pick % withAmount.length]!;
          const before = imported(csv(rows));
          const after = imported(csv(rows, { index, text: garbage }));
          const errors = after.budget.notes.filter((n) => n.severity === 'error');
          expect(errors).toHaveLength(1);
          expect(errors[0]!.source).toEqual({ file: 'random.csv', line: index + 2 });
          expect(errors[0]!.message).toContain(`„${garbage}“`);
          expect(unreconciled(reconcile(after.budget, after.ledger))).toEqual([]);
          const sum = (l: typeof before) => l.ledger[0]!.read.reduce((s, x) => s + x.amount, 0);
          expect(sum(after)).toBe(sum(before) - signed(rows[index]!));
          // every cell not fed by that row is unchanged
          const x = rows[index]!;
          const a = placed(after.budget);
          for (const [key, v] of placed(before.budget)) {
            const touched = key.startsWith(`${x.pb}.${x.pg}|`) && key.endsWith(`|${x.year}`);
            if (!touched) expect(a.get(key), key).toBe(v);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never succeed with amounts unaccounted, whatever the text', () => {
    const cell = fc.oneof(
      fc.constantFrom(
        'Jahr',
        'Betrag',
        'Art',
        'Richtung',
        'Plan',
        'Ist',
        'Ertrag',
        'Aufwand',
        'Diff',
        'nan',
        '',
      ),
      fc.constantFrom('2020', '2021', '1.234', '1,5', '12.50', '-3', '4.2E3', '01', '01.01', '16.01.2001'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(',', ';'),
        (rows, delimiter) => {
          const text = rows.map((r) => r.join(delimiter)).join('\n');
          const r = importContent(text, 'any.csv');
          if (r.ok) expect(unreconciled(reconcile(r.budget, r.ledger))).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });
});
