/** Runs `haushalt serve` as a real child process (the built CLI) and waits until it listens. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../paths.js';

export const BIN = path.join(REPO_ROOT, 'bin/haushalt.js');

export interface Running {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote so far. */
  readonly output: () => string;
}

export function startServer(
  databaseUrl: string,
  args: readonly string[] = ['--no-sample'],
): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, HAUSHALT_DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start: ${out}`));
    }, 30_000);
    const onData = (data: Buffer): void => {
      out += data.toString('utf8');
      const m = /Haushalt läuft auf (http:\/\/\S+)/u.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
}

export async function kill(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL');
  await exited(child);
}

/** Logs in over HTTP; returns the headers for further requests. */
export async function loginHeaders(
  url: string,
  name: string,
  password: string,
): Promise<Record<string, string>> {
  const r = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  if (r.status !== 200) throw new Error(`login: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrf } = (await r.json()) as { csrf: string };
  return { cookie, 'x-csrf-token': csrf };
}

/** Runs `haushalt <args>` (the built CLI) on a database, with `input` on standard input; its exit and output. */
export function haushaltCli(
  databaseUrl: string,
  args: readonly string[],
  input?: string,
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: databaseUrl, HAUSHALT_DEBUG: '' },
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Adds a user with `haushalt user add … --password-stdin`; throws with the CLI's message if it fails. */
export function addUserWithCli(databaseUrl: string, name: string, role: string, password: string): void {
  const r = haushaltCli(
    databaseUrl,
    ['user', 'add', name, '--role', role, '--password-stdin'],
    `${password}\n`,
  );
  if (r.code !== 0) throw new Error(`haushalt user add ${name}: ${r.err}`);
}
