/**
 * What the import benchmarks share (`run.ts`, `import-floor.ts`): the generated plan text they read, written to
 * `bench/out/generated-<products>.txt` from `--products 600 --seed 1`, the `--rounds` option, and timings that
 * each start on a collected heap, so that nobody pays for the garbage of the run before.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { generateBudget } from '../src/generate/index.js';
import { options } from './options.js';

export const products = options.number('--products', 600);
export const rounds = options.number('--rounds', 11);
export const seed = options.number('--seed', 1);

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/out');
mkdirSync(outDir, { recursive: true });
/** The generated plan text, written anew on each run. */
export const file = path.join(outDir, `generated-${products}.txt`);
writeFileSync(file, generateBudget({ products, seed }));

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** Milliseconds `fn` takes, started on a collected heap. */
export function time(fn: () => unknown): number {
  collect();
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
