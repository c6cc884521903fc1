/**
 * Amounts of the parts and the plan sums they are derived from and checked against. A part's amount keeps how
 * it was printed (whole euros, cents, T€) and where; a plan sum is the sum of some lines of a plan in one
 * column, each line printed or derived from its parts (`PlanValues`), with the rounding uncertainty of the
 * printed cells it rests on. The Gesamtplan's sums come from the Gesamtplan where the budget prints one, else
 * from the Teilpläne of the top-level units through the roll-up (a generated budget prints no Gesamtplan).
 * Only plans of the line schemas the forms name are summed (`PART_SCHEMAS`): the line numbers mean nothing in
 * another; a form that names its lines per schema (`LineSet` as a function: the Satzung's figures in every
 * Land's Gesamtpläne) is summed in every schema it names lines of. Pure.
 */
import { PlanValues, toleranceOf } from '../check/values.js';
import { topNodes } from '../hierarchy.js';
import {
  planOf,
  type Budget,
  type Cell,
  type Column,
  type Plan,
  type PlanType,
  type Source,
} from '../model.js';
import type { Cents } from '../money.js';
import { ROLLUPS } from '../schema.js';
import { PART_SCHEMAS } from './spec.js';

/** One amount of a part, as printed or derived. */
export interface PartAmount {
  readonly amount: Cents;
  /** 0: whole euros, 2: cents (as `Cell.decimals`). */
  readonly decimals: 0 | 2;
  /** `1000`: printed in T€ (as `Cell.scale`). */
  readonly scale?: 1000;
  /**
   * A derived amount: the rounding uncertainty of the printed cells it was summed from (a sum of whole-euro cells
   * may be off from the sum of their cents by half a euro per cell). Absent for a printed amount (its own print
   * says it).
   */
  readonly tolerance?: Cents;
  readonly source?: Source;
}

/** A sum of plan lines in one column. */
export interface PlanSum {
  readonly amount: Cents;
  readonly tolerance: Cents;
  /** Some cell it rests on was unreadable: nothing to compare. */
  readonly unknown: boolean;
  /** The first printed cell it rests on (for a finding's place), if any. */
  readonly source?: Source;
  /** What it is, in German: "Teilfinanzplan 02, Zeile 30". */
  readonly basis: string;
}

/** The rounding uncertainty of a part's amount. */
export function partTolerance(a: PartAmount): Cents {
  if (a.tolerance !== undefined) return a.tolerance;
  return toleranceOf({
    column: { kind: 'ansatz', year: 0 },
    amount: a.amount,
    decimals: a.decimals,
    ...(a.scale ? { scale: a.scale } : {}),
  } satisfies Cell);
}

/** A derived amount (in cents, exact). */
export function exact(amount: Cents): PartAmount {
  return { amount, decimals: 2 };
}

/** An amount derived from a plan sum, with the sum's rounding uncertainty; `magnitude`: positive, as a Satzung prints. */
export function fromSum(sum: PlanSum, magnitude = false): PartAmount {
  return {
    amount: magnitude ? Math.abs(sum.amount) : sum.amount,
    decimals: 2,
    ...(sum.tolerance > 0 ? { tolerance: sum.tolerance } : {}),
  };
}

/**
 * The lines a form sums: line numbers of the NRW 2019 schemas, or per schema (undefined: the schema has none
 * for it).
 */
export type LineSet = readonly string[] | ((schemaId: string) => readonly string[] | undefined);

/** The lines of `set` in a plan of `schemaId`; undefined where the form names none there. */
function linesIn(set: LineSet, schemaId: string): readonly string[] | undefined {
  if (typeof set === 'function') return set(schemaId);
  // the forms name the lines of the NRW 2019 schemas: another numbering (Köln 2008, other Länder) gives nothing
  return PART_SCHEMAS.has(schemaId) ? set : undefined;
}

