/**
 * The long-table import on literal tables: recognition of the columns, decimal marks, kinds and years, the
 * hierarchy from codes and names, lines by label and account, and the ledger (every amount on a cell or outside
 * the plans with its reason).
 */
import { describe, expect, it } from 'vitest';
import { reconcile, unreconciled } from '../../core/ledger.js';
import type { Budget, BudgetNode } from '../../core/model.js';
import { planColumns, kindYearKey } from './columns.js';
import { importLongText, looksLikeLongText } from './index.js';
import { buildHierarchy, undoDate } from './nodes.js';
import { DecimalEvidence, decideDecimal, parseLongAmount } from './numbers.js';
import { splitRecords } from './records.js';

function imported(csv: string, options: Parameters<typeof importLongText>[2] = {}) {
  const r = importLongText(csv, 'test.csv', options);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const open = unreconciled(reconcile(r.budget, r.ledger));
  expect(open).toEqual([]);
  return r;
}

function node(b: Budget, code: string): BudgetNode {
  const n = b.nodes.find((x) => x.code === code);
  if (!n) throw new Error(`no node ${code}: ${b.nodes.map((x) => x.code).join(', ')}`);
  return n;
}

function cell(b: Budget, code: string, line: string, kind: string, year: number) {
  const l = node(b, code)
    .plans.flatMap((p) => p.lines)
    .find((x) => x.line === line);
  return l?.cells.find((c) => c.column.kind === kind && c.column.year === year);
}

describe('amounts', () => {
  it('parses decimal text exactly, never through a float', () => {
    expect(parseLongAmount('15472050.0', '.')).toEqual({ ok: true, cents: 1547205000, decimals: 2 });
    expect(parseLongAmount('4.721540379E7', '.')).toEqual({ ok: true, cents: 4721540379, decimals: 2 });
    expect(parseLongAmount('5.42E7', '.')).toEqual({ ok: true, cents: 5420000000, decimals: 2 });
    expect(parseLongAmount('-0.02', '.')).toEqual({ ok: true, cents: -2, decimals: 2 });
    expect(parseLongAmount('1,234.5', '.')).toEqual({ ok: true, cents: 123450, decimals: 2 });
    expect(parseLongAmount('1.234,56', ',')).toEqual({ ok: true, cents: 123456, decimals: 2 });
    expect(parseLongAmount('46.323.827,04-', ',')).toEqual({ ok: true, cents: -4632382704, decimals: 2 });
    expect(parseLongAmount('1.234', ',')).toEqual({ ok: true, cents: 123400, decimals: 0 });
    expect(parseLongAmount('12', '.')).toEqual({ ok: true, cents: 1200, decimals: 0 });
    expect(parseLongAmount('1.005', '.').ok).toBe(false);
    expect(parseLongAmount('12x', '.').ok).toBe(false);
    expect(parseLongAmount('1.2.3', '.').ok).toBe(false);
  });

  it('decides the decimal mark per column from the values, and refuses what they leave open', () => {
    const of = (...values: string[]) => {
      const e = new DecimalEvidence();
      for (const v of values) e.add(v);
      return e;
    };
    expect(decideDecimal(of('12', '2921.33', '-7'))).toMatchObject({ ok: true, mark: '.' });
    expect(decideDecimal(of('12', '1.234,5'))).toMatchObject({ ok: true, mark: ',' });
    expect(decideDecimal(of('12', '13'))).toMatchObject({ ok: true, mark: '.' });
    const mixed = decideDecimal(of('1.5', '2,5'));
    expect(mixed.ok).toBe(false);
    const open = decideDecimal(of('1.234', '5'));
    expect(open).toMatchObject({ ok: false });
    expect(!open.ok && open.message).toContain('„1.234“');
    expect(decideDecimal(of('1.234', '5'), ',')).toMatchObject({ ok: true, mark: ',', how: 'hint' });
  });
});

describe('records', () => {
  it('splits quoted fields over lines and keeps the line each record starts on', () => {
    const { rows, lines } = splitRecords('a,b\n"x, y",2\n"two\nlines",3\r\n\nlast,4', ',');
    expect(rows).toEqual([
      ['a', 'b'],
      ['x, y', '2'],
      ['two\nlines', '3'],
      ['last', '4'],
    ]);
    expect(lines).toEqual([1, 2, 3, 6]);
  });
});

