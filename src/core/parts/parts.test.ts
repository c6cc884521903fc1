/**
 * The parts derived from a generated budget (read back from its plan text): the Querschnitt's rows equal the
 * Produktbereiche's Teilpläne, its sum row the sum of the rows (the budget prints no Gesamtplan, so the
 * Teilpläne stand for it); the Satzung's figures equal the plans' totals; the VE overview's sum equals the
 * Satzung's VE. And a literal budget with Gesamtpläne: the Satzung comes from the Gesamtpläne, the Rücklagen from
 * the Jahresergebnis, the text from the template in data/parts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateBudget } from '../../generate/index.js';
import { importText } from '../../importers/text/index.js';
import { check } from '../check/index.js';
import { topNodes } from '../hierarchy.js';
import { cellOf, planOf, type Budget, type BudgetNode, type Plan, type PlanType } from '../model.js';
import { deriveQuerschnitt } from './querschnitt.js';
import { deriveSatzung } from './satzung.js';
import { fillSatzung } from './satzung-text.js';
import { deriveVeUebersicht } from './ve.js';

function load(products: number, seed: number): Budget {
  const r = importText(generateBudget({ products, seed }), 'gen.txt');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

function printed(
  node: BudgetNode,
  type: PlanType,
  line: string,
  kind: 'ansatz' | 've',
  year: number,
): number {
  const l = planOf(node, type)!.lines.find((x) => x.line === line)!;
  return cellOf(l, { kind, year })?.amount ?? 0;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('parts derived from a generated budget', () => {
  const budget = load(40, 7);
  const year = budget.year!;
  const tops = topNodes(budget);
  const q = deriveQuerschnitt(budget)!;
  const s = deriveSatzung(budget, { liquiditaetskredite: 5_000_000_00 })!;
  const ve = deriveVeUebersicht(budget)!;

  it('Querschnitt: a row per Produktbereich equal to its Teilpläne, a sum row equal to the rows', () => {
    expect(q.rows.map((r) => r.code)).toEqual(tops.map((n) => n.code));
    expect(q.columns).toEqual([
      'ertraege',
      'aufwendungen',
      'ergebnis',
      'einzahlungenLfd',
      'auszahlungenLfd',
      'einzahlungenInv',
      'auszahlungenInv',
      've',
    ]);
    for (const [i, node] of tops.entries()) {
      const row = q.rows[i]!;
      const te = (l: string): number => printed(node, 'teilergebnisplan', l, 'ansatz', year);
      const tf = (l: string, k: 'ansatz' | 've' = 'ansatz'): number =>
        printed(node, 'teilfinanzplan', l, k, year);
      expect(row.amounts.ertraege!.amount).toBe(te('10') + te('19') + te('23'));
      expect(row.amounts.aufwendungen!.amount).toBe(te('17') + te('20') + te('24'));
      expect(row.amounts.ergebnis!.amount).toBe(te('26'));
      expect(row.amounts.auszahlungenInv!.amount).toBe(tf('30'));
      expect(row.amounts.ve!.amount).toBe(tf('30', 've'));
    }
    for (const id of q.columns)
      expect(q.sum!.amounts[id]!.amount).toBe(sum(q.rows.map((r) => r.amounts[id]!.amount)));
    expect(q.rows.some((r) => r.amounts.ve!.amount !== 0)).toBe(true);
  });

  it('Satzung: every figure of the plans equals their totals, positive as printed', () => {
    const te = (l: string): number => sum(tops.map((n) => printed(n, 'teilergebnisplan', l, 'ansatz', year)));
    const tf = (l: string, k: 'ansatz' | 've' = 'ansatz'): number =>
      sum(tops.map((n) => printed(n, 'teilfinanzplan', l, k, year)));
    expect(s.figures.ertraege!.amount).toBe(te('10') + te('19') + te('23'));
    expect(s.figures.aufwendungen!.amount).toBe(-(te('17') + te('20') + te('24')));
    expect(s.figures.einzahlungenLfd!.amount).toBe(tf('09'));
    expect(s.figures.auszahlungenLfd!.amount).toBe(-tf('16'));
    expect(s.figures.einzahlungenInv!.amount).toBe(tf('23'));
    expect(s.figures.auszahlungenInv!.amount).toBe(-tf('30'));
    expect(s.figures.ve!.amount).toBe(-tf('30', 've'));
    expect(s.figures.liquiditaetskredite!.amount).toBe(5_000_000_00);
    // no Gesamtfinanzplan: the Finanzierungstätigkeit is in no Teilplan
    expect(s.figures.kredite).toBeUndefined();
    const result = te('31');
    expect(s.figures.ausgleichsruecklage!.amount + s.figures.allgemeineRuecklage!.amount).toBe(
      Math.max(0, -result),
    );
  });

  it('VE overview: a row per Produktbereich with VE, its sum the Satzung’s VE', () => {
    expect(ve.sum!.ve!.amount).toBe(s.figures.ve!.amount);
    expect(sum(ve.rows.map((r) => r.ve!.amount))).toBe(ve.sum!.ve!.amount);
  });

  it('the derived parts check against the plans without error (rounding of the printed cells only)', () => {
    const withParts: Budget = { ...budget, parts: { querschnitt: q, satzung: s, veUebersicht: ve } };
    const rules = new Set(['querschnitt', 'satzung', 've-uebersicht']);
    const found = check(withParts).filter((f) => rules.has(f.rule));
    expect(found.filter((f) => f.severity !== 'rounding')).toEqual([]);
  });
});

/** A literal budget: Gesamtpläne with a Fehlbetrag, one Produktbereich. */
function literal(): Budget {
  const col = (kind: 'ansatz' | 'planung' | 've', year: number) => ({ kind, year });
  const cells = (a: number, p1 = a) => [
    { column: col('ansatz', 2026), amount: a * 100, decimals: 0 as const },
    { column: col('planung', 2027), amount: p1 * 100, decimals: 0 as const },
  ];
  const plan = (type: PlanType, schemaId: string, lines: [string, number, number?][]): Plan => ({
    type,
    schemaId,
    columns: [col('ansatz', 2026), col('planung', 2027)],
    lines: lines.map(([line, a, p]) => ({ line, label: '', cells: cells(a, p) })),
  });
  const ge = plan('gesamtergebnisplan', 'nrw-2019-gesamtergebnisplan', [
    ['10', 1000],
    ['17', -1300],
    ['19', 10],
    ['20', -30],
    ['23', 0],
    ['24', 0],
    ['28', -320, 50],
  ]);
  const gf: Plan = {
    ...plan('gesamtfinanzplan', 'nrw-2019-gesamtfinanzplan', [
      ['09', 900],
      ['16', -1200],
      ['23', 100],
      ['30', -400],
      ['33', 250],
      ['34', 0],
      ['35', -40],
      ['36', 0],
    ]),
  };
  return {
    year: 2026,
    nodes: [
      { code: 'gesamt', level: 'haushalt', name: '', plans: [ge, gf], erlaeuterungen: [], kennzahlen: [] },
    ],
    notes: [],
    files: [],
  };
}

