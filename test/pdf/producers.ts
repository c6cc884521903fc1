/**
 * PDFs made by producers that are not our code, for the PDF importer's tests: Debian's Chromium prints the
 * reference document as HTML (src/generate/html.ts), LibreOffice exports it as an OpenDocument text
 * (test/pdf/reference-fodt.ts); qpdf locks a PDF with a password. All are installed by
 * scripts/setup-system.sh; a missing one fails the test that needs it rather than skipping it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REFERENCE } from '../paths.js';
import { referenceFodt } from './reference-fodt.js';
import { planTextToHtml } from '../../src/generate/html.js';
import { printToPdf } from '../../src/publish/chromium.js';

/**
 * Prints an HTML page to PDF with headless Chromium; returns the PDF's path. Chromium's command-line print now
 * and then hangs on a loaded machine (seen once in a full run on 2 cores, the reference taking > 120 s): a print
 * is given 60 s and tried up to three times, each with a fresh profile.
 */
export function chromiumPdf(html: string, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-pdf-'));
  const htmlFile = path.join(dir, `${name}.html`);
  const pdfFile = path.join(dir, `${name}.pdf`);
  writeFileSync(htmlFile, html);
  for (let attempt = 1; ; attempt++) {
    try {
      printToPdf(htmlFile, pdfFile, path.join(dir, `profile-${attempt}`), 60_000);
      return pdfFile;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}

export function referencePdfByChromium(): string {
  return chromiumPdf(planTextToHtml(readFileSync(REFERENCE, 'utf8')), 'reference');
}

/** The same PDF, locked with a user password by qpdf. */
export function lockedPdf(pdf: string): string {
  const out = pdf.replace(/\.pdf$/u, '-locked.pdf');
  execFileSync('qpdf', ['--encrypt', 'geheim', 'owner', '256', '--', pdf, out], { stdio: 'ignore' });
  return out;
}

/** Converts a flat OpenDocument text to PDF with LibreOffice (own profile, so runs do not lock each other). */
export function libreofficePdf(fodt: string, name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-lo-'));
  const input = path.join(dir, `${name}.fodt`);
  writeFileSync(input, fodt);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      input,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  return path.join(dir, `${name}.pdf`);
}

export function referencePdfByLibreOffice(): string {
  return libreofficePdf(referenceFodt(readFileSync(REFERENCE, 'utf8')), 'reference');
}
