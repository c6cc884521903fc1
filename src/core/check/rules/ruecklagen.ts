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
 *   plan prints "nachrichtlich" (NRW: line 33), in the year's Ansatz, Planung or Ergebnis column. A year before the budget
 *   year is a warning: a development of the Rücklagen may show the forecast there, not the Ansatz.
 */
import { NO_NODE, inScope, type Finding, type Rule, type Scope } from '../../findings.js';
import { planOf, sameColumn, type Budget, type Cell, type ColumnKind, type Plan } from '../../model.js';
import { schemaById } from '../../schema-data.js';
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

/** The Gesamtergebnisplan's lines the development names: Jahresergebnis, after Minderaufwand, Minderaufwand. */
function planLines(plan: Plan): Partial<Record<RuecklagenRowId, string>> {
  const schema = schemaById(plan.schemaId);
  const je = schema?.lines.find((l) => l.jahresergebnis);
  if (!schema || !je) return {};
  const after = schema.lines.find((l) => l.sum?.includes(je.line) && l.line !== je.line);
  const minder = after?.sum?.find((x) => x !== je.line && !x.startsWith('-'));
  // the Verrechnungssaldo printed "nachrichtlich" (NRW: line 33 = 29 to 32)
  const saldo = schema.lines.find((l) => l.memo && l.sum && l.flow === 'net');
  const verrechnung = saldo ? { verrechnung: saldo.line } : {};
  if (!after) return { jahresergebnis: je.line, ...verrechnung };
  return {
    jahresergebnisVor: je.line,
    jahresergebnis: after.line,
    ...(minder ? { minderaufwand: minder } : {}),
    ...verrechnung,
  };
}

function cellFor(plan: Plan, line: string, year: number): Cell | undefined {
  const l = plan.lines.find((x) => x.line === line);
  if (!l) return undefined;
  for (const kind of ['ansatz', 'planung', 'ergebnis'] as const) {
    const c = l.cells.find((x) => sameColumn(x.column, { kind, year }));
    if (c) return c;
  }
  return undefined;
}

function cellApprox(c: Cell): Approx {
  return { value: c.amount, tolerance: c.scale === 1000 ? 50_000 : c.decimals === 0 ? 50 : 0 };
}

function ergebnisplan(budget: Budget, scope?: Scope): Finding[] {
  const r = budget.parts?.ruecklagen;
  if (!r || !inScope(scope, NO_NODE)) return [];
  const node = budget.nodes.find((n) => n.level === 'haushalt' && planOf(n, 'gesamtergebnisplan'));
  const plan = node && planOf(node, 'gesamtergebnisplan');
  if (!plan) return [];
  const lines = planLines(plan);
  // a development without the figure before the Minderaufwand names the plan's final Jahresergebnis
  const out: Finding[] = [];
  const start = planningStart(budget);
  for (const y of r.years) {
    for (const [row, line] of Object.entries(lines) as [RuecklagenRowId, string][]) {
      const printed = y.figures[row];
      const cell = cellFor(plan, line, y.year);
      if (!printed || !cell) continue;
      const difference = beyondRounding(printed, cellApprox(cell));
      if (difference === 0) continue;
      const before = start !== undefined && y.year < start;
      const kind =
        cell.column.kind === 'ansatz' ? 'Ansatz' : cell.column.kind === 'planung' ? 'Planung' : 'Ergebnis';
      out.push({
        severity: before ? 'warning' : 'error',
        rule: PLAN,
        message:
          `Rücklagen ${y.year}, ${rowSpec(row).label}: ${formatFigureWithUnit(printed)}, der Gesamtergebnisplan nennt in ` +
          `Zeile ${line} (${kind} ${y.year}) ${formatIn(cell.amount, printed.unit, printed.decimals + 2)} ` +
          `(Abweichung ${formatIn(Math.round(difference), printed.unit, printed.decimals + 1)})` +
          (before ? '; vor dem Haushaltsjahr zeigt die Entwicklung oft die Prognose statt des Ansatzes' : ''),
        line: row,
        kind: cell.column.kind,
        year: y.year,
        expected: cell.amount,
        actual: printed.amount,
        difference: printed.amount - cell.amount,
        ...(printed.source ? { source: printed.source } : {}),
      });
    }
  }
  return out;
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
