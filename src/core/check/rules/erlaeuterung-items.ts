/**
 * `erlaeuterung-items`: the itemised entries of an Erläuterung against the plan line they explain. Items are
 * printed positive even for expense lines, so absolute amounts are compared. The items' sum must not exceed
 * the line's Ansatz in the Erläuterung's year (else the budget year); the previous-year amounts the items name
 * ("Ansatz 2025 = 69.000 €", "= Ansatz 2025" for the item's own amount) must not exceed the line's cell of that
 * column; an amount stated in the running text ("Der Ansatz für 2026 in Höhe von 79.868 €") must not exceed
 * the line either. Items may explain only part of a line, so only an excess beyond rounding is reported, and
 * as a warning: the document contradicts itself, but which part is wrong cannot be told. Reference: 43.01,
 * Teilergebnisplan Zeile 13: the items' Ansatz-2025 amounts sum to 509.000 €, the line's Ansatz 2025 is
 * -504.000 €.
 */
import { inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget, BudgetNode, Column, Erlaeuterung, ErlaeuterungItem, Source } from '../../model.js';
import { planOf } from '../../model.js';
import { formatEuro, type Cents } from '../../money.js';
import type { Unit } from '../../scale.js';
import { describeColumn, inUnit, planName } from '../messages.js';
import { HALF_EURO, PlanValues, hasColumn } from '../values.js';

/** What the text claims a line holds at least, in one column. */
interface Claim {
  readonly column: Column;
  /** Sum of the absolute amounts claimed. */
  readonly amount: Cents;
  /** How many printed whole-euro amounts make up `amount` (each may be rounded by half a euro). */
  readonly count: number;
  /** German subject: "die 15 Einzelposten", "der im Text genannte Betrag". */
  readonly what: string;
  readonly source?: Source;
}

/** The previous amount an item names: the amount given, or for "(= Ansatz 2025)" the item's own amount. */
function previousAmount(item: ErlaeuterungItem): Cents | undefined {
  const p = item.previous;
  if (!p) return undefined;
  return p.amount ?? (p.unchanged ? item.amount : undefined);
}

function itemClaims(e: Erlaeuterung, year: number): Claim[] {
  const out: Claim[] = [];
  const current = e.items.filter((i) => i.amount !== undefined);
  if (current.length > 0) {
    out.push({
      column: { kind: 'ansatz', year },
      amount: current.reduce((s, i) => s + Math.abs(i.amount!), 0),
      count: current.length,
      what: current.length === 1 ? 'der Einzelposten ergibt' : `die ${current.length} Einzelposten ergeben`,
      ...(e.source ? { source: e.source } : {}),
    });
  }
  const previous = new Map<string, { column: Column; amount: Cents; count: number }>();
  for (const item of e.items) {
    const p = item.previous;
    const amount = previousAmount(item);
    if (!p || amount === undefined) continue;
    const key = `${p.kind}:${p.year}`;
    const entry = previous.get(key) ?? { column: { kind: p.kind, year: p.year }, amount: 0, count: 0 };
    entry.amount += Math.abs(amount);
    entry.count++;
    previous.set(key, entry);
  }
  for (const p of previous.values()) {
    out.push({
      ...p,
      what:
        p.count === 1
          ? `der Vorjahresbetrag des Einzelpostens ergibt`
          : `die Vorjahresbeträge der ${p.count} Einzelposten ergeben`,
      ...(e.source ? { source: e.source } : {}),
    });
  }
  return out;
}

/** Years a stated sentence names besides the previous year's parenthesis ("für 2026"). */
function yearsNamed(text: string, previousYear: number | undefined): Set<number> {
  const years = new Set<number>();
  for (const m of text.matchAll(/\b(?:19|20)\d{2}\b/gu)) years.add(Number(m[0]));
  if (previousYear !== undefined) years.delete(previousYear);
  return years;
}

/**
 * Amounts stated in the running text, each on its own. Conservative: a sentence that names years, none of
 * them the Erläuterung's year, is about another year and not compared.
 */
function statedClaims(e: Erlaeuterung, year: number): Claim[] {
  const out: Claim[] = [];
  for (const s of e.stated) {
    const named = yearsNamed(s.text, s.previous?.year);
    const source = s.source ?? e.source;
    if (named.size === 0 || named.has(year)) {
      out.push({
        column: { kind: 'ansatz', year },
        amount: Math.abs(s.amount),
        count: 1,
        what: 'der im Text genannte Betrag ergibt',
        ...(source ? { source } : {}),
      });
    }
    const p = s.previous;
    const prev = p ? (p.amount ?? (p.unchanged ? s.amount : undefined)) : undefined;
    if (p && prev !== undefined) {
      out.push({
        column: { kind: p.kind, year: p.year },
        amount: Math.abs(prev),
        count: 1,
        what: 'der im Text genannte Vorjahresbetrag ergibt',
        ...(source ? { source } : {}),
      });
    }
  }
  return out;
}

/** What the line holds, in the unit it was printed in (`-504.000 €`, `-504 T€`). */
function lineSays(printed: boolean, total: boolean, amount: Cents, unit: Unit | undefined): string {
  if (printed) return `die Zeile weist ${inUnit(amount, unit)} aus`;
  return total
    ? `die Zeile ist nicht gedruckt, ihre Teile ergeben ${inUnit(amount, unit)}`
    : 'die Zeile ist nicht gedruckt (0 €)';
}

function checkErlaeuterung(node: BudgetNode, e: Erlaeuterung, budgetYear: number | undefined): Finding[] {
  if (e.line === undefined) return [];
  const year = e.year ?? budgetYear;
  if (year === undefined) return [];
  const plan = planOf(node, e.plan);
  if (!plan) return [];
  const values = new PlanValues(plan);
  if (!values.printedLine(e.line) && !values.schemaLine(e.line)) return [];
  const label = values.label(e.line);
  const findings: Finding[] = [];
  for (const claim of [...itemClaims(e, year), ...statedClaims(e, year)]) {
    if (!hasColumn(plan, claim.column)) continue;
    const v = values.value(e.line, claim.column);
    if (v.unknown) continue;
    const printed = values.printedAmount(e.line, v.amount);
    const line = Math.abs(printed);
    const tolerance = v.tolerance + claim.count * HALF_EURO;
    const difference = claim.amount - line;
    if (difference <= tolerance) continue;
    findings.push({
      severity: 'warning',
      rule: 'erlaeuterung-items',
      message:
        `Erläuterung zu ${planName(e.plan)} ${node.code}, Zeile ${e.line} (${label}), ${describeColumn(claim.column)}: ` +
        `${claim.what} ${formatEuro(claim.amount)} €, ${lineSays(v.cell !== undefined, values.isTotal(e.line), printed, v.unit)} ` +
        `(${formatEuro(difference)} € mehr, als die Zeile enthält; Erläuterung oder Zeile prüfen)`,
      node: node.code,
      plan: e.plan,
      line: e.line,
      kind: claim.column.kind,
      year: claim.column.year,
      expected: line,
      actual: claim.amount,
      difference,
      ...(claim.source ? { source: claim.source } : {}),
    });
  }
  return findings;
}

function run(budget: Budget, scope?: Scope): Finding[] {
  return budget.nodes.flatMap((node) =>
    inScope(scope, node.code)
      ? node.erlaeuterungen.flatMap((e) => checkErlaeuterung(node, e, budget.year))
      : [],
  );
}

export const erlaeuterungItems: Rule = {
  id: 'erlaeuterung-items',
  title: 'Erläuterungen übersteigen nicht die Zeile, die sie erläutern',
  run,
};
