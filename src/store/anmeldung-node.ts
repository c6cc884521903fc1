/**
 * The requests for the cells of one node, for the marks in the plan and the line panel (`anmeldung.ts` keeps
 * the Anmeldung itself): one query for the node shown, the same reading rules as the Anmeldung (the Kämmerei,
 * a Fachbereich for its own Produktbereiche; a Leser and anonymous readers are refused). A version with no
 * Anmeldung behind it has none.
 */
import { anmeldungReadRefusal, mayReadAnmeldung } from '../core/anmeldung.js';
import type { Actor } from '../core/workflow.js';
import { anmeldungVersion, refuse, requestOf } from './anmeldung.js';
import type { AnmeldungRequest, VersionInfo } from './api.js';
import { StoreError } from './api.js';
import { reading, type StoreContext } from './context.js';

export async function nodeRequests(
  ctx: StoreContext,
  actor: Actor | undefined,
  versionId: number,
  node: string,
): Promise<AnmeldungRequest[]> {
  refuse(anmeldungReadRefusal(actor));
  // the version shown must be readable by the actor (as its plans are)
  await reading(ctx.db, actor, versionId);
  let a: VersionInfo;
  try {
    a = await anmeldungVersion(ctx.db, versionId);
  } catch (e) {
    if (e instanceof StoreError && e.code === 'not-found') return [];
    throw e;
  }
  const rows = await ctx.db
    .selectFrom('anmeldung_request')
    .selectAll()
    .where('version_id', '=', a.id)
    .where('node', '=', node)
    .orderBy('id')
    .execute();
  return rows.map(requestOf).filter((r) => mayReadAnmeldung(actor, r.produktbereich));
}
