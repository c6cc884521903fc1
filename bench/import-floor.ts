/**
 * How fast any text importer could be, against the same baseline as the import benchmark (`run.ts`: reading the
 * file and splitting it into lines), measured in one run: importers that recognise nothing at all and only build
 * what an import must build, in three representations, beside `importText` itself. It answers where the import
 * goal of ≤ 5x stands before a single header, label or sign is recognised:
 *
 * - `lines`: each line an object with its source (the front-end's `DocLine` without cells);
 * - `string cells`: and each tab-separated row's cells as strings with their positions (the front-end today);
 * - `object cells`: and every cell that reads as whole euros an object of the model (`Cell`: column, amount,
 *   decimals, source), the rows' cells as arrays: the floor of any importer over today's row and budget models;
 * - `compact`: the file scanned by character codes, each amount parsed in place into one typed array of the file
 *   (amounts, and per amount its line and field): no string and no object per line or cell, the floor of an
 *   importer over index-based lines and compact cells.
 *
 * Rounds alternate all of them after two warm-up rounds, each timing on a collected heap; ratios are the median
 * of the rounds' ratios against the baseline of the same round. Run: `npm run build`, then
 * `node dist/bench/import-floor.js` (options `--products 600 --rounds 11 --seed 1`). See docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';
import type { Cell, Column, Source } from '../src/core/model.js';
import { wholeEuroCents } from '../src/core/money.js';
import { importText } from '../src/importers/text/index.js';
import { tabCells, type DocLine } from '../src/importers/rows/model.js';
import { file, products, rounds, seed, time } from './generated-input.js';
import { median } from './stats.js';

const read = (): string => readFileSync(file, 'utf8');

function lineObjects(): DocLine[] {
  const raw = read().split(/\r\n|\r|\n/u);
  const out = new Array<DocLine>(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = { no: i + 1, text: raw[i]!, source: { file, line: i + 1 } };
  return out;
}

function stringCells(): DocLine[] {
  const raw = read().split(/\r\n|\r|\n/u);
  const out = new Array<DocLine>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    const source = { file, line: i + 1 };
    out[i] = t.includes('\t')
      ? { no: i + 1, text: t, cells: tabCells(t), source }
      : { no: i + 1, text: t, source };
  }
  return out;
}

/** One column object per field position, as an import shares its columns. */
const COLUMNS: Column[] = Array.from({ length: 32 }, (_, i) => ({ kind: 'ansatz', year: 2000 + i }));

function objectCells(): Cell[][] {
  const lines = stringCells();
  const rows: Cell[][] = [];
  for (const line of lines) {
    if (!line.cells) continue;
    const source: Source = line.source;
    const cells: Cell[] = [];
    for (let k = 0; k < line.cells.length; k++) {
      const amount = wholeEuroCents(line.cells[k]!.text);
      if (!Number.isNaN(amount)) cells.push({ column: COLUMNS[k & 31]!, amount, decimals: 0, source });
    }
    rows.push(cells);
  }
  return rows;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** Every whole-euro field of the file parsed in place: amounts, their line and their field, in typed arrays. */
function compact(): { amounts: Float64Array; lines: Uint32Array; fields: Uint8Array; count: number } {
  const text = read();
  let capacity = 1 << 16;
  let amounts = new Float64Array(capacity);
  let lines = new Uint32Array(capacity);
  let fields = new Uint8Array(capacity);
  let count = 0;
  let line = 1;
  let field = 0;
  let tabbed = false;
  let start = 0;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : LF;
    if (c !== TAB && c !== LF && c !== CR) continue;
    if (c === TAB) tabbed = true;
    if (tabbed) {
      // the field start..i: whole euros with dots between groups of three, a minus in front
      let k = start;
      const negative = k < i && text.charCodeAt(k) === MINUS;
      if (negative) k++;
      let value = 0;
      let group = 0;
      let ok = k < i;
      for (; k < i && ok; k++) {
        const d = text.charCodeAt(k);
        if (d >= ZERO && d <= NINE) {
          value = value * 10 + (d - ZERO);
          group++;
        } else if (d === DOT && group > 0 && group <= 3) group = 0;
        else ok = false;
      }
      if (ok && group > 0) {
        if (count === capacity) {
          capacity *= 2;
          const a = new Float64Array(capacity);
          a.set(amounts);
          amounts = a;
          const l = new Uint32Array(capacity);
          l.set(lines);
          lines = l;
          const f = new Uint8Array(capacity);
          f.set(fields);
          fields = f;
        }
        amounts[count] = negative ? -value * 100 : value * 100;
        lines[count] = line;
        fields[count] = field;
        count++;
      }
    }
    start = i + 1;
    if (c === TAB) field++;
    else {
      if (c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF) {
        i++;
        start = i + 1;
      }
      line++;
      field = 0;
      tabbed = false;
    }
  }
  return { amounts, lines, fields, count };
}

function importFile(): void {
  const r = importText(read(), file);
  if (!r.ok) throw new Error(`import failed: ${r.errors[0]?.message ?? ''}`);
}

const subjects: [string, () => unknown][] = [
  ['lines: one object per line with its source', lineObjects],
  ['string cells: and each row’s cells as strings (the front-end today)', stringCells],
  ['object cells: and each whole-euro cell a model `Cell` (no recognition)', objectCells],
  ['compact: amounts parsed in place into typed arrays (no recognition)', compact],
  ['`importText` (the import benchmark’s subject)', importFile],
];
const baseline = (): unknown => read().split(/\r\n|\r|\n/u);

// the floors must see what the import sees: as many whole-euro amounts in the compact scan as in object cells
const objects = objectCells().reduce((s, r) => s + r.length, 0);
if (compact().count !== objects)
  throw new Error(`compact scan read ${compact().count} amounts, object cells ${objects}`);

for (let w = 0; w < 2; w++) {
  baseline();
  for (const [, fn] of subjects) fn();
}
const times = subjects.map(() => [] as number[]);
const ratios = subjects.map(() => [] as number[]);
const base: number[] = [];
for (let r = 0; r < rounds; r++) {
  const b = time(baseline);
  base.push(b);
  subjects.forEach(([, fn], k) => {
    const t = time(fn);
    times[k]!.push(t);
    ratios[k]!.push(t / b);
  });
}

console.log(
  `input: generated, ${products} products, seed ${seed}; ${objects.toLocaleString('en')} whole-euro cells; ${rounds} rounds after 2 warm-up rounds`,
);
console.log(`baseline (read file + split into lines): ${median(base).toFixed(1)} ms`);
console.log('');
console.log('| importer | ms | ratio | rounds (min–max) |');
console.log('| --- | ---: | ---: | ---: |');
subjects.forEach(([name], k) => {
  console.log(
    `| ${name} | ${median(times[k]!).toFixed(1)} | ${median(ratios[k]!).toFixed(2)}x | ${Math.min(...ratios[k]!).toFixed(2)}–${Math.max(...ratios[k]!).toFixed(2)}x |`,
  );
});
