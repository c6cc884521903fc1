/**
 * A version's content: the node tree, one node with everything to render it (`node-view.ts`), and edits: a
 * plan cell (`PUT /api/versions/:v/cells`, naming the cell's revision; a stale one gets 409 with the cell as
 * now stored), several cells in one step (`PATCH /api/versions/:v/cells`: all or nothing, one revision, one
 * audit group) and an Erläuterung item (naming the node's revision).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { NodeSummary } from '../../store/api.js';
import type { Actor } from '../../core/workflow.js';
import { actorOf } from '../auth.js';
import { nodeView } from '../node-view.js';
import { ViewCache, acceptsGzip, matchesEtag } from '../view-cache.js';
import type { ContentStore } from '../../store/parts.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { versionId } from './versions.js';

interface TreeNode extends NodeSummary {
  readonly children: TreeNode[];
}

/** The flat node list (document order) as a tree by `parent`. */
export function nodeTree(nodes: readonly NodeSummary[]): TreeNode[] {
  const byCode = new Map<string, TreeNode>(nodes.map((n) => [n.code, { ...n, children: [] }]));
  const roots: TreeNode[] = [];
  for (const n of nodes) {
    const t = byCode.get(n.code)!;
    const parent = n.parent === null ? undefined : byCode.get(n.parent);
    if (parent && parent !== t) parent.children.push(t);
    else roots.push(t);
  }
  return roots;
}

export async function loadNodeView(store: ContentStore, actor: Actor | undefined, id: number, code: string) {
  const detail = await store.getNode(actor, id, code);
  const [version, budget, findings] = await Promise.all([
    store.getVersion(actor, id),
    store.loadBudget(actor, id, { around: code }), // the node's neighbourhood, not the whole version
    store.findings(actor, id, { node: code }),
  ]);
  return nodeView(budget, detail, version, actor, findings);
}

export function nodeRoutes(app: FastifyInstance, { store }: Context<ContentStore>): void {
  const views = new ViewCache();
  on(app, 'GET /api/versions/:v/nodes', async (request) => ({
    tree: nodeTree(await store.listNodes(request.actor, versionId(request.params))),
  }));

  on(app, 'GET /api/versions/:v/nodes/:code', async (request, reply) => {
    const { code } = request.params;
    const id = versionId(request.params);
    // serialised by the route's answer schema once per cached view (`reply.serialize`)
    const view = await views.nodeView(store, request.actor, id, code, async () =>
      reply.serialize(await loadNodeView(store, request.actor, id, code)),
    );
    // the answer depends on who asks: never stored by shared caches, always revalidated
    void reply
      .header('cache-control', 'private, no-cache')
      .header('etag', view.etag)
      .header('vary', 'accept-encoding, authorization, cookie');
    if (matchesEtag(request.headers['if-none-match'], view.etag)) return reply.code(304).send(undefined);
    // the bytes as serialised above: sent as they are
    const raw: FastifyReply = reply.type('application/json; charset=utf-8');
    if (!acceptsGzip(request.headers['accept-encoding'])) return raw.send(view.json);
    return raw.header('content-encoding', 'gzip').send(view.gzip);
  });

  on(app, 'PUT /api/versions/:v/cells', async (request) =>
    store.editCell(actorOf(request), versionId(request.params), request.body),
  );

  // several cells in one step, all or nothing; the findings of the nodes whose cells were changed
  on(app, 'PATCH /api/versions/:v/cells', async (request) => {
    const actor = actorOf(request);
    const id = versionId(request.params);
    const result = await store.editCells(actor, id, request.body);
    const nodes = [...new Set(request.body.changes.map((c) => c.node))];
    return { ...result, findings: await store.findings(actor, id, { nodes }) };
  });

  on(app, 'PUT /api/versions/:v/nodes/:code/erlaeuterungen/:index', async (request) => {
    const { code, index } = request.params;
    const actor = actorOf(request);
    const id = versionId(request.params);
    await store.editErlaeuterung(actor, id, { node: code, erlaeuterung: Number(index), ...request.body });
    return loadNodeView(store, actor, id, code);
  });
}
