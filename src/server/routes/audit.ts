/** The audit trail (read only, as everywhere) and the Einwendungen recorded while a version is ausgelegt. */
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth.js';
import { auditWhat } from '../../core/audit-text.js';
import type { Budget } from '../../core/model.js';
import type { AuditStore } from '../../store/parts.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { versionId } from './versions.js';

/** The instant a calendar day (`2026-12-05`) begins in German time (Europe/Berlin), as ISO 8601 UTC. */
export function berlinDayStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d);
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  // Berlin is one hour ahead of UTC in winter, two in summer
  for (const hours of [1, 2]) {
    const at = midnight - hours * 3_600_000;
    if (clock.format(at) === '00') return new Date(at).toISOString();
  }
  return new Date(midnight - 3_600_000).toISOString();
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function auditRoutes(app: FastifyInstance, { store }: Context<AuditStore>): void {
  on(app, 'GET /api/audit', async (request) => {
    const q = request.query;
    const actor = actorOf(request);
    const entries = await store.audit(actor, {
      ...(q.budget !== undefined ? { budgetId: Number(q.budget) } : {}),
      ...(q.version !== undefined ? { versionId: Number(q.version) } : {}),
      limit: Number(q.limit ?? 500),
      ...(q.after !== undefined ? { after: Number(q.after) } : {}),
      ...(q.unit !== undefined ? { unit: q.unit } : {}),
      ...(q.user !== undefined ? { actor: q.user } : {}),
      ...(q.from !== undefined ? { from: berlinDayStart(q.from) } : {}),
      ...(q.to !== undefined ? { to: berlinDayStart(nextDay(q.to)) } : {}),
    });
    // the names of units and lines from the versions the entries are about (each read once, as the reader
    // may read it; a version they may not read leaves the codes as they are)
    const budgets = new Map<number, Promise<Budget | undefined>>();
    const budgetOf = (id: number | null): Promise<Budget | undefined> => {
      if (id === null) return Promise.resolve(undefined);
      let b = budgets.get(id);
      if (!b) {
        b = store.loadBudget(actor, id).catch(() => undefined);
        budgets.set(id, b);
      }
      return b;
    };
    return {
      entries: await Promise.all(
        entries.map(async (e) => ({ ...e, what: auditWhat(e, await budgetOf(e.versionId)) })),
      ),
    };
  });

  on(app, 'GET /api/versions/:v/einwendungen', async (request) => ({
    einwendungen: await store.listEinwendungen(actorOf(request), versionId(request.params)),
  }));

  on(app, 'PUT /api/versions/:v/einwendungen/:id/answer', async (request) =>
    store.answerEinwendung(
      actorOf(request),
      versionId(request.params),
      Number(request.params.id),
      request.body,
    ),
  );

  on(app, 'POST /api/versions/:v/einwendungen', async (request, reply) =>
    reply
      .code(201)
      .send(await store.recordEinwendung(actorOf(request), versionId(request.params), request.body)),
  );
}
