/**
 * Long-table import of Bonn's SAP export (../shared/data/offenerhaushalt/bonn-2017/bonn_2017.csv.gz: 414,000
 * rows, 17 columns, 3.5 MB gzipped, 83 MB unpacked) against parsing the same file with csv-parse alone, in the
 * same run. Subject: `importFiles` of the file (reading, unpacking, decoding, its datapackage.json, recognising
 * the columns, placing every amount on an NRW plan line through the Kontenrahmen, the ledger, the budget).
 * Baseline: reading and unpacking the file, decoding it and `csv-parse/sync` on the text (default options). Two
 * warm-up rounds, then subject and baseline alternate, each timing on a collected heap; the ratio is the median
 * of the rounds' ratios. Run from the repository's root: `npm run build && node dist/bench/long.js [--rounds 7]`. See docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { importFiles } from '../src/importers/index.js';
import { options } from './options.js';
import { median } from './stats.js';

const rounds = options.number('--rounds', 7);
// run from the repository's root, with ../shared beside it
const file = path.join('..', 'shared', 'data', 'offenerhaushalt', 'bonn-2017', 'bonn_2017.csv.gz');

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

async function time(fn: () => unknown): Promise<number> {
  collect();
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

let rows = 0;
let products = 0;
async function subject(): Promise<void> {
  const r = await importFiles([file]);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  rows = r.ledger.reduce((s, l) => s + l.read.reduce((t, x) => t + x.count, 0), 0);
  products = r.budget.nodes.filter((n) => n.level === 'produkt').length;
}

function baseline(): unknown {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const rows: unknown = parse(text, { delimiter: ',' });
  return rows;
}

for (let i = 0; i < 2; i++) {
  await subject();
  baseline();
}
const s: number[] = [];
const b: number[] = [];
const ratios: number[] = [];
for (let i = 0; i < rounds; i++) {
  s.push(await time(subject));
  b.push(await time(baseline));
  ratios.push(s[i]! / b[i]!);
}
const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`,
);
console.log(`input: ${file}: ${rows.toLocaleString('en')} amounts read, ${products} products`);
console.log(
  `${rounds} rounds after 2 warm-up rounds; times are medians, ratio is the median of the rounds' ratios`,
);
console.log('');
console.log('| benchmark | subject ms | baseline ms | ratio | rounds (min–max) | goal |');
console.log('| --- | ---: | ---: | ---: | ---: | --- |');
const ratio = median(ratios);
console.log(
  `| long import of Bonn 2017 (\`importFiles\`) vs csv-parse of the same file | ${median(s).toFixed(1)} | ${median(b).toFixed(1)} | ${ratio.toFixed(2)}x | ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}x | ≤ 3x ${ratio <= 3 ? '✓' : '✗'} |`,
);
