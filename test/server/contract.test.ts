/**
 * The HTTP contract (`src/server/contract`) and the server agree: every route of the table is served and
 * documented in the OpenAPI document with its answers, every API route served is in the table, a request that
 * breaks a schema is a 400 with a German message naming the field, and an answer that does not fit its schema
 * is caught (`contract-check.ts`, which the other server tests run on every answer).
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT, type RouteKey } from '../../src/server/contract/index.js';
import type { Store } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { checkAnswers, type Violation } from './contract-check.js';
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

let store: Store;
let app: FastifyInstance;
let violations: Violation[];
let who: Record<Who, Client>;
let version: number;

beforeAll(async () => {
  ({ store, app, violations } = await memoryServer());
  await addUsers(store);
  version = (await importAt(store, await referenceBudget(), 'entwurf')).id;
  who = await clients(app);
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
  expect(violations).toEqual([]);
});

const KEYS = Object.keys(CONTRACT) as RouteKey[];
const openApiPath = (path: string) => path.replace(/:(\w+)/gu, '{$1}');

interface Operation {
  readonly parameters?: readonly { in: string; name: string }[];
  readonly requestBody?: unknown;
  readonly responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

describe('the contract', () => {
  it('has every route served, and every API route served is in it', async () => {
    for (const key of KEYS) {
      const [method, url] = key.split(' ') as [string, string];
      expect(app.hasRoute({ method, url }), key).toBe(true);
    }
    const doc = (await call(app, {}, 'GET', '/api/openapi.json')).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(
      KEYS.map((k) => {
        const [method, url] = k.split(' ') as [string, string];
        return `${method} ${openApiPath(url)}`;
      }).sort(),
    );
  });

  it('documents every route with its inputs, its answer and the error answer', async () => {
    const doc = (await call(app, {}, 'GET', '/api/openapi.json')).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    for (const key of KEYS) {
      const [method, url] = key.split(' ') as [string, string];
      const op = doc.paths[openApiPath(url)]![method.toLowerCase()]!;
      const route = CONTRACT[key];
      const ok = Object.keys(op.responses).filter((s) => /^2\d\d$/u.test(s));
      expect(ok.length, key).toBeGreaterThan(0);
      expect(Object.keys(op.responses), key).toEqual(expect.arrayContaining(['4XX', '5XX']));
      expect(JSON.stringify(op.responses['4XX']), key).toContain('"message"');
      if ('params' in route)
        expect(
          op.parameters
            ?.filter((p) => p.in === 'path')
            .map((p) => p.name)
            .sort(),
          key,
        ).toEqual(Object.keys(route.params.properties).sort());
      if ('body' in route) expect(op.requestBody, key).toBeDefined();
    }
    // the node view's answer, down to a cell's revision and a finding's key
    const view = JSON.stringify(doc.paths['/api/versions/{v}/nodes/{code}']!.get!.responses['200']);
    for (const p of ['"versionRevision"', '"notEditableBecause"', '"rev"', '"key"', '"acceptance"'])
      expect(view).toContain(p);
    // several cells in one step: the list bounded, each cell with its revision; the answer with its findings
    const cells = doc.paths['/api/versions/{v}/cells']!.patch!;
    expect(JSON.stringify(cells.requestBody)).toContain('"maxItems":2000');
    expect(JSON.stringify(cells.requestBody)).toContain('"rev"');
    for (const p of ['"group"', '"findings"', '"changed"'])
      expect(JSON.stringify(cells.responses['200'])).toContain(p);
  });
});

describe('a request that breaks a schema', () => {
  const cells = () => `/api/versions/${version}/cells`;
  const edit = {
    node: '43.01',
    plan: 'teilergebnisplan',
    line: '13',
    column: { kind: 'ansatz', year: 2026 },
  };

  it('is a 400 with a German message naming the field, in the body, the query and the path', async () => {
    const cases: [string, Promise<LightMyRequestResponse>][] = [
      [
        'Im Inhalt: „amount“ muss eine ganze Zahl sein.',
        call(app, who.kaemmerei, 'PUT', cells(), { ...edit, amount: '12', rev: 0, reason: 'Test' }),
      ],
      [
        'Im Inhalt: „column.year“ muss eine ganze Zahl sein.',
        call(app, who.kaemmerei, 'PUT', cells(), {
          ...edit,
          column: { kind: 'ansatz', year: 2026.5 },
          amount: 1,
          rev: 0,
          reason: 'Test',
        }),
      ],
      [
        'Im Inhalt fehlt das Feld „reason“.',
        call(app, who.kaemmerei, 'PUT', cells(), { ...edit, amount: 1, rev: 0 }),
      ],
      [
        'Im Inhalt ist das Feld „extra“ unbekannt.',
        call(app, who.kaemmerei, 'PUT', cells(), { ...edit, amount: 1, rev: 0, reason: 'Test', extra: 1 }),
      ],
      [
        'Im Inhalt: „plan“ muss einer dieser Werte sein: teilergebnisplan, teilfinanzplan, gesamtergebnisplan, gesamtfinanzplan.',
        call(app, who.kaemmerei, 'PUT', cells(), {
          ...edit,
          plan: 'haushalt',
          amount: 1,
          rev: 0,
          reason: 'Test',
        }),
      ],
      [
        'Im Inhalt: „changes.1.amount“ muss eine ganze Zahl sein.',
        call(app, who.kaemmerei, 'PATCH', cells(), {
          changes: [
            { ...edit, amount: 1, rev: 0 },
            { ...edit, amount: '12', rev: 0 },
          ],
          reason: 'Test',
        }),
      ],
      [
        'Im Inhalt: „changes“ hat zu wenige Einträge (mindestens 1).',
        call(app, who.kaemmerei, 'PATCH', cells(), { changes: [], reason: 'Test' }),
      ],
      [
        'In der Abfrage: „from“ hat nicht die erwartete Form.',
        call(app, who.kaemmerei, 'GET', `/api/diff?from=eins&to=${version}`),
      ],
      ['In der Abfrage fehlt das Feld „to“.', call(app, who.kaemmerei, 'GET', `/api/diff?from=${version}`)],
      [
        'In der Adresse: „v“ hat nicht die erwartete Form.',
        call(app, who.kaemmerei, 'GET', '/api/versions/0'),
      ],
      [
        'Im Inhalt: „days“ ist zu groß (Grenze 365).',
        call(app, who.kaemmerei, 'POST', '/api/tokens', { label: 'x', days: 366 }),
      ],
      [
        'Im Inhalt: „role“ muss einer dieser Werte sein: kaemmerei, fachbereich, leser.',
        call(app, who.kaemmerei, 'POST', '/api/users', {
          name: 'neu',
          password: 'ein langes Passwort 2',
          role: 'chef',
        }),
      ],
    ];
    for (const [message, answer] of cases) {
      const r = await answer;
      expect(r.statusCode, message).toBe(400);
      expect(r.json(), message).toEqual({ error: 'invalid', message });
    }
  });

  it('changes nothing', async () => {
    const audit = async () => (await store.audit(SYSTEM_ACTOR, { versionId: version })).length;
    const before = await audit();
    const r = await call(app, who.kaemmerei, 'PUT', cells(), {
      ...edit,
      amount: 1.5,
      rev: 0,
      reason: 'Test',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ message: string }>().message).toBe('Im Inhalt: „amount“ muss eine ganze Zahl sein.');
    expect(await audit()).toBe(before);
  });
});

describe('an answer that does not fit its schema', () => {
  it('is caught by the check, and the property the schema lacks is not sent', async () => {
    const other = await memoryServer();
    // a handler that returns one property more than the contract names (as a forgotten schema would)
    other.app.addHook('preSerialization', (request, _reply, payload, done) => {
      done(null, request.url === '/api/budgets' ? { ...(payload as object), extra: 1 } : payload);
    });
    const late = checkAnswers(other.app);
    const r = await other.app.inject({ method: 'GET', url: '/api/budgets' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ budgets: [] }); // serialised from the schema: `extra` dropped
    expect(late).toEqual([
      {
        route: 'GET /api/budgets',
        status: 200,
        stage: 'handler',
        problems: 'data must NOT have additional properties',
      },
    ]);
    await other.app.close();
    await other.store.close();
  });
});
