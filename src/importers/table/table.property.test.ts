/**
 * Property tests of the table import (CSV and XLSX) over random plans (test/random-plans.ts) laid out in random
 * ways: columns in any order and under any name, one or two header rows (merged in XLSX), the line number with
 * its label or beside it, operators before labels, a title row, a node column with or without its name, `;`,
 * `,` or tab, UTF-8 with or without BOM, UTF-16, Windows-1252, CRLF, packed with gzip; XLSX with a second sheet
 * without plan lines.
 *
 * - Conservation, checked against what the generator printed, not against the importer's own ledger: per file
 *   and column, the amounts read are every printed amount, those on plan cells are the plan rows', those
 *   outside the plans are the rows without a line number (each reported). An import that comes in therefore
 *   never leaves an amount unaccounted.
 * - The consistent plan gives no error and no warning but for the rows without a line number.
 * - One cell made unreadable is reported at its place (file, row, column, its text) as an error finding, and
 *   nothing else changes: the same cells but that one, no other finding; `strict` refuses the import.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import { check } from '../../core/check/index.js';
import { schemaById } from '../../core/schema.js';
import {
  UNREADABLE,
  cellsOf,
  headerOf,
  printedSums,
  randomPlan,
  type PrintedCell,
  type RandomPlan,
} from '../../../test/random-plans.js';
import { importFiles } from '../index.js';

interface Layout {
  readonly title: boolean;
  readonly nodeHeader: number;
  readonly nodeName: boolean;
  /** 0: "02 - Label" in one cell; 1: "02" beside "Label"; 2: "02" beside "+ Label". */
  readonly labelForm: number;
  readonly twoHeaderRows: boolean;
  readonly headerVariant: number;
  readonly delimiter: number;
  readonly encoding: number;
  readonly crlf: boolean;
  readonly xlsx: boolean;
  readonly otherSheet: boolean;
  /** A CSV packed with gzip (`.csv.gz`). */
  readonly gzip: boolean;
}

const layoutArb: fc.Arbitrary<Layout> = fc.record({
  title: fc.boolean(),
  nodeHeader: fc.nat({ max: 2 }),
  nodeName: fc.boolean(),
  labelForm: fc.nat({ max: 2 }),
  twoHeaderRows: fc.boolean(),
  headerVariant: fc.nat({ max: 5 }),
  delimiter: fc.nat({ max: 2 }),
  encoding: fc.nat({ max: 3 }),
  crlf: fc.boolean(),
  xlsx: fc.boolean(),
  otherSheet: fc.boolean(),
  gzip: fc.boolean(),
});

const NODE_HEADERS = ['Produktgruppe', 'PG', 'Teilplan'];

/** A cell of the laid-out table: text, or an amount (written as a number into XLSX). */
type Out = string | PrintedCell;

interface Table {
  readonly rows: Out[][];
  /** Where each plan row's amounts stand: its row index and the index of its first amount cell. */
  readonly planRows: readonly number[];
  readonly firstAmount: number;
}

function operator(plan: RandomPlan, line: string): string {
  const sl = schemaById(plan.schemaId)!.lines.find((l) => l.line === line)!;
  return sl.sum ? '=' : sl.flow === 'out' ? '-' : '+';
}

