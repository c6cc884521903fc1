/**
 * The Haushaltsplan's parts of a generated budget, printed as a municipality prints them: the Haushaltsquerschnitt
 * (one row per Produktbereich, the columns of `data/parts/nrw-querschnitt.json`, a sum row) and the
 * Haushaltssatzung (its figures filled into a template, `data/parts/haushaltssatzung-nrw.txt`). Every amount is
 * summed in cents from the budget's plans and rounded to whole euros on its own when printed, as real prints
 * are. The Querschnitt comes as layout text (columns aligned with spaces, as `pdftotext -layout` gives it), as
 * tab-separated text or as a CSV table; Aufwendungen negative or, as many plans print them, positive.
 * `mutate` changes one printed amount (for tests that plant a difference).
 */
import { formatGerman, roundToEuro, type Cents } from '../core/money.js';
import { exact } from '../core/parts/amounts.js';
import type { Satzung } from '../core/parts/satzung.js';
import { fillSatzung } from '../core/parts/satzung-text.js';
import { QUERSCHNITT, SATZUNG, type QuerschnittColumnSpec } from '../core/parts/spec.js';
import type { GeneratedBudget, GeneratedNode } from './budget.js';

/** Index of the budget year's Ansatz in a generated plan's columns, and of the VE column in the Teilfinanzplan. */
const ANSATZ = 2;
const VE = 3;

export interface QuerschnittPrint {
  readonly layout: 'layout' | 'tabs' | 'csv';
  /** Aufwendungen and Auszahlungen printed as positive numbers. */
  readonly positive?: boolean;
  /** A planted difference: the printed amount of row `row` (its index; -1 the sum row) in column `column` changed by `delta` cents. */
  readonly mutate?: { readonly row: number; readonly column: string; readonly delta: Cents };
}

/** A Querschnitt column of one area, in cents (signed: Aufwendungen negative). */
function columnOf(area: GeneratedNode, spec: QuerschnittColumnSpec): Cents {
  const table = spec.plan === 'teilergebnisplan' ? area.teilergebnisplan : area.teilfinanzplan;
  const index = spec.kind === 've' ? VE : ANSATZ;
  return spec.lines.reduce((s, l) => s + table.get(l)![index]!, 0);
}

/** The Querschnitt's rows in cents: one per area, then the sum (code ''). */
export function querschnittRows(
  budget: GeneratedBudget,
): { readonly code: string; readonly name: string; readonly amounts: readonly Cents[] }[] {
  const rows = budget.areas.map((a) => ({
    code: a.code,
    name: a.name,
    amounts: QUERSCHNITT.columns.map((spec) => columnOf(a, spec)),
  }));
  const sum = QUERSCHNITT.columns.map((_, i) => rows.reduce((s, r) => s + r.amounts[i]!, 0));
  return [...rows, { code: '', name: 'Summe', amounts: sum }];
}

function cell(amount: Cents, spec: QuerschnittColumnSpec, print: QuerschnittPrint): string {
  return formatGerman(print.positive && spec.flow === 'out' ? -amount : amount);
}

/** The printed Haushaltsquerschnitt of a generated budget. */
export function querschnittText(budget: GeneratedBudget, print: QuerschnittPrint): string {
  const rows = querschnittRows(budget);
  const header = ['Nr.', 'Produktbereich', ...QUERSCHNITT.columns.map((c) => c.label)];
  const body = rows.map((r, i) => {
    const amounts = r.amounts.map((a, k) => {
      const spec = QUERSCHNITT.columns[k]!;
      const m = print.mutate;
      const planted =
        m && m.column === spec.id && (m.row === i || (m.row === -1 && r.code === '')) ? m.delta : 0;
      return cell(roundToEuro(a) + planted, spec, print);
    });
    return [r.code, r.name, ...amounts];
  });
  const title = [
    `Haushaltsquerschnitt ${budget.year}`,
    `Übersicht über die Erträge und Aufwendungen, Einzahlungen und Auszahlungen nach Produktbereichen (Ansatz ${budget.year}, in EUR)`,
    '',
  ];
  if (print.layout === 'csv')
    return [...title, ...[header, ...body].map((r) => r.join(';'))].join('\n') + '\n';
  if (print.layout === 'tabs')
    return [...title, ...[header, ...body].map((r) => r.join('\t'))].join('\n') + '\n';
  // aligned with spaces: code and name left, amounts right under their header
  const widths = header.map((h, k) => Math.max(h.length, ...body.map((r) => r[k]!.length)));
  const line = (r: readonly string[]): string =>
    r
      .map((t, k) => (k < 2 ? t.padEnd(widths[k]!) : t.padStart(widths[k]!)))
      .join('   ')
      .trimEnd();
  return [...title, line(header), ...body.map(line)].join('\n') + '\n';
}

/** The Satzung of a generated budget: its figures summed from the plans in cents (no Gesamtfinanzplan: no Finanzierungstätigkeit). */
export function generatedSatzung(budget: GeneratedBudget, name = 'der Stadt Musterstadt'): Satzung {
  const figures: Record<string, ReturnType<typeof exact>> = {};
  for (const f of SATZUNG.figures) {
    if (!f.plan || !f.lines || !f.column) continue;
    const teil = f.plan === 'gesamtergebnisplan' ? 'teilergebnisplan' : 'teilfinanzplan';
    const index = f.column === 've' ? VE : ANSATZ;
    if (
      f.lines.some(
        (l) =>
          !(
            teil === 'teilergebnisplan' ? budget.areas[0]!.teilergebnisplan : budget.areas[0]!.teilfinanzplan
          ).has(l),
      )
    )
      continue;
    const sum = budget.areas.reduce(
      (s, a) =>
        s +
        f.lines!.reduce(
          (t, l) => t + (teil === 'teilergebnisplan' ? a.teilergebnisplan : a.teilfinanzplan).get(l)![index]!,
          0,
        ),
      0,
    );
    figures[f.id] = exact(roundToEuro(Math.abs(sum)));
  }
  const result = budget.areas.reduce((s, a) => s + a.teilergebnisplan.get('31')![ANSATZ]!, 0);
  figures.ausgleichsruecklage = exact(roundToEuro(Math.max(0, -result)));
  figures.allgemeineRuecklage = exact(0);
  figures.liquiditaetskredite = exact(roundToEuro(Math.abs(figures.auszahlungenLfd?.amount ?? 0) / 5));
  return {
    year: budget.year,
    kind: 'gemeinde',
    name,
    figures,
    hebesaetze: [
      { name: 'Grundsteuer A', satz: '320' },
      { name: 'Grundsteuer B', satz: '495' },
      { name: 'Gewerbesteuer', satz: '460' },
    ],
    beschlussdatum: `11.12.${budget.year - 1}`,
  };
}

/** The printed Haushaltssatzung of a generated budget, from a template (the text of `data/parts/haushaltssatzung-nrw.txt`). */
export function satzungText(budget: GeneratedBudget, template: string): string {
  return fillSatzung(template, generatedSatzung(budget)) + '\n';
}