describe('kinds and years', () => {
  const decide = (pairs: [string, string, number][], budgetYears?: number[]) => {
    const plan = planColumns(
      pairs.map(([kind, cls, year]) => ({ kind, cls: cls as never, year, rows: 1 })),
      budgetYears,
    );
    return (kind: string, year: number) => {
      const d = plan.decisions.get(kindYearKey(kind, year))!;
      return d.placed ? `${d.column.kind} ${d.column.year}` : `außerhalb: ${d.reason}`;
    };
  };

  it('reads "Plan" as Ansatz in the budget years and Planung after them', () => {
    const d = decide([
      ['Soll', 'ansatz', 2017],
      ['Plan', 'plan', 2018],
      ['Plan', 'plan', 2019],
    ]);
    expect(d('Soll', 2017)).toBe('ansatz 2017');
    expect(d('Plan', 2018)).toBe('ansatz 2018');
    expect(d('Plan', 2019)).toBe('planung 2019');
    const double = decide(
      [
        ['Plan', 'plan', 2018],
        ['Plan', 'plan', 2019],
      ],
      [2018, 2019],
    );
    expect(double('Plan', 2019)).toBe('ansatz 2019');
  });

  it('takes the series reaching further where two give one column, and leaves differences out', () => {
    // Potsdam: Ansatz 2016/2017, Mifi 2017-2019, FP 2018-2020, Diff 2017-2020; fiscal period 2018
    const pairs: [string, string, number][] = [
      ['Ansatz', 'ansatz', 2016],
      ['Ansatz', 'ansatz', 2017],
      ...[2017, 2018, 2019].map((y): [string, string, number] => ['Mifi', 'planung', y]),
      ...[2018, 2019, 2020].map((y): [string, string, number] => ['FP', 'planung', y]),
      ...[2017, 2018, 2019, 2020].map((y): [string, string, number] => ['Diff', 'derived', y]),
    ];
    const d = decide(pairs, [2018]);
    expect(d('FP', 2018)).toBe('ansatz 2018');
    expect(d('FP', 2019)).toBe('planung 2019');
    expect(d('FP', 2020)).toBe('planung 2020');
    expect(d('Mifi', 2018)).toContain('übernommen „FP“');
    expect(d('Mifi', 2017)).toContain('schon einen Ansatz');
    expect(d('Diff', 2019)).toContain('abgeleitete Beträge');
  });
});

