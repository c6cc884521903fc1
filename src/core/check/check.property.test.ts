/**
 * Property tests of the rounding model: a random budget that is consistent in cents — Produktgruppen with
 * random detail lines, Produktbereiche and the Gesamtplan as their exact sums, every total by its schema — and
 * printed in whole euros, each cell rounded on its own, never gives an error (nor a warning). Changing one
 * printed amount by 10 € or more always gives an error at that cell or at a total containing it: a total
 * of its plan, the same line of a parent, or the Gesamt line it rolls onto. The same scaled by 1000 for budgets
 * printed in thousands of euros (T€): the Teilpläne in T€ and the Gesamtplan in euros, or everything in T€, and
 * a change of 10 T€ or more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Budget, BudgetNode, Column, Plan, PlanType } from '../model.js';
import { roundToEuro, roundToThousand, type Cents } from '../money.js';
import { ROLLUPS, schemaById, type LineSchema } from '../schema.js';
import { check } from './index.js';
import { parseTerm } from './values.js';

const COLUMNS: readonly Column[] = [
  { kind: 'ansatz', year: 2026 },
  { kind: 'planung', year: 2027 },
];
const SCHEMA: Readonly<Record<PlanType, LineSchema>> = {
  teilergebnisplan: schemaById('nrw-2019-teilergebnisplan')!,
  teilfinanzplan: schemaById('nrw-2019-teilfinanzplan')!,
  gesamtergebnisplan: schemaById('nrw-2019-gesamtergebnisplan')!,
  gesamtfinanzplan: schemaById('nrw-2019-gesamtfinanzplan')!,
};
const TEIL: readonly PlanType[] = ['teilergebnisplan', 'teilfinanzplan'];
const GESAMT_OF: Readonly<Partial<Record<PlanType, PlanType>>> = {
  teilergebnisplan: 'gesamtergebnisplan',
  teilfinanzplan: 'gesamtfinanzplan',
};

/** Exact amounts of a plan: line → one amount in cents per column. */
type Exact = Map<string, Cents[]>;

/** Fills in every total of the schema from the lines already there (a missing line is 0). */
function withTotals(schema: LineSchema, details: Exact): Exact {
  const out: Exact = new Map(details);
  const value = (line: string): Cents[] => {
    const known = out.get(line);
    if (known) return known;
    const sl = schema.lines.find((l) => l.line === line)!;
    const sum = COLUMNS.map(() => 0);
    for (const term of sl.sum ?? []) {
      const t = parseTerm(term);
      value(t.line).forEach((v, i) => (sum[i]! += t.negate ? -v : v));
    }
    out.set(line, sum);
    return sum;
  };
  for (const l of schema.lines) value(l.line);
  return out;
}

function addUp(schema: LineSchema, parts: readonly Exact[]): Exact {
  const out: Exact = new Map();
  for (const l of schema.lines) {
    out.set(
      l.line,
      COLUMNS.map((_, i) => parts.reduce((s, p) => s + (p.get(l.line)?.[i] ?? 0), 0)),
    );
  }
  return out;
}

/**
 * The plan as printed: whole euros (or whole thousands of euros, `thousands`), each cell rounded on its own; in
 * `sparse` plans lines that are 0 throughout are left out.
 */
function printed(type: PlanType, exact: Exact, sparse: boolean, nodeCode: string, thousands = false): Plan {
  const schema = SCHEMA[type];
  return {
    type,
    schemaId: schema.id,
    columns: COLUMNS,
    lines: schema.lines
      .filter((l) => !sparse || exact.get(l.line)!.some((v) => v !== 0))
      .map((l) => ({
        line: l.line,
        label: l.label,
        cells: exact.get(l.line)!.map((v, i) => ({
          column: COLUMNS[i]!,
          amount: thousands ? roundToThousand(v) : roundToEuro(v),
          decimals: 0 as const,
          ...(thousands ? { scale: 1000 as const } : {}),
          source: { file: `${nodeCode}.txt`, line: Number(l.line) },
        })),
      })),
  };
}

interface Shape {
  /** Per Produktbereich, its number of Produktgruppen (0: the Produktbereich has the amounts itself). */
  readonly groups: readonly number[];
  readonly sparse: boolean;
  readonly withGesamt: boolean;
  /** Printed in T€: nothing, the Teilpläne (the Gesamtplan in euros), or everything. */
  readonly teur: 'none' | 'teil' | 'all';
}

