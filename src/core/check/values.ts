/**
 * Values of a plan for checking: each printed cell with its rounding uncertainty (half a euro for a cell printed
 * in whole euros, half a thousand euros for one printed in T€, nothing for one printed in cents), detail lines
 * not printed as zero, totals not printed derived from their parts (value and uncertainty the sums of theirs).
 * Plans that print expenses as positive numbers are turned into the signed view (Aufwendungen negative) so that
 * every formula is a plain sum. Each value also tells the unit its printed cells were in, for the messages.
 */
import type { Cell, Column, Plan, PlanLine } from '../model.js';
import { cellOf } from '../model.js';
import type { Cents } from '../money.js';
import { joinUnits, unitOf, type Unit } from '../scale.js';
import { schemaById, schemaLine, type LineSchema, type SchemaLine } from '../schema.js';

/** Half a euro: the most a cell printed in whole euros can be off from its amount in cents. */
export const HALF_EURO: Cents = 50;
/** Half a thousand euros: the most a cell printed in T€ (whole thousands) can be off from its amount. */
export const HALF_THOUSAND: Cents = 50_000;

export interface Value {
  /** Signed view: Aufwendungen/Auszahlungen negative. */
  readonly amount: Cents;
  /** Largest possible difference between the printed amount and the exact one. */
  readonly tolerance: Cents;
  /** The printed cell, if the value was printed. */
  readonly cell?: Cell;
  /** Printed but unreadable (`PlanLine.unreadable`), or derived from such a cell: nothing to compare. */
  readonly unknown?: true;
  /**
   * The unit the printed cells it rests on were printed in: `T€` when all of them were in T€, `€` when any was
   * in euros, undefined when none was printed (see `joinUnits`).
   */
  readonly unit?: Unit;
}

/**
 * The rounding uncertainty of one printed cell: 0.50 € for whole euros, 500 € for whole thousands of euros
 * (T€), nothing for cents.
 */
export function toleranceOf(cell: Cell): Cents {
  if (cell.scale === 1000) return HALF_THOUSAND;
  return cell.decimals === 0 ? HALF_EURO : 0;
}

/**
 * +1, or −1 for an `out` line printed with expenses positive: by the line's own convention where it has one
 * (a plan mixing conventions, see signs.ts), else by its plan's. Applied once, here.
 */
export function signFactor(
  plan: Plan,
  line: SchemaLine | undefined,
  printed?: { readonly signs?: 'negative' | 'positive' },
): 1 | -1 {
  return (printed?.signs ?? plan.signs) === 'positive' && line?.flow === 'out' ? -1 : 1;
}

/** A formula term: the line it names and whether it is subtracted (`-17`). */
export function parseTerm(term: string): { readonly line: string; readonly negate: boolean } {
  return term.startsWith('-') ? { line: term.slice(1), negate: true } : { line: term, negate: false };
}

const TERMS = new WeakMap<SchemaLine, readonly { readonly line: string; readonly negate: boolean }[]>();

/** A total's formula terms, parsed once per schema line. */
export function termsOf(line: SchemaLine): readonly { readonly line: string; readonly negate: boolean }[] {
  let terms = TERMS.get(line);
  if (!terms) {
    terms = (line.sum ?? []).map(parseTerm);
    TERMS.set(line, terms);
  }
  return terms;
}

export function hasColumn(plan: Plan, column: Column): boolean {
  return plan.columns.some((c) => c.kind === column.kind && c.year === column.year);
}

/** Two derived totals never nest deeper than the schema; this only guards against a cyclic schema file. */
const MAX_DEPTH = 20;

export class PlanValues {
  readonly schema: LineSchema | undefined;
  private readonly memo = new Map<Column, Map<string, Value>>();
  private readonly byLine: ReadonlyMap<string, PlanLine>;

  constructor(readonly plan: Plan) {
    this.schema = schemaById(plan.schemaId);
    const byLine = new Map<string, PlanLine>();
    for (const l of plan.lines) if (!byLine.has(l.line)) byLine.set(l.line, l);
    this.byLine = byLine;
  }

  printedLine(line: string): PlanLine | undefined {
    return this.byLine.get(line);
  }

  schemaLine(line: string): SchemaLine | undefined {
    return this.schema ? schemaLine(this.schema, line) : undefined;
  }

  /** True for a line the schema defines as a sum of others. */
  isTotal(line: string): boolean {
    return this.schemaLine(line)?.sum !== undefined;
  }

  /** The canonical label of a line (the schema's), else the printed one. */
  label(line: string): string {
    return this.schemaLine(line)?.label ?? this.printedLine(line)?.label ?? '';
  }

  /** The value of a line in a column: printed, derived (a total not printed) or zero (a detail not printed). */
  value(line: string, column: Column, depth = 0): Value {
    // remembered per column object (the plan's cells share them) and line: no key string built per call
    let memo = this.memo.get(column);
    if (!memo) {
      memo = new Map();
      this.memo.set(column, memo);
    }
    const known = memo.get(line);
    if (known) return known;
    const sl = this.schemaLine(line);
    const printed = this.printedLine(line);
    const cell = printed ? cellOf(printed, column) : undefined;
    let result: Value;
    if (cell) {
      result = {
        amount: cell.amount * signFactor(this.plan, sl, printed),
        tolerance: toleranceOf(cell),
        cell,
        unit: unitOf(cell),
      };
    } else if (printed?.unreadable?.some((c) => c.kind === column.kind && c.year === column.year)) {
      result = { amount: 0, tolerance: 0, unknown: true };
    } else if (sl?.sum && depth < MAX_DEPTH) {
      let amount = 0;
      let tolerance = 0;
      let unknown = false;
      let unit: Unit | undefined;
      for (const t of termsOf(sl)) {
        const v = this.value(t.line, column, depth + 1);
        amount += t.negate ? -v.amount : v.amount;
        tolerance += v.tolerance;
        unknown ||= v.unknown === true;
        unit = joinUnits(unit, v.unit);
      }
      const derived: { amount: Cents; tolerance: Cents; unknown?: true; unit?: Unit } = { amount, tolerance };
      if (unknown) derived.unknown = true;
      if (unit) derived.unit = unit;
      result = derived;
    } else {
      result = { amount: 0, tolerance: 0 };
    }
    memo.set(line, result);
    return result;
  }

  /** The printed amount for a signed amount of this line (undoes the sign view). */
  printedAmount(line: string, signed: Cents): Cents {
    return signed * signFactor(this.plan, this.schemaLine(line), this.printedLine(line));
  }
}
