/** Builds the CLI once before the tests that run it as a real process. */
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './paths.js';

export default function setup(): void {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
