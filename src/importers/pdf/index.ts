/**
 * PDF plans: pdf.js (legacy build, for Node 20) reads the text of each page with its positions, the layout
 * stage (`../layout`) turns each page into lines — prose, header lines and table rows with their cells where
 * they stand — and the recognition every container shares reads tables, Erläuterungen, investments,
 * descriptions and Kennzahlen from them (`../text/document.ts`). Every line's source names its page, its line
 * on the page and its box, stamped when the page is read.
 *
 * Pages are streamed: each page is laid out as soon as pdf.js has read it, and only its laid-out lines are kept
 * (page by page, in order) until recognition; pdf.js's objects for a page are released before the next one is
 * read. With the compiled worker (not when running from source) pages are read by worker
 * threads, one per core (at most four), which all open the same bytes (shared, not copied) and take small
 * batches of pages in turn, so every core stays busy until the last page.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { pagedLines } from '../layout/document.js';
import { withPrintedParts } from '../parts/book.js';
import { importLines } from '../text/document.js';
import type { ImportResult } from '../types.js';
import { openPdf, type LaidPage, type OpenError } from './pages.js';
import type { FromWorker, ToWorker } from './worker.js';

export interface PdfOptions {
  /** Called after each page, e.g. for a progress bar. */
  readonly onPage?: (page: number, pages: number) => void;
  /** From how many pages on the pages are spread over the cores (default 40; HAUSHALT_PDF_PARALLEL_PAGES). */
  readonly parallelFrom?: number;
}

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Takes the laid-out pages in page order; returns the number of pages. */
type Sink = (laid: LaidPage, pages: number) => void;

/** A PDF that could not be opened or read, with pdf.js's error name (PasswordException, …). */
class PdfError extends Error {
  constructor(readonly error: OpenError) {
    super(error.message);
  }
}

/** Pages read in this thread, one after another. */
async function readHere(bytes: Uint8Array, sink: Sink): Promise<number> {
  let pdf;
  try {
    pdf = await openPdf(bytes);
  } catch (e) {
    throw new PdfError({ name: (e as OpenError).name, message: (e as Error).message ?? String(e) });
  }
  try {
    for (let p = 1; p <= pdf.numPages; p++) sink(await pdf.readPage(p), pdf.numPages);
    return pdf.numPages;
  } finally {
    await pdf.close();
  }
}

/**
 * Pages read by `count` workers on one shared copy of the bytes. The first worker to open the file gives the
 * page count; below `from` pages it reads them all alone. Batches go to whichever worker is free; pages come
 * back in any order and are passed on in page order (at most a few batches wait).
 */
function readInWorkers(bytes: Uint8Array, count: number, from: number, sink: Sink): Promise<number> {
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return new Promise((resolve, reject) => {
    const workers = new Set<Worker>();
    const waiting = new Map<number, LaidPage>();
    let pages = -1;
    let size = 1;
    let next = 1;
    let delivered = 0;
    let finished = false;
    const finish = (error?: Error): void => {
      if (finished) return;
      finished = true;
      for (const w of workers) void w.terminate();
      if (error) reject(error);
      else resolve(pages);
    };
    const assign = (w: Worker): void => {
      if (next > pages) return;
      const to = Math.min(pages, next + size - 1);
      w.postMessage({ from: next, to } satisfies ToWorker);
      next = to + 1;
    };
    for (let k = 0; k < count; k++) {
      const w = new Worker(WORKER);
      workers.add(w);
      w.on('message', (m: FromWorker) => {
        // a worker ended because another reads a short document alone may still have a message queued
        if (!workers.has(w)) return;
        if (finished) return;
        if ('opened' in m) {
          if (pages < 0) {
            pages = m.opened;
            if (pages === 0) {
              finish();
              return;
            }
            if (pages < from) {
              for (const other of workers) if (other !== w) void other.terminate();
              workers.clear();
              workers.add(w);
            }
            size = Math.max(1, Math.min(8, Math.floor(pages / (16 * workers.size))));
          }
          assign(w);
        } else if ('laid' in m) {
          waiting.set(m.laid.page, m.laid);
          for (let laid; (laid = waiting.get(delivered + 1));) {
            waiting.delete(++delivered);
            sink(laid, pages);
          }
          if (delivered === pages) finish();
        } else if ('batchDone' in m) assign(w);
        else finish(new PdfError(m.error));
      });
      w.on('error', (e) => {
        finish(e);
      });
      w.on('exit', () => {
        if (workers.has(w)) finish(new Error('PDF-Worker unerwartet beendet'));
      });
      w.postMessage({ open: shared } satisfies ToWorker);
    }
  });
}

function openErrorMessage(e: unknown): string {
  const name = e instanceof PdfError ? e.error.name : undefined;
  if (name === 'PasswordException')
    return 'ist passwortgeschützt; bitte eine ungeschützte Fassung importieren';
  if (name === 'InvalidPDFException') return 'ist keine gültige PDF-Datei (beschädigt oder unvollständig)';
  return `PDF nicht lesbar: ${e instanceof Error ? e.message : String(e)}`;
}

export async function importPdf(
  bytes: Uint8Array,
  file: string,
  options: PdfOptions = {},
): Promise<ImportResult> {
  // the laid-out pages, in order
  const pages: LaidPage[] = [];
  let characters = 0;
  const sink: Sink = (laid, count) => {
    characters += laid.characters;
    pages.push(laid);
    options.onPage?.(laid.page, count);
  };
  const from = options.parallelFrom ?? Number(process.env.HAUSHALT_PDF_PARALLEL_PAGES ?? 40);
  const cores = Math.min(4, availableParallelism());
  try {
    if (cores >= 2 && existsSync(WORKER)) await readInWorkers(bytes, cores, from, sink);
    else await readHere(bytes, sink);
  } catch (e) {
    return { ok: false, errors: [{ file, message: openErrorMessage(e) }] };
  }
  if (characters === 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          message:
            'enthält keinen Text (gescannte Seiten?); erwartet ein PDF mit Textebene, z. B. aus dem Haushaltsprogramm exportiert',
        },
      ],
    };
  }
  const document = pagedLines(pages, (page, line, k) => ({
    file,
    line: k + 1,
    page: page.page,
    box: line.box,
  }));
  pages.length = 0;
  // the chapters of the parts (a book's Satzung, Übersichten, Stellenplan, Anlagen) go into the budget's parts
  return withPrintedParts(document.lines, file, (lines) => importLines(lines, file, document.furniture));
}
