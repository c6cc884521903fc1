/**
 * One comparison of a printed amount of a part (Satzung, Querschnitt, VE overview) with what the plans or the
 * part's other amounts say, as `compare` words it: the part's amount with its own rounding uncertainty, placed
 * on a unit where there is one (`node`), on the plan compared with where that is one plan (`plan`), `line` the
 * part's figure or column.
 */
import type { Finding } from '../findings.js';
import type { Column, PlanType, Source } from '../model.js';
import type { Cents } from '../money.js';
import { partTolerance, type PartAmount } from '../parts/amounts.js';
import { compare } from './compare.js';

export interface PartComparison {
  readonly rule: string;
  readonly node: string | undefined;
  readonly plan?: PlanType | 'investitionen';
  readonly line: string;
  readonly column: Column;
  readonly subject: string;
  readonly basis: string;
  readonly printed: PartAmount;
  readonly expected: Cents;
  /** The rounding uncertainty of what the expected amount rests on. */
  readonly tolerance: Cents;
  /** −1: compare as printed where the part prints Aufwendungen positive. */
  readonly factor?: 1 | -1;
  readonly source?: Source;
}

export function comparePart(c: PartComparison): Finding | undefined {
  const k = c.factor ?? 1;
  const source = c.source ?? c.printed.source;
  const f = compare({
    rule: c.rule,
    node: c.node ?? '',
    plan: c.plan ?? 'teilergebnisplan',
    line: c.line,
    column: c.column,
    subject: c.subject,
    basis: c.basis,
    actual: c.printed.amount * k,
    expected: c.expected * k,
    tolerance: partTolerance(c.printed) + c.tolerance,
    ...(source ? { source } : {}),
  });
  if (!f) return undefined;
  return {
    severity: f.severity,
    rule: f.rule,
    message: f.message,
    ...(c.node !== undefined ? { node: c.node } : {}),
    ...(c.plan ? { plan: c.plan } : {}),
    line: c.line,
    kind: c.column.kind,
    year: c.column.year,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.actual !== undefined ? { actual: f.actual } : {}),
    ...(f.difference !== undefined ? { difference: f.difference } : {}),
    ...(source ? { source } : {}),
  };
}
