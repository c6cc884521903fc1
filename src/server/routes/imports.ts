/**
 * `POST /api/imports/preview`: an upload read exactly as `POST /api/budgets` reads it — the same admission
 * (Kämmerei only, CSRF, announced length, room in the job queue), the same limits, the same worker with its
 * heap cap, through the same job queue — answered with what was recognised (`../import-preview.ts`); nothing is
 * stored, the files are removed when the answer is made. The preview is built inside the worker, so that a
 * large budget never crosses to the server: many previews at once cost the queue's slots, not the server's
 * memory (beyond the queue's bound they are refused with 503 and a Retry-After, beyond a user's share with 429).
 * `POST /api/imports/demo` stores the synthetic demo budget the server was given (`haushalt serve`: made by the
 * generator), so that a first start can offer it.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { previewInWorker } from '../import-worker.js';
import { clientSignal } from '../jobs.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { admitImport, receive, strictOf } from '../upload.js';
import { actorOf } from '../auth.js';
import { ApiError, forbidden } from '../errors.js';
import { mayAdminister } from '../../core/workflow.js';
import type { Store } from '../../store/api.js';

/** Storing the demo budget and publishing it. */
type DemoStore = Pick<Store, 'importBudget' | 'setVersionOptions'>;

export function importRoutes(
  app: FastifyInstance,
  { store, importLimit, importFiles, importMemoryMb, jobs, demo }: Context<DemoStore>,
): void {
  on(app, 'POST /api/imports/preview', async (request, reply) => {
    const owner = await admitImport(request, importLimit, jobs, 'Importvorschau');
    const signal = clientSignal(request, reply);
    const upload = await receive(request, { bytes: importLimit, files: importFiles });
    try {
      const strict = strictOf(upload.fields.strict);
      const names = upload.paths.map((p) => path.basename(p));
      return await jobs.run({
        label: 'Importvorschau',
        name: `Vorschau des Imports von ${names.join(', ').slice(0, 200)}`,
        owner,
        signal,
        work: (jobSignal) => previewInWorker(upload, { memoryMb: importMemoryMb, signal: jobSignal, strict }),
      });
    } finally {
      await rm(upload.dir, { recursive: true, force: true });
    }
  });

  // the synthetic demo budget, offered where the server was given one (`haushalt serve`): public, marked
  on(app, 'POST /api/imports/demo', async (request, reply) => {
    const actor = actorOf(request);
    if (!mayAdminister(actor)) throw forbidden('Den Demohaushalt anlegen darf nur die Kämmerei.');
    if (!demo) throw new ApiError(404, 'not-found', 'Dieser Server bietet keinen Demohaushalt an.');
    const v = await store.importBudget(actor, demo());
    return reply.code(201).send(await store.setVersionOptions(actor, v.id, { publicRead: true }));
  });
}
