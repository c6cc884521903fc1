import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inUnit } from './check/messages.js';
import { formatThousandsExact as thousands } from './money.js';
import { toleranceOf } from './check/values.js';
import { formatThousands, roundToThousand } from './money.js';
import {
  formatPrinted,
  formatWithUnit,
  joinUnits,
  printingAfterEdit,
  printingOfColumn,
  unitOfCells,
} from './scale.js';

const ANSATZ = { kind: 'ansatz', year: 2026 } as const;

describe('amounts printed in thousands of euros', () => {
  it('rounds to whole thousands half away from zero and prints them in thousands', () => {
    expect(roundToThousand(123_449_999)).toBe(123_400_000);
    expect(roundToThousand(123_450_000)).toBe(123_500_000);
    expect(roundToThousand(-123_450_000)).toBe(-123_500_000);
    expect(roundToThousand(-49_999)).toBe(0);
    expect(formatThousands(123_400_000)).toBe('1.234');
    expect(formatThousands(-678_049_999)).toBe('-6.780');
    expect(formatThousands(-40_000)).toBe('0');
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (cents) => {
        expect(Math.abs(roundToThousand(cents) - cents)).toBeLessThanOrEqual(50_000);
        expect(Math.abs(roundToThousand(cents)) % 100_000).toBe(0);
      }),
    );
  });

  it('prints a cell as it was printed, with its unit where asked', () => {
    expect(formatPrinted(386_300_000, { decimals: 0, scale: 1000 })).toBe('3.863');
    expect(formatPrinted(386_338_900, { decimals: 0 })).toBe('3.863.389');
    expect(formatPrinted(123_456, { decimals: 2 })).toBe('1.234,56');
    expect(formatWithUnit(386_300_000, { decimals: 0, scale: 1000 })).toBe('3.863 T€');
    expect(formatWithUnit(-678_000, { decimals: 0 })).toBe('-6.780 €');
  });

  it('speaks of findings in T€ exactly, with decimals only where a half thousand is left', () => {
    expect(thousands(200_000)).toBe('2');
    expect(thousands(-386_100_000)).toBe('-3.861');
    expect(thousands(450_000)).toBe('4,5');
    expect(thousands(123_456_750)).toBe('1.234,5675');
    expect(inUnit(500_050, '€')).toBe('5.000,50 €');
    expect(inUnit(500_000, 'T€')).toBe('5 T€');
    expect(inUnit(500_000, undefined)).toBe('5.000 €');
  });

  it('allows half a thousand euros for a cell printed in T€', () => {
    expect(toleranceOf({ column: ANSATZ, amount: 0, decimals: 0, scale: 1000 })).toBe(50_000);
    expect(toleranceOf({ column: ANSATZ, amount: 0, decimals: 0 })).toBe(50);
    expect(toleranceOf({ column: ANSATZ, amount: 1, decimals: 2 })).toBe(0);
  });

  it('joins units: T€ only when every printed amount was in T€', () => {
    expect(joinUnits(undefined, 'T€')).toBe('T€');
    expect(joinUnits('T€', 'T€')).toBe('T€');
    expect(joinUnits('T€', '€')).toBe('€');
    expect(joinUnits(undefined, undefined)).toBeUndefined();
    expect(unitOfCells([{ scale: 1000 }, { scale: 1000 }])).toBe('T€');
    expect(unitOfCells([{ scale: 1000 }, {}])).toBe('€');
    expect(unitOfCells([])).toBeUndefined();
    expect(printingOfColumn([{ scale: 1000 }])).toEqual({ decimals: 0, scale: 1000 });
    expect(printingOfColumn([])).toEqual({ decimals: 0 });
  });

  it('after an edit in euros: whole thousands keep a T€ cell, anything finer makes it a euro cell', () => {
    const teur = { decimals: 0, scale: 1000 } as const;
    expect(printingAfterEdit(125_000_000, teur)).toEqual(teur);
    expect(printingAfterEdit(125_012_300, teur)).toEqual({ decimals: 0 });
    expect(printingAfterEdit(125_012_345, teur)).toEqual({ decimals: 2 });
    // as before for euro cells: whole euros keep the decimals, cents make it a cent cell
    expect(printingAfterEdit(125_000_000, { decimals: 0 })).toEqual({ decimals: 0 });
    expect(printingAfterEdit(125_000_000, { decimals: 2 })).toEqual({ decimals: 2 });
    expect(printingAfterEdit(125_000_001, { decimals: 0 })).toEqual({ decimals: 2 });
    // a cell not printed before: as its column, else whole euros
    expect(printingAfterEdit(125_000_000, undefined, teur)).toEqual(teur);
    expect(printingAfterEdit(125_000_000, undefined)).toEqual({ decimals: 0 });
    expect(printingAfterEdit(125_000_050, undefined, teur)).toEqual({ decimals: 2 });
  });
});
