/**
 * Comparing an import with the budget the layout renderer says an exact import must give: nodes, plans,
 * signs, lines and labels, every cell's amount, decimals and T€ scale, investment rows, and the page (PDF,
 * layout text) or line (CSV) each cell's source names. Used by the layout harness (harness.ts).
 */
import path from 'node:path';
import type { Budget, Cell, Column, InvestmentRow, PlanLine, Source } from '../../src/core/model.js';
import { formatPlain } from '../../src/core/money.js';
import type { ExpectedCell } from '../../src/generate/layouts/index.js';

export type DifferenceKind =
  | 'year'
  | 'node'
  | 'plan'
  | 'signs'
  | 'line'
  | 'label'
  | 'cell'
  | 'amount'
  | 'sign'
  | 'decimals'
  | 'scale'
  | 'source'
  | 'investment';

export interface Difference {
  readonly kind: DifferenceKind;
  /** Node, plan, line (or investment row), column: "43.01 teilergebnisplan 11 ansatz 2026". */
  readonly where: string;
  readonly expected: string;
  readonly actual: string;
}

export function formatDifference(d: Difference): string {
  return `${d.kind} ${d.where}: expected ${d.expected}, got ${d.actual}`;
}

export interface CompareOptions {
  /**
   * What a cell's source must name: `page` its page (PDF), `layout-page` the page of its line in a layout text
   * (`pageOfLine`), `line` its line (CSV), `none` nothing.
   */
  readonly sources?: 'page' | 'layout-page' | 'line' | 'none';
  /** For `layout-page`: the page a line of the layout text is on. */
  readonly pageOfLine?: (line: number) => number;
}

/** The page of each line of a layout text (pages end at form feeds). */
export function pagesOfLines(text: string): (line: number) => number {
  const starts: number[] = [];
  let page = 1;
  for (const line of text.split('\n')) {
    page += (line.match(/\f/gu) ?? []).length;
    starts.push(page);
  }
  return (line) => starts[line - 1] ?? page;
}

const key = (c: Column): string => `${c.kind} ${c.year}`;
const money = (cents: number): string => formatPlain(cents);
const scaleOf = (c: Cell): number => (c as ExpectedCell).scale ?? 1;
const squash = (s: string): string => s.replace(/\s+/gu, ' ').trim();

function compareCells(
  where: string,
  expected: readonly Cell[],
  actual: readonly Cell[],
  options: CompareOptions,
  out: Difference[],
): void {
  const byKey = new Map(actual.map((c) => [key(c.column), c]));
  for (const e of expected) {
    const at = `${where} ${key(e.column)}`;
    const a = byKey.get(key(e.column));
    byKey.delete(key(e.column));
    if (!a) {
      out.push({ kind: 'cell', where: at, expected: money(e.amount), actual: 'no cell' });
      continue;
    }
    if (a.amount !== e.amount)
      out.push({
        kind: e.amount !== 0 && a.amount === -e.amount ? 'sign' : 'amount',
        where: at,
        expected: money(e.amount),
        actual: money(a.amount),
      });
    if (a.decimals !== e.decimals)
      out.push({ kind: 'decimals', where: at, expected: String(e.decimals), actual: String(a.decimals) });
    if (scaleOf(a) !== scaleOf(e))
      out.push({ kind: 'scale', where: at, expected: String(scaleOf(e)), actual: String(scaleOf(a)) });
    const problem = sourceProblem(e.source, a.source, options);
    if (problem) out.push({ kind: 'source', where: at, ...problem });
  }
  for (const a of byKey.values())
    out.push({
      kind: 'cell',
      where: `${where} ${key(a.column)}`,
      expected: 'no cell',
      actual: money(a.amount),
    });
}

function sourceProblem(
  e: Source | undefined,
  a: Source | undefined,
  options: CompareOptions,
): { expected: string; actual: string } | undefined {
  const mode = options.sources ?? 'none';
  if (mode === 'none' || !e) return undefined;
  if (!a) return { expected: describe(e, mode), actual: 'no source' };
  if (path.resolve(a.file) !== path.resolve(e.file)) return { expected: e.file, actual: a.file };
  if (mode === 'line')
    return a.line === e.line ? undefined : { expected: `line ${e.line}`, actual: `line ${a.line}` };
  const page = mode === 'page' ? a.page : options.pageOfLine?.(a.line);
  return page === e.page
    ? undefined
    : { expected: `page ${e.page}`, actual: page === undefined ? 'no page' : `page ${page}` };
}

function describe(s: Source, mode: string): string {
  return mode === 'line' ? `line ${s.line}` : `page ${s.page}`;
}

