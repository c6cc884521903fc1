import { describe, expect, it } from 'vitest';
import { groupLines } from './glyphs.js';

describe('segments of a line', () => {
  it('keeps a line number printed as „Zeile 39“ one segment, apart from the amounts', () => {
    const words = [
      ['Zeile', 0, 25],
      ['39', 30, 40],
      ['0,00', 310, 330],
      ['0,00', 390, 410],
    ] as const;
    const [line] = groupLines(words.map(([text, x0, x1]) => ({ text, x0, x1, y: 100, h: 10 })));
    expect(line!.segments.map((s) => [s.text, s.numeric])).toEqual([
      ['Zeile 39', false],
      ['0,00', true],
      ['0,00', true],
    ]);
  });

  it('keeps an elided compound’s dash and a number after „Zeilen“ in the label, a dash in an amount column apart', () => {
    const segments = (words: readonly (readonly [string, number, number])[]): [string, boolean][] =>
      groupLines(words.map(([text, x0, x1]) => ({ text, x0, x1, y: 100, h: 10 })))[0]!.segments.map((s) => [
        s.text,
        s.numeric,
      ]);
    expect(
      segments([
        ['Investitionszuweisungen,', 0, 120],
        ['-', 125, 130],
        ['33.000', 300, 330],
        ['-', 395, 400],
      ]),
    ).toEqual([
      ['Investitionszuweisungen, -', false],
      ['33.000', true],
      ['-', true],
    ]);
    expect(
      segments([
        ['(=', 0, 10],
        ['Zeilen', 15, 45],
        ['22', 50, 60],
        ['-119.700', 300, 340],
        ['-54.200', 370, 405],
      ]),
    ).toEqual([
      ['(= Zeilen 22', false],
      ['-119.700', true],
      ['-54.200', true],
    ]);
    // a small amount after an ordinary word one space away stays an amount
    expect(
      segments([
        ['Erträge', 0, 35],
        ['22', 40, 50],
        ['-54.200', 370, 405],
      ]),
    ).toEqual([
      ['Erträge', false],
      ['22', true],
      ['-54.200', true],
    ]);
  });
});
