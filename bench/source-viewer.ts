// Source viewer benchmark (issue 5): a generated budget printed by Chromium as a PDF of about 300 pages,
// imported with its document into a temporary SQLite store, served by the real server and opened in Debian's
// Chromium (playwright-core). Measured per round, from the click on "Quelle ansehen" (line 13 of a product
// printed late in the PDF) until pdf.js has drawn the page (`canvas[data-rendered="ja"]`), and the bytes the
// server sent meanwhile (every socket's bytesWritten: ranges of the PDF, API answers, on the first round the
// viewer's code). Baseline in the same run: fetching the whole PDF from the page (what a viewer without
// ranges would need before drawing anything). Round 1 is cold (pdf.js and its worker load); medians of the
// later rounds. Each round opens a product on another page.
// The printed PDF is kept in bench/out/ and reused by the next run with the same number of products.
// Run:  npm run bench:source-viewer [-- --products 100 --rounds 7]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBudget } from '../src/generate/index.js';
import { planTextToHtml } from '../src/generate/html.js';
import { importFiles } from '../src/importers/index.js';
import { openPdf } from '../src/importers/pdf/pages.js';
import { printToPdfAsync } from '../src/publish/chromium.js';
import { launchChromium } from '../src/publish/pdf.js';
import { buildServer } from '../src/server/server.js';
import { openStore } from '../src/store/store.js';
import { SYSTEM_ACTOR } from '../src/core/workflow.js';
import { options } from './options.js';
import { median } from './stats.js';

const products = options.number('--products', 100);
const rounds = options.number('--rounds', 7);
const range = (xs: number[]): string => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-bench-viewer-'));
try {
  const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/out');
  mkdirSync(out, { recursive: true });
  const pdfFile = path.join(out, `source-viewer-${products}.pdf`);
  let t = Date.now();
  if (!existsSync(pdfFile)) {
    const html = path.join(dir, 'plan.html');
    writeFileSync(html, planTextToHtml(generateBudget({ products, seed: 3 })));
    await printToPdfAsync(html, path.join(dir, 'plan.pdf'), path.join(dir, 'profile'));
    writeFileSync(pdfFile, readFileSync(path.join(dir, 'plan.pdf')));
  }
  const bytes = readFileSync(pdfFile);
  const probe = await openPdf(new Uint8Array(bytes));
  const pages = probe.numPages;
  await probe.close();
  console.log(`PDF: ${pages} pages, ${(bytes.length / 1e6).toFixed(2)} MB, printed in ${Date.now() - t} ms`);
  t = Date.now();
  const imported = await importFiles([pdfFile]);
  if (!imported.ok) throw new Error('the generated PDF does not import');
  const store = await openStore({ url: path.join(dir, 'bench.sqlite') });
  const version = await store.importBudget(SYSTEM_ACTOR, {
    budget: imported.budget,
    name: 'Benchmark',
    documents: [{ name: path.basename(pdfFile), mediaType: 'application/pdf', bytes }],
  });
  await store.setVersionOptions(SYSTEM_ACTOR, version.id, { publicRead: true });
  console.log(`imported with its document in ${Date.now() - t} ms`);

  // products whose line 13 is printed in the last half of the PDF, each on a page of its own
  const targets: { code: string; page: number }[] = [];
  const seen = new Set<number>();
  for (const node of imported.budget.nodes) {
    const line = node.plans.find((p) => p.type === 'teilergebnisplan')?.lines.find((l) => l.line === '13');
    const page = line?.source?.page;
    if (node.level !== 'produkt' || page === undefined || page < pages / 2 || seen.has(page)) continue;
    seen.add(page);
    targets.push({ code: node.code, page });
  }
  targets.reverse();

  const app = await buildServer({ store });
  const sockets = new Set<Socket>();
  app.server.on('connection', (s: Socket) => sockets.add(s));
  const sent = (): number => [...sockets].reduce((n, s) => n + s.bytesWritten, 0);
  let documentRequests = 0;
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url.includes('/documents/')) documentRequests++;
    done();
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    console.log(`page error: ${e.message}`);
  });
  const opens: number[] = [];
  const sentBytes: number[] = [];
  const requests: number[] = [];
  const whole: number[] = [];
  try {
    for (let r = 0; r < Math.min(rounds, targets.length); r++) {
      const target = targets[r]!;
      await page.goto(`${url}/?r=${r}#v=${version.id}&n=${encodeURIComponent(target.code)}`);
      await page.locator('#zeile-teilergebnisplan-13').getByRole('button').first().click();
      const button = page.getByRole('button', { name: 'Quelle ansehen: Zeile 13', exact: true });
      await button.waitFor();
      await page.evaluate('performance.clearResourceTimings(); window.__clicked = performance.now()');
      const before = sent();
      const requestsBefore = documentRequests;
      const start = Date.now();
      await button.click();
      await page
        .locator(`.source-viewer canvas[data-page="${target.page}"][data-rendered="ja"]`)
        .waitFor({
          timeout: 60_000,
        })
        .catch(async (e: unknown) => {
          await page.screenshot({ path: path.join(out, 'source-viewer-failed.png') });
          throw e;
        });
      opens.push(Date.now() - start);
      sentBytes.push(sent() - before);
      requests.push(documentRequests - requestsBefore);
      if (options.flag('--timeline'))
        console.log(
          await page.evaluate<string>(
            `performance.getEntriesByType('resource').map((e) => [Math.round(e.startTime - window.__clicked), Math.round(e.responseEnd - window.__clicked), e.name.replace(/^.*\\//, '').slice(0, 40)].join(' ')).join('\\n')`,
          ),
        );
      // baseline: the whole PDF fetched from the page
      whole.push(
        await page.evaluate<number>(
          `(async () => { const t = performance.now(); await (await fetch('/api/versions/${version.id}/documents/${path.basename(pdfFile)}', { cache: 'no-store' })).arrayBuffer(); return performance.now() - t; })()`,
        ),
      );
      console.log(
        `round ${r + 1}: page ${target.page}: ${opens.at(-1)} ms, ${requests.at(-1)} requests of the PDF, ` +
          `${(sentBytes.at(-1)! / 1e3).toFixed(0)} kB sent; whole PDF ${whole.at(-1)!.toFixed(0)} ms`,
      );
      await page.keyboard.press('Escape');
      await page.locator('.source-viewer').waitFor({ state: 'detached' });
    }
  } finally {
    await browser.close();
    await app.close();
    await store.close();
  }
  const warm = opens.slice(1);
  const warmBytes = sentBytes.slice(1);
  console.log(
    [
      '',
      `${products} products, ${pages} pages, ${(bytes.length / 1e6).toFixed(2)} MB; Node ${process.version}`,
      `first open (cold: pdf.js and worker load): ${opens[0]} ms, ${(sentBytes[0]! / 1e3).toFixed(0)} kB sent`,
      `later opens: median ${median(warm)} ms (${range(warm)}), ${median(requests.slice(1))} requests, ` +
        `${(median(warmBytes) / 1e3).toFixed(0)} kB sent ` +
        `(${((100 * median(warmBytes)) / bytes.length).toFixed(1)} % of the PDF)`,
      `baseline, whole PDF fetched: median ${median(whole).toFixed(0)} ms (${range(whole)})`,
      `ratio later open / whole fetch: ${(median(warm) / median(whole)).toFixed(1)}x`,
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
