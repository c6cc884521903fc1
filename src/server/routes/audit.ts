/** The audit trail (read only, as everywhere) and the Einwendungen recorded while a version is ausgelegt. */
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth.js';
import type { AuditStore } from '../../store/parts.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { versionId } from './versions.js';

export function auditRoutes(app: FastifyInstance, { store }: Context<AuditStore>): void {
  on(app, 'GET /api/audit', async (request) => {
    const q = request.query;
    const entries = await store.audit(actorOf(request), {
      ...(q.budget !== undefined ? { budgetId: Number(q.budget) } : {}),
      ...(q.version !== undefined ? { versionId: Number(q.version) } : {}),
      limit: Number(q.limit ?? 500),
      ...(q.after !== undefined ? { after: Number(q.after) } : {}),
    });
    return { entries };
  });

  on(app, 'GET /api/versions/:v/einwendungen', async (request) => ({
    einwendungen: await store.listEinwendungen(actorOf(request), versionId(request.params)),
  }));

  on(app, 'POST /api/versions/:v/einwendungen', async (request, reply) =>
    reply
      .code(201)
      .send(await store.recordEinwendung(actorOf(request), versionId(request.params), request.body)),
  );
}
