/**
 * What the web workbench needs beyond the API of the other routes: the built front end itself (`dist/web`, with
 * the SPA fallback to `index.html` for every GET outside `/api/`), a node as imported with the sources of its
 * values, full-text search over a version, the Teilergebnisplan lines of a node's children (for the
 * Zuschussbedarf chart) and downloads of one node as German CSV or XLSX.
 */
import type { ContentStore } from '../../store/parts.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ancestorsOf } from '../../core/hierarchy.js';
import type { Budget } from '../../core/model.js';
import { exportBudget } from '../../exporters/index.js';
import { ApiError } from '../errors.js';
import type { Context } from '../server.js';
import { searchBudget } from '../../core/search.js';
import { on } from '../typed.js';
import { versionId } from './versions.js';

// src/server/routes (vitest) or dist/src/server/routes (built)
const UP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PROJECT = UP.endsWith('dist') ? path.dirname(UP) : UP;
export const WEB_ROOT = path.join(PROJECT, 'dist', 'web');

/** The budget reduced to one node's content; its ancestors stay, without content, for the hierarchy columns. */
function oneNode(budget: Budget, code: string): Budget {
  const byCode = new Map(budget.nodes.map((n) => [n.code, n]));
  const node = byCode.get(code);
  if (!node) throw new ApiError(404, 'not-found', `Die Einheit ${code} gibt es in dieser Version nicht.`);
  const keep = new Set([code, ...ancestorsOf(byCode, code).map((n) => n.code)]);
  return {
    ...budget,
    nodes: budget.nodes
      .filter((n) => keep.has(n.code))
      .map((n) => (n === node ? n : { ...n, plans: [], investitionen: undefined, erlaeuterungen: [] })),
    notes: [],
  };
}

function serveFrontEnd(app: FastifyInstance): void {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) {
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('Die Weboberfläche ist nicht gebaut: bitte „npm run build“ ausführen.\n'),
    );
    return;
  }
  void app.register(fastifyStatic, {
    root: WEB_ROOT,
    wildcard: false,
    index: false,
    // the cache headers are ours alone (the plugin's own `public, max-age=0` would replace them)
    cacheControl: false,
    setHeaders: (res, file) => {
      // hashed asset names never change their content; index.html must always be fetched anew
      res.setHeader(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api')
      throw new ApiError(404, 'not-found', `Diese Adresse gibt es nicht: GET ${request.url.split('?')[0]}`);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/** The Teilergebnispläne of the node's children (amounts only), as `…/children-ergebnis` answers. */
export function childrenErgebnis(budget: Budget, code: string) {
  return budget.nodes
    .filter((n) => n.parent === code)
    .map((n) => {
      const plan = n.plans.find((p) => p.type === 'teilergebnisplan');
      return {
        code: n.code,
        name: n.name,
        columns: plan?.columns ?? [],
        lines: (plan?.lines ?? []).map((l) => ({
          line: l.line,
          cells: l.cells.map((c) => ({ column: c.column, amount: c.amount })),
        })),
      };
    });
}

export function webRoutes(app: FastifyInstance, { store }: Context<ContentStore>): void {
  serveFrontEnd(app);

  on(app, 'GET /api/versions/:v/nodes/:code/sources', async (request) => {
    const detail = await store.getNode(request.actor, versionId(request.params), request.params.code);
    return { node: detail.node };
  });

  on(app, 'GET /api/versions/:v/search', async (request) => {
    const budget = await store.loadBudget(request.actor, versionId(request.params));
    return { hits: searchBudget(budget, request.query.q, 200) };
  });

  on(app, 'GET /api/versions/:v/nodes/:code/children-ergebnis', async (request) => {
    const { code } = request.params;
    // the node's neighbourhood holds its children whole: no load of the whole version
    const budget = await store.loadBudget(request.actor, versionId(request.params), { around: code });
    return { children: childrenErgebnis(budget, code) };
  });

  on(app, 'GET /api/versions/:v/nodes/:code/download', async (request, reply) => {
    const { code } = request.params;
    const { format } = request.query;
    const id = versionId(request.params);
    const budget = oneNode(await store.loadBudget(request.actor, id), code);
    const out = await exportBudget(budget, format);
    const extension = format === 'xlsx' ? 'xlsx' : 'csv';
    const name = `haushalt-v${id}-${code.replace(/[^0-9A-Za-z.-]/gu, '_')}${format === 'plan-csv' ? '-plaene' : ''}.${extension}`;
    void reply.header('content-disposition', `attachment; filename="${name}"`);
    if (out.type === 'text') return reply.type('text/csv; charset=utf-8').send(out.text);
    if (out.type === 'bytes')
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(Buffer.from(out.bytes));
    throw new ApiError(400, 'invalid', `Das Format ${format} liefert keine einzelne Datei.`);
  });
}
