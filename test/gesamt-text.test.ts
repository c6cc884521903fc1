/**
 * A whole budget in plan text: a Gesamtergebnisplan and the Teilergebnispläne of two Produktbereiche, each
 * printing only its non-zero lines. The roll-up Teil 29 → Gesamt 26 and Teil 31 → Gesamt 28 is checked.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../src/core/check/index.js';
import { formatCount } from '../src/core/money.js';
import { importText } from '../src/importers/text/index.js';

const HEADER = 'Nr.\tBezeichnung\tErgebnis 2024\tAnsatz 2025\tAnsatz 2026';

function teil(code: string, name: string, ertrag: number, aufwand: number): string[] {
  const e = formatCount;
  const ergebnis = ertrag - aufwand;
  return [
    `Teilergebnisplan Produktbereich ${code} ${name}`,
    'Stadthaushalt',
    HEADER,
    `02\tZuwendungen und allgemeine Umlagen\t${e(ertrag)}\t${e(ertrag)}\t${e(ertrag)}`,
    `10\tOrdentliche Erträge\t${e(ertrag)}\t${e(ertrag)}\t${e(ertrag)}`,
    `11\tPersonalaufwendungen\t${e(-aufwand)}\t${e(-aufwand)}\t${e(-aufwand)}`,
    `17\tOrdentliche Aufwendungen\t${e(-aufwand)}\t${e(-aufwand)}\t${e(-aufwand)}`,
    `18\tOrdentliches Ergebnis\t${e(ergebnis)}\t${e(ergebnis)}\t${e(ergebnis)}`,
    `29\tTeilergebnis\t${e(ergebnis)}\t${e(ergebnis)}\t${e(ergebnis)}`,
    '',
  ];
}

function gesamt(jahresergebnis: number): string[] {
  const e = formatCount;
  return [
    'Gesamtergebnisplan',
    'Stadthaushalt',
    HEADER,
    '02\tZuwendungen und allgemeine Umlagen\t3.000\t3.000\t3.000',
    '10\tOrdentliche Erträge\t3.000\t3.000\t3.000',
    '11\tPersonalaufwendungen\t-2.100\t-2.100\t-2.100',
    '17\tOrdentliche Aufwendungen\t-2.100\t-2.100\t-2.100',
    `18\tOrdentliches Ergebnis\t900\t900\t${e(jahresergebnis)}`,
    `26\tJahresergebnis\t900\t900\t${e(jahresergebnis)}`,
    '',
  ];
}

function run(jahresergebnis: number) {
  const doc = [
    ...gesamt(jahresergebnis),
    ...teil('01', 'Innere Verwaltung', 1_000, 800),
    ...teil('02', 'Sicherheit und Ordnung', 2_000, 1_300),
  ].join('\n');
  const r = importText(doc, 'haushalt.txt');
  if (!r.ok) throw new Error(r.errors.map((x) => `${x.line}: ${x.message}`).join('\n'));
  return { budget: r.budget, findings: check(r.budget) };
}

describe('Gesamtplan and Teilpläne in one text', () => {
  it('reads the Gesamtergebnisplan as the budget node and rolls the Teilpläne up', () => {
    const { budget, findings } = run(900);
    expect(budget.nodes.map((n) => [n.code, n.level])).toEqual([
      ['gesamt', 'haushalt'],
      ['01', 'produktbereich'],
      ['02', 'produktbereich'],
    ]);
    expect(findings).toEqual([]);
  });

  it('reports a Gesamt line that is not the sum of the Teilpläne (Teil 29 → Gesamt 26)', () => {
    const { findings } = run(950);
    const rollup = findings.filter((f) => f.rule === 'gesamt-rollup');
    expect(rollup.map((f) => [f.severity, f.line, f.kind, f.year, f.difference])).toEqual([
      ['error', '18', 'ansatz', 2026, 5_000],
      ['error', '26', 'ansatz', 2026, 5_000],
    ]);
    expect(rollup[1]!.message).toContain('Teilergebnispläne (Zeile 29)');
  });
});
