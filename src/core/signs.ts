/**
 * How a plan prints Aufwendungen/Auszahlungen, told from its amounts: `negative` (the NKF default and the
 * reference document's way: expenses negative, totals plain sums) or `positive` (expenses as positive
 * numbers, as Köln prints them). Its printed totals decide (the reading under which more of them hold); where
 * they do not, the sign most of the schema's `out` amounts are printed with; a tie (e.g. a plan of zeros) is
 * `negative`. Pure, for every importer that does not get the convention from a profile.
 *
 * Some plans mix the two: a plan that prints expenses positive prints one line with a minus ("- Zinsen …"
 * `7.609,69-`), the minus being the line's direction and not a negative expense. Reading such a line with the
 * plan's convention would apply the sign twice (the printed minus, then the plan's negation of expenses) and
 * its totals would not add up. `withLineSigns` decides the convention per line: where the plan's printed totals
 * hold with the line read as printed and not with the plan's way, the line keeps its own `signs`; where no
 * total decides, a line printed only with minus signs is read as printed (its minus is its direction). A plan
 * printing expenses negative (the NKF form) is never read per line: an expense printed positive there is a
 * refund or a misprint, and its totals say which. The convention is applied once, per line, by `signFactor`
 * (check/values.ts).
 */
import type { Column, Plan, PlanLine } from './model.js';
import { schemaById, schemaLine, type LineSchema } from './schema.js';
import { PlanValues, parseTerm, termsOf } from './check/values.js';
import { totalsContaining } from './line-sums.js';

const MIXED = new WeakMap<LineSchema, readonly string[]>();

/** The totals over income and expenses: only they hold in one reading of the expenses and not the other. */
function mixedTotals(schema: LineSchema): readonly string[] {
  const known = MIXED.get(schema);
  if (known) return known;
  const flows = (line: string, depth: number): Set<string> => {
    const sl = schemaLine(schema, line);
    if (!sl?.sum || depth > 20) return new Set(sl?.flow ? [sl.flow] : []);
    return new Set(sl.sum.flatMap((t) => [...flows(parseTerm(t).line, depth + 1)]));
  };
  const totals = schema.lines
    .filter((l) => {
      const f = flows(l.line, 0);
      return l.sum !== undefined && f.has('in') && f.has('out');
    })
    .map((l) => l.line);
  MIXED.set(schema, totals);
  return totals;
}

/** How many printed totals over income and expenses hold under each reading of the expenses. */
interface Holds {
  readonly negative: number;
  readonly positive: number;
  /** Printed totals over income and expenses whose amounts are not all zero (what could tell). */
  readonly telling: number;
}

function countHolds(
  schema: LineSchema,
  lines: readonly PlanLine[],
  all: boolean,
): Holds & { columns: Column[] } {
  const columns = new Map<string, Column>();
  // a plan's cells share their column objects: a key is built once per object, not per cell
  const seen = new Set<Column>();
  for (const l of lines)
    for (const c of l.cells) {
      if (seen.has(c.column)) continue;
      seen.add(c.column);
      const key = `${c.column.kind}:${c.column.year}`;
      if (!columns.has(key)) columns.set(key, c.column);
    }
  const plan = (signs: 'negative' | 'positive'): Plan => ({
    type: schema.plan,
    schemaId: schema.id,
    columns: [...columns.values()],
    lines,
    signs,
  });
  const totals = mixedTotals(schema);
  const negative = new PlanValues(plan('negative'));
  const positive = new PlanValues(plan('positive'));
  let negativeHolds = 0;
  let positiveHolds = 0;
  for (const column of columns.values()) {
    negativeHolds += holding(negative, totals, column);
    positiveHolds += holding(positive, totals, column);
    // the wrong reading holds a total over income and expenses only where the expenses are about zero:
    // a lead of two is decided (and spares the rest of a large plan's columns)
    if (!all && Math.abs(negativeHolds - positiveHolds) >= 2) break;
  }
  const totalLines = new Set(totals);
  const telling = lines.filter((l) => totalLines.has(l.line) && l.cells.some((c) => c.amount !== 0)).length;
  return { negative: negativeHolds, positive: positiveHolds, telling, columns: [...columns.values()] };
}

