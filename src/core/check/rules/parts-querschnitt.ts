/**
 * `querschnitt`: a printed Haushaltsquerschnitt (§ 1 Abs. 2 Nr. 3 KomHVO NRW) against the plans, so that a
 * difference is located — which row, which column, and which of the three disagrees: each row's amounts against
 * its Produktbereich's Teilplan (the Teilplan lines its column sums, `data/parts/nrw-querschnitt.json`), each
 * column's sum row against the sum of its printed rows, the sum row against the Gesamtplan (or, without one, the
 * sum of the Teilpläne), and the Ergebnis of every row against its Erträge and Aufwendungen. A row of no unit of
 * the budget and a unit without a row are reported, since either breaks the sum. Rounding of the printed amounts
 * is allowed for as everywhere (`compare.ts`). Findings are placed on the row's unit (the sum row's on the
 * Haushalt node), `line` the column's id.
 */
import { inScope, NO_NODE, type Finding, type Rule, type Scope } from '../../findings.js';
import { topNodes } from '../../hierarchy.js';
import type { Budget, BudgetNode, PlanType, Source } from '../../model.js';
import type { Cents } from '../../money.js';
import { gesamtNode, partTolerance, type PartAmount } from '../../parts/amounts.js';
import {
  columnSpec,
  querschnittPlanColumn,
  rowFromPlans,
  sumFromGesamt,
  type Querschnitt,
  type QuerschnittRow,
} from '../../parts/querschnitt.js';
import type { QuerschnittColumnSpec } from '../../parts/spec.js';
import { comparePart } from '../parts.js';

const RULE = 'querschnitt';

function rowName(row: QuerschnittRow): string {
  return row.code === '' ? `Summenzeile (${row.name})` : `Zeile ${row.code} (${row.name})`;
}

/** +1, or −1 where the print shows Aufwendungen/Auszahlungen positive (messages speak as printed). */
function printFactor(q: Querschnitt, spec: QuerschnittColumnSpec): 1 | -1 {
  return q.signs === 'positive' && spec.flow === 'out' ? -1 : 1;
}

/** One printed amount of the Querschnitt against what `basis` says it is. */
function finding(
  q: Querschnitt,
  spec: QuerschnittColumnSpec,
  row: QuerschnittRow,
  where: { readonly node: string | undefined; readonly plan?: PlanType },
  basis: string,
  expected: Cents,
  tolerance: Cents,
): Finding | undefined {
  const printed = row.amounts[spec.id];
  if (!printed) return undefined;
  return comparePart({
    rule: RULE,
    ...where,
    line: spec.id,
    column: querschnittPlanColumn(spec, q.year),
    subject: `Haushaltsquerschnitt, ${rowName(row)}, Spalte ${spec.label}`,
    basis,
    printed,
    expected,
    tolerance,
    factor: printFactor(q, spec),
  });
}

function note(
  severity: Finding['severity'],
  message: string,
  node: string | undefined,
  source: Source | undefined,
): Finding {
  return {
    severity,
    rule: RULE,
    message,
    ...(node !== undefined ? { node } : {}),
    ...(source ? { source } : {}),
  };
}

function againstPlan(
  q: Querschnitt,
  row: QuerschnittRow,
  node: BudgetNode,
  spec: QuerschnittColumnSpec,
): Finding | undefined {
  const plan = rowFromPlans(node, spec, q.year);
  if (!plan || plan.unknown) return undefined;
  return finding(q, spec, row, { node: node.code, plan: spec.plan }, plan.basis, plan.amount, plan.tolerance);
}

function formula(
  q: Querschnitt,
  row: QuerschnittRow,
  node: string | undefined,
  spec: QuerschnittColumnSpec,
): Finding | undefined {
  if (!spec.formula) return undefined;
  const parts = spec.formula.map((id) => row.amounts[id]).filter((p): p is PartAmount => p !== undefined);
  if (parts.length < spec.formula.length) return undefined;
  const labels = spec.formula.map((id) => columnSpec(id)?.label ?? id);
  return finding(
    q,
    spec,
    row,
    { node },
    `die Summe der Spalten ${labels.join(' und ')}`,
    parts.reduce((s, p) => s + p.amount, 0),
    parts.reduce((s, p) => s + partTolerance(p), 0),
  );
}

function sumRow(
  q: Querschnitt,
  budget: Budget,
  spec: QuerschnittColumnSpec,
  node: string | undefined,
): Finding[] {
  const sum = q.sum;
  if (!sum?.amounts[spec.id]) return [];
  const rows = q.rows.map((r) => r.amounts[spec.id]).filter((a): a is PartAmount => a !== undefined);
  const found = [
    finding(
      q,
      spec,
      sum,
      { node },
      `die Summe der ${rows.length} Zeilen darüber`,
      rows.reduce((s, a) => s + a.amount, 0),
      rows.reduce((s, a) => s + partTolerance(a), 0),
    ),
  ];
  const gesamt = sumFromGesamt(budget, spec, q.year);
  if (gesamt && !gesamt.unknown) {
    const plan: PlanType = spec.plan === 'teilergebnisplan' ? 'gesamtergebnisplan' : 'gesamtfinanzplan';
    found.push(finding(q, spec, sum, { node, plan }, gesamt.basis, gesamt.amount, gesamt.tolerance));
  }
  return found.filter((f): f is Finding => f !== undefined);
}

function run(budget: Budget, scope?: Scope): Finding[] {
  const q = budget.parts?.querschnitt;
  if (!q) return [];
  const byCode = new Map(topNodes(budget).map((n) => [n.code, n]));
  const all = new Map(budget.nodes.map((n) => [n.code, n]));
  const haushalt = gesamtNode(budget)?.code;
  const specs = q.columns.map(columnSpec).filter((s): s is QuerschnittColumnSpec => s !== undefined);
  const out: Finding[] = [];
  const want = (node: string | undefined): boolean => inScope(scope, node ?? NO_NODE);
  for (const row of q.rows) {
    const node = byCode.get(row.code) ?? all.get(row.code);
    const at = node?.code ?? haushalt;
    if (!node) {
      if (want(at))
        out.push(
          note(
            'error',
            `Haushaltsquerschnitt, ${rowName(row)}: keine Einheit ${row.code} im Haushalt; die Zeile ist gegen keinen Teilplan prüfbar`,
            at,
            row.source,
          ),
        );
      continue;
    }
    if (!want(node.code)) continue;
    for (const spec of specs) {
      const f = againstPlan(q, row, node, spec);
      if (f) out.push(f);
      const g = formula(q, row, node.code, spec);
      if (g) out.push(g);
    }
  }
  if (want(haushalt)) {
    const printedCodes = new Set(q.rows.map((r) => r.code));
    for (const n of byCode.values())
      if (!printedCodes.has(n.code))
        out.push(
          note(
            'error',
            `Haushaltsquerschnitt: keine Zeile für ${n.code} (${n.name}); seine Beträge fehlen in der Summe`,
            haushalt,
            q.source,
          ),
        );
    for (const spec of specs) {
      out.push(...sumRow(q, budget, spec, haushalt));
      if (q.sum) {
        const g = formula(q, q.sum, haushalt, spec);
        if (g) out.push(g);
      }
    }
  }
  return out;
}

export const querschnitt: Rule = {
  id: RULE,
  title: 'Haushaltsquerschnitt gegen Teilpläne und Gesamtpläne',
  run,
};
