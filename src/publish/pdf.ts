/**
 * The budget book as PDF: the HTML of `book/` printed by Debian's Chromium through playwright-core, in parts
 * (the front matter, then one print per Produktbereich) so that memory stays flat however long the book is.
 * Pages are numbered in two passes: the parts are printed once and read back with pdf.js (page count, and the
 * page each section starts on, from the PDF outline Chromium writes for the section headings); then the front
 * matter is printed again with the page numbers in its table of contents. qpdf joins the parts and lays the
 * footer "Seite X von Y" over every page but the cover (one small PDF of footers, printed by Chromium too); a
 * draft's footer says "Entwurf" with its version and date on every page, the cover included.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Budget } from '../core/model.js';
import { bookDocument, bookTitle, editionLine, planBook, type BookEdition } from './book/index.js';
import { esc } from './book/html.js';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  MARK_VARIABLE,
  killMarked,
  killMarkedAndWait,
  newMark,
  sandboxFallback,
  useSandbox,
} from './chromium.js';

const run = promisify(execFile);

/** The mark in each started Chromium's environment, by which `stopChromium` finds all its processes. */
const MARKS = new WeakMap<Browser, string>();

export interface LaunchOptions {
  /** No network at all: every host name resolves to nothing (the book's HTML is made from user data). */
  readonly offline?: boolean;
}

/**
 * Starts Debian's Chromium (never a downloaded one), in its sandbox unless that cannot be (root, or a failed
 * sandboxed start: then once more without, with a warning).
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const start = async (): Promise<Browser> => {
    const mark = newMark();
    try {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        chromiumSandbox: useSandbox(),
        args: [...CHROMIUM_ARGS, ...(options.offline ? ['--host-resolver-rules=MAP * ~NOTFOUND'] : [])],
        env: { ...process.env, [MARK_VARIABLE]: mark },
      });
      MARKS.set(browser, mark);
      return browser;
    } catch (e) {
      killMarked(mark);
      throw e;
    }
  };
  try {
    return await start();
  } catch (e) {
    if (!sandboxFallback(e)) throw e;
    return start();
  }
}

/** Ends a Chromium at once: SIGKILL to its process group and to the crash handlers it started. */
export function killChromium(browser: Browser): void {
  const mark = MARKS.get(browser);
  if (mark !== undefined) killMarked(mark);
}

/**
 * Closes a Chromium and makes sure nothing of it is left: a browser that does not close within `graceMs` is
 * killed, and so are its crash handlers (which live outside its process group).
 */
export async function stopChromium(browser: Browser, graceMs = 5000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    browser.close().catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, graceMs);
    }),
  ]);
  clearTimeout(timer);
  const mark = MARKS.get(browser);
  if (mark !== undefined) await killMarkedAndWait(mark);
}

export interface BookPdfOptions {
  /** Progress: parts printed so far and the number of parts. */
  readonly onPart?: (done: number, parts: number) => void;
  /** Stops the printing: Chromium and qpdf are killed at once, and the promise rejects with the reason. */
  readonly signal?: AbortSignal;
  /** A draft's mark: "Entwurf" with version and date on the cover and in the footer of every page. */
  readonly edition?: BookEdition;
}

/** Where the time went, in milliseconds, and what came out. */
export interface BookPdfReport {
  readonly pages: number;
  readonly parts: number;
  /** Generating the HTML from the model. */
  readonly htmlMs: number;
  /** Chromium loading the finished HTML and laying it out (`setContent`). */
  readonly loadMs: number;
  /** Chromium printing the laid-out pages (`page.pdf()`). */
  readonly printMs: number;
  /** Reading the parts back (pdf.js) and joining them (qpdf). */
  readonly joinMs: number;
  readonly totalMs: number;
}

interface PrintedPart {
  readonly file: string;
  readonly pages: number;
  /** Page (1-based, within the part) of each top-level outline entry, in order. */
  readonly starts: readonly number[];
  readonly landscape: readonly boolean[];
}

