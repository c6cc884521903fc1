/**
 * The parts derived from real published plans: Münster 2026/2027 (pages of the printed Haushaltsplan as
 * tables: the Gesamtpläne, Produktbereich 01 and one Produktgruppe) gives a Satzung whose figures are its
 * Gesamtplan's lines and a Querschnitt row for Produktbereich 01 equal to its Teilpläne; Köln 2013 numbers its
 * plans after the older Köln schema, so the forms (NRW 2019 lines) give no figure rather than wrong ones.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellOf, planOf, type Budget, type BudgetNode, type PlanType } from '../src/core/model.js';
import { deriveQuerschnitt } from '../src/core/parts/querschnitt.js';
import { deriveSatzung } from '../src/core/parts/satzung.js';
import { importFiles, loadProfile } from '../src/importers/index.js';
import { koelnBudget } from './fixtures.js';
import { DATA, REPO_ROOT } from './paths.js';

async function muenster(): Promise<Budget> {
  const profile = await loadProfile(path.join(REPO_ROOT, 'data/profiles/muenster-tabellen.json'));
  if (!profile.ok) throw new Error(profile.error.message);
  const dir = path.join(DATA, 'muenster-2026');
  const files = readdirSync(dir)
    .filter((f) => /^band\d+_p\d+_.*\.csv$/u.test(f))
    .map((f) => path.join(dir, f));
  const r = await importFiles(files, { profile: profile.profile });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

/** A line's printed Ansatz in the signed view (Münster prints Aufwendungen positive). */
function ansatz(node: BudgetNode, type: PlanType, line: string, year: number): number {
  const plan = planOf(node, type)!;
  const l = plan.lines.find((x) => x.line === line);
  const cell = l && cellOf(l, { kind: 'ansatz', year });
  if (!cell) return 0;
  const out =
    plan.signs === 'positive' &&
    (l.signs ?? 'positive') === 'positive' &&
    ['17', '20', '24', '16', '30'].includes(line);
  return out ? -cell.amount : cell.amount;
}

describe('parts of real plans', () => {
  it('Münster 2026: the Satzung from the Gesamtpläne, a Querschnitt row equal to Produktbereich 01', async () => {
    const budget = await muenster();
    const year = budget.year!;
    const gesamt = budget.nodes.find((n) => n.level === 'haushalt')!;
    const s = deriveSatzung(budget)!;
    expect(s.year).toBe(year);
    const ge = (l: string): number => ansatz(gesamt, 'gesamtergebnisplan', l, year);
    expect(s.figures.ertraege!.amount).toBe(ge('10') + ge('19') + ge('23'));
    expect(s.figures.aufwendungen!.amount).toBe(-(ge('17') + ge('20') + ge('24')));
    expect(s.figures.ertraege!.amount).toBeGreaterThan(1_000_000_000_00);
    const q = deriveQuerschnitt(budget)!;
    const pb01 = budget.nodes.find((n) => n.code === '01')!;
    const row = q.rows.find((r) => r.code === '01')!;
    const te = (l: string): number => ansatz(pb01, 'teilergebnisplan', l, year);
    expect(row.amounts.ertraege!.amount).toBe(te('10') + te('19') + te('23'));
    expect(row.amounts.aufwendungen!.amount).toBe(te('17') + te('20') + te('24'));
  });

  it('Köln 2013: the Satzung from its NKF 2008 Gesamtpläne by their own lines; no Querschnitt of the 2019 form', async () => {
    const budget = await koelnBudget();
    const satzung = deriveSatzung(budget)!;
    const gesamt = budget.nodes.find((n) => n.level === 'haushalt')!;
    const column = { kind: 'ansatz' as const, year: satzung.year };
    const printed = (type: PlanType, lines: string[]): number =>
      Math.abs(
        lines.reduce((sum, l) => {
          const line = planOf(gesamt, type)!.lines.find((x) => x.line === l);
          return sum + (line ? (cellOf(line, column)?.amount ?? 0) : 0);
        }, 0),
      );
    expect(planOf(gesamt, 'gesamtergebnisplan')!.schemaId).toBe('koeln-2008-gesamtergebnisplan');
    // Erträge: ordentliche (10), Finanzerträge (19), außerordentliche (23); Aufwendungen 17, 20, 24
    expect(satzung.figures.ertraege?.amount).toBe(printed('gesamtergebnisplan', ['10', '19', '23']));
    expect(satzung.figures.aufwendungen?.amount).toBe(printed('gesamtergebnisplan', ['17', '20', '24']));
    expect(satzung.figures.ertraege?.amount).toBeGreaterThan(3_000_000_000_00);
    expect(satzung.figures.auszahlungenInv?.amount).toBe(printed('gesamtfinanzplan', ['30']));
    // NKF 2008's Finanzierungstätigkeit has no line of the Kredite für Investitionen alone
    expect(satzung.figures.kredite).toBeUndefined();
    expect(deriveQuerschnitt(budget)).toBeUndefined();
  });
});