/** The sign most of the schema's `out` amounts are printed with: what decides where no total can. */
function bySignOfExpenses(schema: LineSchema, lines: readonly PlanLine[]): 'negative' | 'positive' {
  let positiveCells = 0;
  let negativeCells = 0;
  for (const l of lines) {
    const sl = schemaLine(schema, l.line);
    if (sl?.flow !== 'out') continue;
    for (const c of l.cells) {
      if (c.amount > 0) positiveCells++;
      else if (c.amount < 0) negativeCells++;
    }
  }
  return positiveCells > negativeCells ? 'positive' : 'negative';
}

/** True when every expense amount that is not zero has the same sign (and there is one). */
function unanimousExpenses(schema: LineSchema, lines: readonly PlanLine[]): boolean {
  let signs = 0;
  for (const l of lines) {
    if (schemaLine(schema, l.line)?.flow !== 'out') continue;
    for (const c of l.cells) if (c.amount !== 0) signs |= c.amount > 0 ? 1 : 2;
  }
  return signs === 1 || signs === 2;
}

/**
 * How the plan prints expenses: the reading under which more of its printed totals hold (a total over income and
 * expenses, such as "Ordentliches Ergebnis", holds in one reading only); where the totals do not tell (none
 * printed, or all zero), the sign most of its expense amounts are printed with.
 */
export function detectSigns(schema: LineSchema, lines: readonly PlanLine[]): 'negative' | 'positive' {
  const h = countHolds(schema, lines, false);
  if (h.negative !== h.positive) return h.positive > h.negative ? 'positive' : 'negative';
  return bySignOfExpenses(schema, lines);
}

/** A plan's sign convention as decided by `decideSigns`. */
export interface SignDecision {
  readonly signs: 'negative' | 'positive';
  /** The plan's lines, each `out` line with its own convention where the plan mixes them (`withLineSigns`). */
  readonly lines: readonly PlanLine[];
  /** `mixed`: expenses printed positive, some lines with their own minus. */
  readonly trait: 'negative' | 'positive' | 'mixed';
  /** German, for the import: where no convention makes the printed totals hold, or two do equally. */
  readonly note?: string;
}

const OUT_OPERATORS = new Set(['-', './.']);

/**
 * The sign convention of a printed plan, for every importer: of the three ways plans print expenses —
 * negative (totals plain sums), positive with results signed, or positive with some lines printed with their
 * own minus — the one under which the printed totals hold. An operator column confirms it where the totals
 * cannot tell: expense lines marked `-` or `./.` with amounts printed positive are expenses printed positive.
 * Where no reading makes a printed total over income and expenses hold, or two readings that differ hold
 * equally, `note` says so (the reading taken is then the operators', else the sign most expenses carry).
 */
