// PDF import benchmark (issue 3), ratios against tools measured in the same run on the same file:
//   haushalt export <pdf> --format tidy-csv   vs   pdftotext -layout (poppler)   and   pdf2txt (pdfminer)
// The PDF is a generated plan laid out as HTML and printed by Chromium (in parts of 20 products, printed two
// at a time and joined by qpdf: Chromium needs more than ten minutes for one 1,000-page HTML page). Each
// command runs as a whole process (start-up included) under /usr/bin/time for seconds and peak memory (the
// maximum resident set of the process, worker threads included); rounds alternate the tools, medians are
// reported. `--memory 85,170,340` adds a series: peak memory of the PDF import and of the text import of the
// same plan for each size, to tell what grows with the budget from what the PDF reading adds.
// Run:  npm run bench:pdf -- [--products 340] [--rounds 3] [--memory 85,170,340,680]   (--rounds 0: PDFs only)
// Needs Debian chromium, qpdf, poppler-utils; pdf2txt from python3-pdfminer (a missing pdf2txt is reported,
// not faked: `sudo apt-get install python3-pdfminer`).
import { execFileSync, spawnSync } from 'node:child_process';
import { exportArgs, installed, pagesOf, timedOk, type Run } from './commands.js';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBudget, planTextParts } from '../src/generate/index.js';
import { planTextToHtml } from '../src/generate/html.js';
import { printToPdfAsync } from '../src/publish/chromium.js';
import { options } from './options.js';
import { median } from './stats.js';

const products = options.number('--products', 340);
const rounds = options.number('--rounds', 3);
const memorySizes = options.numbers('--memory');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'bench/out');
mkdirSync(out, { recursive: true });
const cli = path.join(root, 'bin/haushalt.js');

/** The generated plan of `n` products as text and as PDF (cached in bench/out). */
async function planPdf(n: number): Promise<{ pdf: string; txt: string }> {
  const pdf = path.join(out, `plan-${n}.pdf`);
  const txt = path.join(out, `plan-${n}.txt`);
  if (existsSync(pdf) && existsSync(txt)) return { pdf, txt };
  const text = generateBudget({ products: n, seed: 1 });
  writeFileSync(txt, text);
  const dir = path.join(out, `parts-${n}`);
  mkdirSync(dir, { recursive: true });
  const files = planTextParts(text, 20).map((part, k) => {
    writeFileSync(path.join(dir, `${k}.html`), planTextToHtml(part));
    return path.join(dir, `${k}`);
  });
  for (let k = 0; k < files.length; k += 2) {
    await Promise.all(
      files.slice(k, k + 2).map((f) => printToPdfAsync(`${f}.html`, `${f}.pdf`, `${f}-profile`)),
    );
  }
  execFileSync('qpdf', ['--empty', '--pages', ...files.map((f) => `${f}.pdf`), '--', pdf]);
  rmSync(dir, { recursive: true, force: true });
  return { pdf, txt };
}

const exportTo = (input: string): string[] => exportArgs(cli, input, path.join(out, 'export.csv'));

const { pdf, txt } = await planPdf(products);
if (rounds === 0) {
  // --rounds 0: only make the PDFs (for the sizes of the memory series too)
  for (const n of memorySizes) await planPdf(n);
  process.exit(0);
}
const hasPdf2txt = installed('pdf2txt');
const tools: { name: string; command: string; args: string[]; once?: boolean }[] = [
  { name: '`pdftotext -layout`', command: 'pdftotext', args: ['-layout', pdf, path.join(out, 'layout.txt')] },
  { name: '`haushalt export --format tidy-csv`', command: process.execPath, args: exportTo(pdf) },
];
if (hasPdf2txt)
  tools.push({
    name: '`pdf2txt` (pdfminer)',
    command: 'pdf2txt',
    args: [pdf, '-o', path.join(out, 'pdf2txt.txt')],
    once: true, // slow: one run
  });

const runs = new Map<string, Run[]>(tools.map((t) => [t.name, []]));
for (let r = 0; r < rounds; r++) {
  for (const t of tools) if (!t.once || r === 0) runs.get(t.name)!.push(timedOk(t.command, t.args));
}
// the import must give the plan the text gives, or the timing means nothing
const fromText = path.join(out, 'export-text.csv');
execFileSync(process.execPath, [cli, 'export', txt, '--format', 'tidy-csv', '-o', fromText]);
const same = spawnSync('cmp', ['-s', fromText, path.join(out, 'export.csv')]).status === 0;

const cpu = os.cpus()[0]?.model ?? '?';
console.log(
  `input: ${products} generated products (seed 1), ${pagesOf(pdf)} pages, ` +
    `${(statSync(pdf).size / 1e6).toFixed(1)} MB (Chromium, joined by qpdf); tidy CSV equals the text's: ${same}`,
);
console.log(`machine: ${os.cpus().length} × ${cpu}, Node ${process.version}; ${rounds} rounds, medians`);
console.log('| tool | seconds | peak memory | ratio to `pdftotext -layout` |');
console.log('| --- | ---: | ---: | ---: |');
const base = median(runs.get(tools[0]!.name)!.map((x) => x.seconds));
for (const [name, list] of runs) {
  const s = median(list.map((x) => x.seconds));
  const mb = median(list.map((x) => x.kb)) / 1024;
  console.log(`| ${name} | ${s.toFixed(2)} | ${mb.toFixed(0)} MB | ${(s / base).toFixed(2)}x |`);
}
if (!hasPdf2txt)
  console.log('pdf2txt not installed (Debian: apt-get install python3-pdfminer): not measured');

if (memorySizes.length > 0) {
  console.log(
    '\n| products | pages | PDF size | PDF import: s, peak | text import: s, peak | PDF minus text |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of memorySizes) {
    const plan = await planPdf(n);
    const p = timedOk(process.execPath, exportTo(plan.pdf));
    const t = timedOk(process.execPath, exportTo(plan.txt));
    const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
    console.log(
      `| ${n} | ${pagesOf(plan.pdf)} | ${(statSync(plan.pdf).size / 1e6).toFixed(1)} MB | ` +
        `${p.seconds.toFixed(2)} s, ${mb(p.kb)} | ${t.seconds.toFixed(2)} s, ${mb(t.kb)} | ${mb(p.kb - t.kb)} |`,
    );
  }
}
