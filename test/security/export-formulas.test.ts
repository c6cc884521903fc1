/**
 * Formula injection through exports (security review, issue 13: "1,676 cells turned into formulas, HYPERLINK
 * and cmd among them"). The reference budget with hostile names — nodes, plan line labels, Erläuterungen,
 * investment measures, lines and groups — is exported in every format the API offers. Each CSV (German CSV, tidy
 * CSV, both CSVs of the Fiscal Data Package) is opened by LibreOffice Calc headless with formula evaluation on,
 * as a spreadsheet opens a downloaded file: no cell may be a formula (but the German CSV's own text formulas for
 * codes, each a single string literal), every hostile text must come back as text, amounts as numbers. The XLSX
 * must hold no formula (`<f>`) in any sheet, also after Calc has read it, and the texts intact.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Budget, BudgetNode, InvestmentRow } from '../../src/core/model.js';
import { exportBudget } from '../../src/exporters/index.js';
import { neutraliseFormula } from '../../src/formats/formula-guard.js';
import { importFiles } from '../../src/importers/index.js';
import { readWorkbook, type XlsxCell, type XlsxSheet } from '../../src/importers/table/xlsx-reader.js';
import { REFERENCE } from '../paths.js';

const HOSTILE = [
  '=HYPERLINK("http://evil","x")',
  '@SUM(1+1)',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '\t=1+1',
] as const;
/** A measure number a spreadsheet would run: it becomes a key of the tidy CSV. */
const HOSTILE_NUMBER = '=1+1';
const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-export-formulas-'));

/** The reference budget with every text the exports carry replaced by a hostile one. */
function poison(budget: Budget): Budget {
  const h = (i: number) => HOSTILE[i % HOSTILE.length]!;
  const investment = (row: InvestmentRow): InvestmentRow =>
    row.type === 'group'
      ? { ...row, label: h(2) }
      : row.type === 'measure'
        ? { ...row, number: HOSTILE_NUMBER, name: h(2) }
        : { ...row, label: h(3) };
  return {
    ...budget,
    nodes: budget.nodes.map((node, i): BudgetNode => ({
      ...node,
      name: h(i),
      plans: node.plans.map((p) => ({ ...p, lines: p.lines.map((l, j) => ({ ...l, label: h(i + j) })) })),
      ...(node.investitionen
        ? { investitionen: { ...node.investitionen, rows: node.investitionen.rows.map(investment) } }
        : {}),
      erlaeuterungen: node.erlaeuterungen.map((e, j) => ({
        ...e,
        title: h(j),
        intro: e.intro.map((_, k) => h(j + k + 1)),
        items: e.items.map((item, k) => ({ ...item, text: h(k), reason: h(k + 1) })),
        closing: e.closing.map((_, k) => h(k + 2)),
      })),
    })),
  };
}

