/**
 * Node views as sent, cached: the answer to `GET /api/versions/:v/nodes/:code` per version revision, the
 * budget's findings revision (accepted findings) and settings, node and what the asking user may do (role and Produktbereiche decide the `editable` flags). The
 * revision is asked of the store on every request (on PostgreSQL answered from memory that change
 * notifications keep current, `src/store/fresh.ts`), so an edit — in this process at once, in another one on
 * the same PostgreSQL as soon as its notice arrives — makes every older entry unreachable. Least recently
 * used entries go first.
 *
 * An entry keeps the JSON as bytes, its gzip form (made on the first request that accepts gzip; a node view
 * shrinks about tenfold, and writing to the socket is the largest cost of a cached answer) and an ETag, so
 * that a client that has the current view gets `304 Not Modified` without a body.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { VersionReader } from '../store/parts.js';
import type { Actor } from '../core/workflow.js';

function actorKey(actor: Actor | undefined): string {
  return actor ? `${actor.role}:${actor.produktbereiche.join(',')}` : 'anonym';
}

/** One cached answer. */
export class CachedView {
  private gzipped: Buffer | undefined;
  readonly etag: string;

  constructor(readonly json: Buffer) {
    this.etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  }

  get gzip(): Buffer {
    this.gzipped ??= gzipSync(this.json, { level: 6 });
    return this.gzipped;
  }
}

/**
 * True when an `Accept-Encoding` header allows gzip (`gzip` or `*` with a quality above 0, RFC 9110 § 12.5.3).
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/u.exec(p)?.[1]).find((v) => v !== undefined);
    const allowed = q === undefined || Number(q) > 0;
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') return allowed;
    if (name.trim() === '*') star = allowed;
  }
  return star ?? false;
}

/** True when `If-None-Match` names the entity tag (weak comparison, RFC 9110 § 13.1.2). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//u, '') === etag);
}

export class ViewCache {
  private readonly entries = new Map<string, CachedView>();

  constructor(private readonly max = 1000) {}

  /** The node view; `make` builds it, as JSON text, when this revision's view is not cached. */
  async nodeView(
    store: Pick<VersionReader, 'getVersion'>,
    actor: Actor | undefined,
    versionId: number,
    code: string,
    make: () => Promise<string | Buffer | ArrayBuffer>,
  ): Promise<CachedView> {
    const version = await store.getVersion(actor, versionId); // also the read check, on every request
    // the version's settings decide the `editable` flags too (closing, stage, Fachbereich edits)
    const state = `${version.stage}|${version.closed}|${version.frozen}|${version.fachbereichEdit}`;
    // accepting a finding changes no version's revision but every view of the budget's nodes
    const key = `${versionId}|${version.revision}|${version.findingsRevision}|${state}|${code}|${actorKey(actor)}`;
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key); // re-inserted: most recently used last
      this.entries.set(key, hit);
      return hit;
    }
    const made = await make();
    const view = new CachedView(
      typeof made === 'string' ? Buffer.from(made, 'utf8') : Buffer.isBuffer(made) ? made : Buffer.from(made),
    );
    this.entries.set(key, view);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return view;
  }
}