function layOut(plan: RandomPlan, l: Layout): Table {
  const lead = [NODE_HEADERS[l.nodeHeader]!, ...(l.nodeName ? ['Bezeichnung'] : [])];
  const labelCells = l.labelForm === 0 ? 1 : 2;
  const headerLead = [...lead, 'Zeile', ...(labelCells === 2 ? [''] : [])];
  const rows: Out[][] = [];
  if (l.title) rows.push([plan.type === 'teilfinanzplan' ? 'Teilfinanzplan' : 'Teilergebnisplan']);
  const headers = plan.columns.map((c) => headerOf(c, l.headerVariant));
  if (l.twoHeaderRows) {
    // the kind over the year, written once over neighbours of the same kind (a merged cell)
    rows.push([
      ...headerLead,
      ...plan.columns.map((c, i) =>
        i > 0 && plan.columns[i - 1]!.kind === c.kind ? '' : headers[i]!.replace(/\s*\d{4}/u, ''),
      ),
    ]);
    rows.push([...headerLead.map(() => ''), ...plan.columns.map((c) => String(c.year))]);
  } else rows.push([...headerLead, ...headers]);
  const nodeCells = [plan.node.code.replace('.', ''), ...(l.nodeName ? [plan.node.name] : [])];
  const planRows: number[] = [];
  const extraAfter = (n: number) => plan.extra.filter((e) => e.after === n);
  plan.rows.forEach((r, i) => {
    const label =
      l.labelForm === 0
        ? [`${r.line} - ${r.label}`]
        : [r.line, l.labelForm === 2 ? `${operator(plan, r.line)} ${r.label}` : r.label];
    planRows.push(rows.length);
    rows.push([...nodeCells, ...label, ...r.cells.map((c) => c ?? '')]);
    for (const e of extraAfter(i + 1)) {
      const text = labelCells === 1 ? [e.label] : ['', e.label];
      rows.push([...nodeCells, ...text, ...e.cells.map((c) => c ?? '')]);
    }
  });
  return { rows, planRows, firstAmount: nodeCells.length + labelCells };
}

const DELIMITERS = [';', ',', '\t'];

