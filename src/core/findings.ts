/**
 * Findings of `check`: values, not exceptions. Each carries where it applies (node, plan, line, column) and,
 * where a printed value is concerned, its source. Amounts are cents; renderers turn them into euros.
 */
import type { Budget, ColumnKind, PlanType, Source } from './model.js';
import type { Cents } from './money.js';

/**
 * `error`: a difference rounding cannot explain; `warning`: the document is ambiguous or contradicts itself
 * where that may be intended (explanations); `rounding`: a difference printed whole-euro rounding explains;
 * `info`: worth knowing (a misprinted label).
 */
export type Severity = 'error' | 'warning' | 'rounding' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'rounding', 'info'];

export interface Finding {
  readonly severity: Severity;
  /** Id of the rule that found it (see docs/checks.md). */
  readonly rule: string;
  /** German, for users. */
  readonly message: string;
  readonly node?: string;
  readonly plan?: PlanType | 'investitionen';
  readonly line?: string;
  readonly kind?: ColumnKind;
  readonly year?: number;
  readonly expected?: Cents;
  readonly actual?: Cents;
  /** actual − expected. */
  readonly difference?: Cents;
  readonly source?: Source;
}

/**
 * The nodes whose findings are wanted (by `Finding.node`); a rule given a scope reports only findings of
 * those nodes and may skip the work for the others. Without a scope: every finding.
 */
export type Scope = ReadonlySet<string>;

/** In a scope: the findings of no node (import notes of the whole document). */
export const NO_NODE = '';

/** True when a scope (or its absence) includes the node. */
export function inScope(scope: Scope | undefined, node: string): boolean {
  return scope === undefined || scope.has(node);
}

/** One check rule: a pure function of the budget. */
export interface Rule {
  readonly id: string;
  /** German one-line title, for reports and docs. */
  readonly title: string;
  readonly run: (budget: Budget, scope?: Scope) => readonly Finding[];
}

/** A finding's identity across edits and versions: rule, place and column (not the amounts). */
export type FindingKey = string;

/** The identity of a finding across edits and versions (`rule|node|plan|line|kind:year`), not its amounts. */
export function findingKey(f: Finding): FindingKey {
  const column = f.kind === undefined ? '' : `${f.kind}:${f.year ?? ''}`;
  return [f.rule, f.node ?? '', f.plan ?? '', f.line ?? '', column].join('|');
}

/** The node a finding key names (its second field; '' for findings of no node). */
export function nodeOfKey(key: FindingKey): string {
  return key.split('|')[1] ?? '';
}
