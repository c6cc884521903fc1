/**
 * Versions: one version, moving it on to the next stage, a Nachtrag or Ergebnis based on it, its options
 * (Fachbereiche may edit the Entwurf; public read), the diff of two versions (the Veränderungsnachweis) and
 * exports in every format `exports.ts` knows.
 */
import type { FastifyInstance } from 'fastify';
import { bodiesOf, stageLabelOf, type Bodies } from '../../core/bodies.js';
import { nextStage, type Actor } from '../../core/workflow.js';
import type { VersionInfo } from '../../store/api.js';
import { actorOf } from '../auth.js';
import { exportStatus, exportVersion } from '../exports.js';
import { clientSignal, ownerOf } from '../jobs.js';
import type { VersionStore } from '../../store/parts.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';

/** The version id of a route's path (`:v`, validated as digits). */
export const versionId = (params: { readonly v: string }): number => Number(params.v);

/**
 * A version with its stage's German label and the stage that would follow, in the words of its budget's
 * bodies (a Kreis: "Beschluss des Kreistags"; `bodies.ts`).
 */
export function versionView(v: VersionInfo, bodies: Bodies) {
  const next = nextStage(v.stage);
  return {
    ...v,
    stageLabel: stageLabelOf(v.stage, bodies),
    nextStage: next ?? null,
    nextStageLabel: next ? stageLabelOf(next, bodies) : null,
  };
}

/** The bodies of a version's budget (a Gemeinde's where its record cannot be read). */
async function bodiesOfVersion(
  store: VersionStore,
  actor: Actor | undefined,
  v: VersionInfo,
): Promise<Bodies> {
  const budget = await store.getBudget(actor, v.budgetId).catch(() => undefined);
  return bodiesOf(budget?.title, budget?.name);
}

export function versionRoutes(app: FastifyInstance, { store, jobs, exports }: Context<VersionStore>): void {
  const view = async (actor: Actor | undefined, v: VersionInfo) =>
    versionView(v, await bodiesOfVersion(store, actor, v));

  on(app, 'GET /api/versions/:v', async (request) =>
    view(request.actor, await store.getVersion(request.actor, versionId(request.params))),
  );

  on(app, 'POST /api/versions/:v/advance', async (request, reply) => {
    const actor = actorOf(request);
    const v = await store.advance(actor, versionId(request.params), request.body.reason);
    return reply.code(201).send(await view(actor, v));
  });

  on(app, 'POST /api/versions/:v/derive', async (request, reply) => {
    const { kind, reason } = request.body;
    const actor = actorOf(request);
    const v = await store.derive(actor, versionId(request.params), kind, reason);
    return reply.code(201).send(await view(actor, v));
  });

  on(app, 'PATCH /api/versions/:v/options', async (request) => {
    const actor = actorOf(request);
    return view(actor, await store.setVersionOptions(actor, versionId(request.params), request.body));
  });

  on(app, 'GET /api/diff', async (request) =>
    store.diff(request.actor, Number(request.query.from), Number(request.query.to)),
  );

  on(app, 'GET /api/versions/:v/export', async (request, reply) => {
    const id = versionId(request.params);
    // through the job queue, from the cache when it can (exports.ts); anonymous readers get the PDF book
    // from the cache or a shared background print only
    const out = await exportVersion(
      { store, jobs, ...exports },
      {
        actor: request.actor,
        versionId: id,
        format: request.query.format,
        ...(request.query.unit !== undefined ? { unit: request.query.unit } : {}),
        owner: ownerOf(request),
        signal: clientSignal(request, reply),
      },
    );
    return reply
      .type(out.contentType)
      .header('content-disposition', `attachment; filename="haushalt-version-${id}.${out.extension}"`)
      .send(out.body);
  });

  on(app, 'GET /api/versions/:v/export/status', async (request) => {
    const status = await exportStatus(
      { store, jobs, ...exports },
      {
        actor: request.actor,
        versionId: versionId(request.params),
        format: request.query.format,
        ...(request.query.unit !== undefined ? { unit: request.query.unit } : {}),
      },
    );
    // the contract's words (German, as the answer's other values)
    switch (status.state) {
      case 'waiting':
        return {
          state: 'wartet' as const,
          label: status.label,
          ahead: status.ahead,
          seconds: status.seconds,
        };
      case 'running':
        return {
          state: 'läuft' as const,
          label: status.label,
          seconds: status.seconds,
          ...(status.done !== undefined ? { done: status.done, total: status.total } : {}),
        };
      default:
        return { state: status.state };
    }
  });
}
