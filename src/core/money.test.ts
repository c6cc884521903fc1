import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_AMOUNT,
  MAX_TOTAL,
  THOUSAND_EUROS,
  formatCount,
  formatEuro,
  formatGerman,
  formatNumber,
  formatPlain,
  formatScaled,
  formatSigned,
  formatThousands,
  formatThousandsExact,
  parseGermanAmount,
  parsePlainAmount,
  parseUserAmount,
  roundToEuro,
  roundToThousand,
  toEuroNumber,
} from './money.js';

/** Every amount one cell may hold. */
const amount = fc.integer({ min: -(MAX_AMOUNT - 1), max: MAX_AMOUNT - 1 });
/** Whole euros in range, as cents. */
const wholeEuros = fc
  .integer({ min: -(MAX_AMOUNT / 100 - 1), max: MAX_AMOUNT / 100 - 1 })
  .map((e) => e * 100);
/** Whole thousands of euros in range, as cents. */
const wholeThousands = fc
  .integer({ min: -(MAX_AMOUNT / THOUSAND_EUROS - 1), max: MAX_AMOUNT / THOUSAND_EUROS - 1 })
  .map((t) => t * THOUSAND_EUROS);

const ok = (cents: number) => ({ ok: true, cents });

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
    expect(formatPlain(-678_000, ',')).toBe('-6780,00');
    expect(formatPlain(123_456_789, ',')).toBe('1234567,89');
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

  it('formats integers with places the German way', () => {
    expect(formatScaled(675, 2)).toBe('6,75');
    expect(formatScaled(5, 2)).toBe('0,05');
    expect(formatScaled(-5, 2)).toBe('-0,05');
    expect(formatScaled(-678_000, 2)).toBe('-6.780,00');
    expect(formatScaled(12_345, 1)).toBe('1.234,5');
    expect(formatScaled(150, 2, true)).toBe('1,5');
    expect(formatScaled(100, 2, true)).toBe('1');
    expect(formatScaled(-25, 2, true)).toBe('-0,25');
    expect(formatScaled(0, 2)).toBe('0,00');
    expect(formatScaled(-0, 0)).toBe('0');
    expect(formatScaled(Number.MAX_SAFE_INTEGER, 0)).toBe('9.007.199.254.740.991');
    expect(() => formatScaled(1.5, 0)).toThrow(RangeError);
  });

  it('formats counts and measured numbers (not money)', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1.000');
    expect(formatCount(-1_234_567)).toBe('-1.234.567');
    expect(formatNumber(1536.25, 1)).toBe('1.536,3');
    expect(formatNumber(2, 1)).toBe('2');
    expect(formatNumber(2.04, 1)).toBe('2');
    expect(formatNumber(-0.04, 1)).toBe('0');
    expect(formatNumber(1e15)).toBe('1.000.000.000.000.000');
    expect(formatNumber(0.125, 2)).toBe('0,13');
  });

  it('prints counts as German Intl does (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(formatCount(n)).toBe(n.toLocaleString('de-DE'));
      }),
    );
  });

  it('prints amounts exactly, as few places as they need', () => {
    expect(formatEuro(214_799_300)).toBe('2.147.993');
    expect(formatEuro(-678_000)).toBe('-6.780');
    expect(formatEuro(350)).toBe('3,50');
    expect(formatEuro(-5)).toBe('-0,05');
    expect(formatEuro(123_456)).toBe('1.234,56');
    expect(formatEuro(0)).toBe('0');
    expect(formatEuro(null)).toBe('');
    expect(formatEuro(undefined)).toBe('');
    expect(formatEuro(MAX_AMOUNT - 1)).toBe('9.999.999.999.999,99');
    expect(formatSigned(100_000)).toBe('+1.000');
    expect(formatSigned(-678_000)).toBe('-6.780');
    expect(formatSigned(0)).toBe('0');
    expect(formatSigned(1)).toBe('+0,01');
  });

  it('prints thousands of euros rounded (as plans in T€) and exactly (in messages)', () => {
    expect(formatThousands(123_400_000)).toBe('1.234');
    expect(formatThousands(-678_000_000)).toBe('-6.780');
    expect(formatThousands(123_450_000)).toBe('1.235');
    expect(formatThousands(-123_450_000)).toBe('-1.235');
    expect(formatThousands(49_999)).toBe('0');
    expect(formatThousands(-49_999)).toBe('0');
    expect(roundToThousand(50_000)).toBe(100_000);
    expect(formatThousandsExact(200_000)).toBe('2');
    expect(formatThousandsExact(450_000)).toBe('4,5');
    expect(formatThousandsExact(123_456_750)).toBe('1.234,5675');
    expect(formatThousandsExact(-1)).toBe('-0,00001');
  });

  it('keeps the limits: one amount below 10^15 cents, totals to 2^53 - 1', () => {
    expect(MAX_AMOUNT).toBe(10 ** 15);
    expect(MAX_TOTAL).toBe(2 ** 53 - 1);
    // every sum of nine amounts in range is still exact
    expect(Number.isSafeInteger(9 * (MAX_AMOUNT - 1))).toBe(true);
    expect(parseGermanAmount('9.999.999.999.999')?.cents).toBe(999_999_999_999_900);
    expect(parseGermanAmount('10.000.000.000.000')).toBeUndefined();
  });

  describe('what users type', () => {
    it.each([
      ['1.234,50', 123_450],
      ['1234,5', 123_450],
      ['1234,50', 123_450],
      ['-6.780', -678_000],
      ['\u22126.780', -678_000], // a real minus sign
      ['\u20136.780', -678_000], // an en dash, as word processors turn a minus
      ['- 6.780', -678_000],
      ['+500', 50_000],
      ['1 234', 123_400],
      ['1\u00a0234\u00a0567', 123_456_700], // no-break spaces
      ['1\u202f234', 123_400], // narrow no-break space (what Intl prints in French)
      ['1\u2009234,5', 123_450], // thin space
      ['  1.234  ', 123_400],
      ['1.234 €', 123_400],
      ['1.234€', 123_400],
      ['1.234,56 EUR', 123_456],
      ['1.234 eur', 123_400],
      ['12 Euro', 1_200],
      ['12,-', 1_200],
      ['12,--', 1_200],
      ['0', 0],
      ['-0', 0],
      ['-0,00', 0],
      ['0,05', 5],
      [',5', undefined],
      ['007', 700],
      ['9.999.999.999.999,99', MAX_AMOUNT - 1],
      ['-9.999.999.999.999,99', -(MAX_AMOUNT - 1)],
    ])('%j is %j cents', (text, cents) => {
      if (cents === undefined) expect(parseUserAmount(text).ok).toBe(false);
      else expect(parseUserAmount(text)).toEqual(ok(cents));
    });

    it.each([
      ['', 'Bitte einen Betrag eingeben.'],
      ['   ', 'Bitte einen Betrag eingeben.'],
      ['abc', '„abc“ ist kein Betrag. Bitte z. B. -600.000 oder 1.234,56 eingeben.'],
      ['12a', '„12a“ ist kein Betrag. Bitte z. B. -600.000 oder 1.234,56 eingeben.'],
      ['--5', '„--5“ ist kein Betrag. Bitte z. B. -600.000 oder 1.234,56 eingeben.'],
      ['+-5', '„+-5“ ist kein Betrag. Bitte z. B. -600.000 oder 1.234,56 eingeben.'],
      ['1,2,3', '„1,2,3“ ist kein Betrag. Bitte z. B. -600.000 oder 1.234,56 eingeben.'],
      ['12 34', '„12 34“ ist kein Betrag. Bitte z. B. -600.000 oder 1.234,56 eingeben.'],
      ['€ 5', '„€ 5“ ist kein Betrag. Bitte z. B. -600.000 oder 1.234,56 eingeben.'],
      [
        '1234.5',
        '„1234.5“ ist kein Betrag: der Punkt trennt Tausender in Dreiergruppen (1.234.567), Cent stehen nach dem Komma (1.234,56).',
      ],
      [
        '1.23.4',
        '„1.23.4“ ist kein Betrag: der Punkt trennt Tausender in Dreiergruppen (1.234.567), Cent stehen nach dem Komma (1.234,56).',
      ],
      ['1,234', 'Höchstens zwei Stellen nach dem Komma (Cent).'],
      ['1.234 T€', 'Der Betrag wird in Euro eingegeben, nicht in T€.'],
      ['1.234 TEUR', 'Der Betrag wird in Euro eingegeben, nicht in T€.'],
      ['10.000.000.000.000', 'Der Betrag ist zu groß: höchstens 9.999.999.999.999,99 €.'],
      ['-10.000.000.000.000', 'Der Betrag ist zu groß: höchstens 9.999.999.999.999,99 €.'],
      ['99999999999999999999999', 'Der Betrag ist zu groß: höchstens 9.999.999.999.999,99 €.'],
    ])('refuses %j: %s', (text, error) => {
      expect(parseUserAmount(text)).toEqual({ ok: false, error });
    });

    it('reads thousands of euros to the cent', () => {
      expect(parseUserAmount('1.234', 'T€')).toEqual(ok(123_400_000));
      expect(parseUserAmount('1.234,5 T€', 'T€')).toEqual(ok(123_450_000));
      expect(parseUserAmount('-0,00001', 'T€')).toEqual(ok(-1));
      expect(parseUserAmount('1,234567', 'T€')).toEqual({
        ok: false,
        error: 'Höchstens fünf Stellen nach dem Komma (T€ auf den Cent genau).',
      });
      expect(parseUserAmount('5 €', 'T€')).toEqual({ ok: false, error: 'Der Betrag wird in T€ eingegeben.' });
      expect(parseUserAmount('10.000.000.000', 'T€')).toEqual({
        ok: false,
        error: 'Der Betrag ist zu groß: höchstens 9.999.999.999,99999 T€.',
      });
      expect(parseUserAmount('x', 'T€')).toEqual({
        ok: false,
        error: '„x“ ist kein Betrag. Bitte z. B. -600 oder 1.234,5 eingeben.',
      });
    });

    /** The ways one amount may be typed: with a real minus, spaces for dots, no-break spaces, a unit. */
    const typed = (text: string, style: number, unit: '€' | 'T€'): string => {
      let t = text;
      if (style & 1) t = t.replace(/^-/u, '\u2212');
      if (style & 2) t = t.replace(/\./gu, ' ');
      if (style & 4) t = t.replace(/\./gu, '\u00a0');
      if (style & 8) t = `${t} ${unit === 'T€' ? 'T€' : '€'}`;
      if (style & 16) t = `${t}${unit === 'T€' ? 'TEUR' : 'EUR'}`.replace(/ (T?€)(T?EUR)$/u, ' $2');
      if (style & 32 && !t.startsWith('-') && !t.startsWith('\u2212')) t = `+${t}`;
      return t;
    };

    it('reads back every amount printed with cents (property)', () => {
      fc.assert(
        fc.property(amount, fc.nat(63), (cents, style) => {
          expect(parseUserAmount(formatEuro(cents))).toEqual(ok(cents));
          expect(parseUserAmount(formatGerman(cents, 2))).toEqual(ok(cents));
          expect(parseUserAmount(typed(formatEuro(cents), style, '€'))).toEqual(ok(cents));
          // the importers' reader agrees
          expect(parseGermanAmount(formatEuro(cents))?.cents).toBe(cents);
        }),
        { numRuns: 2000 },
      );
    });

    it('reads back every amount in whole euros (property)', () => {
      fc.assert(
        fc.property(wholeEuros, fc.nat(63), (cents, style) => {
          expect(parseUserAmount(formatGerman(cents))).toEqual(ok(cents));
          expect(parseUserAmount(typed(formatGerman(cents), style, '€'))).toEqual(ok(cents));
          expect(parseGermanAmount(formatGerman(cents))).toEqual({ cents, decimals: 0 });
        }),
        { numRuns: 2000 },
      );
    });

    it('reads back every amount in thousands of euros (property)', () => {
      fc.assert(
        fc.property(wholeThousands, amount, fc.nat(63), (thousands, cents, style) => {
          expect(parseUserAmount(formatThousands(thousands), 'T€')).toEqual(ok(thousands));
          expect(parseUserAmount(typed(formatThousands(thousands), style, 'T€'), 'T€')).toEqual(
            ok(thousands),
          );
          expect(parseUserAmount(formatThousandsExact(cents), 'T€')).toEqual(ok(cents));
          // printed in T€, an amount is off by at most half a thousand euros (rounded up to the limit: refused)
          const back = parseUserAmount(formatThousands(cents), 'T€');
          if (Math.abs(roundToThousand(cents)) < MAX_AMOUNT)
            expect(back.ok ? Math.abs(back.cents - cents) : NaN).toBeLessThanOrEqual(THOUSAND_EUROS / 2);
          else expect(back.ok).toBe(false);
        }),
        { numRuns: 2000 },
      );
    });

    it('never reads a number with a wrong digit, and never throws (property)', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 24 }), (text) => {
          const r = parseUserAmount(text);
          if (r.ok) {
            expect(Math.abs(r.cents)).toBeLessThan(MAX_AMOUNT);
            // what was read prints as the digits typed (leading zeros and grouping aside)
            const digits = text.replace(/[^\d,]/gu, '').replace(/,-*$/u, '');
            const [whole, frac = ''] = digits.split(',');
            expect(r.cents).toBe(
              Math.abs(Number(whole!) * 100 + Number(frac.padEnd(2, '0'))) * Math.sign(r.cents || 1),
            );
          } else expect(r.error).toMatch(/^(Bitte|„|Höchstens|Der Betrag)/u);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
