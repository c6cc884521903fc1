/**
 * One comparison of a printed amount with what other printed amounts say it should be, turned into a finding:
 * none when equal, `rounding` when the rounding of the cells involved explains the difference, else `error`
 * (or the severity a rule asks for, e.g. `warning` for Erläuterungen).
 */
import type { Finding, Severity } from '../findings.js';
import type { Column, PlanType, Source } from '../model.js';
import type { Cents } from '../money.js';
import { describeColumn, describeDifference, euro } from './messages.js';

export interface Comparison {
  readonly rule: string;
  readonly node: string;
  readonly plan: PlanType | 'investitionen';
  readonly line: string;
  readonly column: Column;
  /** What is compared, in German, e.g. "Zeile 17 (Ordentliche Aufwendungen)". */
  readonly subject: string;
  /** Where the expected amount comes from, e.g. "Summe der Zeilen 11 bis 16". */
  readonly basis: string;
  readonly actual: Cents;
  readonly expected: Cents;
  readonly tolerance: Cents;
  readonly source?: Source;
  /** Severity for a difference beyond rounding (default `error`). */
  readonly beyond?: Severity;
}

export function compare(c: Comparison): Finding | undefined {
  const difference = c.actual - c.expected;
  if (difference === 0) return undefined;
  const explained = Math.abs(difference) <= c.tolerance;
  const severity: Severity = explained ? 'rounding' : (c.beyond ?? 'error');
  const message =
    `${c.subject}, ${describeColumn(c.column)}: gedruckt ${euro(c.actual)} €, ${c.basis} ergibt ${euro(c.expected)} € ` +
    `(${describeDifference(difference, c.tolerance, explained ? 'rounding' : 'error')})`;
  return {
    severity,
    rule: c.rule,
    message,
    node: c.node,
    plan: c.plan,
    line: c.line,
    kind: c.column.kind,
    year: c.column.year,
    expected: c.expected,
    actual: c.actual,
    difference,
    ...(c.source ? { source: c.source } : {}),
  };
}

/** "Zeilen 11 bis 16", "Zeilen 10 und 17", "Zeilen 26, 27 und 28". */
export function describeLines(lines: readonly string[]): string {
  const plain = lines.map((l) => l.replace(/^-/u, ''));
  const numbers = plain.map(Number);
  const consecutive = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  if (plain.length > 3 && consecutive) return `Zeilen ${plain[0]!} bis ${plain[plain.length - 1]!}`;
  if (plain.length === 1) return `Zeile ${plain[0]!}`;
  return `Zeilen ${plain.slice(0, -1).join(', ')} und ${plain[plain.length - 1]!}`;
}

/**
 * A sum over parts that misses most of its cells is not a list of errors but one missing part: when more than
 * half of at least ten compared cells differ beyond rounding, the findings collapse into one warning saying
 * that parts seem to be missing (pages of a document, files of a set).
 */
export function collapseIfIncomplete(
  findings: readonly Finding[],
  compared: number,
  warning: Omit<Finding, 'severity' | 'message'> & { readonly what: string; readonly parts: string },
): Finding[] {
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (compared < 10 || errors * 2 <= compared) return [...findings];
  const { what, parts, ...place } = warning;
  return [
    {
      ...place,
      severity: 'warning',
      message:
        `${what}: in ${errors} von ${compared} Beträgen weicht die Summe ${parts} weit ab; ` +
        'vermutlich fehlen Teile des Haushalts im Import (weitere Dateien oder Seiten). Einzelne Abweichungen werden daher nicht gemeldet.',
    },
  ];
}
