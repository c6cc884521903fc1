/**
 * Builds the CLI and the web workbench once (`npm run build`) before the tests that run them as real processes
 * and in Chromium: as a user gets them, so with `NODE_ENV=production` (vitest sets `test`, and Vite then builds
 * the front end with its development branches, a third larger).
 */
import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from './paths.js';

export default function setup(): void {
  // while developing, with several people (or sessions) testing in one checkout: `HAUSHALT_TEST_NO_BUILD=1`
  // uses `dist/` as it is (build it yourself first); CI and `npm test` always build
  if (process.env.HAUSHALT_TEST_NO_BUILD === '1' && process.env.CI !== 'true') return;
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
