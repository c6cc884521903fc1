import { describe, expect, it } from 'vitest';
import { budget, node, plan } from '../../../../test/fixtures.js';
import type { Budget, Column, Erlaeuterung, ErlaeuterungItem, StatedAmount } from '../../model.js';
import { erlaeuterungItems } from './erlaeuterung-items.js';

const TWO: readonly Column[] = [
  { kind: 'ansatz', year: 2025 },
  { kind: 'ansatz', year: 2026 },
];

function run(b: Budget): string[] {
  return erlaeuterungItems
    .run(b)
    .map((f) => `${f.severity} ${f.node} ${f.plan} ${f.line} ${f.kind} ${f.year} ${f.expected} ${f.actual}`);
}

/** An item "= 50.000 € (Ansatz 2025 = 69.000 €)" or, with `null`, "= 30.000 € (= Ansatz 2025)". */
function item(euro: number, previous: number | null): ErlaeuterungItem {
  return {
    text: 'Posten',
    raw: 'Posten',
    amount: euro * 100,
    previous:
      previous === null
        ? { kind: 'ansatz', year: 2025, unchanged: true }
        : { kind: 'ansatz', year: 2025, unchanged: false, amount: previous * 100 },
  };
}

function erlaeuterung(
  items: ErlaeuterungItem[],
  stated: StatedAmount[] = [],
  year: number | undefined = 2026,
): Erlaeuterung {
  return {
    plan: 'teilergebnisplan',
    line: '13',
    intro: [],
    items,
    closing: [],
    stated,
    ...(year !== undefined ? { year } : {}),
    source: { file: 'fixture.txt', line: 141 },
  };
}

// 43.01, Teilergebnisplan line 13 as printed: Ansatz 2025 -504.000, Ansatz 2026 -542.150
const line13 = plan('teilergebnisplan', { '13': [-504_000, -542_150] }, { columns: TWO });
const withErlaeuterung = (e: Erlaeuterung): Budget =>
  budget([node('43.01', 'produktgruppe', [line13], { erlaeuterungen: [e] })]);

describe('erlaeuterung-items', () => {
  it('accepts items that explain part of the line, for the Ansatz year and the previous year', () => {
    expect(run(withErlaeuterung(erlaeuterung([item(30_000, null), item(50_000, 69_000)])))).toEqual([]);
  });

  it('warns with both amounts when the previous-year amounts exceed the line (the reference: 509.000 vs 504.000)', () => {
    // the reference's 15 items: 30.000 (=), 100.000 (=), 70.000 (=), 20.000 (25.000), 50.000 (69.000),
    // 71.000 (52.000), 10.000 (=), 23.000 (28.000), 5.000 (0), 10.000 (0), 5.000 (=), 90.000 (=), 5.000 (=),
    // 25.000 (=), 22.000 (0)
    const items = [
      item(30_000, null),
      item(100_000, null),
      item(70_000, null),
      item(20_000, 25_000),
      item(50_000, 69_000),
      item(71_000, 52_000),
      item(10_000, null),
      item(23_000, 28_000),
      item(5_000, 0),
      item(10_000, 0),
      item(5_000, null),
      item(90_000, null),
      item(5_000, null),
      item(25_000, null),
      item(22_000, 0),
    ];
    const findings = erlaeuterungItems.run(withErlaeuterung(erlaeuterung(items)));
    expect(findings).toEqual([
      {
        severity: 'warning',
        rule: 'erlaeuterung-items',
        message:
          'Erläuterung zu Teilergebnisplan 43.01, Zeile 13 (Aufwendungen für Sach- und Dienstleistungen), ' +
          'Ansatz 2025: die Vorjahresbeträge der 15 Einzelposten ergeben 509.000 €, die Zeile weist -504.000 € aus ' +
          '(5.000 € mehr, als die Zeile enthält; Erläuterung oder Zeile prüfen)',
        node: '43.01',
        plan: 'teilergebnisplan',
        line: '13',
        kind: 'ansatz',
        year: 2025,
        expected: 50_400_000,
        actual: 50_900_000,
        difference: 500_000,
        source: { file: 'fixture.txt', line: 141 },
      },
    ]);
  });

  it('warns when the items exceed the Ansatz of the Erläuterung year, never as an error', () => {
    const e = erlaeuterung([item(500_000, null), item(42_160, 0)]);
    expect(run(withErlaeuterung(e))).toEqual([
      'warning 43.01 teilergebnisplan 13 ansatz 2026 54215000 54216000',
    ]);
  });

  it('allows half a euro of rounding per item and per cell', () => {
    // two items and the line cell: 1,50 € at most
    expect(run(withErlaeuterung(erlaeuterung([item(500_000, null), item(42_151, 0)])))).toEqual([]);
    expect(run(withErlaeuterung(erlaeuterung([item(500_000, null), item(42_152, 0)])))).toEqual([
      'warning 43.01 teilergebnisplan 13 ansatz 2026 54215000 54215200',
    ]);
  });

  it('takes the budget year when the Erläuterung names none', () => {
    const e = erlaeuterung([item(600_000, null)], [], undefined);
    expect(run(withErlaeuterung(e))).toEqual([
      'warning 43.01 teilergebnisplan 13 ansatz 2026 54215000 60000000',
      'warning 43.01 teilergebnisplan 13 ansatz 2025 50400000 60000000',
    ]);
  });

  it('checks amounts stated in the text: equal or less is fine, more is a warning', () => {
    const stated = (euro: number, text: string): StatedAmount => ({
      amount: euro * 100,
      text,
      previous: { kind: 'ansatz', year: 2025, unchanged: false, amount: 504_000 * 100 },
    });
    const ok = stated(542_150, 'Der Ansatz für 2026 in Höhe von 542.150 € (Ansatz 2025 = 504.000 €)');
    expect(run(withErlaeuterung(erlaeuterung([], [ok])))).toEqual([]);
    const more = stated(552_150, 'Der Ansatz für 2026 in Höhe von 552.150 € (Ansatz 2025 = 504.000 €)');
    expect(run(withErlaeuterung(erlaeuterung([], [more])))).toEqual([
      'warning 43.01 teilergebnisplan 13 ansatz 2026 54215000 55215000',
    ]);
    // a sentence about another year is not compared with this year's Ansatz
    const later = stated(
      552_150,
      'Für 2027 ist ein Betrag in Höhe von 552.150 € vorgesehen (Ansatz 2025 = 504.000 €)',
    );
    expect(run(withErlaeuterung(erlaeuterung([], [later])))).toEqual([]);
  });

  it('says nothing about the general text, a plan not printed or a column the plan lacks', () => {
    const general: Erlaeuterung = { ...erlaeuterung([item(999_999, null)]), line: undefined };
    expect(run(withErlaeuterung(general))).toEqual([]);
    const finanz: Erlaeuterung = { ...erlaeuterung([item(999_999, null)]), plan: 'teilfinanzplan' };
    expect(run(withErlaeuterung(finanz))).toEqual([]);
    const previous2023: ErlaeuterungItem = {
      text: 'Posten',
      raw: 'Posten',
      amount: 100,
      previous: { kind: 'ergebnis', year: 2023, unchanged: false, amount: 99_999_900 },
    };
    expect(run(withErlaeuterung(erlaeuterung([previous2023])))).toEqual([]);
  });
});
