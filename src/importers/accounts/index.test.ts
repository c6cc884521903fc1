/**
 * Account-level exports: Wesel 2017 (Sachkonto per product, the city's own mapping with gaps and a double
 * entry, a grand-total row) and Moers 2016 (Kontengruppe per Profitcenter).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { DATA, REPO_ROOT } from '../../../test/paths.js';
import { check } from '../../core/check/index.js';
import { toTidyCsv } from '../../exporters/tidy-csv.js';
import type { Budget } from '../../core/model.js';
import { parseGermanAmount } from '../../core/money.js';
import { decode, importFiles, loadMapping, loadProfile } from '../index.js';
import { parseCsv } from '../table/csv.js';
import type { AccountMapping } from './mapping.js';
import { importAccounts, type AccountProfile } from './index.js';
import { reconcile } from '../../core/ledger.js';
import { resolveAccount } from './mapping.js';

const WESEL = path.join(DATA, 'wesel-2017/hhplan2017.csv');

async function weselMapping(): Promise<AccountMapping> {
  const m = await loadMapping(path.join(DATA, 'wesel-2017/kontenrahmen.csv'));
  if (!m.ok) throw new Error(m.error.message);
  return m.mapping;
}

async function load(file: string, profileName: string, mapping?: AccountMapping): Promise<Budget> {
  const p = await loadProfile(path.join(REPO_ROOT, 'data/profiles', profileName));
  if (!p.ok) throw new Error(p.error.message);
  const r = await importFiles([file], { profile: p.profile, ...(mapping ? { mapping } : {}) });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

function leafSum(b: Budget, kind: string, year: number): number {
  const parents = new Set(b.nodes.map((n) => n.parent));
  let sum = 0;
  for (const n of b.nodes) {
    if (parents.has(n.code)) continue;
    for (const p of n.plans)
      for (const l of p.lines)
        for (const c of l.cells) if (c.column.kind === kind && c.column.year === year) sum += c.amount;
  }
  return sum;
}

describe('Wesel 2017, account level', () => {
  it('puts every row on a plan line or reports it outside the plans, reconciling the grand total to the cent', async () => {
    const mapping = await weselMapping();
    const b = await load(WESEL, 'wesel-sap.json', mapping);
    const products = b.nodes.filter((n) => n.level === 'produkt');
    expect(products.length).toBeGreaterThan(90);
    expect(products.every((n) => n.plans.some((p) => p.type === 'teilergebnisplan'))).toBe(true);
    expect(b.nodes.filter((n) => n.level === 'produktbereich').length).toBe(16);
    const totalNote = b.notes.find((n) => n.rule === 'total-row')!;
    expect(totalNote.message).toMatch(/stimmt in allen 10 Spalten auf den Cent/u);

    // independent recount: every row the mapping puts on a line is in the plans, with SAP signs turned round
    const decoded = decode(readFileSync(WESEL));
    if (!decoded.ok) throw new Error(decoded.message);
    const parsed = parseCsv(decoded.text);
    if (!parsed.ok) throw new Error(parsed.message);
    const [header, ...rows] = parsed.rows;
    const col = header!.indexOf('Plan 2017');
    let mapped = 0;
    let outside = 0;
    let total = 0;
    for (const r of rows) {
      const amount = parseGermanAmount(r[col] ?? '')?.cents ?? 0;
      if (r[0] === '') {
        total = amount;
        continue;
      }
      if (resolveAccount(mapping, r[3]!).kind === 'line') mapped += amount;
      else outside += amount;
    }
    expect(leafSum(b, 'ansatz', 2017)).toBe(-mapped);
    expect(mapped + outside).toBe(total);
  });

  it('reports the gaps and the double entry of the city’s mapping instead of guessing', async () => {
    const b = await load(WESEL, 'wesel-sap.json', await weselMapping());
    const problems = b.notes.filter((n) => n.rule === 'mapping-problem').map((n) => n.message);
    expect(problems).toEqual([
      expect.stringMatching(
        /^Präfix 448 ist doppelt zugeordnet: kontenrahmen\.csv, Zeile 9: E5 .* Zeile 10: E6/u,
      ),
    ]);
    const outside = b.notes
      .filter((n) => n.rule === 'outside-plans' && n.severity === 'warning')
      .map((n) => n.message);
    expect(outside.some((m) => /Konten 448\): Kontenrahmen ordnet 448 doppelt zu/u.test(m))).toBe(true);
    expect(outside.some((m) => /Konten 55\): .*Lücke/u.test(m))).toBe(true);
    expect(
      b.notes.some(
        (n) =>
          n.rule === 'outside-plans' && /Konten 97, 98\): Kosten- und Leistungsrechnung/u.test(n.message),
      ),
    ).toBe(true);
    expect(check(b).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('maps with the common NRW table when no city mapping is given', async () => {
    const b = await load(WESEL, 'wesel-sap.json');
    expect(b.notes.filter((n) => n.rule === 'mapping-problem')).toEqual([]);
    const tfp = b.nodes.flatMap((n) => n.plans).filter((p) => p.type === 'teilfinanzplan');
    expect(tfp.length).toBeGreaterThan(0);
    expect(tfp.every((p) => p.lines.every((l) => Number(l.line) >= 18 && Number(l.line) <= 29))).toBe(true);
  });
});

describe('Moers 2016, Kontengruppe × Profitcenter', () => {
  it('builds a plan per product, keeps bookings on groups apart and reports the broken row', async () => {
    const b = await load(path.join(DATA, 'moers-2016/Haushalt.csv'), 'moers-sap.json');
    expect(b.nodes.filter((n) => n.level === 'produkt').length).toBeGreaterThan(100);
    expect(b.notes.filter((n) => n.rule === 'direct-bookings').length).toBeGreaterThan(0);
    const broken = b.notes.filter((n) => n.rule === 'outside-plans');
    expect(broken).toHaveLength(1);
    expect(broken[0]!.message).toMatch(/Zeile 984: „sonstige ordentliche Aufwendungen“/u);
    const findings = check(b);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    // parents are exact sums of their children
    expect(findings.filter((f) => f.rule === 'parent-sum')).toEqual([]);
    // SAP signs turned round: Personalaufwendungen negative, Zuwendungen positive
    const pg = b.nodes.find((n) => n.code === '01.04')!;
    const te = pg.plans.find((p) => p.type === 'teilergebnisplan')!;
    expect(te.lines.find((l) => l.line === '11')!.cells[0]!.amount).toBeLessThan(0);
    expect(te.lines.find((l) => l.line === '02')!.cells[0]!.amount).toBeGreaterThan(0);
  });
});

describe('account exports as XLSX', () => {
  it('gives the same budget as the CSV export', async () => {
    const csvFile = path.join(DATA, 'moers-2016/Haushalt.csv');
    const decoded = decode(readFileSync(csvFile));
    if (!decoded.ok) throw new Error(decoded.message);
    const parsed = parseCsv(decoded.text);
    if (!parsed.ok) throw new Error(parsed.message);
    // every cell as text, as the CSV has it
    const data = parsed.rows.map((row) => row.map((value) => ({ type: String, value })));
    const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-xlsx-'));
    const xlsx = path.join(dir, 'Haushalt.xlsx');
    writeFileSync(xlsx, await writeXlsxFile([{ sheet: 'Haushalt', data }]).toBuffer());
    const fromCsv = await load(csvFile, 'moers-sap.json');
    const fromXlsx = await load(xlsx, 'moers-sap.json');
    expect(toTidyCsv(fromXlsx)).toBe(toTidyCsv(fromCsv));
  });
});

describe('an export of positive amounts with a direction column', () => {
  const profile: AccountProfile = {
    id: 'richtung',
    title: 'Beträge positiv, Richtung in einer Spalte',
    kind: 'accounts',
    columns: { product: 'Profitcenter', account: 'Kostenart', direction: 'Richtung' },
    productCode: {
      pattern: '^(\\d{1,2})(\\d{2})(\\d{2})?$',
      levels: ['produktbereich', 'produktgruppe', 'produkt'],
    },
    signs: 'direction',
    budgetYears: [2026],
  };
  const csv = [
    'Profitcenter;Kostenart;Richtung;Plan 2026',
    '10101;41100000;Ertrag;1.000,00',
    '10101;50100000;Aufwand;400,00',
    '10101;50200000;Ertrag;50,00',
    '10101;52100000;Aufwand;1.2?3',
    '10101;52200000;Umbuchung;7,00',
  ].join('\n');

  it('signs each amount by its direction, keeps and reports a row contradicting its line, and an unreadable cell', () => {
    const r = importAccounts(csv, 'r.csv', profile);
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const product = r.budget.nodes.find((n) => n.code === '01.01.01')!;
    const plan = product.plans.find((p) => p.type === 'teilergebnisplan')!;
    // the row with the unreadable amount comes in without it (its account's line has nothing else)
    expect(plan.lines.map((l) => `${l.line} ${l.cells[0]!.amount}`)).toEqual([
      '02 100000',
      '11 -35000',
      '13 0',
    ]);
    expect(
      r.budget.notes.filter((n) => n.severity !== 'info').map((n) => `${n.rule} ${n.source?.line}`),
    ).toEqual(['unreadable-amount 5', 'direction-contradicts-line 4']);
    expect(r.budget.notes.find((n) => n.rule === 'direction-contradicts-line')!.message).toMatch(
      /^1 Zeile mit Richtung „Ertrag“ auf Teilergebnisplan, Zeile 11 \(Personalaufwendungen\), die Aufwendungen\/Auszahlungen zählt/u,
    );
    // the row of an unknown direction: outside the plans with its reason, to the cent
    const [row] = reconcile(r.budget, r.ledger);
    expect(row).toMatchObject({ read: { amount: 65_700 }, placed: { amount: 65_000 }, difference: 0 });
    expect(row!.outside.map((o) => `${o.amount} ${o.reason.split(' (')[0]}`)).toEqual([
      '700 Richtung „Umbuchung“ unbekannt',
    ]);
  });

  it('refuses a profile whose direction column is missing', () => {
    const r = importAccounts(csv.replace('Richtung', 'Art'), 'r.csv', profile);
    expect(r.ok ? '' : r.errors[0]!.message).toMatch(/^Spalte „Richtung“ erwartet/u);
  });
});
