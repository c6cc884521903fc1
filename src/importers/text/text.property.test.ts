/**
 * Property tests of the plan-text import over random plans (test/random-plans.ts): columns in any order and
 * under any name, the line number in its own cell or before the label, amounts in every style, expenses printed
 * positive or negative with one line printed the other way, lines of zeros left out or printed, rows of amounts
 * without a line number after the table, and an Erläuterung with amounts of its own.
 *
 * - Conservation against what was printed: per column, the amounts read are every amount of the table rows,
 *   those outside the plans the rows without a line number (each reported).
 * - The consistent plan gives no error and no warning but for those rows.
 * - One amount made unreadable is reported at its place (line, column, its text) and nothing else changes;
 *   `strict` refuses the import.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../core/check/index.js';
import type { Budget } from '../../core/model.js';
import { formatGerman } from '../../core/money.js';
import { schemaById, schemaLine } from '../../core/schema.js';
import {
  BUDGET_YEAR,
  UNREADABLE,
  cellsOf,
  headerOf,
  printedSums,
  randomPlan,
  type RandomPlan,
} from '../../../test/random-plans.js';
import { importFiles } from '../index.js';

interface Layout {
  readonly headerVariant: number;
  /** The line number in a cell of its own, or before the label in one cell. */
  readonly ownCell: boolean;
  readonly erlaeuterung: boolean;
  readonly crlf: boolean;
}

const layoutArb: fc.Arbitrary<Layout> = fc.record({
  headerVariant: fc.nat({ max: 5 }),
  ownCell: fc.boolean(),
  erlaeuterung: fc.boolean(),
  crlf: fc.boolean(),
});

interface Text {
  readonly lines: string[];
  /** Per plan row, its line in the text (0-based) and the cells before its amounts. */
  readonly planRows: readonly number[];
  readonly lead: number;
}

function layOut(plan: RandomPlan, l: Layout, bad?: { row: number; k: number; text: string }): Text {
  const title = plan.type === 'teilfinanzplan' ? 'Teilfinanzplan' : 'Teilergebnisplan';
  const lines = [
    `${title} Produktgruppe ${plan.node.code} ${plan.node.name}`,
    '',
    ['Nr.', 'Bezeichnung', ...plan.columns.map((c) => headerOf(c, l.headerVariant))].join('\t'),
  ];
  const planRows: number[] = [];
  plan.rows.forEach((r, i) => {
    planRows.push(lines.length);
    const amounts = r.cells.map((c, k) => (bad && bad.row === i && bad.k === k ? bad.text : (c?.text ?? '')));
    lines.push([...(l.ownCell ? [r.line, r.label] : [`${r.line} ${r.label}`]), ...amounts].join('\t'));
  });
  // rows without a line number stand after the table (among the Erläuterungen)
  for (const e of plan.extra) lines.push([e.label, '', ...e.cells.map((c) => c?.text ?? '')].join('\t'));
  // an Erläuterung: its amounts are no amounts of the table (and within the line, so no finding)
  const budget = plan.columns.findIndex((c) => c.kind === 'ansatz' && c.year === BUDGET_YEAR);
  const line13 = plan.rows.find((r) => r.line === '13')?.cells[budget];
  const euros = Math.floor(Math.abs(line13?.cents ?? 0) / 100);
  if (l.erlaeuterung && euros > 0) {
    lines.push(
      '',
      'Erläuterungen',
      'Zu Zeile 13:',
      `- a) Sachkosten Dolmetscherpool = ${formatGerman(euros * 100)} €`,
    );
  }
  return { lines, planRows, lead: l.ownCell ? 2 : 1 };
}

const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-text-property-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
let run = 0;

