/**
 * The audit trail through the API, as the Kämmerei and the Rechnungsprüfung read it: each entry says in German
 * what it changed (unit, plan, line with its label, column), and the trail filters by unit (and the units below
 * it), person and period.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, VersionInfo } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { NodeView } from '../../src/server/node-view.js';
import {
  addUsers,
  call,
  clients,
  importAt,
  memoryServer,
  referenceBudget,
  type Client,
  type Who,
} from './helpers.js';
import type { Violation } from './contract-check.js';

let store: Store;
let app: FastifyInstance;
let violations: Violation[];
let who: Record<Who, Client>;
let v: VersionInfo;

interface Entry {
  readonly action: string;
  readonly actor: string;
  readonly target: string;
  readonly what: string;
}

/** Two units of the budget where one is below the other's parent: the first two Produktgruppen. */
const units: { code: string; name: string; label: string; line: string }[] = [];
/** The budget year's Ansatz: the last Ansatz column. */
let year = 0;

async function editLine(code: string, line: string): Promise<void> {
  const view = (
    await call(app, who.kaemmerei, 'GET', `/api/versions/${v.id}/nodes/${code}`)
  ).json<NodeView>();
  const plan = view.plans.find((p) => p.type === 'teilergebnisplan')!;
  const col = plan.columns.findLastIndex((c) => c.kind === 'ansatz');
  year = plan.columns[col]!.year;
  const row = plan.lines.find((l) => l.line === line)!;
  const cell = row.cells[col]!;
  const r = await call(app, who.kaemmerei, 'PUT', `/api/versions/${v.id}/cells`, {
    node: code,
    plan: 'teilergebnisplan',
    line,
    column: { kind: 'ansatz', year },
    amount: (cell.amount ?? 0) - 100_00,
    rev: cell.rev,
    reason: 'Prüfung des Protokolls',
  });
  expect(r.statusCode, r.body).toBe(200);
}

beforeAll(async () => {
  ({ store, app, violations } = await memoryServer());
  await addUsers(store);
  v = await importAt(store, await referenceBudget(), 'entwurf');
  who = await clients(app);
  const budget = await store.loadBudget(SYSTEM_ACTOR, v.id);
  const groups = budget.nodes.filter((n) => n.level === 'produktgruppe').slice(0, 2);
  for (const g of groups) {
    const view = (
      await call(app, who.kaemmerei, 'GET', `/api/versions/${v.id}/nodes/${g.code}`)
    ).json<NodeView>();
    const plan = view.plans.find((p) => p.type === 'teilergebnisplan')!;
    // a detail line (not a total) with an amount in the budget year
    const line = plan.lines.find((l) => !l.total && l.editable)!;
    units.push({ code: g.code, name: g.name, label: line.label, line: line.line });
  }
  for (const u of units) await editLine(u.code, u.line);
  const options = await call(app, who.kaemmerei, 'PATCH', `/api/versions/${v.id}/options`, {
    publicRead: true,
  });
  expect(options.statusCode).toBe(200);
}, 120_000);

afterAll(async () => {
  await app.close();
  await store.close();
  expect(violations).toEqual([]);
});

const audit = async (query = ''): Promise<Entry[]> => {
  const r = await call(app, who.kaemmerei, 'GET', `/api/audit?version=${v.id}${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ entries: Entry[] }>().entries;
};

describe('the audit trail in German', () => {
  it('names unit, plan, line with its label and column of every amount changed', async () => {
    const cells = (await audit()).filter((e) => e.action === 'cell');
    expect(cells.map((e) => e.what)).toEqual(
      units.map(
        (u) =>
          `Produktgruppe ${u.code} ${u.name} · Teilergebnisplan, Zeile ${u.line} „${u.label}“ · Ansatz ${year}`,
      ),
    );
    const options = (await audit()).find((e) => e.action === 'version-options')!;
    expect(options.what).toBe(`Fassung ${v.id}`);
  });

  it('filters by unit (and the units below it), person and period', async () => {
    const [first, second] = units;
    expect((await audit(`&unit=${first!.code}`)).map((e) => e.target.split('|')[0])).toEqual([first!.code]);
    expect((await audit(`&unit=${second!.code}`)).map((e) => e.target.split('|')[0])).toEqual([second!.code]);
    const parent = first!.code.split('.').slice(0, -1).join('.');
    expect((await audit(`&unit=${parent}`)).filter((e) => e.action === 'cell')).toHaveLength(
      units.filter((u) => u.code.startsWith(`${parent}.`)).length,
    );
    // an unknown code, or one that only starts like a unit's, matches nothing
    expect(await audit(`&unit=${first!.code}9`)).toEqual([]);
    expect(await audit('&unit=%25')).toEqual([]);
    const all = await audit();
    expect(await audit('&user=kaemmerin')).toHaveLength(all.filter((e) => e.actor === 'kaemmerin').length);
    expect(await audit('&user=fb43')).toEqual([]);
    const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
    expect(await audit(`&from=${day}&to=${day}`)).toHaveLength(all.length);
    const tomorrow = new Date(Date.now() + 86_400_000);
    const next = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(tomorrow);
    expect(await audit(`&from=${next}`)).toEqual([]);
    expect(
      (await call(app, who.kaemmerei, 'GET', `/api/audit?version=${v.id}&from=2026-13-01`)).statusCode,
    ).toBe(400);
  });
});
