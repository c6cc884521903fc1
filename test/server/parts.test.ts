/**
 * `GET /api/versions/:v/parts` on SQLite: who may read the parts (as the whole version: anonymous only a public
 * version, a Leser the released ones, a Fachbereich not an Anmeldung it reads only its Produktbereiche of), and
 * what the view holds — a generated budget's printed Satzung and Querschnitt with one row changed (the cell, its
 * column's sum and the row's Ergebnis marked with their findings; the printed and the derived value side by
 * side), the parts derived from the plans where none is printed, and Münster's Rücklagen (the § 76 test per
 * planning year with its figures, § 75) and Stellenplan as imported. Every answer fits the contract.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartsView } from '../../src/server/contract/parts.js';
import type { Store, VersionInfo } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import {
  generatedRows,
  generatedData,
  generatedWithParts,
  laenderBudget,
  muensterWithParts,
} from '../parts-budgets.js';
import {
  addUsers,
  call,
  clients,
  generatedBudget,
  importAt,
  memoryServer,
  type Client,
  type Who,
} from './helpers.js';
import type { Violation } from './contract-check.js';

let store: Store;
let app: FastifyInstance;
let violations: Violation[];
let who: Record<Who, Client>;
let changed: VersionInfo;
let plain: VersionInfo;
let muenster: VersionInfo;
let hessen: VersionInfo;

/** The third Produktbereich's Aufwendungen printed 5.000 € higher (positive print: −5.000 € in the signed view). */
const ROW = 2;
const DELTA = -5_000_00;

