// Benchmarks of issue 2, each a ratio against a baseline measured in the same run (these machines are noisy):
//   import:  importing a generated 600-product plan text  vs  reading the file and splitting it into lines
//   check:   checking the imported budget                 vs  JSON.parse of the budget's JSON
// Subject and baseline alternate within each round; the median of the rounds is reported.
// Run:  npm run bench  (builds, then node dist/bench/run.js [--products 600] [--rounds 9])
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../src/core/check/index.js';
import type { Budget } from '../src/core/model.js';
import { generateBudget } from '../src/generate/index.js';
import { importText } from '../src/importers/text/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const products = option('--products', 600);
const rounds = option('--rounds', 9);

const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/out');
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, `generated-${products}.txt`);
writeFileSync(file, generateBudget({ products, seed: 1 }));

function time(fn: () => unknown): { ms: number } {
  const start = process.hrtime.bigint();
  fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6 };
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Result {
  name: string;
  subject: number;
  baseline: number;
  ratio: number;
  goal: number;
  ok: boolean;
}

function compare(name: string, subject: () => unknown, baseline: () => unknown, goal: number): Result {
  subject();
  baseline(); // warm-up
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    s.push(time(subject).ms);
    b.push(time(baseline).ms);
  }
  const ratio = median(s) / median(b);
  return { name, subject: median(s), baseline: median(b), ratio, goal, ok: ratio <= goal };
}

const results: Result[] = [];
let budget: Budget | undefined;
results.push(
  compare(
    `import ${products} products (importText)`,
    () => {
      const r = importText(readFileSync(file, 'utf8'), file);
      if (!r.ok) throw new Error(r.errors[0]!.message);
      budget = r.budget;
    },
    () => readFileSync(file, 'utf8').split(/\r\n|\r|\n/),
    5,
  ),
);
const json = JSON.stringify(budget);
const imported = budget!;
results.push(
  compare(
    'check the imported budget (check)',
    () => check(imported),
    () => JSON.parse(json) as unknown,
    2,
  ),
);

const size = readFileSync(file).length;
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} x${os.cpus().length}, node ${process.version}`);
console.log(
  `input: ${products} products, ${(size / 1e6).toFixed(1)} MB, ${readFileSync(file, 'utf8').split('\n').length} lines; budget JSON ${(json.length / 1e6).toFixed(1)} MB; ${rounds} rounds, medians`,
);
console.log('| benchmark | subject ms | baseline ms | ratio | goal |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.subject.toFixed(1)} | ${r.baseline.toFixed(1)} | ${r.ratio.toFixed(2)}x | ≤ ${r.goal}x ${r.ok ? '✓' : '✗'} |`,
  );
}
