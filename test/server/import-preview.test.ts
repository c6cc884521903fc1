/**
 * The import wizard's server side: `POST /api/imports/preview` reads an upload as `POST /api/budgets` does and
 * answers with what was recognised — units, the budget at a glance, the reconciliation, the findings with their
 * place — storing nothing; only the Kämmerei, with CSRF; bad files get a German error naming them; an account
 * export with its profile and mapping (Wesel 2017). `GET /api/versions/:v/summary` and `…/findings-summary`:
 * the start page's Jahresergebnis equals the Gesamtergebnisplan's (Köln 2013) or, without one, the sum of the
 * Produktbereiche's Teilergebnispläne (the reference), and the findings counted equal those listed.
 * `POST /api/imports/demo`: the synthetic demo budget, for the Kämmerei only, public, named as synthetic.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/importers/index.js';
import { columnKey, planOf } from '../../src/core/model.js';
import { schemaById } from '../../src/core/schema.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { Store } from '../../src/store/api.js';
import type { Violation } from './contract-check.js';
import type { ImportPreview } from '../../src/server/import-preview.js';
import type { BudgetSummary } from '../../src/server/overview.js';
import type { FindingsSummary } from '../../src/server/findings-summary.js';
import { DATA, REFERENCE, REPO_ROOT } from '../paths.js';
import { addUsers, clients, memoryServer, type Client, type Who } from './helpers.js';
import { demoImport } from '../../src/cli/seed.js';
import { DEMO_BUDGET_NAME } from '../../src/core/demo.js';

const KOELN = [
  path.join(DATA, 'koeln-2013/gesamtergebnisplan.csv'),
  path.join(DATA, 'koeln-2013/ergebnisplan_produktbereiche.csv'),
];
const WESEL = path.join(DATA, 'wesel-2017');

let store: Store;
let app: FastifyInstance;
let who: Record<Who, Client>;
let violations: Violation[];

beforeAll(async () => {
  ({ store, app, violations } = await memoryServer({ demo: demoImport }));
  await addUsers(store);
  who = await clients(app);
}, 60_000);
afterAll(async () => {
  await app.close();
  await store.close();
  expect(violations).toEqual([]);
});

type Part =
  { readonly field: string; readonly file: string } | { readonly field: string; readonly value: string };

function multipart(parts: readonly Part[]): { payload: Buffer; boundary: string } {
  const boundary = '----haushalt-preview';
  const chunks = parts.flatMap((p) =>
    'file' in p
      ? [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"; filename="${path.basename(p.file)}"\r\n` +
              'Content-Type: application/octet-stream\r\n\r\n',
          ),
          readFileSync(p.file),
          Buffer.from('\r\n'),
        ]
      : [
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`,
          ),
        ],
  );
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), boundary };
}

function post(client: Client, url: string, parts: readonly Part[], csrf = true) {
  const { payload, boundary } = multipart(parts);
  return app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(client.cookie ? { cookie: client.cookie } : {}),
      ...(client.csrf && csrf ? { 'x-csrf-token': client.csrf } : {}),
    },
  });
}

const files = (...paths: string[]): Part[] => paths.map((file) => ({ field: 'dateien', file }));

function get<T>(client: Client, url: string): Promise<T> {
  return app
    .inject({ method: 'GET', url, headers: client.cookie ? { cookie: client.cookie } : {} })
    .then((r) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json<T>();
    });
}

describe('the import preview', () => {
  it('shows what the reference would become and stores nothing', async () => {
    const r = await post(who.kaemmerei, '/api/imports/preview', files(REFERENCE));
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json<ImportPreview>();
    const direct = await importFiles([REFERENCE]);
    if (!direct.ok) throw new Error('the reference does not import');
    const count = (level: string) => direct.budget.nodes.filter((n) => n.level === level).length;
    expect(p.levels.produktbereich).toBe(count('produktbereich'));
    expect(p.levels.produkt).toBe(count('produkt'));
    expect(p.units.map((u) => u.code)).toEqual(direct.budget.nodes.map((n) => n.code));
    expect(p.files).toEqual([path.basename(REFERENCE)]);
    // every amount placed or listed outside, per file and column, as the command reconciles it
    expect(p.reconciliation.length).toBe(direct.reconciliation.length);
    expect(p.reconciliation.every((x) => x.difference === 0 && x.file === path.basename(REFERENCE))).toBe(
      true,
    );
    expect(p.findings.counts.error + p.findings.counts.warning).toBe(
      p.listed.filter((f) => f.severity === 'error' || f.severity === 'warning').length,
    );
    // no Gesamtergebnisplan in the file: the overview says it summed the Teilergebnispläne
    expect(p.summary.overview?.source).toBe('teilplaene');
    expect(await store.listBudgets(SYSTEM_ACTOR)).toEqual([]);
  }, 60_000);

  it('reads an account export with its profile and mapping', async () => {
    const r = await post(who.kaemmerei, '/api/imports/preview', [
      ...files(path.join(WESEL, 'hhplan2017.csv')),
      { field: 'profile', file: path.join(REPO_ROOT, 'data/profiles/wesel-sap.json') },
      { field: 'mapping', file: path.join(WESEL, 'kontenrahmen.csv') },
    ]);
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json<ImportPreview>();
    expect(p.levels).toMatchObject({ produktbereich: 16, produktgruppe: 62, produkt: 100 });
    expect(p.files).toEqual(['hhplan2017.csv']);
    expect(p.reconciliation.every((x) => x.difference === 0)).toBe(true);
    // the mapping's double entry is reported with its place
    const problem = p.listed.find((f) => f.rule === 'mapping-problem');
    expect(problem?.message).toMatch(/^Präfix 448 ist doppelt zugeordnet: kontenrahmen\.csv, Zeile \d+/u);
  }, 60_000);

  it('refuses bad files in German, naming the file', async () => {
    const r = await post(who.kaemmerei, '/api/imports/preview', files(path.join(REPO_ROOT, 'package.json')));
    expect(r.statusCode).toBe(400);
    expect(r.json<{ message: string }>().message).toMatch(
      /^package\.json, Zeile 1: Format nicht erkannt: erwartet /u,
    );
    const profile = await post(who.kaemmerei, '/api/imports/preview', [
      ...files(REFERENCE),
      { field: 'profile', file: REFERENCE },
    ]);
    expect(profile.statusCode).toBe(400);
    expect(profile.json<{ message: string }>().message).toContain('Profil nicht lesbar');
  }, 60_000);

  it('is the Kämmerei’s alone, and needs the CSRF token', async () => {
    for (const w of ['anonymous', 'leser', 'fachbereich'] as const) {
      const r = await post(who[w], '/api/imports/preview', files(REFERENCE));
      expect(r.statusCode, w).toBe(w === 'anonymous' ? 401 : 403);
    }
    expect((await post(who.kaemmerei, '/api/imports/preview', files(REFERENCE), false)).statusCode).toBe(403);
  }, 60_000);
});

describe('the start page’s answers', () => {
  it('give the Gesamtergebnisplan’s Jahresergebnis where the budget has one (Köln 2013)', async () => {
    const r = await post(who.kaemmerei, '/api/budgets', [
      ...files(...KOELN),
      { field: 'stage', value: 'entwurf' },
    ]);
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<{ id: number }>().id;
    const s = await get<BudgetSummary>(who.kaemmerei, `/api/versions/${id}/summary`);
    const gesamt = (await store.getNode(SYSTEM_ACTOR, id, s.overview!.node!)).node;
    const plan = planOf(gesamt, 'gesamtergebnisplan')!;
    const result = schemaById(plan.schemaId)!.lines.find((l) => l.jahresergebnis)!.line;
    const printed = plan.lines.find((l) => l.line === result)!;
    expect(s.overview!.source).toBe('gesamtplan');
    const je = s.overview!.lines.find((l) => l.jahresergebnis)!;
    expect(je.line).toBe(result);
    expect(je.cells).toEqual(
      plan.columns.map(
        (c) => printed.cells.find((x) => columnKey(x.column) === columnKey(c))?.amount ?? null,
      ),
    );
    expect(s.overview!.jahresergebnis).toEqual(je.cells);
    // the Produktbereiche, largest Aufwendungen first
    expect(s.produktbereiche.length).toBeGreaterThan(10);
    const spent = s.produktbereiche.map((p) => p.aufwendungen ?? 0);
    expect(spent).toEqual([...spent].sort((a, b) => b - a));
    expect(spent[0]).toBeGreaterThan(0);
  }, 60_000);

  it('sum the Teilergebnispläne without a Gesamtergebnisplan, and count the findings as listed', async () => {
    const r = await post(who.kaemmerei, '/api/budgets', files(REFERENCE));
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json<{ id: number }>().id;
    const s = await get<BudgetSummary>(
      who.anonymous.cookie ? who.anonymous : who.kaemmerei,
      `/api/versions/${id}/summary`,
    );
    const budget = await store.loadBudget(SYSTEM_ACTOR, id);
    const tops = budget.nodes.filter((n) => n.parent === undefined && n.level !== 'haushalt');
    expect(s.overview!.source).toBe('teilplaene');
    expect(s.overview!.summed).toEqual(tops.map((n) => n.code));
    const je = s.overview!.lines.find((l) => l.jahresergebnis)!;
    s.overview!.columns.forEach((c, i) => {
      const sum = tops.reduce((t, n) => {
        const line = planOf(n, 'teilergebnisplan')!.lines.find((l) => l.line === je.line)!;
        return (
          t + (line.cells.find((x) => x.column.kind === c.kind && x.column.year === c.year)?.amount ?? 0)
        );
      }, 0);
      expect(je.cells[i], c.label).toBe(sum);
    });
    const counted = await get<FindingsSummary>(who.kaemmerei, `/api/versions/${id}/findings-summary`);
    const listed = await get<{ open: { severity: string; rule: string }[] }>(
      who.kaemmerei,
      `/api/versions/${id}/findings`,
    );
    expect(counted.rules.reduce((t, x) => t + x.count, 0)).toBe(listed.open.length);
    expect(counted.rounding.count).toBe(listed.open.filter((f) => f.severity === 'rounding').length);
  }, 60_000);
});

describe('the demo budget', () => {
  it('is made for the Kämmerei only, public and named as synthetic; a server without one says so', async () => {
    for (const w of ['anonymous', 'leser', 'fachbereich'] as const)
      expect(
        (await app.inject({ method: 'POST', url: '/api/imports/demo', headers: headers(who[w]) })).statusCode,
      ).toBe(w === 'anonymous' ? 401 : 403);
    const r = await app.inject({ method: 'POST', url: '/api/imports/demo', headers: headers(who.kaemmerei) });
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json<{ id: number; budgetId: number; publicRead: boolean }>();
    expect(v.publicRead).toBe(true);
    expect((await store.getBudget(SYSTEM_ACTOR, v.budgetId)).name).toBe(DEMO_BUDGET_NAME);
    const s = await get<BudgetSummary>(who.anonymous, `/api/versions/${v.id}/summary`);
    expect(s.produktbereiche.length).toBeGreaterThan(0);
    const plain = await memoryServer();
    try {
      await addUsers(plain.store);
      const k = (await clients(plain.app)).kaemmerei;
      const none = await plain.app.inject({ method: 'POST', url: '/api/imports/demo', headers: headers(k) });
      expect(none.statusCode).toBe(404);
      expect(none.json<{ message: string }>().message).toBe('Dieser Server bietet keinen Demohaushalt an.');
    } finally {
      await plain.app.close();
      await plain.store.close();
    }
  }, 60_000);
});

function headers(client: Client): Record<string, string> {
  return {
    ...(client.cookie ? { cookie: client.cookie } : {}),
    ...(client.csrf ? { 'x-csrf-token': client.csrf } : {}),
  };
}

describe('many previews at once', () => {
  it('are bounded by the job queue: beyond it 503 with Retry-After, nothing read', async () => {
    const small = await memoryServer({ jobs: { concurrency: 1, queue: 1, perOwner: 10 } });
    try {
      await addUsers(small.store);
      const k = (await clients(small.app)).kaemmerei;
      const { payload, boundary } = multipart(files(REFERENCE));
      const send = () =>
        small.app.inject({
          method: 'POST',
          url: '/api/imports/preview',
          payload,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...headers(k) },
        });
      const answers = await Promise.all(Array.from({ length: 6 }, send));
      const codes = answers.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(1);
      expect(codes.filter((c) => c === 200).length).toBeLessThanOrEqual(2);
      const busy = answers.filter((r) => r.statusCode === 503);
      expect(busy.length).toBe(6 - codes.filter((c) => c === 200).length);
      for (const r of busy) {
        expect(r.headers['retry-after']).toMatch(/^\d+$/u);
        expect(r.json<{ error: string }>().error).toBe('busy');
      }
    } finally {
      await small.app.close();
      await small.store.close();
    }
  }, 60_000);
});
