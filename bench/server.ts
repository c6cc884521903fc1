/**
 * Server benchmark (issue 4), on a generated budget (600 products by default) in a fresh store:
 *
 * 1. `read`: a Produktbereich's plans (`GET /api/versions/:v/nodes/:code`, the first Produktbereich, as the
 *    Kämmerei through an API token) under a constant load of `--rate` requests a second (bench/load.ts, a
 *    constant-rate generator in a process of its own; the server is `haushalt serve`, a second process on loopback) for `--duration` seconds.
 *    Goal: p99 below 25 ms at 1,000 requests/s, no errors. The baseline, measured in the same run with the same
 *    rate: `GET /api/session` (the cheapest authenticated route: token check, a small JSON answer), so that the
 *    ratio tells what reading plans costs beyond the HTTP stack.
 * 2. `writers`: `--writers` concurrent clients edit cells of the budget for `--write-seconds` seconds, each
 *    reading the cell's revision, sending the edit, and on 409 reading again; half of them share cells, so
 *    that conflicts happen. Afterwards the audit trail must hold exactly one entry per acknowledged edit, no
 *    revision of a cell twice, and every cell the amount of its last acknowledged edit.
 *
 * Run: `npm run bench:server` (= build, then `node dist/bench/server.js`); options `--products 600
 * --rate 1000 --duration 20 --writers 20 --write-seconds 60 [--postgres]` (`--postgres` uses
 * TEST_DATABASE_URL or the loopback test server). See docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { planOf } from '../src/core/model.js';
import { editRefusal } from '../src/core/propagate.js';
import { generateBudget } from '../src/generate/index.js';
import { importText } from '../src/importers/text/index.js';
import { openStore } from '../src/store/store.js';
import { SYSTEM_ACTOR } from '../src/core/workflow.js';
import type { LoadResult } from './load.js';
import { options } from './options.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const products = options.number('--products', 600);
const rate = options.number('--rate', 1000);
const duration = options.number('--duration', 20);
const writers = options.number('--writers', 20);
const writeSeconds = options.number('--write-seconds', 60);
const postgres = options.flag('--postgres');

interface Running {
  readonly child: ChildProcess;
  readonly url: string;
}

function startServer(databaseUrl: string): Promise<Running> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin/haushalt.js'), 'serve', '--port', '0', '--no-sample'],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (data: Buffer): void => {
      out += data.toString('utf8');
      const m = /Haushalt läuft auf (http:\/\/\S+)/u.exec(out);
      if (m) resolve({ child, url: m[1]! });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

async function prepareStore(): Promise<{
  url: string;
  versionId: number;
  token: string;
  pb: string;
  cells: Target[];
  cleanup: () => Promise<void>;
}> {
  const text = generateBudget({ products, seed: 1 });
  const imported = importText(text, `generiert-${products}.txt`);
  if (!imported.ok) throw new Error('generated budget did not import');
  const budget = imported.budget;
  let url: string;
  let cleanup: () => Promise<void>;
  let schema: string | undefined;
  if (postgres) {
    url = process.env.TEST_DATABASE_URL ?? 'postgres://haushalt:haushalt@127.0.0.1:5432/haushalt_test';
    // the server uses the database's default schema: start from an empty one
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await client.end();
    cleanup = () => Promise.resolve();
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'haushalt-bench-'));
    url = `sqlite:${path.join(dir, 'store.sqlite')}`;
    cleanup = () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    };
  }
  const store = await openStore({ url, ...(schema ? { schema } : {}) });
  const v = await store.importBudget(SYSTEM_ACTOR, { budget, name: 'Benchmark' });
  await store.addUser(SYSTEM_ACTOR, { name: 'kaemmerei', password: 'benchmark-passwort', role: 'kaemmerei' });
  const { session } = await store.login('kaemmerei', 'benchmark-passwort');
  const { token } = await store.createApiToken(session.actor, 'Benchmark');
  await store.close();
  const pb = budget.nodes.find((n) => n.level === 'produktbereich')?.code;
  if (!pb) throw new Error('no Produktbereich');
  // editable Ansatz cells of products: one per product, line 13 (Sach- und Dienstleistungen)
  const cells: Target[] = [];
  for (const n of budget.nodes) {
    const plan = planOf(n, 'teilergebnisplan');
    if (!plan) continue;
    const column = plan.columns.find((c) => c.kind === 'ansatz' && c.year === budget.year);
    if (!column || editRefusal(budget, { node: n.code, plan: 'teilergebnisplan', line: '13' })) continue;
    cells.push({ node: n.code, column });
  }
  return { url, versionId: v.id, token, pb, cells, cleanup };
}

interface Target {
  readonly node: string;
  readonly column: { kind: string; year: number };
}

/** The load generator as a process of its own (it must not share the event loop of what it measures). */
function load(url: string, token: string, overallRate: number, seconds: number): Promise<LoadResult> {
  const args = [path.join(ROOT, 'dist/bench/load.js'), '--url', url, '--rate', String(overallRate)];
  args.push('--duration', String(seconds), '--header', `authorization: Bearer ${token}`);
  args.push('--header', 'accept-encoding: gzip, deflate, br'); // as every browser sends it
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}`));
      else resolve(JSON.parse(out) as LoadResult);
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // fields 14 and 15 of stat (utime, stime) in clock ticks, 100 a second on Linux
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** A load run with the server's CPU time per request (independent of how busy the machine is). */
async function measured(
  pid: number,
  url: string,
  token: string,
): Promise<LoadResult & { readonly cpuMs: number }> {
  const cpu = cpuSeconds(pid);
  const result = await load(url, token, rate, duration);
  return { ...result, cpuMs: ((cpuSeconds(pid) - cpu) * 1000) / result.requests };
}

function summary(name: string, r: LoadResult & { readonly cpuMs: number }): string {
  return (
    `${name}: ${r.requests} requests, ${r.achieved}/s; latency p50 ${r.latency.p50} ms, ` +
    `p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms; errors ${r.errors}, ` +
    `non-2xx ${r.non2xx}, ${(r.bytes / r.requests / 1024).toFixed(1)} KiB per answer, server CPU ` +
    `${r.cpuMs.toFixed(3)} ms per request`
  );
}

async function writerLoad(base: string, token: string, versionId: number, cells: readonly Target[]) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const acknowledged = new Map<string, number>(); // cell → amount of its last acknowledged edit
  let acks = 0;
  let conflicts = 0;
  let failures = 0;
  const deadline = Date.now() + writeSeconds * 1000;
  const shared = cells.slice(0, 3); // the first half of the writers fight over these
  async function writer(w: number): Promise<void> {
    const own = w < writers / 2 ? shared : cells.filter((_, i) => i % writers === w);
    let k = 0;
    while (Date.now() < deadline) {
      try {
        await once(k++);
      } catch (err) {
        failures++;
        if (failures === 1) console.error(`writer ${w}: ${(err as Error).message}`);
      }
    }
    async function once(k: number): Promise<void> {
      const target = own[k % own.length]!;
      const view = (await (
        await fetch(`${base}/api/versions/${versionId}/nodes/${encodeURIComponent(target.node)}`, { headers })
      ).json()) as {
        plans: {
          type: string;
          columns: { kind: string; year: number }[];
          lines: { line: string; cells: { amount: number | null; rev: number }[] }[];
        }[];
      };
      const plan = view.plans.find((p) => p.type === 'teilergebnisplan')!;
      const col = plan.columns.findIndex(
        (c) => c.kind === target.column.kind && c.year === target.column.year,
      );
      const cell = plan.lines.find((l) => l.line === '13')!.cells[col]!;
      const amount = -(w * 1_000_000 + k * 100);
      const r = await fetch(`${base}/api/versions/${versionId}/cells`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({
          node: target.node,
          plan: 'teilergebnisplan',
          line: '13',
          column: target.column,
          amount,
          rev: cell.rev,
          reason: `Schreiber ${w}, Änderung ${k}`,
        }),
      });
      await r.arrayBuffer();
      if (r.status === 200) {
        acks++;
        acknowledged.set(target.node, amount);
      } else if (r.status === 409) conflicts++;
      else failures++;
    }
  }
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  return { acknowledged, acks, conflicts, failures };
}

async function main(): Promise<void> {
  console.log(
    `machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `Node ${process.version}, ${postgres ? 'PostgreSQL' : 'SQLite'}`,
  );
  const started = Date.now();
  const prepared = await prepareStore();
  console.log(
    `store: ${products} products imported in ${((Date.now() - started) / 1000).toFixed(1)} s; Produktbereich ${prepared.pb}`,
  );
  const server = await startServer(prepared.url);
  try {
    const plansUrl = `${server.url}/api/versions/${prepared.versionId}/nodes/${encodeURIComponent(prepared.pb)}`;
    const baselineUrl = `${server.url}/api/session`;
    // warm-up: the version loaded and checked once (one request), then caches filled and the JIT warm
    const first = Date.now();
    await (await fetch(plansUrl, { headers: { authorization: `Bearer ${prepared.token}` } })).arrayBuffer();
    console.log(`first read (version loaded, the node checked): ${Date.now() - first} ms`);
    await load(plansUrl, prepared.token, 200, 3);
    const pid = server.child.pid!;
    const baseline = await measured(pid, baselineUrl, prepared.token);
    const subject = await measured(pid, plansUrl, prepared.token);
    console.log(summary('baseline GET /api/session', baseline));
    console.log(summary(`read GET …/nodes/${prepared.pb}`, subject));
    const ok = subject.latency.p99 < 25 && subject.errors === 0 && subject.non2xx === 0;
    console.log(
      `ratio p99 read/baseline: ${(subject.latency.p99 / Math.max(baseline.latency.p99, 1)).toFixed(2)}x; ` +
        `goal p99 < 25 ms at ${rate}/s without errors: ${ok ? 'met' : 'NOT met'}`,
    );

    const w = await writerLoad(server.url, prepared.token, prepared.versionId, prepared.cells);
    console.log(
      `writers: ${writers} for ${writeSeconds} s: ${w.acks} acknowledged, ${w.conflicts} conflicts (409), ${w.failures} other failures`,
    );
    // the audit trail against what the clients were told
    const headers = { authorization: `Bearer ${prepared.token}` };
    const entries: { action: string; target: string; new: { amount: number; rev: number } }[] = [];
    for (let after = 0; ;) {
      const page = (await (
        await fetch(`${server.url}/api/audit?version=${prepared.versionId}&after=${after}&limit=5000`, {
          headers,
        })
      ).json()) as {
        entries: { id: number; action: string; target: string; new: { amount: number; rev: number } }[];
      };
      if (page.entries.length === 0) break;
      entries.push(...page.entries);
      after = page.entries.at(-1)!.id;
    }
    const cellEntries = entries.filter((e) => e.action === 'cell');
    const revisions = new Set(cellEntries.map((e) => `${e.target}@${e.new.rev}`));
    const last = new Map<string, number>();
    for (const e of cellEntries) last.set(e.target.split('|')[0]!, e.new.amount);
    const mismatched = [...w.acknowledged].filter(([node, amount]) => last.get(node) !== amount);
    console.log(
      `audit: ${cellEntries.length} cell entries for ${w.acks} acknowledged edits; duplicate revisions ` +
        `${cellEntries.length - revisions.size}; cells whose last entry differs from the last acknowledged edit ` +
        `${mismatched.length}: ${cellEntries.length === w.acks && revisions.size === cellEntries.length && mismatched.length === 0 ? 'nothing lost or duplicated' : 'MISMATCH'}`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await prepared.cleanup();
  }
}

await main();
