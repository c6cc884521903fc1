/**
 * The Anmeldung of the Fachbereiche: the requests with what the page shows beside them (the line's label, the
 * Kämmerei's figure in the version asked for, last years' Ansatz and Ergebnis), entering and withdrawing a
 * request, submitting a Produktbereich, the Kämmerei's decisions and Eckwerte. Rights: the store and
 * `src/core/anmeldung.ts`.
 */
import type { FastifyInstance } from 'fastify';
import { budgetYearOf, columnRefusal } from '../../core/entry-rules.js';
import { cellOf, columnLabel, planOf, sameColumn, type Budget } from '../../core/model.js';
import { jahresergebnisFactor } from '../../core/propagate.js';
import { schemaById, schemaLine } from '../../core/schema-data.js';
import type { AnmeldungRequest } from '../../store/api.js';
import type { AnmeldungStore } from '../../store/parts.js';
import { actorOf } from '../auth.js';
import type { Context } from '../server.js';
import { on } from '../typed.js';
import { versionId } from './versions.js';

/** A request with its line's label, the figure now in the budget and the comparison columns. */
function requestView(budget: Budget | undefined, r: AnmeldungRequest) {
  const node = budget?.nodes.find((n) => n.code === r.node);
  const plan = node ? planOf(node, r.plan) : undefined;
  const line = plan?.lines.find((l) => l.line === r.line);
  const schema = plan ? schemaById(plan.schemaId) : undefined;
  const budgetYear = plan ? budgetYearOf(plan.columns, budget?.year) : undefined;
  const compare = (plan?.columns ?? [])
    .filter((c) => !sameColumn(c, r.column) && columnRefusal(c, budgetYear, 'anmeldung') !== undefined)
    .map((c) => ({ label: columnLabel(c), amount: (line && cellOf(line, c)?.amount) ?? null }));
  return {
    ...r,
    nodeName: node?.name ?? r.node,
    label: (schema && schemaLine(schema, r.line)?.label) ?? line?.label ?? r.line,
    columnLabel: columnLabel(r.column),
    current: (line && cellOf(line, r.column)?.amount) ?? null,
    compare,
  };
}

/**
 * The Produktbereich's Zuschussbedarf in the budget year (−Jahresergebnis of its Teilergebnisplan, Ansatz), now
 * and with its open requests of that column taken over (each moves the Jahresergebnis by its line's factor,
 * `jahresergebnisFactor`): what the Eckwert limits.
 */
function zuschussOf(budget: Budget | undefined, pb: string, requests: readonly AnmeldungRequest[]) {
  const none = { zuschussbedarf: null, zuschussbedarfAngemeldet: null, budgetYear: null };
  const node = budget?.nodes.find((n) => n.code === pb);
  const plan = node ? planOf(node, 'teilergebnisplan') : undefined;
  const result = plan ? schemaById(plan.schemaId)?.lines.find((l) => l.jahresergebnis) : undefined;
  const year = plan ? budgetYearOf(plan.columns, budget?.year) : undefined;
  if (!budget || !plan || !result || year === undefined) return none;
  const column = { kind: 'ansatz' as const, year };
  const line = plan.lines.find((l) => l.line === result.line);
  const printed = line ? cellOf(line, column)?.amount : undefined;
  if (printed === undefined) return none;
  const now = -jahresergebnisFactor(plan, result.line) * printed;
  let effect = 0;
  for (const r of requests) {
    if (r.status !== 'offen' || r.plan !== 'teilergebnisplan' || !sameColumn(r.column, column)) continue;
    const n = budget.nodes.find((x) => x.code === r.node);
    const p = n ? planOf(n, 'teilergebnisplan') : undefined;
    const l = p?.lines.find((x) => x.line === r.line);
    if (!p) continue;
    effect += jahresergebnisFactor(p, r.line) * (r.amount - ((l && cellOf(l, column)?.amount) ?? 0));
  }
  return { zuschussbedarf: now, zuschussbedarfAngemeldet: now - effect, budgetYear: year };
}

export function anmeldungRoutes(app: FastifyInstance, { store }: Context<AnmeldungStore>): void {
  // signed-in users only: an anonymous reader is asked to log in (401), a Leser refused (403)
  on(
    app,
    'GET /api/versions/:v/anmeldung',
    async (request) => {
      const actor = actorOf(request);
      const v = versionId(request.params);
      const a = await store.anmeldung(actor, v);
      // the figures of the version asked for, else (a Fachbereich asking for an Entwurf it may not read) of the
      // Anmeldung itself
      const budget = await store
        .loadBudget(actor, v)
        .catch(() => store.loadBudget(actor, a.versionId))
        .catch(() => undefined);
      return {
        ...a,
        areas: a.areas.map((x) => ({
          ...x,
          ...zuschussOf(
            budget,
            x.produktbereich,
            a.requests.filter((r) => r.produktbereich === x.produktbereich),
          ),
        })),
        requests: a.requests.map((r) => requestView(budget, r)),
      };
    },
    { access: 'user' },
  );

  on(app, 'PUT /api/versions/:v/anmeldung/requests', async (request) =>
    store.requestFigure(actorOf(request), versionId(request.params), request.body),
  );

  on(app, 'DELETE /api/versions/:v/anmeldung/requests/:id', async (request) => {
    const id = Number(request.params.id);
    await store.withdrawRequest(actorOf(request), versionId(request.params), id);
    return { withdrawn: id };
  });

  on(app, 'POST /api/versions/:v/anmeldung/areas/:pb/submit', async (request) =>
    store.submitAnmeldung(
      actorOf(request),
      versionId(request.params),
      request.params.pb,
      request.body.reason,
    ),
  );

  on(app, 'POST /api/versions/:v/anmeldung/decisions', async (request) =>
    store.decideAnmeldung(actorOf(request), versionId(request.params), request.body),
  );

  on(app, 'PUT /api/versions/:v/anmeldung/areas/:pb/eckwert', async (request) =>
    store.setEckwert(actorOf(request), versionId(request.params), request.params.pb, request.body.eckwert),
  );

  on(app, 'POST /api/versions/:v/anmeldung/areas/:pb/return', async (request) =>
    store.handBackAnmeldung(
      actorOf(request),
      versionId(request.params),
      request.params.pb,
      request.body.comment,
    ),
  );

  // the marks in the plan: signed-in users only, as the Anmeldung itself
  on(
    app,
    'GET /api/versions/:v/nodes/:code/anmeldung',
    async (request) => ({
      requests: await store.nodeRequests(actorOf(request), versionId(request.params), request.params.code),
    }),
    { access: 'user' },
  );
}