describe('the hierarchy', () => {
  const levels = [
    { level: 'produktbereich' as const, code: 0, name: 1 },
    { level: 'produktgruppe' as const, code: 2, name: 3 },
  ];
  const tuple = (pb: string, pg: string, line: number, pgName = '') => ({
    key: `${pb}|${pg}`,
    line,
    values: [
      { code: pb, name: '' },
      { code: pg, name: pgName },
    ],
  });

  it('writes full codes that prefixes would misplace with a dot (Köln: 101 below 1, not 10)', () => {
    const h = buildHierarchy(
      levels,
      ['PB', 'PBN', 'PG', 'PGN'],
      [tuple('1', '101', 2), tuple('10', '1001', 3)],
      'k.csv',
    );
    expect(h.nodes.map((n) => `${n.code}<${n.parent ?? ''}`)).toEqual(['1<', '1.01<1', '10<', '10.01<10']);
  });

  it('keeps unambiguous full codes and joins part codes to their parent', () => {
    const full = buildHierarchy(levels, [], [tuple('01', '0101', 2), tuple('02', '0201', 3)], 'm.csv');
    expect(full.nodes.map((n) => n.code)).toEqual(['01', '0101', '02', '0201']);
    const part = buildHierarchy(levels, [], [tuple('61', '04', 2), tuple('11', '04', 3)], 'w.csv');
    expect(part.nodes.map((n) => n.code)).toEqual(['61', '61.04', '11', '11.04']);
  });

  it('reads one hierarchy from mixed code styles', () => {
    const h = buildHierarchy(
      levels,
      [],
      [tuple('Produktbereich 01', '01.01', 2), tuple('01', '0101', 3), tuple('PB 01', '01.02', 4)],
      'x.csv',
    );
    expect(h.nodes.map((n) => n.code)).toEqual(['01', '01.01', '01.02']);
  });

  it('gives names stable codes, whatever the order of the rows', () => {
    const names = [
      { level: 'produktbereich' as const, name: 0 },
      { level: 'produktgruppe' as const, name: 1 },
    ];
    const t = (pb: string, pg: string, line: number) => ({
      key: `${pb}|${pg}`,
      line,
      values: [
        { code: '', name: pb },
        { code: '', name: pg },
      ],
    });
    const a = buildHierarchy(
      names,
      [],
      [t('Innere Verwaltung', 'Personal', 2), t('Kultur', 'Museen', 3)],
      'a.csv',
    );
    const b = buildHierarchy(
      names,
      [],
      [t('Kultur', 'Museen', 2), t('Innere Verwaltung', 'Personal', 3)],
      'b.csv',
    );
    const codes = (h: typeof a) => new Map(h.nodes.map((n) => [n.name, n.code]));
    expect(codes(a)).toEqual(codes(b));
    expect(
      codes(a)
        .get('Personal')!
        .startsWith(`${codes(a).get('Innere Verwaltung')!}.`),
    ).toBe(true);
  });

  it('turns product numbers a spreadsheet made dates back and says so', () => {
    expect(undoDate('16.01.2001')).toBe('16.01.01');
    expect(undoDate('2001-01-16')).toBe('16.01.01');
    expect(undoDate('16.13.2001')).toBeUndefined();
    const h = buildHierarchy(
      [{ level: 'produkt', code: 0 }],
      ['Produkt'],
      [
        { key: 'a', line: 2, values: [{ code: '16.01.2001', name: '' }] },
        { key: 'b', line: 3, values: [{ code: '16.13.01', name: '' }] },
      ],
      'd.csv',
    );
    expect(h.nodes.map((n) => n.code)).toEqual(['16.01.01', '16.13.01']);
    expect(h.notes.find((n) => n.rule === 'code-as-date')?.message).toContain('„16.01.2001“');
  });
});

const SUMS = `Jahr;Art;Richtung;PB;PB-Bezeichnung;PG;Betrag
2024;Ist;Ertrag;01;Innere Verwaltung;0101;1.000,50
2024;Ist;Aufwand;01;Innere Verwaltung;0101;250,25
2026;Plan;Ertrag;01;Innere Verwaltung;0101;1.200
2026;Plan;Aufwand;01;Innere Verwaltung;0102;300
2026;Diff;Ertrag;01;Innere Verwaltung;0101;200
`;

describe('a long table of sums', () => {
  it('is recognised as such, and a wide table of plan lines is not', () => {
    expect(looksLikeLongText(SUMS)).toBe(true);
    expect(
      looksLikeLongText('Produktbereich;Teilplanzeile;Ergebnis 2010;Plan 2011\n01;01 - Steuern;1;2\n'),
    ).toBe(false);
    // one amount per row whose amounts are small: not line numbers
    expect(looksLikeLongText('Jahr,Produkt,Betrag\n2020,A,1\n2020,B,2\n2021,A,3\n')).toBe(true);
  });

  it('places Erträge and Aufwendungen on the sums schema, parents as sums, differences outside', () => {
    const r = imported(SUMS);
    const b = r.budget;
    expect(b.nodes.map((n) => `${n.level}:${n.code}:${n.name}`)).toEqual([
      'produktbereich:01:Innere Verwaltung',
      'produktgruppe:0101:',
      'produktgruppe:0102:',
    ]);
    const plan = node(b, '0101').plans[0]!;
    expect(plan.schemaId).toBe('summen-teilergebnis');
    expect(cell(b, '0101', '91', 'ergebnis', 2024)).toMatchObject({ amount: 100050, source: { line: 2 } });
    expect(cell(b, '0101', '92', 'ergebnis', 2024)).toMatchObject({ amount: -25025, source: { line: 3 } });
    // the Ergebnis is derived: no source, not counted as placed
    expect(cell(b, '0101', '93', 'ergebnis', 2024)).toEqual({
      column: { kind: 'ergebnis', year: 2024 },
      amount: 75025,
      decimals: 2,
    });
    expect(cell(b, '01', '92', 'ansatz', 2026)?.amount).toBe(-30000);
    expect(cell(b, '01', '92', 'ansatz', 2026)?.source).toBeUndefined();
    const outside = r.ledger[0]!.outside;
    expect(outside).toHaveLength(1);
    expect(outside[0]!.amount).toBe(20000);
    expect(outside[0]!.reason).toContain('„Diff“');
  });

  it('reports an unreadable amount at its row and reads everything else', () => {
    const broken = SUMS.replace(
      '2026;Plan;Aufwand;01;Innere Verwaltung;0102;300',
      '2026;Plan;Aufwand;01;Innere Verwaltung;0102;3OO',
    );
    const r = imported(broken);
    const errors = r.budget.notes.filter((n) => n.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'unreadable-amount', source: { file: 'test.csv', line: 5 } });
    expect(errors[0]!.message).toContain('„3OO“');
    expect(cell(r.budget, '0101', '91', 'ansatz', 2026)?.amount).toBe(120000);
  });

  it('refuses a column whose decimal mark the values leave open, naming file, column and value', () => {
    const r = importLongText('Jahr;Richtung;Betrag\n2026;Ertrag;1.234\n2026;Aufwand;5\n', 'x.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.file).toBe('x.csv');
    expect(r.errors[0]!.line).toBe(2);
    expect(r.errors[0]!.message).toMatch(/Spalte „Betrag“: „1\.234“/u);
  });
});

