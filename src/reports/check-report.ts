/**
 * Check findings for people and programs: a German plain-text report grouped by node (node code and name as
 * heading, findings by severity: Fehler, Warnungen, Rundungsdifferenzen, Hinweise; a summary line at the end),
 * the JSON form `{"findings":[…]}` with amounts in euros and `null` where a field is absent, and the exit code
 * (1 when any finding is an error). Pure: returns strings and objects, writes nothing.
 */
import { SEVERITIES, type Finding, type Severity } from '../core/findings.js';
import { LEVEL_LABEL, type Budget } from '../core/model.js';
import { toEuroNumber } from '../core/money.js';
import { formatCount } from '../core/money.js';

/** One finding as JSON: exactly these fields, euros as numbers, null where absent. */
export interface FindingJson {
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
  readonly node: string | null;
  readonly plan: string | null;
  readonly line: string | null;
  readonly kind: string | null;
  readonly year: number | null;
  readonly expected: number | null;
  readonly actual: number | null;
  readonly difference: number | null;
  readonly source: { readonly file: string; readonly line: number } | null;
}

export interface FindingsJson {
  readonly findings: readonly FindingJson[];
}

function euros(cents: number | undefined): number | null {
  return cents === undefined ? null : toEuroNumber(cents);
}

export function findingToJson(f: Finding): FindingJson {
  return {
    severity: f.severity,
    rule: f.rule,
    message: f.message,
    node: f.node ?? null,
    plan: f.plan ?? null,
    line: f.line ?? null,
    kind: f.kind ?? null,
    year: f.year ?? null,
    expected: euros(f.expected),
    actual: euros(f.actual),
    difference: euros(f.difference),
    source: f.source ? { file: f.source.file, line: f.source.line } : null,
  };
}

export function findingsToJson(findings: readonly Finding[]): FindingsJson {
  return { findings: findings.map(findingToJson) };
}

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  error: 'Fehler',
  warning: 'Warnung',
  rounding: 'Rundung',
  info: 'Hinweis',
};

function count(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "0 Fehler, 1 Warnung, 40 Rundungsdifferenzen, 9 Hinweise". */
export function summarize(findings: readonly Finding[]): string {
  const by = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  return [
    count(by('error'), 'Fehler', 'Fehler'),
    count(by('warning'), 'Warnung', 'Warnungen'),
    count(by('rounding'), 'Rundungsdifferenz', 'Rundungsdifferenzen'),
    count(by('info'), 'Hinweis', 'Hinweise'),
  ].join(', ');
}

function where(f: Finding): string {
  if (!f.source) return '';
  const page = f.source.page !== undefined ? `, Seite ${f.source.page}` : '';
  return ` [${f.source.file}:${f.source.line}${page}]`;
}

function heading(budget: Budget, code: string): string {
  if (code === '') return 'Allgemein';
  const node = budget.nodes.find((n) => n.code === code);
  return node ? `${LEVEL_LABEL[node.level]} ${node.code} ${node.name}`.trim() : code;
}

/**
 * The readable report: one section per node in the order the findings come (check sorts them by document
 * order), within it the findings by severity, then a summary line.
 */
export function renderCheckReport(budget: Budget, findings: readonly Finding[]): string {
  const title = budget.title ? `${budget.title}${budget.year ? ` ${budget.year}` : ''}` : 'Haushalt';
  const out: string[] = [`Prüfbericht: ${title}`, ''];
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.node ?? '';
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  for (const [code, list] of groups) {
    out.push(heading(budget, code));
    for (const severity of SEVERITIES) {
      for (const f of list) {
        if (f.severity === severity) out.push(`  ${SEVERITY_LABEL[severity]}: ${f.message}${where(f)}`);
      }
    }
    out.push('');
  }
  if (findings.length === 0) out.push('Keine Befunde.', '');
  out.push(`Ergebnis: ${summarize(findings)}.`);
  return `${out.join('\n')}\n`;
}

/** 1 when any finding is an error, else 0. */
export function exitCodeFor(findings: readonly Finding[]): 0 | 1 {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
