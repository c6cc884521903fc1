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
});
