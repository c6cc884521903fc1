import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../test/fixtures.js';
import type { Column } from '../core/model.js';
import { readWorkbook, type XlsxCell } from '../importers/table/xlsx-reader.js';
import { mergeColumns } from './rows.js';
import { CENT_FORMAT, EURO_FORMAT, toXlsx } from './xlsx.js';

const col = (kind: Column['kind'], year: number): Column => ({ kind, year });

/** A cell's value as the test compares it: numbers as numbers, texts as texts, nothing as undefined. */
const value = (c: XlsxCell | undefined): string | number | undefined =>
  c === undefined || c.type === 'blank' ? undefined : c.type === 'number' ? Number(c.value) : c.value;

function sheets(bytes: Uint8Array) {
  const r = readWorkbook(bytes);
  if (!r.ok) throw new Error(r.message);
  return r.sheets;
}

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
    const all = sheets(await toXlsx(b));
    expect(all.map((s) => s.name)).toEqual(['Gesamtpläne']);
    const sheet = all[0]!;
    const rows = sheet.rows.map((r) => Array.from(r, value));
    expect(rows).toEqual([
      ['Haushaltsplan 2026 – Gesamtpläne'],
      ['Nummer', 'Zeile', 'Bezeichnung', 'Ergebnis 2024', 'Ansatz 2025', 'Ansatz 2026'],
      ['gesamt', undefined, 'Gesamtergebnisplan Stadt', ...Array<undefined>(3).fill(undefined)],
      ['gesamt', '01', 'Steuern und ähnliche Abgaben', 1, 2, 3.5],
      ['gesamt', '10', 'Ordentliche Erträge', 1, 2, 3.5],
      ['gesamt', undefined, 'Gesamtfinanzplan Stadt', ...Array<undefined>(3).fill(undefined)],
      ['gesamt', '09', 'Einzahlungen aus laufender Verwaltungstätigkeit', 0, 0, -7],
    ]);
    expect(sheet.rows[3]![5]!.style.numFmt).toBe(CENT_FORMAT);
    expect(sheet.rows[6]![5]!.style.numFmt).toBe(EURO_FORMAT);
    const bold = (r: number) => sheet.rows[r]!.every((c) => c?.style.bold);
    expect([bold(1), bold(2), bold(3), bold(4), bold(6)]).toEqual([true, true, false, true, true]);
    // the heading row is grey over the whole table; the header frozen with the title; the autofilter over all
    expect(sheet.rows[2]!.map((c) => c?.style.fill)).toEqual(Array<string>(6).fill('FFE8E8E8'));
    expect([sheet.frozenRows, sheet.autoFilter]).toEqual([2, 'A2:F7']);
    expect(sheet.rows[0]![0]!.style).toMatchObject({ bold: true, fontSize: 14 });
  });

  it('writes names and labels as text cells, never as formulas, whatever they begin with', async () => {
    const hostile = '=HYPERLINK("http://x","klick")';
    const p = plan('teilergebnisplan', { '02': [1, 2, 3] });
    const b = budget([
      node('01', 'produktbereich', [{ ...p, lines: p.lines.map((l) => ({ ...l, label: '@SUM(1+1)' })) }], {
        name: hostile,
        erlaeuterungen: [
          {
            plan: 'teilergebnisplan',
            line: '02',
            title: "+cmd|' /C calc'!A0",
            intro: ['-2+3'],
            items: [{ text: '\t=1+1', amount: 150_000, raw: '\t=1+1' }],
            closing: [],
            stated: [],
          },
        ],
      }),
    ]);
    const bytes = await toXlsx(b);
    const parts = unzipSync(bytes);
    const xml = Object.entries(parts).filter(([name]) => name.startsWith('xl/worksheets/sheet'));
    expect(xml.length).toBe(2);
    for (const [, content] of xml) expect(strFromU8(content)).not.toMatch(/<f[ >]/u);
    const texts = sheets(bytes)
      .flatMap((s) => s.rows.flat())
      .filter((c): c is XlsxCell => c?.type === 'string')
      .map((c) => c.value);
    expect(texts).toEqual(
      expect.arrayContaining([`Teilergebnisplan 01 ${hostile}`, "+cmd|' /C calc'!A0", '-2+3', '\t=1+1']),
    );
    const cells = sheets(bytes).flatMap((s) => s.rows.flat());
    expect(cells.some((c) => c?.formula !== undefined)).toBe(false);
    expect(cells.find((c) => c?.type === 'number' && c.value === '1500')?.style.numFmt).toBe(EURO_FORMAT);
  });

  it('writes a workbook with one sheet saying so when the budget has nothing to show', async () => {
    const only = sheets(await toXlsx(budget([node('01', 'produktbereich', [])])));
    expect(only.map((s) => [s.name, s.rows.map((r) => r.map(value))])).toEqual([
      ['Haushalt', [['Keine Beträge']]],
    ]);
  });
});
