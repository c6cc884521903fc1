/**
 * `investitionsprogramm`: a printed Investitionsprogramm (`Budget.parts.investitionsprogramm`) against itself
 * and the Teilfinanzpläne: each measure's bisher, Ansatz and Planung add up to its Gesamtausgabe; each of its
 * cells equals the measure's cell in the investment table of its Teilfinanzplan (found by the measure number);
 * the total row equals the sum of the measures per column; and the total of each year equals the Auszahlungen
 * aus Investitionstätigkeit of the whole budget (Teilfinanzpläne line 30, the Gesamtfinanzplan's where printed).
 * A measure's findings are on its unit, `line` the measure number (its years against its Gesamtausgabe:
 * `<number>:gesamtausgabe`); the total's on the Haushalt node (`summe`, `summe:gesamtausgabe`).
 */
import { inScope, NO_NODE, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget, BudgetNode, InvestmentRow } from '../../model.js';
import { gesamtNode, gesamtSum, type PartAmount } from '../../parts/amounts.js';
import {
  PROGRAMM_SPEC,
  programmAmount,
  programmColumnLabel,
  sumAmounts,
  summands,
  type Investitionsprogramm,
  type ProgrammRow,
} from '../../parts/investitionsprogramm.js';
import { comparePart } from '../parts.js';
import { toleranceOf } from '../values.js';

const RULE = 'investitionsprogramm';

type Measure = Extract<InvestmentRow, { type: 'measure' }>;

function rowName(row: ProgrammRow): string {
  return row.number === '' ? `Summenzeile (${row.name})` : `Maßnahme ${row.number} (${row.name})`;
}

/** The measures of the budget's investment tables by number, with their unit. */
function measuresOf(budget: Budget): Map<string, { node: BudgetNode; row: Measure }> {
  const out = new Map<string, { node: BudgetNode; row: Measure }>();
  for (const node of budget.nodes)
    for (const r of node.investitionen?.rows ?? [])
      if (r.type === 'measure' && !out.has(r.number)) out.set(r.number, { node, row: r });
  return out;
}

/** bisher + Ansatz + Planung = Gesamtausgabe for one row. */
function gesamt(p: Investitionsprogramm, row: ProgrammRow, node: string | undefined): Finding | undefined {
  const total = p.columns.find((c) => c.kind === 'gesamt');
  const printed = total && programmAmount(row, total);
  if (!total || !printed) return undefined;
  const parts = summands(p).map((c) => programmAmount(row, c));
  if (parts.length === 0 || parts.some((a) => a === undefined)) return undefined;
  const s = sumAmounts(parts as PartAmount[]);
  return comparePart({
    rule: RULE,
    node,
    plan: 'investitionen',
    // a line of its own: the Gesamtausgabe is also compared with the Teilfinanzplan (measures) or the rows (sum)
    line: `${row.number || 'summe'}:gesamtausgabe`,
    column: total,
    subject: `Investitionsprogramm, ${rowName(row)}`,
    basis: `bisher, Ansatz und Planung (${summands(p).map(programmColumnLabel).join(', ')})`,
    printed,
    expected: s.amount,
    tolerance: s.tolerance,
  });
}

function measureFindings(
  p: Investitionsprogramm,
  row: ProgrammRow,
  budget: Budget,
  plans: Map<string, { node: BudgetNode; row: Measure }>,
  node: string | undefined,
): Finding[] {
  const out: Finding[] = [];
  const found = plans.get(row.number);
  const g = gesamt(p, row, node);
  if (g) out.push(g);
  if (budget.nodes.length === 0) return out;
  if (!found) {
    out.push({
      severity: 'error',
      rule: RULE,
      message: `Investitionsprogramm, ${rowName(row)}: die Maßnahme steht in keinem Teilfinanzplan des Haushalts; sie ist gegen keinen prüfbar`,
      ...(node !== undefined ? { node } : {}),
      line: row.number,
      ...(row.source ? { source: row.source } : {}),
    });
    return out;
  }
  for (const c of p.columns) {
    const printed = programmAmount(row, c);
    const cell = found.row.cells.find((x) => x.column.kind === c.kind && x.column.year === c.year);
    if (!printed || !cell) continue;
    const f = comparePart({
      rule: RULE,
      node: found.node.code,
      plan: 'investitionen',
      line: row.number,
      column: c,
      subject: `Investitionsprogramm, ${rowName(row)}`,
      basis: `die Investitionsübersicht des Teilfinanzplans ${found.node.code}`,
      printed,
      expected: cell.amount,
      tolerance: toleranceOf(cell),
    });
    if (f) out.push(f);
  }
  return out;
}

