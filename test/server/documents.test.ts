/**
 * Source documents over HTTP: an upload of the reference printed as PDF by Chromium keeps the file with the
 * import; the list, the bytes whole and in ranges (as pdf.js asks for them), 404 and 416 in German, the
 * read rights of the version, and the lines of a text document around a source line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BudgetNode } from '../../src/core/model.js';
import type { DocumentInfo, Store, VersionInfo } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { REFERENCE } from '../paths.js';
import { referencePdfByChromium } from '../pdf/producers.js';
import { addUsers, call, clients, memoryServer, referenceBudget, type Client, type Who } from './helpers.js';
import type { Violation } from './contract-check.js';

const PDF_NAME = 'Haushaltsplan Kreis 2026.pdf';

let store: Store;
let app: FastifyInstance;
let violations: Violation[];
let who: Record<Who, Client>;
let pdf: Buffer;
/** The Entwurf the upload made, and the released version after it. */
let imported: VersionInfo;
let version: VersionInfo;

function get(client: Client, url: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'GET',
    url,
    headers: { ...(client.cookie ? { cookie: client.cookie } : {}), ...headers },
  });
}

beforeAll(async () => {
  ({ store, app, violations } = await memoryServer());
  await addUsers(store);
  who = await clients(app);
  pdf = readFileSync(referencePdfByChromium());
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const form = new FormData();
  form.append('name', 'Aus PDF');
  form.append('files', new Blob([pdf]), PDF_NAME);
  const up = await fetch(`${address}/api/budgets`, {
    method: 'POST',
    body: form,
    headers: { cookie: who.kaemmerei.cookie!, 'x-csrf-token': who.kaemmerei.csrf! },
  });
  expect(up.status).toBe(201);
  imported = (await up.json()) as VersionInfo;
  // released (confirmed by the Bürgermeister, sent to the council): Leser and Fachbereiche read it and,
  // along its line of versions, the documents of the import it came from
  version = await store.advance(SYSTEM_ACTOR, imported.id, 'Bestätigt');
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
  // every answer fits its route's schema in the contract
  expect(violations).toEqual([]);
});