beforeAll(async () => {
  ({ store, app, violations } = await memoryServer());
  await addUsers(store);
  changed = await importAt(
    store,
    generatedWithParts({ row: ROW, column: 'aufwendungen', delta: DELTA }),
    'entwurf',
    'Mit Teilen',
  );
  plain = await importAt(store, generatedBudget(6), 'bestaetigt', 'Ohne Teile');
  muenster = await importAt(store, await muensterWithParts(), 'anmeldung', 'Münster');
  hessen = await importAt(store, laenderBudget('he', 'he-finanz'), 'entwurf', 'Hessen');
  who = await clients(app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  expect(violations).toEqual([]);
});

const parts = async (c: Client, v: VersionInfo) => call(app, c, 'GET', `/api/versions/${v.id}/parts`);
const view = async (c: Client, v: VersionInfo): Promise<PartsView> => {
  const r = await parts(c, v);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<PartsView>();
};

describe('access to the parts', () => {
  it('as the whole version: the Kämmerei always, a Leser released versions, anonymous public ones', async () => {
    expect((await parts(who.kaemmerei, changed)).statusCode).toBe(200);
    expect((await parts(who.leser, changed)).statusCode).toBe(403);
    expect((await parts(who.anonymous, changed)).statusCode).toBe(401);
    // released to the council: the Leser reads it, anonymous readers not until it is public
    expect((await parts(who.leser, plain)).statusCode).toBe(200);
    expect((await parts(who.anonymous, plain)).statusCode).toBe(401);
    await store.setVersionOptions(SYSTEM_ACTOR, plain.id, { publicRead: true });
    expect((await parts(who.anonymous, plain)).statusCode).toBe(200);
  });

  it('not to a Fachbereich that reads only its Produktbereiche of an Anmeldung', async () => {
    const r = await parts(who.fachbereich, muenster);
    expect(r.statusCode).toBe(403);
    expect(r.json<{ message: string }>().message).toMatch(/ganzen Haushalt/u);
    expect(r.body).not.toContain('Rücklage');
    expect((await parts(who.anonymous, muenster)).statusCode).toBe(401);
    expect((await call(app, who.kaemmerei, 'GET', '/api/versions/999999/parts')).statusCode).toBe(404);
  });
});

describe('the parts of a generated budget with a printed Satzung and Querschnitt', () => {
  it('shows the changed row marked in its cell, its column’s sum and its Ergebnis, with the findings', async () => {
    const v = await view(who.kaemmerei, changed);
    const q = v.querschnitt!;
    expect(q.origin).toBe('importiert');
    expect(q.signs).toBe('positive');
    expect(q.rows.map((r) => r.code)).toEqual(generatedRows.map((r) => r.code));
    const code = generatedData.areas[ROW]!.code;
    const row = q.rows.find((r) => r.code === code)!;
    const cell = row.cells.find((c) => c.column === 'aufwendungen')!;
    // printed: the Teilplan's amount rounded to euros, 5.000 € more Aufwendungen; the plans' sum beside it
    expect(cell.value!.amount - cell.derived!).toBe(DELTA);
    expect(cell.value!.source).toMatchObject({ file: 'teile.txt' });
    expect(cell.value!.source!.line).toBeGreaterThan(0);
    expect(cell.basis).toBe(`Teilergebnisplan ${code} (Zeilen 17, 20, 24)`);
    const byKey = new Map(v.findings.map((f) => [f.key, f]));
    // errors only: the sums of whole euros differ from the sums of cents by rounding elsewhere (noted, not marked)
    const marked = (r: (typeof q.rows)[number]) =>
      r.cells
        .filter((c) => c.findings.some((k) => byKey.get(k)?.severity === 'error'))
        .map((c) => `${r.code || 'Summe'}:${c.column}`);
    expect(q.rows.flatMap(marked).sort()).toEqual([
      `${code}:aufwendungen`,
      `${code}:ergebnis`,
      'Summe:aufwendungen',
    ]);
    // every key names a finding of the view, an error of the rule `querschnitt`
    for (const key of cell.findings) {
      expect(byKey.get(key)).toMatchObject({ rule: 'querschnitt', severity: 'error', node: code });
      expect(byKey.get(key)!.message).toMatch(/Spalte Aufwendungen/u);
    }
    // the part names every finding of its rule, the rounding notes of the sums too
    expect(q.findingKeys.length).toBeGreaterThan(3);
    expect(q.findingKeys.every((k) => byKey.get(k)?.rule === 'querschnitt')).toBe(true);
    expect(v.satzung!.findingKeys.every((k) => byKey.get(k)?.rule === 'satzung')).toBe(true);
    const sum = q.rows.at(-1)!;
    expect(sum.sum).toBe(true);
    expect(
      byKey.get(
        sum.cells
          .find((c) => c.column === 'aufwendungen')!
          .findings.find((k) => byKey.get(k)!.severity === 'error')!,
      )!.message,
    ).toMatch(/Summenzeile/u);
  });

  it('shows the Satzung as printed beside the figures derived from the plans, and its text', async () => {
    const s = (await view(who.kaemmerei, changed)).satzung!;
    expect(s.origin).toBe('importiert');
    expect(s.kind).toBe('gemeinde');
    const ertraege = s.figures.find((f) => f.id === 'ertraege')!;
    expect(ertraege.printed!.amount).toBe(ertraege.derived);
    expect(ertraege.difference).toBe(0);
    expect(ertraege.findings).toEqual([]);
    expect(ertraege.printed!.source!.file).toBe('teile.txt');
    expect(s.hebesaetze).toContainEqual({ name: 'Grundsteuer B', satz: '495' });
    expect(s.text).toMatch(/^Haushaltssatzung .*für das Haushaltsjahr 2026\n/u);
    expect(s.text).toContain('Grundsteuer B: 495 v. H.');
  });

  it('derives Satzung, Querschnitt and VE overview from the plans where none is printed', async () => {
    const v = await view(who.leser, plain);
    expect(v.satzung!.origin).toBe('abgeleitet');
    expect(v.satzung!.template).toBe('muster');
    expect(v.satzung!.figures.find((f) => f.id === 'ertraege')!.printed).toBeNull();
    expect(v.satzung!.figures.find((f) => f.id === 'ertraege')!.derived).toBeGreaterThan(0);
    expect(v.satzung!.text).toContain('Haushaltssatzung … für das Haushaltsjahr');
    expect(v.querschnitt!.origin).toBe('abgeleitet');
    for (const r of v.querschnitt!.rows)
      for (const c of r.cells) if (c.value) expect(c.value.amount).toBe(c.derived);
    expect(v.ve?.origin ?? 'abgeleitet').toBe('abgeleitet');
    expect(v.ruecklagen).toBeNull();
    expect(v.stellenplan).toBeNull();
    expect(v.findings).toEqual([]);
  });
});

describe('Münster 2026/2027: Rücklagen and Stellenplan as imported', () => {
  it('shows the development in Mio. € as printed, the § 76 test per planning year and § 75', async () => {
    const v = await view(who.kaemmerei, muenster);
    const r = v.ruecklagen!;
    expect(r.origin).toBe('importiert');
    expect(r.unit).toBe('MioEUR');
    expect(r.years).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    const ende = r.rows.find((x) => x.id === 'allgemeineEnde')!;
    expect(ende.cells.find((c) => c.year === 2026)!.figure).toMatchObject({
      amount: 662_9 * 10_000_000,
      decimals: 1,
    });
    expect(ende.source!.file).toMatch(/ruecklagen_2024_2030\.csv$/u);
    // the planning period from the Doppelhaushalt's first year: 2026 to 2030, none over a quarter, 2027 and
    // 2030 over a twentieth but not in two consecutive years
    expect(r.hsk.periodStart).toBe(2026);
    expect(r.hsk.years.map((y) => [y.year, y.twentieth, y.quarter])).toEqual([
      [2026, 'nein', 'nein'],
      [2027, 'ja', 'nein'],
      [2028, 'nein', 'nein'],
      [2029, 'nein', 'nein'],
      [2030, 'ja', 'nein'],
    ]);
    expect(r.hsk.required).toBe('nein');
    const y2027 = r.hsk.years.find((y) => y.year === 2027)!;
    expect(y2027.start.amount).toBe(662_9 * 10_000_000);
    expect(y2027.reduction.value).toBe(37_9 * 10_000_000);
    expect(r.ausgleich.find((y) => y.year === 2026)!.result).toBe('nicht');
    // the § 75 result of 2026 to 2030 and the forecast of 2025 are the part's findings; only the latter is a
    // difference marked in its cell
    const rules = new Set(v.findings.filter((f) => r.findingKeys.includes(f.key)).map((f) => f.rule));
    expect([...rules].sort()).toEqual(['haushaltsausgleich-75', 'hsk-76', 'ruecklagen-ergebnisplan']);
    const je = r.rows.find((x) => x.id === 'jahresergebnis')!;
    expect(je.cells.filter((c) => c.findings.length > 0).map((c) => c.year)).toEqual([2025]);
  });

  it('shows the Stellenplan per Produktgruppe and year with its sums', async () => {
    const s = (await view(who.kaemmerei, muenster)).stellenplan!;
    expect(s.years).toEqual([2026, 2027]);
    const gleich = s.rows.find((x) => x.code === '0104')!;
    const value = (cat: string, year: number) =>
      gleich.values.find((x) => x.category === cat && x.year === year)!;
    expect(value('gesamt', 2026).value).toBe(7_000);
    expect(value('gesamt', 2027).value).toBe(7_270);
    expect(value('beamte', 2027).source!.file).toMatch(/stellenplan_2026_2027\.csv$/u);
    const total = s.rows.find((x) => x.role === 'gesamt')!;
    expect(total.values.find((x) => x.category === 'gesamt' && x.year === 2026)!.value).toBe(4_898_320);
    expect(s.changes).toBe(23);
    // PG 0102 has its Teilergebnisplan in the budget: 1.599.300 € Personalaufwendungen for 21,31 posts in 2026
    expect(s.personalaufwand.find((p) => p.code === '0102' && p.year === 2026)).toMatchObject({
      amount: 1_599_300_00,
      stellen: 21_310,
    });
    expect(
      Math.round(s.personalaufwand.find((p) => p.code === '0102' && p.year === 2026)!.perPost / 100),
    ).toBe(75_049);
  });
});

describe('a Hessian budget: the Satzung in its own Land’s words', () => {
  it('derives the Gesamtbeträge from the Ergebnis- and Finanzhaushalt, names § 94 HGO, no NRW Muster, no Querschnitt', async () => {
    const v = await view(who.kaemmerei, hessen);
    const s = v.satzung!;
    expect(s.origin).toBe('abgeleitet');
    const ertraege = s.figures.find((f) => f.id === 'ertraege')!;
    expect(ertraege.derived).toBe(1_757_000_00);
    expect(ertraege.basis).toBe('Gesamtergebnisplan, Zeilen 10, 21, 25');
    expect([ertraege.law, s.law]).toEqual(['§ 94 Abs. 2 HGO', '§ 94 Abs. 2 HGO']);
    expect(s.text).toContain('Aufgrund des § 94 Abs. 2 HGO');
    expect(s.text).toContain('im Ergebnishaushalt mit');
    expect(s.text).toContain('dem Gesamtbetrag der Erträge auf 1.757.000 EUR');
    expect(s.text).toContain('im Finanzhaushalt mit');
    expect(s.text).not.toMatch(/NRW|Nordrhein-Westfalen|Ausgleichsrücklage|\{\{/u);
    // the figures of the Länder's template: NRW's Rücklagen (§ 75 GO NRW) left out, the paragraphs counted on
    expect(s.figures.map((f) => `${f.paragraph} ${f.id}`)).toEqual([
      ...['ertraege', 'aufwendungen', 'einzahlungenLfd', 'auszahlungenLfd', 'einzahlungenInv'].map(
        (id) => `1 ${id}`,
      ),
      ...['auszahlungenInv', 'einzahlungenFin', 'auszahlungenFin'].map((id) => `1 ${id}`),
      '2 kredite',
      '3 ve',
      '4 liquiditaetskredite',
    ]);
    expect(s.text).toContain('§ 4\nDer Höchstbetrag der Liquiditätskredite');
    expect(v.querschnitt).toBeNull();
  });
});
