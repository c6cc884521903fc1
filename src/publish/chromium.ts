/**
 * Printing HTML to PDF with Debian's headless Chromium (no browser is downloaded): the flags a closed network
 * and a root user need, a profile of its own per call. Used by the PDF tests and benchmarks now, by the budget
 * book later.
 */
import { execFileSync } from 'node:child_process';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function printToPdf(htmlFile: string, pdfFile: string, profileDir: string): void {
  execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profileDir}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdfFile}`,
      htmlFile,
    ],
    { stdio: 'ignore', timeout: 600_000 },
  );
}
