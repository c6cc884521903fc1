/**
 * XLSX goes through the same recognition as CSV: a workbook made from Köln's and Münster's published tables
 * (numbers as numeric cells, Münster's header with merged cells) gives the same budget as the CSV files. Cell
 * values become the text a table prints: numbers from the decimal text in the file, never through floats.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import { DATA } from '../../../test/paths.js';
import { parseGermanAmount } from '../../core/money.js';
import { toTidyCsv } from '../../exporters/tidy-csv.js';
import { parseCsv } from './csv.js';
import { importCsv } from './index.js';
import { cellText, importXlsx, isDateFormat, numberText } from './xlsx.js';
import type { XlsxCell } from './xlsx-reader.js';

function rowsOf(file: string): string[][] {
  const parsed = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/u, ''));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows;
}

/** A workbook as a spreadsheet holds such tables: amounts as numeric cells with a number format. */
async function workbook(sheets: Record<string, string[][]>, mergeHeader = false): Promise<Uint8Array> {
  const data = Object.entries(sheets).map(([name, rows]) => ({
    sheet: name,
    data: rows.map((row, r): Row =>
      row.map((text, c) => {
        // D1:F1 merged, as Münster prints „Haushaltsansatz“ over three years: the merged cells hold nothing
        if (mergeHeader && r === 0 && c === 3) return { type: String, value: text, columnSpan: 3 };
        if (mergeHeader && r === 0 && (c === 4 || c === 5)) return null;
        const amount = r > 1 && c > 1 && text !== '' ? parseGermanAmount(text) : undefined;
        if (amount)
          return {
            type: Number,
            value: amount.cents / 100,
            format: amount.decimals === 2 ? '#,##0.00' : '#,##0',
          };
        return { type: String, value: text };
      }),
    ),
  }));
  return new Uint8Array(await writeXlsxFile(data).toBuffer());
}

