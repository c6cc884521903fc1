/**
 * `gesamt-rollup`: the Gesamtergebnisplan and Gesamtfinanzplan equal the sum of the top-level Teilpläne, line
 * by line as the roll-up data maps them (NRW 2019: Teil 01–25 → Gesamt 01–25, Teil 29/30/31 → Gesamt 26/27/28;
 * the internal lines 27/28 have no Gesamt line). Checked where every top-level node prints the Teilplan.
 */
import type { Finding, Rule } from '../../findings.js';
import type { Budget, PlanType } from '../../model.js';
import { cellOf, planOf } from '../../model.js';
import { topNodes } from '../../hierarchy.js';
import { ROLLUPS, schemaLine } from '../../schema.js';
import { collapseIfIncomplete, compare, describeLines } from '../compare.js';
import { planName } from '../messages.js';
import { PlanValues } from '../values.js';

const TEIL_OF: Readonly<Record<string, PlanType>> = {
  gesamtergebnisplan: 'teilergebnisplan',
  gesamtfinanzplan: 'teilfinanzplan',
};

function run(budget: Budget): Finding[] {
  const findings: Finding[] = [];
  const gesamt = budget.nodes.find((n) => n.level === 'haushalt');
  if (!gesamt) return findings;
  const tops = topNodes(budget);
  if (tops.length === 0) return findings;
  for (const plan of gesamt.plans) {
    const teilType = TEIL_OF[plan.type];
    if (!teilType) continue;
    const teilPlans = tops.map((n) => planOf(n, teilType));
    if (teilPlans.some((p) => p === undefined)) continue;
    const schemaIds = new Set(teilPlans.map((p) => p!.schemaId));
    if (schemaIds.size !== 1) continue;
    const rollup = ROLLUPS.find((r) => r.from === [...schemaIds][0] && r.to === plan.schemaId);
    if (!rollup) continue;
    const g = new PlanValues(plan);
    const teile = teilPlans.map((p) => new PlanValues(p!));
    const found: Finding[] = [];
    let compared = 0;
    for (const printed of plan.lines) {
      const sources = Object.entries(rollup.lines)
        .filter(([, to]) => to === printed.line)
        .map(([from]) => from);
      if (sources.length === 0) continue;
      const sl = g.schema ? schemaLine(g.schema, printed.line) : undefined;
      for (const column of plan.columns) {
        const cell = cellOf(printed, column);
        if (!cell) continue;
        if (teile.some((t) => !t.plan.columns.some((c) => c.kind === column.kind && c.year === column.year)))
          continue;
        compared++;
        let expected = 0;
        let tolerance = g.value(printed.line, column).tolerance;
        for (const t of teile) {
          for (const from of sources) {
            const v = t.value(from, column);
            expected += v.amount;
            tolerance += v.tolerance;
          }
        }
        const f = compare({
          rule: 'gesamt-rollup',
          node: gesamt.code,
          plan: plan.type,
          line: printed.line,
          column,
          subject: `${planName(plan.type)}, Zeile ${printed.line} (${sl?.label ?? printed.label})`,
          basis: `die Summe der ${teilType === 'teilergebnisplan' ? 'Teilergebnispläne' : 'Teilfinanzpläne'} (${describeLines(sources)}) aller ${tops.length} Produktbereiche`,
          actual: cell.amount,
          expected: g.printedAmount(printed.line, expected),
          tolerance,
          ...(cell.source ? { source: cell.source } : {}),
        });
        if (f) found.push(f);
      }
    }
    findings.push(
      ...collapseIfIncomplete(found, compared, {
        rule: 'gesamt-rollup',
        node: gesamt.code,
        plan: plan.type,
        what: planName(plan.type),
        parts: `der Teilpläne der ${tops.length} Produktbereiche ${tops.map((t) => t.code).join(', ')}`,
      }),
    );
  }
  return findings;
}

export const gesamtRollup: Rule = {
  id: 'gesamt-rollup',
  title: 'Gesamtplan entspricht der Summe der Teilpläne',
  run,
};
