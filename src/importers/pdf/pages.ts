/**
 * Reading pages with pdf.js: each page's positioned text is laid out (`../layout`) right away, and the
 * pdf.js page is released before the next one is read, so the working set does not grow with the document.
 * Used by the main thread (short documents, or when running from source) and by the page workers alike.
 *
 * Three things keep pdf.js lean here:
 * - Its legacy build replaces `Array.prototype.push`, `JSON.parse` and `JSON.stringify` with slower core-js
 *   versions (for edge cases pdf.js does not rely on); the engine's own are put back after loading.
 * - pdf.js's core runs in the same thread ("fake worker"), and its stock channel structured-clones every
 *   message (each page's text, and the whole file on opening). A direct channel hands the objects over
 *   instead, so the file's bytes are not copied (workers share one SharedArrayBuffer) and the text items
 *   are not cloned.
 * - Text is read without pdf.js's Unicode normalisation pass, which is then applied only to the rare items
 *   that contain a character it changes (same result, less work per item).
 */
import { layoutPage, type LaidLine, type TextItem } from '../layout/page.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
interface PdfJsWorker {
  readonly WorkerMessageHandler: { initializeFromPort(port: DirectPort): void };
}

let loading: Promise<{ pdfjs: PdfJs; worker: PdfJsWorker }> | undefined;

/** pdf.js and its core, loaded once per thread, with the engine's built-ins restored. */
function loadPdfJs(): Promise<{ pdfjs: PdfJs; worker: PdfJsWorker }> {
  loading ??= (async () => {
    const push = Array.prototype.push;
    const { parse, stringify } = JSON;
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // @ts-expect-error -- the worker bundle has no type declarations
    const worker = (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as PdfJsWorker;
    Array.prototype.push = push;
    JSON.parse = parse;
    JSON.stringify = stringify;
    return { pdfjs, worker };
  })();
  return loading;
}

type Listener = (event: { data: unknown }) => void;

/**
 * A message channel between pdf.js's API and its core in the same thread that hands messages over without
 * cloning them. Streamed chunks are copied one level deep, because pdf.js's core reuses the chunk object
 * (it assigns fresh arrays to it right after sending).
 */
class DirectPort {
  readonly #listeners = new Set<Listener>();

  postMessage(message: { chunk?: unknown }): void {
    const data =
      message.chunk !== null && typeof message.chunk === 'object'
        ? { ...message, chunk: { ...message.chunk } }
        : message;
    queueMicrotask(() => {
      for (const listener of this.#listeners) listener.call(this, { data });
    });
  }

  addEventListener(_type: string, listener: Listener): void {
    this.#listeners.add(listener);
  }

  removeEventListener(_type: string, listener: Listener): void {
    this.#listeners.delete(listener);
  }

  terminate(): void {
    this.#listeners.clear();
  }
}

export interface PdfFile {
  readonly numPages: number;
  readPage(page: number): Promise<LaidPage>;
  close(): Promise<void>;
}

/** A page reduced to its laid-out lines (prose, header lines, rows with their cells), and how much text it had. */
export interface LaidPage {
  readonly page: number;
  readonly lines: readonly LaidLine[];
  readonly characters: number;
}

/** pdf.js errors that name why a file cannot be opened (PasswordException, InvalidPDFException, …). */
export interface OpenError {
  readonly name?: string;
  readonly message: string;
}

/** Characters pdf.js's normalisation can change (a superset of its pattern, without the slow `u` flag). */

const MAY_NORMALIZE = /[\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufdfd\ufe70-\ufe7f]/;

/** Opens a PDF; the bytes are read, never changed or detached (they may be a SharedArrayBuffer's). */
export async function openPdf(bytes: Uint8Array): Promise<PdfFile> {
  const { pdfjs, worker: core } = await loadPdfJs();
  const port = new DirectPort();
  core.WorkerMessageHandler.initializeFromPort(port);
  // the typings leave out the `port` parameter that PDFWorker documents and takes
  const worker = new pdfjs.PDFWorker({ port, verbosity: 0 } as unknown as ConstructorParameters<
    PdfJs['PDFWorker']
  >[0]);
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: bytes,
      worker,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    worker.destroy();
    throw e;
  }
  const opened = doc;
  const normalize = pdfjs.normalizeUnicode as (text: string) => string;
  return {
    numPages: opened.numPages,
    async readPage(p: number): Promise<LaidPage> {
      const page = await opened.getPage(p);
      const height = page.getViewport({ scale: 1 }).height;
      const content = await page.getTextContent({ disableNormalization: true });
      const items: TextItem[] = [];
      let characters = 0;
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const str = MAY_NORMALIZE.test(item.str) ? normalize(item.str) : item.str;
        characters += str.trim().length;
        items.push(str === item.str ? item : { ...item, str });
      }
      const lines = layoutPage(items, height);
      page.cleanup();
      return { page: p, lines, characters };
    },
    async close(): Promise<void> {
      await opened.destroy();
      worker.destroy();
    },
  };
}
