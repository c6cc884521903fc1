/**
 * `GET /api/versions/:v/parts` on SQLite, the Anlagen: a generated budget's Investitionsprogramm,
 * Verbindlichkeiten and Zuwendungen an die Fraktionen as imported, with one printed amount changed in each — the
 * changed cell carries the findings of its rule with the plans' figure beside it (the measure's Ansatz against
 * its Teilfinanzplan, the Investitionskredite at the end against Aufnahme and Tilgung of the Gesamtfinanzplan,
 * a Fraktion's total against its columns), and the sums they break; unchanged, nothing is marked; without a
 * printed programme it is derived from the investment tables, and the other two are absent. Every answer fits
 * the contract.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnKey } from '../../src/core/model.js';
import { deriveInvestitionsprogramm } from '../../src/core/parts/investitionsprogramm.js';
import type { PartsView } from '../../src/server/contract/parts.js';
import type { Store, VersionInfo } from '../../src/store/api.js';
import { anlagenData, anlagenPlans, generatedWithAnlagen, PLANTED } from '../anlagen-budgets.js';
import { addUsers, call, clients, importAt, memoryServer, type Client } from './helpers.js';
import type { Violation } from './contract-check.js';

let store: Store;
let app: FastifyInstance;
let violations: Violation[];
let kaemmerei: Client;
let changed: VersionInfo;
let clean: VersionInfo;
let plansOnly: VersionInfo;

beforeAll(async () => {
  ({ store, app, violations } = await memoryServer());
  await addUsers(store);
  changed = await importAt(store, generatedWithAnlagen(true), 'entwurf', 'Geändert');
  clean = await importAt(store, generatedWithAnlagen(false), 'entwurf', 'Wie gedruckt');
  plansOnly = await importAt(store, anlagenPlans, 'entwurf', 'Nur Pläne');
  kaemmerei = (await clients(app)).kaemmerei;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await store?.close();
  expect(violations).toEqual([]);
});

const view = async (v: VersionInfo): Promise<PartsView> => {
  const r = await call(app, kaemmerei, 'GET', `/api/versions/${v.id}/parts`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<PartsView>();
};

/** The cells whose findings hold an error, as `row:column`. */
function marked(
  v: PartsView,
  rows: readonly { cells: readonly { column: string; findings: readonly string[] }[] }[],
  name: (i: number) => string,
): string[] {
  const errors = new Set(v.findings.filter((f) => f.severity === 'error').map((f) => f.key));
  return rows.flatMap((r, i) =>
    r.cells.filter((c) => c.findings.some((k) => errors.has(k))).map((c) => `${name(i)}:${c.column}`),
  );
}

const year = anlagenData.year;
const derived = deriveInvestitionsprogramm(anlagenPlans)!;

