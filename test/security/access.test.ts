/**
 * Hostile reads over HTTP, as an attacker would try them (issue 13): private documents asked for by name
 * through every version of the budget, anonymously and as other roles; a frozen Beschluss's document list
 * after later imports; staff names in what anonymous readers get; an import that tries to skip the statutory
 * steps; and the cached node view after a finding is accepted. On SQLite in memory and on PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeView } from '../../src/server/node-view.js';
import type { Store, VersionInfo } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { buildServer } from '../../src/server/server.js';
import { checkAnswers, type Violation } from '../server/contract-check.js';
import {
  addUsers,
  call,
  clients,
  SERVER_BACKENDS,
  referenceBudget,
  type Client,
  type Who,
} from '../server/helpers.js';
import { REFERENCE } from '../paths.js';

const SECRET = 'Anmeldung-Jugendamt-vertraulich.txt';
const LATER = 'Nachgereicht-nach-Beschluss.txt';
const PUBLIC = 'Veroeffentlicht.txt';

describe.each(SERVER_BACKENDS)('hostile reads on $name', (backend) => {
  let store: Store;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let violations: Violation[];
  let who: Record<Who, Client>;
  let anmeldung: VersionInfo;
  let beschluss: VersionInfo;
  let later: VersionInfo;

  beforeAll(async () => {
    ({ store, drop } = await backend.open());
    await addUsers(store);
    const budget = await referenceBudget();
    // the public line: an Entwurf with its published document, advanced to the Beschluss (public since its
    // Auslegung)
    let v = await store.importBudget(SYSTEM_ACTOR, {
      budget,
      name: 'Kreishaushalt',
      documents: [{ name: PUBLIC, mediaType: 'text/plain', bytes: Buffer.from('veröffentlicht') }],
    });
    while (v.stage !== 'beschluss') v = await store.advance(SYSTEM_ACTOR, v.id, 'weiter');
    beschluss = v;
    // a private Anmeldung of the same budget with a confidential document, imported afterwards
    anmeldung = await store.importBudget(SYSTEM_ACTOR, {
      budget,
      budgetId: beschluss.budgetId,
      stage: 'anmeldung',
      documents: [
        { name: SECRET, mediaType: 'text/plain', bytes: Buffer.from('GEHEIMER-INHALT-1\nZeile 2\n') },
      ],
    });
    // and a later Entwurf (a Nachtrag's basis, say) with a file the Beschluss never had
    later = await store.importBudget(SYSTEM_ACTOR, {
      budget,
      budgetId: beschluss.budgetId,
      documents: [{ name: LATER, mediaType: 'text/plain', bytes: Buffer.from('SPAETER-INHALT-2') }],
    });
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

  it('never gives a private document by name through another version of the budget', async () => {
    const versions = await store.listVersions(SYSTEM_ACTOR, beschluss.budgetId);
    expect(versions.length).toBe(7);
    const statuses = new Map<string, Set<number>>();
    for (const v of versions) {
      for (const name of [SECRET, LATER]) {
        const base = `/api/versions/${v.id}/documents/${encodeURIComponent(name)}`;
        for (const url of [base, `${base}/lines?from=1&to=2`, `/api/versions/${v.id}/documents`]) {
          const r = await call(app, who.anonymous, 'GET', url);
          // the private document's own version: not without an account; any other: not there at all
          const own = (name === SECRET && v.id === anmeldung.id) || (name === LATER && v.id === later.id);
          if (url.endsWith('/documents')) {
            if (r.statusCode === 200) expect(r.body).not.toContain(name);
            else expect(r.statusCode).toBe(401);
          } else {
            expect(r.body).not.toContain('GEHEIMER-INHALT');
            expect(r.body).not.toContain('SPAETER-INHALT');
            expect(r.statusCode, `${url} (${v.stage})`).toBe(own || !v.publicRead ? 401 : 404);
          }
          const key = `${v.stage}:${v.publicRead}`;
          statuses.set(key, (statuses.get(key) ?? new Set()).add(r.statusCode));
        }
        // with a range, as pdf.js asks
        const ranged = await app.inject({
          method: 'GET',
          url: base,
          headers: { range: 'bytes=0-10' },
        });
        expect([401, 404]).toContain(ranged.statusCode);
      }
    }
    // the public versions were really asked (and answered 404 for the private names)
    expect([...statuses.keys()].some((k) => k.endsWith(':true'))).toBe(true);
    // signed in, not the Kämmerei: the Anmeldung's document is not for the Leser, nor (whole files) for
    // the Fachbereich that sees only its Produktbereiche of the Anmeldung
    const secret = `/api/versions/${anmeldung.id}/documents/${encodeURIComponent(SECRET)}`;
    expect((await call(app, who.leser, 'GET', secret)).statusCode).toBe(403);
    expect((await call(app, who.fachbereich, 'GET', secret)).statusCode).toBe(403);
    expect((await call(app, who.kaemmerei, 'GET', secret)).statusCode).toBe(200);
  });

  it("keeps a frozen Beschluss's document list as it was, whatever is imported later", async () => {
    const list = await call(app, who.anonymous, 'GET', `/api/versions/${beschluss.id}/documents`);
    expect(list.statusCode).toBe(200);
    const names = list.json<{ documents: { name: string; createdBy: unknown }[] }>().documents;
    expect(names.map((d) => d.name)).toEqual([PUBLIC]);
    // and without the name of whoever imported it
    expect(names[0]!.createdBy).toBeNull();
  });

  it('shows anonymous readers no staff names', async () => {
    const budgets = await call(app, who.anonymous, 'GET', '/api/budgets');
    expect(budgets.statusCode).toBe(200);
    const body = budgets.body;
    for (const name of ['system', 'kaemmerin', 'fb43', 'leserin']) expect(body).not.toContain(`"${name}"`);
    const versions = await call(app, who.anonymous, 'GET', `/api/budgets/${beschluss.budgetId}`);
    expect(versions.statusCode).toBe(200);
    expect(versions.body).not.toContain('"system"');
    const mine = await call(app, who.kaemmerei, 'GET', `/api/budgets/${beschluss.budgetId}`);
    expect(mine.body).toContain('"createdBy":"system"');
  });

  it('refuses an import that would start as a Beschluss, and stores nothing', async () => {
    const before = (await store.listVersions(SYSTEM_ACTOR, beschluss.budgetId)).length;
    const boundary = '----haushalt-test';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="stage"\r\n\r\nbeschluss\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="plan.txt"\r\n` +
          'Content-Type: text/plain\r\n\r\n',
      ),
      readFileSync(REFERENCE),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await app.inject({
      method: 'POST',
      url: `/api/budgets/${beschluss.budgetId}/versions`,
      payload,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: who.kaemmerei.cookie!,
        'x-csrf-token': who.kaemmerei.csrf!,
      },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ message: string }>().message).toMatch(/Verfahrensschritte/);
    expect((await store.listVersions(SYSTEM_ACTOR, beschluss.budgetId)).length).toBe(before);
  });

  it('shows a finding accepted at once, though the version did not change', async () => {
    const url = `/api/versions/${later.id}/nodes/43.01`;
    const first = await call(app, who.kaemmerei, 'GET', url);
    const view = first.json<NodeView>();
    const finding = view.findings.open[0];
    expect(finding, 'the reference has findings on 43.01').toBeDefined();
    const key = (finding as unknown as { key: string }).key;
    const accepted = await call(
      app,
      who.kaemmerei,
      'POST',
      `/api/budgets/${later.budgetId}/accepted-findings`,
      {
        key,
        reason: 'Bekannt und erklärt',
      },
    );
    expect(accepted.statusCode).toBe(201);
    const again = await call(app, who.kaemmerei, 'GET', url);
    const after = again.json<NodeView>();
    expect(after.versionRevision).toBe(view.versionRevision);
    expect(after.findings.open.map((f) => (f as unknown as { key: string }).key)).not.toContain(key);
    expect(after.findings.accepted.map((f) => (f as unknown as { key: string }).key)).toContain(key);
    expect(again.headers.etag).not.toBe(first.headers.etag);
  });
});