/** Page count, outline starts and orientation of a printed part. */
async function readBack(file: string): Promise<PrintedPart> {
  const doc = await getDocument({
    data: new Uint8Array(await readFile(file)),
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const starts: number[] = [];
    for (const item of (await doc.getOutline()) ?? []) {
      const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
      const ref = dest?.[0] as Parameters<typeof doc.getPageIndex>[0] | undefined;
      starts.push(ref ? (await doc.getPageIndex(ref)) + 1 : NaN);
    }
    const landscape: boolean[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const [x0, y0, x1, y1] = page.view;
      landscape.push(x1! - x0! > y1! - y0!);
      page.cleanup();
    }
    return { file, pages: doc.numPages, starts, landscape };
  } finally {
    await doc.destroy();
  }
}

/**
 * The footers: an empty cover page, then "Seite X von Y" at the foot of every page, in each page's format; a
 * draft's `mark` at the left of every page's foot, the cover's included. The
 * number stands right of the text column (the pages' right margin is wider), so that a PDF reader's layout
 * step never takes the running text above it for the header of a one-column table.
 */
function footerHtml(landscape: readonly boolean[], mark: string): string {
  const total = landscape.length;
  const draft = mark === '' ? '' : `<b>${esc(mark)}</b>`;
  const pages = landscape.map(
    (l, i) =>
      `<div class="p${l ? ' l' : ''}">${draft}${i === 0 ? '' : `<span>Seite ${i + 1} von ${total}</span>`}</div>`,
  );
  return `<!doctype html><html lang="de"><meta charset="utf-8"><style>
@page { size: A4; margin: 0; } @page landscape { size: A4 landscape; margin: 0; }
body { margin: 0; font: 8pt "Liberation Sans", Arial, sans-serif; }
.p { height: 297mm; position: relative; break-after: page; overflow: hidden; }
.p.l { page: landscape; height: 210mm; }
.p span { position: absolute; right: 7mm; bottom: 8mm; text-align: right; white-space: nowrap; }
.p b { position: absolute; left: 16mm; bottom: 8mm; color: #a40000; white-space: nowrap; }
</style>${pages.join('')}</html>`;
}

async function print(page: Page, html: string, file: string, times: { load: number; print: number }) {
  let t = performance.now();
  await page.setContent(html, { waitUntil: 'load' });
  times.load += performance.now() - t;
  t = performance.now();
  await page.pdf({
    path: file,
    format: 'A4',
    preferCSSPageSize: true,
    printBackground: true,
    outline: true,
    tagged: true,
  });
  times.print += performance.now() - t;
}

/** Prints the book of `budget` to `outFile`. Throws on failures of Chromium or qpdf (not on bad data). */
export async function renderBookPdf(
  budget: Budget,
  outFile: string,
  options: BookPdfOptions = {},
): Promise<BookPdfReport> {
  const started = performance.now();
  const signal = options.signal;
  signal?.throwIfAborted();
  const dir = await mkdtemp(path.join(tmpdir(), 'haushalt-book-'));
  const times = { html: 0, load: 0, print: 0, join: 0 };
  const timed = <T>(key: 'html' | 'join', f: () => T): T => {
    const t = performance.now();
    const r = f();
    times[key] += performance.now() - t;
    return r;
  };
  let browser: Browser | undefined;
  const onAbort = (): void => {
    if (browser) killChromium(browser);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    browser = await launchChromium({ offline: true });
    signal?.throwIfAborted(); // aborted while Chromium started: `finally` stops it
    // the HTML is made from user data: no JavaScript, no requests (the book is self-contained: inline CSS, SVG)
    const context = await browser.newContext({
      javaScriptEnabled: false,
      offline: true,
      serviceWorkers: 'block',
    });
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    const book = timed('html', () => planBook(budget, options.edition));
    const title = bookTitle(budget);
    const doc = (body: string): string => timed('html', () => bookDocument(body, { css: 'inline', title }));

    const parts: PrintedPart[] = [];
    for (let i = 0; i < book.parts.length; i++) {
      signal?.throwIfAborted();
      const file = path.join(dir, `part-${i}.pdf`);
      await print(page, doc(book.part(i)), file, times);
      const t = performance.now();
      const part = await readBack(file);
      times.join += performance.now() - t;
      if (part.starts.length !== book.parts[i]!.length || part.starts.some(Number.isNaN))
        throw new Error(
          `Teil ${i + 1}: ${part.starts.length} Abschnitte im PDF, erwartet ${book.parts[i]!.length}`,
        );
      parts.push(part);
      options.onPart?.(i + 1, book.parts.length);
    }

    // the front matter: printed until its page count no longer changes with the numbers in its contents
    const frontFile = path.join(dir, 'front.pdf');
    let pages: Map<string, number> | undefined;
    let front: PrintedPart | undefined;
    for (let pass = 0; pass < 4; pass++) {
      signal?.throwIfAborted();
      await print(page, doc(book.front(pages, false)), frontFile, times);
      const t = performance.now();
      const printed = await readBack(frontFile);
      times.join += performance.now() - t;
      if (pages !== undefined && printed.pages === front?.pages) {
        front = printed;
        break;
      }
      front = printed;
      pages = new Map(book.frontIds.map((id, k) => [id, printed.starts[k] ?? 1]));
      let offset = printed.pages;
      parts.forEach((part, i) => {
        book.parts[i]!.forEach((s, k) => pages!.set(s.id, offset + part.starts[k]!));
        offset += part.pages;
      });
    }
    const all = [front!, ...parts];
    const landscape = all.flatMap((p) => p.landscape);
    const footerFile = path.join(dir, 'footer.pdf');
    await print(page, footerHtml(landscape, editionLine(options.edition)), footerFile, times);
    await page.close();

    signal?.throwIfAborted();
    const t = performance.now();
    await run(
      'qpdf',
      ['--empty', '--pages', ...all.map((p) => p.file), '--', '--overlay', footerFile, '--', outFile],
      signal ? { signal } : {},
    );
    times.join += performance.now() - t;
    return {
      pages: landscape.length,
      parts: parts.length,
      htmlMs: times.html,
      loadMs: times.load,
      printMs: times.print,
      joinMs: times.join,
      totalMs: performance.now() - started,
    };
  } catch (e) {
    // a print cut short by the kill fails with Chromium's error; the caller wants to know why it stopped
    if (signal?.aborted) throw signal.reason;
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (browser) await stopChromium(browser);
    await rm(dir, { recursive: true, force: true });
  }
}

/** The book as one HTML page plus its style sheet, written into `dir`. */
export async function writeBookHtml(budget: Budget, dir: string): Promise<void> {
  const { BOOK_CSS, renderBookHtml } = await import('./book/index.js');
  await writeFile(path.join(dir, 'index.html'), renderBookHtml(budget, 'link'), 'utf8');
  await writeFile(path.join(dir, 'book.css'), BOOK_CSS, 'utf8');
}
