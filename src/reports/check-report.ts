/**
 * Check findings for people and programs: a German plain-text report grouped by node (errors first, rounding
 * notes last and quiet), and the JSON form `{"findings":[…]}` with amounts in euros.
 */
import type { Finding, Severity } from '../core/findings.js';
import { LEVEL_LABEL, type Budget } from '../core/model.js';
import { toEuroNumber } from '../core/money.js';

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
  readonly source: { readonly file: string; readonly line: number; readonly page?: number } | null;
}

export function findingsToJson(findings: readonly Finding[]): { findings: FindingJson[] } {
  return {
    findings: findings.map((f) => ({
      severity: f.severity,
      rule: f.rule,
      message: f.message,
      node: f.node ?? null,
      plan: f.plan ?? null,
      line: f.line ?? null,
      kind: f.kind ?? null,
      year: f.year ?? null,
      expected: f.expected === undefined ? null : toEuroNumber(f.expected),
      actual: f.actual === undefined ? null : toEuroNumber(f.actual),
      difference: f.difference === undefined ? null : toEuroNumber(f.difference),
      source: f.source
        ? {
            file: f.source.file,
            line: f.source.line,
            ...(f.source.page !== undefined ? { page: f.source.page } : {}),
          }
        : null,
    })),
  };
}

const SEVERITY_LABEL: Readonly<Record<Severity, string>> = {
  error: 'Fehler',
  warning: 'Warnung',
  rounding: 'Rundung',
  info: 'Hinweis',
};
const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'rounding'];

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('de-DE')} ${n === 1 ? one : many}`;
}

export function summarize(findings: readonly Finding[]): string {
  const by = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  return [
    count(by('error'), 'Fehler', 'Fehler'),
    count(by('warning'), 'Warnung', 'Warnungen'),
    count(by('rounding'), 'Rundungsdifferenz', 'Rundungsdifferenzen'),
    count(by('info'), 'Hinweis', 'Hinweise'),
  ].join(', ');
}

/** The readable report: one section per node in document order, findings by severity, a summary at the end. */
export function renderCheckReport(budget: Budget, findings: readonly Finding[]): string {
  const out: string[] = [];
  const title = budget.title ? `${budget.title}${budget.year ? ` ${budget.year}` : ''}` : 'Haushalt';
  out.push(`Prüfbericht: ${title}`, '');
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.node ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const [code, list] of groups) {
    const node = budget.nodes.find((n) => n.code === code);
    out.push(
      code === '' ? 'Allgemein' : node ? `${LEVEL_LABEL[node.level]} ${node.code} ${node.name}`.trim() : code,
    );
    for (const severity of SEVERITY_ORDER) {
      for (const f of list.filter((x) => x.severity === severity)) {
        const where = f.source
          ? ` [${f.source.file}:${f.source.line}${f.source.page !== undefined ? `, Seite ${f.source.page}` : ''}]`
          : '';
        out.push(`  ${SEVERITY_LABEL[severity]}: ${f.message}${where}`);
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
