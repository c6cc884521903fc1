/**
 * The entry rules on the server (`src/core/entry-rules.ts`, issue 17 item 6): in a version of the 2026 budget
 * (the reference, as an Anmeldung and as an Entwurf) the Ansatz 2025 — last year's adopted budget — and the
 * Ergebnis columns are refused for every role with a German reason, not only hidden by the page; a whole-euro
 * plan refuses cents; the node view tells the page which columns are locked and that the plan takes whole euros.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, VersionInfo } from '../../src/store/api.js';
import type { NodeView } from '../../src/server/node-view.js';
import { call, importAt, referenceBudget, referenceServer, type Client, type Who } from './helpers.js';

let store: Store;
let app: FastifyInstance;
let who: Record<Who, Client>;
let entwurf: VersionInfo;
let close: () => Promise<unknown[]>;

beforeAll(async () => {
  ({ store, app, who, version: entwurf, close } = await referenceServer());
}, 120_000);
afterAll(async () => {
  expect(await close()).toEqual([]);
});

async function view(v: number, client: Client = who.kaemmerei): Promise<NodeView> {
  return (await call(app, client, 'GET', `/api/versions/${v}/nodes/43.01`)).json<NodeView>();
}

function put(v: number, client: Client, node: NodeView, kind: string, year: number, amount: number) {
  const plan = node.plans.find((p) => p.type === 'teilergebnisplan')!;
  const i = plan.columns.findIndex((c) => c.kind === kind && c.year === year);
  expect(i, `${kind} ${year}`).toBeGreaterThanOrEqual(0);
  const rev = plan.lines.find((l) => l.line === '13')!.cells[i]!.rev;
  return call(app, client, 'PUT', `/api/versions/${v}/cells`, {
    node: '43.01',
    plan: 'teilergebnisplan',
    line: '13',
    column: { kind, year },
    amount,
    rev,
    reason: 'Eingaberegel',
  });
}

describe('entry rules on the server', () => {
  it('says which columns are locked and that the plan takes whole euros', async () => {
    const plan = (await view(entwurf.id)).plans.find((p) => p.type === 'teilergebnisplan')!;
    const locked = Object.fromEntries(plan.columns.map((c) => [`${c.kind} ${c.year}`, c.locked]));
    expect(locked['ansatz 2025']).toContain('Ansatz 2025 ist der beschlossene Haushalt des Vorjahres');
    expect(locked['ergebnis 2024']).toContain('Ergebnis-Spalten sind in einer Planfassung nicht änderbar');
    expect(locked['ansatz 2026']).toBeNull();
    expect(locked['planung 2027']).toBeNull();
    expect(plan.wholeEuros).toBe(true);
  });

  it('refuses the Ansatz of the year before in the Entwurf and in an Anmeldung, for the Kämmerei and a Fachbereich', async () => {
    const anmeldung = await importAt(store, await referenceBudget(), 'anmeldung');
    for (const [v, client] of [
      [entwurf.id, who.kaemmerei],
      [anmeldung.id, who.kaemmerei],
    ] as const) {
      const node = await view(v, client);
      const refused = await put(v, client, node, 'ansatz', 2025, -100_00);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json<{ message: string }>().message).toBe(
        'Ansatz 2025 ist der beschlossene Haushalt des Vorjahres und steht nur zum Vergleich im Haushalt 2026; er ist nicht änderbar.',
      );
      const ergebnis = await put(v, client, node, 'ergebnis', 2024, -100_00);
      expect(ergebnis.statusCode).toBe(400);
      // the budget year is open to the same user
      const ok = await put(v, client, node, 'ansatz', 2026, -123_400);
      expect(ok.statusCode, ok.body).toBe(200);
    }
    // a Fachbereich requests figures in the Anmeldung instead of overwriting cells; the same rules hold
    const node = await view(anmeldung.id, who.fachbereich);
    const overwrite = await put(anmeldung.id, who.fachbereich, node, 'ansatz', 2026, -123_400);
    expect(overwrite.statusCode).toBe(403);
    expect(overwrite.json<{ message: string }>().message).toContain(
      'bitte den Betrag mit Begründung anmelden',
    );
    const request = (year: number) =>
      call(app, who.fachbereich, 'PUT', `/api/versions/${anmeldung.id}/anmeldung/requests`, {
        node: '43.01',
        plan: 'teilergebnisplan',
        line: '13',
        column: { kind: 'ansatz', year },
        amount: -123_400,
        reason: 'Anmeldung',
      });
    const refused = await request(2025);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ message: string }>().message).toBe(
      'Ansatz 2025 ist der beschlossene Haushalt des Vorjahres und steht nur zum Vergleich im Haushalt 2026; er ist nicht änderbar.',
    );
    expect((await request(2026)).statusCode).toBe(200);
  });

  it('refuses cents in a whole-euro plan with a clear message, and stores nothing', async () => {
    const node = await view(entwurf.id);
    const refused = await put(entwurf.id, who.kaemmerei, node, 'planung', 2027, -123_456);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ message: string }>().message).toBe(
      'Dieser Plan wird in vollen Euro geführt: bitte einen Betrag ohne Cent eingeben (-1.234,56 ist z. B. -1.234 oder -1.235).',
    );
    const after = (await view(entwurf.id)).plans.find((p) => p.type === 'teilergebnisplan')!;
    const i = after.columns.findIndex((c) => c.kind === 'planung' && c.year === 2027);
    expect(after.lines.find((l) => l.line === '13')!.cells[i]!.amount).not.toBe(-123_456);
  });
});
