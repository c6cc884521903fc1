/**
 * The Haushaltsplan's parts in the tidy CSV (docs/tidy-csv.md, "Parts"): a generated budget with every part
 * (Satzung and Querschnitt printed and imported, the VE overview with its years of payment, the Rücklagen
 * derived, Münster's Stellenplan, the Anlagen printed by the generator and imported) and Münster 2026/2027 as
 * published (Rücklagen in Mio. € with one decimal, Stellenplan) are written and read back: every amount of every
 * part comes back at its place (compared over the parts' own structure, not over the keys), the file again is
 * the same bytes, the import reconciles (every amount in euros in the ledger, outside the plans in its part),
 * and the Fiscal Data Package describes the rows and reads back. Wrong part rows are refused with the line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/core/check/index.js';
import { mergeBudgets } from '../src/core/merge.js';
import type { Budget } from '../src/core/model.js';
import { deriveRuecklagen } from '../src/core/parts/derive.js';
import { deriveVeUebersicht } from '../src/core/parts/ve.js';
import { exportBudget } from '../src/exporters/index.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { fraktionenCsv, programmCsv, verbindlichkeitenCsv } from '../src/generate/anlagen.js';
import { importContent } from '../src/importers/detect.js';
import { importFiles } from '../src/importers/index.js';
import { importTidyCsv } from '../src/importers/tidy-csv/index.js';
import { fdpProblems } from './export-validators.js';
import { generateBudget } from '../src/generate/index.js';
import {
  GENERATED,
  generatedData,
  generatedPartsText,
  generatedWithParts,
  MUENSTER,
  muensterWithParts,
} from './parts-budgets.js';

function imported(text: string, file: string): Budget {
  const r = importContent(text, file);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n'));
  return r.budget;
}

/** The generated budget with every part the model has. */
async function generatedWithAllParts(): Promise<Budget> {
  const base = generatedWithParts();
  const year = generatedData.year;
  const ve = deriveVeUebersicht(base)!;
  // the years of payment: the VE of each row falls due in two halves (the sum row's likewise)
  const split = (row: (typeof ve.rows)[number]) => {
    const a = row.ve?.amount ?? 0;
    const first = Math.round(a / 200) * 100;
    return {
      ...row,
      faellig: {
        [String(year + 1)]: { amount: first, decimals: 0 as const },
        [String(year + 2)]: { amount: a - first, decimals: 0 as const },
      },
    };
  };
  const veUebersicht = {
    ...ve,
    years: [year + 1, year + 2],
    rows: ve.rows.map(split),
    ...(ve.sum ? { sum: split(ve.sum) } : {}),
  };
  const ruecklagen = deriveRuecklagen(base, { year, allgemeine: 50_000_000_00, ausgleich: 1_500_000_00 })!;
  const stellen = await importFiles([path.join(MUENSTER, 'stellenplan_2026_2027.csv')]);
  if (!stellen.ok) throw new Error('Stellenplan');
  const anlagen = [
    imported(programmCsv(base, { positive: true }), 'programm.csv'),
    imported(verbindlichkeitenCsv(base), 'verbindlichkeiten.csv'),
    imported(fraktionenCsv(year), 'fraktionen.csv'),
  ];
  const merged = mergeBudgets([base, ...anlagen]);
  if (!merged.ok) throw new Error(merged.conflicts.map((c) => c.message).join('\n'));
  const satzung = merged.budget.parts!.satzung!;
  return {
    ...merged.budget,
    parts: {
      ...merged.budget.parts,
      satzung: {
        ...satzung,
        hebesaetze: [
          { name: 'Grundsteuer B', satz: '495' },
          { name: 'Gewerbesteuer', satz: '470,5' },
        ],
      },
      veUebersicht,
      ruecklagen,
      stellenplan: stellen.budget.parts!.stellenplan!,
    },
  };
}

/**
 * Every amount of every part with its place in the part's structure (object keys and row positions): a
 * money amount in cents, a Rücklagen figure with its unit and decimals, posts in thousandths, a rate as printed.
 */
