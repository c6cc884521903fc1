/**
 * The budget at a glance, for the start page (`GET /api/versions/:v/summary`) and the import preview: the
 * Gesamtergebnisplan's totals over the years with Erträge, Aufwendungen and the Jahresergebnis, and the
 * Produktbereiche by their Aufwendungen in the budget year. Everything comes from the line schema (`sum`,
 * `flow`, the line marked `jahresergebnis`), nothing from a municipality's names or codes: the Haushalt node's
 * Gesamtergebnisplan where the budget has one, else the Teilergebnispläne of the top units summed line by line
 * (said so in `source`, never passed off as a printed Gesamtergebnisplan). Pure.
 *
 * Amounts are cents. `lines` are as the plan prints them (so that they equal the Gesamtergebnisplan's table);
 * `ertraege` and `aufwendungen` are magnitudes (Aufwendungen positive, as the book draws them), `jahresergebnis`
 * is signed (a Fehlbetrag negative).
 */
import { topNodes } from '../core/hierarchy.js';
import {
  columnKey,
  columnLabel,
  planOf,
  type Budget,
  type BudgetNode,
  type Column,
  type Plan,
} from '../core/model.js';
import type { Cents } from '../core/money.js';
import { printedFactor, totalsContaining, type SumLine } from '../core/line-sums.js';
import { schemaById, type LineSchema } from '../core/schema.js';

export interface OverviewLine {
  readonly line: string;
  readonly label: string;
  readonly jahresergebnis: boolean;
  /** As printed (the plan's sign convention), per column; null where the line has no amount. */
  readonly cells: readonly (Cents | null)[];
}

export interface BudgetOverview {
  /** `gesamtplan`: the Haushalt node's Gesamtergebnisplan; `teilplaene`: the top units' Teilergebnispläne summed. */
  readonly source: 'gesamtplan' | 'teilplaene';
  /** The Haushalt node (the whole-budget node of the tree), if the budget has one. */
  readonly node: string | null;
  readonly schemaTitle: string | null;
  readonly columns: readonly {
    readonly kind: Column['kind'];
    readonly year: number;
    readonly label: string;
  }[];
  /** The totals up to the Jahresergebnis, in schema order. */
  readonly lines: readonly OverviewLine[];
  readonly ertraege: readonly (Cents | null)[];
  readonly aufwendungen: readonly (Cents | null)[];
  readonly jahresergebnis: readonly (Cents | null)[];
  /** The units summed (`teilplaene`). */
  readonly summed: readonly string[];
  /** Top units not summed: without a Teilergebnisplan, or under another line schema. */
  readonly left: readonly string[];
}

export interface UnitResult {
  readonly code: string;
  readonly name: string;
  readonly ertraege: Cents | null;
  readonly aufwendungen: Cents | null;
  readonly ergebnis: Cents | null;
}

export interface BudgetSummary {
  readonly overview: BudgetOverview | null;
  /** The column the Produktbereiche are compared in: the Ansatz of the budget year (else the first Ansatz). */
  readonly column: { readonly kind: Column['kind']; readonly year: number; readonly label: string } | null;
  /** Every top unit (Produktbereich), largest Aufwendungen first. */
  readonly produktbereiche: readonly UnitResult[];
}

type Values = (line: string, column: Column) => Cents | null;

/** The schema lines with the plan's own per-line conventions. */
function sumLines(schema: LineSchema, plan: Plan): readonly SumLine[] {
  const own = new Map(plan.lines.flatMap((l) => (l.signs ? [[l.line, l.signs] as const] : [])));
  return schema.lines.map((l) => (own.has(l.line) ? { ...l, signs: own.get(l.line)! } : l));
}

/** A plan's lines in the signed view (Aufwendungen negative): printed where printed, else summed by the schema. */
function signedValues(plan: Plan, schema: LineSchema): Values {
  const lines = sumLines(schema, plan);
  const byLine = new Map(lines.map((l) => [l.line, l]));
  const printed = new Map(plan.lines.map((l) => [l.line, l]));
  const value = (line: string, column: Column, depth: number): Cents | null => {
    const cell = printed.get(line)?.cells.find((c) => columnKey(c.column) === columnKey(column));
    if (cell) return cell.amount * printedFactor(plan.signs, lines, line);
    const sum = byLine.get(line)?.sum;
    if (!sum || depth > 20) return null;
    let total: Cents | null = null;
    for (const term of sum) {
      const negate = term.startsWith('-');
      const v = value(negate ? term.slice(1) : term, column, depth + 1);
      if (v !== null) total = (total ?? 0) + (negate ? -v : v);
    }
    return total;
  };
  return (line, column) => value(line, column, 0);
}

/** The lines the Jahresergebnis is made of, and of them the largest of each flow (10, 19, 23 in; 17, 20, 24 out). */
function structure(schema: LineSchema) {
  const result = schema.lines.find((l) => l.jahresergebnis);
  if (!result) return undefined;
  const inside = schema.lines.filter(
    (l) => l.line === result.line || totalsContaining(schema.lines, l.line).has(result.line),
  );
  const flowOf = new Map(schema.lines.map((l) => [l.line, l.flow]));
  /** The nearest total containing the line, within the Jahresergebnis. */
  const parentOf = (line: string): string | undefined =>
    inside.find((t) => (t.sum ?? []).some((term) => term.replace(/^-/u, '') === line))?.line;
  const largest = (flow: 'in' | 'out'): string[] =>
    inside
      .filter((l) => l.flow === flow && !l.memo)
      .filter((l) => {
        const p = parentOf(l.line);
        return p === undefined || flowOf.get(p) !== flow;
      })
      .map((l) => l.line);
  return {
    result: result.line,
    totals: inside.filter((l) => (l.sum !== undefined || l.jahresergebnis) && !l.memo),
    ins: largest('in'),
    outs: largest('out'),
  };
}

