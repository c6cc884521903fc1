/**
 * Budgets: list, one budget, its versions, and imports by upload: `POST /api/budgets` makes a new budget,
 * `POST /api/budgets/:id/versions` a new version of one. The files go to a temporary folder (the whole upload
 * at most `importLimit` bytes, refused from its announced length before anything is read, else counted as it
 * arrives; at most `importFiles` files), are read by the importers exactly as `haushalt import` reads them, but
 * in a worker thread with a heap cap, through the server's job queue (`import-worker.ts`, `jobs.ts`); the
 * budget is stored in one transaction together with the uploaded files as its source documents (named as the
 * values' sources name them).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ImportRequest } from '../../store/api.js';
import type { BudgetStore } from '../../store/parts.js';
import { mediaTypeOf } from '../../store/documents.js';
import { importStageRefusal, mayAdminister, type ImportStage } from '../../core/workflow.js';
import { actorOf } from '../auth.js';
import { ApiError, forbidden, invalid } from '../errors.js';
import { importInWorker } from '../import-worker.js';
import { clientSignal, ownerOf } from '../jobs.js';
import { MAX_TEXT } from '../contract/common.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { formatNumber } from '../../core/money.js';

const IMPORT_FIELDS: Readonly<Record<string, number>> = {
  name: 200,
  label: 200,
  reason: MAX_TEXT,
  stage: 40,
  strict: 5,
};

/** A file name from the client, reduced to something harmless to write (and to show in messages). */
export function safeFileName(name: string, index: number): string {
  const base = path.basename(name.replace(/\\/gu, '/'));
  const clean = base
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^\.+/u, '')
    .slice(0, 120);
  return clean === '' ? `datei-${index + 1}` : clean;
}

interface UploadLimits {
  /** Bytes of all files together. */
  readonly bytes: number;
  readonly files: number;
}

/** The upload as received: files in a temporary folder (the caller removes it) and the form fields. */
interface Upload {
  readonly dir: string;
  readonly paths: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
}

function mib(bytes: number): string {
  return `${formatNumber(bytes / 1024 / 1024, 1)} MiB`;
}

// the rest of a refused upload is not read: the connection closes after the answer
const CLOSE = { connection: 'close' } as const;

function tooLarge(limit: number): ApiError {
  return new ApiError(
    413,
    'too-large',
    `Der Upload ist zu groß: erlaubt sind höchstens ${mib(limit)} für alle Dateien zusammen.`,
    { limit },
    CLOSE,
  );
}

/** Multipart's own limits, in German, naming the limit. */
function uploadRefusal(error: unknown, limits: UploadLimits): unknown {
  switch ((error as { code?: unknown } | null)?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(limits.bytes);
    case 'FST_FILES_LIMIT':
      return new ApiError(
        413,
        'too-large',
        `Der Upload enthält zu viele Dateien: erlaubt sind höchstens ${limits.files} auf einmal.`,
        { maxFiles: limits.files },
        CLOSE,
      );
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ApiError(
        413,
        'too-large',
        `Der Upload hat zu viele Teile: erlaubt sind höchstens ${limits.files} Dateien und die Felder ` +
          'name, label, reason, stage.',
        {},
        CLOSE,
      );
    default:
      return error;
  }
}

async function receive(request: FastifyRequest, limits: UploadLimits): Promise<Upload> {
  if (!request.isMultipart())
    throw new ApiError(
      415,
      'unsupported-media-type',
      'Erwartet wird ein Datei-Upload (multipart/form-data).',
    );
  const dir = await mkdtemp(path.join(tmpdir(), 'haushalt-upload-'));
  let received = 0;
  try {
    const fields: Record<string, string> = {};
    const paths: string[] = [];
    const names = new Set<string>();
    const parts = request.parts({
      // one byte over the limit, so that our count (of all files) refuses first, with its message
      limits: { fileSize: limits.bytes + 1, files: limits.files, fields: 10, parts: limits.files + 10 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        let name = safeFileName(part.filename, paths.length);
        while (names.has(name)) name = `${paths.length + 1}-${name}`;
        names.add(name);
        const target = path.join(dir, name);
        const count = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            received += chunk.length;
            if (received > limits.bytes) done(tooLarge(limits.bytes));
            else done(null, chunk);
          },
        });
        await pipeline(part.file, count, createWriteStream(target, { mode: 0o600 }));
        paths.push(target);
        continue;
      }
      const max = Object.hasOwn(IMPORT_FIELDS, part.fieldname) ? IMPORT_FIELDS[part.fieldname] : undefined;
      if (max === undefined)
        throw invalid(
          `Im Upload ist das Feld „${part.fieldname.slice(0, 50)}“ unbekannt (erlaubt: name, label, reason, stage, strict, Dateien).`,
        );
      const value = typeof part.value === 'string' ? part.value : String(part.value);
      if (value.length > max)
        throw invalid(`Im Upload ist „${part.fieldname}“ zu lang (höchstens ${max} Zeichen).`);
      fields[part.fieldname] = value;
    }
    if (paths.length === 0) throw invalid('Der Upload enthält keine Datei.');
    return { dir, paths, fields };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw uploadRefusal(e, limits);
  }
}

