/**
 * Printing HTML to PDF with Debian's headless Chromium (no browser is downloaded): the flags a closed network
 * and a root user need, a profile of its own per call. Used by the PDF tests and benchmarks now, by the budget
 * book later.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What Chromium needs here: root without a sandbox, no GPU, and no calls home on a closed network. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function printArgs(htmlFile: string, pdfFile: string, profileDir: string): string[] {
  return [
    '--headless',
    ...CHROMIUM_ARGS,
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${pdfFile}`,
    htmlFile,
  ];
}

export function printToPdf(htmlFile: string, pdfFile: string, profileDir: string): void {
  execFileSync(CHROMIUM, printArgs(htmlFile, pdfFile, profileDir), { stdio: 'ignore', timeout: 600_000 });
}

/** The same, without blocking: several documents can be printed at once. */
export async function printToPdfAsync(htmlFile: string, pdfFile: string, profileDir: string): Promise<void> {
  await promisify(execFile)(CHROMIUM, printArgs(htmlFile, pdfFile, profileDir), { timeout: 1_200_000 });
}
