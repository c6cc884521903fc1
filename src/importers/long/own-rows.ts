/**
 * Amounts a long table books on a node that also has children (`OwnRow`s of the second pass). Where they equal
 * the sums of the units below, line by line, they are the file's totals of them: read into the ledger and left
 * outside the plans, not taken twice. Otherwise they were booked on the node itself: they go to a new child
 * `<code>.00` "(direkt gebucht)" beside the units below, so that the parent stays the sum of its children.
 */
import type { Column } from '../../core/model.js';
import type { Ledger } from '../../core/ledger.js';
import type { NodeSpec } from './nodes.js';
import { LEVEL_NAME, type Note } from './notes.js';
import type { OwnRow } from './place.js';
import { addCell, addInto, type PlanSums } from './plans.js';
import type { NodeLevel } from './roles.js';

const NEXT_LEVEL: Readonly<Record<NodeLevel, NodeLevel>> = {
  produktbereich: 'produktgruppe',
  produktgruppe: 'produkt',
  produkt: 'produkt',
};

export interface OwnRowsContext {
  readonly file: string;
  /** Every node of the file's hierarchy. */
  readonly nodes: readonly NodeSpec[];
  /** The sums placed on each node (by key); the direct bookings are added to it. */
  readonly acc: Map<string, PlanSums>;
  readonly columns: readonly Column[];
  readonly ledger: Ledger;
  readonly note: Note;
}

/** Settles the rows on nodes with children; returns the nodes of direct bookings it adds. */
export function settleOwnRows(own: readonly OwnRow[], ctx: OwnRowsContext): NodeSpec[] {
  const { acc, ledger, note, file } = ctx;
  const width = ctx.columns.length;
  const specByKey = new Map(ctx.nodes.map((n) => [n.key, n]));
  const byKeyOwn = new Map<string, OwnRow[]>();
  for (const o of own) byKeyOwn.set(o.key, [...(byKeyOwn.get(o.key) ?? []), o]);
  const subtree = (key: string): PlanSums => {
    const out: PlanSums = new Map();
    const a = acc.get(key);
    if (a) addInto(out, a, width);
    for (const n of ctx.nodes) if (n.parentKey === key) addInto(out, subtree(n.key), width);
    return out;
  };
  const extraNodes: NodeSpec[] = [];
  for (const [key, list] of byKeyOwn) {
    const spec = specByKey.get(key)!;
    const mine: PlanSums = new Map();
    for (const o of list) addCell(mine, o.target.schema.id, o.target.line, o.col, o.cents, width);
    const below = subtree(key);
    const equal = [...mine].every(([schemaId, lines]) =>
      [...lines].every(([line, s]) =>
        s.sums.every((v, k) => v === undefined || v === below.get(schemaId)?.get(line)?.sums[k]),
      ),
    );
    if (equal) {
      for (const o of list)
        ledger.outside(
          ctx.columns[o.col]!,
          o.cents,
          `Summe der untergeordneten Einheiten von ${LEVEL_NAME[spec.level]} ${spec.code} (mit ihnen abgeglichen), nicht doppelt übernommen`,
          { file, line: o.line },
        );
      note(
        'info',
        'parent-rows',
        `${list.length} Zeilen für ${LEVEL_NAME[spec.level]} ${spec.code} sind die Summen seiner untergeordneten Einheiten (abgeglichen) und stehen außerhalb der Pläne`,
        list[0]!.line,
      );
      continue;
    }
    const child: NodeSpec = {
      code: `${spec.code}.00`,
      level: NEXT_LEVEL[spec.level],
      name: `${spec.name || spec.code} (direkt gebucht)`,
      parent: spec.code,
      parentKey: key,
      key: `${key}/direct`,
      line: list[0]!.line,
    };
    extraNodes.push(child);
    const sums = acc.get(child.key) ?? acc.set(child.key, new Map()).get(child.key)!;
    for (const o of list)
      addCell(sums, o.target.schema.id, o.target.line, o.col, o.cents, width, { file, line: o.line });
    note(
      'info',
      'direct-bookings',
      `Beträge direkt auf ${LEVEL_NAME[spec.level]} ${spec.code} stehen als ${child.code} neben den Einheiten darunter`,
      list[0]!.line,
    );
  }
  return extraNodes;
}
