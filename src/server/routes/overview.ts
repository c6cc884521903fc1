/**
 * The start page's answers: `GET /api/versions/:v/summary`, the budget at a glance (`../overview.ts`), and
 * `GET /api/versions/:v/findings-summary`, the findings counted per rule (`../findings-summary.ts`). The summary
 * reads no more than the Gesamtergebnisplan needs: the Haushalt node's neighbourhood (it and the top units)
 * where the budget has one, else the top units one by one — never the whole version, so that the start page
 * comes as fast as the first table. Both as far as the asking user may read.
 */
import type { FastifyInstance } from 'fastify';
import type { Budget } from '../../core/model.js';
import type { ContentStore } from '../../store/parts.js';
import { summariseFindings } from '../findings-summary.js';
import { budgetSummary } from '../overview.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { versionId } from './versions.js';

type Reader = Pick<ContentStore, 'listNodes' | 'getNode' | 'loadBudget'>;

/** The budget with the Haushalt node and the top units whole (the others in their place, without content). */
async function topsOf(store: Reader, actor: Parameters<Reader['listNodes']>[0], id: number): Promise<Budget> {
  const nodes = await store.listNodes(actor, id);
  const haushalt = nodes.find((n) => n.level === 'haushalt');
  const tops = nodes.filter((n) => n.parent === null && n.level !== 'haushalt');
  const around = haushalt ?? tops[0];
  if (!around) return { nodes: [], notes: [], files: [] };
  const budget = await store.loadBudget(actor, id, { around: around.code });
  if (haushalt) return budget;
  const details = await Promise.all(tops.map((t) => store.getNode(actor, id, t.code)));
  const whole = new Map(details.map((d) => [d.node.code, d.node]));
  return { ...budget, nodes: budget.nodes.map((n) => whole.get(n.code) ?? n) };
}

export function overviewRoutes(app: FastifyInstance, { store }: Context<ContentStore>): void {
  on(app, 'GET /api/versions/:v/summary', async (request) => {
    const id = versionId(request.params);
    const [version, budget] = await Promise.all([
      store.getVersion(request.actor, id),
      topsOf(store, request.actor, id),
    ]);
    return { versionId: version.id, revision: version.revision, ...budgetSummary(budget) };
  });

  on(app, 'GET /api/versions/:v/findings-summary', async (request) => {
    const f = await store.findings(request.actor, versionId(request.params));
    return summariseFindings(f.open, f.accepted.length);
  });
}
