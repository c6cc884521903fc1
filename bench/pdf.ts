// PDF import benchmark (issue 3), ratios against tools measured in the same run:
//   haushalt export <pdf> --format tidy-csv   vs   pdftotext -layout (poppler)   and   pdf2txt (pdfminer)
// The PDF is a generated plan laid out as HTML and printed by Chromium. Each command runs as a whole process
// (start-up included) under /usr/bin/time for seconds and peak memory; rounds alternate, medians reported.
// Run:  npm run build && node dist/bench/pdf.js [--products 150] [--rounds 3]   (Debian: chromium,
// poppler-utils, python3-pdfminer for pdf2txt; a missing pdf2txt is reported, not faked)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBudget } from '../src/generate/index.js';
import { planTextToHtml } from '../src/generate/html.js';
import { printToPdf } from '../src/publish/chromium.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const products = option('--products', 150);
const rounds = option('--rounds', 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'bench/out');
mkdirSync(out, { recursive: true });

const html = path.join(out, `pdf-${products}.html`);
const pdf = path.join(out, `pdf-${products}.pdf`);
if (!existsSync(pdf)) {
  writeFileSync(html, planTextToHtml(generateBudget({ products, seed: 1 })));
  printToPdf(html, pdf, path.join(out, 'chromium-profile'));
}
const pages = /Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? '?';

interface Run {
  seconds: number;
  kb: number;
}

function timed(command: string, commandArgs: string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', command, ...commandArgs], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`);
  const [seconds, kb] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { seconds: seconds!, kb: kb! };
}

const tools: { name: string; command: string; args: string[] }[] = [
  {
    name: 'pdftotext -layout',
    command: 'pdftotext',
    args: ['-layout', pdf, path.join(out, 'pdftotext.txt')],
  },
  {
    name: 'haushalt export --format tidy-csv',
    command: process.execPath,
    args: [
      path.join(root, 'bin/haushalt.js'),
      'export',
      pdf,
      '--format',
      'tidy-csv',
      '-o',
      path.join(out, 'pdf.csv'),
    ],
  },
];
const hasPdf2txt = spawnSync('sh', ['-c', 'command -v pdf2txt']).status === 0;
if (hasPdf2txt)
  tools.push({
    name: 'pdf2txt (pdfminer)',
    command: 'pdf2txt',
    args: [pdf, '-o', path.join(out, 'pdf2txt.txt')],
  });

const runs = new Map<string, Run[]>(tools.map((t) => [t.name, []]));
for (let r = 0; r < rounds; r++) {
  for (const t of tools) runs.get(t.name)!.push(timed(t.command, t.args));
  if (r === 0 && hasPdf2txt) tools.pop(); // pdf2txt is slow: one run
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(runs.get('pdftotext -layout')!.map((x) => x.seconds));
console.log(`input: ${products} generated products, ${pages} pages (Chromium); ${rounds} rounds, medians`);
console.log('| tool | seconds | peak MB | ratio to pdftotext |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, list] of runs) {
  const s = median(list.map((x) => x.seconds));
  const mb = median(list.map((x) => x.kb)) / 1024;
  console.log(`| ${name} | ${s.toFixed(2)} | ${mb.toFixed(0)} | ${(s / base).toFixed(2)}x |`);
}
if (!hasPdf2txt) console.log('pdf2txt not installed (Debian python3-pdfminer): not measured');
