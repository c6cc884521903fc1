/**
 * Denial of service through the budget book, as an attacker and an impatient user would try it against the
 * built server (a real process, real Chromium): twenty parallel anonymous requests for the public sample's PDF
 * book, then signed-in requests for the books of larger budgets that are abandoned mid-print. The Chromium
 * processes below the server are sampled from /proc all the while: never more browsers than the queue runs
 * jobs, one shared print for all anonymous requests, nothing left a few seconds after the clients have gone,
 * and a cheap request answered promptly throughout.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBudget } from '../../src/generate/index.js';
import { REFERENCE } from '../paths.js';
import { addUserWithCli, kill, loginHeaders, startServer, type Running } from '../server/process.js';
import { chromiumLeft, sampleChromium } from './procs.js';

/** Jobs the server runs at once (`--jobs`): the bound on browsers. */
const JOBS = 2;
const PASSWORD = 'ein langes Passwort 13';
/** A cheap request slower than this while books print means the prints starve the server (a loaded CI runner
 * answers within a few hundred milliseconds, an overloaded one within a few seconds). */
const STARVED_MS = 8000;
const MARK = { name: 'HAUSHALT_TEST_MARK', value: `book-dos-${randomUUID()}` };

const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-book-dos-'));
const database = `sqlite:${path.join(tmp, 'dos.sqlite')}`;
let server: Running;
let sampler: ReturnType<typeof sampleChromium>;
let pid: number;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `/api/budgets` every 250 ms while `during` runs; the slowest answer in milliseconds. */
async function slowestCheapAnswer<T>(
  during: Promise<T>,
): Promise<{ result: T; slowest: number; probes: number }> {
  let done = false;
  let slowest = 0;
  let probes = 0;
  const probe = (async () => {
    while (!done) {
      const t = performance.now();
      const r = await fetch(`${server.url}/api/budgets`);
      await r.arrayBuffer();
      expect(r.status).toBe(200);
      slowest = Math.max(slowest, performance.now() - t);
      probes++;
      await sleep(250);
    }
  })();
  try {
    return { result: await during, slowest, probes };
  } finally {
    done = true;
    await probe;
  }
}

beforeAll(async () => {
  addUserWithCli(database, 'anna', 'kaemmerei', PASSWORD);
  // every process the server starts inherits the mark: Chromium's crash handlers, which leave its tree, too
  process.env[MARK.name] = MARK.value;
  try {
    server = await startServer(database, [
      '--sample',
      REFERENCE,
      '--jobs',
      String(JOBS),
      '--job-queue',
      '4',
      '--jobs-per-client',
      '2',
    ]);
  } finally {
    Reflect.deleteProperty(process.env, MARK.name);
  }
  pid = server.child.pid!;
  sampler = sampleChromium(pid);
}, 60_000);

afterAll(async () => {
  sampler.stop();
  await kill(server.child);
  rmSync(tmp, { recursive: true, force: true });
});