const add = (a: Cents | null, b: Cents | null): Cents | null => (a === null ? b : b === null ? a : a + b);

function sumOf(values: Values, lines: readonly string[], column: Column): Cents | null {
  return lines.reduce<Cents | null>((s, l) => add(s, values(l, column)), null);
}

/** Erträge, Aufwendungen (positive) and the Jahresergebnis of one plan's values in one column. */
function figures(values: Values, s: NonNullable<ReturnType<typeof structure>>, column: Column) {
  const out = sumOf(values, s.outs, column);
  return {
    ertraege: sumOf(values, s.ins, column),
    aufwendungen: out === null ? null : -out,
    jahresergebnis: values(s.result, column),
  };
}

function overviewOf(
  plans: readonly Plan[],
  source: BudgetOverview['source'],
  node: string | null,
  summed: readonly string[],
  left: readonly string[],
): BudgetOverview | null {
  const first = plans[0];
  const schema = first ? schemaById(first.schemaId) : undefined;
  const s = schema ? structure(schema) : undefined;
  if (!first || !schema || !s) return null;
  const all = plans.map((p) => signedValues(p, schema));
  const values: Values = (line, column) => all.reduce<Cents | null>((t, v) => add(t, v(line, column)), null);
  const lines = sumLines(schema, first);
  const columns = first.columns;
  const per = columns.map((c) => figures(values, s, c));
  return {
    source,
    node,
    schemaTitle: schema.title,
    columns: columns.map((c) => ({ kind: c.kind, year: c.year, label: columnLabel(c) })),
    lines: s.totals.map((l) => ({
      line: l.line,
      label: l.label,
      jahresergebnis: l.line === s.result,
      cells: columns.map((c) => {
        const v = values(l.line, c);
        return v === null ? null : v * printedFactor(first.signs, lines, l.line);
      }),
    })),
    ertraege: per.map((f) => f.ertraege),
    aufwendungen: per.map((f) => f.aufwendungen),
    jahresergebnis: per.map((f) => f.jahresergebnis),
    summed,
    left,
  };
}

/** The budget year's Ansatz column, else the first Ansatz, else the first column. */
function comparedColumn(budget: Budget, plan: Plan | undefined): Column | undefined {
  const columns = plan?.columns ?? [];
  return (
    columns.find((c) => c.kind === 'ansatz' && c.year === budget.year) ??
    columns.find((c) => c.kind === 'ansatz') ??
    columns[0]
  );
}

function unitResult(node: BudgetNode, column: Column | undefined): UnitResult {
  const plan = planOf(node, 'teilergebnisplan');
  const schema = plan ? schemaById(plan.schemaId) : undefined;
  const s = schema ? structure(schema) : undefined;
  if (!plan || !schema || !s || !column)
    return { code: node.code, name: node.name, ertraege: null, aufwendungen: null, ergebnis: null };
  const f = figures(signedValues(plan, schema), s, column);
  return {
    code: node.code,
    name: node.name,
    ertraege: f.ertraege,
    aufwendungen: f.aufwendungen,
    ergebnis: f.jahresergebnis,
  };
}

/** The whole budget at a glance (see the module comment). */
export function budgetSummary(budget: Budget): BudgetSummary {
  const haushalt = budget.nodes.find((n) => n.level === 'haushalt');
  const gesamt = haushalt ? planOf(haushalt, 'gesamtergebnisplan') : undefined;
  const tops = topNodes(budget);
  let overview: BudgetOverview | null = null;
  if (haushalt && gesamt) overview = overviewOf([gesamt], 'gesamtplan', haushalt.code, [], []);
  if (!overview) {
    const withPlan = tops.flatMap((n) => {
      const p = planOf(n, 'teilergebnisplan');
      return p ? [{ n, p }] : [];
    });
    const schemaId = withPlan[0]?.p.schemaId;
    const same = withPlan.filter((x) => x.p.schemaId === schemaId);
    const summedCodes = same.map((x) => x.n.code);
    overview = overviewOf(
      same.map((x) => x.p),
      'teilplaene',
      haushalt?.code ?? null,
      summedCodes,
      tops.filter((n) => !summedCodes.includes(n.code)).map((n) => n.code),
    );
  }
  const firstTeil = tops.map((n) => planOf(n, 'teilergebnisplan')).find((p) => p !== undefined);
  const column = comparedColumn(budget, firstTeil ?? gesamt);
  const produktbereiche = tops
    .map((n) => unitResult(n, column))
    .sort((a, b) => (b.aufwendungen ?? -Infinity) - (a.aufwendungen ?? -Infinity));
  return {
    overview,
    column: column ? { kind: column.kind, year: column.year, label: columnLabel(column) } : null,
    produktbereiche,
  };
}
