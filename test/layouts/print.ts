/**
 * Printing many rendered layouts quickly, for the layout tests and benchmarks: Chromium is launched once
 * (playwright-core over Debian's Chromium, `launchChromium` of the book printer) and prints every HTML page in a
 * tab of its own; LibreOffice converts a whole batch of flat OpenDocument texts in one start (its start-up is
 * most of the time of a small document). Both print exactly what `chromiumPdf`/`libreofficePdf`
 * (test/pdf/producers.ts) print, each file into its own temporary folder; `checkPrint` proves the pages.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium, stopChromium } from '../../src/publish/pdf.js';

const run = promisify(execFile);

/** A document to print: its file name (without extension) and its source. */
export interface PrintJob {
  readonly name: string;
  readonly source: string;
}

/** A fresh temporary folder for one printed document and what is derived from it. */
export function printFolder(prefix = 'haushalt-layout-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** One Chromium for many prints. `close()` ends it (and everything it started). */
export class ChromiumPrinter {
  private browser: Promise<Browser> | undefined;

  private start(): Promise<Browser> {
    this.browser ??= launchChromium({ offline: true });
    return this.browser;
  }

  /** Prints an HTML page to `<dir>/<name>.pdf` (a new folder by default); returns the PDF's path. */
  async print(job: PrintJob, dir = printFolder('haushalt-pdf-')): Promise<string> {
    const browser = await this.start();
    const file = path.join(dir, `${job.name}.pdf`);
    writeFileSync(path.join(dir, `${job.name}.html`), job.source);
    const page = await browser.newPage();
    try {
      await page.setContent(job.source, { waitUntil: 'load' });
      await page.pdf({ path: file, preferCSSPageSize: true, printBackground: false });
    } finally {
      await page.close();
    }
    return file;
  }

  /** Prints several pages, `parallel` tabs at a time; paths in the order of the jobs. */
  async printAll(jobs: readonly PrintJob[], parallel = 2): Promise<string[]> {
    const out: string[] = new Array<string>(jobs.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < jobs.length; i = next++) out[i] = await this.print(jobs[i]!);
    };
    await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
    return out;
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    if (b) await stopChromium(await b);
  }
}

/**
 * Converts flat OpenDocument texts to PDF with one LibreOffice start (its own profile, so that runs do not
 * lock each other); each PDF lands in a folder of its own. Paths in the order of the jobs.
 */
export async function libreofficeBatch(jobs: readonly PrintJob[]): Promise<string[]> {
  if (jobs.length === 0) return [];
  const work = printFolder('haushalt-lo-');
  const inputs = jobs.map((j) => {
    const input = path.join(work, `${j.name}.fodt`);
    writeFileSync(input, j.source);
    return input;
  });
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(work, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      work,
      ...inputs,
    ],
    { timeout: 600_000, maxBuffer: 1 << 24 },
  );
  const printed = jobs.map((j, i) => {
    const pdf = path.join(work, `${j.name}.pdf`);
    if (!existsSync(pdf)) throw new Error(`LibreOffice did not print ${j.name}`);
    // each document in a folder of its own, with its source (its layout text and CSV are written beside it)
    const dir = printFolder('haushalt-lo-');
    renameSync(inputs[i]!, path.join(dir, `${j.name}.fodt`));
    const moved = path.join(dir, `${j.name}.pdf`);
    renameSync(pdf, moved);
    return moved;
  });
  // LibreOffice's profile is not needed any more
  rmSync(work, { recursive: true, force: true });
  return printed;
}
