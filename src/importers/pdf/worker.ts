/**
 * A page worker: opens its own copy of the PDF and lays out the pages it is given, so that a long document is
 * read on all cores. Started by index.ts with worker_threads.
 */
import { parentPort } from 'node:worker_threads';
import { layoutPages, openPdf } from './pages.js';

interface Job {
  readonly bytes: Uint8Array;
  readonly from: number;
  readonly to: number;
}

parentPort?.on('message', (job: Job) => {
  void (async () => {
    try {
      const doc = await openPdf(job.bytes);
      try {
        const pages = await layoutPages(doc, job.from, job.to, (page) =>
          parentPort?.postMessage({ progress: page }),
        );
        parentPort?.postMessage({ pages });
      } finally {
        await doc.destroy();
      }
    } catch (e) {
      parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
  })();
});
