/**
 * The development of the Rücklagen derived from the plans, as the law derives it: each year's Jahresergebnis
 * (the Gesamtergebnisplan's Jahresergebnis line, before and after the globaler Minderaufwand; without a
 * Gesamtergebnisplan the sum of the top units' Teilergebnispläne, whose internal allocations net to zero) is
 * covered first by the Ausgleichsrücklage and the rest by the allgemeine Rücklage (§ 75 Abs. 2 and 4 GO NRW);
 * a surplus goes to the Ausgleichsrücklage (§ 75 Abs. 3 GO NRW; its cap of a third of the Eigenkapital is
 * the council's decision and not modelled); the Verrechnung of § 44 Abs. 3 KomHVO NRW is the plan's
 * Verrechnungssaldo where printed. The opening balances come from the last Schlussbilanz, which the plans do
 * not hold. Amounts in euros, exact as the plans print them. Pure.
 */
import { planOf, sameColumn, type Budget, type Cell, type Plan } from '../model.js';
import { schemaById } from '../schema-data.js';
import type { Figure } from './figure.js';
import { rowSpec, type Ruecklagen, type RuecklagenRowId, type RuecklagenYear } from './ruecklagen.js';

export interface Opening {
  /** The first year of the development (its 1 January balances are these). */
  readonly year: number;
  /** Cents. */
  readonly allgemeine: number;
  /** Cents. */
  readonly ausgleich: number;
}

/** A plan's cell of a line in a year: Ansatz, else Planung, else Ergebnis. */
export function cellOfYear(plan: Plan, line: string, year: number): Cell | undefined {
  const l = plan.lines.find((x) => x.line === line);
  for (const kind of ['ansatz', 'planung', 'ergebnis'] as const) {
    const c = l?.cells.find((x) => sameColumn(x.column, { kind, year }));
    if (c) return c;
  }
  return undefined;
}

/** The Jahresergebnis line of a plan's schema, and the line adding the Minderaufwand to it, if any. */
export function resultLines(plan: Plan): {
  readonly je?: string;
  readonly after?: string;
  readonly minder?: string;
  readonly saldo?: string;
} {
  const schema = schemaById(plan.schemaId);
  const je = schema?.lines.find((l) => l.jahresergebnis);
  if (!schema || !je) return {};
  // a Teilergebnisplan's Jahresergebnis is its share before internal allocations; only the Gesamtergebnisplan
  // adds the globaler Minderaufwand (NRW: 28 = 26 + 27) and prints the Verrechnungssaldo
  if (plan.type !== 'gesamtergebnisplan') return { je: je.line };
  const after = schema.lines.find(
    (l) => l.sum?.length === 2 && l.sum.includes(je.line) && l.line !== je.line,
  );
  const minder = after?.sum?.find((x) => x !== je.line && !x.startsWith('-'));
  const saldo = schema.lines.find((l) => l.memo && l.sum && l.flow === 'net')?.line;
  return {
    je: je.line,
    ...(after ? { after: after.line } : {}),
    ...(minder ? { minder } : {}),
    ...(saldo ? { saldo } : {}),
  };
}

/** The plans whose Jahresergebnis is the budget's: the Gesamtergebnisplan, else the top units' Teilergebnispläne. */
export function resultPlans(budget: Budget): { readonly plans: readonly Plan[]; readonly gesamt: boolean } {
  const g = budget.nodes.find((n) => n.level === 'haushalt' && planOf(n, 'gesamtergebnisplan'));
  if (g) return { plans: [planOf(g, 'gesamtergebnisplan')!], gesamt: true };
  const codes = new Set(budget.nodes.map((n) => n.code));
  const top = budget.nodes.filter(
    (n) => n.level !== 'haushalt' && (n.parent === undefined || !codes.has(n.parent)),
  );
  return {
    plans: top.flatMap((n) => (planOf(n, 'teilergebnisplan') ? [planOf(n, 'teilergebnisplan')!] : [])),
    gesamt: false,
  };
}

export function sumCells(
  plans: readonly Plan[],
  line: (p: Plan) => string | undefined,
  year: number,
): { amount: number; decimals: 0 | 2 } | undefined {
  let amount = 0;
  let decimals: 0 | 2 = 0;
  for (const p of plans) {
    const l = line(p);
    const c = l === undefined ? undefined : cellOfYear(p, l, year);
    if (!c) return undefined;
    amount += c.amount;
    if (c.decimals === 2) decimals = 2;
  }
  return plans.length > 0 ? { amount, decimals } : undefined;
}

const eur = (amount: number, decimals: 0 | 2): Figure => ({ amount, unit: 'EUR', decimals });

/** The development from `opening` on, for every year the plans give a Jahresergebnis; undefined for none. */
export function deriveRuecklagen(budget: Budget, opening: Opening): Ruecklagen | undefined {
  const { plans } = resultPlans(budget);
  const years: RuecklagenYear[] = [];
  let allgemeine = opening.allgemeine;
  let ausgleich = opening.ausgleich;
  for (let year = opening.year; ; year++) {
    const before = sumCells(plans, (p) => resultLines(p).je, year);
    if (!before) break;
    const after = sumCells(plans, (p) => resultLines(p).after, year);
    const minder = sumCells(plans, (p) => resultLines(p).minder, year);
    const saldo = sumCells(plans, (p) => resultLines(p).saldo, year);
    const je = after ?? before;
    const d = je.decimals;
    const fromAusgleich = je.amount >= 0 ? je.amount : Math.max(je.amount, -ausgleich);
    const fromAllgemeine = je.amount - fromAusgleich;
    const verrechnung = saldo?.amount ?? 0;
    const figures: Partial<Record<RuecklagenRowId, Figure>> = {
      allgemeineAnfang: eur(allgemeine, d),
      ausgleichAnfang: eur(ausgleich, d),
      ...(after ? { jahresergebnisVor: eur(before.amount, before.decimals) } : {}),
      ...(after && minder ? { minderaufwand: eur(minder.amount, minder.decimals) } : {}),
      jahresergebnis: eur(je.amount, d),
      ...(saldo ? { verrechnung: eur(saldo.amount, saldo.decimals) } : {}),
      entnahmeAllgemeine: eur(fromAllgemeine, d),
      entnahmeAusgleich: eur(fromAusgleich, d),
    };
    allgemeine += verrechnung + fromAllgemeine;
    ausgleich += fromAusgleich;
    figures.allgemeineEnde = eur(allgemeine, d);
    figures.ausgleichEnde = eur(ausgleich, d);
    years.push({ year, figures });
  }
  if (years.length === 0) return undefined;
  const rows = Object.keys(years[0]!.figures).map((id) => ({
    id: id as RuecklagenRowId,
    label: rowSpec(id as RuecklagenRowId).label,
  }));
  return { rows, years, unit: 'EUR' };
}
