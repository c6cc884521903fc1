import { describe, expect, it } from 'vitest';
import type { Cell, Range } from '../rows/model.js';
import { readHead, stackHead } from './header.js';

const cells = (row: readonly (readonly [string, number, number])[]): Cell[] =>
  row.map(([text, x0, x1]) => ({ text, x0, x1 }));

describe('a header laid out from a page', () => {
  it('reads a group cell over several columns and a unit standing off its column', () => {
    // „Finanzplanung“ over the first two years joins their stacks; the last „T€“ stands right of its column
    const rows = [
      [['Finanzplanung', 265, 330]],
      [
        ['Planung', 230, 265],
        ['Planung', 290, 325],
        ['Planung', 360, 395],
      ],
      [
        ['Nr.', 0, 15],
        ['Bezeichnung', 50, 105],
        ['2027', 245, 265],
        ['2028', 305, 325],
        ['2029', 375, 395],
      ],
      [
        ['T€', 260, 270],
        ['T€', 325, 335],
        ['T€', 400, 410],
      ],
    ] as const;
    const ranges: Range[] = [
      { x0: 265, x1: 270 },
      { x0: 335, x1: 340 },
      { x0: 405, x1: 410 },
    ];
    const head = stackHead(rows.map(cells), ranges, 'points');
    expect(head.parts.map((p) => p.filter((t) => t !== 'Finanzplanung'))).toEqual([
      ['Planung', '2027', 'T€'],
      ['Planung', '2028', 'T€'],
      ['Planung', '2029', 'T€'],
    ]);
    expect(head.lead).toEqual(['Nr.', 'Bezeichnung']);
  });

  it('keeps the columns of group cells over pieces of one column („Bisher“ over „bis 2025“)', () => {
    const rows = [
      [
        ['Finanzplanung', 220, 285],
        ['Investition', 380, 435],
      ],
      [
        ['Planung', 185, 220],
        ['Planung', 240, 275],
        ['Planung', 300, 335],
        ['Bisher', 370, 400],
        ['Gesamt', 440, 470],
      ],
      [
        ['2027', 200, 220],
        ['2028', 255, 275],
        ['2029', 315, 335],
        ['bis', 360, 375],
        ['2025', 380, 400],
        ['bis', 435, 450],
        ['2029', 455, 475],
      ],
      [
        ['T€', 210, 220],
        ['T€', 260, 270],
        ['T€', 325, 335],
        ['T€', 385, 395],
        ['T€', 460, 470],
      ],
    ] as const;
    const ranges: Range[] = [
      { x0: 190, x1: 225 },
      { x0: 250, x1: 275 },
      { x0: 330, x1: 335 },
      { x0: 375, x1: 400 },
      { x0: 440, x1: 475 },
    ];
    const head = stackHead(rows.map(cells), ranges, 'points');
    expect(head.parts.map((p) => p.join(' '))).toEqual([
      'Planung 2027 T€',
      'Finanzplanung Planung 2028 T€',
      'Planung 2029 T€',
      'Investition Bisher bis 2025 T€',
      'Gesamt bis 2029 T€',
    ]);
  });
});

describe('kind and year in one header cell, laid out as two words', () => {
  it('reads „Ansatz 2025“ and „2027 Planung“ with narrow amount columns', () => {
    const rows = [
      [['Ergebnis', 215, 255]],
      [
        ['Nr.', 0, 15],
        ['2024', 230, 250],
        ['Ansatz', 275, 305],
        ['2025', 310, 330],
        ['2027', 350, 370],
        ['Planung', 375, 410],
      ],
      [
        ['in €', 240, 260],
        ['in €', 310, 330],
        ['in €', 390, 410],
      ],
    ] as const;
    const ranges: Range[] = [
      { x0: 250, x1: 255 },
      { x0: 325, x1: 330 },
      { x0: 405, x1: 410 },
    ];
    const head = readHead(rows.map(cells), ranges, 'points');
    if (!head.ok) throw new Error(head.message);
    expect(head.head.columns).toEqual([
      { kind: 'ergebnis', year: 2024 },
      { kind: 'ansatz', year: 2025 },
      { kind: 'planung', year: 2027 },
    ]);
  });

  it('joins the kind with the year after it, not the year before („Ergebnis“ over „2024 Ansatz 2025“)', () => {
    const rows = [
      [['Ergebnis', 219.2, 250.7]],
      [
        ['2024', 233, 250.7],
        ['Ansatz', 259.3, 283.5],
        ['2025', 287.6, 303.7],
        ['Ansatz', 312.3, 336.5],
        ['2026', 340.6, 356.7],
      ],
    ] as const;
    const ranges: Range[] = [
      { x0: 208.1, x1: 250.7 },
      { x0: 261.1, x1: 303.7 },
      { x0: 314.1, x1: 356.7 },
    ];
    const head = readHead(rows.map(cells), ranges, 'points');
    if (!head.ok) throw new Error(head.message);
    expect(head.head.columns).toEqual([
      { kind: 'ergebnis', year: 2024 },
      { kind: 'ansatz', year: 2025 },
      { kind: 'ansatz', year: 2026 },
    ]);
  });
});
