/**
 * One seed for every property test (fast-check) of a run: worked out once by the global setup
 * (`propertySeed`, test/global-setup.ts) and applied here, in every test file (vitest `setupFiles`). Locally
 * each run draws its own, so the properties keep exploring; in CI (`CI=true`) the seed is the commit's (its
 * first 32 bits), so that a commit's CI run and a fresh clone of the same commit test the same cases and a
 * failure in CI repeats exactly at home. `HAUSHALT_PROPERTY_SEED=<seed>` (a failure prints it) repeats any run.
 */
import fc from 'fast-check';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seed of the run's property tests; null: each draws its own. */
    propertySeed: number | null;
  }
}

const seed = inject('propertySeed');
if (seed !== null) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