function csvText(t: Table, l: Layout): string {
  const d = DELIMITERS[l.delimiter]!;
  const field = (c: Out): string => {
    const s = typeof c === 'string' ? c : c.text;
    return s.includes(d) || s.includes('"') ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return t.rows.map((r) => r.map(field).join(d)).join(l.crlf ? '\r\n' : '\n');
}

function encode(text: string, encoding: number): Buffer {
  switch (encoding) {
    case 1:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 2:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 3:
      // Windows-1252: Latin-1 but for the euro sign
      return Buffer.from(text.replaceAll('€', '\u0080'), 'latin1');
    default:
      return Buffer.from(text, 'utf8');
  }
}

/** A sheet without plan lines, with amounts under a plan column header: they are listed outside the plans. */
const OTHER_SHEET: readonly (readonly Out[])[] = [
  ['Übersicht der Zuschüsse'],
  ['Empfänger', 'Ansatz 2026'],
  ['Verein A', { text: '1.500', cents: 150_000 }],
  ['Verein B', { text: '2.250,50', cents: 225_050 }],
];

async function xlsxBytes(t: Table, l: Layout): Promise<Buffer> {
  const cell = (c: Out, year: boolean) => {
    if (typeof c !== 'string') {
      const decimals = c.text.includes(',') && !c.text.includes(',-');
      return { type: Number, value: c.cents / 100, format: decimals ? '#,##0.00' : '#,##0' };
    }
    // the second header row's years: numbers in a spreadsheet as well
    if (year && /^\d{4}$/u.test(c)) return { type: Number, value: Number(c), format: '0' };
    return { type: String, value: c };
  };
  const headerRows = t.planRows[0]!;
  const sheets = [
    {
      sheet: 'Blatt1',
      data: t.rows.map((row, r): Row => row.map((c, k) => cell(c, r < headerRows && k >= t.firstAmount))),
    },
    ...(l.otherSheet
      ? [{ sheet: 'Notizen', data: OTHER_SHEET.map((row): Row => row.map((c) => cell(c, false))) }]
      : []),
  ];
  return Buffer.from(await writeXlsxFile(sheets).toBuffer());
}

const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-table-property-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
let run = 0;

describe('tables of plan lines (property)', () => {
  it('account for every printed amount, and report one unreadable cell at its place and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        randomPlan,
        layoutArb,
        fc.nat(),
        fc.constantFrom(...UNREADABLE),
        async (plan, layout, pick, bad) => {
          const table = layOut(plan, layout);
          const ext = layout.xlsx ? 'xlsx' : layout.gzip ? 'csv.gz' : 'csv';
          const file = path.join(dir, `plan-${++run}.${ext}`);
          const badFile = path.join(dir, `plan-${run}-kaputt.${ext}`);
          const write = async (t: Table, to: string): Promise<void> => {
            const csv = (): Buffer => encode(csvText(t, layout), layout.encoding);
            writeFileSync(
              to,
              layout.xlsx ? await xlsxBytes(t, layout) : layout.gzip ? gzipSync(csv()) : csv(),
            );
          };
          await write(table, file);
          const key = (f: string): string => (layout.xlsx ? `${f}#Blatt1` : f);

          // conservation, against what was printed
          const r = await importFiles([file]);
          if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
          const printed = printedSums(plan);
          const rows = r.reconciliation.filter((x) => x.file === key(file));
          expect(rows.map((x) => `${x.column.kind}:${x.column.year}`).sort()).toEqual(
            [...printed.keys()].sort(),
          );
          for (const x of rows) {
            const p = printed.get(`${x.column.kind}:${x.column.year}`)!;
            expect([x.read.amount, x.read.count, x.outside.reduce((s, o) => s + o.amount, 0)]).toEqual([
              p.read,
              p.count,
              p.outside,
            ]);
            expect(x.difference).toBe(0);
          }
          if (layout.xlsx && layout.otherSheet) {
            const other = r.reconciliation.filter((x) => x.file === `${file}#Notizen`);
            expect(
              other.map((x) => [x.read.amount, x.placed.amount, x.outside[0]?.reason.split(':')[0]]),
            ).toEqual([[375_050, 0, 'Tabellenblatt „Notizen“ übersprungen']]);
          }
          const findings = check(r.budget);
          const skippedRows = (fs: typeof findings) => fs.filter((f) => f.rule === 'skipped-row');
          expect(skippedRows(findings)).toHaveLength(plan.extra.length);
          const serious = (fs: typeof findings) =>
            fs
              .filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.rule !== 'skipped-row')
              .filter((f) => f.rule !== 'skipped-sheet')
              .map((f) => `${f.rule} ${f.line} ${f.kind} ${f.year}: ${f.message}`);
          expect(serious(findings)).toEqual([]);

          // one cell made unreadable
          const cells = table.planRows.flatMap((row, i) =>
            plan.rows[i]!.cells.flatMap((c, k) => (c ? [{ row, k, cell: c, line: plan.rows[i]!.line }] : [])),
          );
          if (cells.length === 0) return;
          const target = cells[pick % cells.length]!;
          const broken: Table = {
            ...table,
            rows: table.rows.map((row, i) =>
              i === target.row ? row.map((c, k) => (k === table.firstAmount + target.k ? bad : c)) : row,
            ),
          };
          await write(broken, badFile);
          const b = await importFiles([badFile]);
          if (!b.ok) throw new Error(b.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
          const errors = b.budget.notes.filter((n) => n.severity === 'error');
          expect(errors).toHaveLength(1);
          expect(errors[0]).toMatchObject({
            rule: 'unreadable-amount',
            line: target.line,
            source: { file: key(badFile), line: target.row + 1 },
          });
          expect(errors[0]!.message).toContain(`„${bad}“ in Spalte ${table.firstAmount + target.k + 1} (`);
          const column = plan.columns[target.k]!;
          const lost = `${plan.node.code.replace('.', '')} ${plan.type} ${target.line} ${column.kind} ${column.year}`;
          const before = cellsOf(r.budget);
          const after = cellsOf(b.budget);
          expect(
            before.filter((c) => !after.includes(c)).map((c) => c.split(' ').slice(0, 5).join(' ')),
          ).toEqual([lost]);
          expect(after).toHaveLength(before.length - 1);
          expect(serious(check(b.budget)).map((f) => f.split(':')[0])).toEqual([
            `unreadable-amount ${target.line} undefined undefined`,
          ]);
          for (const x of b.reconciliation.filter((y) => y.file === key(badFile))) {
            const p = printed.get(`${x.column.kind}:${x.column.year}`)!;
            const same = x.column.kind === column.kind && x.column.year === column.year;
            expect(x.read.amount).toBe(p.read - (same ? target.cell.cents : 0));
          }
          const strict = await importFiles([badFile], { strict: true });
          expect(strict.ok ? [] : strict.errors.map((e) => `${e.file}:${e.line}`)).toEqual([
            `${key(badFile)}:${target.row + 1}`,
          ]);
        },
      ),
      { numRuns: Number(process.env.HAUSHALT_PROPERTY_RUNS ?? 120) },
    );
  }, 120_000);
});
