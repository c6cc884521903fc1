/**
 * Versions: one version, moving it on to the next stage, a Nachtrag or Ergebnis based on it, its options
 * (Fachbereiche may edit the Entwurf; public read), the diff of two versions (the Veränderungsnachweis) and
 * exports in every format `exports.ts` knows.
 */
import type { FastifyInstance } from 'fastify';
import { STAGE_LABEL, nextStage } from '../../core/workflow.js';
import type { VersionInfo } from '../../store/api.js';
import type { VersionStore } from '../../store/parts.js';
import { actorOf } from '../auth.js';
import { EXPORT_FORMATS, exportVersion } from '../exports.js';
import { clientSignal, ownerOf } from '../jobs.js';
import { idText, object, reason, versionParams } from '../schemas.js';
import type { Context } from '../server.js';

export const versionId = (params: unknown): number => Number((params as { v: string }).v);

/** A version with its stage's German label and the stage that would follow. */
export function versionView(v: VersionInfo) {
  const next = nextStage(v.stage);
  return {
    ...v,
    stageLabel: STAGE_LABEL[v.stage],
    nextStage: next ?? null,
    nextStageLabel: next ? STAGE_LABEL[next] : null,
  };
}

export function versionRoutes(app: FastifyInstance, { store, jobs, exports }: Context<VersionStore>): void {
  const tags = ['Versionen'];
  app.get(
    '/api/versions/:v',
    { schema: { summary: 'Eine Version', tags, params: versionParams } },
    async (request) => versionView(await store.getVersion(request.actor, versionId(request.params))),
  );

  app.post(
    '/api/versions/:v/advance',
    {
      schema: {
        summary: 'Die Version in die nächste Stufe bringen (neue Version; die alte wird geschlossen)',
        tags,
        params: versionParams,
        body: object({ reason }, ['reason']),
      },
    },
    async (request, reply) => {
      const { reason: why } = request.body as { reason: string };
      const v = await store.advance(actorOf(request), versionId(request.params), why);
      return reply.code(201).send(versionView(v));
    },
  );

  app.post(
    '/api/versions/:v/derive',
    {
      schema: {
        summary: 'Einen Nachtrag oder ein Ergebnis auf einem Beschluss aufbauen',
        tags,
        params: versionParams,
        body: object({ kind: { type: 'string', enum: ['nachtrag', 'ergebnis'] }, reason }, [
          'kind',
          'reason',
        ]),
      },
    },
    async (request, reply) => {
      const body = request.body as { kind: 'nachtrag' | 'ergebnis'; reason: string };
      const v = await store.derive(actorOf(request), versionId(request.params), body.kind, body.reason);
      return reply.code(201).send(versionView(v));
    },
  );

  app.patch(
    '/api/versions/:v/options',
    {
      schema: {
        summary: 'Einstellungen der Version: Fachbereiche dürfen den Entwurf ändern; öffentlich lesbar',
        tags,
        params: versionParams,
        body: {
          ...object({ fachbereichEdit: { type: 'boolean' }, publicRead: { type: 'boolean' } }),
          minProperties: 1,
        },
      },
    },
    async (request) => {
      const options = request.body as { fachbereichEdit?: boolean; publicRead?: boolean };
      return versionView(await store.setVersionOptions(actorOf(request), versionId(request.params), options));
    },
  );

  app.get(
    '/api/diff',
    {
      schema: {
        summary: 'Zwei Versionen Zelle für Zelle vergleichen (Veränderungsnachweis)',
        tags,
        querystring: object({ from: idText, to: idText }, ['from', 'to']),
      },
    },
    async (request) => {
      const q = request.query as { from: string; to: string };
      return store.diff(request.actor, Number(q.from), Number(q.to));
    },
  );

  app.get(
    '/api/versions/:v/export',
    {
      schema: {
        summary: 'Die Version exportieren',
        description: Object.entries(EXPORT_FORMATS)
          .map(([k, f]) => `${k}: ${f.title}`)
          .join('; '),
        tags,
        params: versionParams,
        querystring: object({ format: { type: 'string', enum: Object.keys(EXPORT_FORMATS) } }, ['format']),
      },
    },
    async (request, reply) => {
      const id = versionId(request.params);
      const { format } = request.query as { format: string };
      // through the job queue, from the cache when it can (exports.ts); anonymous readers get the PDF book
      // from the cache or a shared background print only
      const out = await exportVersion(
        { store, jobs, ...exports },
        {
          actor: request.actor,
          versionId: id,
          format,
          owner: ownerOf(request),
          signal: clientSignal(request, reply),
        },
      );
      return reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename="haushalt-version-${id}.${out.extension}"`)
        .send(out.body);
    },
  );
}