export function decideSigns(
  schema: LineSchema,
  lines: readonly PlanLine[],
  operators: ReadonlyMap<string, string> = new Map(),
): SignDecision {
  const h = countHolds(schema, lines, false);
  let signs: 'negative' | 'positive';
  let note: string | undefined;
  if (h.negative !== h.positive) signs = h.positive > h.negative ? 'positive' : 'negative';
  else {
    const marked = lines.filter(
      (l) => schemaLine(schema, l.line)?.flow === 'out' && OUT_OPERATORS.has(operators.get(l.line) ?? ''),
    );
    const printedPositive = marked.filter((l) => l.cells.some((c) => c.amount > 0)).length;
    const printedNegative = marked.filter((l) => l.cells.some((c) => c.amount < 0)).length;
    signs =
      printedPositive !== printedNegative
        ? printedPositive > printedNegative
          ? 'positive'
          : 'negative'
        : bySignOfExpenses(schema, lines);
    // the readings differ only where an expense that enters a total is not zero
    const differ = lines.some(
      (l) => schemaLine(schema, l.line)?.flow === 'out' && l.cells.some((c) => c.amount !== 0),
    );
    // no doubt worth a note where some totals hold in both readings and either both make every printed total
    // hold (expenses of a euro or two, within the rounding of whole-euro amounts) or every expense printed is
    // printed with the same sign (the one total that could tell is unreadable or not printed)
    const immaterial =
      h.negative > 0 &&
      (unanimousExpenses(schema, lines) ||
        (['negative', 'positive'] as const).every((reading) =>
          holdsEverywhere(
            { type: schema.plan, schemaId: schema.id, columns: h.columns, lines, signs: reading },
            mixedTotals(schema),
            h.columns,
          ),
        ));
    if (differ && h.telling > 0 && !immaterial) {
      note =
        `Vorzeichen nicht eindeutig: die gedruckten Summen über Erträge und Aufwendungen gehen ` +
        (h.negative === 0
          ? 'weder mit negativ noch mit positiv gedruckten Aufwendungen auf'
          : 'mit negativ und mit positiv gedruckten Aufwendungen gleich oft auf') +
        `; gelesen mit ${signs === 'positive' ? 'positiv' : 'negativ'} gedruckten Aufwendungen` +
        (printedPositive !== printedNegative
          ? ' (nach der Operatorspalte)'
          : ' (nach dem Vorzeichen der meisten Aufwendungen)');
    }
  }
  const plan: Plan = { type: schema.plan, schemaId: schema.id, columns: h.columns, lines, signs };
  const decided = withLineSigns(plan);
  const mixed = decided.lines.some((l) => l.signs !== undefined);
  // a tie the lines' own signs resolve (every printed total holds once each line is read its way) is no doubt
  if (note !== undefined && mixed && holdsEverywhere(decided, mixedTotals(schema), h.columns))
    note = undefined;
  if (note === undefined && !mixed && h.telling > 0 && Math.max(h.negative, h.positive) === 0) {
    note =
      'Vorzeichen nicht eindeutig: keine gedruckte Summe über Erträge und Aufwendungen geht auf, weder mit ' +
      `negativ noch mit positiv gedruckten Aufwendungen; gelesen mit ${signs === 'positive' ? 'positiv' : 'negativ'} gedruckten Aufwendungen`;
  }
  return {
    signs,
    lines: decided.lines,
    trait: mixed ? 'mixed' : signs,
    ...(note !== undefined ? { note } : {}),
  };
}

/** Whether every printed total of `totals` holds in every column. */
function holdsEverywhere(plan: Plan, totals: readonly string[], columns: readonly Column[]): boolean {
  const values = new PlanValues(plan);
  return columns.every((column) => {
    const printed = totals.filter((t) =>
      values
        .printedLine(t)
        ?.cells.some((c) => c.column.kind === column.kind && c.column.year === column.year),
    ).length;
    return holding(values, totals, column) === printed;
  });
}

/** How many of `totals` hold in `column` (printed amount = sum of its parts, within their rounding). */
function holding(plan: Plan | PlanValues, totals: readonly string[], column: Column): number {
  const values = plan instanceof PlanValues ? plan : new PlanValues(plan);
  let n = 0;
  for (const total of totals) {
    const printed = values.printedLine(total);
    const cell = printed?.cells.find((c) => c.column.kind === column.kind && c.column.year === column.year);
    const sl = values.schemaLine(total);
    if (!cell || !sl?.sum) continue;
    const actual = values.value(total, column);
    let expected = 0;
    let tolerance = actual.tolerance;
    let known = true;
    for (const t of termsOf(sl)) {
      const v = knownValue(values, t.line, column, 0);
      if (!v) {
        known = false;
        break;
      }
      expected += t.negate ? -v.amount : v.amount;
      tolerance += v.tolerance;
    }
    if (known && Math.abs(actual.amount - expected) <= tolerance) n++;
  }
  return n;
}

