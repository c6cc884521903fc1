/**
 * Tables of plan lines from real publishers: Köln's open data (2013/2014, ';', BOM, older numbering) and
 * Münster's PDF-extracted pages (2026/2027, trailing minus, two header rows, merged label cells).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA, REPO_ROOT } from '../../../test/paths.js';
import { check } from '../../core/check/index.js';
import type { Budget } from '../../core/model.js';
import { importFiles, loadProfile } from '../index.js';
import { importCsv } from './index.js';

/** The plan tables of a folder (Münster's also holds a Stellenplan and Rücklagen, which are no plan lines). */
async function load(dir: string, profileName: string, pattern = /\.csv$/u): Promise<Budget> {
  const profile = await loadProfile(path.join(REPO_ROOT, 'data/profiles', profileName));
  if (!profile.ok) throw new Error(profile.error.message);
  const files = readdirSync(path.join(DATA, dir))
    .filter((f) => pattern.test(f))
    .map((f) => path.join(DATA, dir, f));
  const r = await importFiles(files, { profile: profile.profile });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

/** Münster's pages as the PDF table extractor delivered them (`band1_p009_…_t0.csv`). */
const MUENSTER_PAGES = /^band\d+_p\d+_.*\.csv$/u;

describe('Köln 2013/2014 open data', () => {
  it('brings in every Teilplan, Produktbereich and Gesamtplan', async () => {
    const b = await load('koeln-2013', 'koeln-open-data.json');
    const by = (level: string) => b.nodes.filter((n) => n.level === level);
    expect(by('haushalt')).toHaveLength(1);
    expect(by('produktbereich').length).toBeGreaterThanOrEqual(17);
    expect(by('produktgruppe')).toHaveLength(101);
    expect(
      by('produktgruppe').every(
        (n) => n.parent !== undefined && n.plans.some((p) => p.type === 'teilergebnisplan'),
      ),
    ).toBe(true);
    const gesamt = by('haushalt')[0]!;
    expect(gesamt.plans.map((p) => `${p.type}:${p.schemaId}:${p.signs}:${p.lines.length}`)).toEqual([
      'gesamtergebnisplan:koeln-2008-gesamtergebnisplan:positive:26',
      'gesamtfinanzplan:koeln-2008-gesamtfinanzplan:positive:36',
    ]);
    const pg = b.nodes.find((n) => n.code === '0101')!;
    expect(pg.plans[0]!.columns.map((c) => `${c.kind} ${c.year}`)).toEqual([
      'ergebnis 2010',
      'ansatz 2011',
      'ansatz 2012',
      'ansatz 2013',
      'ansatz 2014',
      'planung 2015',
    ]);
    const line11 = pg.plans[0]!.lines.find((l) => l.line === '11')!;
    expect(line11.cells[0]).toMatchObject({ amount: 703_544_200, decimals: 0 });
  });

  it('confirms the roll-ups within rounding and reports the one sign error in the published Gesamtergebnisplan', async () => {
    const findings = check(await load('koeln-2013', 'koeln-open-data.json'));
    expect(
      findings.filter((f) => f.rule === 'parent-sum' && f.severity === 'rounding').length,
    ).toBeGreaterThan(100);
    expect(
      findings.filter((f) => f.rule === 'gesamt-rollup' && f.severity === 'rounding').length,
    ).toBeGreaterThan(10);
    const errors = findings.filter((f) => f.severity === 'error');
    expect(
      errors.map((f) => `${f.rule} ${f.node} ${f.plan} ${f.line} ${f.kind} ${f.year} ${f.difference}`),
    ).toEqual([
      'schema-formula gesamt gesamtergebnisplan 21 ansatz 2011 1211677600',
      'gesamt-rollup gesamt gesamtergebnisplan 21 ansatz 2011 1211677600',
      'schema-formula gesamt gesamtergebnisplan 22 ansatz 2011 -1211677600',
    ]);
    expect(errors[0]!.source).toMatchObject({ line: 22 });
    expect(errors[0]!.source!.file).toMatch(/gesamtergebnisplan\.csv$/u);
    expect(findings.filter((f) => f.severity === 'warning')).toEqual([]);
  });
});

describe('Münster 2026/2027 PDF-extracted tables', () => {
  it('comes in with correct signs, columns and nodes from the file names', async () => {
    const b = await load('muenster-2026', 'muenster-tabellen.json', MUENSTER_PAGES);
    expect(b.nodes.map((n) => `${n.code}:${n.level}:${n.parent ?? '-'}`)).toEqual([
      'gesamt:haushalt:-',
      '01:produktbereich:-',
      '0102:produktgruppe:01',
    ]);
    const gesamt = b.nodes[0]!;
    const gep = gesamt.plans.find((p) => p.type === 'gesamtergebnisplan')!;
    expect(gep.signs).toBe('positive');
    expect(gep.lines.map((l) => l.line)).toEqual(
      Array.from({ length: 33 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    const l18 = gep.lines.find((l) => l.line === '18')!;
    // "46.323.827,04-" and "35.499.229-": trailing minus, cents where printed
    expect(l18.cells.slice(0, 2).map((c) => [c.amount, c.decimals])).toEqual([
      [-4_632_382_704, 2],
      [-3_549_922_900, 0],
    ]);
    expect(gep.columns.map((c) => `${c.kind} ${c.year}`)).toEqual([
      'ergebnis 2024',
      'ansatz 2025',
      'ansatz 2026',
      'ansatz 2027',
      'planung 2028',
      'planung 2029',
      'planung 2030',
    ]);
    const tfp = b.nodes[1]!.plans.find((p) => p.type === 'teilfinanzplan')!;
    expect(tfp.schemaId).toBe('nrw-teilfinanzplan-investitionen');
    expect(tfp.columns.filter((c) => c.kind === 've').map((c) => c.year)).toEqual([2026, 2027]);
    expect(tfp.lines.find((l) => l.line === '03')!.label).toBe(
      'Einzahlungen aus der Veräußerung von Finanzanlagen',
    );
  });

  it('holds its printed formulas: no error, differences only in whole-euro columns', async () => {
    const findings = check(await load('muenster-2026', 'muenster-tabellen.json', MUENSTER_PAGES));
    const formula = findings.filter((f) => f.rule === 'schema-formula');
    expect(formula.every((f) => f.severity === 'rounding' && f.kind !== 'ergebnis')).toBe(true);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // only pages of the budget: the sums over missing parts are one warning each, not hundreds of errors
    expect(
      findings
        .filter((f) => f.severity === 'warning')
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['gesamt-rollup', 'parent-sum']);
  });

  it('reports a cell it cannot read at its place instead of guessing, and takes the rest', () => {
    const csv = [
      'Teilergebnisplan Ertrags-undAufwandsarten,,Ergebnis(€),Haushaltsansatz(€),,',
      ',,2024,2025,2026,2027',
      '01,SteuernundähnlicheAbgaben,"0,00",0,0,0',
      '02,+ ZuwendungenundallgemeineUmlagen,"12.602.256,33",12.549.4?0,11.540.170,10.895.890',
    ].join('\r\n');
    const r = importCsv(csv, 'p.csv');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const found = r.budget.notes.filter((n) => n.severity === 'error');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'unreadable-amount',
      line: '02',
      source: { file: 'p.csv', line: 4 },
    });
    expect(found[0]!.message).toContain('Betrag „12.549.4?0“ in Spalte 4 (Ansatz 2025) ist keine Zahl');
    const line02 = r.budget.nodes[0]!.plans[0]!.lines.find((l) => l.line === '02')!;
    expect(line02.cells.map((c) => `${c.column.kind} ${c.column.year} ${c.amount}`)).toEqual([
      'ergebnis 2024 1260225633',
      'ansatz 2026 1154017000',
      'ansatz 2027 1089589000',
    ]);
  });

  it('imports a copy with one cell changed to „- 14.639.900-“ with exactly that cell reported; --strict refuses it', async () => {
    const profile = await loadProfile(path.join(REPO_ROOT, 'data/profiles/muenster-tabellen.json'));
    if (!profile.ok) throw new Error(profile.error.message);
    const names = readdirSync(path.join(DATA, 'muenster-2026')).filter((f) => MUENSTER_PAGES.test(f));
    const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-muenster-'));
    try {
      const target = 'band1_p009_PG12_Ergebnisplan_t0.csv';
      for (const name of names) {
        let text = readFileSync(path.join(DATA, 'muenster-2026', name), 'utf8');
        if (name === target) {
          const lines = text.split('\r\n');
          // line 17 of the file: "15,- Transferaufwendungen,…": its Ansatz 2026 (the fifth column)
          expect(lines[16]).toMatch(
            /^15,- Transferaufwendungen,"850\.386\.126,61",885\.738\.840,899\.059\.340,/u,
          );
          lines[16] = lines[16]!.replace(',899.059.340,', ',- 14.639.900-,');
          text = lines.join('\r\n');
        }
        writeFileSync(path.join(dir, name), text);
      }
      const files = names.map((n) => path.join(dir, n));
      const original = await load('muenster-2026', 'muenster-tabellen.json', MUENSTER_PAGES);
      const r = await importFiles(files, { profile: profile.profile });
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      const errors = check(r.budget).filter((f) => f.severity === 'error');
      expect(errors.map((f) => `${f.rule} ${f.node} ${f.plan} ${f.line}`)).toEqual([
        'unreadable-amount gesamt gesamtergebnisplan 15',
      ]);
      expect(errors[0]!.source).toEqual({ file: path.join(dir, target), line: 17 });
      expect(errors[0]!.message).toBe(
        'Zeile 15: Betrag „- 14.639.900-“ in Spalte 5 (Ansatz 2026) ist keine Zahl (erwartet z. B. 1.234.567, 1.234,56 oder 46.323.827,04-)',
      );
      // nothing else changed: the same cells but that one
      const cells = (b: Budget) =>
        b.nodes.flatMap((n) =>
          n.plans.flatMap((p) =>
            p.lines.flatMap((l) =>
              l.cells.map(
                (c) => `${n.code} ${p.type} ${l.line} ${c.column.kind} ${c.column.year} ${c.amount}`,
              ),
            ),
          ),
        );
      const missing = cells(original).filter((c) => !cells(r.budget).includes(c));
      expect(missing).toEqual(['gesamt gesamtergebnisplan 15 ansatz 2026 89905934000']);
      expect(cells(r.budget)).toHaveLength(cells(original).length - 1);
      // every amount read is on a line: the bad cell is no amount and is in no sum
      expect(r.reconciliation.every((x) => x.difference === 0)).toBe(true);
      const strict = await importFiles(files, { profile: profile.profile, strict: true });
      expect(strict.ok).toBe(false);
      if (!strict.ok)
        expect(strict.errors.map((e) => `${path.basename(e.file)}:${e.line}`)).toEqual([`${target}:17`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('tables in thousands of euros', () => {
  it('are read with their unit kept on each cell, never as euros', () => {
    const csv = [
      'Zeile;Ergebnis 2024 (TEUR);Ansatz 2025 (TEUR)',
      '02 - Zuwendungen und allg. Umlagen;1.234;1.300',
    ].join('\n');
    const r = importCsv(csv, 'teur.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cells = r.budget.nodes.flatMap((n) => n.plans.flatMap((p) => p.lines.flatMap((l) => l.cells)));
    expect(cells.map((c) => [c.column.kind, c.column.year, c.amount, c.scale])).toEqual([
      ['ergebnis', 2024, 123_400_000, 1000],
      ['ansatz', 2025, 130_000_000, 1000],
    ]);
    expect(r.ledger[0]!.layout).toContain('Beträge in Tausend Euro (T€), mit ihrer Einheit übernommen');
  });

  it('take the unit from a title above the table for every column', () => {
    const csv = [
      'Teilergebnisplan (in Tausend Euro)',
      'Zeile;Ergebnis 2024;Ansatz 2025',
      '02 - Zuwendungen und allg. Umlagen;1.234;(1.300)',
    ].join('\n');
    const r = importCsv(csv, 'teur.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cells = r.budget.nodes.flatMap((n) => n.plans.flatMap((p) => p.lines.flatMap((l) => l.cells)));
    expect(cells.map((c) => [c.amount, c.scale])).toEqual([
      [123_400_000, 1000],
      [-130_000_000, 1000],
    ]);
  });
});

describe('tables without line numbers', () => {
  it('number their rows by the labels of the schema the labels fit', () => {
    const csv = [
      'Teilergebnisplan Produktgruppe 02.01 Bürgerdienste',
      'Ertrags- und Aufwandsarten;Ansatz 2026;Planung 2027',
      'Steuern und ähnliche Abgaben;0;0',
      'Öffentlich-rechtliche Leistungsentgelte;120.000;121.000',
      'Ordentliche Erträge;120.000;121.000',
      'Personalaufwendungen;-80.000;-81.000',
      'Ordentliche Aufwendungen;-80.000;-81.000',
      'Ordentliches Ergebnis;40.000;40.000',
    ].join('\n');
    const r = importCsv(csv, 'ohne-nummern.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const node = r.budget.nodes.find((n) => n.code === '02.01')!;
    expect(node.plans.map((p) => p.type)).toEqual(['teilergebnisplan']);
    expect(node.plans[0]!.lines.map((l) => `${l.line} ${l.label}`)).toEqual([
      '01 Steuern und ähnliche Abgaben',
      '04 Öffentlich-rechtliche Leistungsentgelte',
      '10 Ordentliche Erträge',
      '11 Personalaufwendungen',
      '17 Ordentliche Aufwendungen',
      '18 Ordentliches Ergebnis',
    ]);
    expect(r.ledger[0]!.layout).toContain('Zeilennummern: keine (Zeilen nach ihren Bezeichnungen)');
  });
});
