/**
 * The findings list at scale (a 600-product budget has 21,036 rounding notes): filtered by rule, severity,
 * unit and status, grouped by rule or by unit with counts, and cut into pages so that unfolding renders one
 * page at a time. Pure functions over the list the server sent.
 */
import type { Finding, Severity } from '../../src/core/findings.js';

/** The severities' names in the plural, as the lists are headed. */
export const PLURAL: Readonly<Record<Finding['severity'], string>> = {
  error: 'Fehler',
  warning: 'Warnungen',
  rounding: 'Rundungsdifferenzen',
  info: 'Hinweise',
};

/** The rules' names in the page (docs/checks.md); a rule not named here is shown by its id. */
const RULE_LABEL: Readonly<Record<string, string>> = {
  'schema-formula': 'Summenzeilen',
  'parent-sum': 'Summe der untergeordneten Einheiten',
  'gesamt-rollup': 'Gesamtplan aus den Teilplänen',
  'erlaeuterung-items': 'Erläuterungen und ihre Zeile',
  'investment-lines': 'Investitionen und Teilfinanzplan',
  'investment-total': 'Gesamtausgabe der Investitionen',
  'import-notes': 'Hinweise des Imports',
  'sums-only': 'Pläne nur mit Summen',
};

export function ruleLabel(rule: string): string {
  return RULE_LABEL[rule] ?? rule;
}

export type GroupBy = 'regel' | 'einheit';

export interface FindingsFilter {
  readonly severity: Severity | '';
  readonly rule: string;
  /** A unit code: the unit and every unit below it. */
  readonly unit: string;
}

export const NO_FILTER: FindingsFilter = { severity: '', rule: '', unit: '' };

function inUnit(f: Finding, unit: string): boolean {
  return unit === '' || f.node === unit || (f.node ?? '').startsWith(`${unit}.`);
}

export function filtered<F extends Finding>(list: readonly F[], filter: FindingsFilter): F[] {
  return list.filter(
    (f) =>
      (filter.severity === '' || f.severity === filter.severity) &&
      (filter.rule === '' || f.rule === filter.rule) &&
      inUnit(f, filter.unit),
  );
}

/** The group a finding belongs to: its rule's name, or its unit ("ohne Einheit" for the whole document). */
export function groupOf(f: Finding, by: GroupBy): string {
  return by === 'regel' ? ruleLabel(f.rule) : (f.node ?? 'ohne Einheit');
}

export interface Group {
  readonly name: string;
  readonly count: number;
}

/** The groups with their counts, largest first (ties by name). */
export function groups(list: readonly Finding[], by: GroupBy): Group[] {
  const counts = new Map<string, number>();
  for (const f of list) {
    const g = groupOf(f, by);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'de', { numeric: true }));
}

/** The list in the order of its groups (largest group first), each group kept in the list's order. */
export function byGroup<F extends Finding>(list: readonly F[], by: GroupBy): F[] {
  const rank = new Map(groups(list, by).map((g, i) => [g.name, i]));
  return list
    .map((f, i) => ({ f, i, g: rank.get(groupOf(f, by)) ?? 0 }))
    .sort((a, b) => a.g - b.g || a.i - b.i)
    .map((x) => x.f);
}

/** The Produktbereiche (first level of unit codes) findings name, for the unit filter. */
export function unitsOf(list: readonly Finding[]): string[] {
  const units = new Set<string>();
  for (const f of list) if (f.node) units.add(f.node.split('.')[0]!);
  return [...units].sort((a, b) => a.localeCompare(b, 'de', { numeric: true }));
}

/** Findings shown at once when a list unfolds; "Weitere anzeigen" adds as many again. */
export const PAGE = 100;
