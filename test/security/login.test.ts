/**
 * Hostile logins against a real server process (`haushalt serve` as built), sent as an attacker would send
 * them (security review, issue 13): rotating `X-Forwarded-For` values without and behind a trusted proxy,
 * guesses at one account spread over many addresses, and 300 parallel logins with unknown names while a real
 * user logs in — who must still get in quickly, and the server must spend no password work on the flood (its
 * CPU time is read from `/proc/<pid>/stat`).
 */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { kill, startServer, type Running } from '../server/process.js';

const PASSWORD = 'ein langes Passwort 1';
const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-security-'));
const running: Running[] = [];

/** A store file with the users `anna` (Kämmerei) and `bert` (Leser), shared by the servers of this file. */
const url = `sqlite:${path.join(tmp, 'login.sqlite')}`;

beforeAll(async () => {
  const store = await openStore({ url });
  try {
    await store.addUser(SYSTEM_ACTOR, { name: 'anna', password: PASSWORD, role: 'kaemmerei' });
    await store.addUser(SYSTEM_ACTOR, { name: 'bert', password: PASSWORD, role: 'leser' });
  } finally {
    await store.close();
  }
}, 60_000);

afterAll(async () => {
  for (const server of running) await kill(server.child);
});

/** A server of its own (fresh login counters), on the shared store. */
async function serve(args: readonly string[] = []): Promise<Running> {
  const server = await startServer(url, ['--no-sample', ...args]);
  running.push(server);
  return server;
}

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly message: string;
  readonly ms: number;
}

async function login(
  server: Running,
  name: string,
  password: string,
  forwardedFor?: string,
): Promise<Answer> {
  const start = performance.now();
  const r = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ name, password }),
  });
  const body = (await r.json()) as { message?: string };
  return {
    status: r.status,
    retryAfter: r.headers.get('retry-after'),
    message: body.message ?? '',
    ms: performance.now() - start,
  };
}

/** User and system CPU time of a process so far, in seconds (all its threads: libuv's pool does the hashing). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields 14 and 15 of proc(5), counted from 1: utime and stime in clock ticks (100 a second on Linux)
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function statusCounts(answers: readonly Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

const address = (i: number): string => `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`;

describe('login limits of a real server', () => {
  it('without --trust-proxy: a client-written X-Forwarded-For is ignored; 15 guesses from one address end in 429', async () => {
    const server = await serve();
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) => login(server, `rate-${i}`, 'geraten geraten', address(i))),
    );
    expect(statusCounts(answers)).toEqual({ 401: 10, 429: 5 });
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.message).toMatch(/^Zu viele Anmeldeversuche; bitte in \d+ Sekunden erneut versuchen\.$/);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    // the address is blocked, whatever header comes next, for a real user behind it too
    expect((await login(server, 'anna', PASSWORD, '192.0.2.1')).status).toBe(429);
  });

  it('behind a trusted proxy (--trust-proxy 127.0.0.1): the address the proxy names counts, not what the client wrote', async () => {
    const server = await serve(['--trust-proxy', '127.0.0.1']);
    // every request from another client, as the proxy says: none limited
    const clients = await Promise.all(
      Array.from({ length: 15 }, (_, i) => login(server, `proxy-${i}`, 'geraten geraten', address(i))),
    );
    expect(statusCounts(clients)).toEqual({ 401: 15 });
    // one client writing a new address each time; nginx appends the address it saw ($proxy_add_x_forwarded_for)
    const spoofed = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        login(server, `spoof-${i}`, 'geraten geraten', `${address(100 + i)}, 203.0.113.9`),
      ),
    );
    expect(statusCounts(spoofed)).toEqual({ 401: 10, 429: 5 });
    // the client next to it is not affected
    expect((await login(server, 'anna', PASSWORD, '203.0.113.10')).status).toBe(200);
  });

  it('per account: guesses at one name from ever new addresses stop after 10, the right password too', async () => {
    const server = await serve(['--trust-proxy', '1']);
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(server, 'bert', 'geraten geraten', address(200 + i))),
    );
    expect(statusCounts(guesses)).toEqual({ 401: 10 });
    const locked = await login(server, 'bert', PASSWORD, address(300));
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(60);
    // a name nobody has is limited alike (the limit does not tell which names exist)
    const unknown = await Promise.all(
      Array.from({ length: 11 }, (_, i) => login(server, 'niemand', 'geraten geraten', address(400 + i))),
    );
    expect(statusCounts(unknown)).toEqual({ 401: 10, 429: 1 });
    // another account is not affected
    expect((await login(server, 'anna', PASSWORD, address(430))).status).toBe(200);
  });

  it('300 parallel logins with unknown names: a real login still succeeds quickly, no password work is spent on them', async () => {
    const server = await serve(['--trust-proxy', '127.0.0.1']);
    const pid = server.child.pid!;
    const cpuBefore = cpuSeconds(pid);
    const flood = Array.from({ length: 300 }, (_, i) =>
      login(server, `unbekannt-${i}`, 'geraten geraten', address(i)),
    );
    // the real user, from an address of its own, while the flood is under way
    await new Promise((resolve) => setTimeout(resolve, 20));
    const real = await login(server, 'anna', PASSWORD, '203.0.113.50');
    const answers = await Promise.all(flood);
    const cpu = cpuSeconds(pid) - cpuBefore;
    process.stdout.write(
      `flood of 300 unknown names: real login ${Math.round(real.ms)} ms, server CPU ${cpu.toFixed(2)} s, ` +
        `answers ${answers.filter((a) => a.status === 401).length}×401 ` +
        `${answers.filter((a) => a.status === 429).length}×429\n`,
    );
    expect(real.status).toBe(200);
    // before: 15-23 s here (300 scrypt hashes of unknown names queued before it); now about 1 s
    expect(real.ms).toBeLessThan(5000);
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    // the budget of unknown names (100 a minute) answers the rest 429
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(100);
    // before: 300 hashes of 80-90 ms of CPU each, over 20 s; now the real login's hash, one calibration, HTTP
    expect(cpu).toBeLessThan(4);
  });
});
