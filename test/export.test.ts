/**
 * The open-data exports end to end: `haushalt export --format csv|xlsx|json|fdp` on the reference document
 * (golden files; the workbook read back with the importer's XLSX reader; the German CSV opened by LibreOffice
 * Calc with German settings), and the same exports of Köln's open-data tables, checked against the budget cell by cell, the
 * JSON against its schema and the Fiscal Data Package against the official schema and its Table Schemas.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPlain } from '../src/core/money.js';
import type { Budget } from '../src/core/model.js';
import { CSV_HEADER } from '../src/exporters/csv.js';
import { exportBudget, type ExportFormat } from '../src/exporters/index.js';
import { columnHeader, forEachCell, KIND_LABEL } from '../src/exporters/rows.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { importFiles } from '../src/importers/index.js';
import { readWorkbook, type XlsxCell, type XlsxSheet } from '../src/importers/table/xlsx-reader.js';
import { budgetJsonProblems, fdpDescriptorProblems, fdpProblems } from './export-validators.js';
import { expectGolden } from './golden.js';
import { REFERENCE, REPO_ROOT } from './paths.js';
import { koelnBudget } from './fixtures.js';

const BIN = path.join(REPO_ROOT, 'bin/haushalt.js');
const REF = path.relative(REPO_ROOT, REFERENCE);
const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-export-'));

function run(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Records of a CSV with the given separator (RFC 4180 quoting), BOM removed, CRLF or LF. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/u, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

/** The sheets of a workbook, read with the importer's reader. */
function workbook(bytes: Uint8Array): readonly XlsxSheet[] {
  const r = readWorkbook(bytes);
  if (!r.ok) throw new Error(r.message);
  return r.sheets;
}

const sheetNamed = (wb: readonly XlsxSheet[], name: string): XlsxSheet => wb.find((s) => s.name === name)!;

/** A cell's value: a number cell as number (tests compare; money is never computed with), a text as text. */
const value = (c: XlsxCell | undefined): string | number | boolean | undefined =>
  c === undefined || c.type === 'blank' || c.type === 'error'
    ? undefined
    : c.type === 'number'
      ? Number(c.value)
      : c.type === 'boolean'
        ? c.value === '1'
        : c.value;

/** The values of a row (0-based), missing cells undefined. */
const rowValues = (sheet: XlsxSheet, r: number): unknown[] => Array.from(sheet.rows[r] ?? [], value);

const str = (c: XlsxCell | undefined): string => (c?.type === 'string' ? c.value : '');
/** A row is bold when all its cells are. */
const isBold = (sheet: XlsxSheet, r: number): boolean =>
  (sheet.rows[r] ?? []).every((c) => c === undefined || c.style.bold);

const PLAN_SHEET: Readonly<Record<string, string>> = {
  teilergebnisplan: 'Teilergebnispläne',
  teilfinanzplan: 'Teilfinanzpläne',
  gesamtergebnisplan: 'Gesamtpläne',
  gesamtfinanzplan: 'Gesamtpläne',
  investitionen: 'Investitionen',
};

/**
 * Every amount of the workbook's plan and investment sheets by `sheet|node|row|column header` (a row's number
 * in column B; a block's heading names its plan in Gesamtpläne), and the number format of each.
 */
function workbookAmounts(wb: readonly XlsxSheet[]): Map<string, { value: number; numFmt: string }> {
  const out = new Map<string, { value: number; numFmt: string }>();
  for (const sheet of wb) {
    if (!Object.values(PLAN_SHEET).includes(sheet.name)) continue;
    const headers = (sheet.rows[1] ?? []).map(str);
    let block = '';
    sheet.rows.forEach((row, n) => {
      if (n <= 1) return;
      const b = str(row[1]);
      if (b === '' && row[2]?.style.fill !== undefined) block = str(row[2]).split(' ')[0]!;
      row.forEach((cell, col) => {
        if (cell?.type !== 'number') return;
        const plan = sheet.name === 'Gesamtpläne' ? `${block}|` : '';
        const key = `${sheet.name}|${plan}${str(row[0])}|${b}|${headers[col]}`;
        // measures repeat their lines' keys: keep the first (tests compare measure and line rows in order)
        if (!out.has(key)) out.set(key, { value: Number(cell.value), numFmt: cell.style.numFmt });
      });
    });
  }
  return out;
}

