/**
 * Who may read what of a version: the read side of the role model (the write side is `mayEdit` and
 * `mayAdminister` in `workflow.ts`). Pure; the store asks these functions on every read, nothing else decides.
 *
 * | reader        | what it reads                                                                           |
 * | ------------- | --------------------------------------------------------------------------------------- |
 * | anonymous     | versions the Kämmerei made public (the ausgelegt Entwurf and the bekanntgemacht budget   |
 * |               | become public on their own)                                                             |
 * | Leser         | public versions and released ones: from the Entwurf the Bürgermeister confirmed and     |
 * |               | sent to the council (`bestaetigt`) to the announced budget                              |
 * | Fachbereich   | what a Leser reads, and within its own Produktbereiche: the Anmeldungen and an Entwurf  |
 * |               | the Kämmerei opened for Fachbereich edits                                               |
 * | Kämmerei      | everything                                                                              |
 *
 * `docs/security.md` has the whole table (role × stage × what).
 */
import { topOf } from '../core/hierarchy.js';
import type { Budget } from '../core/model.js';
import { withinProduktbereiche, type Actor, type Stage, type VersionState } from '../core/workflow.js';

/** What of a version a reader sees: all of it, the subtrees of some Produktbereiche, or nothing. */
export type ReadScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'produktbereiche'; readonly codes: readonly string[] }
  | { readonly kind: 'none' };

const ALL: ReadScope = { kind: 'all' };
const NONE: ReadScope = { kind: 'none' };

/** Stages in which a version has left the administration: the council and its members read it. */
export function isReleasedStage(stage: Stage): boolean {
  return (
    stage === 'bestaetigt' ||
    stage === 'ausgelegt' ||
    stage === 'veraenderungsliste' ||
    stage === 'beschluss' ||
    stage === 'angezeigt' ||
    stage === 'bekanntgemacht'
  );
}

export function readScope(actor: Actor | undefined, version: VersionState): ReadScope {
  if (version.publicRead) return ALL;
  if (!actor) return NONE;
  if (actor.role === 'kaemmerei' || actor.role === 'system') return ALL;
  if (isReleasedStage(version.stage)) return ALL;
  if (
    actor.role === 'fachbereich' &&
    (version.stage === 'anmeldung' || (version.stage === 'entwurf' && version.fachbereichEdit))
  )
    return { kind: 'produktbereiche', codes: actor.produktbereiche };
  return NONE;
}

/** What `visibleCodes` needs of a node. */
export interface NodeShape {
  readonly code: string;
  readonly level: string;
  readonly parent?: string | null | undefined;
}

/**
 * The Produktbereich a node belongs to: the nearest node of level `produktbereich` on its way up (itself
 * included), else the topmost node it reaches. Codes need not be dotted: the hierarchy decides.
 */
export function produktbereichOf(byCode: ReadonlyMap<string, NodeShape>, code: string): string {
  return topOf(byCode, code, (node) => node.level === 'produktbereich');
}

/** The codes of the nodes a scope lets one see (`undefined` for all). */
export function visibleCodes(nodes: readonly NodeShape[], scope: ReadScope): ReadonlySet<string> | undefined {
  if (scope.kind === 'all') return undefined;
  if (scope.kind === 'none') return new Set();
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const visible = new Set<string>();
  for (const n of nodes) {
    const pb = produktbereichOf(byCode, n.code);
    if (withinProduktbereiche(pb, scope.codes)) visible.add(n.code);
  }
  return visible;
}

/** The budget as a scope lets one see it: only the visible nodes, no import notes about the others. */
export function scopedBudget(budget: Budget, visible: ReadonlySet<string> | undefined): Budget {
  if (visible === undefined) return budget;
  return {
    ...budget,
    nodes: budget.nodes.filter((n) => visible.has(n.code)),
    notes: budget.notes.filter((n) => n.node !== undefined && visible.has(n.node)),
  };
}
