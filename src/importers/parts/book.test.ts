import { describe, expect, it } from 'vitest';
import { check } from '../../core/check/index.js';
import type { Budget } from '../../core/model.js';
import type { DocLine } from '../rows/model.js';
import { gridLines } from '../rows/grid.js';
import { importLines } from '../text/document.js';
import { importText } from '../text/index.js';
import { withPrintedParts } from './book.js';
import { chapterHeading } from './chapters.js';

/** A laid-out book (as `pdftotext -layout` writes it): chapters of parts around one Teilergebnisplan. */
function book(planted?: 've' | 'satzung' | 'stellen'): string {
  return [
    'Inhalt',
    '',
    '          Haushaltssatzung                                  2',
    '          Übersicht über die Verpflichtungsermächtigungen   3',
    '          Stellenplan                                       4',
    '\fHaushaltssatzung der Stadt Musterstadt für das Haushaltsjahr 2026',
    '',
    '       Festsetzung                                                     EUR',
    `§ 1    Gesamtbetrag der Erträge                                  ${planted === 'satzung' ? '1.000.100' : '1.000.000'}`,
    '§ 1    Gesamtbetrag der Aufwendungen                             1.200.000',
    '§ 5    Höchstbetrag der Kredite zur Liquiditätssicherung           500.000',
    '',
    'Grundsteuer B: 495 v. H.',
    'Der Haushaltsausgleich wird im Jahr 2028 erreicht.',
    '\fÜbersicht über die Verpflichtungsermächtigungen 2026',
    '',
    'Nr.   Produktbereich               VE 2026      fällig 2027      fällig 2028',
    `01    Innere Verwaltung            100.000           60.000           ${planted === 've' ? '41.000' : '40.000'}`,
    '02    Sicherheit und Ordnung        50.000           30.000           20.000',
    '      Summe                        150.000           90.000           60.000',
    '\fTeilergebnisplan Produktbereich 01 Innere Verwaltung',
    '',
    'Nr.  Bezeichnung                          Ansatz 2026       Planung 2027',
    '01   Steuern und ähnliche Abgaben           1.000.000          1.100.000',
    '10   Ordentliche Erträge                    1.000.000          1.100.000',
    '17   Ordentliche Aufwendungen              -1.200.000         -1.300.000',
    '\fStellenplan',
    '',
    'Stellen in Vollzeitäquivalenten.',
    '                                                  Tariflich',
    'Nr.    Bezeichnung                   Beamte    Beschäftigte      Gesamt',
    '                                       2026            2026        2026',
    '0102   GESCHÄFTSFÜHRUNG FÜR            5,62           15,69       21,31',
    '       POLITISCHE GREMIEN',
    `0103   ZENTRALE DIENSTE                1,00            2,00        ${planted === 'stellen' ? '3,50' : '3,00'}`,
    '       Gesamtsumme                     6,62           17,69       24,31',
    '',
    'Personalaufwendungen je Stelle',
    '0102   GESCHÄFTSFÜHRUNG    2026      2.613.129      21,31      122.625',
    '',
  ].join('\n');
}

function load(text: string): Budget {
  const r = importText(text, 'buch.txt');
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n'));
  return r.budget;
}

const line = (text: string, cells?: string[]): DocLine => ({
  no: 1,
  text,
  source: { file: 'x', line: 1 },
  ...(cells ? { cells: cells.map((t, i) => ({ text: t, x0: i, x1: i + 1 })) } : {}),
});

