import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importTidyCsv } from './index.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Budget } from '../../core/model.js';
import { toTidyCsv } from '../../exporters/tidy-csv.js';
import { TIDY_HEADER } from '../../formats/tidy-csv.js';
import { REPO_ROOT } from '../../../test/paths.js';
import { importText } from '../text/index.js';

/** The header before the `schema` column: still read (schemas then chosen by the line numbers, NRW first). */
const HEADER = 'node,level,plan,line,kind,year,amount';

/** A file of the old header as the writer writes it now: each row with the schema its plan was read with. */
function asWritten(csv: string, budget: Budget): string {
  const [, ...rows] = csv.split('\n');
  return [
    TIDY_HEADER,
    ...rows.map((row) => {
      if (row === '') return row;
      const [code, , plan] = row.split(',');
      const schema =
        plan === 'investitionen'
          ? ''
          : budget.nodes.find((n) => n.code === code)!.plans.find((p) => p.type === plan)!.schemaId;
      return `${row},${schema}`;
    }),
  ].join('\n');
}

function errors(body: string): string[] {
  const r = importTidyCsv(`${HEADER}\n${body}\n`, 't.csv');
  return r.ok ? [] : r.errors.map((e) => `${e.line}: ${e.message}`);
}

/** The error findings of an import that came in (amounts that are no number, left out). */
function unreadable(body: string): string[] {
  const r = importTidyCsv(`${HEADER}\n${body}\n`, 't.csv');
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.budget.notes
    .filter((n) => n.severity === 'error')
    .map((n) => `${n.source?.line}: ${n.rule}: ${n.message}`);
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
    expect(toTidyCsv(r.budget)).toBe(asWritten(csv, r.budget));
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
    // an amount is never guarded: a quote before one is no number (a finding at its line, left out)
    expect(
      unreadable(
        "43,produktbereich,teilergebnisplan,02,ansatz,2026,'-6780.00\n43,produktbereich,teilergebnisplan,02,ansatz,2027,1.00",
      ),
    ).toEqual([
      "2: unreadable-amount: Zeile 02: Betrag „'-6780.00“ in Spalte amount (ansatz 2026) ist keine Zahl (erwartet: Euro mit Punkt als Dezimaltrennzeichen, z. B. -6780.00)",
    ]);
  });

  it('names the line and what was expected', () => {
    expect(unreadable('43,produktbereich,teilergebnisplan,02,ansatz,2026,1.23.4')).toEqual([
      '2: unreadable-amount: Zeile 02: Betrag „1.23.4“ in Spalte amount (ansatz 2026) ist keine Zahl (erwartet: Euro mit Punkt als Dezimaltrennzeichen, z. B. -6780.00)',
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
      /erwartet: node,level,plan,line,kind,year,amount,schema/u,
    );
  });

  it('reads CRLF line ends, a BOM and quoted fields; lines are counted where a record starts', () => {
    const csv = `\uFEFF${HEADER}\r\n"4,3",produktbereich,teilergebnisplan,02,ansatz,2026,1.00\r\n"a\nb",produkt,teilergebnisplan,02,ansatz,2026,x\r\n`;
    const r = importTidyCsv(csv, 'q.csv');
    expect(r.ok ? r.budget.notes.map((n) => n.source?.line) : []).toEqual([3]);
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
      '1: Kopfzeile „node,level,plan,line,kind,year“ ist nicht die des Tidy-CSV (erwartet: node,level,plan,line,kind,year,amount,schema)',
    ]);
    const many = errors(
      Array.from({ length: 80 }, () => '43,produktbereich,teilergebnisplan,2,ansatz,2026,1.00').join('\n'),
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
    expect(toTidyCsv(r.budget)).toBe(asWritten(csv, r.budget));
  });

  it("reads each plan with the schema its rows name: another Land's lines keep their meaning", () => {
    // a Hessian budget: its line numbers alone would fit NRW's schemas (and be read as NRW before)
    const he = importText(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/laender/he.txt'), 'utf8'),
      'he.txt',
    );
    if (!he.ok) throw new Error(he.errors[0]!.message);
    const schemas = (b: Budget) => b.nodes.flatMap((n) => n.plans.map((p) => `${n.code}:${p.schemaId}`));
    expect(schemas(he.budget).every((x) => x.includes(':he-'))).toBe(true);
    const csv = toTidyCsv(he.budget);
    const back = importTidyCsv(csv, 'he.csv');
    if (!back.ok) throw new Error(back.errors[0]!.message);
    expect(schemas(back.budget)).toEqual(schemas(he.budget));
    expect(toTidyCsv(back.budget)).toBe(csv);
    // without the column, the same numbers are NRW's: why the writer names the schema
    const legacy = importTidyCsv(
      csv
        .split('\n')
        .map((l) => l.replace(/,[^,]*$/u, ''))
        .join('\n'),
      'he-alt.csv',
    );
    if (!legacy.ok) throw new Error(legacy.errors[0]!.message);
    expect(schemas(legacy.budget).some((x) => x.includes(':nrw-'))).toBe(true);
  });

  it('refuses a schema it does not know, of another plan, or a line the schema lacks', () => {
    const rows = (line: string, schema: string) =>
      importTidyCsv(
        `${TIDY_HEADER}\n43,produktbereich,teilergebnisplan,${line},ansatz,2026,1.00,${schema}\n`,
        'x.csv',
      );
    const message = (r: ReturnType<typeof rows>) => (r.ok ? '' : r.errors[0]!.message);
    expect(message(rows('02', 'gibt-es-nicht'))).toMatch(/Zeilenschema „gibt-es-nicht“ unbekannt/u);
    expect(message(rows('02', 'nrw-2019-teilfinanzplan'))).toMatch(/gehört nicht zum teilergebnisplan/u);
    expect(message(rows('77', 'nrw-2019-teilergebnisplan'))).toMatch(/Zeile „77“ gibt es in .* nicht/u);
    const two = importTidyCsv(
      [
        TIDY_HEADER,
        '43,produktbereich,teilergebnisplan,02,ansatz,2026,1.00,nrw-2019-teilergebnisplan',
        '43,produktbereich,teilergebnisplan,01,ansatz,2026,1.00,he-2012-teilergebnisplan',
      ].join('\n'),
      'y.csv',
    );
    expect(two.ok ? '' : two.errors[0]!.message).toMatch(/ein Plan hat ein Schema/u);
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
