import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../test/fixtures.js';
import { excelText, germanDecimal, toGermanCsv } from './csv.js';

describe('toGermanCsv', () => {
  it('writes BOM, ; and CRLF, decimal commas without thousands separators, codes as text formulas', () => {
    const b = budget([
      node('01', 'produktbereich', [plan('teilergebnisplan', { '02': [1234567.5, -6780, 0] })], {
        name: 'Innere; Verwaltung',
      }),
      node('01.02', 'produktgruppe', [], { parent: '01' }),
    ]);
    expect(toGermanCsv(b).split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFEbene;Produktbereich;Produktgruppe;Produkt;Einheit;Plan;Zeile;Bezeichnung;Spalte;Jahr;Betrag in EUR',
      'Produktbereich;"=""01""";;;"Innere; Verwaltung";Teilergebnisplan;"=""02""";Zuwendungen und allgemeine Umlagen;Ergebnis;2024;1234567,50',
      'Produktbereich;"=""01""";;;"Innere; Verwaltung";Teilergebnisplan;"=""02""";Zuwendungen und allgemeine Umlagen;Ansatz;2025;-6780,00',
    ]);
  });

  it('puts a quote in front of any text a spreadsheet would run as a formula, never in front of amounts', () => {
    const p = plan('teilergebnisplan', { '02': [-6780, 1.5, 0] });
    const b = budget([
      node('=HYPERLINK("http://evil","x")', 'produktbereich', [p], { name: '@SUM(1+1)' }),
      node('-2+3', 'produktgruppe', [plan('teilfinanzplan', { '01': [1, 2, 3] })], { name: '\t=1+1' }),
    ]);
    const rows = toGermanCsv(b).split('\r\n');
    expect(rows[1]).toBe(
      `Produktbereich;"'=HYPERLINK(""http://evil"",""x"")";;;'@SUM(1+1);Teilergebnisplan;"=""02""";Zuwendungen und allgemeine Umlagen;Ergebnis;2024;-6780,00`,
    );
    // a code that begins like a formula is guarded like any text; one without letters otherwise stays a text
    // formula: one string literal, its quotes doubled
    expect(rows[4]).toBe(
      `Produktgruppe;;'-2+3;;'\t=1+1;Teilfinanzplan;"=""01""";Steuern und ähnliche Abgaben;Ergebnis;2024;1,00`,
    );
    expect(excelText('1"&2&"')).toBe('"=""1""""&2&"""""""');
    expect(excelText('=1+1')).toBe("'=1+1");
    expect(excelText('+A1"&HYPERLINK(1)')).toBe(`"'+A1""&HYPERLINK(1)"`);
  });

  it('keeps codes with letters as they are', () => {
    expect([excelText('430125MINT'), excelText('01.02'), excelText('')]).toEqual([
      '430125MINT',
      '"=""01.02"""',
      '',
    ]);
    expect([germanDecimal(-5), germanDecimal(123456789)]).toEqual(['-0,05', '1234567,89']);
  });
});
