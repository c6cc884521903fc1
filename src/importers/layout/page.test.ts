import { describe, expect, it } from 'vitest';
import { layoutPage, type TextItem } from './page.js';

const HEIGHT = 842;
const item = (str: string, x: number, y: number): TextItem => ({
  str,
  transform: [8, 0, 0, 8, x, HEIGHT - y],
  width: str.length * 4,
  height: 8,
});

describe('a page laid out', () => {
  it('keeps a label’s last line at the foot of a page with its row (no blank line between)', () => {
    // 8 pt type on 10.5 pt lines: the last row's label goes on two lines below its amounts
    const row = (y: number, number: string, label: string, amount: string): TextItem[] => [
      item(number, 37, y),
      item(label, 89, y),
      item(amount, 300, y),
      item(amount, 360, y),
    ];
    const lines = layoutPage(
      [
        ...row(700, 'Zeile 30', 'globaler', '0'),
        item('Minderaufwand', 89, 710.5),
        ...row(721, 'Zeile 31', 'Teilergebnis nach', '-305.991'),
        item('Abzug globaler', 89, 731.5),
        item('Minderaufwand', 89, 742),
      ],
      HEIGHT,
    );
    expect(lines.map((l) => l.text.split('\t').slice(0, 2).join(' '))).toEqual([
      'Zeile 30 globaler Minderaufwand',
      '',
      'Zeile 31 Teilergebnis nach Abzug globaler',
      'Minderaufwand',
    ]);
  });
});
