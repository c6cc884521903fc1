// Budget book benchmark (issue 6): the book of a generated budget (600 products by default, about 2,000
// pages) printed by `renderBookPdf`, against a baseline measured in the same run: Chromium printing the same
// budget's plain plan text as one simple HTML page (src/generate/html.ts, `chromium --print-to-pdf`).
// Reports pages per second, where the time goes (our HTML generation, Chromium loading and printing the
// finished HTML, reading back and joining), and peak memory: RSS of this process and of all Chromium processes
// started by this process (sampled every 200 ms from /proc).
// Run:  npm run bench:book   or   npm run build && node dist/bench/book.js [--products 600]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBudget } from '../src/generate/index.js';
import { planTextToHtml } from '../src/generate/html.js';
import { importText } from '../src/importers/text/index.js';
import { printToPdf } from '../src/publish/chromium.js';
import { renderBookPdf } from '../src/publish/pdf.js';
import { options } from './options.js';

const products = options.number('--products', 600);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.join(root, 'bench/out');
mkdirSync(out, { recursive: true });

/** RSS in bytes of this process's descendants (the Chromium processes playwright-core started). */
function chromiumRss(): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      parent.set(Number(entry), Number(/^PPid:\s+(\d+)/mu.exec(status)?.[1]));
      rss.set(Number(entry), Number(/^VmRSS:\s+(\d+) kB/mu.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // the process ended while we looked
    }
  }
  const below = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p))
      if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, bytes] of rss) if (below(pid)) total += bytes;
  return total;
}

function sampler(): { stop: () => { ours: number; chromium: number } } {
  let ours = process.memoryUsage().rss;
  let chromium = 0;
  const timer = setInterval(() => {
    ours = Math.max(ours, process.memoryUsage().rss);
    chromium = Math.max(chromium, chromiumRss());
  }, 200);
  return {
    stop: () => {
      clearInterval(timer);
      return { ours: Math.max(ours, process.resourceUsage().maxRSS * 1024), chromium };
    },
  };
}

const mb = (b: number): string => `${Math.round(b / 1024 / 1024)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const text = generateBudget({ products, seed: 1 });
const imported = importText(text, 'generated.txt');
if (!imported.ok) throw new Error('generated budget did not import');
const budget = imported.budget;

// baseline: the same budget's plan text as one plain HTML page, one Chromium print
const plainHtml = path.join(out, `book-plain-${products}.html`);
writeFileSync(plainHtml, planTextToHtml(text));
let t = performance.now();
let plainMs: number | undefined;
let plainPages = 0;
try {
  // one print job for the whole document; printToPdf gives up after 600 s
  printToPdf(plainHtml, path.join(out, `book-plain-${products}.pdf`), path.join(out, 'chromium-profile'));
  plainMs = performance.now() - t;
  plainPages = Number(
    /Pages:\s+(\d+)/u.exec(
      execFileSync('pdfinfo', [path.join(out, `book-plain-${products}.pdf`)], { encoding: 'utf8' }),
    )![1],
  );
} catch {
  plainMs = undefined;
}
const baselineMs = performance.now() - t;

const memory = sampler();
t = performance.now();
const report = await renderBookPdf(budget, path.join(out, `book-${products}.pdf`), {
  onPart: (done, parts) => process.stderr.write(`\rTeil ${done} von ${parts}`),
});
const bookMs = performance.now() - t;
const peak = memory.stop();
process.stderr.write('\n');

const chromiumMs = report.loadMs + report.printMs;
console.log(`Budget book, ${products} products (${budget.nodes.length} units), ${report.parts} parts`);
console.log(
  `  book:      ${report.pages} pages in ${s(bookMs)} = ${(report.pages / (bookMs / 1000)).toFixed(1)} pages/s`,
);
if (plainMs === undefined) {
  console.log(
    `  baseline:  plain plan text, one Chromium print: not finished after ${s(baselineMs)} (gave up)`,
  );
} else {
  console.log(
    `  baseline:  plain plan text, one Chromium print: ${plainPages} pages in ${s(plainMs)} = ${(plainPages / (plainMs / 1000)).toFixed(1)} pages/s`,
  );
  console.log(`  ratio:     book time / baseline time = ${(bookMs / plainMs).toFixed(2)}`);
}
console.log(
  `  time:      HTML generation ${s(report.htmlMs)} (${((100 * report.htmlMs) / bookMs).toFixed(1)} %), ` +
    `Chromium load ${s(report.loadMs)}, Chromium page.pdf() ${s(report.printMs)} ` +
    `(Chromium together ${((100 * chromiumMs) / bookMs).toFixed(1)} %), read back + qpdf ${s(report.joinMs)} ` +
    `(${((100 * report.joinMs) / bookMs).toFixed(1)} %)`,
);
console.log(`  memory:    peak RSS ours ${mb(peak.ours)}, Chromium (all processes) ${mb(peak.chromium)}`);
