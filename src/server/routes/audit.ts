/** The audit trail (read only, as everywhere) and the Einwendungen recorded while a version is ausgelegt. */
import type { AuditStore } from '../../store/parts.js';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth.js';
import { idText, object, text, versionParams } from '../schemas.js';
import type { Context } from '../server.js';
import { versionId } from './versions.js';

export function auditRoutes(app: FastifyInstance, { store }: Context<AuditStore>): void {
  app.get(
    '/api/audit',
    {
      schema: {
        summary: 'Änderungsprotokoll: wer, wann, alt → neu, warum (neueste zuletzt; `after` blättert weiter)',
        tags: ['Protokoll'],
        querystring: object({
          budget: idText,
          version: idText,
          limit: { type: 'string', pattern: '^[1-9][0-9]{0,3}$' },
          after: { type: 'string', pattern: '^[0-9]{1,15}$' },
        }),
      },
    },
    async (request) => {
      const q = request.query as { budget?: string; version?: string; limit?: string; after?: string };
      const entries = await store.audit(actorOf(request), {
        ...(q.budget !== undefined ? { budgetId: Number(q.budget) } : {}),
        ...(q.version !== undefined ? { versionId: Number(q.version) } : {}),
        limit: Number(q.limit ?? 500),
        ...(q.after !== undefined ? { after: Number(q.after) } : {}),
      });
      return { entries };
    },
  );

  const tags = ['Einwendungen'];
  app.get(
    '/api/versions/:v/einwendungen',
    { schema: { summary: 'Einwendungen zur ausgelegten Version', tags, params: versionParams } },
    async (request) => ({
      einwendungen: await store.listEinwendungen(actorOf(request), versionId(request.params)),
    }),
  );

  app.post(
    '/api/versions/:v/einwendungen',
    {
      schema: {
        summary: 'Eine Einwendung erfassen (Kämmerei, während die Version ausgelegt ist)',
        tags,
        params: versionParams,
        body: object({ author: text(500, 1), text: text(undefined, 1) }, ['author', 'text']),
      },
    },
    async (request, reply) => {
      const body = request.body as { author: string; text: string };
      return reply
        .code(201)
        .send(await store.recordEinwendung(actorOf(request), versionId(request.params), body));
    },
  );
}
