/**
 * Routes that read one node's neighbourhood instead of the whole version (issue 16): the Teilergebnispläne of a
 * node's children (`…/children-ergebnis`, the charts) are those of the whole version, for the Kämmerei and for a
 * Fachbereich, whose other Produktbereiche stay unknown to it. The node view itself: test/store/around.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Budget } from '../../src/core/model.js';
import { childrenErgebnis } from '../../src/server/routes/web.js';
import type { VersionInfo } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import {
  PASSWORD,
  addUsers,
  call,
  clients,
  generatedBudget,
  importAt,
  login,
  memoryServer,
  type Client,
  type Who,
} from './helpers.js';

let server: Awaited<ReturnType<typeof memoryServer>>;
let who: Record<Who, Client>;
let v: VersionInfo;
let budget: Budget;

beforeAll(async () => {
  server = await memoryServer();
  await addUsers(server.store);
  who = await clients(server.app);
  budget = generatedBudget(40);
  v = await importAt(server.store, budget, 'anmeldung', 'Nachbarschaft');
}, 60_000);
afterAll(async () => {
  await server.app.close();
  await server.store.close();
});

describe('children-ergebnis from the neighbourhood', () => {
  it('gives the Kämmerei the children of every node as the whole version has them', async () => {
    const whole = budget; // as imported: the store never loads the whole version here
    for (const node of whole.nodes) {
      const r = await call(
        server.app,
        who.kaemmerei,
        'GET',
        `/api/versions/${v.id}/nodes/${node.code}/children-ergebnis`,
      );
      expect(r.statusCode, node.code).toBe(200);
      expect(r.json<{ children: unknown[] }>().children, node.code).toEqual(
        childrenErgebnis(whole, node.code),
      );
    }
    expect(server.violations).toEqual([]);
  });

  it('gives a Fachbereich the children in its Produktbereiche, and nothing of the others', async () => {
    const whole = budget; // as imported: the store never loads the whole version here
    const [own, other] = whole.nodes.filter((n) => n.level === 'produktbereich').map((n) => n.code);
    expect(other).toBeDefined();
    await server.store.addUser(SYSTEM_ACTOR, {
      name: 'fb-erster',
      password: PASSWORD,
      role: 'fachbereich',
      produktbereiche: [own!],
    });
    const fb = await login(server.app, 'fb-erster');
    const url = (code: string) => `/api/versions/${v.id}/nodes/${code}/children-ergebnis`;
    for (const code of [own!, ...whole.nodes.filter((n) => n.parent === own).map((n) => n.code)]) {
      const r = await call(server.app, fb, 'GET', url(code));
      expect(r.statusCode, code).toBe(200);
      expect(r.json<{ children: unknown[] }>().children, code).toEqual(childrenErgebnis(whole, code));
    }
    const refused = await call(server.app, fb, 'GET', url(other!));
    expect(refused.statusCode).toBe(404);
    expect(server.violations).toEqual([]);
  });
});
