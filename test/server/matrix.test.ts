/**
 * Role × endpoint × version state: what each kind of user gets, written out as a table (not computed from the
 * rules it checks). Versions: Anmeldung, Entwurf (Fachbereiche may not edit), Entwurf with Fachbereich edits
 * allowed, Beschluss (frozen; reached by the statutory steps, public since its Auslegung). The budget is the reference (PB 43) merged with a generated one (PB 01, 02, …)
 * for edits outside the Fachbereich's PB 43. Runs on SQLite and on PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeBudgets } from '../../src/core/merge.js';
import type { Store } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { buildServer } from '../../src/server/server.js';
import { checkAnswers, type Violation } from './contract-check.js';
import {
  addUsers,
  call,
  clients,
  SERVER_BACKENDS,
  generatedBudget,
  importAt,
  referenceBudget,
  type Client,
  type Who,
} from './helpers.js';

type State = 'anmeldung' | 'entwurf' | 'entwurf+fb' | 'beschluss';
const STATES: readonly State[] = ['anmeldung', 'entwurf', 'entwurf+fb', 'beschluss'];
const WHO: readonly Who[] = ['anonymous', 'leser', 'fachbereich', 'kaemmerei'];

/** Expected status per role, per state (A, E, E+FB, B). */
type Row = Readonly<Record<Who, readonly [number, number, number, number]>>;

interface Endpoint {
  readonly name: string;
  readonly expect: Row;
  readonly run: (ctx: Ctx, client: Client, version: number) => Promise<number>;
}

interface Ctx {
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly admin: Client;
}

const ANSATZ = { kind: 'ansatz', year: 2026 } as const;

async function cellRev(ctx: Ctx, v: number, node: string, line: string): Promise<number> {
  const detail = await ctx.store.getNode(SYSTEM_ACTOR, v, node);
  return detail.cellRevs[`teilergebnisplan|${line}|ansatz:2026`] ?? 0;
}

let amount = 1_000_000;
const editCell = (node: string) => async (ctx: Ctx, client: Client, v: number) => {
  const rev = await cellRev(ctx, v, node, '13');
  amount += 100;
  const r = await call(ctx.app, client, 'PUT', `/api/versions/${v}/cells`, {
    node,
    plan: 'teilergebnisplan',
    line: '13',
    column: ANSATZ,
    amount: -amount,
    rev,
    reason: 'Matrix',
  });
  return r.statusCode;
};

/** Line 13's Ansatz of some nodes changed in one step (`PATCH …/cells`). */
const editCells =
  (...nodes: string[]) =>
  async (ctx: Ctx, client: Client, v: number) => {
    const changes = [];
    for (const node of nodes) {
      amount += 100;
      changes.push({
        node,
        plan: 'teilergebnisplan',
        line: '13',
        column: ANSATZ,
        amount: -amount,
        rev: await cellRev(ctx, v, node, '13'),
      });
    }
    const r = await call(ctx.app, client, 'PATCH', `/api/versions/${v}/cells`, { changes, reason: 'Matrix' });
    return r.statusCode;
  };

/** A change of several cells: refused as a single edit is, and for a Fachbereich as `fachbereich` says. */
const patchRow = (name: string, nodes: string[], fachbereich: Row['fachbereich']): Endpoint => ({
  name,
  expect: {
    anonymous: [401, 401, 401, 401],
    leser: [403, 403, 403, 409],
    fachbereich,
    kaemmerei: [200, 200, 200, 409],
  },
  run: editCells(...nodes),
});

