/**
 * A constant-rate HTTP load generator (open loop, like wrk2): request i is due at `start + i / rate`, whatever
 * happened to the requests before it, and its latency is measured from that due time, not from when a
 * connection became free — so a server that falls behind is charged for the queue it builds (no coordinated
 * omission). Requests go over a pool of keep-alive connections (undici); a request whose connections are all
 * busy waits in the pool's queue, and that wait counts.
 *
 * Why not autocannon: its `-R` gives each connection a budget per second that resets on a one-second timer, so
 * every connection fires its whole budget at the start of each second (50 connections × 20 = 1,000 requests in
 * one burst), and it then "corrects" every latency with an expected interval of 1 ms, adding synthetic samples.
 * A trivial Node server answering `{}` showed p99 ≈ 380 ms under it. Debian's `wrk` has no constant rate.
 *
 * Run as its own process (the load must not share the event loop of what it measures):
 * `node dist/bench/load.js --url http://127.0.0.1:8080/api/… --rate 1000 --duration 20 [--connections 64]
 * [--header 'authorization: Bearer …']` → one JSON object on stdout (`LoadResult`).
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { numberOption, stringOptions } from './options.js';

export interface LoadResult {
  readonly url: string;
  /** the rate asked for, requests per second */
  readonly rate: number;
  /** requests answered per second over the run */
  readonly achieved: number;
  readonly requests: number;
  readonly bytes: number;
  /** latency in milliseconds from each request's due time to the end of its response */
  readonly latency: {
    readonly p50: number;
    readonly p90: number;
    readonly p99: number;
    readonly max: number;
  };
  /** requests that failed on the network or answered with a status other than 2xx */
  readonly errors: number;
  readonly non2xx: number;
}

export async function runLoad(options: {
  url: string;
  rate: number;
  seconds: number;
  connections?: number;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: options.connections ?? 64, pipelining: 1 });
  const path = target.pathname + target.search;
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies = new Float64Array(total);
  let done = 0;
  let bytes = 0;
  let errors = 0;
  let non2xx = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const send = (i: number, due: number): void => {
    pool
      .request({ method: 'GET', path, headers: options.headers ?? {} })
      .then(async (res) => {
        for await (const chunk of res.body) bytes += (chunk as Buffer).length;
        if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
      })
      .catch(() => {
        errors++;
      })
      .finally(() => {
        latencies[i] = performance.now() - due;
        if (++done === total) finish();
      });
  };

  const start = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        send(next, start + next * interval);
        next++;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
      else resolve();
    };
    tick();
  });
  if (total > 0) await finished;
  const elapsed = (performance.now() - start) / 1000;
  await pool.close();
  const sorted = latencies.sort();
  const at = (q: number): number => round(sorted[Math.min(total - 1, Math.ceil(q * total) - 1)] ?? 0);
  return {
    url: options.url,
    rate: options.rate,
    achieved: Math.round(total / elapsed),
    requests: total,
    bytes,
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round(sorted[total - 1] ?? 0) },
    errors,
    non2xx: non2xx,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const headers: Record<string, string> = {};
  for (const h of stringOptions(args, '--header')) {
    const colon = h.indexOf(':');
    if (colon < 1) throw new Error(`--header needs "name: value", got ${h}`);
    headers[h.slice(0, colon).trim().toLowerCase()] = h.slice(colon + 1).trim();
  }
  const url = stringOptions(args, '--url')[0];
  if (!url) throw new Error('--url is required');
  const result = await runLoad({
    url,
    rate: numberOption(args, '--rate', 1000),
    seconds: numberOption(args, '--duration', 20),
    connections: numberOption(args, '--connections', 64),
    headers,
  });
  console.log(JSON.stringify(result));
}
