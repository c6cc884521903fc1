/**
 * Two versions compared cell by cell (the Veränderungsnachweis): each side as the reader may see it, the
 * comparison itself is the core's `diffBudgets`.
 */
import { diffBudgets } from '../core/diff.js';
import type { Actor } from '../core/workflow.js';
import type { VersionDiff } from './api.js';
import { scopeOf } from './cache.js';
import { reading, type StoreContext } from './context.js';

export async function diff(
  ctx: StoreContext,
  actor: Actor | undefined,
  fromVersion: number,
  toVersion: number,
): Promise<VersionDiff> {
  const [ra, rb] = await Promise.all([
    reading(ctx.db, actor, fromVersion),
    reading(ctx.db, actor, toVersion),
  ]);
  const [a, b] = [ra.version, rb.version];
  const [ea, eb] = await Promise.all([ctx.cache.get(a.id, a.revision), ctx.cache.get(b.id, b.revision)]);
  // each side as the reader may see it (a Fachbereich: its own Produktbereiche)
  const from = scopeOf(ea, ra.scope)?.budget ?? ea.budget;
  const to = scopeOf(eb, rb.scope)?.budget ?? eb.budget;
  return { from: a.id, to: b.id, ...diffBudgets(from, to) };
}
