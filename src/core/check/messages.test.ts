import { describe, expect, it } from 'vitest';
import { formatEuro as euro } from '../money.js';
import { describeColumn, describeLines, describeNodes, joinGerman } from './messages.js';

describe('German wording', () => {
  it('prints amounts as the plans do, with cents only where there are cents', () => {
    expect(euro(-678_000)).toBe('-6.780');
    expect(euro(350)).toBe('3,50');
    expect(euro(0)).toBe('0');
  });

  it('names columns', () => {
    expect(describeColumn({ kind: 'ansatz', year: 2026 })).toBe('Ansatz 2026');
    expect(describeColumn({ kind: 've', year: 2026 })).toBe('VE 2026');
    expect(describeColumn({ kind: 'bisher', year: 2025 })).toBe('Bisher bereitgestellt bis 2025');
  });

  it('names the lines of a formula', () => {
    expect(describeLines(['11', '12', '13', '14', '15', '16'])).toBe('Zeilen 11–16');
    expect(describeLines(['10', '17'])).toBe('Zeilen 10 und 17');
    expect(describeLines(['26', '27', '28'])).toBe('Zeilen 26, 27 und 28');
    expect(describeLines(['29'])).toBe('Zeile 29');
    expect(describeLines(['29', '-30'])).toBe('Zeilen 29 minus 30');
  });

  it('names sets of nodes', () => {
    expect(joinGerman(['a', 'b', 'c'])).toBe('a, b und c');
    expect(describeNodes([{ code: '43.01', level: 'produktgruppe' }])).toBe('von Produktgruppe 43.01');
    expect(
      describeNodes([
        { code: '43.01', level: 'produktgruppe' },
        { code: '43.03', level: 'produktgruppe' },
      ]),
    ).toBe('der Produktgruppen 43.01 und 43.03');
    const many = Array.from({ length: 17 }, (_, i) => ({
      code: String(i + 1).padStart(2, '0'),
      level: 'produktbereich' as const,
    }));
    expect(describeNodes(many)).toBe('der 17 Produktbereiche');
  });
});
