/**
 * The open-data exports end to end: `haushalt export --format csv|xlsx|json|fdp` on the reference document
 * (golden files; the workbook read back with exceljs; the German CSV opened by LibreOffice Calc with German
 * settings), and the same exports of Köln's open-data tables, checked against the budget cell by cell, the
 * JSON against its schema and the Fiscal Data Package against the official schema and its Table Schemas.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPlain } from '../src/core/money.js';
import type { Budget } from '../src/core/model.js';
import { CSV_HEADER } from '../src/exporters/csv.js';
import { exportBudget, type ExportFormat } from '../src/exporters/index.js';
import { columnHeader, forEachCell, KIND_LABEL } from '../src/exporters/rows.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { importFiles } from '../src/importers/index.js';
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

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const str = (v: ExcelJS.CellValue | undefined): string => (typeof v === 'string' ? v : '');

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
function workbookAmounts(wb: ExcelJS.Workbook): Map<string, { value: number; numFmt: string }> {
  const out = new Map<string, { value: number; numFmt: string }>();
  for (const sheet of wb.worksheets) {
    if (!Object.values(PLAN_SHEET).includes(sheet.name)) continue;
    const headers = (sheet.getRow(2).values as ExcelJS.CellValue[]).map(str);
    let block = '';
    sheet.eachRow((row, n) => {
      if (n <= 2) return;
      const b = str(row.getCell(2).value);
      if (b === '' && row.getCell(3).fill?.type === 'pattern')
        block = str(row.getCell(3).value).split(' ')[0]!;
      row.eachCell((cell, col) => {
        if (typeof cell.value !== 'number') return;
        const plan = sheet.name === 'Gesamtpläne' ? `${block}|` : '';
        const key = `${sheet.name}|${plan}${str(row.getCell(1).value)}|${b}|${headers[col]}`;
        // measures repeat their lines' keys: keep the first (tests compare measure and line rows in order)
        if (!out.has(key)) out.set(key, { value: cell.value, numFmt: cell.numFmt });
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
  const wb = await workbook(xlsx.bytes);
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
    const wb = outputs.get('xlsx') as ExcelJS.Workbook;
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Teilergebnispläne',
      'Teilfinanzpläne',
      'Investitionen',
      'Erläuterungen',
    ]);
    const teg = wb.getWorksheet('Teilergebnispläne')!;
    expect(teg.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(teg.getRow(1).getCell(1).value).toBe('Kreishaushalt 2026 – Teilergebnispläne');
    expect(teg.getRow(2).values).toEqual([
      undefined,
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
    const heading = teg.getRow(3);
    expect([heading.getCell(1).value, heading.getCell(3).value, heading.font?.bold]).toEqual([
      '43',
      'Teilergebnisplan 43 Reg. Bildungsbüro u. Kommunales Integrationszentrum',
      true,
    ]);
    const line = (n: number) => teg.getRow(3 + n);
    expect(line(2).values).toEqual([
      undefined,
      '43',
      '02',
      'Zuwendungen und allgemeine Umlagen',
      2147993,
      ...(line(2).values as unknown[]).slice(5),
    ]);
    expect(line(2).getCell(4).numFmt).toBe('#,##0');
    expect([line(2).font?.bold, line(10).font?.bold, line(10).getCell(3).value]).toEqual([
      undefined,
      true,
      'Ordentliche Erträge',
    ]);
    const tfp = wb.getWorksheet('Teilfinanzpläne')!;
    expect((tfp.getRow(2).values as string[]).slice(6, 8)).toEqual(['Ansatz 2026', 'VE 2026']);
    const inv = wb.getWorksheet('Investitionen')!;
    const measure = inv.getRows(1, inv.rowCount)!.find((r) => r.getCell(2).value === '430125MINT')!;
    expect([measure.font?.bold, measure.getCell(5).value, measure.getCell(12).value]).toEqual([
      true,
      -6780,
      -6780,
    ]);
    expect(inv.getRow(2).getCell(11).value).toBe('Bisher bereitgestellt bis 2025');
    const erl = wb.getWorksheet('Erläuterungen')!;
    expect(erl.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const item = erl
      .getRows(3, erl.rowCount - 2)!
      .find((r) => r.getCell(6).value === 'Zuwendungen aus Mitteln des Inklusionsfonds')!;
    expect([
      item.getCell(4).value,
      item.getCell(7).value,
      item.getCell(8).value,
      item.getCell(9).value,
    ]).toEqual(['Posten', 15000, 'Ansatz 2025', 15000]);
  });

  it('opens in LibreOffice Calc with German settings: amounts and years as numbers, codes as text', async () => {
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
    const sheet = (await workbook(readFileSync(path.join(tmp, 'calc.xlsx')))).worksheets[0]!;
    const text = (v: ExcelJS.CellValue) =>
      v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
    const row = (n: number) => (sheet.getRow(n).values as ExcelJS.CellValue[]).slice(1).map(text);
    expect(row(1)).toEqual([...CSV_HEADER]);
    expect(sheet.rowCount).toBe(1 + 1248);
    const mint = sheet
      .getRows(2, 1248)!
      .find((r) => r.getCell(7).value === '430125MINT' && r.getCell(10).value === 2025)!;
    expect(row(mint.number)).toEqual([
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
    expect(row(3)[6]).toBe('01');
    const amounts = sheet.getRows(2, 1248)!.map((r) => r.getCell(11).value);
    expect(amounts.every((v) => typeof v === 'number')).toBe(true);
  });
});

describe('export of a budget from another format (Köln open data, expenses printed positive)', () => {
  it('writes every format consistently with the budget, valid against the schemas', async () => {
    const outputs = await exportAndCheck(await koelnBudget());
    const wb = outputs.get('xlsx') as ExcelJS.Workbook;
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Teilergebnispläne', 'Teilfinanzpläne', 'Gesamtpläne']);
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
    broken.set('haushalt.csv', fdp.files.get('haushalt.csv')!.replace(',2147993.00\n', ',"2147993,00"\n'));
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