function amounts(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => amounts(v, `${at}.${i}`));
  if (value === null || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const out: string[] = [];
  if (typeof o.amount === 'number')
    out.push(
      `${at} ${o.amount}${typeof o.unit === 'string' ? ` ${o.unit}:${String(o.decimals)}` : ''}${o.scale ? ' T€' : ''}`,
    );
  if (typeof o.value === 'number') out.push(`${at} ${o.value}`);
  if (typeof o.satz === 'string') out.push(`${at} ${String(o.name)} ${o.satz}`);
  if (typeof o.kreisumlage === 'string') out.push(`${at} Kreisumlage ${o.kreisumlage}`);
  for (const [k, v] of Object.entries(o)) if (k !== 'source') out.push(...amounts(v, `${at}.${k}`));
  return out;
}

const PARTS = [
  'satzung',
  'querschnitt',
  'veUebersicht',
  'ruecklagen',
  'stellenplan',
  'verbindlichkeiten',
  'fraktionen',
  'investitionsprogramm',
] as const;

async function roundTrip(budget: Budget, file: string): Promise<{ csv: string; back: Budget }> {
  const csv = toTidyCsv(budget);
  const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-tidy-parts-'));
  writeFileSync(path.join(dir, file), csv);
  // through importFiles: the file's ledger must reconcile (every amount placed or outside in its part)
  const r = await importFiles([path.join(dir, file)]);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n'));
  return { csv, back: r.budget };
}

