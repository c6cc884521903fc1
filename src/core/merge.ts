/**
 * Several files, one budget: a city publishes Teilpläne, Produktbereiche and Gesamtpläne separately, or a table
 * over several pages. Nodes with the same code merge; plans of the same type merge line by line (a plan split
 * over pages); the same cell printed twice must agree, else the merge reports a conflict naming both places.
 */
import { resolveParents } from './hierarchy.js';
import type { Budget, BudgetNode, Plan, PlanLine, Source } from './model.js';

export interface MergeConflict {
  readonly message: string;
  readonly source?: Source;
}

export type MergeResult =
  | { readonly ok: true; readonly budget: Budget }
  | { readonly ok: false; readonly conflicts: readonly MergeConflict[] };

function where(s: Source | undefined): string {
  return s ? `${s.file}, Zeile ${s.line}` : 'unbekannt';
}

function mergePlans(a: Plan, b: Plan, code: string, conflicts: MergeConflict[]): Plan {
  if (a.schemaId !== b.schemaId) {
    conflicts.push({
      message: `${code} ${a.type}: die Dateien folgen verschiedenen Zeilenschemata (${a.schemaId}, ${b.schemaId})`,
      ...(b.source ? { source: b.source } : {}),
    });
    return a;
  }
  const lines = new Map<string, PlanLine>(a.lines.map((l) => [l.line, l]));
  for (const line of b.lines) {
    const existing = lines.get(line.line);
    if (!existing) {
      lines.set(line.line, line);
      continue;
    }
    const cells = [...existing.cells];
    for (const cell of line.cells) {
      const same = cells.find(
        (c) => c.column.kind === cell.column.kind && c.column.year === cell.column.year,
      );
      if (!same) cells.push(cell);
      else if (same.amount !== cell.amount) {
        conflicts.push({
          message: `${code} ${a.type} Zeile ${line.line} ${cell.column.kind} ${cell.column.year}: ${where(same.source)} und ${where(cell.source)} nennen verschiedene Beträge`,
          ...(cell.source ? { source: cell.source } : {}),
        });
      }
    }
    lines.set(line.line, { ...existing, cells });
  }
  const columns = [...a.columns];
  for (const c of b.columns)
    if (!columns.some((x) => x.kind === c.kind && x.year === c.year)) columns.push(c);
  const merged = [...lines.values()].sort((x, y) => Number(x.line) - Number(y.line));
  return { ...a, columns, lines: merged };
}

function mergeNodes(a: BudgetNode, b: BudgetNode, conflicts: MergeConflict[]): BudgetNode {
  const plans = [...a.plans];
  for (const p of b.plans) {
    const i = plans.findIndex((x) => x.type === p.type);
    if (i < 0) plans.push(p);
    else plans[i] = mergePlans(plans[i]!, p, a.code, conflicts);
  }
  const investitionen = a.investitionen ?? b.investitionen;
  const beschreibung = a.beschreibung ?? b.beschreibung;
  const parent = a.parent ?? b.parent;
  return {
    ...a,
    name: a.name !== '' ? a.name : b.name,
    ...(parent !== undefined ? { parent } : {}),
    plans,
    ...(investitionen ? { investitionen } : {}),
    ...(beschreibung ? { beschreibung } : {}),
    erlaeuterungen: [...a.erlaeuterungen, ...b.erlaeuterungen],
    kennzahlen: [...a.kennzahlen, ...b.kennzahlen],
  };
}

export function mergeBudgets(budgets: readonly Budget[]): MergeResult {
  if (budgets.length === 1) return { ok: true, budget: budgets[0]! };
  const conflicts: MergeConflict[] = [];
  const nodes = new Map<string, BudgetNode>();
  for (const b of budgets) {
    for (const n of b.nodes) {
      const existing = nodes.get(n.code);
      nodes.set(n.code, existing ? mergeNodes(existing, n, conflicts) : n);
    }
  }
  if (conflicts.length > 0) return { ok: false, conflicts };
  const title = budgets.find((b) => b.title !== undefined)?.title;
  const years = budgets.map((b) => b.year).filter((y): y is number => y !== undefined);
  const budget: Budget = {
    ...(title !== undefined ? { title } : {}),
    ...(years.length > 0 ? { year: Math.min(...years) } : {}),
    // parents are found again across files: a Teilplan's Produktbereich may come from another file
    nodes: resolveParents(
      [...nodes.values()].map((n) => (n.level === 'haushalt' ? n : { ...n, parent: undefined })),
    ),
    notes: budgets.flatMap((b) => b.notes),
    files: budgets.flatMap((b) => b.files),
  };
  return { ok: true, budget };
}
