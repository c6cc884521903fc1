// Pictures of the layout variants for docs/import.md ("Layout-Varianten"): the reference document rendered in
// every named variant (src/generate/layouts), printed by Chromium, one representative page of each as PNG
// (poppler's pdftoppm, 110 dpi, grey, cropped to the printed width; each under 150 KB) in docs/images/layouts/.
// The page: the first page that continues a plan (variants that continue plans), the page of planning years
// (variants that print them on a second page), else the first page. It lives beside the layout benchmark
// (bench/layouts.ts, bench/layout-variants.ts) because it prints with the same harness.
// Also prints the table of traits × variants for docs/import.md (Markdown, on standard output).
// Run:  npm run docs:layouts   (= npm run build, then node dist/bench/docs-layouts.js [--reference file])
// Needs Debian chromium and poppler-utils (scripts/setup-system.sh).
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  renderLayout,
  TRAITS,
  traitValues,
  VARIANTS,
  type RenderedLayout,
  type TraitName,
} from '../src/generate/layouts/index.js';
import { textWidth } from '../src/generate/layouts/metrics.js';
import { referenceBudget } from '../test/layouts/harness.js';
import { ChromiumPrinter } from '../test/layouts/print.js';

const DPI = 110;
const LIMIT = 150 * 1024;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const referenceIndex = argv.indexOf('--reference');
const reference =
  referenceIndex >= 0
    ? path.resolve(argv[referenceIndex + 1] ?? '')
    : path.resolve(root, '../shared/reference/kreis-coesfeld-2026-pb43.txt');
const out = path.join(root, 'docs/images/layouts');
mkdirSync(out, { recursive: true });

/** The 1-based page to show (see the header). */
function representativePage(r: RenderedLayout): number {
  const pages = r.pagination.pages;
  if (r.variant.yearsSplit && pages.length > 1) return 2;
  if (r.variant.split === 'continue') {
    const i = pages.findIndex((p) => p.chunks.some((c) => c.continued));
    if (i >= 0) return i + 1;
  }
  return 1;
}

/** Printed width in points of a page's widest table or title, with the side margins (the page's for a date). */
function printedWidth(r: RenderedLayout, page: number): number {
  const g = r.pagination.page;
  if (r.variant.runningHeader === 'title-and-date') return g.pageWidth;
  let widest = 0;
  for (const c of r.pagination.pages[page - 1]!.chunks) {
    const tg = r.pagination.tables[c.table]!;
    widest = Math.max(
      widest,
      tg.numberWidth + tg.operatorWidth + tg.labelWidth + c.columns.length * tg.amountWidth,
    );
    if (c.title)
      for (const line of r.document.tables[c.table]!.titleLines)
        widest = Math.max(widest, textWidth(line, g.titlePt, true));
  }
  return Math.min(g.pageWidth, widest + 2 * g.marginSide);
}

const budget = referenceBudget(reference);
const printer = new ChromiumPrinter();
try {
  for (const variant of VARIANTS) {
    const r = renderLayout(budget, variant);
    const pdf = await printer.print({ name: variant.name, source: r.html });
    const page = representativePage(r);
    const g = r.pagination.page;
    const px = (points: number): number => Math.ceil((points / 72) * DPI);
    // full height (running header and footer are traits too), the width the tables take; smaller if too big
    let height = px(g.pageHeight);
    const file = path.join(out, variant.name);
    for (;;) {
      execFileSync('pdftoppm', [
        ...['-f', String(page), '-l', String(page), '-r', String(DPI), '-gray', '-png', '-singlefile'],
        ...['-x', '0', '-y', '0', '-W', String(px(printedWidth(r, page))), '-H', String(height)],
        pdf,
        file,
      ]);
      const size = statSync(`${file}.png`).size;
      if (size <= LIMIT || height < px(g.pageHeight) / 3) break;
      height = Math.floor(height * 0.8);
    }
    console.log(
      `${variant.name}: page ${page} of ${r.pageCount}, ${(statSync(`${file}.png`).size / 1024).toFixed(0)} KB`,
    );
  }
} finally {
  await printer.close();
}

// the table of traits × variants for docs/import.md
const short = (s: string): string =>
  s
    .replace('Ertrags- und Aufwandsarten', 'E.-u.-A.-arten')
    .replace('Ein- und Auszahlungsarten', 'E.-u.-A.-arten');
console.log(`\n| trait | ${VARIANTS.map((v) => `\`${v.name}\``).join(' | ')} |`);
console.log(`| --- | ${VARIANTS.map(() => '---').join(' | ')} |`);
for (const trait of Object.keys(TRAITS) as TraitName[]) {
  const cells = VARIANTS.map((v) => [...new Set(traitValues(v)[trait].map(short))].join(', '));
  console.log(`| ${trait} | ${cells.join(' | ')} |`);
}
