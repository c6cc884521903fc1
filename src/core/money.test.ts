import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatGerman,
  formatPlain,
  parseGermanAmount,
  parsePlainAmount,
  roundToEuro,
  toEuroNumber,
} from './money.js';

describe('money', () => {
  it.each([
    ['0', 0, 0],
    ['2.147.993', 214_799_300, 0],
    ['-6.780', -678_000, 0],
    ['1.234,56', 123_456, 2],
    ['1.234,5', 123_450, 2],
    ['1.234,-', 123_400, 0],
    ['46.323.827,04-', -4_632_382_704, 2],
    ['12.345 €', 1_234_500, 0],
    ['−500', -50_000, 0],
    ['-0', 0, 0],
  ])('parses German %s', (text, cents, decimals) => {
    expect(parseGermanAmount(text)).toEqual({ cents, decimals });
  });

  it.each(['1.23.4', '12,345', '', '-', 'abc', '1.2345', '--5', '-5-', '99999999999999999999'])(
    'rejects %j',
    (text) => {
      expect(parseGermanAmount(text)).toBeUndefined();
    },
  );

  it('parses and formats plain amounts', () => {
    expect(parsePlainAmount('-6780.00')).toEqual({ cents: -678_000, decimals: 2 });
    expect(parsePlainAmount('12')).toEqual({ cents: 1200, decimals: 0 });
    expect(parsePlainAmount('0.5')).toEqual({ cents: 50, decimals: 2 });
    expect(parsePlainAmount('1,5')).toBeUndefined();
    expect(formatPlain(-678_000)).toBe('-6780.00');
    expect(formatPlain(-5)).toBe('-0.05');
    expect(toEuroNumber(-5)).toBe(-0.05);
  });

  it('formats the German way and rounds half away from zero', () => {
    expect(formatGerman(214_799_300)).toBe('2.147.993');
    expect(formatGerman(-678_000)).toBe('-6.780');
    expect(formatGerman(123_456, 2)).toBe('1.234,56');
    expect(roundToEuro(150)).toBe(200);
    expect(roundToEuro(-150)).toBe(-200);
    expect(roundToEuro(-149)).toBe(-100);
    expect(roundToEuro(-49)).toBe(0);
    expect(formatGerman(-49)).toBe('0');
  });

  it('round-trips every amount through both notations (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(parsePlainAmount(formatPlain(cents))?.cents).toBe(cents);
        expect(parseGermanAmount(formatGerman(cents, 2))?.cents).toBe(cents);
        expect(Math.abs(roundToEuro(cents) - cents)).toBeLessThanOrEqual(50);
      }),
    );
  });
});
