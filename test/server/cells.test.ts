/**
 * Several cells changed in one step through the API (`PATCH /api/versions/:v/cells`, issue 16): one revision
 * and one audit group, the findings of the changed nodes in the answer; all or nothing — a stale revision is a
 * 409 naming the cell, a total line a 400, too many cells a 400 — and nothing written when refused. Rights per
 * cell for every role and version state: `matrix.test.ts`.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EDIT_CELLS } from '../../src/core/apply-cells.js';
import type { AuditEntry, Store, VersionInfo } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { NodeView } from '../../src/server/node-view.js';
import type { Ok } from '../../src/server/contract/index.js';
import { call, referenceServer, type Client, type Who } from './helpers.js';

let store: Store;
let app: FastifyInstance;
let who: Record<Who, Client>;
let v: VersionInfo;
let close: () => Promise<unknown[]>;

beforeAll(async () => {
  ({ store, app, who, version: v, close } = await referenceServer());
}, 120_000);
// every answer of these tests fits its route's schema in the contract
afterAll(async () => {
  expect(await close()).toEqual([]);
});

type Change = {
  node: string;
  plan: 'teilergebnisplan';
  line: string;
  column: { kind: 'planung'; year: number };
  amount: number;
  rev: number;
};

async function view(code: string): Promise<NodeView> {
  return (await call(app, who.kaemmerei, 'GET', `/api/versions/${v.id}/nodes/${code}`)).json<NodeView>();
}

/** Every printed planning-year cell of the node's editable Teilergebnisplan lines, moved by `by` cents. */
async function projection(code: string, by: number): Promise<Change[]> {
  const plan = (await view(code)).plans.find((p) => p.type === 'teilergebnisplan')!;
  return plan.lines.flatMap((l) =>
    !l.editable
      ? []
      : plan.columns.flatMap((c, i) =>
          c.kind !== 'planung' || l.cells[i]!.amount === null
            ? []
            : [
                {
                  node: code,
                  plan: 'teilergebnisplan' as const,
                  line: l.line,
                  column: { kind: 'planung' as const, year: c.year },
                  amount: (l.cells[i]!.amount ?? 0) + by,
                  rev: l.cells[i]!.rev,
                },
              ],
        ),
  );
}

function amountIn(node: NodeView, line: string, year: number): number | null {
  const plan = node.plans.find((p) => p.type === 'teilergebnisplan')!;
  const i = plan.columns.findIndex((c) => c.kind === 'planung' && c.year === year);
  return plan.lines.find((l) => l.line === line)!.cells[i]!.amount;
}

const patch = (body: unknown, client: Client = who.kaemmerei) =>
  call(app, client, 'PATCH', `/api/versions/${v.id}/cells`, body);

const auditOf = async (): Promise<AuditEntry[]> => store.audit(SYSTEM_ACTOR, { versionId: v.id });

describe('several cells in one step', () => {
  it('writes them in one revision and one audit group, and answers with the findings of the node', async () => {
    const changes = await projection('43.01', 10_000);
    expect(changes.length).toBeGreaterThan(1);
    const before = await store.getVersion(SYSTEM_ACTOR, v.id);
    const r = await patch({ changes, reason: 'Fortschreibung der Planungsjahre' });
    expect(r.statusCode).toBe(200);
    const result = r.json<Ok<'PATCH /api/versions/:v/cells'>>();
    expect(result.revision).toBe(before.revision + 1);
    expect((await store.getVersion(SYSTEM_ACTOR, v.id)).revision).toBe(before.revision + 1);
    // the node and its Produktbereich show the new amounts
    const after = await view('43.01');
    for (const c of changes) expect(amountIn(after, c.line, c.column.year)).toBe(c.amount);
    expect(result.changed.some((c) => c.node === '43')).toBe(true);
    const group = (await auditOf()).filter((e) => e.group === result.group);
    expect(group).toHaveLength(changes.length);
    expect(group.every((e) => e.reason === 'Fortschreibung der Planungsjahre' && e.action === 'cell')).toBe(
      true,
    );
    // the findings of 43.01 as the node view shows them
    expect(result.findings.open.map((f) => f.key)).toEqual(after.findings.open.map((f) => f.key));
    expect(result.findings.open.every((f) => f.node === '43.01')).toBe(true);
  });

  it('answers a stale revision with 409 naming the cell, and writes none of the cells', async () => {
    const changes = await projection('43.01', 20_000);
    const before = await view('43.01');
    const entries = (await auditOf()).length;
    const stale = { ...changes.at(-1)!, rev: changes.at(-1)!.rev + 3 };
    const r = await patch({ changes: [...changes.slice(0, -1), stale], reason: 'veraltet' });
    expect(r.statusCode).toBe(409);
    const body = r.json<{ error: string; message: string; current: { amount: number; rev: number } }>();
    expect(body.error).toBe('conflict');
    expect(body.message).toContain(
      `Zelle 43.01, Teilergebnisplan, Zeile ${stale.line}, Planung ${stale.column.year}: Der Wert wurde inzwischen geändert`,
    );
    expect(body.current.rev).toBe(stale.rev - 3);
    const after = await view('43.01');
    for (const c of changes)
      expect(amountIn(after, c.line, c.column.year)).toBe(amountIn(before, c.line, c.column.year));
    expect(await auditOf()).toHaveLength(entries);
  });

  it('refuses a total line among the cells with 400 naming it, and writes none of them', async () => {
    const changes = await projection('43.01', 30_000);
    const before = await view('43.01');
    const entries = (await auditOf()).length;
    const total = before.plans
      .find((p) => p.type === 'teilergebnisplan')!
      .lines.find((l) => l.total && l.cells.some((c) => c.amount !== null))!;
    const r = await patch({ changes: [...changes, { ...changes[0]!, line: total.line }], reason: 'Summe' });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ message: string }>().message).toMatch(
      new RegExp(
        `^Zelle 43\\.01, Teilergebnisplan, Zeile ${total.line.replace('.', '\\.')}, Planung .*Summenzeile`,
      ),
    );
    const after = await view('43.01');
    for (const c of changes)
      expect(amountIn(after, c.line, c.column.year)).toBe(amountIn(before, c.line, c.column.year));
    expect(await auditOf()).toHaveLength(entries);
  });

  it('refuses more cells than the limit, an empty list and a missing reason with 400', async () => {
    const [one] = await projection('43.01', 40_000);
    const tooMany = await patch({
      changes: Array.from({ length: MAX_EDIT_CELLS + 1 }, () => one),
      reason: 'zu viele',
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<{ message: string }>().message).toBe(
      'Im Inhalt: „changes“ hat zu viele Einträge (höchstens 2.000).',
    );
    const empty = await patch({ changes: [], reason: 'leer' });
    expect(empty.statusCode).toBe(400);
    expect((await patch({ changes: [one] })).statusCode).toBe(400);
    // a Leser changes nothing, however many cells
    expect((await patch({ changes: [one], reason: 'Leser' }, who.leser)).statusCode).toBe(403);
  });
});
