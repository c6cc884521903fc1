/**
 * The API as a client meets it: stale edits, CSRF, login rate limiting, cookie flags and security headers,
 * hostile input in every kind of field, the OpenAPI document, and a real listening server (port 0) taking an
 * upload and giving the export back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { gunzipSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plansOf } from '../fixtures.js';
import { toTidyCsv } from '../../src/exporters/tidy-csv.js';
import { importFiles } from '../../src/importers/index.js';
import type { Store, VersionFindings, VersionInfo } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { NodeView } from '../../src/server/node-view.js';
import { DATA, REFERENCE, REPO_ROOT } from '../paths.js';
import {
  PASSWORD,
  USERS,
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

const ANSATZ = { kind: 'ansatz', year: 2026 } as const;

let store: Store;
let app: FastifyInstance;
let violations: Violation[];
let who: Record<Who, Client>;
let v: VersionInfo;

beforeAll(async () => {
  ({ store, app, violations } = await memoryServer());
  await addUsers(store);
  v = await importAt(store, await referenceBudget(), 'entwurf');
  who = await clients(app);
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
  // every answer of these tests fits its route's schema in the contract
  expect(violations).toEqual([]);
});

function line13(view: NodeView) {
  const plan = view.plans.find((p) => p.type === 'teilergebnisplan')!;
  const col = plan.columns.findIndex((c) => c.kind === 'ansatz' && c.year === 2026);
  const line = plan.lines.find((l) => l.line === '13')!;
  return { line, cell: line.cells[col]!, plan };
}

const edit = (rev: number, amount: number, extra: Record<string, unknown> = {}) => ({
  node: '43.01',
  plan: 'teilergebnisplan',
  line: '13',
  column: ANSATZ,
  amount,
  rev,
  reason: 'Test',
  ...extra,
});

describe('node detail', () => {
  it('has what a client renders: labels, totals, editable lines, revisions, findings', async () => {
    const url = `/api/versions/${v.id}/nodes/43.01`;
    // Fachbereiche neither read nor edit the Kämmerei's Entwurf unless the Kämmerei lets them in
    const closed = await call(app, who.fachbereich, 'GET', url);
    expect(closed.statusCode).toBe(403);
    expect(closed.json<{ message: string }>().message).toMatch(/nicht freigegeben/);
    await store.setVersionOptions(SYSTEM_ACTOR, v.id, { fachbereichEdit: true });
    const view = (await call(app, who.fachbereich, 'GET', url)).json<NodeView>();
    await store.setVersionOptions(SYSTEM_ACTOR, v.id, { fachbereichEdit: false });
    const { line, plan } = line13(view);
    expect(line.label).toBe('Aufwendungen für Sach- und Dienstleistungen');
    expect(line.total).toBe(false);
    expect(line.editable).toBe(true);
    const total = plan.lines.find((l) => l.line === '17')!;
    expect(total.total).toBe(true);
    expect(total.notEditableBecause).toMatch(/Summenzeile/);
    const asKaemmerei = (
      await call(app, who.kaemmerei, 'GET', `/api/versions/${v.id}/nodes/43.01`)
    ).json<NodeView>();
    expect(line13(asKaemmerei).line.editable).toBe(true);
    expect(asKaemmerei.path.map((n) => n.code)).toEqual(['43']);
    expect(Array.isArray(asKaemmerei.findings.open)).toBe(true);
    const parent = (await call(app, who.kaemmerei, 'GET', `/api/versions/${v.id}/nodes/43`)).json<NodeView>();
    expect(line13(parent).line.editable).toBe(false);
    expect(line13(parent).line.notEditableBecause).toMatch(/untergeordneten/);
  });
});

describe('findings', () => {
  it('filters by node and severity and counts every severity', async () => {
    type Answer = VersionFindings;
    const url = `/api/versions/${v.id}/findings`;
    const all = (await call(app, who.kaemmerei, 'GET', url)).json<Answer>();
    expect(all.open.length).toBeGreaterThan(0);
    const count = (list: Answer['open'], s: string) => list.filter((f) => f.severity === s).length;
    for (const s of ['error', 'warning', 'rounding', 'info'] as const)
      expect(all.counts[s]).toBe(count(all.open, s));
    const loud = (await call(app, who.kaemmerei, 'GET', `${url}?severity=error,warning`)).json<Answer>();
    expect(loud.open.every((f) => f.severity === 'error' || f.severity === 'warning')).toBe(true);
    expect(loud.open.length).toBe(all.counts.error + all.counts.warning);
    expect(loud.counts).toEqual(all.counts);
    const node = (
      await call(app, who.kaemmerei, 'GET', `${url}?node=43.01&severity=rounding`)
    ).json<Answer>();
    expect(node.open.map((f) => f.key)).toEqual(
      all.open.filter((f) => f.node === '43.01' && f.severity === 'rounding').map((f) => f.key),
    );
    expect(node.counts.rounding).toBe(node.open.length);
    const bad = await call(app, who.kaemmerei, 'GET', `${url}?severity=fatal`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(/severity/);
  });
});

describe('node view caching', () => {
  it('sends the view gzipped when asked, with an ETag that answers 304 until an edit changes the view', async () => {
    const url = `/api/versions/${v.id}/nodes/43.01`;
    const headers = { cookie: who.kaemmerei.cookie! };
    const plain = await app.inject({ method: 'GET', url, headers });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('private, no-cache');
    const zipped = await app.inject({
      method: 'GET',
      url,
      headers: { ...headers, 'accept-encoding': 'br, gzip' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    const refused = await app.inject({
      method: 'GET',
      url,
      headers: { ...headers, 'accept-encoding': 'gzip;q=0' },
    });
    expect(refused.headers['content-encoding']).toBeUndefined();

    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/u);
    const again = await app.inject({ method: 'GET', url, headers: { ...headers, 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // another role sees other `editable` flags: another entity (the version public for the Leser to read it)
    await store.setVersionOptions(SYSTEM_ACTOR, v.id, { publicRead: true });
    const asLeser = await call(app, who.leser, 'GET', url);
    await store.setVersionOptions(SYSTEM_ACTOR, v.id, { publicRead: false });
    expect(asLeser.statusCode).toBe(200);
    expect(asLeser.headers.etag).not.toBe(etag);

    const { cell } = line13(plain.json<NodeView>());
    const changed = await call(
      app,
      who.kaemmerei,
      'PUT',
      `/api/versions/${v.id}/cells`,
      edit(cell.rev, cell.amount! - 1_000),
    );
    expect(changed.statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url, headers: { ...headers, 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(line13(after.json<NodeView>()).cell.amount).toBe(cell.amount! - 1_000);
    expect(after.headers.etag).not.toBe(etag);
  });
});

describe('edits', () => {
  it('a stale edit gets 409 with the current cell, never a silent overwrite', async () => {
    const view = (
      await call(app, who.kaemmerei, 'GET', `/api/versions/${v.id}/nodes/43.01`)
    ).json<NodeView>();
    const rev = line13(view).cell.rev;
    const first = await call(
      app,
      who.kaemmerei,
      'PUT',
      `/api/versions/${v.id}/cells`,
      edit(rev, -60_000_000),
    );
    expect(first.statusCode).toBe(200);
    const second = await call(
      app,
      who.kaemmerei,
      'PUT',
      `/api/versions/${v.id}/cells`,
      edit(rev, -70_000_000),
    );
    expect(second.statusCode).toBe(409);
    const body = second.json<{ error: string; message: string; current: { amount: number; rev: number } }>();
    expect(body.error).toBe('conflict');
    expect(body.current.amount).toBe(-60_000_000);
    expect(body.current.rev).toBe(rev + 1);
    expect(body.message).toMatch(/inzwischen geändert/);
    const after = (
      await call(app, who.kaemmerei, 'GET', `/api/versions/${v.id}/nodes/43.01`)
    ).json<NodeView>();
    expect(line13(after).cell.amount).toBe(-60_000_000);
  });

  it('the diff of two versions names the edited cell (the Veränderungsnachweis)', async () => {
    const next = await call(app, who.kaemmerei, 'POST', `/api/versions/${v.id}/advance`, { reason: 'Test' });
    expect(next.statusCode).toBe(201);
    const nv = next.json<VersionInfo>();
    const rev = (await store.getNode(SYSTEM_ACTOR, nv.id, '43.01')).cellRevs[
      'teilergebnisplan|13|ansatz:2026'
    ]!;
    // a bestätigter Entwurf is not editable
    const refused = await call(app, who.kaemmerei, 'PUT', `/api/versions/${nv.id}/cells`, edit(rev, 1));
    expect([403, 409]).toContain(refused.statusCode);
    // moving on copies: nothing differs
    const same = await call(app, who.kaemmerei, 'GET', `/api/diff?from=${v.id}&to=${nv.id}`);
    expect(same.json<{ cells: unknown[] }>().cells).toEqual([]);
    // the reference as imported against the edited version: the edited cell and the totals above it
    const original = await importAt(store, await referenceBudget(), 'entwurf', 'x', v.budgetId);
    const d = await call(app, who.kaemmerei, 'GET', `/api/diff?from=${original.id}&to=${nv.id}`);
    expect(d.statusCode).toBe(200);
    const cells = d.json<{ cells: { node: string; line: string; column: unknown; to: number }[] }>().cells;
    expect(cells).toContainEqual(
      expect.objectContaining({ node: '43.01', line: '13', column: ANSATZ, to: -60_000_000 }),
    );
    expect(cells.some((c) => c.node === '43' && c.line === '17')).toBe(true);
    v = nv;
  });
});

describe('authentication', () => {
  it('refuses an unsafe request with the session cookie but without the CSRF token', async () => {
    const noCsrf = { cookie: who.kaemmerei.cookie! };
    const r = await call(app, noCsrf, 'PATCH', `/api/versions/${v.id}/options`, { publicRead: true });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ error: 'csrf' });
    const wrong = await call(
      app,
      { ...noCsrf, csrf: 'x'.repeat(43) },
      'PATCH',
      `/api/versions/${v.id}/options`,
      {
        publicRead: true,
      },
    );
    expect(wrong.statusCode).toBe(403);
    expect((await store.getVersion(SYSTEM_ACTOR, v.id)).publicRead).toBe(false);
  });

  it('an API token works without CSRF; a wrong one is 401', async () => {
    const t = await call(app, who.kaemmerei, 'POST', '/api/tokens', { label: 'Automatisierung' });
    expect(t.statusCode).toBe(201);
    const token = t.json<{ token: string }>().token;
    const r = await call(app, { token }, 'PATCH', `/api/versions/${v.id}/options`, { publicRead: true });
    expect(r.statusCode).toBe(200);
    expect(r.json<VersionInfo>().publicRead).toBe(true);
    // now anonymous readers see it
    expect((await call(app, {}, 'GET', `/api/versions/${v.id}/nodes/43.01`)).statusCode).toBe(200);
    const bad = await call(app, { token: 'A'.repeat(43) }, 'GET', '/api/budgets');
    expect(bad.statusCode).toBe(401);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/ (Secure when configured)', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: USERS.leser.name, password: PASSWORD },
    });
    const header = String(r.headers['set-cookie']);
    expect(header).toMatch(/^haushalt_session=/);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/);
    expect(r.json<{ csrf: string }>().csrf.length).toBeGreaterThan(15);
    const secure = await memoryServer({ secureCookies: true });
    await addUsers(secure.store);
    const s = await secure.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: USERS.leser.name, password: PASSWORD },
    });
    expect(String(s.headers['set-cookie'])).toMatch(/; Secure/);
    await secure.app.close();
    await secure.store.close();
  });

  it('logout ends the session', async () => {
    const c = await (async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { name: USERS.leser.name, password: PASSWORD },
      });
      const cookie = r.cookies.find((x) => x.name === 'haushalt_session')!;
      return { cookie: `haushalt_session=${cookie.value}`, csrf: r.json<{ csrf: string }>().csrf };
    })();
    expect((await call(app, c, 'GET', '/api/session')).statusCode).toBe(200);
    expect((await call(app, c, 'DELETE', '/api/session')).statusCode).toBe(200);
    expect((await call(app, c, 'GET', '/api/session')).statusCode).toBe(401);
  });

  it('limits failed logins per account and per address: 429 with Retry-After and a German message', async () => {
    const limited = await memoryServer({
      loginLimits: {
        perAccount: { max: 10, timeWindow: 60_000 },
        perAddress: { max: 20, timeWindow: 60_000 },
      },
    });
    await addUsers(limited.store);
    const attempt = (name: string, password = 'falsch falsch') =>
      limited.app.inject({ method: 'POST', url: '/api/session', payload: { name, password } });
    for (let i = 0; i < 10; i++) expect((await attempt(USERS.leser.name)).statusCode).toBe(401);
    // the account is locked for the window, the right password too
    const blocked = await attempt(USERS.leser.name, PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ error: 'rate-limited' });
    expect(blocked.json<{ message: string }>().message).toMatch(/Zu viele Anmeldeversuche/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
    // another name from the same address is not blocked, and a success does not count
    expect((await attempt(USERS.kaemmerei.name, PASSWORD)).statusCode).toBe(200);
    // 10 failures more from this address (names nobody has): then the address is blocked, any name
    for (let i = 0; i < 10; i++) expect((await attempt(`niemand${i}`)).statusCode).toBe(401);
    expect((await attempt(USERS.kaemmerei.name, PASSWORD)).statusCode).toBe(429);
    await limited.app.close();
    await limited.store.close();
  });

  it('sends security headers and no stack traces', async () => {
    const r = await call(app, {}, 'GET', '/api/nichts-da');
    expect(r.statusCode).toBe(404);
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.json()).toMatchObject({ error: 'not-found' });
    const nf = await call(app, who.leser, 'GET', '/api/versions/999999');
    expect(nf.statusCode).toBe(404);
    expect(nf.body).not.toMatch(/at .*\.ts|stack/);
  });
});

describe('hostile input', () => {
  const put = (body: unknown, client = who.kaemmerei) =>
    app.inject({
      method: 'PUT',
      url: `/api/versions/${v.id}/cells`,
      headers: { cookie: client.cookie!, 'x-csrf-token': client.csrf!, 'content-type': 'application/json' },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('stores SQL and <script> in an Erläuterung as plain text and returns it as inert JSON', async () => {
    const fresh = await importAt(store, await referenceBudget(), 'entwurf', 'Feindlich');
    const hostile = `<script>alert(1)</script>'); DROP TABLE cell; --`;
    const rev = (await store.getNode(SYSTEM_ACTOR, fresh.id, '43.01')).rev;
    const r = await call(
      app,
      who.kaemmerei,
      'PUT',
      `/api/versions/${fresh.id}/nodes/43.01/erlaeuterungen/0`,
      {
        text: hostile,
        amount: null,
        rev,
        reason: "' OR 1=1 --",
      },
    );
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    const view = r.json<NodeView>();
    const items = view.erlaeuterungen[0]!.items;
    expect(items.at(-1)!.text).toBe(hostile);
    // the raw body carries it as a JSON string, the tables still exist
    expect(r.body).toContain(JSON.stringify(hostile).slice(1, -1));
    expect((await call(app, who.kaemmerei, 'GET', `/api/versions/${fresh.id}/nodes/43.01`)).statusCode).toBe(
      200,
    );
    const audit = await call(app, who.kaemmerei, 'GET', `/api/audit?version=${fresh.id}`);
    expect(
      audit.json<{ entries: { reason: string }[] }>().entries.some((e) => e.reason === "' OR 1=1 --"),
    ).toBe(true);
  });

  it('SQL in codes, names and query parameters is a plain 4xx', async () => {
    expect((await put(edit(0, 1, { node: "43.01' OR '1'='1" }))).statusCode).toBe(404);
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: "admin' --", password: "' OR '1'='1" },
    });
    expect(login.statusCode).toBe(401);
    expect((await call(app, who.leser, 'GET', '/api/diff?from=1%20OR%201=1&to=2')).statusCode).toBe(400);
    expect((await call(app, who.leser, 'GET', '/api/versions/1;DROP%20TABLE%20cell')).statusCode).toBe(400);
  });

  it('rejects a 10 MB string with 413 and a text over 20,000 characters with 400', async () => {
    const huge = await put(edit(0, 1, { reason: 'x'.repeat(10 * 1024 * 1024) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: 'too-large' });
    const long = await put(edit(0, 1, { reason: 'x'.repeat(20_001) }));
    expect(long.statusCode).toBe(400);
    expect(long.json<{ message: string }>().message).toMatch(/„reason“ ist zu lang/);
  });

  it('rejects wrong types, fractions, huge amounts, unknown fields, deep JSON, broken JSON with 400', async () => {
    const cases: [unknown, RegExp][] = [
      [edit(0, 1, { amount: '100' }), /„amount“ muss eine ganze Zahl sein/],
      [edit(0, 1, { amount: 1.5 }), /„amount“ muss eine ganze Zahl sein/],
      [edit(0, 1e15), /„amount“ ist zu groß/],
      [edit(0, 1, { column: { kind: 'ansatz', year: '2026' } }), /„column.year“ muss eine ganze Zahl sein/],
      [edit(0, 1, { admin: true }), /Feld „admin“ unbekannt/],
      [edit(0, 1, { reason: { nested: 'x' } }), /„reason“ muss ein Text sein/],
      [edit(0, 1, { plan: 'geheimplan' }), /„plan“ muss einer dieser Werte sein/],
      [{ ...edit(0, 1), reason: undefined }, /fehlt das Feld „reason“/],
      ['['.repeat(100_000) + ']'.repeat(100_000), /muss ein Objekt sein|verschachtelt/],
      [
        JSON.stringify(edit(0, 1, { reason: 0 })).replace(
          '"reason":0',
          `"reason":${'['.repeat(5000)}${']'.repeat(5000)}`,
        ),
        /„reason“ muss ein Text/,
      ],
      ['{"node": "43.01",', /kein gültiges JSON/],
      ['{"__proto__": {"x": 1}}', /ungültig|JSON/],
    ];
    for (const [body, message] of cases) {
      const r = await put(body);
      expect(r.statusCode, (typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 80)).toBe(400);
      expect(r.json<{ error: string; message: string }>().message).toMatch(message);
    }
  });
});

describe('the budget book through the API', () => {
  it('prints the version as a PDF that the PDF importer reads back to the same cells, and as one HTML page', async () => {
    const fresh = await importAt(store, await referenceBudget(), 'bestaetigt');
    const pdf = await call(app, who.leser, 'GET', `/api/versions/${fresh.id}/export?format=book-pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-api-book-test-'));
    try {
      const file = path.join(dir, 'haushaltsplan.pdf');
      writeFileSync(file, pdf.rawPayload);
      // a draft (bestätigter Entwurf) says so with its version and the day on every page, the cover included
      const doc = await getDocument({ data: new Uint8Array(pdf.rawPayload) }).promise;
      try {
        const day = new Intl.DateTimeFormat('de-DE', {
          timeZone: 'Europe/Berlin',
          day: '2-digit',
          month: '2-digit',
          year: 'numeric',
        }).format(new Date());
        const unmarked: number[] = [];
        for (let p = 1; p <= doc.numPages; p++) {
          const text = (await (await doc.getPage(p)).getTextContent()).items
            .map((i) => ('str' in i ? i.str : ''))
            .join(' ');
          if (!text.includes(`Entwurf – Version „${fresh.label}“, Stand ${day}`)) unmarked.push(p);
        }
        expect(doc.numPages).toBeGreaterThan(5);
        expect(unmarked).toEqual([]);
      } finally {
        await doc.destroy();
      }
      const back = await importFiles([file]);
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      // the plans as imported; the book's Übersichten come back as parts (test/book.test.ts compares them)
      expect(back.budget.parts?.querschnitt).toBeDefined();
      expect(toTidyCsv(plansOf(back.budget))).toBe(
        readFileSync(path.join(REPO_ROOT, 'test/golden/reference.tidy.csv'), 'utf8'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const html = await call(app, who.leser, 'GET', `/api/versions/${fresh.id}/export?format=book-html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toMatch(/^<!DOCTYPE html>/i);
    expect(html.body).toContain('Teilergebnisplan');
    expect(html.body).toContain(`<div class="draft-mark" role="note">Entwurf – Version „${fresh.label}“`);
    // the book of one unit: the unit and the units below it, nothing else
    const codes = (body: string): string[] => [
      ...new Set([...body.matchAll(/<h2 class="title">[^<]*?(\d+(?:\.\d+)*)\b/gu)].map((m) => m[1]!)),
    ];
    const whole = codes(html.body);
    const unit = whole.find((c) => c.includes('.') && whole.some((d) => d.startsWith(`${c}.`)))!;
    const part = await call(
      app,
      who.leser,
      'GET',
      `/api/versions/${fresh.id}/export?format=book-html&unit=${encodeURIComponent(unit)}`,
    );
    expect(part.statusCode).toBe(200);
    const inPart = codes(part.body);
    expect(inPart).toEqual(whole.filter((c) => c === unit || c.startsWith(`${unit}.`)));
    expect(inPart.length).toBeLessThan(whole.length);
    const unknown = await call(
      app,
      who.leser,
      'GET',
      `/api/versions/${fresh.id}/export?format=book-html&unit=99.99`,
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ message: string }>().message).toBe(
      'Die Einheit „99.99“ gibt es in dieser Version nicht.',
    );
    // an adopted plan carries no draft mark
    const adopted = await importAt(store, await referenceBudget(), 'beschluss');
    const final = await call(app, who.leser, 'GET', `/api/versions/${adopted.id}/export?format=book-html`);
    expect(final.statusCode).toBe(200);
    expect(final.body).toContain('Teilergebnisplan');
    expect(final.body).not.toContain('class="draft-mark"');
    expect(final.body).not.toMatch(/Entwurf – Version/u);
  }, 120_000);
});

describe('OpenAPI and a real listening server', () => {
  it('documents every route with its input schema', async () => {
    const r = await call(app, {}, 'GET', '/api/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json<{
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/session', '/api/budgets', '/api/versions/{v}/cells', '/api/diff', '/api/audit'])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(JSON.stringify(doc.paths['/api/versions/{v}/cells']!.put!.requestBody)).toContain(
      'exclusiveMaximum',
    );
  });

  it('takes an upload over HTTP and gives every printed cell back as tidy CSV', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const t = await call(app, who.kaemmerei, 'POST', '/api/tokens', { label: 'Upload' });
    const auth = { authorization: `Bearer ${t.json<{ token: string }>().token}` };
    const form = new FormData();
    form.append('name', 'Hochgeladen');
    form.append('files', new Blob([readFileSync(REFERENCE)]), path.basename(REFERENCE));
    const up = await fetch(`${address}/api/budgets`, { method: 'POST', body: form, headers: auth });
    expect(up.status).toBe(201);
    const version = (await up.json()) as VersionInfo;
    const csv = await fetch(`${address}/api/versions/${version.id}/export?format=tidy-csv`, {
      headers: auth,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await csv.text()).toBe(
      readFileSync(path.join(REPO_ROOT, 'test/golden/reference.tidy.csv'), 'utf8'),
    );
    const xlsx = await fetch(`${address}/api/versions/${version.id}/export?format=xlsx`, { headers: auth });
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    const fdp = await fetch(`${address}/api/versions/${version.id}/export?format=fdp`, { headers: auth });
    expect(fdp.status).toBe(400);
    // a file that is no budget: 400 naming the uploaded file, not the temporary folder
    const bad = new FormData();
    bad.append('files', new Blob(['Das ist kein Haushalt.\n']), 'notiz.txt');
    const r = await fetch(`${address}/api/budgets`, { method: 'POST', body: bad, headers: auth });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { message: string };
    expect(body.message).toMatch(/^notiz\.txt/);
    expect(body.message).not.toMatch(/haushalt-upload-/);
    // a Leser may not import: refused before the upload is read
    const leser = await fetch(`${address}/api/budgets`, {
      method: 'POST',
      body: form,
      headers: { cookie: who.leser.cookie!, 'x-csrf-token': who.leser.csrf! },
    });
    expect(leser.status).toBe(403);
  });

  it('takes an upload with one unreadable cell, reports exactly that cell, and refuses it with strict', async () => {
    const address = app.server.listening
      ? `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      : await app.listen({ port: 0, host: '127.0.0.1' });
    const t = await call(app, who.kaemmerei, 'POST', '/api/tokens', { label: 'Upload kaputt' });
    const auth = { authorization: `Bearer ${t.json<{ token: string }>().token}` };
    const name = 'band1_p009_PG12_Ergebnisplan_t0.csv';
    const lines = readFileSync(path.join(DATA, 'muenster-2026', name), 'utf8').split('\r\n');
    // Zeile 15 (Transferaufwendungen), Ansatz 2026 in the fifth column: a cell the extractor garbled
    lines[16] = lines[16]!.replace(',899.059.340,', ',- 14.639.900-,');
    const upload = (strict?: string): FormData => {
      const form = new FormData();
      form.append('name', 'Münster, eine Zelle unlesbar');
      if (strict !== undefined) form.append('strict', strict);
      form.append('files', new Blob([lines.join('\r\n')]), name);
      return form;
    };
    const up = await fetch(`${address}/api/budgets`, { method: 'POST', body: upload(), headers: auth });
    expect(up.status).toBe(201);
    const version = (await up.json()) as VersionInfo & { reconciliation: { difference: number }[] };
    expect(version.reconciliation.every((r) => r.difference === 0)).toBe(true);
    const findings = (
      await call(app, who.kaemmerei, 'GET', `/api/versions/${version.id}/findings?severity=error`)
    ).json<VersionFindings>();
    expect(findings.open.map((f) => `${f.rule} ${f.line} ${f.source?.file}:${f.source?.line}`)).toEqual([
      `unreadable-amount 15 ${name}:17`,
    ]);
    expect(findings.open[0]!.message).toContain('„- 14.639.900-“ in Spalte 5 (Ansatz 2026)');
    const strict = await fetch(`${address}/api/budgets`, {
      method: 'POST',
      body: upload('true'),
      headers: auth,
    });
    expect(strict.status).toBe(400);
    expect(((await strict.json()) as { message: string }).message).toMatch(
      new RegExp(`^${name}, Zeile 17: Zeile 15: Betrag „- 14\\.639\\.900-“`, 'u'),
    );
  });
});

const status = (client: Client, query: string) =>
  call(app, client, 'GET', `/api/versions/${v.id}/export/status?${query}`);

describe('the status of an export', () => {
  it('is "nicht-begonnen", then "läuft" while the book prints, then "fertig" from the cache', async () => {
    const query = 'format=book-pdf&unit=43.01';
    expect((await status(who.kaemmerei, query)).json()).toEqual({ state: 'nicht-begonnen' });
    const download = call(app, who.kaemmerei, 'GET', `/api/versions/${v.id}/export?${query}`);
    const seen: { state: string; done?: number; total?: number }[] = [];
    for (;;) {
      const s = (await status(who.kaemmerei, query)).json<{ state: string; done?: number; total?: number }>();
      seen.push(s);
      if (s.state === 'fertig') break;
      await new Promise((r) => setTimeout(r, 40));
    }
    const pdf = await download;
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(seen.some((s) => s.state === 'läuft')).toBe(true);
    // reported steps never run past their total
    for (const s of seen) if (s.done !== undefined) expect(s.done).toBeLessThanOrEqual(s.total!);
    // another unit's book is another export
    expect((await status(who.kaemmerei, 'format=book-pdf&unit=43')).json()).toEqual({
      state: 'nicht-begonnen',
    });
  }, 180_000);

  it('is refused as the export is to whom may not read the version, and names a bad format', async () => {
    // a version nobody has opened to readers (the one above was published by the tests before)
    const hidden = await importAt(store, await referenceBudget(), 'entwurf');
    const status = (client: Client, query: string) =>
      call(app, client, 'GET', `/api/versions/${hidden.id}/export/status?${query}`);
    const anonymous = await status(who.anonymous, 'format=book-pdf');
    expect(anonymous.statusCode).toBe(401);
    const leser = await status(who.leser, 'format=book-pdf');
    expect(leser.statusCode).toBe(403);
    const bad = await status(who.kaemmerei, 'format=docx');
    expect(bad.statusCode).toBe(400);
  });
});
