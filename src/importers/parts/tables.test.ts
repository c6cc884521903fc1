import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, REPO_ROOT } from '../../../test/paths.js';
import { check } from '../../core/check/index.js';
import type { Budget } from '../../core/model.js';
import { hskTest } from '../../core/parts/haushaltsausgleich.js';
import { stellenTotal } from '../../core/parts/stellenplan.js';
import { importFiles } from '../index.js';
import { importPartCsv } from './tables.js';

const MS = path.join(DATA, 'muenster-2026');
const RUECKLAGEN = path.join(MS, 'ruecklagen_2024_2030.csv');
const STELLEN = path.join(MS, 'stellenplan_2026_2027.csv');
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/parts');

function read(file: string): Budget {
  const r = importPartCsv(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

const errors = (b: Budget): string[] =>
  check(b)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule} ${f.source?.line ?? ''}`);

/** Every number of a CSV file outside its first row and first `textColumns` columns. */
function numbersOf(file: string, textColumns: number): number {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/u)
    .slice(1)
    .flatMap((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/u).slice(textColumns))
    .filter((c) => /^-?\d/u.test(c)).length;
}

describe('Münster’s development of the Rücklagen (Mio. €, one decimal)', () => {
  const budget = read(RUECKLAGEN);
  const r = budget.parts!.ruecklagen!;

  it('places every number of the file: 13 positions over 7 years', () => {
    expect(r.years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    const placed = r.years.reduce((n, y) => n + Object.keys(y.figures).length, 0);
    expect(placed).toBe(numbersOf(RUECKLAGEN, 2));
    expect(placed).toBe(91);
    expect(r.unit).toBe('MioEUR');
    expect(r.years[2]!.figures.allgemeineEnde).toEqual({
      amount: 66_290_000_000,
      unit: 'MioEUR',
      decimals: 1,
      source: { file: RUECKLAGEN, line: 10 },
    });
    expect(r.years[3]!.figures.anteil?.amount).toBe(570);
  });

  it('holds its sums and chains within the rounding of the print: no false error', () => {
    expect(errors(budget)).toEqual([]);
    // the missing unit is reported, not silently assumed
    expect(budget.notes.map((n) => n.rule)).toEqual(['unit-assumed']);
  });

  it('gives the § 76 result per year with the figures used: no Haushaltssicherungskonzept', () => {
    const t = hskTest(r, 2026);
    expect(t.years.map((y) => [y.year, Math.round(y.share / 10) / 10, y.twentieth])).toEqual([
      [2026, 4, 'nein'],
      [2027, 5.7, 'ja'],
      [2028, 4.3, 'nein'],
      [2029, 3.2, 'nein'],
      [2030, 6.4, 'ja'],
    ]);
    expect(t.required).toBe('nein');
  });

  it('reports a planted difference in any input figure at its place (mutation over every cell)', () => {
    const text = readFileSync(RUECKLAGEN, 'utf8');
    const lines = text.split('\n');
    let planted = 0;
    lines.forEach((line, i) => {
      // the derived rows (threshold, distance, share) are checked against the others, so mutate them too
      if (i === 0 || line.trim() === '') return;
      const cells = line.split(',');
      const first = cells.length - 7;
      for (let c = first; c < cells.length; c++) {
        const mutated = [...cells];
        mutated[c] = (Number(cells[c]) + 1).toFixed(1);
        const copy = [...lines];
        copy[i] = mutated.join(',');
        const b = (() => {
          const r2 = importPartCsv(copy.join('\n'), 'm.csv');
          if (!r2.ok) throw new Error('not read');
          return r2.budget;
        })();
        const found = check(b).filter((f) => f.severity === 'error' && f.rule === 'ruecklagen-summen');
        expect(found.length, `row ${i + 1}, column ${c + 1}`).toBeGreaterThan(0);
        // located in the year whose figure was changed
        expect(found.some((f) => f.year === 2024 + (c - first))).toBe(true);
        planted++;
      }
    });
    expect(planted).toBe(91);
  });

  it('checks the Jahresergebnis against Münster’s Gesamtergebnisplan in the same import', async () => {
    const r2 = await importFiles(
      [
        path.join(MS, 'band1_p009_PG12_Ergebnisplan_t0.csv'),
        path.join(MS, 'band1_p010_PG12_Ergebnisplan_t0.csv'),
        RUECKLAGEN,
      ],
      {
        profile: JSON.parse(
          readFileSync(path.join(REPO_ROOT, 'data/profiles/muenster-tabellen.json'), 'utf8'),
        ) as never,
      },
    );
    if (!r2.ok) throw new Error(r2.errors.map((e) => e.message).join('\n'));
    expect(r2.budget.parts?.ruecklagen?.years).toHaveLength(7);
    expect(r2.budget.nodes.length).toBeGreaterThan(0);
    const plan = check(r2.budget).filter((f) => f.rule === 'ruecklagen-ergebnisplan');
    // 2026 to 2030 agree with the plan within the rounding; 2025 shows the forecast, not the Ansatz
    expect(plan.map((f) => `${f.severity} ${f.year} ${f.line}`)).toEqual([
      'warning 2025 jahresergebnis',
      'warning 2025 jahresergebnisVor',
    ]);
  });
});

describe('Münster’s Stellenplan (VZÄ per Produktgruppe, Produktbereich sums, the city total)', () => {
  const budget = read(STELLEN);
  const plan = budget.parts!.stellenplan!;

  it('places every number of the file, codes aside', () => {
    expect(plan.years).toEqual([2026, 2027]);
    expect(plan.rows.map((r) => r.role).filter((x) => x === 'einheit')).toHaveLength(63);
    expect(plan.rows.filter((r) => r.role === 'produktbereich')).toHaveLength(15);
    expect(plan.rows.reduce((n, r) => n + r.values.length, 0)).toBe(79 * 6);
    expect(budget.notes).toEqual([]);
    expect(stellenTotal(plan, 'gesamt', 2026)).toBe(4_898_320);
  });

  it('its sums hold at every level', () => {
    expect(errors(budget)).toEqual([]);
  });

  it('reports a planted difference in any value at its row (mutation over every cell)', () => {
    const lines = readFileSync(STELLEN, 'utf8').split('\n');
    let planted = 0;
    lines.forEach((line, i) => {
      if (i === 0 || line.trim() === '') return;
      const cells = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/u);
      for (let c = cells.length - 6; c < cells.length; c++) {
        const mutated = [...cells];
        mutated[c] = (Number(cells[c]) + 0.01).toFixed(2);
        const copy = [...lines];
        copy[i] = mutated.join(',');
        const r = importPartCsv(copy.join('\n'), 'm.csv');
        if (!r.ok) throw new Error('not read');
        const found = check(r.budget).filter((f) => f.rule === 'stellenplan-summen');
        expect(
          found.some((f) => f.source?.line === i + 1),
          `line ${i + 1}, column ${c + 1}`,
        ).toBe(true);
        planted++;
      }
    });
    expect(planted).toBe(79 * 6);
  });
});

describe('tables of other municipalities', () => {
  it('reads a transposed development in T€ whose Entnahmen are printed positive', () => {
    const b = read(path.join(FIXTURES, 'ruecklagen-transponiert.csv'));
    const r = b.parts!.ruecklagen!;
    expect(r.unit).toBe('TEUR');
    expect(r.years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
    expect(r.years[1]!.figures.entnahmeAllgemeine?.amount).toBe(-250_000_000);
    expect(errors(b)).toEqual([]);
    const t = hskTest(r, 2026);
    expect([t.nr2, t.nr2Years]).toEqual(['ja', [2026, 2027]]);
  });

  it('reads other wording in euros and reports the numbers of a row it does not know', () => {
    const b = read(path.join(FIXTURES, 'ruecklagen-wortlaut.csv'));
    const r = b.parts!.ruecklagen!;
    expect(r.unit).toBe('EUR');
    expect(r.years[0]!.figures.allgemeineAnfang).toMatchObject({ amount: 4_500_000_000, decimals: 2 });
    expect(errors(b)).toEqual([]);
    expect(b.notes.filter((n) => n.rule === 'skipped-row').map((n) => n.source?.line)).toEqual([
      10, 10, 10, 10,
    ]);
  });

  it('reads a Stellenplan by Besoldungs- and Entgeltgruppen and checks it', () => {
    const b = read(path.join(FIXTURES, 'stellenplan-gruppen.csv'));
    const p = b.parts!.stellenplan!;
    expect(p.years).toEqual([2025, 2026]);
    expect(p.rows.map((r) => r.role)).toEqual([
      ...Array<string>(5).fill('besoldungsgruppe'),
      'summe-beamte',
      ...Array<string>(4).fill('entgeltgruppe'),
      'summe-tarif',
      'gesamt',
    ]);
    expect(errors(b)).toEqual([]);
    // the occupied posts are kept apart from the posts planned, by the year of their date
    expect(b.notes.filter((n) => n.rule === 'skipped-row')).toEqual([]);
    const a13 = p.rows.find((r) => r.code === 'A 13')!;
    expect(a13.besetzt).toEqual([
      {
        category: 'beamte',
        year: 2025,
        value: 6000,
        date: '30.06.2025',
        source: { file: expect.any(String) as string, line: 6 },
      },
    ]);
    expect(p.rows.filter((r) => r.besetzt?.length === 1)).toHaveLength(12);
  });

  it('reads a Stellenübersicht by units with headings over two rows and checks it', () => {
    const b = read(path.join(FIXTURES, 'stellenplan-bereiche.csv'));
    const p = b.parts!.stellenplan!;
    expect(p.rows.map((r) => `${r.role} ${r.code ?? ''}`)).toEqual([
      'einheit 10.1',
      'einheit 10.2',
      'produktbereich 10',
      'einheit 20.1',
      'einheit 20.2',
      'produktbereich 20',
      'gesamt ',
    ]);
    expect(errors(b)).toEqual([]);
  });
});

describe('parts merged with other files', () => {
  it('a plan text and the Rücklagen table: the budget gets both', async () => {
    const r = await importFiles([
      path.join(REPO_ROOT, '../shared/reference/kreis-coesfeld-2026-pb43.txt'),
      RUECKLAGEN,
      STELLEN,
    ]);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    expect(r.budget.nodes.length).toBeGreaterThan(0);
    expect(r.budget.parts?.ruecklagen?.years).toHaveLength(7);
    expect(r.budget.parts?.stellenplan?.rows).toHaveLength(79);
  });

  it('two files giving the same part: alike, one part; with another amount, a clear German refusal naming both', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parts-'));
    const same = path.join(dir, 'ruecklagen-gleich.csv');
    writeFileSync(same, readFileSync(RUECKLAGEN));
    const alike = await importFiles([RUECKLAGEN, same]);
    if (!alike.ok) throw new Error(alike.errors.map((e) => e.message).join('\n'));
    expect(alike.budget.parts?.ruecklagen?.years).toHaveLength(7);
    const copy = path.join(dir, 'ruecklagen-kopie.csv');
    const text = readFileSync(RUECKLAGEN, 'utf8');
    expect(text).toContain(',690.0,690.2,');
    writeFileSync(copy, text.replace(',690.0,690.2,', ',690.0,690.3,'));
    const r = await importFiles([RUECKLAGEN, copy]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.message)).toEqual([
      `Die Entwicklung der Rücklagen steht in ${RUECKLAGEN} und in ${copy}; ein Haushalt hat jeden Teil nur einmal (bitte eine der Dateien weglassen)`,
    ]);
  });
});
