/**
 * `erlaeuterung-items`: the itemised entries of an Erläuterung against the line they explain, for the Ansatz
 * year and for the previous year the entries name ("Ansatz 2025 = 69.000 €", "= Ansatz 2025"); likewise amounts
 * stated in the running text. Entries may explain only part of a line, so only entries exceeding their line
 * beyond rounding are reported, and as a warning: the document contradicts itself, but which part is wrong
 * cannot be told.
 */
import type { Finding, Rule } from '../../findings.js';
import type { Budget, BudgetNode, Column, Erlaeuterung } from '../../model.js';
import { cellOf, planOf } from '../../model.js';
import { schemaById, schemaLine } from '../../schema.js';
import { describeColumn, euro, planName } from '../messages.js';
import { HALF_EURO, toleranceOf } from '../values.js';

interface Claim {
  readonly column: Column;
  readonly amount: number;
  readonly count: number;
  readonly what: string;
}

function claims(e: Erlaeuterung, year: number): Claim[] {
  const out: Claim[] = [];
  const current = e.items.filter((i) => i.amount !== undefined);
  if (current.length > 0) {
    out.push({
      column: { kind: 'ansatz', year },
      amount: current.reduce((s, i) => s + Math.abs(i.amount!), 0),
      count: current.length,
      what: current.length === 1 ? 'der Einzelposten' : `die ${current.length} Einzelposten`,
    });
  }
  const previous = new Map<string, { column: Column; amount: number; count: number }>();
  for (const i of e.items) {
    const p = i.previous;
    if (!p || p.amount === undefined) continue;
    const key = `${p.kind}:${p.year}`;
    const entry = previous.get(key) ?? { column: { kind: p.kind, year: p.year }, amount: 0, count: 0 };
    entry.amount += Math.abs(p.amount);
    entry.count++;
    previous.set(key, entry);
  }
  for (const p of previous.values()) {
    out.push({ ...p, what: `die Vorjahresangaben von ${p.count} Einzelposten` });
  }
  for (const s of e.stated) {
    out.push({
      column: { kind: 'ansatz', year },
      amount: Math.abs(s.amount),
      count: 1,
      what: 'der im Text genannte Betrag',
    });
    if (s.previous?.amount !== undefined) {
      out.push({
        column: { kind: s.previous.kind, year: s.previous.year },
        amount: Math.abs(s.previous.amount),
        count: 1,
        what: 'der im Text genannte Vorjahresbetrag',
      });
    }
  }
  return out;
}

function checkErlaeuterung(node: BudgetNode, e: Erlaeuterung, budgetYear: number | undefined): Finding[] {
  if (e.line === undefined) return [];
  const year = e.year ?? budgetYear;
  if (year === undefined) return [];
  const plan = planOf(node, e.plan);
  const printed = plan?.lines.find((l) => l.line === e.line);
  if (!plan || !printed) return [];
  const schema = schemaById(plan.schemaId);
  const label = (schema && schemaLine(schema, e.line)?.label) ?? printed.label;
  const findings: Finding[] = [];
  for (const claim of claims(e, year)) {
    const cell = cellOf(printed, claim.column);
    if (!cell) continue;
    const line = Math.abs(cell.amount);
    const tolerance = toleranceOf(cell) + claim.count * HALF_EURO;
    const difference = claim.amount - line;
    if (difference <= tolerance) continue;
    findings.push({
      severity: 'warning',
      rule: 'erlaeuterung-items',
      message:
        `Erläuterung zu ${planName(e.plan)} ${node.code}, Zeile ${e.line} (${label}), ${describeColumn(claim.column)}: ` +
        `${claim.what} ergeben ${euro(claim.amount)} €, die Zeile weist ${euro(line)} € aus ` +
        `(${euro(difference)} € mehr, als die Zeile enthält)`,
      node: node.code,
      plan: e.plan,
      line: e.line,
      kind: claim.column.kind,
      year: claim.column.year,
      expected: line,
      actual: claim.amount,
      difference,
      ...(e.source ? { source: e.source } : {}),
    });
  }
  return findings;
}

function run(budget: Budget): Finding[] {
  return budget.nodes.flatMap((node) =>
    node.erlaeuterungen.flatMap((e) => checkErlaeuterung(node, e, budget.year)),
  );
}

export const erlaeuterungItems: Rule = {
  id: 'erlaeuterung-items',
  title: 'Erläuterungen übersteigen nicht die Zeile, die sie erläutern',
  run,
};
