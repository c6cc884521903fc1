/** Findings of `check` on a version (open, accepted, stale acceptances) and accepting one (Kämmerei). */
import type { FindingStore } from '../../store/parts.js';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth.js';
import { SEVERITIES, type Severity } from '../../core/findings.js';
import { budgetParams, nodeCode, object, reason, text, versionParams } from '../schemas.js';
import type { Context } from '../server.js';
import { versionId } from './versions.js';

export function findingRoutes(app: FastifyInstance, { store }: Context<FindingStore>): void {
  const tags = ['Befunde'];
  app.get(
    '/api/versions/:v/findings',
    {
      schema: {
        summary:
          'Befunde der Prüfung: offen, akzeptiert, veraltete Akzeptanzen, Anzahl je Schwere; ' +
          'wahlweise nur einer Einheit (node) oder nur bestimmter Schweregrade (severity=error,warning)',
        tags,
        params: versionParams,
        querystring: object({
          node: nodeCode,
          severity: {
            type: 'string',
            pattern: `^(${SEVERITIES.join('|')})(,(${SEVERITIES.join('|')}))*$`,
            description: 'Schweregrade, durch Komma getrennt',
          },
        }),
      },
    },
    async (request) => {
      const { node, severity } = request.query as { node?: string; severity?: string };
      return store.findings(request.actor, versionId(request.params), {
        ...(node !== undefined ? { node } : {}),
        ...(severity !== undefined ? { severities: severity.split(',') as Severity[] } : {}),
      });
    },
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