describe('the parts in the tidy CSV', () => {
  it('a generated budget with every part: every amount back at its place, the same bytes again', async () => {
    const budget = await generatedWithAllParts();
    for (const p of PARTS) expect(budget.parts?.[p], p).toBeDefined();
    const { csv, back } = await roundTrip(budget, 'generiert.csv');
    for (const p of PARTS) {
      const before = amounts(budget.parts![p], p);
      expect(before.length, p).toBeGreaterThan(2);
      expect(amounts(back.parts![p], p), p).toEqual(before);
      expect(csv).toContain(`\ngesamt,haushalt,${p === 'veUebersicht' ? 've-uebersicht' : p},`);
    }
    expect(toTidyCsv(back)).toBe(csv);
    // the Rücklagen need the unit column: every row names its unit, the plans' rows EUR
    expect(csv.split('\n', 1)[0]).toBe('node,level,plan,line,kind,year,amount,schema,printed_in');
    expect(csv).toMatch(
      /\ngesamt,haushalt,satzung,hebesatz\/Gewerbesteuer,ansatz,\d{4},470\.5,[^,]*,Prozent\n/u,
    );
    // the checks of the parts find on the file what they find on the budget
    const rules = (b: Budget) =>
      check(b)
        .filter((f) => f.severity === 'error')
        .map((f) => f.rule)
        .sort();
    expect(rules(back)).toEqual(rules(budget));
  });

  it('Münster 2026/2027: Rücklagen in Mio. € with one decimal and the Stellenplan come back exactly', async () => {
    const budget = await muensterWithParts();
    expect(budget.parts?.ruecklagen).toBeDefined();
    expect(budget.parts?.stellenplan).toBeDefined();
    const { csv, back } = await roundTrip(budget, 'muenster.csv');
    for (const p of ['ruecklagen', 'stellenplan'] as const)
      expect(amounts(back.parts![p], p), p).toEqual(amounts(budget.parts![p], p));
    expect(back.parts!.ruecklagen!.unit).toBe(budget.parts!.ruecklagen!.unit);
    expect(csv).toMatch(
      /\ngesamt,haushalt,ruecklagen,allgemeineAnfang,betrag,2026,\d+\.00,nrw-ruecklagen,MioEUR:1\n/u,
    );
    expect(toTidyCsv(back)).toBe(csv);
  });

  it('the Fiscal Data Package describes the part rows and reads back', async () => {
    const budget = await generatedWithAllParts();
    const out = await exportBudget(budget, 'fdp');
    if (out.type !== 'directory') throw new Error('not a package');
    expect(fdpProblems(out.files)).toEqual([]);
    const descriptor = JSON.parse(out.files.get('datapackage.json')!) as {
      resources: {
        name: string;
        schema: { fields: { name: string; constraints?: { enum?: string[] } }[] };
      }[];
    };
    const fields = descriptor.resources.find((r) => r.name === 'haushalt')!.schema.fields;
    expect(fields.find((f) => f.name === 'plan')!.constraints!.enum).toContain('stellenplan');
    const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-fdp-parts-'));
    for (const [name, text] of out.files) writeFileSync(path.join(dir, name), text);
    const back = await importFiles([dir]);
    if (!back.ok) throw new Error(back.errors.map((e) => e.message).join('\n'));
    for (const p of PARTS) expect(amounts(back.budget.parts![p], p), p).toEqual(amounts(budget.parts![p], p));
    // and writes the same package again
    const again = await exportBudget(back.budget, 'fdp');
    if (again.type !== 'directory') throw new Error('not a package');
    for (const [name, text] of out.files) expect(again.files.get(name), name).toBe(text);
  });

  it('merges with the document it was written from: one part, its names kept; other amounts are refused', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-tidy-merge-'));
    const plan = path.join(dir, 'haushalt.txt');
    const teile = path.join(dir, 'teile.txt');
    const csv = path.join(dir, 'haushalt.csv');
    const copy = path.join(dir, 'kopie.csv');
    writeFileSync(plan, generateBudget(GENERATED));
    writeFileSync(teile, generatedPartsText());
    const original = await importFiles([plan, teile]);
    if (!original.ok) throw new Error(original.errors.map((e) => e.message).join('\n'));
    writeFileSync(csv, toTidyCsv(original.budget));
    writeFileSync(copy, toTidyCsv(original.budget));
    for (const files of [
      [plan, teile, csv],
      [csv, plan, teile],
    ]) {
      const r = await importFiles(files);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      expect(r.budget.parts!.querschnitt!.rows.map((x) => x.name)).toEqual(
        original.budget.parts!.querschnitt!.rows.map((x) => x.name),
      );
      expect(r.budget.parts!.querschnitt!.rows[0]!.name).not.toBe('');
      expect(amounts(r.budget.parts)).toEqual(amounts(original.budget.parts));
    }
    // a part with another amount in the second file is a conflict, named
    const changed = toTidyCsv(original.budget).replace(
      /\ngesamt,haushalt,satzung,ertraege,ansatz,(\d{4}),(\d+)\.00,/u,
      (_m, y: string, a: string) => `\ngesamt,haushalt,satzung,ertraege,ansatz,${y},${Number(a) + 1}.00,`,
    );
    expect(changed).not.toBe(toTidyCsv(original.budget));
    writeFileSync(copy, changed);
    const twice = await importFiles([csv, copy]);
    expect(twice.ok).toBe(false);
    if (!twice.ok)
      expect(twice.errors.map((e) => e.message)).toEqual([
        `Die Haushaltssatzung steht in ${csv} und in ${copy}; ein Haushalt hat jeden Teil nur einmal (bitte eine der Dateien weglassen)`,
      ]);
  });

  it('keys that look like a sum, a path or a formula, a Kreis with its Kreisumlage, come back as they were', () => {
    const eur = (euros: number) => ({ amount: euros * 100, decimals: 0 as const });
    const budget: Budget = {
      year: 2026,
      nodes: [],
      notes: [],
      files: [],
      parts: {
        satzung: { year: 2026, kind: 'kreis', figures: { ertraege: eur(1000) }, kreisumlage: '34,5' },
        fraktionen: {
          year: 2026,
          columns: [
            { id: 'c1', label: 'Geldleistungen 2026', year: 2026 },
            { id: 'c2', label: 'Geldleistungen 2026 (Nachtrag)', year: 2026 },
            { id: 'c3', label: 'Summe 2026', year: 2026, total: true },
          ],
          rows: [
            { name: 'summe', amounts: { c1: eur(1), c2: eur(2), c3: eur(3) } },
            { name: '=HYPERLINK("x")', amounts: { c1: eur(4), c3: eur(4) } },
            { name: 'A/B 100%', amounts: { c1: eur(5), c3: eur(5) } },
            { name: 'A/B 100%', amounts: { c1: eur(6), c3: eur(6) } },
          ],
          sum: { name: 'Summe', amounts: { c1: eur(16), c2: eur(2), c3: eur(18) } },
        },
        investitionsprogramm: {
          year: 2026,
          columns: [{ kind: 'ansatz', year: 2026 }],
          rows: [
            { number: 'I/2023', name: '', unit: '01/02', amounts: { 'ansatz:2026': eur(-7) } },
            { number: 'summe', name: '', amounts: { 'ansatz:2026': eur(-8) } },
            { number: 'I/2023', name: '', unit: '01/02', amounts: { 'ansatz:2026': eur(-9) } },
          ],
        },
      },
    };
    const csv = toTidyCsv(budget);
    expect(csv).toContain(`\ngesamt,haushalt,fraktionen,"'=HYPERLINK(""x"")",geld,2026,4.00,`);
    expect(csv).toContain('\ngesamt,haushalt,fraktionen,%73umme,geld#2,2026,2.00,');
    expect(csv).toContain('\ngesamt,haushalt,investitionsprogramm,01%2F02/I%2F2023/#2,ansatz,2026,-9.00,');
    const r = importTidyCsv(csv, 'schluessel.csv');
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n'));
    const back = r.budget.parts!;
    expect(back.satzung!.kind).toBe('kreis');
    expect(back.satzung!.kreisumlage).toBe('34,5');
    expect(back.fraktionen!.rows.map((x) => x.name)).toEqual(
      budget.parts!.fraktionen!.rows.map((x) => x.name),
    );
    expect(back.fraktionen!.columns.map((c) => [c.id, c.year, c.total ?? false])).toEqual([
      ['c1', 2026, false],
      ['c2', 2026, false],
      ['c3', 2026, true],
    ]);
    expect(back.investitionsprogramm!.rows.map((x) => [x.unit, x.number])).toEqual([
      ['01/02', 'I/2023'],
      [undefined, 'summe'],
      ['01/02', 'I/2023'],
    ]);
    for (const p of ['satzung', 'fraktionen', 'investitionsprogramm'] as const)
      expect(amounts(back[p], p), p).toEqual(amounts(budget.parts![p], p));
    expect(toTidyCsv(r.budget)).toBe(csv);
  });

  it('refuses a part row it cannot place, naming the line', () => {
    const header = 'node,level,plan,line,kind,year,amount,schema';
    const bad = (row: string, unit = false) => {
      const r = importTidyCsv(`${header}${unit ? ',printed_in' : ''}\n${row}\n`, 'teile.csv');
      expect(r.ok).toBe(false);
      return r.ok ? [] : r.errors.map((e) => `${e.line ?? ''}: ${e.message}`);
    };
    expect(bad('43,produktbereich,querschnitt,01,ertraege,2026,1.00,')[0]).toMatch(
      /^2: Teil querschnitt: node „43“/u,
    );
    expect(bad('gesamt,haushalt,stellenplan,einheit/01/X,beamte,2026,1.2345,')[0]).toMatch(
      /keine Stellenzahl/u,
    );
    expect(bad('gesamt,haushalt,ruecklagen,allgemeineAnfang,betrag,2026,1.00,,EUR', true)[0]).toMatch(
      /nennt keine Einheit \(erwartet z\. B\. MioEUR:1\)/u,
    );
    expect(bad('gesamt,haushalt,ruecklagen,irgendwas,betrag,2026,1.00,,EUR:2', true)[0]).toMatch(
      /Zeile „irgendwas“ unbekannt/u,
    );
    const twice = 'gesamt,haushalt,querschnitt,01,ertraege,2026,1.00,';
    expect(bad(`${twice}\n${twice}`)[0]).toMatch(/^3: .*steht schon in Zeile 2/u);
  });
});
