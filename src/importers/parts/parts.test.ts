/**
 * Printed parts with literal text: a Querschnitt whose cells are misplaced or unreadable, a row of no
 * Produktbereich, a file without header or year — each amount placed or reported at its line, each refusal a
 * German error naming the file and line; a Satzung whose amount wrapped onto the next line, a Kreis with its
 * Kreisumlage, an amount after no label reported.
 */
import { describe, expect, it } from 'vitest';
import { reconcile, unreconciled } from '../../core/ledger.js';
import { importContent } from '../detect.js';

const header = 'Nr.\tProduktbereich\tErträge\tAufwendungen\tErgebnis';

function ok(text: string, file = 'q.txt') {
  const r = importContent(text, file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  expect(unreconciled(reconcile(r.budget, r.ledger))).toEqual([]);
  return r;
}

describe('a printed Haushaltsquerschnitt', () => {
  it('reads rows and the sum row, every amount placed or reported at its line', () => {
    const r = ok(
      [
        'Haushaltsquerschnitt 2026',
        header,
        '01\tInnere Verwaltung\t1.000\t-1.500\t-500',
        'Zwischensumme\t\t1.000\t-1.500\t-500',
        '02\tSicherheit\t200\tx1\t-100',
        'Summe\t\t1.200\t-1.800\t-600',
      ].join('\n'),
    );
    const q = r.budget.parts!.querschnitt!;
    expect(q.year).toBe(2026);
    expect(q.rows.map((x) => [x.code, x.name, x.amounts.ertraege?.amount])).toEqual([
      ['01', 'Innere Verwaltung', 1000_00],
      ['02', 'Sicherheit', 200_00],
    ]);
    expect(q.rows[1]!.amounts.aufwendungen).toBeUndefined();
    expect(q.sum!.amounts.ergebnis!.amount).toBe(-600_00);
    expect(r.budget.notes.map((n) => `${n.severity} ${n.source?.line ?? ''}`)).toEqual([
      'warning 4',
      'error 5',
    ]);
    expect(r.budget.notes[0]!.message).toContain('„Zwischensumme“ ist weder ein Produktbereich');
    expect(r.budget.notes[1]!.message).toBe(
      'q.txt, Zeile 5: „x1“ ist kein Betrag (Spalte Aufwendungen); die Zelle fehlt im Querschnitt',
    );
    const outside = r.ledger[0]!.outside.map((o) => `${o.reason} ${o.count}`);
    expect(outside).toEqual(['im Haushaltsquerschnitt 8', 'Zeile ohne Produktbereich 3']);
  });

  it('refuses a file without header, year or rows, naming file and line', () => {
    const fail = (text: string): string => {
      const r = importContent(text, 'q.txt');
      expect(r.ok).toBe(false);
      return r.ok ? '' : `${r.errors[0]!.line ?? ''} ${r.errors[0]!.message}`;
    };
    expect(fail('Haushaltsquerschnitt 2026\nkeine Tabelle\n')).toMatch(
      /^ Keine Kopfzeile eines Haushaltsquerschnitts/u,
    );
    expect(fail(`Haushaltsquerschnitt\n${header}\n01\tA\t1\t2\t3\n`)).toMatch(
      /^2 Das Haushaltsjahr des Querschnitts/u,
    );
    expect(fail(`Haushaltsquerschnitt 2026\n${header}\n`)).toMatch(
      /^2 Unter der Kopfzeile steht keine Zeile/u,
    );
  });
});

describe('a printed Haushaltssatzung', () => {
  it('takes each amount to the figure before it, also from the next line; reports an amount after no label', () => {
    const r = ok(
      [
        'Haushaltssatzung des Kreises Beispiel für das Haushaltsjahr 2026',
        'Aufgrund der Kreisordnung hat der Kreistag folgende Haushaltssatzung erlassen:',
        'dem Gesamtbetrag der Erträge auf 1.234.567 EUR',
        'dem Gesamtbetrag der Aufwendungen auf',
        '1.300.000,50 EUR',
        'Die Inanspruchnahme der Ausgleichsrücklage wird auf 65.433 EUR und die Verringerung der allgemeinen Rücklage auf 0 EUR festgesetzt.',
        'Die Kreisumlage wird für das Haushaltsjahr 2026 auf 34,5 % der Umlagegrundlagen festgesetzt.',
        'Nachrichtlich: 99 EUR',
      ].join('\n'),
      's.txt',
    );
    const s = r.budget.parts!.satzung!;
    expect(s.year).toBe(2026);
    expect(s.kind).toBe('kreis');
    expect(s.kreisumlage).toBe('34,5');
    expect(Object.fromEntries(Object.entries(s.figures).map(([k, v]) => [k, v.amount]))).toEqual({
      ertraege: 1_234_567_00,
      aufwendungen: 1_300_000_50,
      ausgleichsruecklage: 65_433_00,
      allgemeineRuecklage: 0,
    });
    expect(s.figures.aufwendungen!.source).toEqual({ file: 's.txt', line: 5 });
    expect(r.budget.notes.map((n) => n.message)).toEqual([
      's.txt, Zeile 8: der Betrag 99 EUR steht hinter keiner Angabe der Satzung; nicht übernommen',
    ]);
  });
});
