/**
 * Several files, one budget: a city publishes Teilpläne, Produktbereiche and Gesamtpläne separately, or a table
 * over several pages. Nodes with the same code merge: plans of different types side by side, plans of the same
 * type line by line (a plan split over pages), Erläuterungen and Kennzahlen once each. A value printed twice must
 * agree (a whole-euro print agrees with the cents it rounds from, a T€ print with the euros or cents it rounds
 * from; the finer print is kept), else the merge returns a conflict naming both places; so do a node printed at
 * two levels, two line schemas or sign conventions for one plan, two different investment tables, and plans
 * read with schemas of different Länder (the budget's `land` is recorded). Parents are found again across
 * files. Pure.
 */
import { resolveParents } from './hierarchy.js';
import { withLand } from './land.js';
import {
  columnLabel,
  LEVEL_LABEL,
  PLAN_LABEL,
  sameColumn,
  type Budget,
  type BudgetNode,
  type Cell,
  type Column,
  type InvestmentRow,
  type InvestmentTable,
  type Plan,
  type PlanLine,
  type Source,
} from './model.js';
import { roundToEuro, roundToThousand, type Cents } from './money.js';
import type { BudgetParts } from './parts/index.js';
import { formatWithUnit } from './scale.js';
import { PART_LABEL, partAmounts, partDetail } from './parts/merge.js';

export interface MergeConflict {
  /** German, for users: what differs, naming both places. */
  readonly message: string;
  /** Where the two values were printed, the earlier file first (as far as known). */
  readonly sources: readonly Source[];
}

export type MergeResult =
  | { readonly ok: true; readonly budget: Budget }
  | { readonly ok: false; readonly conflicts: readonly MergeConflict[] };

function where(s: Source | undefined): string {
  if (!s) return 'ohne Quelle';
  return [s.file, s.page !== undefined ? `Seite ${s.page}` : '', `Zeile ${s.line}`]
    .filter(Boolean)
    .join(', ');
}

function conflict(message: string, ...sources: (Source | undefined)[]): MergeConflict {
  return { message, sources: sources.filter((s): s is Source => s !== undefined) };
}

function columnName(c: Column): string {
  return c.kind === 've' ? `VE ${c.year}` : columnLabel(c);
}

/** How coarsely a cell was printed: 0 cents, 1 whole euros, 2 whole thousands of euros (T€). */
function coarseness(c: Cell): 0 | 1 | 2 {
  if (c.scale === 1000) return 2;
  return c.decimals === 0 ? 1 : 0;
}

/** An amount rounded as a cell of the given coarseness prints it. */
function roundedAs(coarse: 0 | 1 | 2, amount: Cents): Cents {
  if (coarse === 2) return roundToThousand(amount);
  return coarse === 1 ? roundToEuro(amount) : amount;
}

/**
 * The one cell two prints of the same value stand for: equal amounts (a euro print rather than a T€ one), or
 * a coarser print and the finer amount it rounds from — whole euros from cents, T€ from euros or cents (the
 * finer wins). Undefined when they differ.
 */
function agree(a: Cell, b: Cell): Cell | undefined {
  const ca = coarseness(a);
  const cb = coarseness(b);
  if (a.amount === b.amount) return ca === 2 && cb < 2 ? b : a;
  if (ca > cb && roundedAs(ca, b.amount) === a.amount) return b;
  if (cb > ca && roundedAs(cb, a.amount) === b.amount) return a;
  return undefined;
}

function amount(c: Cell): string {
  return formatWithUnit(c.amount, c);
}

/** Merges the cells of one row printed twice; `what` names the row for messages. */
function mergeCells(
  a: readonly Cell[],
  b: readonly Cell[],
  what: string,
  conflicts: MergeConflict[],
): Cell[] {
  const cells = [...a];
  for (const cell of b) {
    const i = cells.findIndex((c) => sameColumn(c.column, cell.column));
    if (i < 0) {
      cells.push(cell);
      continue;
    }
    const same = cells[i]!;
    const kept = agree(same, cell);
    if (kept) cells[i] = kept;
    else
      conflicts.push(
        conflict(
          `${what}, ${columnName(cell.column)}: ${where(same.source)} nennt ${amount(same)}, ${where(cell.source)} nennt ${amount(cell)}`,
          same.source,
          cell.source,
        ),
      );
  }
  return cells;
}

function withoutUnreadable(line: PlanLine): PlanLine {
  if (line.unreadable === undefined) return line;
  const copy = { ...line };
  delete copy.unreadable;
  return copy;
}