/** Opens CSV files in LibreOffice Calc headless (formulas evaluated, as on a double-click) and reads them back. */
function openInCalc(files: readonly string[], filter: string): Map<string, XlsxSheet> {
  const out = path.join(tmp, `calc-${filter.split(',')[0]!}`);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`,
      '--headless',
      `--infilter=CSV:${filter}`,
      '--convert-to',
      'xlsx',
      '--outdir',
      out,
      ...files,
    ],
    { stdio: 'ignore', timeout: 180_000 },
  );
  return new Map(
    files.map((f) => {
      const r = readWorkbook(readFileSync(path.join(out, `${path.basename(f, '.csv')}.xlsx`)));
      if (!r.ok) throw new Error(r.message);
      return [path.basename(f), r.sheets[0]!];
    }),
  );
}

/** German CSV: `;`, UTF-8, German; quoted fields not as text, special numbers detected, formulas evaluated. */
const GERMAN = '59,34,76,1,,1031,false,true,false,false,false,-1,true';
/** Tidy CSV and Fiscal Data Package: `,`, UTF-8, English (decimal point); formulas evaluated. */
const ENGLISH = '44,34,76,1,,1033,false,true,false,false,false,-1,true';

const cells = (sheet: XlsxSheet): XlsxCell[] =>
  sheet.rows.flat().filter((c): c is XlsxCell => c !== undefined);
const texts = (sheet: XlsxSheet): string[] =>
  cells(sheet).flatMap((c) => (c.type === 'string' ? [c.value] : []));
const formulas = (sheet: XlsxSheet): string[] =>
  cells(sheet).flatMap((c) => (c.formula !== undefined ? [c.formula] : []));

describe('exports of a budget with hostile names', () => {
  let budget: Budget;
  let csv: Map<string, XlsxSheet>;
  let written: Map<string, string>;
  let xlsx: Uint8Array;
  let json: string;

  beforeAll(async () => {
    const r = await importFiles([REFERENCE]);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    budget = poison(r.budget);
    written = new Map();
    for (const format of ['csv', 'tidy-csv', 'json', 'xlsx', 'fdp'] as const) {
      const out = await exportBudget(budget, format);
      if (out.type === 'text') written.set(format, out.text);
      else if (out.type === 'bytes') xlsx = out.bytes;
      else for (const [name, text] of out.files) written.set(`fdp/${name}`, text);
    }
    json = written.get('json')!;
    const file = (name: string, text: string) => {
      const p = path.join(tmp, name);
      writeFileSync(p, text);
      return p;
    };
    csv = new Map([
      ...openInCalc([file('haushalt-de.csv', written.get('csv')!)], GERMAN),
      ...openInCalc(
        [
          file('tidy.csv', written.get('tidy-csv')!),
          file('haushalt.csv', written.get('fdp/haushalt.csv')!),
          file('einheiten.csv', written.get('fdp/einheiten.csv')!),
        ],
        ENGLISH,
      ),
    ]);
  }, 240_000);
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('carries the hostile texts into every CSV in the first place', () => {
    const german = written.get('csv')!;
    for (const h of HOSTILE) expect(german).toContain(h.replace(/"/gu, '""'));
    expect(written.get('tidy-csv')).toContain(HOSTILE_NUMBER);
    for (const h of HOSTILE) expect(written.get('fdp/einheiten.csv')).toContain(h.replace(/"/gu, '""'));
  });

  it('German CSV: no formulas but the codes’ text formulas, every hostile text as text, amounts as numbers', () => {
    const sheet = csv.get('haushalt-de.csv')!;
    expect(sheet.rows).toHaveLength(1 + 1248);
    // the exporter's own text formulas for codes without letters: one string literal each, `="43.01"`
    const own = formulas(sheet);
    expect(own.length).toBeGreaterThan(0);
    expect(own.filter((f) => !/^"[^"]*"$/u.test(f))).toEqual([]);
    const strings = texts(sheet);
    for (const h of HOSTILE) {
      expect(strings).toContain(neutraliseFormula(h));
      expect(strings).not.toContain(h);
    }
    expect(strings.filter((s) => /^[=+\-@\t\r]/u.test(s))).toEqual([]);
    expect(sheet.rows.slice(1).every((r) => r[10]?.type === 'number' && r[9]?.type === 'number')).toBe(true);
    expect(sheet.rows.slice(1).map((r) => Number(r[10]!.value))).toContain(-6780);
  });

  it('tidy CSV and the Fiscal Data Package: no formulas, hostile codes and names as text, amounts as numbers', () => {
    for (const name of ['tidy.csv', 'haushalt.csv', 'einheiten.csv']) {
      const sheet = csv.get(name)!;
      expect([name, formulas(sheet)]).toEqual([name, []]);
      expect(texts(sheet).filter((s) => /^[=+\-@\t\r]/u.test(s))).toEqual([]);
    }
    for (const name of ['tidy.csv', 'haushalt.csv']) {
      const sheet = csv.get(name)!;
      expect(sheet.rows).toHaveLength(1 + 1248);
      expect(texts(sheet)).toContain(neutraliseFormula(HOSTILE_NUMBER));
      expect(sheet.rows.slice(1).every((r) => r[6]?.type === 'number')).toBe(true);
    }
    const einheiten = texts(csv.get('einheiten.csv')!);
    for (const h of HOSTILE) expect(einheiten).toContain(neutraliseFormula(h));
  });

  it('XLSX: no formula in any sheet, every hostile text as a text cell, amounts as numbers', () => {
    const parts = unzipSync(xlsx);
    const sheets = Object.keys(parts).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/u.test(n));
    expect(sheets.length).toBe(4);
    for (const name of sheets)
      expect([name, /<f[\s>]/u.test(strFromU8(parts[name]!))]).toEqual([name, false]);
    const book = readWorkbook(xlsx);
    if (!book.ok) throw new Error(book.message);
    const all = book.sheets.flatMap(cells);
    expect(all.filter((c) => c.formula !== undefined)).toEqual([]);
    const strings = all.flatMap((c) => (c.type === 'string' ? [c.value] : []));
    for (const h of HOSTILE) expect(strings).toContain(h);
    expect(strings).toContain(HOSTILE_NUMBER);
    const investments = book.sheets.find((s) => s.name === 'Investitionen')!;
    const measure = investments.rows.find((r) => r[1]?.value === HOSTILE_NUMBER)!;
    expect([measure[1]!.type, measure[2]!.value, measure[4]!.type, measure[4]!.value]).toEqual([
      'string',
      HOSTILE[2],
      'number',
      '-6780',
    ]);
  });

  it('XLSX: LibreOffice Calc reads no formula from it either', () => {
    const file = path.join(tmp, 'haushalt.xlsx');
    writeFileSync(file, xlsx);
    const out = path.join(tmp, 'calc-xlsx');
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        out,
        file,
      ],
      { stdio: 'ignore', timeout: 180_000 },
    );
    const book = readWorkbook(readFileSync(path.join(out, 'haushalt.xlsx')));
    if (!book.ok) throw new Error(book.message);
    expect(book.sheets.map((s) => s.name)).toEqual([
      'Teilergebnispläne',
      'Teilfinanzpläne',
      'Investitionen',
      'Erläuterungen',
    ]);
    const all = book.sheets.flatMap(cells);
    expect(all.filter((c) => c.formula !== undefined)).toEqual([]);
    const strings = all.flatMap((c) => (c.type === 'string' ? [c.value] : []));
    for (const h of HOSTILE) expect(strings).toContain(h);
  });

  it('JSON: the texts as they are, in JSON strings', () => {
    const parsed = JSON.parse(json) as { nodes: { name: string }[] };
    expect(parsed.nodes.map((n) => n.name)).toEqual(budget.nodes.map((n) => n.name));
    for (const h of HOSTILE) expect(json).toContain(JSON.stringify(h).slice(1, -1));
  });
});
