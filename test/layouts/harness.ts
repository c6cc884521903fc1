/**
 * The layout harness: a budget rendered in a layout variant (src/generate/layouts), printed to PDF by Chromium
 * and by LibreOffice (each in a temporary folder), turned into layout text by `pdftotext -layout`, written as
 * the variant's CSV export, and each of PDF, layout text and CSV imported with `importFiles`; then compared with
 * the budget the renderer says an exact import must give (`compareToBudget`): nodes, plans, signs, lines and
 * labels, every cell's amount, decimals and T€ scale, investment rows, and the page (PDF, layout text) or line
 * (CSV) each cell's source names. `checkPrint` proves the renderer's pagination on the printed PDF: the page
 * count, and every amount text on the page the renderer placed it.
 *
 * Used by test/layouts/*.ts and by bench/layout-variants.ts, bench/layouts.ts and bench/docs-layouts.ts (which
 * run from dist/, so nothing here depends on where the test folder lies: the reference document's path is an
 * argument).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Budget } from '../../src/core/model.js';
import {
  compareToBudget,
  formatDifference,
  pagesOfLines,
  type CompareOptions,
  type Difference,
} from './compare.js';
import { generateBudget, generateBudgetData } from '../../src/generate/index.js';
import {
  budgetFromGenerated,
  renderLayout,
  type FromGeneratedOptions,
  type LayoutVariant,
  type RenderedLayout,
} from '../../src/generate/layouts/index.js';
import { importFiles } from '../../src/importers/index.js';
import { importText } from '../../src/importers/text/index.js';
import { formatImportError } from '../../src/importers/types.js';
import { chromiumPdf, libreofficePdf } from '../pdf/producers.js';

export * from './compare.js';

export type Producer = 'chromium' | 'libreoffice';
export const PRODUCERS: readonly Producer[] = ['chromium', 'libreoffice'];

/** The three files a variant is read from. */
export type Format = 'pdf' | 'text' | 'csv';
export const FORMATS: readonly Format[] = ['pdf', 'text', 'csv'];

// ---------------------------------------------------------------------------------------------- budgets

/** The reference document (Kreis Coesfeld 2026, PB 43) imported from its text. */
export function referenceBudget(file: string): Budget {
  return textBudget(readFileSync(file, 'utf8'), path.basename(file));
}

/** The generated plan of `products` Produkte as its text import reads it (whole euros). */
export function generatedBudget(products: number, seed: number): Budget {
  return textBudget(generateBudget({ products, seed }), `generiert-${products}-${seed}.txt`);
}

/** A random budget with exact cents (not printed before), optionally with Gesamtpläne and scaled up. */
export function randomBudget(products: number, seed: number, options: FromGeneratedOptions = {}): Budget {
  return budgetFromGenerated(generateBudgetData({ products, seed }), options);
}

function textBudget(text: string, file: string): Budget {
  const r = importText(text, file);
  if (!r.ok) throw new Error(r.errors.map(formatImportError).join('\n'));
  return r.budget;
}

// ---------------------------------------------------------------------------------------------- printing

/** Renders a budget in a variant (HTML, FODT, CSV, pagination, expected budgets). */
export function renderInVariant(budget: Budget, variant: LayoutVariant): RenderedLayout {
  return renderLayout(budget, variant);
}

/** Prints a rendered variant to PDF with a producer, in a temporary folder; returns the PDF's path. */
export function printPdf(rendered: RenderedLayout, producer: Producer, name = rendered.variant.name): string {
  return producer === 'chromium'
    ? chromiumPdf(rendered.html, `${name}-chromium`)
    : libreofficePdf(rendered.fodt, `${name}-libreoffice`);
}

/** `pdftotext -layout` of a PDF, written beside it; returns the text file's path. */
export function layoutText(pdf: string): string {
  const file = pdf.replace(/\.pdf$/u, '-layout.txt');
  execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, file]);
  return file;
}

/** The variant's CSV export, written into `dir` (a new temporary folder by default); returns its path. */
export function writeCsv(
  rendered: RenderedLayout,
  dir = mkdtempSync(path.join(tmpdir(), 'haushalt-layout-')),
): string {
  const file = path.join(dir, `${rendered.variant.name}.csv`);
  writeFileSync(file, rendered.csv.text);
  return file;
}

/** Number of pages of a PDF (pdfinfo). */
export function pdfPages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/mu.exec(info)?.[1] ?? 0);
}

/** The words of every page of a PDF (pdftotext in reading order, split at white space). */
export function printedPages(pdf: string): string[][] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const pages = text.split('\f');
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages.map((p) => p.split(/\s+/u).filter((w) => w !== ''));
}

/**
 * Proves the renderer's pagination on a printed PDF: as many pages as it made, and every amount text (and the
 * first word of every title) on the page it placed it. Returns the problems found (empty: the print is as
 * rendered, so the pages `expectedFromPdf` names are right).
 */
