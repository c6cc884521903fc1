/**
 * The budget hierarchy Haushalt → Produktbereich → Produktgruppe → Produkt. Codes are opaque, so a node's
 * parent is the nearest node of a higher level whose code is a prefix of its own (`43` ⊂ `43.01` ⊂ `43.01.01`,
 * also `01` ⊂ `0101`); levels may be missing in print.
 */
import { LEVELS, type Budget, type BudgetNode, type Level } from './model.js';

function rank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** Returns the nodes with `parent` set from their codes and levels (an explicit parent is kept). */
export function resolveParents(nodes: readonly BudgetNode[]): BudgetNode[] {
  const byCode = new Map<string, BudgetNode>();
  for (const n of nodes) if (n.level !== 'haushalt' && !byCode.has(n.code)) byCode.set(n.code, n);
  return nodes.map((node) => {
    if (node.parent !== undefined || node.level === 'haushalt') return node;
    // the longest proper prefix of the code that names a node of a higher level
    for (let len = node.code.length - 1; len > 0; len--) {
      const candidate = byCode.get(node.code.slice(0, len));
      if (candidate && rank(candidate.level) < rank(node.level)) return { ...node, parent: candidate.code };
    }
    return node;
  });
}

/** The direct children of a node, in document order. */
export function childrenOf(budget: Budget, code: string): BudgetNode[] {
  return budget.nodes.filter((n) => n.parent === code);
}

export function nodeByCode(budget: Budget, code: string): BudgetNode | undefined {
  return budget.nodes.find((n) => n.code === code);
}

/** Top-level Teilplan nodes: those below the Haushalt without a parent in the budget. */
export function topNodes(budget: Budget): BudgetNode[] {
  return budget.nodes.filter((n) => n.level !== 'haushalt' && n.parent === undefined);
}

/** What the walk up the hierarchy needs of a node: its code and its parent's code. */
export interface Linked {
  readonly code: string;
  readonly parent?: string | null | undefined;
}

/** Guard against a cycle in a hand-edited hierarchy: no budget is deeper than a few levels. */
const MAX_DEPTH = 50;

/**
 * The nodes above `code`, nearest first (its parent, the parent's parent, …), as far as `byCode` holds them;
 * the node itself is not included. The one walk to the top: the Produktbereich of a node (`access.ts`), the
 * path of a node view, the scope of a recheck.
 */
export function ancestorsOf<N extends Linked>(byCode: ReadonlyMap<string, N>, code: string): N[] {
  const out: N[] = [];
  let current = byCode.get(code);
  for (let i = 0; current && i < MAX_DEPTH; i++) {
    const parent: string | null | undefined = current.parent;
    current = parent === undefined || parent === null ? undefined : byCode.get(parent);
    if (current) out.push(current);
  }
  return out;
}

/**
 * The first node on the way up from `code` (itself included) that `stop` accepts, else the topmost node the
 * walk reaches (`code` itself when `byCode` does not hold it).
 */
export function topOf<N extends Linked>(
  byCode: ReadonlyMap<string, N>,
  code: string,
  stop: (node: N) => boolean = () => false,
): string {
  const self = byCode.get(code);
  if (!self) return code;
  let top = self.code;
  for (const node of [self, ...ancestorsOf(byCode, code)]) {
    top = node.code;
    if (stop(node)) return top;
  }
  return top;
}

/**
 * The part of a budget under one unit (the unit and every unit below it), as a book or an export of that unit
 * prints it: its notes, without the parts of the whole plan (Satzung, Übersichten); undefined when the budget
 * has no such unit.
 */
export function unitBudget(budget: Budget, code: string): Budget | undefined {
  if (!budget.nodes.some((n) => n.code === code)) return undefined;
  const children = new Map<string, string[]>();
  for (const n of budget.nodes)
    if (n.parent !== undefined) children.set(n.parent, [...(children.get(n.parent) ?? []), n.code]);
  const keep = new Set<string>();
  const open = [code];
  while (open.length > 0) {
    const c = open.pop()!;
    if (keep.has(c)) continue;
    keep.add(c);
    open.push(...(children.get(c) ?? []));
  }
  const part: Budget = {
    ...budget,
    nodes: budget.nodes.filter((n) => keep.has(n.code)),
    notes: budget.notes.filter((n) => n.node === undefined || keep.has(n.node)),
  };
  delete (part as { parts?: unknown }).parts;
  return part;
}