/** Draws amounts from a pool, round and round. */
function drawer(pool: readonly number[]): () => Cents {
  let i = 0;
  return () => pool[i++ % pool.length]!;
}

function detailsOf(schema: LineSchema, draw: () => Cents): Exact {
  const out: Exact = new Map();
  for (const l of schema.lines)
    if (!l.sum)
      out.set(
        l.line,
        COLUMNS.map(() => draw()),
      );
  return out;
}

function makeBudget(shape: Shape, pool: readonly number[]): Budget {
  const draw = drawer(pool);
  const nodes: BudgetNode[] = [];
  const tops = new Map<PlanType, Exact[]>(TEIL.map((t) => [t, []]));
  const leaves: Map<PlanType, Exact>[] = [];
  const pbPlans: { code: string; groups: { code: string; plans: Map<PlanType, Exact> }[] }[] = [];
  shape.groups.forEach((count, p) => {
    const code = String(p + 1).padStart(2, '0');
    const groups = Array.from({ length: count }, (_, g) => {
      const plans = new Map(TEIL.map((t) => [t, detailsOf(SCHEMA[t], draw)] as const));
      leaves.push(plans);
      return { code: `${code}.0${g + 1}`, plans };
    });
    if (count === 0) leaves.push(new Map(TEIL.map((t) => [t, detailsOf(SCHEMA[t], draw)] as const)));
    pbPlans.push({ code, groups });
  });
  // internal charges (lines 27/28) cancel across the whole budget: the last unit books the balance
  const internal = COLUMNS.map((_, i) =>
    leaves.reduce(
      (s, l) => s + l.get('teilergebnisplan')!.get('27')![i]! + l.get('teilergebnisplan')!.get('28')![i]!,
      0,
    ),
  );
  const last = leaves[leaves.length - 1]!.get('teilergebnisplan')!;
  last.set(
    '28',
    last.get('28')!.map((v, i) => v - internal[i]!),
  );
  let leaf = 0;
  for (const pb of pbPlans) {
    const own = pb.groups.length === 0 ? leaves[leaf++]! : undefined;
    const groupExact = pb.groups.map((g) => {
      leaf++;
      return new Map(TEIL.map((t) => [t, withTotals(SCHEMA[t], g.plans.get(t)!)] as const));
    });
    const pbExact = new Map(
      TEIL.map(
        (t) =>
          [
            t,
            own
              ? withTotals(SCHEMA[t], own.get(t)!)
              : addUp(
                  SCHEMA[t],
                  groupExact.map((g) => g.get(t)!),
                ),
          ] as const,
      ),
    );
    for (const t of TEIL) tops.get(t)!.push(pbExact.get(t)!);
    nodes.push({
      code: pb.code,
      level: 'produktbereich',
      name: `Produktbereich ${pb.code}`,
      plans: TEIL.map((t) => printed(t, pbExact.get(t)!, shape.sparse, pb.code, shape.teur !== 'none')),
      erlaeuterungen: [],
      kennzahlen: [],
    });
    pb.groups.forEach((g, i) => {
      nodes.push({
        code: g.code,
        level: 'produktgruppe',
        name: `Produktgruppe ${g.code}`,
        parent: pb.code,
        plans: TEIL.map((t) =>
          printed(t, groupExact[i]!.get(t)!, shape.sparse, g.code, shape.teur !== 'none'),
        ),
        erlaeuterungen: [],
        kennzahlen: [],
      });
    });
  }
  if (shape.withGesamt) {
    const plans = TEIL.map((t) => {
      const g = GESAMT_OF[t]!;
      const rollup = ROLLUPS.find((r) => r.from === SCHEMA[t].id && r.to === SCHEMA[g].id)!;
      const sum = addUp(SCHEMA[t], tops.get(t)!);
      const details: Exact = new Map();
      for (const l of SCHEMA[g].lines)
        if (!l.sum)
          details.set(
            l.line,
            COLUMNS.map(() => draw()),
          );
      for (const [from, to] of Object.entries(rollup.lines)) details.set(to, sum.get(from)!);
      // totals the schema defines are the sums of the Gesamt lines (they equal the rolled-up Teil totals)
      for (const l of SCHEMA[g].lines) if (l.sum) details.delete(l.line);
      return printed(g, withTotals(SCHEMA[g], details), shape.sparse, 'gesamt', shape.teur === 'all');
    });
    nodes.unshift({
      code: 'gesamt',
      level: 'haushalt',
      name: 'Haushalt',
      plans,
      erlaeuterungen: [],
      kennzahlen: [],
    });
  }
  return { year: 2026, nodes, notes: [], files: [] };
}

