/**
 * XLSX goes through the same recognition as CSV: a workbook made from Köln's and Münster's published tables
 * (numbers as numeric cells, Münster's header with merged cells) gives the same budget as the CSV files.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DATA } from '../../../test/paths.js';
import { parseGermanAmount } from '../../core/money.js';
import { toTidyCsv } from '../../exporters/tidy-csv.js';
import { parseCsv } from './csv.js';
import { importCsv } from './index.js';
import { importXlsx } from './xlsx.js';

function rowsOf(file: string): string[][] {
  const parsed = parseCsv(readFileSync(file, 'utf8').replace(/^\uFEFF/u, ''));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.rows;
}

async function workbook(sheets: Record<string, string[][]>, mergeHeader = false): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((row, r) => {
      row.forEach((text, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        const amount = r > 1 && c > 1 ? parseGermanAmount(text) : undefined;
        if (amount && text !== '') {
          // a numeric cell, as a spreadsheet holds it
          cell.value = amount.cents / 100;
          cell.numFmt = amount.decimals === 2 ? '#,##0.00' : '#,##0';
        } else cell.value = text;
      });
    });
    if (mergeHeader) ws.mergeCells(1, 4, 1, 6);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
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

  it('says so when no sheet holds plan lines', async () => {
    const bytes = await workbook({ Notizen: [['Hallo'], ['Welt']] });
    const r = await importXlsx(bytes, 'leer.xlsx');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]!.message).toMatch(/^Kein Tabellenblatt mit Planzeilen gefunden \(Notizen: /u);
  });
});
