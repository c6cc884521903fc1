/**
 * The Haushaltsplan's parts of a version (`GET /api/versions/:v/parts`, built by `../parts-view.ts`). The parts
 * concern the whole budget (its Gesamtbeträge, all Produktbereiche, all posts), so they are read by whoever may
 * read the whole version — as the node view of the Haushalt node: anonymous readers a public version, a Leser the
 * released ones, a Fachbereich not the Anmeldungen it sees only its own Produktbereiche of.
 */
import type { FastifyInstance } from 'fastify';
import { readScope } from '../../store/access.js';
import type { ContentStore } from '../../store/parts.js';
import { ApiError } from '../errors.js';
import { partsView } from '../parts-view.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { versionId } from './versions.js';

export function partsRoutes(app: FastifyInstance, { store }: Context<ContentStore>): void {
  on(app, 'GET /api/versions/:v/parts', async (request) => {
    const id = versionId(request.params);
    // refuses a version the reader may not read at all (401/403/404, as every read)
    const version = await store.getVersion(request.actor, id);
    if (readScope(request.actor, version).kind !== 'all')
      throw new ApiError(
        403,
        'forbidden',
        `Die Teile des Haushaltsplans betreffen den ganzen Haushalt; in der Fassung „${version.label}“ lesen Sie nur Ihre Produktbereiche.`,
      );
    const [budget, findings] = await Promise.all([
      store.loadBudget(request.actor, id),
      store.findings(request.actor, id),
    ]);
    return partsView(budget, version, findings.open);
  });
}