/** The same keys computed from the budget, with the amount in euros as text. */
function budgetAmounts(budget: Budget): Map<string, string> {
  const out = new Map<string, string>();
  forEachCell(budget, (r) => {
    const number = 'type' in r.row && r.row.type === 'measure' ? r.row.number : r.row.line;
    const plan = PLAN_SHEET[r.planType]!;
    const block =
      plan === 'Gesamtpläne'
        ? `${r.planType === 'gesamtergebnisplan' ? 'Gesamtergebnisplan' : 'Gesamtfinanzplan'}|`
        : '';
    const key = `${plan}|${block}${r.code}|${number}|${columnHeader(r.cell.column)}`;
    if (!out.has(key)) out.set(key, formatPlain(r.cell.amount));
  });
  return out;
}

/** Checks every export format of a budget against the budget itself; returns the outputs. */
async function exportAndCheck(budget: Budget): Promise<Map<ExportFormat, unknown>> {
  const outputs = new Map<ExportFormat, unknown>();
  const csv = await exportBudget(budget, 'csv');
  const json = await exportBudget(budget, 'json');
  const xlsx = await exportBudget(budget, 'xlsx');
  const fdp = await exportBudget(budget, 'fdp');
  if (csv.type !== 'text' || json.type !== 'text' || xlsx.type !== 'bytes' || fdp.type !== 'directory')
    throw new Error('unexpected output types');

  // German CSV: BOM, CRLF only, the header, one row per cell with the amount as German decimal
  expect(csv.text.startsWith('\uFEFF')).toBe(true);
  expect(csv.text.replace(/\r\n/gu, '')).not.toMatch(/[\r\n]/u);
  const rows = parseCsv(csv.text, ';');
  expect(rows[0]).toEqual([...CSV_HEADER]);
  const cells: string[] = [];
  forEachCell(budget, (r) =>
    cells.push(
      `${KIND_LABEL[r.cell.column.kind]};${r.cell.column.year};${formatPlain(r.cell.amount).replace('.', ',')}`,
    ),
  );
  expect(rows.slice(1).map((r) => r.slice(8).join(';'))).toEqual(cells);
  outputs.set('csv', csv.text);

  // JSON: valid against the schema, cents and euros agree, every cell in it
  const parsed = JSON.parse(json.text) as {
    nodes: { plans: { lines: { amounts: { cents: number; eur: string }[] }[] }[] }[];
  };
  expect(budgetJsonProblems(parsed)).toEqual([]);
  const jsonAmounts = parsed.nodes.flatMap((n) => n.plans.flatMap((p) => p.lines.flatMap((l) => l.amounts)));
  expect(jsonAmounts.every((a) => formatPlain(a.cents) === a.eur)).toBe(true);
  const planCells: number[] = [];
  forEachCell(budget, (r) => {
    if (r.plan) planCells.push(r.cell.amount);
  });
  expect(jsonAmounts.map((a) => a.cents)).toEqual(planCells);
  outputs.set('json', json.text);

  // XLSX: every amount where the budget has it, in euros, with its number format
  const wb = workbook(xlsx.bytes);
  const inBook = workbookAmounts(wb);
  const expected = budgetAmounts(budget);
  expect(inBook.size).toBe(expected.size);
  for (const [key, eur] of expected) expect([key, inBook.get(key)?.value]).toEqual([key, Number(eur)]);
  outputs.set('xlsx', wb);

  // Fiscal Data Package: valid, its amounts resource is the tidy CSV
  expect(fdpProblems(fdp.files)).toEqual([]);
  expect(fdp.files.get('haushalt.csv')).toBe(toTidyCsv(budget));
  outputs.set('fdp', fdp.files);
  return outputs;
}

