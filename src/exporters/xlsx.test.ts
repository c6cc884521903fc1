import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../test/fixtures.js';
import type { Column } from '../core/model.js';
import { CENT_FORMAT, EURO_FORMAT, mergeColumns, toXlsx } from './xlsx.js';

const col = (kind: Column['kind'], year: number): Column => ({ kind, year });

describe('mergeColumns', () => {
  it('keeps each table’s order and puts a new column after the one it follows', () => {
    expect(
      mergeColumns([
        [col('ansatz', 2026), col('planung', 2027)],
        [col('ansatz', 2026), col('ve', 2026), col('planung', 2027)],
        [col('ergebnis', 2024), col('ansatz', 2026)],
      ]),
    ).toEqual([col('ergebnis', 2024), col('ansatz', 2026), col('ve', 2026), col('planung', 2027)]);
  });
});

describe('toXlsx', () => {
  it('formats cents where the plan prints cents, bolds totals, and puts both Gesamtpläne on one sheet', async () => {
    const cents = plan('gesamtergebnisplan', { '01': [1, 2, 3.5], '10': [1, 2, 3.5] });
    const withCents = {
      ...cents,
      lines: cents.lines.map((l) => ({ ...l, cells: l.cells.map((c) => ({ ...c, decimals: 2 as const })) })),
    };
    const b = budget(
      [
        node('gesamt', 'haushalt', [withCents, plan('gesamtfinanzplan', { '09': [0, 0, -7] })], {
          name: 'Stadt',
        }),
      ],
      { title: 'Haushaltsplan' },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(b)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Gesamtpläne']);
    const sheet = wb.worksheets[0]!;
    const rows = sheet.getRows(1, sheet.rowCount)!.map((r) => (r.values as unknown[]).slice(1));
    expect(rows).toEqual(
      [
        ['Haushaltsplan 2026 – Gesamtpläne'],
        ['Nummer', 'Zeile', 'Bezeichnung', 'Ergebnis 2024', 'Ansatz 2025', 'Ansatz 2026'],
        ['gesamt', '', 'Gesamtergebnisplan Stadt', ...Array<undefined>(3).fill(undefined)],
        ['gesamt', '01', 'Steuern und ähnliche Abgaben', 1, 2, 3.5],
        ['gesamt', '10', 'Ordentliche Erträge', 1, 2, 3.5],
        ['gesamt', '', 'Gesamtfinanzplan Stadt', ...Array<undefined>(3).fill(undefined)],
        ['gesamt', '09', 'Einzahlungen aus laufender Verwaltungstätigkeit', 0, 0, -7],
      ].map((r) => r.slice(0, r.findLastIndex((v) => v !== undefined) + 1)),
    );
    expect(sheet.getRow(4).getCell(6).numFmt).toBe(CENT_FORMAT);
    expect(sheet.getRow(7).getCell(6).numFmt).toBe(EURO_FORMAT);
    expect([sheet.getRow(4).font?.bold, sheet.getRow(5).font?.bold, sheet.getRow(7).font?.bold]).toEqual([
      undefined,
      true,
      true,
    ]);
  });
});
