/**
 * Budgets: list, one budget, its versions, and imports by upload: `POST /api/budgets` makes a new budget,
 * `POST /api/budgets/:id/versions` a new version of one. The files go to a temporary folder, are read by the
 * importers exactly as `haushalt import` reads them, and the budget is stored in one transaction together with
 * the uploaded files as its source documents (named as the values' sources name them).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Budget } from '../../core/model.js';
import { importFiles } from '../../importers/index.js';
import { formatImportError } from '../../importers/types.js';
import type { ImportDocument, ImportRequest } from '../../store/api.js';
import { mediaTypeOf } from '../../store/documents.js';
import { STAGES, mayAdminister, type Stage } from '../../store/workflow.js';
import { actorOf } from '../auth.js';
import { ApiError, forbidden, invalid } from '../errors.js';
import { MAX_TEXT, budgetParams } from '../schemas.js';
import type { Context } from '../server.js';

const IMPORT_FIELDS: Readonly<Record<string, number>> = {
  name: 200,
  label: 200,
  reason: MAX_TEXT,
  stage: 40,
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

interface Upload {
  readonly budget: Budget;
  readonly fields: Readonly<Record<string, string>>;
  readonly files: readonly string[];
  /** The uploaded files, kept with the import as its source documents. */
  readonly documents: readonly ImportDocument[];
}

async function receive(request: FastifyRequest, limit: number): Promise<Upload> {
  if (!request.isMultipart())
    throw new ApiError(
      415,
      'unsupported-media-type',
      'Erwartet wird ein Datei-Upload (multipart/form-data).',
    );
  const dir = await mkdtemp(path.join(tmpdir(), 'haushalt-upload-'));
  try {
    const fields: Record<string, string> = {};
    const paths: string[] = [];
    const names = new Set<string>();
    for await (const part of request.parts({ limits: { fileSize: limit } })) {
      if (part.type === 'file') {
        let name = safeFileName(part.filename, paths.length);
        while (names.has(name)) name = `${paths.length + 1}-${name}`;
        names.add(name);
        const target = path.join(dir, name);
        await pipeline(part.file, createWriteStream(target));
        paths.push(target);
        continue;
      }
      const max = Object.hasOwn(IMPORT_FIELDS, part.fieldname) ? IMPORT_FIELDS[part.fieldname] : undefined;
      if (max === undefined)
        throw invalid(
          `Im Upload ist das Feld „${part.fieldname.slice(0, 50)}“ unbekannt (erlaubt: name, label, reason, stage, Dateien).`,
        );
      const value = typeof part.value === 'string' ? part.value : String(part.value);
      if (value.length > max)
        throw invalid(`Im Upload ist „${part.fieldname}“ zu lang (höchstens ${max} Zeichen).`);
      fields[part.fieldname] = value;
    }
    if (paths.length === 0) throw invalid('Der Upload enthält keine Datei.');
    const result = await importFiles(paths);
    const strip = (s: string): string => s.split(`${dir}${path.sep}`).join('');
    if (!result.ok) throw invalid(strip(result.errors.map(formatImportError).join('\n')));
    // sources name the uploaded file, not the temporary folder it was read from
    const budget = JSON.parse(strip(JSON.stringify(result.budget))) as Budget;
    const files = paths.map((p) => path.basename(p));
    const documents = await Promise.all(
      files.map(async (name, i) => ({
        name,
        mediaType: mediaTypeOf(name),
        bytes: await readFile(paths[i]!),
      })),
    );
    return { budget, fields, files, documents };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function stageOf(value: string | undefined): Stage | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(STAGES as readonly string[]).includes(value))
    throw invalid(`Im Upload: „stage“ muss einer dieser Werte sein: ${STAGES.join(', ')}.`);
  return value as Stage;
}

export function budgetRoutes(app: FastifyInstance, { store, importLimit }: Context): void {
  app.get('/api/budgets', { schema: { summary: 'Haushalte', tags: ['Haushalte'] } }, async (request) => ({
    budgets: await store.listBudgets(request.actor),
  }));

  app.get(
    '/api/budgets/:id',
    { schema: { summary: 'Ein Haushalt mit seinen Versionen', tags: ['Haushalte'], params: budgetParams } },
    async (request) => {
      const id = Number((request.params as { id: string }).id);
      const budget = await store.getBudget(request.actor, id);
      return { ...budget, versions: await store.listVersions(request.actor, id) };
    },
  );

  app.get(
    '/api/budgets/:id/versions',
    { schema: { summary: 'Versionen eines Haushalts', tags: ['Haushalte'], params: budgetParams } },
    async (request) => ({
      versions: await store.listVersions(request.actor, Number((request.params as { id: string }).id)),
    }),
  );

  const importRoute = async (request: FastifyRequest, budgetId: number | undefined) => {
    const actor = actorOf(request);
    // refuse before reading a large upload
    if (!mayAdminister(actor)) throw forbidden('Importieren darf nur die Kämmerei.');
    if (budgetId !== undefined) await store.getBudget(actor, budgetId);
    const { budget, fields, files, documents } = await receive(request, importLimit);
    const stage = stageOf(fields.stage);
    const req: ImportRequest = {
      budget,
      ...(budgetId !== undefined ? { budgetId } : { name: fields.name || budget.title || files.join(', ') }),
      ...(stage ? { stage } : {}),
      ...(fields.label ? { label: fields.label } : {}),
      reason: fields.reason || `Import von ${files.join(', ')}`,
      notes: budget.notes,
      documents,
    };
    return store.importBudget(actor, req);
  };

  const uploadDoc = {
    tags: ['Haushalte'],
    consumes: ['multipart/form-data'],
    description:
      'multipart/form-data: eine oder mehrere Dateien (Plantext, PDF, Tidy-CSV, CSV, XLSX) und die Felder ' +
      'name, label, reason, stage (alle freiwillig). Nur Kämmerei.',
  };

  app.post(
    '/api/budgets',
    { schema: { summary: 'Einen Haushalt importieren (Upload)', ...uploadDoc } },
    async (request, reply) => reply.code(201).send(await importRoute(request, undefined)),
  );

  app.post(
    '/api/budgets/:id/versions',
    {
      schema: {
        summary: 'Eine neue Version eines Haushalts importieren (Upload)',
        params: budgetParams,
        ...uploadDoc,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await importRoute(request, Number((request.params as { id: string }).id))),
  );
}