describe('export of the reference document', () => {
  let budget: Budget;
  let outputs: Map<ExportFormat, unknown>;
  beforeAll(async () => {
    const r = await importFiles([REF]);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    budget = r.budget;
    outputs = await exportAndCheck(budget);
  });

  it('writes every format through the command line, the same as in-process', () => {
    const csv = path.join(tmp, 'ref.csv');
    const json = path.join(tmp, 'ref.json');
    const dir = path.join(tmp, 'fdp');
    expect(run('export', REF, '-f', 'csv', '-o', csv).code).toBe(0);
    expect(run('export', REF, '-f', 'json', '-o', json).code).toBe(0);
    expect(run('export', REF, '-f', 'fdp', '-o', dir).code).toBe(0);
    expect(run('export', REF, '-f', 'xlsx', '-o', path.join(tmp, 'ref.xlsx')).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(outputs.get('csv'));
    expect(readFileSync(json, 'utf8')).toBe(outputs.get('json'));
    expect(readdirSync(dir).sort()).toEqual(['datapackage.json', 'einheiten.csv', 'haushalt.csv']);
    expect(run('export', REF, '-f', 'xlsx')).toMatchObject({
      code: 2,
      err: 'haushalt: --format xlsx braucht -o <datei>\n',
    });
    expect(run('export', REF, '-f', 'fdp')).toMatchObject({
      code: 2,
      err: 'haushalt: --format fdp braucht -o <verzeichnis>\n',
    });
  });

  it('pins the German CSV, the JSON and the Fiscal Data Package (golden files)', () => {
    const csv = outputs.get('csv') as string;
    expect(csv.split('\r\n')).toHaveLength(1 + 1248 + 1);
    expectGolden('reference.export.csv', csv);
    expectGolden('reference.export.json', outputs.get('json') as string);
    const fdp = outputs.get('fdp') as Map<string, string>;
    expectGolden('reference.fdp/datapackage.json', fdp.get('datapackage.json')!);
    expectGolden('reference.fdp/einheiten.csv', fdp.get('einheiten.csv')!);
    expectGolden('reference.tidy.csv', fdp.get('haushalt.csv')!);
  });

  it('gives a workbook with frozen headers, number formats, bold totals and one sheet per plan type', () => {
    const wb = outputs.get('xlsx') as readonly XlsxSheet[];
    expect(wb.map((s) => s.name)).toEqual([
      'Teilergebnispläne',
      'Teilfinanzpläne',
      'Investitionen',
      'Erläuterungen',
    ]);
    const teg = sheetNamed(wb, 'Teilergebnispläne');
    expect(teg.frozenRows).toBe(2);
    expect(value(teg.rows[0]![0])).toBe('Kreishaushalt 2026 – Teilergebnispläne');
    expect(rowValues(teg, 1)).toEqual([
      'Nummer',
      'Zeile',
      'Bezeichnung',
      'Ergebnis 2024',
      'Ansatz 2025',
      'Ansatz 2026',
      'Planung 2027',
      'Planung 2028',
      'Planung 2029',
    ]);
    expect(teg.autoFilter).toBe('A2:I98');
    const heading = teg.rows[2]!;
    expect([value(heading[0]), value(heading[2]), isBold(teg, 2), heading[8]!.style.fill]).toEqual([
      '43',
      'Teilergebnisplan 43 Reg. Bildungsbüro u. Kommunales Integrationszentrum',
      true,
      'FFE8E8E8',
    ]);
    // line n of the first plan is row 3 + n (1-based), index 2 + n
    const line = (n: number) => 2 + n;
    expect(rowValues(teg, line(2)).slice(0, 4)).toEqual([
      '43',
      '02',
      'Zuwendungen und allgemeine Umlagen',
      2147993,
    ]);
    expect(teg.rows[line(2)]![3]!.style.numFmt).toBe('#,##0');
    expect([isBold(teg, line(2)), isBold(teg, line(10)), value(teg.rows[line(10)]![2])]).toEqual([
      false,
      true,
      'Ordentliche Erträge',
    ]);
    const tfp = sheetNamed(wb, 'Teilfinanzpläne');
    expect(rowValues(tfp, 1).slice(5, 7)).toEqual(['Ansatz 2026', 'VE 2026']);
    const inv = sheetNamed(wb, 'Investitionen');
    const measure = inv.rows.findIndex((r) => value(r[1]) === '430125MINT');
    expect([isBold(inv, measure), value(inv.rows[measure]![4]), value(inv.rows[measure]![11])]).toEqual([
      true,
      -6780,
      -6780,
    ]);
    expect(value(inv.rows[1]![10])).toBe('Bisher bereitgestellt bis 2025');
    const erl = sheetNamed(wb, 'Erläuterungen');
    expect(erl.frozenRows).toBe(2);
    const item = erl.rows.find((r) => value(r[5]) === 'Zuwendungen aus Mitteln des Inklusionsfonds')!;
    expect([value(item[3]), value(item[6]), value(item[7]), value(item[8])]).toEqual([
      'Posten',
      15000,
      'Ansatz 2025',
      15000,
    ]);
    expect(item[5]!.style.wrap).toBe(true);
  });

  it('opens in LibreOffice Calc with German settings: amounts and years as numbers, codes as text', () => {
    const csv = path.join(tmp, 'calc.csv');
    writeFileSync(csv, outputs.get('csv') as string);
    // separator ;, quote ", UTF-8, from line 1, standard columns, German (1031), quoted fields not forced to
    // text, dates and special numbers detected: what a double-click in a German spreadsheet does
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`,
        '--headless',
        '--infilter=CSV:59,34,76,1,,1031,false,true',
        '--convert-to',
        'xlsx',
        '--outdir',
        tmp,
        csv,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const sheet = workbook(readFileSync(path.join(tmp, 'calc.xlsx')))[0]!;
    // a formula's cached result, as Calc computed it
    const row = (n: number) => rowValues(sheet, n);
    expect(row(0)).toEqual([...CSV_HEADER]);
    expect(sheet.rows).toHaveLength(1 + 1248);
    const mint = sheet.rows.findIndex((r) => value(r[6]) === '430125MINT' && value(r[9]) === 2025);
    expect(row(mint)).toEqual([
      'Produktgruppe',
      '43',
      '43.03',
      undefined,
      'RBN, zdi, KAoA, Fachplanung',
      'Investitionen',
      '430125MINT',
      'Ausstattung/Geräte MINT- Werkstatt',
      'Ansatz',
      2025,
      -6780,
    ]);
    expect(row(2)[6]).toBe('01');
    expect(sheet.rows.slice(1).every((r) => r[10]?.type === 'number')).toBe(true);
    // the only formulas are the codes' text formulas, each one string literal
    const formulas = sheet.rows.flat().flatMap((c) => (c?.formula !== undefined ? [c.formula] : []));
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.filter((f) => !/^"[^"]*"$/u.test(f))).toEqual([]);
  });
});

describe('export of a budget from another format (Köln open data, expenses printed positive)', () => {
  it('writes every format consistently with the budget, valid against the schemas', async () => {
    const outputs = await exportAndCheck(await koelnBudget());
    const wb = outputs.get('xlsx') as readonly XlsxSheet[];
    expect(wb.map((s) => s.name)).toEqual(['Teilergebnispläne', 'Teilfinanzpläne', 'Gesamtpläne']);
    // Köln's codes are digits only ("0101"): text formulas keep them from becoming numbers in Excel
    const csv = outputs.get('csv') as string;
    expect(csv).toContain(';"=""0101""";');
    const descriptor = JSON.parse((outputs.get('fdp') as Map<string, string>).get('datapackage.json')!) as {
      name: string;
    };
    expect(descriptor.name).toMatch(/^[-a-z0-9._/]+$/u);
  });
});

describe('the validators find what is wrong', () => {
  it('rejects a descriptor without a currency, a number with a comma, and a dangling node', async () => {
    const r = await importFiles([REF]);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const fdp = await exportBudget(r.budget, 'fdp');
    if (fdp.type !== 'directory') throw new Error('expected a directory');
    const descriptor = JSON.parse(fdp.files.get('datapackage.json')!) as {
      model: { measures: { amount: Record<string, unknown> } };
    };
    delete descriptor.model.measures.amount.currency;
    expect(fdpDescriptorProblems(descriptor).join('\n')).toContain("must have required property 'currency'");
    const broken = new Map(fdp.files);
    broken.set(
      'haushalt.csv',
      fdp.files.get('haushalt.csv')!.replace(/,2147993\.00,([^,\n]*)\n/u, ',"2147993,00",$1\n'),
    );
    broken.set('einheiten.csv', fdp.files.get('einheiten.csv')!.replace(/^43\.01,.*\n/mu, ''));
    const problems = fdpProblems(broken);
    expect(problems).toContain('haushalt.csv, Zeile 8: amount „2147993,00“ is no number');
    expect(problems.some((p) => p.startsWith('haushalt.csv: node 43.01 not in einheiten'))).toBe(true);
    const json = JSON.parse(((await exportBudget(r.budget, 'json')) as { text: string }).text) as {
      nodes: { plans: { lines: { amounts: { eur: string }[] }[] }[] }[];
    };
    json.nodes[0]!.plans[0]!.lines[0]!.amounts[0]!.eur = '0';
    expect(budgetJsonProblems(json)).toEqual([
      '/nodes/0/plans/0/lines/0/amounts/0/eur must match pattern "^-?(0|[1-9][0-9]*)\\.[0-9]{2}$"',
    ]);
  });
});
