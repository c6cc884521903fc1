/**
 * `investment-total`: per measure and per line row of an investment table, "bisher planmäßig bereitgestellt
 * bis Y" plus every Ansatz and Planung column after Y up to the Gesamtausgabe's year equals the "planmäßige
 * Gesamtausgabe" (VE and Ergebnis are not part of it). Reference: 430125MINT, bisher bis 2025 -6.780, Ansatz
 * 2026 to Planung 2029 0, Gesamtausgabe bis 2029 -6.780.
 */
import { inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget, BudgetNode, InvestmentTable } from '../../model.js';
import { compare } from '../compare.js';
import { cellIn, rowKey, rowName, unreadableIn, type AmountRow } from '../investments.js';
import { describeColumn, joinGerman } from '../messages.js';
import { toleranceOf } from '../values.js';
import { joinUnits, unitOf, type Unit } from '../../scale.js';

function checkTable(node: BudgetNode, table: InvestmentTable): Finding[] {
  const bisher = table.columns.find((c) => c.kind === 'bisher');
  const gesamt = table.columns.find((c) => c.kind === 'gesamt');
  if (!bisher || !gesamt) return [];
  const years = table.columns.filter(
    (c) => (c.kind === 'ansatz' || c.kind === 'planung') && c.year > bisher.year && c.year <= gesamt.year,
  );
  const basis = `Summe aus ${joinGerman([bisher, ...years].map(describeColumn))}`;
  const findings: Finding[] = [];
  for (const row of table.rows) {
    if (row.type === 'group') continue;
    const r: AmountRow = row;
    const total = cellIn(r, gesamt);
    if (!total) continue;
    // an unreadable cell (an error finding of its own): nothing to compare
    if ([bisher, ...years].some((c) => unreadableIn(r, c))) continue;
    let expected = 0;
    let tolerance = toleranceOf(total);
    let unit: Unit | undefined = unitOf(total);
    for (const column of [bisher, ...years]) {
      const c = cellIn(r, column);
      if (!c) continue;
      expected += c.amount;
      tolerance += toleranceOf(c);
      unit = joinUnits(unit, unitOf(c));
    }
    const f = compare({
      rule: 'investment-total',
      node: node.code,
      plan: 'investitionen',
      line: rowKey(r),
      column: gesamt,
      subject: `Investitionen ${node.code}, ${rowName(r)}`,
      basis,
      actual: total.amount,
      expected,
      tolerance,
      ...(unit ? { unit } : {}),
      actualUnit: unitOf(total),
      ...(total.source ? { source: total.source } : {}),
    });
    if (f) findings.push(f);
  }
  return findings;
}

function run(budget: Budget, scope?: Scope): Finding[] {
  return budget.nodes.flatMap((node) =>
    node.investitionen && inScope(scope, node.code) ? checkTable(node, node.investitionen) : [],
  );
}

export const investmentTotal: Rule = {
  id: 'investment-total',
  title: 'Bisher bereitgestellt plus Ansatz und Planung ergibt die Gesamtausgabe',
  run,
};
