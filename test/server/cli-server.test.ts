/**
 * The operations commands as an administrator runs them: users (add, list, passwd, remove), the first start
 * of an empty store, graceful shutdown, and a backup taken while the server runs, restored afterwards.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { REFERENCE, REPO_ROOT } from '../paths.js';
import { referenceBudget } from './helpers.js';
import { BIN, exited, loginHeaders, startServer } from './process.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-ops-'));

function haushalt(url: string, args: readonly string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url, HAUSHALT_DEBUG: '' },
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const loginStatus = async (base: string, name: string, password: string) =>
  (
    await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    })
  ).status;

describe('haushalt user, serve, backup, restore', () => {
  it('manages users with German messages', () => {
    const url = `sqlite:${path.join(tmp, 'users.sqlite')}`;
    const add = haushalt(
      url,
      ['user', 'add', 'anna', '--role', 'kaemmerei', '--password-stdin'],
      'ein gutes Passwort\n',
    );
    expect(add.code).toBe(0);
    expect(add.out).toBe('Benutzer anna angelegt (Kämmerei).\n');
    const noPb = haushalt(
      url,
      ['user', 'add', 'fb', '--role', 'fachbereich', '--password-stdin'],
      'ein gutes Passwort\n',
    );
    expect(noPb.code).toBe(2);
    expect(noPb.err).toMatch(/mindestens einen --produktbereich/);
    const short = haushalt(url, ['user', 'add', 'kurz', '--role', 'leser', '--password-stdin'], 'kurz\n');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/mindestens 10 Zeichen/);
    expect(short.err).not.toMatch(/at .*\.js/);
    const fb = haushalt(
      url,
      ['user', 'add', 'fb', '--role', 'fachbereich', '--produktbereich', '43', '44', '--password-stdin'],
      'noch ein gutes Passwort',
    );
    expect(fb.code).toBe(0);
    expect(fb.out).toMatch(/Produktbereiche 43, 44/);
    const twice = haushalt(
      url,
      ['user', 'add', 'anna', '--role', 'leser', '--password-stdin'],
      'ein gutes Passwort\n',
    );
    expect(twice.code).toBe(2);
    const list = haushalt(url, ['user', 'list']);
    expect(list.code).toBe(0);
    expect(list.out.split('\n')[0]).toMatch(/^Name\s+Rolle\s+Produktbereiche\s+angelegt$/);
    expect(list.out).toMatch(/anna\s+Kämmerei\s+–/);
    expect(list.out).toMatch(/fb\s+Fachbereich\s+43, 44/);
    expect(haushalt(url, ['user', 'remove', 'fb']).code).toBe(0);
    expect(haushalt(url, ['user', 'list']).out).not.toMatch(/^fb /m);
    expect(haushalt(url, ['user', 'remove', 'niemand']).code).toBe(2);
    const noTty = haushalt(url, ['user', 'passwd', 'anna'], '');
    expect(noTty.code).toBe(2);
    expect(noTty.err).toMatch(/--password-stdin/);
  });

  it('first start: imports the sample, says how to add a user, stops on SIGTERM', async () => {
    const url = `sqlite:${path.join(tmp, 'first.sqlite')}`;
    const server = await startServer(url, ['--sample', REFERENCE]);
    await new Promise((r) => setTimeout(r, 200));
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output()).toMatch(/Beispielhaushalt eingelesen: kreis-coesfeld-2026-pb43\.txt/);
    expect(server.output()).toMatch(/haushalt user add <name> --role kaemmerei/);
    // no default password: nobody can log in
    expect(await loginStatus(server.url, 'admin', 'admin')).toBe(401);
    // the sample is readable without an account, so that the first visit shows it
    const budgets = (await (await fetch(`${server.url}/api/budgets`)).json()) as { budgets: unknown[] };
    expect(budgets.budgets).toHaveLength(1);
    // with its document, named as the sources of its values name it
    const [version] = (
      (await (await fetch(`${server.url}/api/budgets/1/versions`)).json()) as { versions: { id: number }[] }
    ).versions;
    const docs = (await (await fetch(`${server.url}/api/versions/${version!.id}/documents`)).json()) as {
      documents: { name: string; size: number }[];
    };
    expect(docs.documents).toEqual([
      expect.objectContaining({ name: 'kreis-coesfeld-2026-pb43.txt', size: readFileSync(REFERENCE).length }),
    ]);
    const node = (await (
      await fetch(`${server.url}/api/versions/${version!.id}/nodes/43.01/sources`)
    ).json()) as {
      node: { plans: { lines: { source?: { file: string } }[] }[] };
    };
    expect(node.node.plans[0]?.lines[0]?.source?.file).toBe('kreis-coesfeld-2026-pb43.txt');
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: Server wird beendet/);
  });

  it('stops on SIGTERM although clients hold connections: one never sends, one never ends its request', async () => {
    const server = await startServer(`sqlite:${path.join(tmp, 'held.sqlite')}`);
    const { hostname, port } = new URL(server.url);
    const open = async (first?: string) => {
      const socket = connect(Number(port), hostname);
      socket.on('error', () => undefined);
      await once(socket, 'connect');
      if (first !== undefined) socket.write(first);
      return socket;
    };
    // a browser's preconnected socket, and a request whose headers never end
    const sockets = [await open(), await open('GET /api/session HTTP/1.1\r\nHost: x\r\n')];
    // the server answers others meanwhile
    expect((await fetch(`${server.url}/api/budgets`)).status).toBe(200);
    server.child.kill('SIGTERM');
    // without closing what is left after the grace period, the server waited for these for minutes
    expect(await exited(server.child)).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: Server wird beendet/);
    for (const s of sockets) s.destroy();
  }, 60_000);

  it('takes a consistent backup while the server runs and restores it', async () => {
    const url = `sqlite:${path.join(tmp, 'ops.sqlite')}`;
    expect(haushalt(url, ['migrate']).code).toBe(0);
    haushalt(url, ['user', 'add', 'anna', '--role', 'kaemmerei', '--password-stdin'], 'ein gutes Passwort\n');
    const server = await startServer(url);
    const headers = await loginHeaders(server.url, 'anna', 'ein gutes Passwort');
    const form = new FormData();
    form.append('files', new Blob([readFileSync(REFERENCE)]), 'haushalt.txt');
    const up = await fetch(`${server.url}/api/budgets`, { method: 'POST', body: form, headers });
    expect(up.status).toBe(201);
    const version = (await up.json()) as { id: number };

    const file = path.join(tmp, 'sicherung.jsonl.gz');
    const backup = haushalt(url, ['backup', file]);
    expect(backup.code).toBe(0);
    expect(backup.out).toMatch(/^Sicherung geschrieben: .* \(\d+ Tabellen, [\d.]+ Zeilen\)\.\n$/);

    // changes after the backup: a password and a cell
    const passwd = haushalt(url, ['user', 'passwd', 'anna', '--password-stdin'], 'ein neues Passwort\n');
    expect(passwd.code).toBe(0);
    expect(await loginStatus(server.url, 'anna', 'ein gutes Passwort')).toBe(401);
    const fresh = await loginHeaders(server.url, 'anna', 'ein neues Passwort');
    const edit = await fetch(`${server.url}/api/versions/${version.id}/cells`, {
      method: 'PUT',
      headers: { ...fresh, 'content-type': 'application/json' },
      body: JSON.stringify({
        node: '43.01',
        plan: 'teilergebnisplan',
        line: '13',
        column: { kind: 'ansatz', year: 2026 },
        // one euro: the plan takes whole euros (src/core/entry-rules.ts)
        amount: -100,
        rev: 0,
        reason: 'nach der Sicherung',
      }),
    });
    expect(edit.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);

    // restored only into an empty store: the data as it was at the backup
    const refused = haushalt(url, ['restore', file]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/nicht leer/);
    const target = `sqlite:${path.join(tmp, 'restored.sqlite')}`;
    const restore = haushalt(target, ['restore', file]);
    expect(restore.code).toBe(0);
    expect(restore.out).toMatch(/^Sicherung eingespielt/);
    const store = await openStore({ url: target });
    const node = await store.getNode(SYSTEM_ACTOR, version.id, '43.01');
    const cell = node.node.plans[0]!.lines.find((l) => l.line === '13')!.cells.find(
      (c) => c.column.kind === 'ansatz' && c.column.year === 2026,
    )!;
    const original = (await referenceBudget()).nodes
      .find((n) => n.code === '43.01')!
      .plans[0]!.lines.find((l) => l.line === '13')!
      .cells.find((c) => c.column.kind === 'ansatz' && c.column.year === 2026)!;
    expect(cell.amount).toBe(original.amount);
    expect(cell.amount).not.toBe(-100);
    await expect(store.login('anna', 'ein gutes Passwort')).resolves.toBeDefined();
    await store.close();
    expect(haushalt(url, ['restore', path.join(tmp, 'fehlt.gz')]).code).toBe(2);
  });
});
