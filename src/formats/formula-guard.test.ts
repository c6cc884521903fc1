import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreFormulaText } from './formula-guard.js';

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    // already guarded by hand: one more, so that exactly one comes off again
    ["'=1+1", "''=1+1"],
    ["''-3", "'''-3"],
    // nothing a spreadsheet would run
    ['Zuwendungen und allgemeine Umlagen', 'Zuwendungen und allgemeine Umlagen'],
    ["'s-Hertogenbosch", "'s-Hertogenbosch"],
    ['430125MINT', '430125MINT'],
    [' =1', ' =1'],
    ['a=1', 'a=1'],
    ['', ''],
  ])('%j → %j', (text, guarded) => {
    expect(neutraliseFormula(text)).toBe(guarded);
    expect(restoreFormulaText(guarded)).toBe(text);
  });

  it('never leaves a text beginning with = + - @ tab or CR, and is undone exactly (property)', () => {
    const risky = fc
      .tuple(
        fc.constantFrom('', "'", "''", '=', '+', '-', '@', '\t', '\r', "'-", "'a"),
        fc.string({ maxLength: 6 }),
      )
      .map(([prefix, rest]) => prefix + rest);
    fc.assert(
      fc.property(risky, (text) => {
        const guarded = neutraliseFormula(text);
        expect(guarded).not.toMatch(/^[=+\-@\t\r]/u);
        expect(restoreFormulaText(guarded)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
