/**
 * The development of the Rücklagen (`Budget.parts.ruecklagen`, src/core/parts/ruecklagen.ts), checked
 * rounding-aware — a figure printed in Mio. € with one decimal stands for ± 0,05 Mio. €, a relation of n
 * figures allows n × that, and a difference beyond it is an error:
 *
 * - `ruecklagen-summen`: each year's end = start + movements (allgemeine Rücklage: + Verrechnung § 44 Abs. 3
 *   KomHVO NRW + Zuführung/Entnahme; Ausgleichsrücklage: + Zuführung/Entnahme), next year's start = this
 *   year's end, the Jahresergebnis after the globaler Minderaufwand = before + Minderaufwand, the Jahresergebnis
 *   = the movements of the two Rücklagen (its use), and the derived rows (§ 76 threshold, distance, share).
 * - `ruecklagen-ergebnisplan`: the Jahresergebnis (before and after the globaler Minderaufwand) and the
 *   Minderaufwand equal the Gesamtergebnisplan's lines (the schema's Jahresergebnis line and the line summing
 *   it with the Minderaufwand), and the Verrechnung with the allgemeine Rücklage the Verrechnungssaldo the
 *   plan prints "nachrichtlich" (NRW: line 33), in the year's Ansatz, Planung or Ergebnis column.
 *   Without a Gesamtergebnisplan the Jahresergebnis is the sum of the top units' Teilergebnispläne (`derive.ts`). A year before the budget
 *   year is a warning: a development of the Rücklagen may show the forecast there, not the Ansatz.
 */
import { NO_NODE, inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import { planOf, type Budget, type Cell, type ColumnKind } from '../../model.js';
import { formatCount } from '../../money.js';
import { toleranceOf } from '../values.js';
import { cellOfYear, resultLines, resultPlans } from '../../parts/derive.js';
import {
  beyondRounding,
  formatIn,
  formatFigureWithUnit,
  halfStep,
  type Approx,
  type Figure,
} from '../../parts/figure.js';
import { planningStart } from '../../parts/haushaltsausgleich.js';
import { rowSpec, ruecklagenDifferences, type RuecklagenRowId } from '../../parts/ruecklagen.js';

const SUMMEN = 'ruecklagen-summen';
const PLAN = 'ruecklagen-ergebnisplan';

/** The kind of column a year of the development stands in (the Gesamtergebnisplan's, else Ansatz). */
export function kindOfYear(budget: Budget, year: number): ColumnKind {
  const plan = budget.nodes.find((n) => n.level === 'haushalt' && planOf(n, 'gesamtergebnisplan'));
  const cols = plan ? planOf(plan, 'gesamtergebnisplan')!.columns : [];
  for (const kind of ['ansatz', 'planung', 'ergebnis'] as const)
    if (cols.some((c) => c.kind === kind && c.year === year)) return kind;
  return 'ansatz';
}

function computedText(a: Approx, f: Figure): string {
  return formatIn(Math.round(a.value), f.unit, f.decimals);
}

function summen(budget: Budget, scope?: Scope): Finding[] {
  const r = budget.parts?.ruecklagen;
  if (!r || !inScope(scope, NO_NODE)) return [];
  return ruecklagenDifferences(r).map((d) => {
    const allowed = halfStep(d.printed) + d.computed.tolerance;
    return {
      severity: 'error',
      rule: SUMMEN,
      message:
        `Rücklagen ${d.year}, ${rowSpec(d.row).label}: gedruckt ${formatFigureWithUnit(d.printed)}, ` +
        `${d.relation} ergibt ${computedText(d.computed, d.printed)} ` +
        `(Abweichung ${formatIn(Math.round(d.difference), d.printed.unit, d.printed.decimals + 1)}; ` +
        `die Rundung der gedruckten Zahlen erklärt bis ${formatIn(Math.round(allowed), d.printed.unit, d.printed.decimals + 1)})`,
      line: d.row,
      kind: kindOfYear(budget, d.year),
      year: d.year,
      ...(d.printed.source ? { source: d.printed.source } : {}),
    } satisfies Finding;
  });
}

/** The rows of the development the plans give, and the line of each (`resultLines`). */
const PLAN_ROWS: readonly (readonly [
  RuecklagenRowId,
  (l: ReturnType<typeof resultLines>) => string | undefined,
])[] = [
  ['jahresergebnisVor', (l) => (l.after ? l.je : undefined)],
  ['jahresergebnis', (l) => l.after ?? l.je],
  ['minderaufwand', (l) => (l.after ? l.minder : undefined)],
  ['verrechnung', (l) => l.saldo],
];

const KIND_LABEL: Readonly<Record<string, string>> = {
  ansatz: 'Ansatz',
  planung: 'Planung',
  ergebnis: 'Ergebnis',
};

function ergebnisplan(budget: Budget, scope?: Scope): Finding[] {
  const r = budget.parts?.ruecklagen;
  if (!r || !inScope(scope, NO_NODE)) return [];
  const { plans, gesamt } = resultPlans(budget);
  if (plans.length === 0) return [];
  const out: Finding[] = [];
  const start = planningStart(budget);
  for (const y of r.years) {
    for (const [row, lineOf] of PLAN_ROWS) {
      const printed = y.figures[row];
      const line = lineOf(resultLines(plans[0]!));
      const cells = plans.map((p) => {
        const l = lineOf(resultLines(p));
        return l === undefined ? undefined : cellOfYear(p, l, y.year);
      });
      if (!printed || line === undefined || cells.some((c) => c === undefined)) continue;
      const present = cells as Cell[];
      const sum: Approx = {
        value: present.reduce((s, c) => s + c.amount, 0),
        tolerance: present.reduce((s, c) => s + cellApprox(c).tolerance, 0),
      };
      const difference = beyondRounding(printed, sum);
      if (difference === 0) continue;
      const before = start !== undefined && y.year < start;
      const column = present[0]!.column;
      const where = gesamt
        ? `der Gesamtergebnisplan nennt in Zeile ${line}`
        : `die Teilergebnispläne der ${formatCount(plans.length)} obersten Einheiten ergeben in Zeile ${line}`;
      out.push({
        severity: before ? 'warning' : 'error',
        rule: PLAN,
        message:
          `Rücklagen ${y.year}, ${rowSpec(row).label}: ${formatFigureWithUnit(printed)}, ${where} ` +
          `(${KIND_LABEL[column.kind] ?? column.kind} ${y.year}) ${formatIn(sum.value, printed.unit, printed.decimals + 2)} ` +
          `(Abweichung ${formatIn(Math.round(difference), printed.unit, printed.decimals + 1)})` +
          (before ? '; vor dem Haushaltsjahr zeigt die Entwicklung oft die Prognose statt des Ansatzes' : ''),
        line: row,
        kind: column.kind,
        year: y.year,
        expected: sum.value,
        actual: printed.amount,
        difference: printed.amount - sum.value,
        ...(printed.source ? { source: printed.source } : {}),
      });
    }
  }
  return out;
}

function cellApprox(c: Cell): Approx {
  return { value: c.amount, tolerance: toleranceOf(c) };
}

export const ruecklagenSummen: Rule = {
  id: SUMMEN,
  title: 'Entwicklung der Rücklagen: Anfang + Veränderungen = Ende, Vortrag, Jahresergebnis',
  run: summen,
};

export const ruecklagenErgebnisplan: Rule = {
  id: PLAN,
  title: 'Entwicklung der Rücklagen: Jahresergebnis wie im Gesamtergebnisplan',
  run: ergebnisplan,
};