/**
 * A term's value for telling the convention: an unreadable total is taken from its parts (the Ordentliche
 * Erträge unreadable, the Ordentliches Ergebnis still tells by the Erträge printed above it); a term that
 * rests on an unreadable detail is not known, and a total over it tells nothing either way.
 */
function knownValue(
  values: PlanValues,
  line: string,
  column: Column,
  depth: number,
): { amount: number; tolerance: number } | undefined {
  const v = values.value(line, column);
  if (!v.unknown) return v;
  const sl = values.schemaLine(line);
  if (!sl?.sum || depth > 20) return undefined;
  let amount = 0;
  let tolerance = 0;
  for (const t of termsOf(sl)) {
    const part = knownValue(values, t.line, column, depth + 1);
    if (!part) return undefined;
    amount += t.negate ? -part.amount : part.amount;
    tolerance += part.tolerance;
  }
  return { amount, tolerance };
}

function withLine(plan: Plan, line: PlanLine): Plan {
  return { ...plan, lines: plan.lines.map((l) => (l.line === line.line ? line : l)) };
}

/**
 * A plan printing expenses positive with each `out` line's convention decided on its own (see the module
 * comment): a line read as printed (expenses negative) gets `signs: 'negative'`; the printed amounts stay as
 * printed. Lines printed with a minus are the candidates; the one whose other reading makes the most printed
 * totals hold (in the columns it prints) is turned, then the next, until no turn makes more totals hold. A
 * candidate whose reading no total can tell (both hold, or neither changes) is read as printed when it prints
 * only minus signs. A plan printing expenses negative comes back as it is.
 */
export function withLineSigns(plan: Plan): Plan {
  const schema = schemaById(plan.schemaId);
  // a plan printing expenses negative (the NKF form) prints every line signed: an expense line printed
  // positive there is a refund or a misprint, which its totals show; it is never read the other way
  if (!schema || plan.signs !== 'positive') return plan;
  const other = 'negative';
  // only an expense printed with a minus can be a line printed the other way
  const against = (amount: number): boolean => amount < 0;
  const candidates = plan.lines.filter(
    (l) => schemaLine(schema, l.line)?.flow === 'out' && l.cells.some((c) => against(c.amount)),
  );
  if (candidates.length === 0) return plan;
  const totalsOf = new Map(
    candidates.map((l) => [l.line, [...totalsContaining(schema.lines, l.line).keys()]]),
  );
  /** Per column the line prints, how many more of its totals hold when it is turned (negative: fewer). */
  const gains = (current: Plan, line: PlanLine): number[] => {
    const turned = withLine(current, { ...line, signs: other });
    return line.cells
      .filter((c) => c.amount !== 0)
      .map(
        (c) =>
          holding(turned, totalsOf.get(line.line)!, c.column) -
          holding(current, totalsOf.get(line.line)!, c.column),
      );
  };
  let current = plan;
  const open = new Set(candidates.map((l) => l.line));
  for (;;) {
    let best: { line: PlanLine; gain: number } | undefined;
    for (const line of candidates) {
      if (!open.has(line.line)) continue;
      const gain = gains(current, line).reduce((a, b) => a + b, 0);
      if (gain > 0 && (!best || gain > best.gain)) best = { line, gain };
    }
    if (!best) break;
    current = withLine(current, { ...best.line, signs: other });
    open.delete(best.line.line);
  }
  // no total tells: a line printed only with minus signs prints its direction (reading it as a negative expense
  // would apply the sign twice)
  for (const line of candidates) {
    if (!open.has(line.line)) continue;
    const printed = line.cells.filter((c) => c.amount !== 0);
    if (printed.every((c) => c.amount < 0) && gains(current, line).every((g) => g === 0))
      current = withLine(current, { ...line, signs: other });
  }
  return current;
}
