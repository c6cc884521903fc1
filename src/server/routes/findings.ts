/** Findings of `check` on a version (open, accepted, stale acceptances) and accepting one (Kämmerei). */
import type { FastifyInstance } from 'fastify';
import { SEVERITIES, type Severity } from '../../core/findings.js';
import { actorOf } from '../auth.js';
import type { FindingStore } from '../../store/parts.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { versionId } from './versions.js';

const isSeverity = (s: string): s is Severity => (SEVERITIES as readonly string[]).includes(s);

export function findingRoutes(app: FastifyInstance, { store }: Context<FindingStore>): void {
  on(app, 'GET /api/versions/:v/findings', async (request) => {
    const { node, severity } = request.query;
    return store.findings(request.actor, versionId(request.params), {
      ...(node !== undefined ? { node } : {}),
      // the schema's pattern admits severities only
      ...(severity !== undefined ? { severities: severity.split(',').filter(isSeverity) } : {}),
    });
  });

  on(app, 'POST /api/budgets/:id/accepted-findings', async (request, reply) => {
    const { key, reason } = request.body;
    const id = Number(request.params.id);
    return reply.code(201).send(await store.acceptFinding(actorOf(request), id, key, reason));
  });
}