describe('the Anlagen of a generated budget, one amount changed in each', () => {
  it('Investitionsprogramm: the measure’s cell with its Teilfinanzplan’s figure, its Gesamtausgabe and the sum', async () => {
    const v = await view(changed);
    const p = v.investitionsprogramm!;
    expect(p.origin).toBe('importiert');
    expect(p.signs).toBe('positive');
    expect(p.columns.map((c) => c.id)).toEqual(derived.columns.map(columnKey));
    const measure = derived.rows[PLANTED.programm.row]!;
    const row = p.rows.find((r) => r.number === measure.number)!;
    expect(row.unit).toBe(measure.unit);
    const cell = row.cells.find((c) => c.column === PLANTED.programm.column)!;
    // printed positive, 100 € more: 100 € more Auszahlung in the signed view, beside the plan's cents
    expect(cell.derived).toBe(measure.amounts[PLANTED.programm.column]!.amount);
    expect(Math.abs(cell.value!.amount - cell.derived! + 100_00)).toBeLessThanOrEqual(50);
    expect(cell.basis).toBe(`Teilfinanzplan ${measure.unit}, Maßnahme ${measure.number}`);
    expect(cell.value!.source).toMatchObject({ file: 'programm.csv', line: PLANTED.programm.row + 3 });
    const byKey = new Map(v.findings.map((f) => [f.key, f]));
    const errors = cell.findings.map((k) => byKey.get(k)!).filter((f) => f.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      rule: 'investitionsprogramm',
      node: measure.unit,
      line: measure.number,
    });
    expect(errors[0]!.message).toMatch(/Investitionsteil|Teilfinanzplans/u);
    const gesamt = columnKey(derived.columns.find((c) => c.kind === 'gesamt')!);
    expect(marked(v, p.rows, (i) => p.rows[i]!.number || 'Summe').sort()).toEqual(
      [
        `${measure.number}:${PLANTED.programm.column}`,
        `${measure.number}:${gesamt}`,
        `Summe:${PLANTED.programm.column}`,
      ].sort(),
    );
    expect(p.findingKeys.every((k) => byKey.get(k)?.rule === 'investitionsprogramm')).toBe(true);
  });

  it('Verbindlichkeiten: the Investitionskredite at the end against Aufnahme and Tilgung, and the sum', async () => {
    const v = await view(changed);
    const b = v.verbindlichkeiten!;
    expect(b.origin).toBe('importiert');
    expect(b.columns.map((c) => [c.id, c.date])).toEqual([
      ['vorjahr', `01.01.${year - 1}`],
      ['beginn', `01.01.${year}`],
      ['ende', `31.12.${year}`],
    ]);
    expect(marked(v, b.rows, (i) => b.rows[i]!.kind ?? 'summe').sort()).toEqual([
      'investitionskredite:ende',
      'summe:ende',
    ]);
    const m = b.movements.find((x) => x.kind === 'investitionskredite')!;
    expect(m.aufnahme).toBeGreaterThan(0);
    expect(m.tilgung).toBeGreaterThan(0);
    expect(m.expected).toBe(m.beginn + m.aufnahme! - m.tilgung!);
    expect(Math.abs(m.ende - m.expected! - 100_00)).toBeLessThanOrEqual(150);
    expect(m.findings.length).toBeGreaterThan(0);
    const cell = b.rows[1]!.cells.find((c) => c.column === 'ende')!;
    expect(cell.derived).toBe(m.expected);
    expect(cell.findings).toEqual(m.findings);
    expect(cell.value!.source).toMatchObject({ file: 'verbindlichkeiten.csv', line: 4 });
  });

  it('Fraktionen: the Fraktion’s total against its columns, the sum row’s column against the rows', async () => {
    const v = await view(changed);
    const f = v.fraktionen!;
    expect(f.origin).toBe('importiert');
    expect(f.year).toBe(year);
    expect(f.rows).toHaveLength(6);
    expect(f.columns.map((c) => c.total)).toEqual([false, false, true]);
    const [geld, , summe] = f.columns.map((c) => c.id);
    expect(marked(v, f.rows, (i) => (f.rows[i]!.sum ? 'Summe' : String(i))).sort()).toEqual(
      [`0:${summe}`, `Summe:${geld}`].sort(),
    );
    const cell = f.rows[0]!.cells.find((c) => c.column === summe)!;
    // the printed total stays as it was; its columns now add up to 100 € more
    expect(cell.derived! - cell.value!.amount).toBe(100_00);
  });
});

describe('the Anlagen unchanged, and without them', () => {
  it('each finding of the Anlagen has a key of its own (one cell and check each)', async () => {
    const v = await view(changed);
    const keys = v.findings.map((f) => f.key);
    expect(keys.length).toBeGreaterThan(4);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('as printed: nothing marked', async () => {
    const v = await view(clean);
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(v.investitionsprogramm!.origin).toBe('importiert');
    expect(v.verbindlichkeiten!.rows.at(-1)!.sum).toBe(true);
    expect(v.fraktionen!.rows.at(-1)!.sum).toBe(true);
  });

  it('the programme derived from the investment tables, the other two absent', async () => {
    const v = await view(plansOnly);
    const p = v.investitionsprogramm!;
    expect(p.origin).toBe('abgeleitet');
    expect(p.rows.map((r) => r.number)).toEqual([...derived.rows.map((r) => r.number), '']);
    for (const r of p.rows) for (const c of r.cells) if (c.value) expect(c.value.amount).toBe(c.derived);
    expect(v.verbindlichkeiten).toBeNull();
    expect(v.fraktionen).toBeNull();
  });
});