/** `strict`: `true` or `1` refuse an import with unreadable amounts instead of reporting them. */
function strictOf(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw invalid(`Im Upload: „strict“ muss true oder false sein, nicht „${value.slice(0, 20)}“.`);
}

/** The stage an upload asks for: refused before the (expensive) import when an import may not create it. */
function stageOf(value: string | undefined): ImportStage | undefined {
  if (value === undefined || value === '') return undefined;
  const refusal = importStageRefusal(value);
  if (refusal) throw invalid(`Im Upload: ${refusal}`);
  return value as ImportStage;
}

export function budgetRoutes(
  app: FastifyInstance,
  { store, importLimit, importFiles, importMemoryMb, jobs }: Context<BudgetStore>,
): void {
  on(app, 'GET /api/budgets', async (request) => ({ budgets: await store.listBudgets(request.actor) }));

  on(app, 'GET /api/budgets/:id', async (request) => {
    const id = Number(request.params.id);
    const budget = await store.getBudget(request.actor, id);
    return { ...budget, versions: await store.listVersions(request.actor, id) };
  });

  on(app, 'GET /api/budgets/:id/versions', async (request) => ({
    versions: await store.listVersions(request.actor, Number(request.params.id)),
  }));

  const limits: UploadLimits = { bytes: importLimit, files: importFiles };

  const importRoute = async (request: FastifyRequest, reply: FastifyReply, budgetId: number | undefined) => {
    const actor = actorOf(request);
    // refuse before reading a large upload: no right, no such budget, announced too large, no room in the queue
    if (!mayAdminister(actor)) throw forbidden('Importieren darf nur die Kämmerei.');
    if (budgetId !== undefined) await store.getBudget(actor, budgetId);
    const announced = Number(request.headers['content-length']);
    if (Number.isFinite(announced) && announced > importLimit) throw tooLarge(importLimit);
    const owner = ownerOf(request);
    try {
      jobs.admissible('Import', owner);
    } catch (e) {
      // refused before the upload is read: close the connection rather than read the rest
      if (e instanceof ApiError)
        throw new ApiError(e.status, e.code, e.message, e.extra, { ...e.headers, ...CLOSE });
      throw e;
    }
    const signal = clientSignal(request, reply);
    const upload = await receive(request, limits);
    try {
      const names = upload.paths.map((p) => path.basename(p));
      // the fields are checked before the (expensive) import
      const stage = stageOf(upload.fields.stage);
      const strict = strictOf(upload.fields.strict);
      const { budget, reconciliation, layout } = await jobs.run({
        label: 'Import',
        name: `Import von ${names.join(', ').slice(0, 200)}`,
        owner,
        signal,
        work: (jobSignal) =>
          importInWorker(upload.paths, upload.dir, { memoryMb: importMemoryMb, signal: jobSignal, strict }),
      });
      const documents = await Promise.all(
        names.map(async (name, i) => ({
          name,
          mediaType: mediaTypeOf(name),
          bytes: await readFile(upload.paths[i]!),
        })),
      );
      const req: ImportRequest = {
        budget,
        ...(budgetId !== undefined
          ? { budgetId }
          : { name: upload.fields.name || budget.title || names.join(', ') }),
        ...(stage ? { stage } : {}),
        ...(upload.fields.label ? { label: upload.fields.label } : {}),
        reason: upload.fields.reason || `Import von ${names.join(', ')}`,
        notes: budget.notes,
        documents,
      };
      // the version made, and what became of every amount of the files (read = placed + outside)
      // and the layout traits recognised per file (header rows, operator column, signs, unit, …)
      return { ...(await store.importBudget(actor, req)), reconciliation, layout };
    } finally {
      await rm(upload.dir, { recursive: true, force: true });
    }
  };

  on(app, 'POST /api/budgets', async (request, reply) =>
    reply.code(201).send(await importRoute(request, reply, undefined)),
  );

  on(app, 'POST /api/budgets/:id/versions', async (request, reply) =>
    reply.code(201).send(await importRoute(request, reply, Number(request.params.id))),
  );
}
