/**
 * Budgets: list, one budget, its versions, and imports by upload: `POST /api/budgets` makes a new budget,
 * `POST /api/budgets/:id/versions` a new version of one. The files go to a temporary folder (the whole upload
 * at most `importLimit` bytes, refused from its announced length before anything is read, else counted as it
 * arrives; at most `importFiles` files), are read by the importers exactly as `haushalt import` reads them, but
 * in a worker thread with a heap cap, through the server's job queue (`import-worker.ts`, `jobs.ts`); the
 * budget is stored in one transaction together with the uploaded files as its source documents (named as the
 * values' sources name them).
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ImportRequest } from '../../store/api.js';
import type { BudgetStore } from '../../store/parts.js';
import { mediaTypeOf } from '../../store/documents.js';
import { actorOf } from '../auth.js';
import { importInWorker } from '../import-worker.js';
import { clientSignal } from '../jobs.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { admitImport, receive, stageOf, strictOf, type UploadLimits } from '../upload.js';

export { safeFileName } from '../upload.js';

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
    // refuse before reading a large upload: no right, no such budget, announced too large, no room in the queue
    const actor = actorOf(request);
    const owner = await admitImport(request, importLimit, jobs, 'Import', () =>
      budgetId !== undefined ? store.getBudget(actor, budgetId) : Promise.resolve(),
    );
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
        work: (jobSignal) => importInWorker(upload, { memoryMb: importMemoryMb, signal: jobSignal, strict }),
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
