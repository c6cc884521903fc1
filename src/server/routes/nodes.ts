/**
 * A version's content: the node tree, one node with everything to render it (`node-view.ts`), and edits: a
 * plan cell (`PUT /api/versions/:v/cells`, naming the cell's revision; a stale one gets 409 with the cell as
 * now stored) and an Erläuterung item (naming the node's revision).
 */
import type { FastifyInstance } from 'fastify';
import type { NodeSummary } from '../../store/api.js';
import type { ContentStore } from '../../store/parts.js';
import type { Actor } from '../../core/workflow.js';
import { actorOf } from '../auth.js';
import { nodeView } from '../node-view.js';
import { ViewCache, acceptsGzip, matchesEtag } from '../view-cache.js';
import {
  cents,
  column,
  lineNumber,
  nodeCode,
  object,
  planType,
  reason,
  text,
  versionParams,
  idText,
} from '../schemas.js';
import type { Context } from '../server.js';
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
    store.loadBudget(actor, id),
    store.findings(actor, id, { node: code }),
  ]);
  return nodeView(budget, detail, version, actor, findings);
}

const nodeParams = object({ v: idText, code: nodeCode }, ['v', 'code']);

export function nodeRoutes(app: FastifyInstance, { store }: Context<ContentStore>): void {
  const tags = ['Inhalt'];
  const views = new ViewCache();
  app.get(
    '/api/versions/:v/nodes',
    {
      schema: {
        summary: 'Die Einheiten der Version als Baum (Produktbereiche, -gruppen, Produkte)',
        tags,
        params: versionParams,
      },
    },
    async (request) => ({ tree: nodeTree(await store.listNodes(request.actor, versionId(request.params))) }),
  );

  app.get(
    '/api/versions/:v/nodes/:code',
    {
      schema: {
        summary:
          'Eine Einheit: Pläne mit Zeilen, Summen, Revisionen, Bearbeitbarkeit, Erläuterungen, Befunde',
        tags,
        params: nodeParams,
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const id = versionId(request.params);
      const view = await views.nodeView(store, request.actor, id, code, () =>
        loadNodeView(store, request.actor, id, code),
      );
      // the answer depends on who asks: never stored by shared caches, always revalidated
      void reply
        .header('cache-control', 'private, no-cache')
        .header('etag', view.etag)
        .header('vary', 'accept-encoding, authorization, cookie');
      if (matchesEtag(request.headers['if-none-match'], view.etag)) return reply.code(304).send();
      reply.type('application/json; charset=utf-8');
      if (!acceptsGzip(request.headers['accept-encoding'])) return reply.send(view.json);
      return reply.header('content-encoding', 'gzip').send(view.gzip);
    },
  );

  app.put(
    '/api/versions/:v/cells',
    {
      schema: {
        summary: 'Einen Betrag ändern (mit der Revision der Zelle; veraltet → 409 mit dem aktuellen Wert)',
        tags,
        params: versionParams,
        body: object(
          {
            node: nodeCode,
            plan: planType,
            line: lineNumber,
            column,
            amount: cents,
            rev: { type: 'integer', minimum: 0, maximum: 2 ** 31 },
            reason,
          },
          ['node', 'plan', 'line', 'column', 'amount', 'rev', 'reason'],
        ),
      },
    },
    async (request) => {
      const edit = request.body as Parameters<ContentStore['editCell']>[2];
      return store.editCell(actorOf(request), versionId(request.params), edit);
    },
  );

  app.put(
    '/api/versions/:v/nodes/:code/erlaeuterungen/:index',
    {
      schema: {
        summary: 'Einen Posten einer Erläuterung ändern oder anfügen (mit der Revision der Einheit)',
        tags,
        params: object({ v: idText, code: nodeCode, index: { type: 'string', pattern: '^[0-9]{1,4}$' } }, [
          'v',
          'code',
          'index',
        ]),
        body: object(
          {
            item: { type: 'integer', minimum: 0, maximum: 9999 },
            text: text(),
            amount: { anyOf: [cents, { type: 'null' }] },
            rev: { type: 'integer', minimum: 0, maximum: 2 ** 31 },
            reason,
          },
          ['text', 'rev', 'reason'],
        ),
      },
    },
    async (request) => {
      const { code, index } = request.params as { code: string; index: string };
      const body = request.body as {
        item?: number;
        text: string;
        amount?: number | null;
        rev: number;
        reason: string;
      };
      const actor = actorOf(request);
      const id = versionId(request.params);
      await store.editErlaeuterung(actor, id, { node: code, erlaeuterung: Number(index), ...body });
      return loadNodeView(store, actor, id, code);
    },
  );
}