function mergePlans(a: Plan, b: Plan, code: string, conflicts: MergeConflict[]): Plan {
  const name = `${PLAN_LABEL[a.type]} ${code}`;
  if (a.schemaId !== b.schemaId) {
    conflicts.push(
      conflict(
        `${name}: ${where(a.source)} folgt dem Zeilenschema ${a.schemaId}, ${where(b.source)} dem Zeilenschema ${b.schemaId}`,
        a.source,
        b.source,
      ),
    );
    return a;
  }
  if ((a.signs ?? 'negative') !== (b.signs ?? 'negative')) {
    conflicts.push(
      conflict(
        `${name}: ${where(a.source)} druckt Aufwendungen ${a.signs === 'positive' ? 'positiv' : 'negativ'}, ${where(b.source)} ${b.signs === 'positive' ? 'positiv' : 'negativ'}`,
        a.source,
        b.source,
      ),
    );
    return a;
  }
  const lines = new Map<string, PlanLine>(a.lines.map((l) => [l.line, l]));
  for (const line of b.lines) {
    const existing = lines.get(line.line);
    if (!existing) {
      lines.set(line.line, line);
      continue;
    }
    const cells = mergeCells(existing.cells, line.cells, `${name}, Zeile ${line.line}`, conflicts);
    // a cell unreadable in one file and read in the other is known; unreadable in both, it stays unknown
    const unreadable = [...(existing.unreadable ?? []), ...(line.unreadable ?? [])].filter(
      (c, i, all) =>
        !cells.some((x) => sameColumn(x.column, c)) && all.findIndex((y) => sameColumn(y, c)) === i,
    );
    // a label as printed beats none (the tidy CSV carries no labels of its own)
    const merged: PlanLine = { ...existing, label: existing.label || line.label, cells };
    lines.set(line.line, unreadable.length > 0 ? { ...merged, unreadable } : withoutUnreadable(merged));
  }
  const columns = [...a.columns];
  for (const c of b.columns) if (!columns.some((x) => sameColumn(x, c))) columns.push(c);
  const merged = [...lines.values()].sort((x, y) => Number(x.line) - Number(y.line));
  return { ...a, columns, lines: merged };
}

type AmountRow = Exclude<InvestmentRow, { type: 'group' }>;

function rowName(r: AmountRow): string {
  return r.type === 'measure' ? `Maßnahme ${r.number}` : `Zeile ${r.line}`;
}

/**
 * One investment table printed twice: the rows with amounts must be the same rows with agreeing amounts. The
 * table printed with more names and labels is kept (with the more precise cells).
 */
function mergeInvestments(
  a: InvestmentTable,
  b: InvestmentTable,
  code: string,
  conflicts: MergeConflict[],
): InvestmentTable {
  const ra = a.rows.filter((r): r is AmountRow => r.type !== 'group');
  const rb = b.rows.filter((r): r is AmountRow => r.type !== 'group');
  const id = (r: AmountRow): string => (r.type === 'measure' ? `m:${r.number}` : `l:${r.line}`);
  const mismatch = ra.findIndex((r, i) => rb[i] === undefined || id(r) !== id(rb[i]));
  if (mismatch >= 0 || ra.length !== rb.length) {
    const i = mismatch >= 0 ? mismatch : ra.length;
    const first = ra[i];
    const second = rb[i];
    // where the row was printed: the row, its first amount, or at least the table
    const at = (r: AmountRow | undefined, t: InvestmentTable): Source | undefined =>
      r?.source ?? r?.cells[0]?.source ?? t.source;
    conflicts.push(
      conflict(
        `Investitionen ${code}: die Tabellen weichen ab, ${where(at(first, a))} nennt ${first ? rowName(first) : 'keine weitere Zeile'}, ${where(at(second, b))} ${second ? rowName(second) : 'keine weitere Zeile'}`,
        at(first, a),
        at(second, b),
      ),
    );
    return a;
  }
  const text = (t: InvestmentTable): number =>
    t.rows.filter((r) => (r.type === 'measure' ? r.name : r.label) !== '').length;
  const kept = text(b) > text(a) ? b : a;
  let k = 0;
  const rows = kept.rows.map((r): InvestmentRow => {
    if (r.type === 'group') return r;
    const i = k++;
    return {
      ...r,
      cells: mergeCells(ra[i]!.cells, rb[i]!.cells, `Investitionen ${code}, ${rowName(r)}`, conflicts),
    };
  });
  const columns = [...kept.columns];
  for (const c of [...a.columns, ...b.columns]) if (!columns.some((x) => sameColumn(x, c))) columns.push(c);
  return { ...kept, columns, rows };
}

