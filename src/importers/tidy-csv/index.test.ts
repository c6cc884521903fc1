import fc from 'fast-check';
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

  it('takes off exactly the quote the writer puts before codes and keys a spreadsheet would run', () => {
    const r = importTidyCsv(
      [
        HEADER,
        "'=43,produktbereich,investitionen,'-4301,ansatz,2026,1.00",
        "'=43,produktbereich,investitionen,''@M,ansatz,2026,1.00",
        "'=43,produktbereich,investitionen,'s-Bahn,ansatz,2026,1.00",
        "'=43,produktbereich,teilergebnisplan,'02,ansatz,2026,1.00",
      ].join('\n'),
      't.csv',
    );
    // a plan line is two digits: a quote before one is no guard the writer puts, so the line is refused
    expect(r.ok ? [] : r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      "5: Zeile „'02“ ist keine zweistellige Zeilennummer (erwartet z. B. 02)",
    ]);
    const ok = importTidyCsv(
      [
        HEADER,
        "'=43,produktbereich,investitionen,'-4301,ansatz,2026,1.00",
        "'=43,produktbereich,investitionen,''@M,ansatz,2026,1.00",
        "'=43,produktbereich,investitionen,'s-Bahn,ansatz,2026,1.00",
      ].join('\n'),
      't.csv',
    );
    if (!ok.ok) throw new Error(ok.errors[0]!.message);
    expect(ok.budget.nodes[0]!.code).toBe('=43');
    expect(
      ok.budget.nodes[0]!.investitionen!.rows.map((x) => (x.type === 'measure' ? x.number : '')),
    ).toEqual(['-4301', "'@M", "'s-Bahn"]);
    // an amount is never guarded: a quote before one is an error, not a number
    expect(errors("43,produktbereich,teilergebnisplan,02,ansatz,2026,'-6780.00")).toEqual([
      "2: Betrag „'-6780.00“ ist keine Zahl (erwartet: Euro mit Punkt als Dezimaltrennzeichen, z. B. -6780.00)",
    ]);
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
    ).toMatch(/^3: Zelle 43 teilergebnisplan 02 ansatz 2026 steht schon in Zeile 2$/u);
    const wrongHeader = importTidyCsv('a,b,c\n', 'x.csv');
    expect(wrongHeader.ok ? '' : wrongHeader.errors[0]!.message).toMatch(
      /erwartet: node,level,plan,line,kind,year,amount/u,
    );
  });

  it('reads CRLF line ends, a BOM and quoted fields; lines are counted where a record starts', () => {
    const csv = `\uFEFF${HEADER}\r\n"4,3",produktbereich,teilergebnisplan,02,ansatz,2026,1.00\r\n"a\nb",produkt,teilergebnisplan,02,ansatz,2026,x\r\n`;
    const r = importTidyCsv(csv, 'q.csv');
    expect(r.ok ? [] : r.errors.map((e) => e.line)).toEqual([3]);
    const ok = importTidyCsv(csv.replace(',x', ',2'), 'q.csv');
    if (!ok.ok) throw new Error(ok.errors[0]!.message);
    expect(ok.budget.nodes.map((n) => [n.code, n.source?.line])).toEqual([
      ['4,3', 2],
      ['a\nb', 3],
    ]);
  });

  it('names misplaced and unclosed quotes', () => {
    expect(errors('4"3,produktbereich,teilergebnisplan,02,ansatz,2026,1.00')).toEqual([
      expect.stringMatching(/^2: Anführungszeichen mitten im Feld „4"3“/u) as string,
    ]);
    expect(errors('"43"x,produktbereich,teilergebnisplan,02,ansatz,2026,1.00')[0]).toMatch(
      /^2: nach dem schließenden Anführungszeichen folgt „x“/u,
    );
    expect(errors('43,produktbereich,teilergebnisplan,02,ansatz,2026,1.00\n"43,produkt')[0]).toMatch(
      /^3: Anführungszeichen wird nicht geschlossen/u,
    );
  });

  it('stops at a wrong header and lists at most 50 bad rows', () => {
    const r = importTidyCsv('node,level,plan,line,kind,year\n1,2,3\n', 'h.csv');
    expect(r.ok ? [] : r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      '1: Kopfzeile „node,level,plan,line,kind,year“ ist nicht die des Tidy-CSV (erwartet: node,level,plan,line,kind,year,amount)',
    ]);
    const many = errors(
      Array.from({ length: 80 }, () => '43,produktbereich,teilergebnisplan,02,ansatz,2026,?').join('\n'),
    );
    expect(many).toHaveLength(51);
    expect(many[50]).toBe('undefined: … und 30 weitere fehlerhafte Zeilen (nicht einzeln aufgeführt)');
  });

  it('tells plans printing expenses positive and picks a schema in force for old years', () => {
    const csv = [
      HEADER,
      '5,produktbereich,teilergebnisplan,11,ansatz,2013,100.00',
      '5,produktbereich,teilergebnisplan,13,ansatz,2013,50.00',
      '6,produktbereich,teilergebnisplan,11,ansatz,1999,-100.00',
      '',
    ].join('\n');
    const r = importTidyCsv(csv, 's.csv');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const [a, b] = r.budget.nodes;
    expect(a!.plans[0]).toMatchObject({ signs: 'positive', schemaId: 'koeln-2008-teilergebnisplan' });
    expect(b!.plans[0]!.signs).toBeUndefined();
    expect(b!.plans[0]!.schemaId).toMatch(/teilergebnisplan$/u);
    expect(toTidyCsv(r.budget)).toBe(csv);
  });

  it('never throws, whatever follows the header (property)', () => {
    const field = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(
        '43',
        'produkt',
        'gesamt',
        'investitionen',
        'teilfinanzplan',
        '26',
        'G2/26',
        'ansatz',
        '2026',
        '-1.00',
        '"',
        '""',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { maxLength: 8 }), { maxLength: 12 }),
        fc.string({ maxLength: 40 }),
        (rows, tail) => {
          const text = `${HEADER}\n${rows.map((r) => r.join(',')).join('\n')}${tail}`;
          const r = importTidyCsv(text, 'p.csv');
          if (r.ok) expect(toTidyCsv(r.budget).startsWith(HEADER)).toBe(true);
          else expect(r.errors.every((e) => e.file === 'p.csv' && e.message !== '')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
