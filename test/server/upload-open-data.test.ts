/**
 * Open data uploaded as a user would send it: Köln's OpenSpending files (one amount per row), the file of all
 * years and a file of one year, in one upload. The server reads them exactly as `haushalt import` does (in its
 * worker): merged, the amounts published twice kept once and listed for the other file, every amount
 * reconciled; the answer carries the reconciliation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reconciliation } from '../../src/core/ledger.js';
import type { Store } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { DATA } from '../paths.js';
import { addUsers, login, memoryServer, USERS, type Client } from './helpers.js';

const KOELN = path.join(DATA, 'offenerhaushalt/koeln-2012-2018/data');
const FILES = ['__os_imported__de-nrw-cologne.csv', '__os_imported__de-nrw-cologne__2012.csv'];

let store: Store;
let app: FastifyInstance;
let kaemmerei: Client;

beforeAll(async () => {
  ({ store, app } = await memoryServer());
  await addUsers(store);
  kaemmerei = await login(app, USERS.kaemmerei.name);
}, 60_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

function multipart(files: readonly string[]): { payload: Buffer; boundary: string } {
  const boundary = '----haushalt-open-data';
  const parts = files.flatMap((f) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f}"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    readFileSync(path.join(KOELN, f)),
    Buffer.from('\r\n'),
  ]);
  return { payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), boundary };
}

describe('an upload of open data in several files', () => {
  it('is read as the command line reads it: duplicates once, every amount reconciled', async () => {
    const { payload, boundary } = multipart(FILES);
    const r = await app.inject({
      method: 'POST',
      url: '/api/budgets',
      payload,
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        cookie: kaemmerei.cookie!,
        'x-csrf-token': kaemmerei.csrf!,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    const answer = r.json<{ id: number; reconciliation: Reconciliation[] }>();
    // every file and column adds up, and the repeated year is listed, not placed twice
    expect(answer.reconciliation.length).toBeGreaterThan(0);
    expect(answer.reconciliation.every((x) => x.difference === 0)).toBe(true);
    const single = answer.reconciliation.filter((x) => x.file === FILES[1]);
    expect(single.length).toBeGreaterThan(0);
    for (const x of single) {
      expect(x.placed.amount).toBe(0);
      expect(x.outside.map((o) => o.reason).join(' ')).toMatch(/doppelt veröffentlicht/u);
    }
    const nodes = await store.listNodes(SYSTEM_ACTOR, answer.id);
    expect(nodes.filter((n) => n.level === 'produktbereich').length).toBe(18);
    expect(nodes.filter((n) => n.level === 'produktgruppe').length).toBe(101);
  }, 60_000);
});
