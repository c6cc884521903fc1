/**
 * Speed benchmarks, each reported as a ratio against a baseline measured in the same run, because the
 * machines we run on are noisy and ratios much less so. `import`: importing a generated 600-product plan text
 * (`importText`, reading the file included) against reading the file and splitting it into lines. `check`:
 * checking the imported budget (`check`) against `JSON.parse` of the budget's JSON. Subject and baseline
 * alternate within each round after two warm-up rounds, each timing starting on a collected heap; the ratio reported is the median of the rounds'
 * ratios, with the medians of the times beside it. Run: `npm run bench` (= `npm run build`, then
 * `node dist/bench/run.js`), options `--products 600 --rounds 11 --seed 1`. See docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { check } from '../src/core/check/index.js';
import type { Budget } from '../src/core/model.js';
import { importText } from '../src/importers/text/index.js';
import { file, products, rounds, seed, time } from './generated-input.js';
import { median } from './stats.js';

interface Result {
  readonly name: string;
  readonly subject: number;
  readonly baseline: number;
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
  readonly goal: number;
}

function compare(name: string, subject: () => unknown, baseline: () => unknown, goal: number): Result {
  for (let i = 0; i < 2; i++) {
    subject();
    baseline();
  }
  const s: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    s.push(time(subject));
    b.push(time(baseline));
    ratios.push(s[i]! / b[i]!);
  }
  return {
    name,
    subject: median(s),
    baseline: median(b),
    ratio: median(ratios),
    low: Math.min(...ratios),
    high: Math.max(...ratios),
    goal,
  };
}

function importFile(): Budget {
  const r = importText(readFileSync(file, 'utf8'), file);
  if (!r.ok) throw new Error(`import failed: ${r.errors[0]?.message ?? ''}`);
  return r.budget;
}

const budget = importFile();
const imported = budget.nodes.filter((n) => n.level === 'produkt').length;
if (imported !== products) throw new Error(`imported ${imported} products, generated ${products}`);
const json = JSON.stringify(budget);
const findings = check(budget);
const bySeverity = new Map<string, number>();
for (const f of findings) bySeverity.set(f.severity, (bySeverity.get(f.severity) ?? 0) + 1);

const results = [
  compare(
    `import ${products} products (\`importText\`) vs read file + split into lines`,
    importFile,
    () => readFileSync(file, 'utf8').split(/\r\n|\r|\n/u),
    5,
  ),
  compare(
    '`check` of the imported budget vs `JSON.parse` of its JSON',
    () => check(budget),
    () => JSON.parse(json) as unknown,
    2,
  ),
];

const text = readFileSync(file, 'utf8');
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
);
console.log(
  `input: generated, ${products} products, seed ${seed}: ${(text.length / 1e6).toFixed(1)} MB, ${text.split('\n').length.toLocaleString('en')} lines, ${budget.nodes.length} nodes, ${budget.nodes.reduce((s, n) => s + n.plans.length, 0)} plans; budget JSON ${(json.length / 1e6).toFixed(1)} MB; check: ${[...bySeverity].map(([k, v]) => `${v} ${k}`).join(', ')}`,
);
console.log(
  `${rounds} rounds after 2 warm-up rounds; times are medians, ratio is the median of the rounds' ratios`,
);
console.log('');
console.log('| benchmark | subject ms | baseline ms | ratio | rounds (min–max) | goal |');
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.subject.toFixed(1)} | ${r.baseline.toFixed(1)} | ${r.ratio.toFixed(2)}x | ${r.low.toFixed(2)}–${r.high.toFixed(2)}x | ≤ ${r.goal}x ${r.ratio <= r.goal ? '✓' : '✗'} |`,
  );
}
