// The Satzung of a budget of another Land: its Gesamtbeträge from that Land's Gesamtpläne (their own line
// numbers, `data/parts/satzung-laender.json`), a printed figure checked against them, the Rücklagen's split
// (§ 75 GO NRW) left to NRW budgets.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { laenderBudget } from '../../../test/parts-budgets.js';
import { REPO_ROOT } from '../../../test/paths.js';
import { check } from '../check/index.js';
import type { Budget } from '../model.js';
import { deriveSatzung, jahresergebnis, satzungWording } from './satzung.js';
import { schemaById } from '../schema.js';
import { SATZUNG_LAENDER_SCHEMAS, satzungLines } from './spec.js';

/** The printed Ansatz of the budget year (the last column) of a Gesamtplan line, in cents, read off the fixture. */
function printed(name: string, title: string, line: string): number {
  const text = readFileSync(path.join(REPO_ROOT, 'test/fixtures/laender', `${name}.txt`), 'utf8');
  const block = text.split(/\r?\n\s*\r?\n/u).find((b) => b.startsWith(title))!;
  const row = block.split('\n').find((l) => l.startsWith(`${line}\t`))!;
  return Number(row.split('\t').at(-1)!.replace(/\./gu, '')) * 100;
}

describe('the Haushaltssatzung of another Land', () => {
  it('sums the Gesamtbeträge from a Hessian Gesamtergebnis- and Gesamtfinanzplan by their own lines', () => {
    const b = laenderBudget('he', 'he-finanz');
    const s = deriveSatzung(b)!;
    const e = (line: string) => printed('he', 'Gesamtergebnisplan', line);
    const f = (line: string) => printed('he-finanz', 'Gesamtfinanzplan', line);
    const figures = Object.fromEntries(Object.entries(s.figures).map(([id, a]) => [id, a.amount]));
    expect(figures).toEqual({
      // ordentliche Erträge (10), Finanzerträge (21), außerordentliche Erträge (25)
      ertraege: Math.abs(e('10') + e('21') + e('25')),
      aufwendungen: Math.abs(e('19') + e('22') + e('26')),
      einzahlungenLfd: Math.abs(f('09')),
      auszahlungenLfd: Math.abs(f('18')),
      einzahlungenInv: Math.abs(f('23')),
      auszahlungenInv: Math.abs(f('28')),
      // the 2019 form (Hessenkasse): the Finanzierungstätigkeit in lines 31 and 32
      einzahlungenFin: Math.abs(f('31')),
      auszahlungenFin: Math.abs(f('32')),
      kredite: Math.abs(f('31')),
    });
    expect(figures.ertraege).toBeGreaterThan(0);
    // the Jahresergebnis from line 28; no split of the Fehlbetrag by § 75 GO NRW in Hessen
    expect(jahresergebnis(b, 'ansatz', s.year)).toBe(e('28'));
    expect(s.figures.ausgleichsruecklage).toBeUndefined();
  });

  it('finds the same figures through the roll-up where only the Teilpläne are printed', () => {
    const b = laenderBudget('ni');
    const withoutGesamt: Budget = { ...b, nodes: b.nodes.filter((n) => n.level !== 'haushalt') };
    const all = deriveSatzung(b)!;
    const rolled = deriveSatzung(withoutGesamt)!;
    expect(rolled.figures.ertraege?.amount).toBe(all.figures.ertraege?.amount);
    expect(rolled.figures.aufwendungen?.amount).toBe(all.figures.aufwendungen?.amount);
    expect(all.figures.ertraege?.amount).toBe(
      Math.abs(printed('ni', 'Gesamtergebnisplan', '12') + printed('ni', 'Gesamtergebnisplan', '22')),
    );
  });

  it('reports a printed Hessian figure off by 100 € at its figure, with the lines it was summed from', () => {
    const b = laenderBudget('he', 'he-finanz');
    const derived = deriveSatzung(b)!;
    const off = {
      ...derived.figures.ertraege!,
      amount: derived.figures.ertraege!.amount + 100_00,
      decimals: 0 as const,
    };
    const satzung = {
      year: derived.year,
      kind: 'gemeinde' as const,
      figures: { ...derived.figures, ertraege: off },
    };
    const findings = check({ ...b, parts: { ...b.parts, satzung } }).filter((x) => x.rule === 'satzung');
    expect(findings.map((x) => [x.line, x.severity])).toEqual([['ertraege', 'error']]);
    expect(findings[0]!.message).toContain('Zeilen 10, 21, 25');
  });

  it('names lines for every figure the plans of a Land hold, and none the NRW form does not have', () => {
    expect(satzungLines('ertraege', 'nrw-2019-gesamtergebnisplan')).toEqual(['10', '19', '23']);
    expect(satzungLines('jahresergebnis', 'by-2007-gesamtergebnisplan')).toEqual(['S7']);
    // Köln's NKF 2008 Finanzplan has no line of the Kredite für Investitionen alone: not derived
    expect(satzungLines('kredite', 'koeln-2008-gesamtfinanzplan')).toBeUndefined();
    expect(satzungLines('ertraege', 'sn-2017-teilergebnisplan')).toBeUndefined();
    // every schema the file names is one of the registry's, and each gets lines (none skipped as unknown)
    for (const id of SATZUNG_LAENDER_SCHEMAS) {
      expect(schemaById(id), id).toBeDefined();
      expect(
        satzungLines(
          schemaById(id)!.plan === 'gesamtergebnisplan' ? 'jahresergebnis' : 'auszahlungenInv',
          id,
        ),
        id,
      ).toBeDefined();
    }
    expect(SATZUNG_LAENDER_SCHEMAS.length).toBeGreaterThanOrEqual(14);
  });

  it('words the Satzung as the Land names its plans and its law; none for NRW', () => {
    expect(satzungWording(laenderBudget('he'))).toEqual({
      gesetz: 'des § 94 Abs. 2 HGO',
      ergebnisplan: 'Ergebnishaushalt',
      finanzplan: 'Finanzhaushalt',
    });
    expect(satzungWording(laenderBudget('sh'))).toMatchObject({
      ergebnisplan: 'Ergebnisplan',
      finanzplan: 'Finanzplan',
    });
    expect(satzungWording(laenderBudget('by'))?.gesetz).toBe('des Art. 63 Abs. 2 GO');
  });
});