function compareLines(
  where: string,
  expected: readonly PlanLine[],
  actual: readonly PlanLine[],
  options: CompareOptions,
  out: Difference[],
): void {
  const byLine = new Map(actual.map((l) => [l.line, l]));
  for (const e of expected) {
    const a = byLine.get(e.line);
    byLine.delete(e.line);
    const at = `${where} ${e.line}`;
    if (!a) {
      out.push({ kind: 'line', where: at, expected: `line ${e.line} "${e.label}"`, actual: 'missing' });
      continue;
    }
    if (squash(a.label) !== squash(e.label))
      out.push({ kind: 'label', where: at, expected: e.label, actual: a.label });
    compareCells(at, e.cells, a.cells, options, out);
  }
  for (const a of byLine.values())
    out.push({ kind: 'line', where: `${where} ${a.line}`, expected: 'no line', actual: `"${a.label}"` });
}

function rowName(r: InvestmentRow): string {
  return r.type === 'group'
    ? `group "${r.label}"`
    : r.type === 'measure'
      ? `measure ${r.number} "${r.name}"`
      : `line ${r.line} "${r.label}"`;
}

function compareInvestments(
  where: string,
  expected: readonly InvestmentRow[],
  actual: readonly InvestmentRow[],
  options: CompareOptions,
  out: Difference[],
): void {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    const at = `${where} row ${i + 1}`;
    if (!e || !a || rowName(e) !== rowName(a)) {
      out.push({
        kind: 'investment',
        where: at,
        expected: e ? rowName(e) : 'no row',
        actual: a ? rowName(a) : 'no row',
      });
      if (!e || !a || e.type !== a.type) continue;
    }
    if (e.type !== 'group' && a.type !== 'group')
      compareCells(`${at} ${rowName(e)}`, e.cells, a.cells, options, out);
  }
}

/**
 * Every difference between the budget an exact import must give (`RenderedLayout.expectedFromPdf`/…Csv) and
 * an import: the budget year; nodes (missing, unexpected, level, name, parent); plans (missing, unexpected,
 * schema, signs); lines (missing, unexpected, label); cells (missing, unexpected, amount — `sign` where only
 * the sign differs —, decimals, T€ scale, source page or line); investment rows (kind, number, name, label)
 * and their cells. Names of Gesamthaushalt nodes are not compared (their titles print none).
 */
export function compareToBudget(
  expected: Budget,
  imported: Budget,
  options: CompareOptions = {},
): Difference[] {
  const out: Difference[] = [];
  if (expected.year !== imported.year)
    out.push({
      kind: 'year',
      where: 'budget',
      expected: String(expected.year),
      actual: String(imported.year),
    });
  const nodes = new Map(imported.nodes.map((n) => [n.code, n]));
  for (const e of expected.nodes) {
    const a = nodes.get(e.code);
    nodes.delete(e.code);
    if (!a) {
      out.push({ kind: 'node', where: e.code, expected: `${e.level} "${e.name}"`, actual: 'missing' });
      continue;
    }
    if (
      a.level !== e.level ||
      (e.level !== 'haushalt' && squash(a.name) !== squash(e.name)) ||
      a.parent !== e.parent
    )
      out.push({
        kind: 'node',
        where: e.code,
        expected: `${e.level} "${e.name}" under ${e.parent ?? '–'}`,
        actual: `${a.level} "${a.name}" under ${a.parent ?? '–'}`,
      });
    const plans = new Map(a.plans.map((p) => [p.type, p]));
    for (const ep of e.plans) {
      const ap = plans.get(ep.type);
      plans.delete(ep.type);
      const at = `${e.code} ${ep.type}`;
      if (!ap) {
        out.push({ kind: 'plan', where: at, expected: ep.schemaId, actual: 'missing' });
        continue;
      }
      if (ap.schemaId !== ep.schemaId)
        out.push({ kind: 'plan', where: at, expected: ep.schemaId, actual: ap.schemaId });
      if ((ap.signs ?? 'negative') !== (ep.signs ?? 'negative'))
        out.push({
          kind: 'signs',
          where: at,
          expected: ep.signs ?? 'negative',
          actual: ap.signs ?? 'negative',
        });
      compareLines(at, ep.lines, ap.lines, options, out);
    }
    for (const ap of plans.values())
      out.push({ kind: 'plan', where: `${e.code} ${ap.type}`, expected: 'no plan', actual: ap.schemaId });
    if (e.investitionen || a.investitionen)
      compareInvestments(
        `${e.code} investitionen`,
        e.investitionen?.rows ?? [],
        a.investitionen?.rows ?? [],
        options,
        out,
      );
  }
  for (const a of nodes.values())
    if (a.plans.length > 0 || a.investitionen)
      out.push({ kind: 'node', where: a.code, expected: 'no node', actual: `${a.level} "${a.name}"` });
  return out;
}