describe('the chapters of the parts in a laid-out book', () => {
  it('knows a chapter by its heading alone on its line, not an entry of the contents', () => {
    expect(chapterHeading(line('Haushaltsquerschnitt 2026'))).toBe('querschnitt');
    expect(chapterHeading(line('Haushaltssatzung der Stadt Musterstadt für das Haushaltsjahr 2026'))).toBe(
      'satzung',
    );
    expect(chapterHeading(line('Entwicklung der allgemeinen Rücklage'))).toBe('ruecklagen');
    expect(chapterHeading(line('Übersicht über die Verbindlichkeiten'))).toBe('verbindlichkeiten');
    expect(chapterHeading(line('Stellenplan 22'))).toBeUndefined();
    expect(chapterHeading(line('Investitionsprogramm', ['Investitionsprogramm', '23']))).toBeUndefined();
    expect(chapterHeading(line('Der Stellenplan wurde erweitert.'))).toBeUndefined();
  });

  it('reads the plans from the rest: no amount of a part becomes a plan line', () => {
    const b = load(book());
    expect(b.nodes.map((n) => n.code)).toEqual(['01']);
    const plan = b.nodes[0]!.plans[0]!;
    expect(plan.lines.map((l) => [l.line, l.cells.map((c) => c.amount)])).toEqual([
      ['01', [1_000_000_00, 1_100_000_00]],
      ['10', [1_000_000_00, 1_100_000_00]],
      ['17', [-1_200_000_00, -1_300_000_00]],
    ]);
  });

  it("reads a heading word on a plan's page below its rows as part of the plan, a chapter on a page of its own", () => {
    const withSubHeading = book().replace(
      '17   Ordentliche Aufwendungen',
      ['Stellenplan', '', '17   Ordentliche Aufwendungen'].join('\n'),
    );
    const b = load(withSubHeading);
    // the plan is read past the word (it is no chapter there): line 17 stays the plan's
    expect(b.nodes[0]!.plans[0]!.lines.map((l) => l.line)).toEqual(['01', '10', '17']);
    // the real Stellenplan on its own page is still read as the chapter
    expect(b.parts?.stellenplan?.rows.flatMap((r) => (r.code ? [r.code] : []))).toEqual(['0102', '0103']);
    // the same word starting a page after the plan's is a chapter: the plan ends before it
    const onItsPage = book().replace(
      '17   Ordentliche Aufwendungen              -1.200.000         -1.300.000',
      ['17   Ordentliche Aufwendungen              -1.200.000         -1.300.000', '\fStellenplan'].join(
        '\n',
      ),
    );
    expect(load(onItsPage).nodes[0]!.plans[0]!.lines.map((l) => l.line)).toEqual(['01', '10', '17']);
  });

  it('reads the Satzung printed as a table with a column of euros, its Hebesatz and the year of the Ausgleich', () => {
    const s = load(book()).parts?.satzung;
    expect(s && Object.fromEntries(Object.entries(s.figures).map(([id, f]) => [id, f.amount]))).toEqual({
      ertraege: 1_000_000_00,
      aufwendungen: 1_200_000_00,
      liquiditaetskredite: 500_000_00,
    });
    expect(s).toMatchObject({
      year: 2026,
      hebesaetze: [{ name: 'Grundsteuer B', satz: '495' }],
      ausgleichJahr: 2028,
    });
  });

  it('a Satzung figure planted 100 € off is reported at its line against the plans', () => {
    const findings = (b: Budget) => check(b).filter((f) => f.rule === 'satzung' && f.severity === 'error');
    expect(findings(load(book()))).toEqual([]);
    const planted = findings(load(book('satzung')));
    expect(planted.map((f) => f.source?.line)).toEqual([9]);
    expect(planted[0]!.message).toContain('Gesamtbetrag der Erträge');
  });

  it('reads the VE overview with its years of payment; a planted difference is reported at its row', () => {
    const v = load(book()).parts?.veUebersicht;
    expect(v?.years).toEqual([2027, 2028]);
    expect(
      v?.rows.map((r) => [
        r.code,
        r.name,
        r.ve?.amount,
        r.faellig['2027']?.amount,
        r.faellig['2028']?.amount,
      ]),
    ).toEqual([
      ['01', 'Innere Verwaltung', 100_000_00, 60_000_00, 40_000_00],
      ['02', 'Sicherheit und Ordnung', 50_000_00, 30_000_00, 20_000_00],
    ]);
    expect(v?.sum?.ve?.amount).toBe(150_000_00);
    const clean = check(load(book())).filter((f) => f.rule === 've-uebersicht');
    const planted = check(load(book('ve'))).filter((f) => f.rule === 've-uebersicht');
    const extra = planted.filter((f) => !clean.some((c) => c.message === f.message));
    // the row whose years no longer add up to its VE, on its unit, at its line
    expect(extra.map((f) => [f.node, f.source?.line])).toEqual([['01', 18]]);
    expect(extra[0]!.message).toContain('Zeile 01');
  });

  it('reads the Stellenplan under a header over three lines, names over two lines, the sum row', () => {
    const sp = load(book()).parts?.stellenplan;
    expect(
      sp?.rows.map((r) => [r.code ?? '', r.name, r.values.map((v) => `${v.category} ${v.value}`)]),
    ).toEqual([
      ['0102', 'GESCHÄFTSFÜHRUNG FÜR POLITISCHE GREMIEN', ['beamte 5620', 'tarif 15690', 'gesamt 21310']],
      ['0103', 'ZENTRALE DIENSTE', ['beamte 1000', 'tarif 2000', 'gesamt 3000']],
      ['', 'Gesamtsumme', ['beamte 6620', 'tarif 17690', 'gesamt 24310']],
    ]);
  });

  it('a Stellenplan row planted half a post off is reported at its line', () => {
    const findings = (b: Budget) => check(b).filter((f) => f.rule === 'stellenplan-summen');
    expect(findings(load(book()))).toEqual([]);
    const lines = findings(load(book('stellen'))).map((f) => f.source?.line);
    // the row 0103 (line 35) no longer adds up, and the sum row (line 36) no longer sums it
    expect(lines).toEqual([35, 36]);
  });

  it('reads a laid-out document of parts alone (no plan): the parts, no units', () => {
    const lines = gridLines(book().split('\f').slice(4).join('\f'), 'teile.txt').lines;
    const r = withPrintedParts(lines, 'teile.txt', (rest) => importLines(rest, 'teile.txt'));
    expect(r.ok && [r.budget.nodes.length, Object.keys(r.budget.parts ?? {})]).toEqual([0, ['stellenplan']]);
  });

  it('reports each line of numbers the book prints only as a derivation, at its line', () => {
    const notes = load(book()).notes.filter((n) => n.rule === 'import-derived-part');
    expect(notes.map((n) => n.source?.line)).toEqual([39]);
    expect(notes[0]!.message).toContain('Personalaufwendungen je Stelle sind aus Stellenplan');
  });
});
