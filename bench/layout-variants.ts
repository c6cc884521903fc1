// Layout variants (issue 15): every variant × producer on the reference document, the generated 20-product
// plan and a few random budgets (exact cents; one with Gesamtpläne, one scaled to a big city's amounts): the
// budget rendered in the variant (src/generate/layouts), printed by Chromium and by LibreOffice, read back as
// PDF, as `pdftotext -layout` text and as the variant's CSV export, and compared with the budget the renderer
// says an exact import must give (test/layouts/harness.ts). Prints a table of which pass and, for each failing
// one, the first differences (or the import's first errors), and whether each print kept the renderer's pages.
// Run:  npm run bench:layout-variants -- [--variant klassisch] [--budget reference] [--producer chromium] [--show 3]
//       [--out dir] [--reference file]   (--out keeps every PDF, text and CSV in dir; --variant, --budget and
//       --producer take comma-separated names and repeat; --variant anspruchsvoll names the PDF benchmark's variant)
// Needs Debian chromium, LibreOffice and poppler-utils (scripts/setup-system.sh).
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Budget } from '../src/core/model.js';
import { BENCHMARK_VARIANT, VARIANTS } from '../src/generate/layouts/index.js';
import {
  formatDifference,
  generatedBudget,
  passed,
  PRODUCERS,
  randomBudget,
  referenceBudget,
  runVariant,
  type FormatResult,
  type Producer,
  type VariantRun,
} from '../test/layouts/harness.js';
import { options } from './options.js';

const argv = process.argv.slice(2);
const list = (name: string): string[] => {
  const out: string[] = [];
  for (let i = argv.indexOf(name); i >= 0; i = argv.indexOf(name, i + 2))
    out.push(...(argv[i + 1] ?? '').split(','));
  return out.filter((x) => x !== '');
};
const show = options.number('--show', 3);
const outIndex = argv.indexOf('--out');
const outDir = outIndex >= 0 ? path.resolve(argv[outIndex + 1] ?? 'bench/out/layouts') : undefined;

// dist/bench/layout-variants.js → the repository root two folders up; the shared folder beside it
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const referenceIndex = argv.indexOf('--reference');
const reference =
  referenceIndex >= 0
    ? path.resolve(argv[referenceIndex + 1] ?? '')
    : path.resolve(root, '../shared/reference/kreis-coesfeld-2026-pb43.txt');

const BUDGETS: readonly { readonly name: string; readonly make: () => Budget }[] = [
  { name: 'reference', make: () => referenceBudget(reference) },
  { name: 'generated-20', make: () => generatedBudget(20, 4) },
  { name: 'random-3-gesamt', make: () => randomBudget(3, 11, { gesamt: true }) },
  { name: 'random-2-x10', make: () => randomBudget(2, 12, { factor: 10 }) },
  { name: 'random-4', make: () => randomBudget(4, 13) },
];

const wanted = <T extends { name: string }>(all: readonly T[], names: string[]): readonly T[] =>
  names.length === 0 ? all : all.filter((x) => names.includes(x.name));
// the benchmark's variant (anspruchsvoll) only when named
const variants =
  list('--variant').length === 0 ? VARIANTS : wanted([...VARIANTS, BENCHMARK_VARIANT], list('--variant'));
const budgets = wanted(BUDGETS, list('--budget'));
const producers = (list('--producer').length > 0 ? list('--producer') : PRODUCERS) as Producer[];

const mark = (r: FormatResult): string =>
  r.errors.length > 0 ? 'refused' : r.differences.length > 0 ? `${r.differences.length} diff` : 'pass';

function keep(run: VariantRun, budget: string): void {
  if (!outDir) return;
  const dir = path.join(outDir, budget);
  mkdirSync(dir, { recursive: true });
  for (const p of Object.values(run.producers)) {
    copyFileSync(p.pdf.file, path.join(dir, path.basename(p.pdf.file)));
    copyFileSync(p.text.file, path.join(dir, path.basename(p.text.file)));
  }
  copyFileSync(run.csv.file, path.join(dir, path.basename(run.csv.file)));
}

const header = [
  'variant',
  'budget',
  'pages',
  ...producers.flatMap((p) => [`${p} pdf`, `${p} text`, `${p} pages ok`]),
  'csv',
];
const rows: string[][] = [];
const failures: string[] = [];
let passes = 0;
let total = 0;
for (const b of budgets) {
  const budget = b.make();
  for (const v of variants) {
    const started = Date.now();
    const run = await runVariant(budget, v, producers, `${v.name}-${b.name}`);
    keep(run, b.name);
    const row = [v.name, b.name, String(run.pages)];
    const note = (what: string, r: FormatResult): void => {
      total++;
      if (passed(r)) {
        passes++;
        return;
      }
      const first =
        r.errors.length > 0 ? r.errors.slice(0, show) : r.differences.slice(0, show).map(formatDifference);
      failures.push(`${v.name} × ${b.name} × ${what}:\n${first.map((x) => `    ${x}`).join('\n')}`);
    };
    for (const p of producers) {
      const r = run.producers[p]!;
      row.push(
        mark(r.pdf),
        mark(r.text),
        r.printProblems.length === 0 ? 'yes' : `NO (${r.printProblems.length})`,
      );
      note(`${p} pdf`, r.pdf);
      note(`${p} text`, r.text);
      if (r.printProblems.length > 0)
        failures.push(
          `${v.name} × ${b.name} × ${p} print:\n${r.printProblems
            .slice(0, show)
            .map((x) => `    ${x}`)
            .join('\n')}`,
        );
    }
    row.push(mark(run.csv));
    note('csv', run.csv);
    rows.push(row);
    process.stderr.write(`${v.name} × ${b.name}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: readonly string[]): string =>
  `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\n${passes} of ${total} imports equal the budget.`);
if (failures.length > 0) console.log(`\nFirst differences:\n\n${failures.join('\n')}`);
