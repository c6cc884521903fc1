/**
 * An import's upload as the server receives it, shared by the imports that store (`routes/budgets.ts`) and the
 * preview that does not (`routes/imports.ts`): refused before anything is read when the user may not import,
 * when the announced length exceeds `importLimit` or when the job queue has no room; then the files are
 * written to a temporary folder (the whole upload at most `importLimit` bytes, counted as it arrives; at most
 * `importFiles` files), with the form fields checked. Besides the budget's files an upload may carry an import
 * profile (file field `profile`, JSON, as `haushalt import --profile`) and an account mapping (file field
 * `mapping`, CSV, as `--mapping`), which are read with the files but not stored as source documents.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { importStageRefusal, mayAdminister, type ImportStage } from '../core/workflow.js';
import { formatNumber } from '../core/money.js';
import { actorOf } from './auth.js';
import { ApiError, forbidden, invalid } from './errors.js';
import { ownerOf, type JobQueue } from './jobs.js';
import { MAX_TEXT } from './contract/common.js';

const IMPORT_FIELDS: Readonly<Record<string, number>> = {
  name: 200,
  label: 200,
  reason: MAX_TEXT,
  stage: 40,
  strict: 5,
};

/** File fields that are not budget files: read with them, never stored as documents. */
const SIDE_FILES = ['profile', 'mapping'] as const;
type SideFile = (typeof SIDE_FILES)[number];

/** A file name from the client, reduced to something harmless to write (and to show in messages). */
export function safeFileName(name: string, index: number): string {
  const base = path.basename(name.replace(/\\/gu, '/'));
  const clean = base
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^\.+/u, '')
    .slice(0, 120);
  return clean === '' ? `datei-${index + 1}` : clean;
}

export interface UploadLimits {
  /** Bytes of all files together. */
  readonly bytes: number;
  readonly files: number;
}

/** The upload as received: files in a temporary folder (the caller removes it) and the form fields. */
export interface Upload {
  readonly dir: string;
  /** The budget's files, in upload order. */
  readonly paths: readonly string[];
  /** The import profile and the account mapping, where the upload has them. */
  readonly profile?: string;
  readonly mapping?: string;
  readonly fields: Readonly<Record<string, string>>;
}

function mib(bytes: number): string {
  return `${formatNumber(bytes / 1024 / 1024, 1)} MiB`;
}

// the rest of a refused upload is not read: the connection closes after the answer
export const CLOSE = { connection: 'close' } as const;

export function tooLarge(limit: number): ApiError {
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

/**
 * Refuses an import before its upload is read: no right, `exists` fails (no such budget), announced too large,
 * no room in the job queue (the connection then closes rather than read the rest). Returns the job owner.
 */
export async function admitImport(
  request: FastifyRequest,
  importLimit: number,
  jobs: JobQueue,
  label: string,
  exists?: () => Promise<unknown>,
): Promise<string> {
  const actor = actorOf(request);
  if (!mayAdminister(actor)) throw forbidden('Importieren darf nur die Kämmerei.');
  await exists?.();
  const announced = Number(request.headers['content-length']);
  if (Number.isFinite(announced) && announced > importLimit) throw tooLarge(importLimit);
  const owner = ownerOf(request);
  try {
    jobs.admissible(label, owner);
  } catch (e) {
    if (e instanceof ApiError)
      throw new ApiError(e.status, e.code, e.message, e.extra, { ...e.headers, ...CLOSE });
    throw e;
  }
  return owner;
}

export async function receive(request: FastifyRequest, limits: UploadLimits): Promise<Upload> {
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
    const side: Partial<Record<SideFile, string>> = {};
    const names = new Set<string>();
    const parts = request.parts({
      // one byte over the limit, so that our count (of all files) refuses first, with its message
      limits: { fileSize: limits.bytes + 1, files: limits.files, fields: 10, parts: limits.files + 10 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const kind = (SIDE_FILES as readonly string[]).includes(part.fieldname)
          ? (part.fieldname as SideFile)
          : undefined;
        if (kind && side[kind] !== undefined)
          throw invalid(`Im Upload ist „${kind}“ mehrfach: erlaubt ist eine Datei.`);
        let name = safeFileName(part.filename, paths.length);
        // the side files each in a folder of their own: named as uploaded, never among the budget's files
        if (!kind) {
          while (names.has(name)) name = `${paths.length + 1}-${name}`;
          names.add(name);
        }
        const target = kind ? path.join(dir, '.side', kind, name) : path.join(dir, name);
        const count = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            received += chunk.length;
            if (received > limits.bytes) done(tooLarge(limits.bytes));
            else done(null, chunk);
          },
        });
        if (kind) await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await pipeline(part.file, count, createWriteStream(target, { mode: 0o600 }));
        if (kind) side[kind] = target;
        else paths.push(target);
        continue;
      }
      const max = Object.hasOwn(IMPORT_FIELDS, part.fieldname) ? IMPORT_FIELDS[part.fieldname] : undefined;
      if (max === undefined)
        throw invalid(
          `Im Upload ist das Feld „${part.fieldname.slice(0, 50)}“ unbekannt (erlaubt: name, label, reason, stage, strict, Dateien, profile, mapping).`,
        );
      const value = typeof part.value === 'string' ? part.value : String(part.value);
      if (value.length > max)
        throw invalid(`Im Upload ist „${part.fieldname}“ zu lang (höchstens ${max} Zeichen).`);
      fields[part.fieldname] = value;
    }
    if (paths.length === 0) throw invalid('Der Upload enthält keine Datei.');
    return { dir, paths, fields, ...side };
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw uploadRefusal(e, limits);
  }
}

/** `strict`: `true` or `1` refuse an import with unreadable amounts instead of reporting them. */
export function strictOf(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw invalid(`Im Upload: „strict“ muss true oder false sein, nicht „${value.slice(0, 20)}“.`);
}

/** The stage an upload asks for: refused before the (expensive) import when an import may not create it. */
export function stageOf(value: string | undefined): ImportStage | undefined {
  if (value === undefined || value === '') return undefined;
  const refusal = importStageRefusal(value);
  if (refusal) throw invalid(`Im Upload: ${refusal}`);
  return value as ImportStage;
}