describe('Satzung of a budget with Gesamtplänen', () => {
  const budget = literal();

  it('takes the Gesamtbeträge, the Kredite and the Finanzierungstätigkeit from the Gesamtpläne', () => {
    const s = deriveSatzung(budget)!;
    expect(s.figures.ertraege!.amount).toBe(1010_00);
    expect(s.figures.aufwendungen!.amount).toBe(1330_00);
    expect(s.figures.kredite!.amount).toBe(250_00);
    expect(s.figures.einzahlungenFin!.amount).toBe(250_00);
    expect(s.figures.auszahlungenFin!.amount).toBe(40_00);
    // the Fehlbetrag of 320 €, all of it from the Ausgleichsrücklage when its balance is unknown
    expect(s.figures.ausgleichsruecklage!.amount).toBe(320_00);
    expect(s.figures.allgemeineRuecklage!.amount).toBe(0);
    // balanced again in the first planning year
    expect(s.ausgleichJahr).toBe(2027);
  });

  it('is a Kreis’s Satzung when the budget is a Kreishaushalt, unless the treasurer says otherwise', () => {
    expect(deriveSatzung(budget)!.kind).toBe('gemeinde');
    expect(deriveSatzung({ ...budget, title: 'Kreishaushalt' })!.kind).toBe('kreis');
    expect(deriveSatzung({ ...budget, title: 'Kreishaushalt' }, { kind: 'gemeinde' })!.kind).toBe('gemeinde');
  });

  it('splits a Fehlbetrag beyond the Ausgleichsrücklage onto the allgemeine Rücklage', () => {
    const s = deriveSatzung(budget, { ausgleichsruecklage: 200_00 })!;
    expect(s.figures.ausgleichsruecklage!.amount).toBe(200_00);
    expect(s.figures.allgemeineRuecklage!.amount).toBe(120_00);
  });

  it('fills the template in data/parts with German numbers, Rat or Kreistag', () => {
    const template = readFileSync(
      new URL('../../../data/parts/haushaltssatzung-nrw.txt', import.meta.url),
      'utf8',
    );
    const gemeinde = fillSatzung(
      template,
      deriveSatzung(budget, {
        name: 'der Stadt Musterstadt',
        hebesaetze: [{ name: 'Grundsteuer B', satz: '495' }],
        liquiditaetskredite: 1_234_567_00,
      })!,
    );
    expect(gemeinde).toContain('Haushaltssatzung der Stadt Musterstadt für das Haushaltsjahr 2026');
    expect(gemeinde).toContain('hat der Rat der Stadt Musterstadt');
    expect(gemeinde).not.toContain('Kreistag');
    expect(gemeinde).toContain('dem Gesamtbetrag der Aufwendungen auf 1.330 EUR');
    expect(gemeinde).toContain('wird auf 1.234.567 EUR festgesetzt');
    expect(gemeinde).toContain('Grundsteuer B: 495 v. H.');
    expect(gemeinde).toContain('im Jahr 2027 erreicht');
    expect(gemeinde).not.toMatch(/^#|\{\{|\[\[/mu);
    const kreis = fillSatzung(template, deriveSatzung(budget, { kind: 'kreis', kreisumlage: '34,5' })!);
    expect(kreis).toContain('hat der Kreistag … mit Beschluss vom …');
    expect(kreis).toContain('auf 34,5 % der Umlagegrundlagen');
    expect(kreis).not.toContain('Steuersätze');
  });
});

describe('check of a printed Satzung against the Gesamtpläne', () => {
  const budget = literal();
  const printed = (figures: Record<string, number>): Budget => ({
    ...budget,
    parts: {
      satzung: {
        year: 2026,
        kind: 'gemeinde',
        figures: Object.fromEntries(
          Object.entries(figures).map(([id, euros]) => [
            id,
            { amount: euros * 100, decimals: 0, source: { file: 's.txt', line: 3 } },
          ]),
        ),
      },
    },
  });

  it('finds nothing where the figures equal the plans', () => {
    const b = printed({
      ertraege: 1010,
      aufwendungen: 1330,
      kredite: 250,
      ausgleichsruecklage: 300,
      allgemeineRuecklage: 20,
    });
    expect(check(b).filter((f) => f.rule === 'satzung')).toEqual([]);
  });

  it('locates a figure that differs: the figure, the Gesamtplan, the column and where it was printed', () => {
    const b = printed({
      ertraege: 1010,
      aufwendungen: 1430,
      ausgleichsruecklage: 320,
      allgemeineRuecklage: 20,
    });
    expect(check(b).filter((f) => f.rule === 'satzung')).toEqual([
      {
        severity: 'error',
        rule: 'satzung',
        message:
          'Haushaltssatzung § 1, Gesamtbetrag der Aufwendungen, Ansatz 2026: gedruckt 1.430 €, Gesamtergebnisplan, Zeilen 17, 20, 24 ergibt 1.330 € (Differenz 100 €, durch Rundung nicht erklärbar: höchstens 2 €)',
        node: 'gesamt',
        plan: 'gesamtergebnisplan',
        line: 'aufwendungen',
        kind: 'ansatz',
        year: 2026,
        expected: 1330_00,
        actual: 1430_00,
        difference: 100_00,
        source: { file: 's.txt', line: 3 },
      },
      expect.objectContaining({ line: 'ruecklagen', expected: 320_00, actual: 340_00, severity: 'error' }),
    ]);
  });
});