describe('a column of amounts named by their kind', () => {
  it('reads every amount as that kind, and warns of a second column of amounts it does not read', () => {
    const r = imported('Jahr;Richtung;PB;Ansatz;Ergebnis\n2026;Ertrag;01;10;8\n2026;Aufwand;01;4;3\n');
    expect(cell(r.budget, '01', '91', 'ansatz', 2026)?.amount).toBe(1000);
    expect(r.budget.notes.find((n) => n.rule === 'unused-amounts')).toMatchObject({ severity: 'warning' });
    expect(r.budget.notes.find((n) => n.rule === 'kind-unknown')).toBeUndefined();
  });
});

describe('lines by label and by account', () => {
  it('matches labels to the Land’s schema, keeps a row whose direction contradicts its line and says so', () => {
    const csv = `Jahr,Art,Richtung,Produktbereich,Produktgruppe,Gruppierung,Betrag
2026,Ansatz,Aufwand,01,01.01,Personalaufwendungen,100.5
2026,Ansatz,Ertrag,01,01.01,Personalaufwendungen,20
2026,Ansatz,Ertrag,01,01.01,Steuern und ähnliche Abgaben,1000
2026,Ansatz,Aufwand,01,01.01,kalkulatorische Kosten,7
`;
    const r = imported(csv, { profile: { id: 't', title: 't', kind: 'long', land: 'NW' } });
    const b = r.budget;
    expect(node(b, '01.01').plans[0]!.schemaId).toBe('nrw-2019-teilergebnisplan');
    expect(cell(b, '01.01', '11', 'ansatz', 2026)?.amount).toBe(-10050 + 2000);
    expect(cell(b, '01.01', '01', 'ansatz', 2026)?.amount).toBe(100000);
    expect(b.notes.find((n) => n.rule === 'direction-contradicts-line')).toMatchObject({
      severity: 'warning',
      source: { line: 3 },
    });
    expect(r.ledger[0]!.outside[0]!.amount).toBe(-700);
    expect(r.ledger[0]!.outside[0]!.reason).toContain('kalkulatorische Kosten');
  });

  it('places rows by line number in the schema their labels fit', () => {
    const csv = `Jahr;Art;PG;Zeile;Betrag
2026;Ansatz;01.01;01 - Steuern und ähnliche Abgaben;100
2026;Ansatz;01.01;11 - Personalaufwendungen;-40
2026;Ansatz;01.01;13 - Aufwendungen für Sach- und Dienstleistungen;-5
2026;Ansatz;01.01;99 - Sonstiges;-1
`;
    const r = imported(csv);
    expect(node(r.budget, '01.01').plans[0]!.schemaId).toBe('nrw-2019-teilergebnisplan');
    expect(cell(r.budget, '01.01', '01', 'ansatz', 2026)?.amount).toBe(10000);
    // totals the file does not give are derived, without a source
    expect(cell(r.budget, '01.01', '17', 'ansatz', 2026)).toEqual({
      column: { kind: 'ansatz', year: 2026 },
      amount: -4500,
      decimals: 0,
    });
    expect(r.ledger[0]!.outside[0]!.reason).toContain('99 - Sonstiges');
  });

  it('places rows by decimal line numbers as Sachsen prints them („1.1“, „3.1“), in the Saxon schema', () => {
    const csv = `Jahr;Art;PB;Zeile;Betrag
2026;Ansatz;11;1.1 - anteilige Steuern und ähnliche Abgaben;100
2026;Ansatz;11;3.1 - anteilige Personalaufwendungen;-40
2026;Ansatz;11;3.3 + anteilige Aufwendungen für Sach- und Dienstleistungen;-5
`;
    const r = imported(csv);
    expect(node(r.budget, '11').plans[0]!.schemaId).toBe('sn-2017-teilergebnisplan');
    expect(cell(r.budget, '11', '1.1', 'ansatz', 2026)?.amount).toBe(10000);
    expect(cell(r.budget, '11', '3.3', 'ansatz', 2026)?.amount).toBe(-500);
    // „4 = anteilige ordentliche Aufwendungen“ derived from 3.1 … 3.7
    expect(cell(r.budget, '11', '04', 'ansatz', 2026)?.amount).toBe(-4500);
  });

  it('maps accounts through the Kontenrahmen of the Land; without one, only to the sums by direction', () => {
    const csv = `Jahr,Plan_Ist,Budget_Richtung,Produkt,Konto,Betrag
2017,Plan,Aufwendungen,010101,501200,10.5
2017,Plan,Erträge,010101,401100,20
2017,Plan,Aufwendungen,010101,911000,3
`;
    const nw = imported(csv, { profile: { id: 't', title: 't', kind: 'long', land: 'NW' } }).budget;
    expect(cell(nw, '010101', '11', 'ansatz', 2017)?.amount).toBe(-1050);
    expect(cell(nw, '010101', '01', 'ansatz', 2017)?.amount).toBe(2000);
    // never on the lines of another Land: the Erträge and Aufwendungen as sums (91, 92), nothing outside
    const unknown = imported(csv);
    expect(unknown.budget.nodes[0]!.plans.map((p) => p.schemaId)).toEqual(['summen-teilergebnis']);
    expect(cell(unknown.budget, '010101', '91', 'ansatz', 2017)?.amount).toBe(2000);
    expect(cell(unknown.budget, '010101', '92', 'ansatz', 2017)?.amount).toBe(-1350);
    expect(unknown.ledger[0]!.outside).toEqual([]);
    expect(unknown.budget.notes.find((n) => n.rule === 'no-kontenrahmen')?.message).toContain(
      'Land der Kommune ist unbekannt',
    );
    // and a row without its direction stays outside, with the reason
    const undirected = imported(`Jahr,Plan_Ist,Produkt,Konto,Betrag\n2017,Plan,010101,501200,10.5\n`);
    expect(undirected.ledger[0]!.outside[0]!.reason).toContain('keine Richtung');
  });
});

describe('rows of a parent', () => {
  const csv = (pbAmount: string) => `Jahr;Art;Richtung;PB;PG;Betrag
2026;Plan;Ertrag;01;0101;10
2026;Plan;Ertrag;01;0102;5
2026;Plan;Ertrag;01;;${pbAmount}
`;
  it('are totals when they equal the children, else bookings on the parent itself', () => {
    const totals = imported(csv('15'));
    expect(totals.ledger[0]!.outside[0]!.reason).toContain('Summe der untergeordneten Einheiten');
    expect(cell(totals.budget, '01', '91', 'ansatz', 2026)?.amount).toBe(1500);
    const direct = imported(csv('4'));
    expect(cell(direct.budget, '01.00', '91', 'ansatz', 2026)?.amount).toBe(400);
    expect(cell(direct.budget, '01', '91', 'ansatz', 2026)?.amount).toBe(1900);
  });
});
