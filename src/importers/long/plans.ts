/**
 * Plans from summed amounts: the lines a file gave (cells placed from the file, with the source of the first
 * row that went into them) and the totals of the schema that it did not give, derived from them (cells without
 * a source: they are computed, not read). Parents are the exact sums of their children, also without sources.
 */
import type { Cell, Column, Plan, PlanLine, Source } from '../../core/model.js';
import type { Cents } from '../../core/money.js';
import { schemaById, schemaLine, type LineSchema } from '../../core/schema.js';

/** Amounts of one line: one sum per column of the file (undefined: no amount in that column). */
export interface LineSums {
  readonly sums: (Cents | undefined)[];
  /** The first row placed on the line (undefined for a parent's sums). */
  first?: Source;
}

/** Lines of one plan of one node, by schema id and line. */
export type PlanSums = Map<string, Map<string, LineSums>>;

export function addInto(target: PlanSums, source: PlanSums, width: number): void {
  for (const [schemaId, lines] of source) {
    const t = target.get(schemaId) ?? target.set(schemaId, new Map()).get(schemaId)!;
    for (const [line, s] of lines) {
      const existing =
        t.get(line) ?? t.set(line, { sums: new Array<Cents | undefined>(width).fill(undefined) }).get(line)!;
      s.sums.forEach((v, k) => {
        if (v !== undefined) existing.sums[k] = (existing.sums[k] ?? 0) + v;
      });
    }
  }
}

/** Adds `cents` to column `col` of a line of `sums`; a line new to them records `first` as its source. */
export function addCell(
  sums: PlanSums,
  schemaId: string,
  line: string,
  col: number,
  cents: Cents,
  width: number,
  first?: Source,
): void {
  const plan = sums.get(schemaId) ?? sums.set(schemaId, new Map()).get(schemaId)!;
  let s = plan.get(line);
  if (!s) {
    s = { sums: new Array<Cents | undefined>(width).fill(undefined), ...(first ? { first } : {}) };
    plan.set(line, s);
  }
  s.sums[col] = (s.sums[col] ?? 0) + cents;
}

/** `v × f` without a negative zero. */
function times(v: Cents | undefined, f: 1 | -1): Cents | undefined {
  return v === undefined || f === 1 || v === 0 ? v : -v;
}

/** +1 or −1: how a line of a plan printing expenses `positive` turns into the signed view. */
function factor(schema: LineSchema, line: string, signs: 'negative' | 'positive'): 1 | -1 {
  return signs === 'positive' && schemaLine(schema, line)?.flow === 'out' ? -1 : 1;
}

/** The totals of the schema the lines do not give, per column, in the plan's print convention. */
export function derivedTotals(
  schema: LineSchema,
  lines: ReadonlyMap<string, LineSums>,
  width: number,
  signs: 'negative' | 'positive',
): Map<string, (Cents | undefined)[]> {
  const out = new Map<string, (Cents | undefined)[]>();
  const memo = new Map<string, (Cents | undefined)[]>();
  const empty = (): (Cents | undefined)[] => new Array<Cents | undefined>(width).fill(undefined);
  const signed = (line: string, depth: number): (Cents | undefined)[] => {
    const given = lines.get(line);
    if (given) return given.sums.map((v) => times(v, factor(schema, line, signs)));
    const known = memo.get(line);
    if (known) return known;
    const sl = schemaLine(schema, line);
    if (!sl?.sum || depth > 20) return empty();
    const sum = empty();
    for (const term of sl.sum) {
      const negate = term.startsWith('-');
      const part = signed(negate ? term.slice(1) : term, depth + 1);
      part.forEach((v, k) => {
        if (v !== undefined) sum[k] = (sum[k] ?? 0) + times(v, negate ? -1 : 1)!;
      });
    }
    memo.set(line, sum);
    return sum;
  };
  for (const sl of schema.lines) {
    if (!sl.sum || lines.has(sl.line)) continue;
    const f = factor(schema, sl.line, signs);
    out.set(
      sl.line,
      signed(sl.line, 0).map((v) => times(v, f)),
    );
  }
  return out;
}

const numeric = (a: string, b: string): number => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);

/** Builds the plans of one node from its sums: the file's lines and the totals derived from them. */
export function buildPlans(
  sums: PlanSums,
  columns: readonly Column[],
  decimals: 0 | 2,
  signsOf: (schema: LineSchema, lines: ReadonlyMap<string, LineSums>) => 'negative' | 'positive',
): Plan[] {
  const plans: Plan[] = [];
  for (const [schemaId, lines] of sums) {
    const schema = schemaById(schemaId);
    if (!schema) continue;
    const used = columns.map((_, k) => [...lines.values()].some((l) => l.sums[k] !== undefined));
    const planColumns = columns.filter((_, k) => used[k]);
    const signs = signsOf(schema, lines);
    const cellsOf = (values: readonly (Cents | undefined)[], source?: Source): Cell[] =>
      columns.flatMap((column, k): Cell[] => {
        const v = values[k];
        if (!used[k] || v === undefined) return [];
        return [{ column, amount: v, decimals, ...(source ? { source } : {}) }];
      });
    const planLines: PlanLine[] = [];
    for (const [line, s] of lines)
      planLines.push({
        line,
        label: schemaLine(schema, line)?.label ?? '',
        cells: cellsOf(s.sums, s.first),
        ...(s.first ? { source: s.first } : {}),
      });
    for (const [line, values] of derivedTotals(schema, lines, columns.length, signs)) {
      const cells = cellsOf(values);
      if (cells.length > 0) planLines.push({ line, label: schemaLine(schema, line)?.label ?? '', cells });
    }
    planLines.sort((a, b) => numeric(a.line, b.line));
    const first = planLines.find((l) => l.source)?.source;
    plans.push({
      type: schema.plan,
      schemaId,
      columns: planColumns,
      lines: planLines,
      signs,
      ...(first ? { source: first } : {}),
    });
  }
  return plans;
}
