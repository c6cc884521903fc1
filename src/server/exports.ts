/**
 * The export formats the API offers (`GET /api/versions/:v/export?format=…`): every single-file format of
 * `src/exporters` (`exportBudget`), with its content type. A new exporter there appears here by adding its
 * content type; directory formats (the Fiscal Data Package) need an archive and are not offered yet. The
 * budget book comes as `book-pdf` (printed by Chromium, as `haushalt render --pdf`) and `book-html`.
 *
 * Every export is expensive work: it runs through the server's job queue (`jobs.ts`; identical requests share
 * one run) and its result is kept in a cache bounded by bytes, per version revision, format and what the
 * reader may see. Anonymous readers get the PDF book from that cache only: a miss starts at most one shared
 * background print of that version revision (never one per request), waits for it a few seconds and otherwise
 * answers 503 with `Retry-After`, so that any number of anonymous requests costs at most one Chromium.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unitBudget } from '../core/hierarchy.js';
import type { Budget } from '../core/model.js';
import { exportBudget as render, type ExportFormat } from '../exporters/index.js';
import { renderBookHtml, type BookEdition } from '../publish/book/index.js';
import type { VersionInfo } from '../store/api.js';
import type { VersionReader } from '../store/parts.js';
import { STAGES, type Actor, type Stage } from '../core/workflow.js';
import type { HttpExportFormat } from './contract/versions.js';
import { ApiError } from './errors.js';
import type { JobQueue, JobStatus } from './jobs.js';

/** Steps done of steps in all (the book's parts printed), for the job's status. */
type Progress = (done: number, total: number) => void;

interface HttpFormat {
  /** German, for messages about the job ("Haushaltsplan als PDF"). */
  readonly label: string;
  readonly contentType: string;
  readonly extension: string;
}

/** The budget book (`src/publish`), printed by Chromium or as one self-contained HTML page. */
type BookFormat = 'book-pdf' | 'book-html';

/** Every format the contract offers (`contract/versions.ts`, with its title), and how it is sent. */
export const EXPORT_FORMATS: Readonly<Partial<Record<ExportFormat | BookFormat, HttpFormat>>> = {
  'tidy-csv': {
    label: 'Export als Tidy-CSV',
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
  },
  csv: {
    label: 'Export als CSV',
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
  },
  'plan-csv': {
    label: 'Export der Pläne als CSV',
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
  },
  xlsx: {
    label: 'Export als Excel-Arbeitsmappe',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  json: {
    label: 'Export als JSON',
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
  },
  'book-pdf': {
    label: 'Haushaltsplan als PDF',
    contentType: 'application/pdf',
    extension: 'pdf',
  },
  'book-html': {
    label: 'Haushaltsplan als HTML',
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
  },
} satisfies Record<HttpExportFormat, HttpFormat>;

export interface Exported {
  readonly body: Buffer;
  readonly contentType: string;
  readonly extension: string;
}

/** Finished exports, least recently used first out, bounded by the bytes of their bodies. */
export class ExportCache {
  private readonly entries = new Map<string, Exported>();
  private held = 0;

  constructor(readonly maxBytes: number) {}

  get bytes(): number {
    return this.held;
  }

  get(key: string): Exported | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.entries.delete(key); // re-inserted: most recently used last
    this.entries.set(key, hit);
    return hit;
  }

  /** Keeps an export unless it alone is larger than the whole cache. */
  set(key: string, value: Exported): void {
    if (value.body.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.held -= old.body.length;
    }
    for (const [k, v] of this.entries) {
      if (this.held + value.body.length <= this.maxBytes) break;
      this.entries.delete(k);
      this.held -= v.body.length;
    }
    this.entries.set(key, value);
    this.held += value.body.length;
  }
}

