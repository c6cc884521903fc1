/**
 * The import of an upload in a worker thread, so that a huge or hostile file neither blocks the server's event
 * loop nor brings the server down: the worker has a heap cap (`resourceLimits`), the job queue's signal ends it
 * (timeout, client gone), and a worker that dies of its cap becomes a German error naming the file it was
 * reading. The budget comes back by structured clone, its sources already naming the uploaded files (not the
 * temporary folder); for a preview (`previewInWorker`) only the preview built from it (`import-preview.ts`)
 * comes back, so that a large budget never crosses to the server. An import profile and an account mapping
 * uploaded with the files are read in the worker too, as `haushalt import --profile/--mapping` reads them.
 *
 * Both sides live here: `importInWorker` runs in the server; loaded as a worker with `workerData.haushaltImport`
 * this module reads the files, one after the other (so that it can tell which one it was reading), and merges
 * them as `importFiles` does. The worker always runs the built file (`dist/src/server/import-worker.js`), from
 * the built server and under vitest alike (Node cannot start a worker from TypeScript).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Budget } from '../core/model.js';
import {
  importFiles,
  layoutsOf,
  loadSideFiles,
  type FileLayout,
  type ImportOptions,
} from '../importers/index.js';
import { formatImportError } from '../importers/types.js';
import type { Reconciliation } from '../core/ledger.js';
import { ApiError, invalid } from './errors.js';
import { formatNumber } from '../core/money.js';
import { importPreview, type ImportPreview } from './import-preview.js';

/** What the worker is given. */
interface ImportTask {
  /** The uploaded files in their temporary folder, in upload order. */
  readonly files: readonly string[];
  /** The temporary folder, removed from every file name in the answer. */
  readonly dir: string;
  /** Refuse an import with error findings (unreadable amounts) instead of reporting them. */
  readonly strict: boolean;
  /** An import profile (JSON) and an account mapping (CSV), as `haushalt import --profile/--mapping`. */
  readonly profile?: string;
  readonly mapping?: string;
  /** Answer with the preview (`import-preview.ts`) instead of the budget: nothing crosses but the preview. */
  readonly preview?: boolean;
}

/** The uploaded files: the budget's files in their temporary folder, profile and mapping where given. */
export interface UploadedFiles {
  readonly paths: readonly string[];
  readonly dir: string;
  readonly profile?: string;
  readonly mapping?: string;
}

/** What an import in the worker gives: the budget and the reconciliation of every file's amounts. */
export interface WorkerImport {
  readonly budget: Budget;
  readonly reconciliation: readonly Reconciliation[];
  /** The layout traits recognised per file (where a file is not laid out like the reference's plan text). */
  readonly layout: readonly FileLayout[];
}

/** What the worker says. */
type WorkerMessage =
  | { readonly type: 'file'; readonly name: string }
  | ({ readonly type: 'done'; readonly ok: true } & WorkerImport)
  | { readonly type: 'done'; readonly ok: true; readonly preview: ImportPreview }
  | { readonly type: 'done'; readonly ok: false; readonly message: string };

// src/server (vitest) or dist/src/server (built)
const UP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROJECT = UP.endsWith('dist') ? path.dirname(UP) : UP;
export const WORKER_FILE = path.join(PROJECT, 'dist', 'src', 'server', 'import-worker.js');

export interface WorkerLimits {
  /** Heap cap of the worker in MiB (`maxOldGenerationSizeMb`). */
  readonly memoryMb: number;
  /** Ends the worker (the job queue's timeout, or the client went away). */
  readonly signal: AbortSignal;
  readonly strict?: boolean;
}

const mib = (n: number): string => `${formatNumber(n)} MiB`;

/**
 * Imports the uploaded files in a worker and returns the budget; rejects with a 400 naming the file for what
 * the importers refuse, a 413 naming the file when the worker runs out of its heap, and the signal's reason
 * when it is aborted. Settles only when the worker thread has ended, so that a job slot is freed no earlier.
 */
export async function importInWorker(upload: UploadedFiles, limits: WorkerLimits): Promise<WorkerImport> {
  const answer = await runWorker(upload, limits, false);
  if ('preview' in answer) throw new Error('Der Import-Worker antwortete mit einer Vorschau.');
  return answer;
}

/** The same import in a worker, answering with its preview (`import-preview.ts`); nothing is stored. */
export async function previewInWorker(upload: UploadedFiles, limits: WorkerLimits): Promise<ImportPreview> {
  const answer = await runWorker(upload, limits, true);
  if (!('preview' in answer)) throw new Error('Der Import-Worker antwortete ohne Vorschau.');
  return answer.preview;
}

type Answer = WorkerImport | { readonly preview: ImportPreview };

