/** German wording shared by the rules: columns, amounts, differences. */
import type { Column, PlanType } from '../model.js';
import { PLAN_LABEL, columnLabel } from '../model.js';
import { formatGerman, type Cents } from '../money.js';

export function euro(cents: Cents): string {
  return cents % 100 === 0 ? formatGerman(cents) : formatGerman(cents, 2);
}

export function describeColumn(column: Column): string {
  return column.kind === 've' ? `VE ${column.year}` : columnLabel(column);
}

export function describeDifference(
  difference: Cents,
  tolerance: Cents,
  severity: 'error' | 'rounding',
): string {
  return severity === 'rounding'
    ? `Differenz ${euro(difference)} €; die Rundung der beteiligten Beträge erklärt bis zu ${euro(tolerance)} €`
    : `Differenz ${euro(difference)} €; die Rundung der beteiligten Beträge erklärt höchstens ${euro(tolerance)} €`;
}

export function planName(plan: PlanType | 'investitionen'): string {
  return PLAN_LABEL[plan];
}