describe('XLSX import', () => {
  it('reads Köln’s Produktbereiche from a workbook exactly as from the CSV', async () => {
    const csvFile = path.join(DATA, 'koeln-2013/ergebnisplan_produktbereiche.csv');
    const bytes = await workbook({ Ergebnisplan: rowsOf(csvFile) });
    const fromXlsx = await importXlsx(bytes, 'koeln.xlsx');
    const fromCsv = importCsv(readFileSync(csvFile, 'utf8'), 'koeln.csv');
    if (!fromXlsx.ok || !fromCsv.ok) throw new Error('import failed');
    expect(toTidyCsv(fromXlsx.budget)).toBe(toTidyCsv(fromCsv.budget));
    expect(fromXlsx.budget.nodes).toHaveLength(18);
  });

  it('reads a two-row header with merged cells and cents', async () => {
    const csvFile = path.join(DATA, 'muenster-2026/band1_p009_PG12_Ergebnisplan_t0.csv');
    const bytes = await workbook({ Seite9: rowsOf(csvFile) }, true);
    const r = await importXlsx(bytes, 'muenster.xlsx');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const plan = r.budget.nodes[0]!.plans[0]!;
    expect(plan.columns.map((c) => `${c.kind} ${c.year}`).slice(0, 4)).toEqual([
      'ergebnis 2024',
      'ansatz 2025',
      'ansatz 2026',
      'ansatz 2027',
    ]);
    const line18 = plan.lines.find((l) => l.line === '18')!;
    expect(line18.cells[0]).toMatchObject({ amount: -4_632_382_704, decimals: 2 });
  });

  it('hands every sheet in order to the recognition, with empty cells at their place and merged cells filled', async () => {
    const bytes = new Uint8Array(
      await writeXlsxFile([
        {
          sheet: 'Erstes',
          data: [
            [{ type: String, value: 'Kopf', columnSpan: 2 }, null, { type: String, value: 'C1' }],
            [null, { type: Number, value: 1234, format: '#,##0.00' }],
            [],
            [{ type: String, value: ' Rand ' }, null, null, { type: Boolean, value: false }],
          ],
        },
        { sheet: 'Zweites', data: [[{ type: Number, value: 0.1 + 0.2 }]] },
      ]).toBuffer(),
    );
    const seen: { sheet: string; rows: readonly (readonly string[])[] }[] = [];
    const r = await importXlsx(bytes, 'b.xlsx', undefined, 'b.xlsx', (rows, sheet) => {
      seen.push({ sheet, rows });
      return { ok: false, errors: [{ file: sheet, message: 'nur gelesen' }] };
    });
    expect(seen).toEqual([
      {
        sheet: 'b.xlsx#Erstes',
        rows: [['Kopf', 'Kopf', 'C1'], ['', '1234,00'], [], ['Rand', '', '', 'FALSCH']],
      },
      { sheet: 'b.xlsx#Zweites', rows: [['0,30']] },
    ]);
    expect(r.ok).toBe(false);
  });

  it('says so when no sheet holds plan lines', async () => {
    const bytes = await workbook({ Notizen: [['Hallo'], ['Welt']] });
    const r = await importXlsx(bytes, 'leer.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]!.message).toMatch(/^Kein Tabellenblatt mit Planzeilen gefunden \(Notizen: /u);
  });

  it('reports a file that is no workbook, naming it, instead of throwing', async () => {
    const notAWorkbook = zipSync({ 'readme.txt': strToU8('kein Excel') });
    expect(await importXlsx(notAWorkbook, 'archiv.xlsx')).toEqual({
      ok: false,
      errors: [
        {
          file: 'archiv.xlsx',
          message:
            'XLSX nicht lesbar: xl/workbook.xml fehlt (erwartet: eine XLSX-Arbeitsmappe mit Tabellenblättern)',
        },
      ],
    });
    expect(await importXlsx(strToU8('PK\u0003\u0004 abgeschnitten'), 'kaputt.xlsx')).toEqual({
      ok: false,
      errors: [
        {
          file: 'kaputt.xlsx',
          message:
            'XLSX nicht lesbar: kein ZIP-Verzeichnis gefunden (erwartet: eine XLSX-Arbeitsmappe, also ein ZIP-Archiv)',
        },
      ],
    });
  });
});

describe('numberText: the decimal text of a number cell as German text, without floats', () => {
  it.each([
    ['1234', '', '1234'],
    ['1234', '#,##0.00', '1234,00'],
    ['1234', '0.00', '1234,00'],
    ['1234.5', '#,##0', '1234,50'],
    ['-46323827.04', '#,##0.00', '-46323827,04'],
    // 17 significant digits, as older Excel versions write them: Excel shows 15
    ['-46323827.039999999', '#,##0.00', '-46323827,04'],
    ['0.30000000000000004', '', '0,30'],
    ['1234.5649999999999', '', '1234,57'],
    ['0.005', '', '0,01'],
    ['-0.005', '', '-0,01'],
    ['9.995', '', '10,00'],
    ['99999.999', '', '100000,00'],
    ['1E-7', '', '0,00'],
    ['-0.001', '0.00', '0,00'],
    ['1.5E3', '', '1500'],
    ['2.5E+10', '#,##0', '25000000000'],
    ['123456789012.345', '#,##0.00', '123456789012,35'],
    ['1234567890123456789', '', '1234567890123460000'],
    ['0', '#,##0.00', '0,00'],
    ['-0', '', '0'],
    ['.5', '', '0,50'],
    ['007', '', '7'],
    ['abc', '', 'abc'],
    ['', '', ''],
  ])('%s with format „%s“ → %s', (raw, format, text) => {
    expect(numberText(raw, format)).toBe(text);
  });
});

describe('cellText', () => {
  const style = (numFmt: string): XlsxCell['style'] => ({ numFmt, bold: false, italic: false, wrap: false });
  const cell = (type: XlsxCell['type'], value: string, numFmt = ''): XlsxCell => ({
    type,
    value,
    style: style(numFmt),
  });

  it('reads dates by their format, booleans in German, strings trimmed, errors and blanks empty', () => {
    expect(cellText(cell('number', '45351', 'mm-dd-yy'))).toBe('2024-02-29');
    expect(cellText(cell('number', '45351.75', 'dd.mm.yyyy hh:mm'))).toBe('2024-02-29');
    expect(cellText(cell('number', '43889', 'dd.mm.yyyy'), true)).toBe('2024-02-29');
    expect(cellText(cell('number', '45351', '#,##0.00 "Tage"'))).toBe('45351,00');
    expect(cellText(cell('boolean', '1'))).toBe('WAHR');
    expect(cellText(cell('boolean', '0'))).toBe('FALSCH');
    expect(cellText(cell('string', '  Zuwendungen \n'))).toBe('Zuwendungen');
    expect(cellText(cell('date', '2024-02-29T00:00:00Z'))).toBe('2024-02-29');
    expect(cellText(cell('error', '#DIV/0!'))).toBe('');
    expect(cellText(cell('blank', ''))).toBe('');
  });

  it('tells date formats from number formats as exceljs did', () => {
    expect(['mm-dd-yy', 'd-mmm', '[h]:mm:ss', 'yyyy-mm-dd', 'DD.MM.YYYY'].map(isDateFormat)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['', 'General', '#,##0.00', '0.00%', '#,##0 "€"', '[Red]-#,##0.00', '#,##0.00 [$€-407]'].map(
        isDateFormat,
      ),
    ).toEqual([false, false, false, false, false, false, false]);
  });
});
