/**
 * One comparison of a printed amount with what other printed amounts say it should be, turned into a finding:
 * none when equal, `rounding` when the rounding of the cells involved explains the difference (|difference| ≤
 * the sum of their uncertainties), else `error` (or the severity a rule asks for). The message speaks in T€
 * where every cell involved was printed in T€, else in euros (a compared cell printed in T€ still shown so).
 * Also the safeguard for sums over parts of a budget that were not imported: many differences at once become
 * one warning.
 */
import type { Finding, Severity } from '../findings.js';
import type { Column, PlanType, Source } from '../model.js';
import type { Cents } from '../money.js';
import type { Unit } from '../scale.js';
import { describeColumn, inUnit } from './messages.js';

export interface Comparison {
  readonly rule: string;
  readonly node: string;
  readonly plan: PlanType | 'investitionen';
  readonly line: string;
  readonly column: Column;
  /** What is compared, in German, e.g. "Teilergebnisplan 43, Zeile 17 (Ordentliche Aufwendungen)". */
  readonly subject: string;
  /** Where the expected amount comes from, e.g. "Summe der Zeilen 11–16". */
  readonly basis: string;
  readonly actual: Cents;
  readonly expected: Cents;
  /** Sum of the rounding uncertainties of every cell involved (the compared one and all parts). */
  readonly tolerance: Cents;
  /** False when the compared amount was not printed and counts as 0 (plans printing non-zero lines only). */
  readonly printed?: boolean;
  readonly source?: Source;
  /** Severity for a difference beyond rounding (default `error`). */
  readonly beyond?: Severity;
  /**
   * The unit of every cell involved together (`joinUnits`): `T€` makes the message speak in thousands of euros;
   * otherwise it speaks in euros.
   */
  readonly unit?: Unit;
  /** The unit the compared amount was printed in, when printed (shown in it). */
  readonly actualUnit?: Unit;
}

export function compare(c: Comparison): Finding | undefined {
  const difference = c.actual - c.expected;
  if (difference === 0) return undefined;
  const explained = Math.abs(difference) <= c.tolerance;
  const severity: Severity = explained ? 'rounding' : (c.beyond ?? 'error');
  const unit = c.unit === 'T€' ? 'T€' : '€';
  const shown =
    c.printed === false
      ? 'nicht gedruckt (zählt als 0 €)'
      : `gedruckt ${inUnit(c.actual, c.actualUnit === 'T€' ? 'T€' : unit)}`;
  const why = explained
    ? `durch Rundung erklärbar: bis zu ${inUnit(c.tolerance, unit)}`
    : `durch Rundung nicht erklärbar: höchstens ${inUnit(c.tolerance, unit)}`;
  return {
    severity,
    rule: c.rule,
    message: `${c.subject}, ${describeColumn(c.column)}: ${shown}, ${c.basis} ergibt ${inUnit(c.expected, unit)} (Differenz ${inUnit(difference, unit)}, ${why})`,
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

/**
 * A sum over parts that misses most of its cells is not a list of errors but one missing part: when more than
 * half of at least ten compared amounts differ beyond rounding, the findings collapse into one warning saying
 * that parts seem to be missing (pages of a document, files of a set). A single wrong amount never collapses.
 */
export function collapseIfIncomplete(
  findings: readonly Finding[],
  compared: number,
  place: Omit<Finding, 'severity' | 'message'> & { readonly what: string; readonly parts: string },
): Finding[] {
  const errors = findings.filter((f) => f.severity !== 'rounding').length;
  if (compared < 10 || errors * 2 <= compared) return [...findings];
  const { what, parts, ...rest } = place;
  return [
    {
      ...rest,
      severity: 'warning',
      message:
        `${what}: in ${errors} von ${compared} Beträgen weicht die Summe ${parts} weit ab; ` +
        'vermutlich fehlen Teile des Haushalts im Import (weitere Dateien oder Seiten). Einzelne Abweichungen werden daher nicht gemeldet.',
    },
  ];
}