const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'GET node 43.01',
    expect: {
      anonymous: [401, 401, 401, 200],
      leser: [403, 403, 403, 200],
      fachbereich: [200, 403, 200, 200],
      kaemmerei: [200, 200, 200, 200],
    },
    run: async (ctx, c, v) => (await call(ctx.app, c, 'GET', `/api/versions/${v}/nodes/43.01`)).statusCode,
  },
  {
    name: 'GET node 01.01 (another Produktbereich)',
    expect: {
      anonymous: [401, 401, 401, 200],
      leser: [403, 403, 403, 200],
      fachbereich: [404, 403, 404, 200],
      kaemmerei: [200, 200, 200, 200],
    },
    run: async (ctx, c, v) => (await call(ctx.app, c, 'GET', `/api/versions/${v}/nodes/01.01`)).statusCode,
  },
  {
    name: 'GET findings',
    expect: {
      anonymous: [401, 401, 401, 200],
      leser: [403, 403, 403, 200],
      fachbereich: [200, 403, 200, 200],
      kaemmerei: [200, 200, 200, 200],
    },
    run: async (ctx, c, v) => (await call(ctx.app, c, 'GET', `/api/versions/${v}/findings`)).statusCode,
  },
  {
    // the Haushaltsplan's parts concern the whole budget: not for a reader of some Produktbereiche only
    name: 'GET the Haushaltsplan’s parts',
    expect: {
      anonymous: [401, 401, 401, 200],
      leser: [403, 403, 403, 200],
      fachbereich: [403, 403, 403, 200],
      kaemmerei: [200, 200, 200, 200],
    },
    run: async (ctx, c, v) => (await call(ctx.app, c, 'GET', `/api/versions/${v}/parts`)).statusCode,
  },
  {
    name: 'GET source documents',
    expect: {
      anonymous: [401, 401, 401, 200],
      leser: [403, 403, 403, 200],
      fachbereich: [403, 403, 403, 200],
      kaemmerei: [200, 200, 200, 200],
    },
    run: async (ctx, c, v) => (await call(ctx.app, c, 'GET', `/api/versions/${v}/documents`)).statusCode,
  },
  {
    name: 'GET Einwendungen',
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 403],
      fachbereich: [403, 403, 403, 403],
      kaemmerei: [200, 200, 200, 200],
    },
    run: async (ctx, c, v) => (await call(ctx.app, c, 'GET', `/api/versions/${v}/einwendungen`)).statusCode,
  },
  {
    // only while a version is ausgelegt (none of these states): the Kämmerei is told so, others may not
    name: 'POST an Einwendung',
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 403],
      fachbereich: [403, 403, 403, 403],
      kaemmerei: [400, 400, 400, 400],
    },
    run: async (ctx, c, v) =>
      (await call(ctx.app, c, 'POST', `/api/versions/${v}/einwendungen`, { author: 'A', text: 'T' }))
        .statusCode,
  },
  {
    name: 'PUT the answer to an Einwendung',
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 403],
      fachbereich: [403, 403, 403, 403],
      kaemmerei: [400, 400, 400, 400],
    },
    run: async (ctx, c, v) =>
      (
        await call(ctx.app, c, 'PUT', `/api/versions/${v}/einwendungen/1/answer`, {
          answer: 'A',
          decision: 'stattgegeben',
        })
      ).statusCode,
  },
  {
    name: "PUT 43.01's Ansatz (inside PB 43)",
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 409],
      // in the Anmeldung a Fachbereich requests figures instead (test/server/anmeldung.test.ts)
      fachbereich: [403, 403, 200, 409],
      kaemmerei: [200, 200, 200, 409],
    },
    run: editCell('43.01'),
  },
  patchRow(
    "PATCH 43.01's and 43.03's Ansatz in one step (inside PB 43)",
    ['43.01', '43.03'],
    [403, 403, 200, 409],
  ),
  patchRow(
    'PATCH 43.01 and 01.01.01 in one step (one of them outside PB 43)',
    ['43.01', '01.01.01'],
    [403, 403, 403, 409],
  ),
  {
    name: 'PUT 01.01.01 Ansatz (outside PB 43)',
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 409],
      fachbereich: [403, 403, 403, 409],
      kaemmerei: [200, 200, 200, 409],
    },
    run: editCell('01.01.01'),
  },
  {
    name: 'PUT an Erläuterung item of 43.01',
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 409],
      fachbereich: [200, 403, 200, 409],
      kaemmerei: [200, 200, 200, 409],
    },
    run: async (ctx, c, v) => {
      const view = await ctx.store.getNode(SYSTEM_ACTOR, v, '43.01');
      expect(view.node.erlaeuterungen.length).toBeGreaterThan(0);
      const r = await call(ctx.app, c, 'PUT', `/api/versions/${v}/nodes/43.01/erlaeuterungen/0`, {
        text: 'Neuer Posten',
        amount: 100_000,
        rev: view.rev,
        reason: 'Matrix',
      });
      return r.statusCode;
    },
  },
  {
    name: 'PATCH options (public read)',
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 403],
      fachbereich: [403, 403, 403, 403],
      kaemmerei: [200, 200, 200, 200],
    },
    run: async (ctx, c, v) =>
      (await call(ctx.app, c, 'PATCH', `/api/versions/${v}/options`, { publicRead: false })).statusCode,
  },
  {
    name: 'GET audit of the version',
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 403],
      fachbereich: [200, 200, 200, 200],
      kaemmerei: [200, 200, 200, 200],
    },
    run: async (ctx, c, v) => (await call(ctx.app, c, 'GET', `/api/audit?version=${v}`)).statusCode,
  },
  {
    name: 'GET users',
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 403],
      fachbereich: [403, 403, 403, 403],
      kaemmerei: [200, 200, 200, 200],
    },
    run: async (ctx, c) => (await call(ctx.app, c, 'GET', '/api/users')).statusCode,
  },
  {
    name: 'POST advance',
    expect: {
      anonymous: [401, 401, 401, 401],
      leser: [403, 403, 403, 403],
      fachbereich: [403, 403, 403, 403],
      kaemmerei: [201, 201, 201, 201],
    },
    run: async (ctx, c, v) =>
      (await call(ctx.app, c, 'POST', `/api/versions/${v}/advance`, { reason: 'weiter' })).statusCode,
  },
];

describe.each(SERVER_BACKENDS)('role × endpoint × version state on $name', (backend) => {
  let store: Store;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let violations: Violation[];
  let who: Record<Who, Client>;
  const versions = new Map<State, number>();

  beforeAll(async () => {
    ({ store, drop } = await backend.open());
    await addUsers(store);
    const merged = mergeBudgets([await referenceBudget(), generatedBudget(6)]);
    if (!merged.ok) throw new Error('merge');
    for (const state of STATES) {
      const stage = state === 'entwurf+fb' ? 'entwurf' : state;
      const v = await importAt(store, merged.budget, stage, `Matrix ${state}`);
      if (state === 'entwurf+fb')
        await store.setVersionOptions(SYSTEM_ACTOR, v.id, { fachbereichEdit: true });
      versions.set(state, v.id);
    }
    app = await buildServer({ store });
    violations = checkAnswers(app);
    who = await clients(app);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
    await drop();
    // every answer fits its route's schema in the contract
    expect(violations).toEqual([]);
  });

  for (const endpoint of ENDPOINTS) {
    it(endpoint.name, async () => {
      const ctx = { store, app, admin: who.kaemmerei };
      const got: Record<string, number[]> = {};
      for (const w of WHO) {
        got[w] = [];
        for (const state of STATES) got[w].push(await endpoint.run(ctx, who[w], versions.get(state)!));
      }
      expect(got).toEqual(endpoint.expect);
    });
  }
});
