/** Findings of `check` on a version (open, accepted, stale acceptances) and accepting one (Kämmerei). */
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth.js';
import { budgetParams, object, reason, text, versionParams } from '../schemas.js';
import type { Context } from '../server.js';
import { versionId } from './versions.js';

export function findingRoutes(app: FastifyInstance, { store }: Context): void {
  const tags = ['Befunde'];
  app.get(
    '/api/versions/:v/findings',
    {
      schema: {
        summary: 'Befunde der Prüfung: offen, akzeptiert, veraltete Akzeptanzen',
        tags,
        params: versionParams,
      },
    },
    async (request) => store.findings(request.actor, versionId(request.params)),
  );

  app.post(
    '/api/budgets/:id/accepted-findings',
    {
      schema: {
        summary: 'Einen Befund mit Begründung akzeptieren (Kämmerei)',
        tags,
        params: budgetParams,
        body: object({ key: text(1000, 1), reason }, ['key', 'reason']),
      },
    },
    async (request, reply) => {
      const { key, reason: why } = request.body as { key: string; reason: string };
      const id = Number((request.params as { id: string }).id);
      return reply.code(201).send(await store.acceptFinding(actorOf(request), id, key, why));
    },
  );
}
