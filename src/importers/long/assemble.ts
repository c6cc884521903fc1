/**
 * The nodes of a long table's budget from the sums placed: a leaf's plans as placed, a parent's as the sums of
 * its children (`plans.ts` derives the totals a file did not give), and for a file without node columns the
 * Gesamthaushalt alone. The plans' signs: negative where the file's direction or SAP signs set them, else
 * detected from the amounts.
 */
import type { BudgetNode, Column } from '../../core/model.js';
import type { LineSchema } from '../../core/schema.js';
import { detectSigns } from '../../core/signs.js';
import { isSumsSchema } from './lines.js';
import type { NodeSpec } from './nodes.js';
import { addInto, buildPlans, type LineSums, type PlanSums } from './plans.js';

export interface AssemblyContext {
  readonly file: string;
  /** Where the whole budget's node stands (the header's line). */
  readonly headerLine: number;
  /** The nodes in document order; none for a file of the whole budget. */
  readonly specs: readonly NodeSpec[];
  readonly gesamt: boolean;
  /** The sums placed on each node, by key (`gesamt` for the whole budget). */
  readonly acc: ReadonlyMap<string, PlanSums>;
  readonly columns: readonly Column[];
  readonly decimals: 0 | 2;
  /** The amounts are signed as printed negative (by a direction column or SAP signs). */
  readonly negative: boolean;
}

export function assembleNodes(ctx: AssemblyContext): BudgetNode[] {
  const { specs, acc, columns, decimals, file } = ctx;
  const width = columns.length;
  const childrenOf = new Map<string, NodeSpec[]>();
  for (const n of specs)
    if (n.parentKey !== undefined) childrenOf.set(n.parentKey, [...(childrenOf.get(n.parentKey) ?? []), n]);
  const totals = new Map<string, PlanSums>();
  const sumsOf = (key: string): PlanSums => {
    const known = totals.get(key);
    if (known) return known;
    const kids = childrenOf.get(key);
    let out: PlanSums;
    if (!kids) out = acc.get(key) ?? new Map<string, Map<string, LineSums>>();
    else {
      out = new Map();
      for (const k of kids) addInto(out, sumsOf(k.key), width);
    }
    totals.set(key, out);
    return out;
  };
  const signsOf = (schema: LineSchema, lines: ReadonlyMap<string, LineSums>): 'negative' | 'positive' => {
    if (ctx.negative || isSumsSchema(schema.id)) return 'negative';
    return detectSigns(
      schema,
      [...lines].map(([line, s]) => ({
        line,
        label: '',
        cells: s.sums.flatMap((v, k) =>
          v === undefined ? [] : [{ column: columns[k]!, amount: v, decimals }],
        ),
      })),
    );
  };
  const built: BudgetNode[] = [];
  if (ctx.gesamt)
    built.push({
      code: 'gesamt',
      level: 'haushalt',
      name: 'Gesamthaushalt',
      plans: buildPlans(
        acc.get('gesamt') ?? new Map<string, Map<string, LineSums>>(),
        columns,
        decimals,
        signsOf,
      ),
      erlaeuterungen: [],
      kennzahlen: [],
      source: { file, line: ctx.headerLine },
    });
  const byParent = new Map(specs.map((n) => [n.key, n]));
  for (const n of specs) {
    const parent = n.parentKey !== undefined ? byParent.get(n.parentKey) : undefined;
    built.push({
      code: n.code,
      level: n.level,
      name: n.name,
      ...(parent ? { parent: parent.code } : {}),
      plans: buildPlans(sumsOf(n.key), columns, decimals, signsOf),
      erlaeuterungen: [],
      kennzahlen: [],
      source: { file, line: n.line },
    });
  }
  return built;
}
