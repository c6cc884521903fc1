/**
 * The parts the plans do not hold, as imported (`parts-view.ts` puts them into the view): the development of the
 * Rücklagen (allgemeine Rücklage and Ausgleichsrücklage, `data/parts/ruecklagen.json`) with the Haushaltssicherungs-
 * konzept test of § 76 Abs. 1 GO NRW per planning year and the Haushaltsausgleich of § 75 Abs. 2 GO NRW, each with
 * the figures it used (`core/parts/haushaltsausgleich.ts`); and the Stellenplan (§ 8 KomHVO NRW) with its posts
 * per row, category and year. Every figure keeps its printed unit, precision and place.
 */
import { ruecklagenErgebnisplan, ruecklagenSummen } from '../core/check/rules/ruecklagen.js';
import type { Finding } from '../core/findings.js';
import type { Budget } from '../core/model.js';
import type { Figure } from '../core/parts/figure.js';
import { ausgleichTest, hskTest, planningStart } from '../core/parts/haushaltsausgleich.js';
import { personalaufwand } from '../core/parts/personalaufwand.js';
import { rowSpec, RUECKLAGEN_SPEC } from '../core/parts/ruecklagen.js';
import { CATEGORY_LABEL, STELLEN_CATEGORIES, stellenChanges } from '../core/parts/stellenplan.js';
import type { PartsView } from './contract/parts.js';
import type { Unkeyed } from './parts-view.js';

type Keyed = Finding & { readonly key: string };
type FigureView = NonNullable<PartsView['ruecklagen']>['hsk']['years'][number]['start'];

/**
 * The rules whose findings are differences in a printed figure (marked in its cell); the findings of § 75 and
 * § 76 GO NRW are legal results, shown in their own tables and in the list.
 */
const DIFFERENCE_RULES: ReadonlySet<string> = new Set([ruecklagenSummen.id, ruecklagenErgebnisplan.id]);

function figure(f: Figure): FigureView {
  return { amount: f.amount, unit: f.unit, decimals: f.decimals, source: f.source ?? null };
}

export function ruecklagenView(budget: Budget, findings: readonly Keyed[]): Unkeyed<'ruecklagen'> {
  const r = budget.parts?.ruecklagen;
  if (!r) return null;
  const years = [...r.years].sort((a, b) => a.year - b.year);
  const printedRows = new Map(r.rows.map((row) => [row.id, row]));
  // the rows in the form's order, each as printed (label, place)
  const ids = RUECKLAGEN_SPEC.order.filter((id) => printedRows.has(id) || years.some((y) => y.figures[id]));
  const start = planningStart(budget);
  const hsk = hskTest(r, start);
  return {
    origin: 'importiert',
    source: r.source ?? null,
    unit: r.unit,
    years: years.map((y) => y.year),
    rows: ids.map((id) => {
      const spec = rowSpec(id);
      const printed = printedRows.get(id);
      return {
        id,
        label: spec.label,
        printedLabel: printed?.label ?? spec.label,
        derived: spec.derived === true,
        source: printed?.source ?? null,
        cells: years.map((y) => {
          const f = y.figures[id];
          return {
            year: y.year,
            figure: f ? figure(f) : null,
            findings: findings
              .filter((x) => DIFFERENCE_RULES.has(x.rule) && x.line === id && x.year === y.year)
              .map((x) => x.key),
          };
        }),
      };
    }),
    hsk: {
      required: hsk.required,
      nr1: hsk.nr1,
      nr2: hsk.nr2,
      nr2Years: hsk.nr2Years ? [...hsk.nr2Years] : null,
      usedUp: hsk.usedUp ?? null,
      periodStart: start ?? null,
      years: hsk.years.map((y) => ({
        year: y.year,
        start: figure(y.start),
        reduction: { value: y.reduction.value, tolerance: y.reduction.tolerance },
        reductionFrom: y.reductionFrom,
        share: y.share,
        quarter: y.quarter,
        twentieth: y.twentieth,
        end: y.end ? figure(y.end) : null,
      })),
    },
    ausgleich: ausgleichTest(r, start).map((y) => ({
      year: y.year,
      jahresergebnis: figure(y.jahresergebnis),
      ausgleichsruecklage: y.ausgleichsruecklage ? figure(y.ausgleichsruecklage) : null,
      result: y.result,
      uncovered: y.uncovered ?? null,
    })),
  };
}

export function stellenplanView(budget: Budget, findings: readonly Keyed[]): Unkeyed<'stellenplan'> {
  const s = budget.parts?.stellenplan;
  if (!s) return null;
  const mine = findings.filter((f) => f.rule === 'stellenplan-summen');
  const changed = new Set(stellenChanges(s).map((c) => c.row));
  return {
    origin: 'importiert',
    source: s.source ?? null,
    years: [...s.years].sort((a, b) => a - b),
    rows: s.rows.map((row) => ({
      role: row.role,
      code: row.code ?? null,
      name: row.name,
      source: row.source ?? null,
      values: [...row.values]
        .sort(
          (a, b) =>
            a.year - b.year ||
            STELLEN_CATEGORIES.indexOf(a.category) - STELLEN_CATEGORIES.indexOf(b.category),
        )
        .map((v) => ({
          category: v.category,
          year: v.year,
          value: v.value,
          source: v.source ?? null,
          // the rule places a sum's difference on the printed value: the row (code, else name), the year,
          // and the category in its words ("Stellenplan 2026, 01 …, Gesamt: gedruckt …")
          findings: mine
            .filter(
              (f) =>
                f.line === (row.code ?? row.name) &&
                f.year === v.year &&
                f.message.includes(`, ${CATEGORY_LABEL[v.category]}: `),
            )
            .map((f) => f.key),
        })),
    })),
    changes: changed.size,
    personalaufwand: personalaufwand(budget, s).map((p) => ({
      code: p.row.code ?? '',
      name: p.row.name,
      year: p.year,
      amount: Math.abs(p.cell.amount),
      source: p.cell.source ?? null,
      stellen: p.stellen,
      perPost: p.perPost,
    })),
  };
}