function runWorker(upload: UploadedFiles, limits: WorkerLimits, preview: boolean): Promise<Answer> {
  limits.signal.throwIfAborted();
  warnIfHeapFlagOverrides();
  if (!existsSync(WORKER_FILE))
    throw new Error(`${WORKER_FILE} fehlt: der Import-Worker ist nicht gebaut (npm run build)`);
  const files = upload.paths;
  const task: ImportTask = {
    files,
    dir: upload.dir,
    strict: limits.strict ?? false,
    ...(upload.profile !== undefined ? { profile: upload.profile } : {}),
    ...(upload.mapping !== undefined ? { mapping: upload.mapping } : {}),
    ...(preview ? { preview: true } : {}),
  };
  const worker = new Worker(WORKER_FILE, {
    workerData: { haushaltImport: task },
    resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    // none of the server's flags: a --max-old-space-size there would override the heap cap here
    execArgv: [],
  });
  let reading = path.basename(files[0] ?? '');
  let outcome: { ok: true; answer: Answer } | { ok: false; error: Error } | undefined;
  const onAbort = (): void => {
    const reason: unknown = limits.signal.reason;
    outcome ??= { ok: false, error: reason instanceof Error ? reason : new Error(String(reason)) };
    void worker.terminate();
  };
  limits.signal.addEventListener('abort', onAbort, { once: true });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'file') {
        reading = message.name;
        return;
      }
      outcome ??= !message.ok
        ? { ok: false, error: invalid(message.message) }
        : 'preview' in message
          ? { ok: true, answer: { preview: message.preview } }
          : {
              ok: true,
              answer: {
                budget: message.budget,
                reconciliation: message.reconciliation,
                layout: message.layout,
              },
            };
    });
    worker.on('error', (error: Error & { code?: string }) => {
      outcome ??= {
        ok: false,
        error:
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ApiError(
                413,
                'too-large',
                `${reading}: Die Datei braucht beim Lesen mehr Arbeitsspeicher, als der Server für einen Import ` +
                  `erlaubt (${mib(limits.memoryMb)}), und wurde nicht eingelesen. Bitte teilen Sie sie auf ` +
                  'oder fragen Sie die Verwaltung des Servers.',
              )
            : error,
      };
    });
    worker.on('exit', (code) => {
      limits.signal.removeEventListener('abort', onAbort);
      if (outcome?.ok) resolve(outcome.answer);
      else if (outcome) reject(outcome.error);
      else reject(new Error(`Der Import-Worker endete ohne Ergebnis (Code ${code}).`));
    });
  });
}

let warned = false;

/** A process-wide `--max-old-space-size` takes precedence over a worker's heap cap: say so once. */
function warnIfHeapFlagOverrides(): void {
  if (warned) return;
  warned = true;
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
  if (/--max-old-space-size/u.test(flags))
    process.stderr.write(
      'Warnung: --max-old-space-size (in NODE_OPTIONS oder beim Start von node) hebt die Speichergrenze ' +
        'des Import-Workers (--import-memory) auf.\n',
    );
}

/**
 * The worker's side: the files read together, exactly as `haushalt import` reads them (merged, amounts that
 * several files publish alike kept once, totals derived again over all files), then the answer.
 */
async function work(task: ImportTask, post: (message: WorkerMessage) => void): Promise<void> {
  // the side files first (they sit in a folder of their own), then the folder: names as uploaded
  const strip = (s: string): string =>
    ['profile', 'mapping']
      .reduce((t, kind) => t.split(path.join(task.dir, '.side', kind) + path.sep).join(''), s)
      .split(`${task.dir}${path.sep}`)
      .join('');
  const fail = (message: string): void => {
    post({ type: 'done', ok: false, message: strip(message) });
  };
  const options: { -readonly [K in keyof ImportOptions]: ImportOptions[K] } = {
    ...(task.strict ? { strict: true } : {}),
    onFile: (file) => {
      post({ type: 'file', name: path.basename(file) });
    },
  };
  const side = await loadSideFiles(task);
  if (!side.ok) {
    fail(formatImportError(side.error));
    return;
  }
  if (side.profile) options.profile = side.profile;
  if (side.mapping) options.mapping = side.mapping;
  const result = await importFiles(task.files, options);
  if (!result.ok) {
    fail(result.errors.map(formatImportError).join('\n'));
    return;
  }
  // sources name the uploaded file, not the temporary folder it was read from
  const budget = JSON.parse(strip(JSON.stringify(result.budget))) as Budget;
  const reconciliation = JSON.parse(strip(JSON.stringify(result.reconciliation))) as Reconciliation[];
  const layout = layoutsOf(result.ledger).map((l) => ({ ...l, file: strip(l.file) }));
  if (task.preview) post({ type: 'done', ok: true, preview: importPreview(budget, reconciliation, layout) });
  else post({ type: 'done', ok: true, budget, reconciliation, layout });
}

const given = (workerData as { haushaltImport?: ImportTask } | null)?.haushaltImport;
if (!isMainThread && parentPort && given) {
  const port = parentPort;
  await work(given, (message) => {
    port.postMessage(message);
  });
}