export function checkPrint(rendered: RenderedLayout, pdf: string): string[] {
  const problems: string[] = [];
  const pages = printedPages(pdf);
  const count = pdfPages(pdf);
  if (count !== rendered.pageCount) problems.push(`${count} pages printed, ${rendered.pageCount} rendered`);
  rendered.pagination.pages.forEach((page, i) => {
    const words = new Map<string, number>();
    for (const w of pages[i] ?? []) words.set(w, (words.get(w) ?? 0) + 1);
    const need = new Map<string, number>();
    for (const c of page.chunks) {
      const table = rendered.document.tables[c.table]!;
      if (c.title)
        for (const l of table.titleLines) need.set(l.split(' ')[0]!, (need.get(l.split(' ')[0]!) ?? 0) + 1);
      for (let r = c.from; r < c.to; r++)
        for (const col of c.columns) {
          const text = table.rows[r]!.amounts[col]?.text;
          if (text !== undefined) need.set(text, (need.get(text) ?? 0) + 1);
        }
    }
    for (const [w, n] of need) {
      const found = words.get(w) ?? 0;
      if (found < n) problems.push(`page ${i + 1}: "${w}" ${n} times expected, ${found} printed`);
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------- importing

export type Imported =
  { readonly ok: true; readonly budget: Budget } | { readonly ok: false; readonly errors: readonly string[] };

/** Imports one file with `importFiles`; errors as German messages with their place. */
export async function importOne(file: string): Promise<Imported> {
  try {
    const r = await importFiles([file]);
    return r.ok ? { ok: true, budget: r.budget } : { ok: false, errors: r.errors.map(formatImportError) };
  } catch (e) {
    return { ok: false, errors: [`Ausnahme beim Import: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

/** Imports the PDF, its layout text and the CSV of one variant. */
export async function importEach(files: Readonly<Record<Format, string>>): Promise<Record<Format, Imported>> {
  return {
    pdf: await importOne(files.pdf),
    text: await importOne(files.text),
    csv: await importOne(files.csv),
  };
}

// ---------------------------------------------------------------------------------------------- one run

export interface FormatResult {
  readonly file: string;
  /** German import errors, when the import refused the file. */
  readonly errors: readonly string[];
  readonly differences: readonly Difference[];
}

export interface VariantRun {
  readonly variant: LayoutVariant;
  readonly pages: number;
  /** Per producer: the PDF's problems against the renderer's pagination, and the PDF and layout text results. */
  readonly producers: Readonly<
    Partial<
      Record<
        Producer,
        { readonly printProblems: readonly string[]; readonly pdf: FormatResult; readonly text: FormatResult }
      >
    >
  >;
  readonly csv: FormatResult;
}

async function result(file: string, expected: Budget, options: CompareOptions): Promise<FormatResult> {
  const imported = await importOne(file);
  if (!imported.ok) return { file, errors: imported.errors, differences: [] };
  return { file, errors: [], differences: compareToBudget(expected, imported.budget, options) };
}

/** Whether a format's import equals the expected budget. */
export function passed(r: FormatResult): boolean {
  return r.errors.length === 0 && r.differences.length === 0;
}

/** Imports and compares the prints of a rendered layout (PDFs by producer) and its CSV export. */
export async function evaluatePrints(
  rendered: RenderedLayout,
  pdfs: Readonly<Partial<Record<Producer, string>>>,
): Promise<VariantRun> {
  const runs: Partial<Record<Producer, { printProblems: string[]; pdf: FormatResult; text: FormatResult }>> =
    {};
  let dir = '';
  for (const producer of PRODUCERS) {
    const pdf = pdfs[producer];
    if (pdf === undefined) continue;
    dir = path.dirname(pdf);
    const text = layoutText(pdf);
    runs[producer] = {
      printProblems: checkPrint(rendered, pdf),
      pdf: await result(pdf, rendered.expectedFromPdf(pdf), { sources: 'page' }),
      text: await result(text, rendered.expectedFromPdf(text), {
        sources: 'layout-page',
        pageOfLine: pagesOfLines(readFileSync(text, 'utf8')),
      }),
    };
  }
  const csvFile = writeCsv(rendered, dir || undefined);
  return {
    variant: rendered.variant,
    pages: rendered.pageCount,
    producers: runs,
    csv: await result(csvFile, rendered.expectedFromCsv(csvFile), { sources: 'line' }),
  };
}

/** Renders, prints (each producer started on its own), imports and compares one budget in one variant. */
export async function runVariant(
  budget: Budget,
  variant: LayoutVariant,
  producers: readonly Producer[] = PRODUCERS,
  name = variant.name,
): Promise<VariantRun> {
  const rendered = renderInVariant(budget, variant);
  const pdfs: Partial<Record<Producer, string>> = {};
  for (const producer of producers) pdfs[producer] = printPdf(rendered, producer, name);
  return evaluatePrints(rendered, pdfs);
}

/** The first problems of a run, one per line (empty: every print and import is as rendered). */
export function runProblems(run: VariantRun, show = 3): string[] {
  const out: string[] = [];
  const note = (what: string, r: FormatResult): void => {
    if (passed(r)) return;
    const first =
      r.errors.length > 0 ? r.errors.slice(0, show) : r.differences.slice(0, show).map(formatDifference);
    const more = (r.errors.length || r.differences.length) - first.length;
    out.push(
      `${what} (${r.file}):`,
      ...first.map((x) => `  ${x}`),
      ...(more > 0 ? [`  … ${more} more`] : []),
    );
  };
  for (const p of PRODUCERS) {
    const r = run.producers[p];
    if (!r) continue;
    if (r.printProblems.length > 0)
      out.push(`${p} print:`, ...r.printProblems.slice(0, show).map((x) => `  ${x}`));
    note(`${p} pdf`, r.pdf);
    note(`${p} text`, r.text);
  }
  note('csv', run.csv);
  return out;
}
