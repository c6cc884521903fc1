import { describe, expect, it } from 'vitest';
import { gridLines } from '../rows/grid.js';
import { printedTable } from './printed-table.js';

const rowsOf = (text: string) => printedTable(gridLines(text, 't.txt').lines);
const linesOf = (text: string) => gridLines(text, 't.txt').lines;

describe('a table of a part as a laid-out page prints it, made rows', () => {
  it('a header over two lines, numbers printed a space apart under a wider header, a page footer', () => {
    const text = [
      'Position                                         2024      2025      2026      2027',
      'Allgemeine Rücklage am 01.01.                  690,0 690,2 690,2 662,9',
      'Ausgleichsrücklage am 01.01.                    107,2      49,6      19,4       0,0',
      '',
      '',
      '                                   Seite 3 von 9',
      '',
      'Jahresergebnis                                 -57,5     -30,4     -46,8     -37,9',
      '',
      'Stand: 2026',
    ].join('\n');
    const t = rowsOf(text);
    expect(t?.rows).toEqual([
      ['Position', '2024', '2025', '2026', '2027'],
      ['Allgemeine Rücklage am 01.01.', '690,0', '690,2', '690,2', '662,9'],
      ['Ausgleichsrücklage am 01.01.', '107,2', '49,6', '19,4', '0,0'],
      ['Jahresergebnis', '-57,5', '-30,4', '-46,8', '-37,9'],
    ]);
    // the table ends before the note under it (a year is no row)
    expect(linesOf(text)[t!.end]!.text.trim()).toBe('Stand: 2026');
    expect(t?.sources.map((s) => s.line)).toEqual([1, 2, 3, 8]);
  });

  it('the header printed again on the next page where that page prints it, a sum row left as text', () => {
    const t = rowsOf(
      [
        'Nr.   Bezeichnung                Gesamt     Gesamt',
        '                                   2026       2027',
        '0102  GESCHÄFTSFÜHRUNG FÜR        21,31      21,31',
        '      POLITISCHE GREMIEN',
        '\fNr.   Bezeichnung                          Gesamt      Gesamt',
        '                                             2026        2027',
        '0103  ZENTRALE DIENSTE                       3,00        3,50',
        '      Gesamtsumme 24,31 24,81',
      ].join('\n'),
    );
    expect(t?.rows).toEqual([
      ['Nr.', 'Bezeichnung', 'Gesamt 2026', 'Gesamt 2027'],
      ['0102', 'GESCHÄFTSFÜHRUNG FÜR POLITISCHE GREMIEN', '21,31', '21,31'],
      ['0103', 'ZENTRALE DIENSTE', '3,00', '3,50'],
      ['', 'Gesamtsumme', '24,31', '24,81'],
    ]);
  });
});
