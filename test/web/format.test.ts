// The page's own formats (web/src/format.ts): a plan cell as printed in its column, signed differences,
// percentages both ways. Pure functions, no browser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delta, parsePercent, percent, printedAmount } from '../../web/src/format.js';

describe('web formats', () => {
  it('prints a cell as its plan printed it, with the unit where it is not the column’s', () => {
    expect(printedAmount({ amount: 123_456_700, scale: null }, '€')).toBe('1.234.567');
    expect(printedAmount({ amount: 123_456, scale: null }, '€')).toBe('1.234,56');
    expect(printedAmount({ amount: 123_456_700, scale: null }, 'T€')).toBe('1.234.567 €');
    expect(printedAmount({ amount: 123_450_000, scale: 1000 }, 'T€')).toBe('1.235');
    expect(printedAmount({ amount: -123_450_000, scale: 1000 }, '€')).toBe('-1.235 T€');
    expect(printedAmount({ amount: null, scale: null }, '€')).toBe('');
  });

  it('prints signed differences', () => {
    expect(delta(100_000)).toBe('+1.000');
    expect(delta(-678_000)).toBe('-6.780');
    expect(delta(0)).toBe('0');
    expect(delta(50)).toBe('+0,50');
  });

  it.each([
    ['1', 100],
    ['1,5', 150],
    ['-0,25', -25],
    ['+2', 200],
    [' 3 % ', 300],
    ['12,05%', 1205],
  ])('reads the percentage %j as %i basis points', (text, bp) => {
    expect(parsePercent(text)).toBe(bp);
  });

  it.each(['', 'x', '1,234', '1.5', '1000', '--1'])('refuses the percentage %j', (text) => {
    expect(parsePercent(text)).toBeUndefined();
  });

  it('prints percentages that read back (property)', () => {
    expect(percent(100)).toBe('1');
    expect(percent(150)).toBe('1,5');
    expect(percent(-25)).toBe('-0,25');
    expect(percent(0)).toBe('0');
    fc.assert(
      fc.property(fc.integer({ min: -99_999, max: 99_999 }), (bp) => {
        expect(parsePercent(percent(bp))).toBe(bp);
      }),
    );
  });
});
