import { describe, expect, it } from 'vitest';
import { importTidyCsv } from './index.js';
import { toTidyCsv } from '../../exporters/tidy-csv.js';

const HEADER = 'node,level,plan,line,kind,year,amount';

function errors(body: string): string[] {
  const r = importTidyCsv(`${HEADER}\n${body}\n`, 't.csv');
  return r.ok ? [] : r.errors.map((e) => `${e.line}: ${e.message}`);
}

describe('tidy CSV import', () => {
  it('rebuilds plans, investments and the hierarchy', () => {
    const csv = [
      HEADER,
      '43,produktbereich,teilergebnisplan,02,ansatz,2026,100.00',
      '43.01,produktgruppe,teilergebnisplan,02,ansatz,2026,100.00',
      '43.01,produktgruppe,investitionen,4301M,ansatz,2026,-5.50',
      '43.01,produktgruppe,investitionen,26,ansatz,2026,-5.50',
      '',
    ].join('\n');
    const r = importTidyCsv(csv, 't.csv');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const [pb, pg] = r.budget.nodes;
    expect(pg).toMatchObject({ code: '43.01', parent: '43' });
    expect(pb!.plans[0]).toMatchObject({ type: 'teilergebnisplan', schemaId: 'nrw-2019-teilergebnisplan' });
    expect(pb!.plans[0]!.lines[0]).toMatchObject({ line: '02', label: 'Zuwendungen und allgemeine Umlagen' });
    expect(pb!.plans[0]!.lines[0]!.cells[0]).toMatchObject({
      amount: 10_000,
      decimals: 0,
      source: { file: 't.csv', line: 2 },
    });
    expect(pg!.investitionen!.rows.map((x) => x.type)).toEqual(['measure', 'line']);
    expect(
      pg!.investitionen!.rows[0]!.type === 'measure' && pg!.investitionen!.rows[0]!.cells[0]!.decimals,
    ).toBe(2);
    expect(toTidyCsv(r.budget)).toBe(csv);
  });

  it('names the line and what was expected', () => {
    expect(errors('43,produktbereich,teilergebnisplan,02,ansatz,2026,1.23.4')).toEqual([
      '2: Betrag „1.23.4“ ist keine Zahl (erwartet: Euro mit Punkt als Dezimaltrennzeichen, z. B. -6780.00)',
    ]);
    expect(errors('43,produktbereich,teilergebnisplan,02,ansatz,2026')[0]).toMatch(
      /^2: 6 Felder gefunden, erwartet 7/u,
    );
    expect(errors('43,bezirk,teilergebnisplan,02,ansatz,2026,1.00')[0]).toMatch(
      /^2: Ebene „bezirk“ unbekannt/u,
    );
    expect(errors('43,produktbereich,teilergebnisplan,2,ansatz,2026,1.00')[0]).toMatch(/zweistellige/u);
    expect(errors('43,produktbereich,teilergebnisplan,02,soll,2026,1.00')[0]).toMatch(/Spaltenart „soll“/u);
    expect(
      errors(
        '43,produktbereich,teilergebnisplan,02,ansatz,2026,1.00\n43,produktbereich,teilergebnisplan,02,ansatz,2026,2.00',
      )[0],
    ).toMatch(/^3: Zelle 43 teilergebnisplan 02 ansatz 2026 steht doppelt/u);
    const wrongHeader = importTidyCsv('a,b,c\n', 'x.csv');
    expect(wrongHeader.ok ? '' : wrongHeader.errors[0]!.message).toMatch(
      /erwartet: node,level,plan,line,kind,year,amount/u,
    );
  });
});
