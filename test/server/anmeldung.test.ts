/**
 * The Anmeldung routes (issue 17) over HTTP: a Fachbereich enters and submits requests for its Produktbereich,
 * the Kämmerei takes one over and rejects another with a comment; a Leser, anonymous readers and a Fachbereich
 * of another Produktbereich are refused with German messages; changes need the CSRF token; every answer fits
 * the contract. The follow-ups: the Kämmerei hands a submitted Produktbereich back for rework with a comment
 * (a Fachbereich may not, no comment is a 400 with the German message), and the requests of one node for the
 * plan's marks, refused to a Leser and anonymous readers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { VersionInfo } from '../../src/store/api.js';
import type { KyselyStore } from '../../src/store/store.js';
import { cellOf, planOf } from '../../src/core/model.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { Violation } from './contract-check.js';
import {
  PASSWORD,
  addUsers,
  call,
  clients,
  importAt,
  login,
  memoryServer,
  referenceBudget,
  type Client,
  type Who,
} from './helpers.js';

describe('Anmeldung routes', () => {
  let app: FastifyInstance;
  let store: KyselyStore;
  let violations: Violation[];
  let who: Record<Who, Client>;
  let other: Client;
  let v: VersionInfo;
  const base = () => `/api/versions/${v.id}/anmeldung`;
  const marks = () => `/api/versions/${v.id}/nodes/43.01/anmeldung`;
  const request = (line: string, amount: number) => ({
    node: '43.01',
    plan: 'teilergebnisplan',
    line,
    column: { kind: 'ansatz', year: 2026 },
    amount,
    reason: `Mehrbedarf Zeile ${line}`,
  });

  /** The Fachbereich requests figures for lines 13 and 15 of 43.01. */
  const enterTwo = async (): Promise<void> => {
    for (const [line, amount] of [
      ['13', -60_000_000],
      ['15', -45_000_000],
    ] as const) {
      const r = await call(app, who.fachbereich, 'PUT', `${base()}/requests`, request(line, amount));
      expect(r.statusCode, r.body).toBe(200);
    }
  };

  beforeAll(async () => {
    ({ app, store, violations } = await memoryServer());
    await addUsers(store);
    await store.addUser(SYSTEM_ACTOR, {
      name: 'fb01',
      role: 'fachbereich',
      produktbereiche: ['01'],
      password: PASSWORD,
    });
    v = await importAt(store, await referenceBudget(), 'anmeldung');
    who = await clients(app);
    other = await login(app, 'fb01');
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it('refuses readers who have no Anmeldung, in German', async () => {
    const anonymous = await call(app, who.anonymous, 'GET', base());
    expect(anonymous.statusCode).toBe(401);
    const leser = await call(app, who.leser, 'GET', base());
    expect(leser.statusCode).toBe(403);
    expect(leser.json<{ message: string }>().message).toBe(
      'Die Anmeldungen sind der Kämmerei und den Fachbereichen vorbehalten.',
    );
    const put = await call(app, who.leser, 'PUT', `${base()}/requests`, request('13', -60_000_000));
    expect(put.statusCode).toBe(403);
    // a Fachbereich of another Produktbereich: nothing of PB 43 to see, nothing to enter
    const seen = await call(app, other, 'GET', base());
    expect(seen.json()).toMatchObject({ areas: [], requests: [] });
    const foreign = await call(app, other, 'PUT', `${base()}/requests`, request('13', -60_000_000));
    expect(foreign.statusCode).toBe(403);
    const submit = await call(app, other, 'POST', `${base()}/areas/43/submit`, {
      reason: 'Anmeldung 2026',
    });
    expect(submit.statusCode).toBe(403);
    // without the CSRF token a change is refused
    const noCsrf: Client = { cookie: who.fachbereich.cookie! };
    const csrf = await call(app, noCsrf, 'PUT', `${base()}/requests`, request('13', -60_000_000));
    expect(csrf.statusCode).toBe(403);
    expect(csrf.json<{ error: string }>().error).toBe('csrf');
  });

  it('walks the Anmeldung of PB 43 from request to decision', async () => {
    await enterTwo();
    const mine = (await call(app, who.fachbereich, 'GET', base())).json<{
      areas: { produktbereich: string; status: string; zuschussbedarf: number }[];
      requests: { id: number; line: string; label: string; current: number; compare: { label: string }[] }[];
    }>();
    expect(mine.areas).toMatchObject([{ produktbereich: '43', status: 'in-arbeit' }]);
    // the Zuschussbedarf of the budget year (−Teilergebnis, line 31), now and with the requests taken over:
    // 57.850 € more Sachaufwand and 50.000 € more Transferaufwand
    const budget = await store.loadBudget(SYSTEM_ACTOR, v.id);
    const pb = planOf(
      budget.nodes.find((n) => n.code === '43')!,
      'teilergebnisplan',
    )!;
    const result = cellOf(
      pb.lines.find((l) => l.line === '31')!,
      { kind: 'ansatz', year: 2026 },
    )!.amount;
    expect(mine.areas[0]).toMatchObject({
      budgetYear: 2026,
      zuschussbedarf: -result,
      zuschussbedarfAngemeldet: -result + 5_785_000 + 5_000_000,
    });
    const r13 = mine.requests.find((r) => r.line === '13')!;
    expect(r13.label).toBe('Aufwendungen für Sach- und Dienstleistungen');
    expect(r13.current).toBe(-54_215_000);
    expect(r13.compare.map((c) => c.label)).toEqual(['Ergebnis 2024', 'Ansatz 2025']);
    const submitted = await call(app, who.fachbereich, 'POST', `${base()}/areas/43/submit`, {
      reason: 'Anmeldung 2026',
    });
    expect(submitted.json()).toMatchObject({ status: 'abgegeben', submittedBy: 'fb43' });

    const byFb = await call(app, who.fachbereich, 'POST', `${base()}/decisions`, {
      request: r13.id,
      decision: 'uebernehmen',
      comment: '',
    });
    expect(byFb.statusCode).toBe(403);
    const take = await call(app, who.kaemmerei, 'POST', `${base()}/decisions`, {
      request: r13.id,
      decision: 'uebernehmen',
      comment: '',
    });
    expect(take.statusCode, take.body).toBe(200);
    const r15 = mine.requests.find((r) => r.line === '15')!;
    const noComment = await call(app, who.kaemmerei, 'POST', `${base()}/decisions`, {
      request: r15.id,
      decision: 'ablehnen',
      comment: '',
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json<{ message: string }>().message).toBe(
      'Eine Ablehnung braucht einen Kommentar für den Fachbereich.',
    );
    const reject = await call(app, who.kaemmerei, 'POST', `${base()}/decisions`, {
      request: r15.id,
      decision: 'ablehnen',
      comment: 'Über dem Eckwert',
    });
    expect(reject.statusCode).toBe(200);
    const after = (await call(app, who.fachbereich, 'GET', base())).json<{
      areas: { status: string }[];
      requests: { line: string; status: string; current: number; comment: string | null }[];
    }>();
    expect(after.areas[0]!.status).toBe('geprueft');
    expect(after.requests.map((r) => [r.line, r.status, r.current, r.comment])).toEqual([
      ['13', 'uebernommen', -60_000_000, null],
      ['15', 'abgelehnt', -40_000_000, 'Über dem Eckwert'],
    ]);
    const eckwert = await call(app, who.kaemmerei, 'PUT', `${base()}/areas/43/eckwert`, {
      eckwert: 100_000_000,
    });
    expect(eckwert.json()).toMatchObject({ eckwert: 100_000_000 });
    expect(violations).toEqual([]);
  });

  it('hands a submitted Produktbereich back to the Fachbereich, by the Kämmerei only and with a comment', async () => {
    // a version of its own: the walk above leaves PB 43 geprüft
    v = await importAt(store, await referenceBudget(), 'anmeldung');
    await enterTwo();
    await call(app, who.fachbereich, 'POST', `${base()}/areas/43/submit`, { reason: 'Anmeldung 2026' });
    const back = `${base()}/areas/43/return`;

    expect((await call(app, who.anonymous, 'POST', back, { comment: 'x' })).statusCode).toBe(401);
    const leser = await call(app, who.leser, 'POST', back, { comment: 'x' });
    expect(leser.statusCode).toBe(403);
    const byFb = await call(app, who.fachbereich, 'POST', back, { comment: 'selbst zurück' });
    expect(byFb.statusCode).toBe(403);
    expect(byFb.json<{ message: string }>().message).toBe(
      'Zur Überarbeitung zurückgeben kann nur die Kämmerei.',
    );
    const noComment = await call(app, who.kaemmerei, 'POST', back, { comment: ' ' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json<{ message: string }>().message).toBe(
      'Bitte einen Kommentar angeben: der Fachbereich soll wissen, was er überarbeiten soll.',
    );
    const done = await call(app, who.kaemmerei, 'POST', back, { comment: 'Zeile 15 bitte begründen' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'in-arbeit',
      returnedBy: 'kaemmerin',
      returnComment: 'Zeile 15 bitte begründen',
    });
    // the Fachbereich sees it and may change its requests again
    const seen = (await call(app, who.fachbereich, 'GET', base())).json<{
      areas: { status: string; returnedBy: string; returnComment: string }[];
    }>();
    expect(seen.areas[0]).toMatchObject({ status: 'in-arbeit', returnComment: 'Zeile 15 bitte begründen' });
    const changed = await call(app, who.fachbereich, 'PUT', `${base()}/requests`, request('15', -44_000_000));
    expect(changed.statusCode, changed.body).toBe(200);
    // handed back twice: not in Arbeit
    const twice = await call(app, who.kaemmerei, 'POST', back, { comment: 'noch einmal' });
    expect(twice.statusCode).toBe(400);
    // the audit trail says it in German
    const trail = (await call(app, who.kaemmerei, 'GET', `/api/audit?version=${v.id}&limit=500`)).json<{
      entries: { action: string; what: string; reason: string }[];
    }>();
    expect(trail.entries.find((e) => e.action === 'anmeldung-rueckgabe')).toMatchObject({
      what: 'Anmeldung Produktbereich 43 zur Überarbeitung zurückgegeben',
      reason: 'Zeile 15 bitte begründen',
    });
    expect(violations).toEqual([]);
  });

  it("reads one node's requests for the plan's marks, not for a Leser or anonymous", async () => {
    const k = await call(app, who.kaemmerei, 'GET', marks());
    expect(k.statusCode, k.body).toBe(200);
    expect(k.json<{ requests: { line: string; status: string; amount: number }[] }>().requests).toEqual([
      expect.objectContaining({ line: '13', status: 'offen', amount: -60_000_000 }),
      expect.objectContaining({ line: '15', status: 'offen', amount: -44_000_000 }),
    ]);
    const fb = await call(app, who.fachbereich, 'GET', marks());
    expect(fb.json<{ requests: unknown[] }>().requests).toHaveLength(2);
    expect((await call(app, other, 'GET', marks())).json()).toEqual({ requests: [] });
    expect((await call(app, who.leser, 'GET', marks())).statusCode).toBe(403);
    expect((await call(app, who.anonymous, 'GET', marks())).statusCode).toBe(401);
    expect(violations).toEqual([]);
  });
});
