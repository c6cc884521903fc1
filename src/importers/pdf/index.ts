/**
 * PDF plans: pdf.js (legacy build, for Node 20) reads the text of each page with its positions, the layout
 * step turns it into the plan-text format, and the text importer recognises tables, Erläuterungen,
 * investments, descriptions and Kennzahlen as for a text file. Every value's source then names its page and
 * the box of its printed row on that page. Pages are read one after another, so memory stays flat.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { mapSources } from '../../core/sources.js';
import { importText } from '../text/index.js';
import type { ImportResult } from '../types.js';
import { layoutPages, openPdf, type LaidPage, type PdfDocument } from './pages.js';

export interface PdfOptions {
  /** Called after each page, e.g. for a progress bar. */
  readonly onPage?: (page: number, pages: number) => void;
  /** From how many pages on the pages are spread over the cores (default 40; HAUSHALT_PDF_PARALLEL_PAGES). */
  readonly parallelFrom?: number;
}

const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

/** Pages from..to laid out in a worker thread. */
function inWorker(bytes: Uint8Array, from: number, to: number, onPage: () => void): Promise<LaidPage[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER);
    worker.on('message', (m: { progress?: number; pages?: LaidPage[]; error?: string }) => {
      if (m.progress !== undefined) onPage();
      else if (m.pages) {
        resolve(m.pages);
        void worker.terminate();
      } else {
        reject(new Error(m.error ?? 'PDF-Worker ohne Ergebnis'));
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.postMessage({ bytes, from, to });
  });
}

/**
 * All pages laid out: a long document is split into ranges, one per core, read by workers while the main
 * thread reads the first range (only where the compiled worker exists, i.e. not when running from source).
 */
async function allPages(doc: PdfDocument, bytes: Uint8Array, options: PdfOptions): Promise<LaidPage[]> {
  const pages = doc.numPages;
  const from = options.parallelFrom ?? Number(process.env.HAUSHALT_PDF_PARALLEL_PAGES ?? 40);
  const cores = Math.min(4, availableParallelism());
  let done = 0;
  const progress = (): void => {
    done++;
    options.onPage?.(done, pages);
  };
  if (pages < from || cores < 2 || !existsSync(WORKER)) return layoutPages(doc, 1, pages, progress);
  const size = Math.ceil(pages / cores);
  const ranges = Array.from(
    { length: cores },
    (_, k) => [k * size + 1, Math.min(pages, (k + 1) * size)] as const,
  ).filter(([a, b]) => a <= b);
  const [first, ...rest] = ranges;
  const results = await Promise.all([
    layoutPages(doc, first![0], first![1], progress),
    ...rest.map(([a, b]) => inWorker(bytes.slice(), a, b, progress)),
  ]);
  return results.flat();
}

interface PdfLine {
  readonly page: number;
  readonly line: number;
  readonly box: readonly [number, number, number, number];
}

export async function importPdf(
  bytes: Uint8Array,
  file: string,
  options: PdfOptions = {},
): Promise<ImportResult> {
  let doc;
  try {
    doc = await openPdf(bytes.slice());
  } catch (e) {
    const name = (e as { name?: string }).name;
    const message =
      name === 'PasswordException'
        ? 'ist passwortgeschützt; bitte eine ungeschützte Fassung importieren'
        : name === 'InvalidPDFException'
          ? 'ist keine gültige PDF-Datei (beschädigt oder unvollständig)'
          : `PDF nicht lesbar: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, errors: [{ file, message }] };
  }
  const texts: string[] = [];
  const lines: PdfLine[] = [];
  let characters = 0;
  try {
    for (const laid of await allPages(doc, bytes, options)) {
      characters += laid.characters;
      laid.lines.forEach((l, k) => {
        texts.push(l.text);
        lines.push({ page: laid.page, line: k + 1, box: l.box });
      });
    }
  } catch (e) {
    return {
      ok: false,
      errors: [{ file, message: `PDF nicht lesbar: ${e instanceof Error ? e.message : String(e)}` }],
    };
  } finally {
    await doc.destroy();
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
  const result = importText(texts.join('\n'), file);
  if (!result.ok) {
    return {
      ok: false,
      errors: result.errors.map((e) => {
        const at = e.line !== undefined ? lines[e.line - 1] : undefined;
        return at ? { file, page: at.page, line: at.line, message: e.message } : e;
      }),
    };
  }
  const budget = mapSources(result.budget, (s) => {
    const at = lines[s.line - 1];
    return at ? { file, line: at.line, page: at.page, box: at.box } : { file, line: s.line };
  });
  return { ok: true, budget };
}