/** The line and every total that contains it, directly or through other totals. */
function containing(schema: LineSchema, line: string): Set<string> {
  const out = new Set([line]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const l of schema.lines) {
      if (out.has(l.line) || !l.sum) continue;
      if (l.sum.some((t) => out.has(parseTerm(t).line))) {
        out.add(l.line);
        grew = true;
      }
    }
  }
  return out;
}

interface Target {
  readonly node: BudgetNode;
  readonly plan: Plan;
  readonly line: string;
  readonly cell: number;
}

function targets(b: Budget): Target[] {
  return b.nodes.flatMap((node) =>
    node.plans.flatMap((plan) =>
      plan.lines.flatMap((l) => l.cells.map((_, cell) => ({ node, plan, line: l.line, cell }))),
    ),
  );
}

function perturb(b: Budget, t: Target, delta: Cents): Budget {
  return {
    ...b,
    nodes: b.nodes.map((n) =>
      n !== t.node
        ? n
        : {
            ...n,
            plans: n.plans.map((p) =>
              p !== t.plan
                ? p
                : {
                    ...p,
                    lines: p.lines.map((l) =>
                      l.line !== t.line
                        ? l
                        : {
                            ...l,
                            cells: l.cells.map((c, i) =>
                              i === t.cell ? { ...c, amount: c.amount + delta } : c,
                            ),
                          },
                    ),
                  },
            ),
          },
    ),
  };
}

/** Where an error about the changed cell may be reported: node, plan and line, as "node plan line". */
function acceptable(b: Budget, t: Target): Set<string> {
  const out = new Set<string>();
  const lines = containing(SCHEMA[t.plan.type], t.line);
  for (const l of lines) out.add(`${t.node.code} ${t.plan.type} ${l}`);
  if (t.node.parent !== undefined) for (const l of lines) out.add(`${t.node.parent} ${t.plan.type} ${l}`);
  const g = GESAMT_OF[t.plan.type];
  if (g && b.nodes.some((n) => n.level === 'haushalt')) {
    const rollup = ROLLUPS.find((r) => r.from === SCHEMA[t.plan.type].id && r.to === SCHEMA[g].id)!;
    for (const l of lines) {
      const to = rollup.lines[l];
      if (to !== undefined) for (const gl of containing(SCHEMA[g], to)) out.add(`gesamt ${g} ${gl}`);
    }
  }
  return out;
}

const amount = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: -100_000_000, max: 100_000_000 }) },
);
const shapeArb: fc.Arbitrary<Shape> = fc.record({
  groups: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
  sparse: fc.boolean(),
  withGesamt: fc.boolean(),
  teur: fc.constantFrom('none' as const, 'teil' as const, 'all' as const),
});

describe('the rounding model (property)', () => {
  it('never reports an error or warning for consistent plans rounded cell by cell', () => {
    fc.assert(
      fc.property(shapeArb, fc.array(amount, { minLength: 50, maxLength: 400 }), (shape, pool) => {
        const findings = check(makeBudget(shape, pool));
        expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('always reports an error at a cell changed by 10 € (10 T€ in T€ budgets) or more, or at a total containing it', () => {
    fc.assert(
      fc.property(
        shapeArb,
        fc.array(amount, { minLength: 50, maxLength: 400 }),
        fc.nat(),
        fc.integer({ min: 10, max: 1_000_000 }),
        fc.boolean(),
        (shape, pool, pick, euros, down) => {
          const b = makeBudget(shape, pool);
          const all = targets(b);
          const t = all[pick % all.length]!;
          const column = COLUMNS[t.cell]!;
          // in a budget printed (partly) in T€ a change is surely found from 10 T€ on
          const unit = shape.teur === 'none' ? 100 : 100_000;
          const changed = perturb(b, t, (down ? -euros : euros) * unit);
          const where = acceptable(b, t);
          const errors = check(changed).filter((f) => f.severity === 'error');
          const hit = errors.some(
            (f) =>
              f.kind === column.kind &&
              f.year === column.year &&
              where.has(`${f.node ?? ''} ${f.plan ?? ''} ${f.line ?? ''}`),
          );
          expect(hit, `${t.node.code} ${t.plan.type} ${t.line} ${column.kind} ${column.year}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
