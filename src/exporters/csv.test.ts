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

  it('keeps codes with letters as they are', () => {
    expect([excelText('430125MINT'), excelText('01.02'), excelText('')]).toEqual([
      '430125MINT',
      '"=""01.02"""',
      '',
    ]);
    expect([germanDecimal(-5), germanDecimal(123456789)]).toEqual(['-0,05', '1234567,89']);
  });
});
