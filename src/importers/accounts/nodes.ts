/**
 * The nodes of an account export: the hierarchy from product numbers (each capture group of the profile's
 * pattern one level), each node's plan lines summed per column; bookings on a node that also has nodes below
 * move to a child `<code>.00` ("direkt gebucht"), then every parent's plans are the exact sums of its
 * children's. Plans are read with the NRW 2019 schemas, their cells placed from the file on the nodes booked
 * directly (the first row as the source) and sums on parents.
 */
import type {
  BudgetNode,
  Cell,
  Column,
  ImportNote,
  Level,
  Plan,
  PlanLine,
  PlanType,
} from '../../core/model.js';
import type { Cents } from '../../core/money.js';
import { schemaById, schemaLine, type SchemaLine } from '../../core/schema.js';

export const PLAN_SCHEMA: Readonly<Partial<Record<PlanType, string>>> = {
  teilergebnisplan: 'nrw-2019-teilergebnisplan',
  teilfinanzplan: 'nrw-2019-teilfinanzplan',
};

/** A plan line of the schema the accounts are read with. */
export function accountLine(plan: PlanType, line: string): SchemaLine | undefined {
  const lineSchema = schemaById(PLAN_SCHEMA[plan] ?? '');
  return lineSchema ? schemaLine(lineSchema, line) : undefined;
}

export interface Acc {
  code: string;
  level: Level;
  name: string;
  lines: Map<PlanType, Map<string, Cents[]>>;
  /** The first row booked on this node directly (its cells are placed from the file; parents' are sums). */
  firstRow?: number;
}

function pad2(s: string): string {
  return s.padStart(2, '0');
}

/** The node of a product number's levels (`parts`, from the top), made with its parents where new. */
export function nodeOf(
  nodes: Map<string, Acc>,
  parts: readonly string[],
  levels: readonly Level[],
): Acc | undefined {
  let code = '';
  let acc: Acc | undefined;
  parts.forEach((part, depth) => {
    code = depth === 0 ? pad2(part) : `${code}.${part}`;
    const level = levels[depth] ?? 'produkt';
    if (!nodes.has(code)) nodes.set(code, { code, level, name: '', lines: new Map() });
    acc = nodes.get(code);
  });
  return acc;
}

function addLines(target: Acc, source: Acc): void {
  for (const [type, lines] of source.lines) {
    const t = target.lines.get(type) ?? target.lines.set(type, new Map()).get(type)!;
    for (const [line, sums] of lines) {
      const existing = t.get(line);
      if (existing) sums.forEach((v, k) => (existing[k]! += v));
      else t.set(line, [...sums]);
    }
  }
}

/**
 * Plans for every level: bookings on a Produktgruppe or Produktbereich that also has products below it move to
 * a child `<code>.00` ("direkt gebucht"), then every parent's plans are the exact sums of its children's.
 */
export function aggregate(nodes: Map<string, Acc>, levels: readonly Level[], notes: ImportNote[]): void {
  const codes = [...nodes.keys()];
  for (const code of codes) {
    const acc = nodes.get(code)!;
    const hasChildren = codes.some((c) => c.startsWith(`${code}.`));
    if (!hasChildren || acc.lines.size === 0) continue;
    const depth = code.split('.').length;
    const own: Acc = {
      code: `${code}.00`,
      level: levels[depth] ?? 'produkt',
      name: `${acc.name || code} (direkt gebucht)`,
      lines: acc.lines,
      ...(acc.firstRow !== undefined ? { firstRow: acc.firstRow } : {}),
    };
    nodes.set(own.code, own);
    acc.lines = new Map();
    delete acc.firstRow;
    notes.push({
      severity: 'info',
      rule: 'direct-bookings',
      message: `Buchungen direkt auf ${code} (${acc.name || 'ohne Bezeichnung'}) stehen als ${own.code} neben den Produkten darunter`,
      node: own.code,
    });
  }
  const byDepth = [...nodes.values()].sort((a, b) => b.code.split('.').length - a.code.split('.').length);
  for (const acc of byDepth) {
    const cut = acc.code.lastIndexOf('.');
    if (cut < 0) continue;
    const parent = nodes.get(acc.code.slice(0, cut));
    if (parent) addLines(parent, acc);
  }
}

/** The budget's nodes from the summed accounts. */
export function buildNodes(
  nodes: ReadonlyMap<string, Acc>,
  columns: readonly { readonly column: Column }[],
  file: string,
): BudgetNode[] {
  return [...nodes.values()].map((acc) => {
    const plans: Plan[] = [];
    for (const [type, lines] of acc.lines) {
      const schema = schemaById(PLAN_SCHEMA[type]!)!;
      const planLines: PlanLine[] = [...lines]
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([line, sums]) => ({
          line,
          label: schemaLine(schema, line)?.label ?? '',
          // booked here directly: placed from the file (its first row as the source); a parent's are sums
          cells: columns.map(({ column }, k): Cell => ({
            column,
            amount: sums[k]!,
            decimals: 2,
            ...(acc.firstRow !== undefined ? { source: { file, line: acc.firstRow } } : {}),
          })),
        }));
      plans.push({
        type,
        schemaId: schema.id,
        columns: columns.map((c) => c.column),
        lines: planLines,
        signs: 'negative',
      });
    }
    return { code: acc.code, level: acc.level, name: acc.name, plans, erlaeuterungen: [], kennzahlen: [] };
  });
}