/** Keeps the first of equal items: equal when they are the same apart from where they were printed. */
function once<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item, (k, v: unknown) => (k === 'source' ? undefined : v));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function mergeNodes(a: BudgetNode, b: BudgetNode, conflicts: MergeConflict[]): BudgetNode {
  if (a.level !== b.level) {
    conflicts.push(
      conflict(
        `Einheit ${a.code}: ${where(a.source)} führt sie als ${LEVEL_LABEL[a.level]}, ${where(b.source)} als ${LEVEL_LABEL[b.level]}`,
        a.source,
        b.source,
      ),
    );
    return a;
  }
  const plans = [...a.plans];
  for (const p of b.plans) {
    const i = plans.findIndex((x) => x.type === p.type);
    if (i < 0) plans.push(p);
    else plans[i] = mergePlans(plans[i]!, p, a.code, conflicts);
  }
  const investitionen =
    a.investitionen && b.investitionen
      ? mergeInvestments(a.investitionen, b.investitionen, a.code, conflicts)
      : (a.investitionen ?? b.investitionen);
  const beschreibung = a.beschreibung ?? b.beschreibung;
  return {
    ...a,
    name: a.name !== '' ? a.name : b.name,
    plans,
    ...(investitionen ? { investitionen } : {}),
    ...(beschreibung ? { beschreibung } : {}),
    erlaeuterungen: once([...a.erlaeuterungen, ...b.erlaeuterungen]),
    kennzahlen: once([...a.kennzahlen, ...b.kennzahlen]),
  };
}

const sameAmounts = (a: unknown, b: unknown): boolean =>
  partAmounts(a).join('\n') === partAmounts(b).join('\n');

/** Each file's parts side by side (a Satzung from one file, a Querschnitt from another); one part twice with other amounts conflicts. */
function mergeParts(budgets: readonly Budget[], conflicts: MergeConflict[]): BudgetParts {
  const parts: Record<string, unknown> = {};
  const from = new Map<string, string | undefined>();
  for (const b of budgets) {
    const given: readonly (readonly [string, unknown])[] = Object.entries(b.parts ?? {});
    for (const [key, part] of given) {
      if (part === undefined) continue;
      if (key in parts && sameAmounts(parts[key], part)) {
        // one part printed alike in two files (the document and its tidy CSV, which carries no names and labels):
        // one part, as amounts several files publish alike are; the print with names and labels kept
        if (partDetail(part) > partDetail(parts[key])) parts[key] = part;
      } else if (key in parts)
        conflicts.push(
          conflict(
            `${PART_LABEL[key] ?? `Der Teil „${key}“`} steht in ${from.get(key) ?? 'einer Datei'} und in ${b.files[0] ?? 'einer weiteren Datei'}; ein Haushalt hat jeden Teil nur einmal (bitte eine der Dateien weglassen)`,
          ),
        );
      else {
        parts[key] = part;
        from.set(key, b.files[0]);
      }
    }
  }
  return parts;
}

/** Merges budgets read from several files into one; conflicts when two files print different values. */
export function mergeBudgets(budgets: readonly Budget[]): MergeResult {
  if (budgets.length === 1) return recordLand(budgets[0]!);
  const conflicts: MergeConflict[] = [];
  const nodes = new Map<string, BudgetNode>();
  for (const b of budgets) {
    for (const n of b.nodes) {
      const existing = nodes.get(n.code);
      nodes.set(n.code, existing ? mergeNodes(existing, n, conflicts) : n);
    }
  }
  const parts = mergeParts(budgets, conflicts);
  if (conflicts.length > 0) return { ok: false, conflicts };
  const title = budgets.find((b) => b.title !== undefined)?.title;
  const years = budgets.map((b) => b.year).filter((y): y is number => y !== undefined);
  const budget: Budget = {
    ...(title !== undefined ? { title } : {}),
    ...(years.length > 0 ? { year: Math.min(...years) } : {}),
    // parents are found again across files: a Teilplan's Produktbereich may come from another file
    nodes: resolveParents(
      [...nodes.values()].map((n) => (n.level === 'haushalt' ? n : { ...n, parent: undefined })),
    ),
    ...(Object.keys(parts).length > 0 ? { parts } : {}),
    notes: budgets.flatMap((b) => b.notes),
    files: budgets.flatMap((b) => b.files),
  };
  return recordLand(budget);
}

/** The budget with its Land (land.ts), or the conflict of a budget whose plans belong to several Länder. */
function recordLand(budget: Budget): MergeResult {
  const r = withLand(budget);
  if ('message' in r) {
    const sources = budget.nodes.flatMap((n) => n.plans.map((p) => p.source)).slice(0, 2);
    return { ok: false, conflicts: [conflict(r.message, ...sources)] };
  }
  return { ok: true, budget: r.budget };
}