function sumFindings(p: Investitionsprogramm, budget: Budget, haushalt: string | undefined): Finding[] {
  const sum = p.sum;
  if (!sum) return [];
  const out: Finding[] = [];
  const g = gesamt(p, sum, haushalt);
  if (g) out.push(g);
  for (const c of p.columns) {
    const printed = programmAmount(sum, c);
    if (!printed) continue;
    const items = p.rows.map((r) => programmAmount(r, c)).filter((a): a is PartAmount => a !== undefined);
    const s = sumAmounts(items);
    const f = comparePart({
      rule: RULE,
      node: haushalt,
      plan: 'investitionen',
      line: 'summe',
      column: c,
      subject: `Investitionsprogramm, ${rowName(sum)}`,
      basis: `die Summe der ${items.length} Maßnahmen darüber`,
      printed,
      expected: s.amount,
      tolerance: s.tolerance,
    });
    if (f) out.push(f);
    if (c.kind !== 'ansatz' && c.kind !== 'planung') continue;
    const plans = gesamtSum(budget, 'gesamtfinanzplan', PROGRAMM_SPEC.lines, c, PROGRAMM_SPEC.lines);
    if (!plans || plans.unknown) continue;
    const t = comparePart({
      rule: RULE,
      node: haushalt,
      plan: 'gesamtfinanzplan',
      line: 'teilfinanzplaene',
      column: c,
      subject: `Investitionsprogramm, ${rowName(sum)}`,
      basis: `die Auszahlungen aus Investitionstätigkeit (${plans.basis})`,
      printed,
      expected: plans.amount,
      tolerance: plans.tolerance,
    });
    if (t) out.push(lessThanLine30(t, printed.amount, plans.amount));
  }
  return out;
}

/**
 * A programme whose total stays below the Teilfinanzpläne' investment payouts may list only the measures above
 * the Wertgrenze (the rest summed in no row of it): a warning that says so, not an error. Above them, or with
 * the other sign, it is an error.
 */
function lessThanLine30(f: Finding, printed: number, plans: number): Finding {
  if (
    f.severity !== 'error' ||
    Math.sign(printed) !== Math.sign(plans) ||
    Math.abs(printed) >= Math.abs(plans)
  )
    return f;
  return {
    ...f,
    severity: 'warning',
    message: `${f.message}; weniger als die Pläne: führt das Programm nur die Maßnahmen über der Wertgrenze, ist das erklärt`,
  };
}

function run(budget: Budget, scope?: Scope): Finding[] {
  const p = budget.parts?.investitionsprogramm;
  if (!p) return [];
  const plans = measuresOf(budget);
  const haushalt = gesamtNode(budget)?.code;
  const out: Finding[] = [];
  const codes = new Set(budget.nodes.map((n) => n.code));
  for (const row of p.rows) {
    // the measure's unit in the plans, else the unit the programme names where the budget has it, else the
    // Haushalt
    const at =
      plans.get(row.number)?.node.code ??
      (row.unit !== undefined && codes.has(row.unit) ? row.unit : haushalt);
    if (!inScope(scope, at ?? NO_NODE)) continue;
    out.push(...measureFindings(p, row, budget, plans, at));
  }
  if (inScope(scope, haushalt ?? NO_NODE)) out.push(...sumFindings(p, budget, haushalt));
  return out;
}

export const investitionsprogramm: Rule = {
  id: RULE,
  title:
    'Investitionsprogramm: Jahre zur Gesamtausgabe, Maßnahmen gegen die Teilfinanzpläne, Summen gegen Zeile 30',
  run,
};
