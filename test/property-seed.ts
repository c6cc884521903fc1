/**
 * One seed for every property test (fast-check) of a run. Locally each run draws its own, so the properties keep
 * exploring; in CI (`CI=true`) the seed is the commit's (its first 32 bits), so that a commit's CI run and a
 * fresh clone of the same commit test the same cases and a failure in CI repeats exactly at home.
 * `HAUSHALT_PROPERTY_SEED=<seed>` (a failure prints it) repeats any run.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { REPO_ROOT } from './paths.js';

function commitSeed(): number | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    return /^[0-9a-f]{8}/u.test(head) ? Number.parseInt(head.slice(0, 8), 16) | 0 : undefined;
  } catch {
    return undefined; // not a git checkout: a random seed, printed on failure
  }
}

const seed = process.env.HAUSHALT_PROPERTY_SEED
  ? Number(process.env.HAUSHALT_PROPERTY_SEED)
  : process.env.CI === 'true'
    ? commitSeed()
    : undefined;
if (seed !== undefined && Number.isFinite(seed)) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