describe('plan text (property)', () => {
  it('accounts for every printed amount, and reports one unreadable amount at its place and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        // text keeps no empty cell at the end of a line: a VE left empty is never the last column
        randomPlan.filter((p) => p.columns.at(-1)?.kind !== 've'),
        layoutArb,
        fc.nat(),
        fc.constantFrom(...UNREADABLE),
        async (plan, layout, pick, bad) => {
          const text = layOut(plan, layout);
          const file = path.join(dir, `plan-${++run}.txt`);
          const badFile = path.join(dir, `plan-${run}-kaputt.txt`);
          const nl = layout.crlf ? '\r\n' : '\n';
          writeFileSync(file, text.lines.join(nl));

          const r = await importFiles([file]);
          if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
          const printed = printedSums(plan);
          expect(r.reconciliation.map((x) => `${x.column.kind}:${x.column.year}`).sort()).toEqual(
            [...printed.keys()].sort(),
          );
          for (const x of r.reconciliation) {
            const p = printed.get(`${x.column.kind}:${x.column.year}`)!;
            expect([x.read.amount, x.read.count, x.outside.reduce((s, o) => s + o.amount, 0)]).toEqual([
              p.read,
              p.count,
              p.outside,
            ]);
            expect(x.difference).toBe(0);
          }
          const serious = (b: Budget) =>
            check(b)
              .filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.rule !== 'skipped-row')
              .map((f) => `${f.rule} ${f.line} ${f.kind} ${f.year}: ${f.message}`);
          expect(r.budget.notes.filter((n) => n.rule === 'skipped-row')).toHaveLength(plan.extra.length);
          expect(serious(r.budget)).toEqual([]);

          const cells = plan.rows.flatMap((row, i) =>
            row.cells.flatMap((c, k) => (c ? [{ i, k, cell: c }] : [])),
          );
          if (cells.length === 0) return;
          const target = cells[pick % cells.length]!;
          const broken = layOut(plan, layout, { row: target.i, k: target.k, text: bad });
          writeFileSync(badFile, broken.lines.join(nl));
          const b = await importFiles([badFile]);
          if (!b.ok) throw new Error(b.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
          const line = plan.rows[target.i]!.line;
          const errors = b.budget.notes.filter((n) => n.severity === 'error');
          expect(errors).toHaveLength(1);
          expect(errors[0]).toMatchObject({
            rule: 'unreadable-amount',
            line,
            source: { file: badFile, line: text.planRows[target.i]! + 1 },
          });
          const column = plan.columns[target.k]!;
          expect(errors[0]!.message).toContain(`„${bad}“ in Spalte ${headerName(column)}`);
          const before = cellsOf(r.budget);
          const after = cellsOf(b.budget);
          expect(
            before.filter((c) => !after.includes(c)).map((c) => c.split(' ').slice(0, 5).join(' ')),
          ).toEqual([`${plan.node.code} ${plan.type} ${line} ${column.kind} ${column.year}`]);
          expect(after).toHaveLength(before.length - 1);
          // a plan whose expenses are all within a euro reads alike with expenses printed negative or positive
          // (Ordentliche Aufwendungen 0,01): once a cell is unreadable, the totals left may not tell the two
          // apart, and saying so is right; any other plan has its convention told by the totals still readable
          // (an unreadable total by its parts: seeds -1291131973, -328427500)
          const schema = schemaById(plan.schemaId);
          const immaterial = plan.rows.every(
            (row) =>
              (schema && schemaLine(schema, row.line)?.flow !== 'out') ||
              row.cells.every((c) => !c || Math.abs(c.cents) <= 100),
          );
          expect(
            serious(b.budget)
              .map((f) => f.split(':')[0])
              .filter((f) => !(immaterial && f?.startsWith('signs-undecided'))),
          ).toEqual([`unreadable-amount ${line} undefined undefined`]);
          for (const x of b.reconciliation) {
            const p = printed.get(`${x.column.kind}:${x.column.year}`)!;
            const same = x.column.kind === column.kind && x.column.year === column.year;
            expect(x.read.amount).toBe(p.read - (same ? target.cell.cents : 0));
          }
          const strict = await importFiles([badFile], { strict: true });
          expect(strict.ok ? [] : strict.errors.map((e) => `${e.file}:${e.line}`)).toEqual([
            `${badFile}:${text.planRows[target.i]! + 1}`,
          ]);
        },
      ),
      {
        numRuns: Number(process.env.HAUSHALT_PROPERTY_RUNS ?? 120),
        // a failure prints its seed: HAUSHALT_PROPERTY_SEED=<seed> repeats it (test/property-seed.ts)
      },
    );
  }, 120_000);
});

/** How the text importer names a column in its messages ("Ansatz 2026", "VE"). */
function headerName(column: { kind: string; year: number }): string {
  return column.kind === 've'
    ? 'VE'
    : `${column.kind[0]!.toUpperCase()}${column.kind.slice(1)} ${column.year}`;
}
