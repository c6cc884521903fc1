/**
 * `gesamt-rollup`: the Gesamtergebnisplan and Gesamtfinanzplan of the Haushalt node (`gesamt`) equal the sum
 * over the top-level nodes of their Teilpläne, line by line as the roll-up data maps them (`ROLLUPS`; NRW 2019:
 * Teil 01–25 → Gesamt 01–25, Teil 29/30/31 → Gesamt 26/27/28, the internal lines 27/28 not rolled). Only
 * checked when every top-level node prints the Teilplan: a Produktbereich without its Teilplan (Köln 2013
 * publishes no Teilfinanzplan for PB 18) would make every difference it explains look like an error; instead
 * one `info` finding says the roll-up was not checked and why. When a Teilplan's schema has no roll-up onto the
 * Gesamtplan's schema, nothing is said.
 */
import { inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget, BudgetNode, Plan, PlanType } from '../../model.js';
import { planOf } from '../../model.js';
import { topNodes } from '../../hierarchy.js';
import { ROLLUPS, type Rollup } from '../../schema.js';
import { describeLines, describeNodes, joinGerman, planName } from '../messages.js';
import { compareWithSum } from '../sum-of-plans.js';
import { PlanValues } from '../values.js';

const TEIL_OF: Readonly<Partial<Record<PlanType, PlanType>>> = {
  gesamtergebnisplan: 'teilergebnisplan',
  gesamtfinanzplan: 'teilfinanzplan',
};

const PLURAL: Readonly<Partial<Record<PlanType, string>>> = {
  teilergebnisplan: 'Teilergebnispläne',
  teilfinanzplan: 'Teilfinanzpläne',
};

/** Gesamt line → the Teil lines rolled onto it. */
function reverse(rollup: Rollup): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  for (const [from, to] of Object.entries(rollup.lines)) out.set(to, [...(out.get(to) ?? []), from]);
  return out;
}

function checkPlan(gesamt: BudgetNode, plan: Plan, tops: readonly BudgetNode[]): Finding[] {
  const teilType = TEIL_OF[plan.type];
  if (!teilType) return [];
  const teilPlans = tops.map((n) => planOf(n, teilType));
  if (teilPlans.every((p) => p === undefined)) return [];
  const missing = tops.filter((_, i) => teilPlans[i] === undefined).map((n) => n.code);
  if (missing.length > 0) {
    return [
      {
        severity: 'info',
        rule: 'gesamt-rollup',
        message:
          `${planName(plan.type)}: nicht gegen die ${PLURAL[teilType]!} geprüft, weil ${joinGerman(missing)} ` +
          `keinen ${planName(teilType)} ${missing.length === 1 ? 'enthält' : 'enthalten'}`,
        node: gesamt.code,
        plan: plan.type,
        ...(plan.source ? { source: plan.source } : {}),
      },
    ];
  }
  const present = teilPlans.filter((p): p is Plan => p !== undefined);
  const maps = new Map<string, ReadonlyMap<string, readonly string[]>>();
  for (const p of present) {
    if (maps.has(p.schemaId)) continue;
    const rollup = ROLLUPS.find((r) => r.from === p.schemaId && r.to === plan.schemaId);
    if (!rollup) return [];
    maps.set(p.schemaId, reverse(rollup));
  }
  const target = new PlanValues(plan);
  const firstMap = maps.get(present[0]!.schemaId)!;
  return compareWithSum({
    rule: 'gesamt-rollup',
    node: gesamt.code,
    type: plan.type,
    target,
    parts: present.map((p) => {
      const map = maps.get(p.schemaId)!;
      return { values: new PlanValues(p), from: (line: string) => map.get(line) ?? [] };
    }),
    subject: (line) => `${planName(plan.type)}, Zeile ${line} (${target.label(line)})`,
    basis: (line) =>
      `Summe der ${PLURAL[teilType]!} (${describeLines(firstMap.get(line) ?? [])}) ${describeNodes(tops)}`,
    beyond: 'error',
    what: planName(plan.type),
    partsName: `der ${PLURAL[teilType]!} ${describeNodes(tops)}`,
  });
}

function run(budget: Budget, scope?: Scope): Finding[] {
  const gesamt = budget.nodes.find((n) => n.level === 'haushalt');
  if (!gesamt || !inScope(scope, gesamt.code)) return [];
  const tops = topNodes(budget);
  if (tops.length === 0) return [];
  return gesamt.plans.flatMap((plan) => checkPlan(gesamt, plan, tops));
}

export const gesamtRollup: Rule = {
  id: 'gesamt-rollup',
  title: 'Gesamtplan entspricht der Summe der Teilpläne',
  run,
};