describe('source documents over HTTP', () => {
  const url = () => `/api/versions/${version.id}/documents`;
  const file = () => `${url()}/${encodeURIComponent(PDF_NAME)}`;

  it('keeps the uploaded PDF with the import, named as the sources name it', async () => {
    const r = await get(who.kaemmerei, url());
    expect(r.statusCode).toBe(200);
    const { documents } = r.json<{ documents: DocumentInfo[] }>();
    expect(documents.map((d) => [d.name, d.mediaType, d.size])).toEqual([
      [PDF_NAME, 'application/pdf', pdf.length],
    ]);
    const sources = await get(who.kaemmerei, `/api/versions/${version.id}/nodes/43.01/sources`);
    const node = sources.json<{ node: BudgetNode }>().node;
    const source = node.plans[0]?.lines.find((l) => l.cells.length > 0)?.cells[0]?.source;
    expect(source).toMatchObject({ file: PDF_NAME, page: expect.any(Number) as number });
    expect(source?.box).toHaveLength(4);
  });

  it('gives the bytes whole and in ranges, with the headers pdf.js needs', async () => {
    const whole = await get(who.leser, file());
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('application/pdf');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-length']).toBe(String(pdf.length));
    expect(whole.headers['content-disposition']).toBe(
      `inline; filename="Haushaltsplan Kreis 2026.pdf"; filename*=UTF-8''Haushaltsplan%20Kreis%202026.pdf`,
    );
    expect(whole.rawPayload.equals(pdf)).toBe(true);

    const first = await get(who.leser, file(), { range: 'bytes=0-99' });
    expect(first.statusCode).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${pdf.length}`);
    expect(first.headers['content-length']).toBe('100');
    expect(first.rawPayload.equals(pdf.subarray(0, 100))).toBe(true);
    expect(first.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const tail = await get(who.leser, file(), { range: 'bytes=-1024' });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(pdf.subarray(pdf.length - 1024))).toBe(true);

    const middle = await get(who.leser, file(), { range: `bytes=1000-` });
    expect(middle.headers['content-range']).toBe(`bytes 1000-${pdf.length - 1}/${pdf.length}`);
    expect(middle.rawPayload.equals(pdf.subarray(1000))).toBe(true);

    const outside = await get(who.leser, file(), { range: `bytes=${pdf.length}-` });
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${pdf.length}`);
    expect(outside.json<{ message: string }>().message).toMatch(
      /liegt nicht in „Haushaltsplan Kreis 2026\.pdf“/,
    );

    // a stale If-Range (the document is another one now): the whole document
    const stale = await get(who.leser, file(), { range: 'bytes=0-9', 'if-range': '"anders"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(pdf.length);
  });

  it('answers unknown names with 404 and keeps non-public versions from anonymous readers', async () => {
    const missing = await get(who.kaemmerei, `${url()}/gibt-es-nicht.pdf`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ message: string }>().message).toBe(
      'Das Dokument „gibt-es-nicht.pdf“ gibt es zu dieser Fassung nicht.',
    );
    expect((await get(who.anonymous, url())).statusCode).toBe(401);
    expect((await get(who.anonymous, file(), { range: 'bytes=0-9' })).statusCode).toBe(401);
    expect((await get(who.fachbereich, url())).statusCode).toBe(200);
    // the Kämmerei's Entwurf is not released: neither Leser nor Fachbereich read its documents
    const draft = `/api/versions/${imported.id}/documents`;
    expect((await get(who.kaemmerei, draft)).statusCode).toBe(200);
    expect((await get(who.leser, draft)).statusCode).toBe(403);
    expect((await get(who.fachbereich, `${draft}/${encodeURIComponent(PDF_NAME)}`)).statusCode).toBe(403);
    await store.setVersionOptions(SYSTEM_ACTOR, version.id, { publicRead: true });
    try {
      const open = await get(who.anonymous, file(), { range: 'bytes=0-9' });
      expect(open.statusCode).toBe(206);
      expect(open.rawPayload.equals(pdf.subarray(0, 10))).toBe(true);
    } finally {
      await store.setVersionOptions(SYSTEM_ACTOR, version.id, { publicRead: false });
    }
    expect((await get(who.kaemmerei, `/api/versions/999999/documents`)).statusCode).toBe(404);
  });

  it('gives the lines of a text document around a source line, with their page', async () => {
    const text = readFileSync(REFERENCE);
    const name = path.basename(REFERENCE);
    const v = await store.importBudget(SYSTEM_ACTOR, {
      budget: await referenceBudget(),
      name: 'Aus Text',
      documents: [{ name, mediaType: 'text/plain', bytes: text }],
    });
    const budget = await store.loadBudget(SYSTEM_ACTOR, v.id);
    const line = budget.nodes.find((n) => n.code === '43.01')!.plans[0]!.lines.find((l) => l.source)!;
    const at = line.source!.line;
    const r = await get(
      who.kaemmerei,
      `/api/versions/${v.id}/documents/${encodeURIComponent(name)}/lines?from=${at - 2}&to=${at + 2}`,
    );
    expect(r.statusCode).toBe(200);
    const body = r.json<{ total: number; lines: { line: number; page: number; text: string }[] }>();
    expect(body.lines.map((l) => l.line)).toEqual([at - 2, at - 1, at, at + 1, at + 2]);
    const printed = text.toString('utf8').split(/\r?\n/u);
    expect(body.lines[2]!.text).toBe(printed[at - 1]!.replaceAll('\f', ''));
    expect(body.lines[2]!.text).toContain(line.label.slice(0, 20));
    expect(body.total).toBe(printed.length);
    // pages count the form feeds before the line
    const feeds = printed.slice(0, at).join('\n').split('\f').length;
    expect(body.lines[2]!.page).toBe(feeds);

    const reversed = await get(
      who.kaemmerei,
      `/api/versions/${v.id}/documents/${encodeURIComponent(name)}/lines?from=9&to=3`,
    );
    expect(reversed.statusCode).toBe(400);
    const ofPdf = await get(who.kaemmerei, `${file()}/lines?from=1&to=3`);
    expect(ofPdf.statusCode).toBe(400);
    expect(ofPdf.json<{ message: string }>().message).toMatch(/ist eine PDF-Datei/);
    const typed = await get(
      who.kaemmerei,
      `/api/versions/${v.id}/documents/${encodeURIComponent(name)}/lines?from=x`,
    );
    expect(typed.statusCode).toBe(400);
  });

  it('names the routes in the OpenAPI document', async () => {
    const doc = (await call(app, who.anonymous, 'GET', '/api/openapi.json')).json<{
      paths: Record<string, unknown>;
    }>();
    for (const p of [
      '/api/versions/{v}/documents',
      '/api/versions/{v}/documents/{name}',
      '/api/versions/{v}/documents/{name}/lines',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});
