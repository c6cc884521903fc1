/** Builds the CLI once (`npm run build`) before the tests that run it as a real process. */
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './paths.js';

export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