describe('the budget book under attack', () => {
  it('serves twenty parallel anonymous requests with one shared print, then from the cache', async () => {
    const versions = (await (await fetch(`${server.url}/api/budgets/1/versions`)).json()) as {
      versions: { id: number; publicRead: boolean }[];
    };
    const sample = versions.versions[0]!;
    expect(sample.publicRead).toBe(true);
    const url = `${server.url}/api/versions/${sample.id}/export?format=book-pdf`;
    const from = performance.now();

    const one = async () => {
      const r = await fetch(url);
      const body = Buffer.from(await r.arrayBuffer());
      return {
        status: r.status,
        retryAfter: r.headers.get('retry-after'),
        type: r.headers.get('content-type'),
        body,
      };
    };
    const { result: answers, slowest } = await slowestCheapAnswer(
      Promise.all(Array.from({ length: 20 }, one)),
    );
    for (const a of answers) {
      if (a.status === 200) {
        expect(a.type).toBe('application/pdf');
        expect(a.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      } else {
        expect(a.status).toBe(503);
        expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
        const json = JSON.parse(a.body.toString('utf8')) as { error: string; message: string };
        expect(json.error).toBe('busy');
        expect(json.message).toMatch(/wird gerade erstellt.*Sekunde/);
      }
    }

    // until the shared print is done: the cache answers
    const deadline = Date.now() + 180_000;
    let ready = await one();
    while (ready.status !== 200 && Date.now() < deadline) {
      expect(ready.status).toBe(503);
      await sleep(Math.min(2, Number(ready.retryAfter)) * 1000);
      ready = await one();
    }
    expect(ready.status).toBe(200);
    const printed = sampler.distinct(from);
    // one shared background print, however many anonymous requests (the sampler may miss a very short one)
    expect(printed).toBeLessThanOrEqual(1);
    expect(sampler.peak(from).browsers).toBeLessThanOrEqual(1);

    // now twenty more come straight from the cache: no Chromium at all
    const cached = performance.now();
    const again = await Promise.all(Array.from({ length: 20 }, one));
    expect(again.map((a) => a.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(again.every((a) => a.body.equals(ready.body))).toBe(true);
    sampler.take();
    expect(sampler.distinct(cached)).toBe(0);
    console.log(
      `anonymous: ${answers.filter((a) => a.status === 200).length} × 200, ` +
        `${answers.filter((a) => a.status === 503).length} × 503; browsers started ${printed}, ` +
        `Chromium processes at most ${sampler.peak(from).chromium} ` +
        `(${Math.round(sampler.peak(from).rss / 1024 / 1024)} MB resident); slowest /api/budgets ${Math.round(slowest)} ms`,
    );
    // not a speed measurement: the prints must never hold the server's event loop (a print takes far longer)
    expect(slowest).toBeLessThan(STARVED_MS);
  }, 240_000);

  it('stops the prints of clients that went away: never more browsers than jobs, none left behind', async () => {
    const headers = await loginHeaders(server.url, 'anna', PASSWORD);
    // three larger budgets: their books take far longer to print than the test waits
    const ids: number[] = [];
    for (const seed of [1, 2, 3]) {
      const form = new FormData();
      form.append('name', `Groß ${seed}`);
      form.append('files', new Blob([generateBudget({ products: 30, seed })]), `gross-${seed}.txt`);
      const r = await fetch(`${server.url}/api/budgets`, { method: 'POST', body: form, headers });
      expect(r.status, await r.clone().text()).toBe(201);
      ids.push(((await r.json()) as { id: number }).id);
    }
    const from = performance.now();
    // two clients for each book (single flight: one print per book), three books for one user (share: two)
    const requests = ids.flatMap((id) =>
      [0, 1].map(() => {
        const controller = new AbortController();
        const answer = fetch(`${server.url}/api/versions/${id}/export?format=book-pdf`, {
          headers,
          signal: controller.signal,
        }).then(
          async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), text: await r.text() }),
          (e: unknown) => ({ status: 0, retryAfter: null, text: String(e) }),
        );
        return { controller, answer };
      }),
    );
    // wait until the prints are under way (Chromium started), then every client gives up
    const started = Date.now();
    while (sampler.peak(from).browsers < JOBS && Date.now() - started < 60_000) await sleep(100);
    expect(sampler.peak(from).browsers).toBeGreaterThanOrEqual(1);
    await sleep(1500);
    const { slowest } = await slowestCheapAnswer(sleep(1000));
    for (const r of requests) r.controller.abort();
    const gone = performance.now();
    const answers = await Promise.all(requests.map((r) => r.answer));
    for (const a of answers) {
      // aborted by the client, or refused at once: the user's share of the queue was used up
      if (a.status === 0) expect(a.text).toMatch(/abort/i);
      else {
        expect(a.status).toBe(429);
        expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
        expect(a.text).toMatch(/in Arbeit/);
      }
    }
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);

    // nothing of Chromium is left within a few seconds: no browser, helper, crash handler or orphan
    let left = chromiumLeft(pid, sampler.seen.values(), MARK);
    while (left.length > 0 && performance.now() - gone < 15_000) {
      await sleep(200);
      left = chromiumLeft(pid, sampler.seen.values(), MARK);
    }
    const cleanMs = performance.now() - gone;
    expect(left.map((p) => `${p.pid} ${p.comm}`)).toEqual([]);
    expect(sampler.peak(from).browsers).toBeLessThanOrEqual(JOBS);
    console.log(
      `signed in: ${answers.filter((a) => a.status === 0).length} aborted, ` +
        `${answers.filter((a) => a.status === 429).length} × 429; browsers at most ${sampler.peak(from).browsers} ` +
        `(${sampler.peak(from).chromium} Chromium processes, ` +
        `${Math.round(sampler.peak(from).rss / 1024 / 1024)} MB resident); all gone ${Math.round(cleanMs)} ms after the ` +
        `clients left; slowest /api/budgets ${Math.round(slowest)} ms`,
    );
    // not a speed measurement: the prints must never hold the server's event loop (a print takes far longer)
    expect(slowest).toBeLessThan(STARVED_MS);

    // the server is well and prints again on request
    const r = await fetch(`${server.url}/api/budgets`);
    expect(r.status).toBe(200);
  }, 240_000);

  it('never had more browsers alive than the queue runs jobs', () => {
    sampler.take();
    expect(sampler.peak().browsers).toBeLessThanOrEqual(JOBS);
    expect(sampler.seen.size).toBeGreaterThan(0);
  });

  it('started every Chromium without a network and without --no-sandbox unless as root', () => {
    const root = process.getuid?.() === 0;
    expect(sampler.commands.size).toBeGreaterThan(0);
    for (const command of sampler.commands.values()) {
      expect(command).toContain('--host-resolver-rules=MAP * ~NOTFOUND');
      // Chromium refuses its sandbox as root (the test containers); any other user gets it
      expect(command.includes('--no-sandbox')).toBe(root);
    }
  });
});
