/**
 * Builds the CLI and the web workbench once (`npm run build`) before the tests that run them as real processes
 * and in Chromium: as a user gets them, so with `NODE_ENV=production` (vitest sets `test`, and Vite then builds
 * the front end with its development branches, a third larger). Works out the property tests' seed once for the
 * run (test/property-seed.ts applies it in every test file).
 */
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from './paths.js';

/** The run's seed of the property tests: the one asked for, else the commit's in CI, else none (random). */
function propertySeed(): number | null {
  if (process.env.HAUSHALT_PROPERTY_SEED) {
    const asked = Number(process.env.HAUSHALT_PROPERTY_SEED);
    return Number.isFinite(asked) ? asked : null;
  }
  if (process.env.CI !== 'true') return null;
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return /^[0-9a-f]{8}/u.test(head) ? Number.parseInt(head.slice(0, 8), 16) | 0 : null;
  } catch {
    return null; // not a git checkout: a random seed, printed on failure
  }
}

export default function setup(project: TestProject): void {
  // the property tests' seed, once for the run (test/property-seed.ts)
  project.provide('propertySeed', propertySeed());
  // while developing, with several people (or sessions) testing in one checkout: `HAUSHALT_TEST_NO_BUILD=1`
  // uses `dist/` as it is (build it yourself first); CI and `npm test` always build
  if (process.env.HAUSHALT_TEST_NO_BUILD === '1' && process.env.CI !== 'true') return;
  execFileSync('npm', ['run', '--silent', 'build'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
