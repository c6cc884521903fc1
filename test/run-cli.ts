/** Runs the built `haushalt` command as a user does: a real process in the repository root, no debug output. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

export const BIN = path.join(REPO_ROOT, 'bin/haushalt.js');

export function run(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, HAUSHALT_DEBUG: '' },
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}
