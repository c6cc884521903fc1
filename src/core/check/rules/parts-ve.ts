/**
 * `ve-uebersicht`: a printed overview of the Verpflichtungsermächtigungen against the plans and the Satzung:
 * each row's VE against the VE column of its Produktbereich's Teilfinanzplan, each row's payments by year
 * against its VE, the sum row against the sum of the rows, and the sum against the Gesamtbetrag der
 * Verpflichtungsermächtigungen of the Haushaltssatzung (printed, else the VE columns of the whole budget).
 * Findings on the row's unit (the sum's on the Haushalt node), `line` `ve` or the year of payment.
 */
import { inScope, NO_NODE, type Finding, type Rule, type Scope } from '../../findings.js';
import { topNodes } from '../../hierarchy.js';
import type { Budget, Column } from '../../model.js';
import type { Cents } from '../../money.js';
import { gesamtNode, partTolerance, type PartAmount } from '../../parts/amounts.js';
import { veFromPlan, veOfBudget, type VeRow, type VeUebersicht } from '../../parts/ve.js';
import { comparePart } from '../parts.js';

const RULE = 've-uebersicht';

function rowName(row: VeRow): string {
  return row.code === '' ? `Summenzeile (${row.name})` : `Zeile ${row.code} (${row.name})`;
}

/** A printed VE amount against what `basis` says it is. */
function finding(
  node: string | undefined,
  line: string,
  column: Column,
  subject: string,
  basis: string,
  printed: PartAmount,
  expected: Cents,
  tolerance: Cents,
  plan?: 'teilfinanzplan' | 'gesamtfinanzplan',
): Finding | undefined {
  return comparePart({
    rule: RULE,
    node,
    ...(plan ? { plan } : {}),
    line,
    column,
    subject,
    basis,
    printed,
    expected,
    tolerance,
  });
}

const sumOf = (items: readonly PartAmount[]): Cents => items.reduce((s, a) => s + a.amount, 0);
const tolOf = (items: readonly PartAmount[]): Cents => items.reduce((s, a) => s + partTolerance(a), 0);

/** A row's payments by year against its VE. */
function years(v: VeUebersicht, row: VeRow, node: string | undefined): Finding | undefined {
  const due = Object.values(row.faellig);
  if (!row.ve || due.length === 0) return undefined;
  return finding(
    node,
    've',
    { kind: 've', year: v.year },
    `VE-Übersicht, ${rowName(row)}, VE ${v.year}`,
    `die Summe der fälligen Auszahlungen ${Object.keys(row.faellig).join(', ')}`,
    row.ve,
    sumOf(due),
    tolOf(due),
  );
}

function run(budget: Budget, scope?: Scope): Finding[] {
  const v = budget.parts?.veUebersicht;
  if (!v) return [];
  const tops = new Map(topNodes(budget).map((n) => [n.code, n]));
  const haushalt = gesamtNode(budget)?.code;
  const column: Column = { kind: 've', year: v.year };
  const out: Finding[] = [];
  const push = (f: Finding | undefined): void => {
    if (f) out.push(f);
  };
  for (const row of v.rows) {
    const node = tops.get(row.code);
    const at = node?.code ?? haushalt;
    if (!inScope(scope, at ?? NO_NODE)) continue;
    if (!node) {
      out.push({
        severity: 'error',
        rule: RULE,
        message: `VE-Übersicht, ${rowName(row)}: keine Einheit ${row.code} im Haushalt; die Zeile ist gegen keinen Teilfinanzplan prüfbar`,
        ...(at !== undefined ? { node: at } : {}),
        ...(row.source ? { source: row.source } : {}),
      });
      continue;
    }
    const plan = veFromPlan(node, v.year);
    if (row.ve && plan && !plan.unknown)
      push(
        finding(
          node.code,
          've',
          column,
          `VE-Übersicht, ${rowName(row)}, VE ${v.year}`,
          plan.basis,
          row.ve,
          plan.amount,
          plan.tolerance,
          'teilfinanzplan',
        ),
      );
    push(years(v, row, node.code));
  }
  if (!inScope(scope, haushalt ?? NO_NODE)) return out;
  const sum = v.sum;
  if (sum?.ve) {
    const rows = v.rows.map((r) => r.ve).filter((a): a is PartAmount => a !== undefined);
    const subject = `VE-Übersicht, ${rowName(sum)}, VE ${v.year}`;
    push(
      finding(
        haushalt,
        've',
        column,
        subject,
        `die Summe der ${rows.length} Zeilen darüber`,
        sum.ve,
        sumOf(rows),
        tolOf(rows),
      ),
    );
    push(years(v, sum, haushalt));
    // the Satzung's Gesamtbetrag as printed, else the VE columns of the whole budget
    const printed = budget.parts?.satzung?.figures.ve;
    const total = printed ? undefined : veOfBudget(budget, v.year);
    const against = printed
      ? {
          basis: 'der Gesamtbetrag der Verpflichtungsermächtigungen der Haushaltssatzung (§ 3)',
          amount: printed.amount,
          tolerance: partTolerance(printed),
        }
      : total && !total.unknown
        ? {
            basis: `der Gesamtbetrag der VE des Haushalts (${total.basis})`,
            amount: total.amount,
            tolerance: total.tolerance,
          }
        : undefined;
    if (against)
      push(
        finding(
          haushalt,
          'satzung',
          column,
          subject,
          against.basis,
          sum.ve,
          against.amount,
          against.tolerance,
          printed ? undefined : 'gesamtfinanzplan',
        ),
      );
  }
  return out;
}

export const veUebersicht: Rule = {
  id: RULE,
  title: 'VE-Übersicht gegen VE-Spalten der Teilfinanzpläne und Haushaltssatzung',
  run,
};
