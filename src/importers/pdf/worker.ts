/**
 * A page worker: opens the PDF from the bytes the main thread shares with all workers, then lays out the
 * batches of pages it is given, one message per page (its laid-out lines). Started by index.ts with
 * worker_threads, and ended by it when all pages are read.
 */
import { parentPort } from 'node:worker_threads';
import { openPdf, type PdfFile } from './pages.js';

export type ToWorker = { readonly open: SharedArrayBuffer } | { readonly from: number; readonly to: number };

export type FromWorker =
  | { readonly opened: number }
  | { readonly laid: import('./pages.js').LaidPage }
  | { readonly batchDone: true }
  | { readonly error: { readonly name?: string; readonly message: string } };

// pdf.js inflates streams with the web DecompressionStream where there is one; on Node its web-stream plumbing
// costs more per page than pdf.js's own inflate, which it uses without it. This thread runs nothing else.
delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;

const port = parentPort!;
const post = (m: FromWorker, transfer?: ArrayBuffer[]): void => {
  port.postMessage(m, transfer);
};
const failed = (e: unknown): void => {
  post({
    error: {
      name: (e as { name?: string }).name,
      message: e instanceof Error ? e.message : String(e),
    },
  });
};

let pdf: PdfFile | undefined;
// messages are handled one after another (a batch is only sent after the previous one is done)
let queue: Promise<void> = Promise.resolve();

port.on('message', (m: ToWorker) => {
  queue = queue.then(async () => {
    try {
      if ('open' in m) {
        pdf = await openPdf(new Uint8Array(m.open));
        post({ opened: pdf.numPages });
      } else {
        for (let p = m.from; p <= m.to; p++) {
          const laid = await pdf!.readPage(p);
          post({ laid });
        }
        post({ batchDone: true });
      }
    } catch (e) {
      failed(e);
    }
  });
});