/** The sum of `lines` of a plan in `column`; undefined when the plan is not printed or lacks the column. */
export function planSum(
  plan: Plan | undefined,
  set: LineSet,
  column: Column,
  basis: string | ((lines: readonly string[]) => string),
): PlanSum | undefined {
  if (!plan || !plan.columns.some((c) => c.kind === column.kind && c.year === column.year)) return undefined;
  const lines = linesIn(set, plan.schemaId);
  if (!lines || lines.length === 0) return undefined;
  const values = new PlanValues(plan);
  let amount = 0;
  let tolerance = 0;
  let unknown = false;
  let source: Source | undefined;
  for (const line of lines) {
    const v = values.value(line, column);
    amount += v.amount;
    tolerance += v.tolerance;
    unknown ||= v.unknown === true;
    source ??= v.cell?.source;
  }
  return {
    amount,
    tolerance,
    unknown,
    ...(source ? { source } : {}),
    basis: typeof basis === 'string' ? basis : basis(lines),
  };
}

/** The Haushalt node (the Gesamtpläne), if the budget has one. */
export function gesamtNode(budget: Budget): Budget['nodes'][number] | undefined {
  return budget.nodes.find((n) => n.level === 'haushalt');
}

const TEIL_OF: Readonly<Record<'gesamtergebnisplan' | 'gesamtfinanzplan', PlanType>> = {
  gesamtergebnisplan: 'teilergebnisplan',
  gesamtfinanzplan: 'teilfinanzplan',
};

function describe(lines: readonly string[]): string {
  return lines.length === 1 ? `Zeile ${lines[0]!}` : `Zeilen ${lines.join(', ')}`;
}

/**
 * The sum of Gesamtplan `lines` in `column`: from the printed Gesamtplan, else from the top-level Teilpläne
 * through the roll-up (each Gesamt line from the Teil lines rolled onto it). Undefined when neither has it (the
 * Finanzierungstätigkeit has no Teil lines). `teilLines`: the Teil lines to sum instead of the roll-up's (the
 * Querschnitt's columns name their own).
 */
export function gesamtSum(
  budget: Budget,
  type: 'gesamtergebnisplan' | 'gesamtfinanzplan',
  set: LineSet,
  column: Column,
  teilLines?: readonly string[],
): PlanSum | undefined {
  const label = type === 'gesamtergebnisplan' ? 'Gesamtergebnisplan' : 'Gesamtfinanzplan';
  const node = gesamtNode(budget);
  const printed = node ? planOf(node, type) : undefined;
  if (printed) return planSum(printed, set, column, (lines) => `${label}, ${describe(lines)}`);
  const tops = topNodes(budget);
  const teil = tops.map((n) => planOf(n, TEIL_OF[type]));
  if (tops.length === 0 || teil.some((p) => p === undefined)) return undefined;
  let amount = 0;
  let tolerance = 0;
  let unknown = false;
  let source: Source | undefined;
  let lines: readonly string[] | undefined;
  for (const plan of teil as Plan[]) {
    const rollup = ROLLUPS.find((r) => r.from === plan.schemaId);
    if (!rollup && !teilLines) return undefined;
    // the Gesamt lines in the schema the Teilplan rolls onto
    const gesamt = rollup ? linesIn(set, rollup.to) : typeof set === 'function' ? undefined : set;
    if (!gesamt) return undefined;
    lines ??= gesamt;
    const from =
      teilLines ??
      Object.entries(rollup!.lines)
        .filter(([, to]) => gesamt.includes(to))
        .map(([f]) => f);
    if (from.length === 0) return undefined;
    // Teil lines named by the roll-up (of any Land); a form's own Teil lines only in the schemas it names
    const s = planSum(plan, teilLines ?? (() => from), column, '');
    if (!s) return undefined;
    amount += s.amount;
    tolerance += s.tolerance;
    unknown ||= s.unknown;
    source ??= s.source;
  }
  const plural = type === 'gesamtergebnisplan' ? 'Teilergebnispläne' : 'Teilfinanzpläne';
  return {
    amount,
    tolerance,
    unknown,
    ...(source ? { source } : {}),
    basis: `Summe der ${plural} (${label}, ${describe(lines ?? [])})`,
  };
}
