// PDF import benchmark in the most demanding layout variant (issue 15; BENCHMARK_VARIANT: four header rows,
// operators, expenses positive, labels over three lines, several plans per page, plans continued on the next
// page, the planning years on a second page), ratios against tools measured in the same run on the same file:
//   haushalt export <pdf> --format tidy-csv   vs   pdftotext -layout (poppler)   and   pdf2txt (pdfminer)
// The plan is a generated budget with exact cents (budgetFromGenerated, seed 1, with Gesamtpläne) of as many
// products as make about `--pages` pages (1,000 by default), rendered in the variant (src/generate/layouts) and
// printed by LibreOffice in one go (page numbers "Seite n von m" right across the whole document; cached in
// bench/out). Each command runs as a whole process under /usr/bin/time (seconds, peak resident memory); rounds
// alternate the tools, medians are reported; pdf2txt runs once (slow). Peak memory is compared with the same
// import of a plan of a quarter of the pages (`--small`, 250 by default): flat means it does not grow with
// the pages. The import is checked against the budget the renderer says an exact import must give (differences
// are counted and the first shown: a timing of a wrong import means little).
// Run:  npm run bench:layouts -- [--pages 1000] [--small 250] [--rounds 3]
// Needs LibreOffice, poppler-utils; pdf2txt from python3-pdfminer (a missing pdf2txt is reported, not faked).
import { exportArgs, installed, pagesOf, timed, type Run } from './commands.js';
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBudgetData } from '../src/generate/index.js';
import {
  BENCHMARK_VARIANT,
  budgetFromGenerated,
  renderLayout,
  type RenderedLayout,
} from '../src/generate/layouts/index.js';
import { importFiles } from '../src/importers/index.js';
import { compareToBudget, formatDifference } from '../test/layouts/compare.js';
import { libreofficeBatch } from '../test/layouts/print.js';
import { options } from './options.js';
import { median } from './stats.js';

const pages = options.number('--pages', 1000);
const small = options.number('--small', 250);
const rounds = options.number('--rounds', 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'bench/out');
mkdirSync(out, { recursive: true });
const cli = path.join(root, 'bin/haushalt.js');
const variant = BENCHMARK_VARIANT;

const render = (products: number): RenderedLayout =>
  renderLayout(budgetFromGenerated(generateBudgetData({ products, seed: 1 }), { gesamt: true }), variant);

/** The rendered plan of about `target` pages (products estimated from a small render, then corrected once). */
function planOfPages(target: number): { products: number; rendered: RenderedLayout } {
  const probe = 10;
  let products = Math.max(1, Math.round((target * probe) / render(probe).pageCount));
  let rendered = render(products);
  products = Math.max(1, Math.round((products * target) / rendered.pageCount));
  rendered = render(products);
  return { products, rendered };
}

/** The plan printed by LibreOffice (cached by variant and products). */
async function printed(target: number): Promise<{ pdf: string; products: number; rendered: RenderedLayout }> {
  const { products, rendered } = planOfPages(target);
  const pdf = path.join(out, `layouts-${variant.name}-${products}.pdf`);
  if (!existsSync(pdf)) {
    const [made] = await libreofficeBatch([
      { name: `layouts-${variant.name}-${products}`, source: rendered.fodt },
    ]);
    renameSync(made!, pdf);
  }
  return { pdf, products, rendered };
}

const exportTo = (input: string): string[] => exportArgs(cli, input, path.join(out, 'layouts-export.csv'));

const big = await printed(pages);
const hasPdf2txt = installed('pdf2txt');
const tools: { name: string; command: string; args: string[]; once?: boolean }[] = [
  {
    name: '`pdftotext -layout`',
    command: 'pdftotext',
    args: ['-layout', big.pdf, path.join(out, 'layouts-layout.txt')],
  },
  { name: '`haushalt export --format tidy-csv`', command: process.execPath, args: exportTo(big.pdf) },
];
if (hasPdf2txt)
  tools.push({
    name: '`pdf2txt` (pdfminer)',
    command: 'pdf2txt',
    args: [big.pdf, '-o', path.join(out, 'layouts-pdf2txt.txt')],
    once: true,
  });

const runs = new Map<string, Run[]>(tools.map((t) => [t.name, []]));
for (let r = 0; r < rounds; r++)
  for (const t of tools) if (!t.once || r === 0) runs.get(t.name)!.push(timed(t.command, t.args));

// the import against the budget the renderer expects
const imported = await importFiles([big.pdf]);
const verdict = imported.ok
  ? (() => {
      const d = compareToBudget(big.rendered.expectedFromPdf(big.pdf), imported.budget, { sources: 'page' });
      return d.length === 0
        ? 'equal to the budget as printed'
        : `${d.length} differences, first: ${d.slice(0, 3).map(formatDifference).join('; ')}`;
    })()
  : `refused: ${imported.errors.length} errors, first: ${imported.errors[0]?.message ?? ''}`;

const cpu = os.cpus()[0]?.model ?? '?';
console.log(
  `input: variant ${variant.name}, ${big.products} generated products (seed 1, with Gesamtpläne), ` +
    `${pagesOf(big.pdf)} pages, ${(statSync(big.pdf).size / 1e6).toFixed(1)} MB (LibreOffice)`,
);
console.log(`import: ${verdict}`);
console.log(`machine: ${os.cpus().length} × ${cpu}, Node ${process.version}; ${rounds} rounds, medians`);
console.log('| tool | seconds | peak memory | ratio to `pdftotext -layout` | exit |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const base = median(runs.get(tools[0]!.name)!.map((x) => x.seconds));
for (const [name, list] of runs) {
  const s = median(list.map((x) => x.seconds));
  const mb = median(list.map((x) => x.kb)) / 1024;
  console.log(
    `| ${name} | ${s.toFixed(2)} | ${mb.toFixed(0)} MB | ${(s / base).toFixed(2)}x | ${list.map((x) => x.status).join(', ')} |`,
  );
}
const ours = median(runs.get(tools[1]!.name)!.map((x) => x.seconds));
if (hasPdf2txt) {
  const theirs = runs.get(tools[2]!.name)![0]!.seconds;
  console.log(
    `haushalt is ${(theirs / ours).toFixed(1)}x faster than pdf2txt (goal ≥ 10x); ${(ours / base).toFixed(2)}x pdftotext -layout (goal ≤ 3x)`,
  );
} else console.log('pdf2txt not installed (Debian: apt-get install python3-pdfminer): not measured');

// memory: the same import of a plan of a quarter of the pages
const little = await printed(small);
const a = timed(process.execPath, exportTo(little.pdf));
const b = timed(process.execPath, exportTo(big.pdf));
console.log('\n| pages | products | PDF size | import: seconds | peak memory |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
for (const [p, r] of [
  [little, a],
  [big, b],
] as const)
  console.log(
    `| ${pagesOf(p.pdf)} | ${p.products} | ${(statSync(p.pdf).size / 1e6).toFixed(1)} MB | ${r.seconds.toFixed(2)} | ${(r.kb / 1024).toFixed(0)} MB |`,
  );
console.log(`peak memory ${pagesOf(big.pdf)} vs ${pagesOf(little.pdf)} pages: ${(b.kb / a.kb).toFixed(2)}x`);
