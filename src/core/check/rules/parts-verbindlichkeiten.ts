/**
 * `verbindlichkeiten`: a printed Übersicht über den voraussichtlichen Stand der Verbindlichkeiten
 * (`Budget.parts.verbindlichkeiten`): the sum row against the sum of the rows in each Stand, and where it
 * overlaps the Gesamtfinanzplan, a kind's Stand at the end of the budget year against its Stand at the start
 * plus the year's Aufnahme minus its Tilgung (`data/parts/verbindlichkeiten.json`: the Investitionskredite with
 * Gesamtfinanzplan lines 33 and 35). Findings on the Haushalt node (none without one), `line` the kind's id, or
 * `summe-vorjahr`, `summe-beginn`, `summe-ende` for the sum row's Stände (one key each).
 */
import { inScope, NO_NODE, type Finding, type Rule, type Scope } from '../../findings.js';
import type { Budget, Column } from '../../model.js';
import { gesamtNode, gesamtSum, partTolerance, type PartAmount } from '../../parts/amounts.js';
import {
  standDate,
  VERBINDLICHKEITEN_SPEC,
  type StandId,
  type Verbindlichkeiten,
} from '../../parts/verbindlichkeiten.js';
import { comparePart } from '../parts.js';

const RULE = 'verbindlichkeiten';

/** The year a Stand belongs to, as a finding's column (the Ansatz year whose Stand it is). */
function columnOf(v: Verbindlichkeiten, id: StandId): Column {
  return { kind: 'ansatz', year: id === 'vorjahr' ? v.year - 1 : v.year };
}

function sums(v: Verbindlichkeiten, haushalt: string | undefined): Finding[] {
  const sum = v.sum;
  if (!sum) return [];
  const out: Finding[] = [];
  for (const id of v.columns) {
    const printed = sum.amounts[id];
    if (!printed) continue;
    const items = v.rows.map((r) => r.amounts[id]).filter((a): a is PartAmount => a !== undefined);
    const f = comparePart({
      rule: RULE,
      node: haushalt,
      // each Stand its own line: the Stände at the start and at the end of the budget year share its column
      line: `summe-${id}`,
      column: columnOf(v, id),
      subject: `Verbindlichkeiten, Summenzeile (${sum.label}), Stand ${standDate(id, v.year)}`,
      basis: `die Summe der ${items.length} Zeilen darüber`,
      printed,
      expected: items.reduce((s, a) => s + a.amount, 0),
      tolerance: items.reduce((s, a) => s + partTolerance(a), 0),
    });
    if (f) out.push(f);
  }
  return out;
}

/** End = start + Aufnahme − Tilgung, for the kinds whose movements the Gesamtfinanzplan prints. */
function movements(budget: Budget, v: Verbindlichkeiten, haushalt: string | undefined): Finding[] {
  const out: Finding[] = [];
  const column: Column = { kind: 'ansatz', year: v.year };
  for (const spec of VERBINDLICHKEITEN_SPEC.rows) {
    if (!spec.aufnahme || !spec.tilgung) continue;
    const row = v.rows.find((r) => r.id === spec.id);
    const start = row?.amounts.beginn;
    const end = row?.amounts.ende;
    if (!row || !start || !end) continue;
    const auf = gesamtSum(budget, 'gesamtfinanzplan', [spec.aufnahme], column);
    const til = gesamtSum(budget, 'gesamtfinanzplan', [spec.tilgung], column);
    if (!auf || !til || auf.unknown || til.unknown) continue;
    const expected = start.amount + Math.abs(auf.amount) - Math.abs(til.amount);
    const f = comparePart({
      rule: RULE,
      node: haushalt,
      plan: 'gesamtfinanzplan',
      line: spec.id,
      column,
      subject: `Verbindlichkeiten, ${row.label}, Stand ${standDate('ende', v.year)}`,
      basis: `der Stand ${standDate('beginn', v.year)} zuzüglich Aufnahme (Gesamtfinanzplan, Zeile ${spec.aufnahme}) abzüglich Tilgung (Zeile ${spec.tilgung})`,
      printed: end,
      expected,
      tolerance: partTolerance(start) + auf.tolerance + til.tolerance,
    });
    if (f) out.push(f);
  }
  return out;
}

function run(budget: Budget, scope?: Scope): Finding[] {
  const v = budget.parts?.verbindlichkeiten;
  const haushalt = gesamtNode(budget)?.code;
  if (!v || !inScope(scope, haushalt ?? NO_NODE)) return [];
  return [...sums(v, haushalt), ...movements(budget, v, haushalt)];
}

export const verbindlichkeiten: Rule = {
  id: RULE,
  title:
    'Verbindlichkeiten: Summenzeile, Investitionskredite gegen Aufnahme und Tilgung des Gesamtfinanzplans',
  run,
};
