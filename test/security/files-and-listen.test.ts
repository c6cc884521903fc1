/**
 * What the server leaves on disk and says about itself (issue 13): the SQLite database, its WAL and shared
 * memory files and every backup readable by their owner only (they hold password hashes and unpublished
 * budgets), also where an older version left them world-readable; and the start message naming the address the
 * server really listens on (`--host 0.0.0.0` is every interface, not 127.0.0.1).
 */
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listeningOn, trustProxyOption } from '../../src/cli/server-commands.js';
import { openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { referenceBudget } from '../server/helpers.js';
import { kill, startServer } from '../server/process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-files-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const modeOf = (file: string): number => statSync(file).mode & 0o777;

describe('files of the store', () => {
  it('creates the database, its WAL and shared memory, and backups for the owner only', async () => {
    const folder = path.join(dir, 'neu', 'store');
    const file = path.join(folder, 'haushalt.sqlite');
    const store = await openStore({ url: `sqlite:${file}` });
    try {
      await store.importBudget(SYSTEM_ACTOR, { budget: await referenceBudget(), name: 'Dateirechte' });
      expect(modeOf(folder)).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f), f).toBe(0o600);
      // a backup, also over a file that was there before and world-readable
      const backup = path.join(dir, 'sicherung.jsonl.gz');
      writeFileSync(backup, 'alt');
      chmodSync(backup, 0o644);
      await store.backup(backup);
      expect(modeOf(backup)).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('tightens a world-readable database an older version left', async () => {
    const file = path.join(dir, 'alt.sqlite');
    const first = await openStore({ url: `sqlite:${file}` });
    await first.close();
    chmodSync(file, 0o644);
    const again = await openStore({ url: `sqlite:${file}` });
    try {
      expect(modeOf(file)).toBe(0o600);
    } finally {
      await again.close();
    }
  });
});

describe('the address the server listens on', () => {
  it('names every interface as such, and the loopback address as itself', () => {
    expect(listeningOn({ address: '0.0.0.0', family: 'IPv4', port: 8080 }, 'x')).toBe(
      'http://0.0.0.0:8080 (alle Netzwerkschnittstellen)',
    );
    expect(listeningOn({ address: '::', family: 'IPv6', port: 8080 }, 'x')).toBe(
      'http://[::]:8080 (alle Netzwerkschnittstellen)',
    );
    expect(listeningOn({ address: '127.0.0.1', family: 'IPv4', port: 8080 }, 'x')).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('says 0.0.0.0 when started with --host 0.0.0.0, and creates its database for its owner only', async () => {
    const file = path.join(dir, 'serve.sqlite');
    const running = await startServer(`sqlite:${file}`, ['--no-sample', '--host', '0.0.0.0']);
    try {
      expect(running.output()).toMatch(
        /Haushalt läuft auf http:\/\/0\.0\.0\.0:\d+ \(alle Netzwerkschnittstellen\)/u,
      );
      expect(running.output()).not.toContain('127.0.0.1');
      const port = new URL(running.url).port;
      const r = await fetch(`http://127.0.0.1:${port}/api/budgets`);
      expect(r.status).toBe(200);
      expect(modeOf(file)).toBe(0o600);
    } finally {
      await kill(running.child);
    }
  });
});

describe('--trust-proxy', () => {
  it('takes addresses, networks or a hop count, never every sender', () => {
    expect(trustProxyOption('1')).toBe(1);
    expect(trustProxyOption('127.0.0.1')).toBe('127.0.0.1');
    expect(trustProxyOption('10.0.0.0/8, ::1')).toBe('10.0.0.0/8,::1');
    expect(trustProxyOption('loopback')).toBe('loopback');
    for (const bad of ['true', '*', '', '0', 'proxy.example', '1.2.3.4; rm -rf'])
      expect(() => trustProxyOption(bad), bad).toThrow(/--trust-proxy/);
  });
});
