/**
 * Findings counted instead of listed, for the start page and the import preview: per rule and severity (the
 * rule's German title, or the import note's), rounding differences
 * summarised (how many, in how many units, the largest), and the errors and warnings themselves up to a bound,
 * each with its place. A city's 21,000 rounding notes become one line. Pure.
 */
import { SEVERITIES, type Finding, type Severity } from '../core/findings.js';
import { RULES } from '../core/check/index.js';
import type { Cents } from '../core/money.js';

export interface RuleCount {
  readonly rule: string;
  /** German: the rule's title, or its id for an import note without one. */
  readonly title: string;
  readonly severity: Severity;
  readonly count: number;
}

export interface FindingsSummary {
  readonly counts: Readonly<Record<Severity, number>>;
  /** Per rule and severity; errors first, then warnings, rounding, hints; more first within each. */
  readonly rules: readonly RuleCount[];
  readonly rounding: { readonly count: number; readonly units: number; readonly largest: Cents };
  /** Findings accepted with a reason (not counted above). */
  readonly accepted: number;
}

/** What the importers note (`import-notes` passes them on under their own ids), titled in German. */
const IMPORT_NOTE_TITLES: Readonly<Record<string, string>> = {
  'code-as-date': 'Produktnummer als Datum gespeichert',
  'direct-bookings': 'Buchungen direkt auf einer Produktgruppe',
  'direction-contradicts-line': 'Richtung widerspricht der Planzeile',
  'label-merged': 'Bezeichnungen zusammengezogen',
  'label-mismatch': 'Bezeichnung passt nicht zur Zeilennummer',
  'label-misprint': 'Bezeichnung falsch gedruckt',
  'mapping-problem': 'Kontenzuordnung doppelt oder lückenhaft',
  'node-codes': 'Produktnummern auffällig',
  'node-names': 'Produktnamen auffällig',
  'outside-plans': 'Beträge außerhalb der Pläne',
  'signs-undecided': 'Vorzeichen nicht eindeutig',
  'skipped-row': 'Tabellenzeile übergangen',
  'skipped-rows': 'Tabellenzeilen übergangen',
  'skipped-sheet': 'Tabellenblatt übergangen',
  'skipped-text': 'Text übergangen',
  'total-row': 'Summenzeile der Tabelle',
  'unknown-line': 'Unbekannte Planzeile',
  'unreadable-amount': 'Betrag nicht lesbar',
};

const TITLES = new Map<string, string>([
  ...Object.entries(IMPORT_NOTE_TITLES),
  ...RULES.map((r) => [r.id, r.title] as const),
]);

export function summariseFindings(open: readonly Finding[], accepted = 0): FindingsSummary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, rounding: 0, info: 0 };
  const byRule = new Map<string, RuleCount>();
  const roundingUnits = new Set<string>();
  let largest = 0;
  for (const f of open) {
    counts[f.severity]++;
    const key = `${f.severity}|${f.rule}`;
    const had = byRule.get(key);
    byRule.set(key, {
      rule: f.rule,
      title: TITLES.get(f.rule) ?? f.rule,
      severity: f.severity,
      count: (had?.count ?? 0) + 1,
    });
    if (f.severity === 'rounding') {
      if (f.node !== undefined) roundingUnits.add(f.node);
      largest = Math.max(largest, Math.abs(f.difference ?? 0));
    }
  }
  const rules = [...byRule.values()].sort(
    (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.count - a.count,
  );
  return {
    counts,
    rules,
    rounding: { count: counts.rounding, units: roundingUnits.size, largest },
    accepted,
  };
}