async function renderBookPdf(
  budget: Budget,
  signal: AbortSignal,
  edition: BookEdition,
  progress: Progress,
): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'haushalt-api-book-'));
  try {
    const file = path.join(dir, 'haushaltsplan.pdf');
    // Chromium's driver loads only when a book is printed (it would add about a second to every start)
    const { renderBookPdf: print } = await import('../publish/pdf.js');
    // the parts printed, and one step more for the front matter and joining them
    await print(budget, file, {
      signal,
      edition,
      onPart: (done, parts) => {
        progress(done, parts + 1);
      },
    });
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The export's bytes; `undefined` for a format that is no single file. */
async function renderFormat(
  budget: Budget,
  format: ExportFormat | BookFormat,
  signal: AbortSignal,
  edition: BookEdition,
  progress: Progress,
): Promise<Buffer | undefined> {
  if (format === 'book-pdf') return renderBookPdf(budget, signal, edition, progress);
  if (format === 'book-html') return Buffer.from(renderBookHtml(budget, 'inline', edition), 'utf8');
  const out = await render(budget, format);
  if (out.type === 'directory') return undefined;
  return out.type === 'text' ? Buffer.from(out.text, 'utf8') : Buffer.from(out.bytes);
}

/** The stages before the Beschluss: a version in one of them is printed as a draft. */
const DRAFT_STAGES: ReadonlySet<Stage> = new Set(STAGES.slice(0, STAGES.indexOf('beschluss')));

/** How the book of `version` is marked: a draft says so, with the version's name and the day it was printed. */
export function editionOf(version: Pick<VersionInfo, 'stage' | 'label'>, printed: Date): BookEdition {
  const day = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(printed);
  return { draft: DRAFT_STAGES.has(version.stage), text: `Version „${version.label}“, Stand ${day}` };
}

/** What the route shares with the export: the store, the job queue, the cache. */
export interface ExportDeps {
  readonly store: VersionReader;
  readonly jobs: JobQueue;
  readonly cache: ExportCache;
  /** How long an anonymous request for an uncached book waits for the shared print before 503. */
  readonly anonymousWaitMs: number;
}

export interface ExportRequest {
  readonly actor: Actor | undefined;
  readonly versionId: number;
  readonly format: string;
  /** Only this unit and the units below it (`unitBudget`); the whole version when absent. */
  readonly unit?: string;
  /** Who the job counts against (`ownerOf`). */
  readonly owner: string;
  /** Aborted when the client goes away (`clientSignal`). */
  readonly signal: AbortSignal;
}

/** Readers who see the same parts of a version get the same export (the store scopes Fachbereiche). */
function readerKey(actor: Actor | undefined, publicRead: boolean): string {
  if (publicRead || !actor) return 'alle';
  return `${actor.role}:${[...actor.produktbereiche].sort().join(',')}`;
}

/** Background prints for anonymous readers count against this one owner: at most `perOwner` at a time. */
const ANONYMOUS_BOOK_OWNER = 'anonym:buch';

/** The format asked for, refused with a German message when unknown. */
function formatOf(format: string): { readonly format: ExportFormat | BookFormat; readonly f: HttpFormat } {
  const known = format as ExportFormat | BookFormat;
  const f = Object.hasOwn(EXPORT_FORMATS, known) ? EXPORT_FORMATS[known] : undefined;
  if (!f) throw new ApiError(400, 'invalid', `Unbekanntes Exportformat „${format}“.`);
  return { format: known, f };
}

/**
 * What identifies an export: the format, the version's revision, what the reader may see, the unit and (a
 * draft's book carries the day it was printed) the edition. Reads the version with the reader's right, so that
 * every request, also for a cached result or a status, is checked.
 */
async function exportKey(deps: ExportDeps, request: Omit<ExportRequest, 'owner' | 'signal'>) {
  const { format, f } = formatOf(request.format);
  const version = await deps.store.getVersion(request.actor, request.versionId);
  const edition = editionOf(version, new Date());
  const key = `${format}|${request.versionId}|${version.revision}|${readerKey(request.actor, version.publicRead)}|${request.unit ?? ''}${edition.draft ? `|${edition.text}` : ''}`;
  return { format, f, edition, key };
}

/** Where an export stands for this reader (`GET /api/versions/:v/export/status`). */
export type ExportStatus =
  { readonly state: 'fertig' | 'nicht-begonnen' } | (JobStatus & { readonly label: string });

/**
 * Where the export a reader asked for stands: ready (cached: the next request gets it at once), waiting in the
 * queue, running (with the book's parts printed of all), or not begun (never asked for, failed or abandoned).
 */
export async function exportStatus(
  deps: ExportDeps,
  request: Omit<ExportRequest, 'owner' | 'signal'>,
): Promise<ExportStatus> {
  const { f, key } = await exportKey(deps, request);
  if (deps.cache.get(key)) return { state: 'fertig' };
  const job = deps.jobs.status(key);
  return job === undefined ? { state: 'nicht-begonnen' } : { ...job, label: f.label };
}

/** A version exported in one format, from the cache or through the job queue. */
export async function exportVersion(deps: ExportDeps, request: ExportRequest): Promise<Exported> {
  const { format, f, edition, key } = await exportKey(deps, request);
  const hit = deps.cache.get(key);
  if (hit) return hit;

  const work = async (signal: AbortSignal, progress: Progress): Promise<Exported> => {
    const whole = await deps.store.loadBudget(request.actor, request.versionId);
    // a unit the reader may not see is not in the budget loaded for them: the same answer as an unknown one
    const budget = request.unit === undefined ? whole : unitBudget(whole, request.unit);
    if (budget === undefined)
      throw new ApiError(404, 'not-found', `Die Einheit „${request.unit}“ gibt es in dieser Version nicht.`);
    signal.throwIfAborted();
    const body = await renderFormat(budget, format, signal, edition, progress);
    if (body === undefined)
      throw new ApiError(400, 'invalid', `Unbekanntes Exportformat „${request.format}“.`);
    const out = { body, contentType: f.contentType, extension: f.extension };
    deps.cache.set(key, out);
    return out;
  };

  if (request.actor === undefined && format === 'book-pdf') return anonymousBook(deps, f.label, key, work);
  return deps.jobs.run({ label: f.label, owner: request.owner, key, signal: request.signal, work });
}

/**
 * The book for an anonymous reader: a shared background print (not cancelled when this client leaves, so the
 * next one finds it in the cache), awaited for a few seconds; else 503 with the time it will likely take.
 */
async function anonymousBook(
  deps: ExportDeps,
  label: string,
  key: string,
  work: (signal: AbortSignal, progress: Progress) => Promise<Exported>,
): Promise<Exported> {
  const job = deps.jobs.run({ label, owner: ANONYMOUS_BOOK_OWNER, key, work });
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      resolve(undefined);
    }, deps.anonymousWaitMs);
  });
  try {
    const out = await Promise.race([job, waited]);
    if (out !== undefined) return out;
  } catch (e) {
    // the share of anonymous prints is used up: for this reader the server is busy, not they themselves
    if (e instanceof ApiError && e.status === 429)
      throw new ApiError(
        503,
        'busy',
        'Der Server ist ausgelastet und kann den Haushaltsplan als PDF gerade nicht erstellen; bitte ' +
          `versuchen Sie es in etwa ${e.headers['retry-after'] ?? 60} Sekunden noch einmal.`,
        e.extra,
        e.headers,
      );
    throw e;
  } finally {
    clearTimeout(timer);
  }
  job.catch(() => undefined); // nobody waits for it here any more; its result goes to the cache
  const seconds = deps.jobs.retryAfter(label, key);
  throw new ApiError(
    503,
    'busy',
    notReady(seconds),
    { retryAfter: seconds },
    { 'retry-after': String(seconds) },
  );
}

function notReady(seconds: number): string {
  return (
    'Der Haushaltsplan als PDF wird gerade erstellt; bitte versuchen Sie es in etwa ' +
    `${seconds === 1 ? 'einer Sekunde' : `${seconds} Sekunden`} noch einmal.`
  );
}
