/**
 * Node views as sent, cached: the JSON of `GET /api/versions/:v/nodes/:code` per version revision and
 * settings, node and what the asking user may do (role and Produktbereiche decide the `editable` flags). The revision is read
 * from the database on every request, so an edit — in this process or another one on the same PostgreSQL —
 * makes every older entry unreachable at once; nothing stale is ever served. Least recently used entries go
 * first.
 */
import type { Store } from '../store/api.js';
import type { Actor } from '../store/workflow.js';

function actorKey(actor: Actor | undefined): string {
  return actor ? `${actor.role}:${actor.produktbereiche.join(',')}` : 'anonym';
}

export class ViewCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly max = 1000) {}

  /** The node view as JSON text; `make` builds it when this revision's view is not cached. */
  async nodeView(
    store: Store,
    actor: Actor | undefined,
    versionId: number,
    code: string,
    make: () => Promise<unknown>,
  ): Promise<string> {
    const version = await store.getVersion(actor, versionId); // also the read check, on every request
    // the version's settings decide the `editable` flags too (closing, stage, Fachbereich edits)
    const state = `${version.stage}|${version.closed}|${version.frozen}|${version.fachbereichEdit}`;
    const key = `${versionId}|${version.revision}|${state}|${code}|${actorKey(actor)}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key); // re-inserted: most recently used last
      this.entries.set(key, hit);
      return hit;
    }
    const json = JSON.stringify(await make());
    this.entries.set(key, json);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return json;
  }
}
