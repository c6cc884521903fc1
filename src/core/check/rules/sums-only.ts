/**
 * `sums-only`: plans that hold only the sums of Erträge and Aufwendungen (the sums schemas
 * `summen-teilergebnis`, `summen-gesamtergebnis`: open data that publishes no plan lines) are checked as far
 * as they go — a parent against its children (`parent-sum`), the Gesamtplan against the Teilpläne
 * (`gesamt-rollup`) — but the rules that need the detail lines cannot run on them: the line formulas
 * (`schema-formula`: the Ergebnis is derived from the two sums, there is nothing else to compare), the
 * Erläuterungen to lines (`erlaeuterung-items`) and the investments against the Teilfinanzplan
 * (`investment-lines`, `investment-total`). One `info` finding per budget says so, with the number of plans.
 */
import { NO_NODE, inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget } from '../../model.js';
import { formatCount } from '../../money.js';

/** The line schemas of plans with only Erträge, Aufwendungen and their Ergebnis. */
export const SUMS_ONLY_SCHEMAS: ReadonlySet<string> = new Set([
  'summen-teilergebnis',
  'summen-gesamtergebnis',
]);

/** The rules that need detail lines, and what they would have checked (German). */
const NEEDS_DETAIL: readonly (readonly [string, string])[] = [
  ['schema-formula', 'Summenzeilen gegen ihre Zeilen'],
  ['erlaeuterung-items', 'Erläuterungen gegen ihre Zeilen'],
  ['investment-lines', 'Investitionen gegen den Teilfinanzplan'],
];

function run(budget: Budget, scope?: Scope): Finding[] {
  if (!inScope(scope, NO_NODE)) return [];
  let plans = 0;
  let nodes = 0;
  for (const node of budget.nodes) {
    const n = node.plans.filter((p) => SUMS_ONLY_SCHEMAS.has(p.schemaId)).length;
    plans += n;
    if (n > 0) nodes++;
  }
  if (plans === 0) return [];
  return [
    {
      severity: 'info',
      rule: 'sums-only',
      message:
        `${plans === 1 ? 'Ein Plan' : `${formatCount(plans)} Pläne`} (${formatCount(nodes)} ` +
        `${nodes === 1 ? 'Einheit' : 'Einheiten'}) ${plans === 1 ? 'enthält' : 'enthalten'} nur die Summen der ` +
        'Erträge und Aufwendungen, keine Planzeilen: geprüft werden übergeordnete Einheiten und der Gesamtplan ' +
        `gegen ihre Teile; nicht laufen konnten, weil die Zeilen fehlen: ${NEEDS_DETAIL.map(([id, what]) => `${what} (${id})`).join(', ')}`,
    },
  ];
}

export const sumsOnly: Rule = {
  id: 'sums-only',
  title: 'Pläne nur mit Summen: welche Prüfungen Planzeilen brauchen',
  run,
};
