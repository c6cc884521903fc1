/**
 * Each chapter of the book reachable alone through the API (issue 18, item 7):
 * `GET /api/versions/:v/export?format=book-html&chapter=…` answers the chapter as a page of its own (the
 * draft mark as on the whole book), 404 for a chapter the plan does not have, 400 for a chapter of another
 * format. The reference budget with Münster's Stellenplan: its Satzung, Vorbericht, Querschnitt and
 * Investitionsprogramm are derived from the plans, the Stellenplan is the part.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/importers/index.js';
import type { Store, VersionInfo } from '../../src/store/api.js';
import { DATA, REFERENCE } from '../paths.js';
import { addUsers, call, clients, importAt, memoryServer, type Client, type Who } from './helpers.js';
import type { Violation } from './contract-check.js';

let store: Store;
let app: FastifyInstance;
let violations: Violation[];
let who: Record<Who, Client>;
let v: VersionInfo;

beforeAll(async () => {
  ({ store, app, violations } = await memoryServer());
  await addUsers(store);
  const r = await importFiles([REFERENCE, path.join(DATA, 'muenster-2026/stellenplan_2026_2027.csv')]);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  v = await importAt(store, r.budget, 'bestaetigt');
  who = await clients(app);
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
  expect(violations).toEqual([]);
});

const url = (query: string): string => `/api/versions/${v.id}/export?format=book-html&${query}`;

describe('a chapter of the book alone', () => {
  it('answers each chapter the plan has as a page of its own, marked as a draft', async () => {
    for (const [chapter, text] of [
      ['haushaltssatzung', 'Haushaltssatzung für das Haushaltsjahr 2026'],
      ['vorbericht', 'Eckdaten 2026'],
      ['haushaltsquerschnitt', 'Haushaltsquerschnitt 2026'],
      ['stellenplan', 'GLEICHSTELLUNG ALLER GESCHLECHTER'],
      ['investitionsprogramm', 'Aus den Investitionsübersichten der Teilfinanzpläne abgeleitet.'],
    ] as const) {
      const res = await call(app, who.leser, 'GET', url(`chapter=${chapter}`));
      expect(res.statusCode, chapter).toBe(200);
      expect(res.body, chapter).toContain(text);
      expect(res.body, chapter).toContain('class="draft-mark"');
      // the chapter only: no Teilplan in it
      expect(res.body, chapter).not.toContain('Teilergebnisplan Produkt');
    }
  });

  it('refuses a chapter the plan does not have, and a chapter of the PDF', async () => {
    const none = await call(app, who.leser, 'GET', url('chapter=fraktionen'));
    expect(none.statusCode).toBe(404);
    expect(none.json<{ message: string }>().message).toBe(
      'Das Kapitel „fraktionen“ hat dieser Haushaltsplan nicht.',
    );
    const pdf = await call(
      app,
      who.leser,
      'GET',
      `/api/versions/${v.id}/export?format=book-pdf&chapter=stellenplan`,
    );
    expect(pdf.statusCode).toBe(400);
    const bad = await call(app, who.leser, 'GET', url('chapter=%3Cscript%3E'));
    expect(bad.statusCode).toBe(400);
  });
});
