/**
 * The parts of a budget from the tidy CSV's cells: a plan with the schema its rows name (or the one its lines
 * and years fit, labels from the schema) and the sign convention its amounts show; investment rows from their
 * keys (measures, lines, and the group headings they stand below); the budget year. Cells count as printed in
 * whole euros when every amount of the plan is whole; an amount that was no number leaves its column marked
 * unreadable.
 */
import type {
  BudgetNode,
  Cell,
  Column,
  InvestmentRow,
  Plan,
  PlanLine,
  PlanType,
  Source,
} from '../../core/model.js';
import { schemaById, schemaLine, selectedSchema, selectSchema } from '../../core/schema.js';
import { detectSigns, withLineSigns } from '../../core/signs.js';
import { parseInvestmentKey } from '../../formats/investment-keys.js';
import type { RawCell } from './rows.js';

/** More groups than this in one investment table is not a table but a broken key. */
const MAX_GROUPS = 10_000;

export function buildPlan(
  type: PlanType,
  lines: ReadonlyMap<string, readonly RawCell[]>,
  file: string,
  named?: string,
): Plan {
  const raw = [...lines.values()].flat();
  const whole = raw.every((c) => c.cents % 100 === 0);
  // an unreadable amount's column is a column of the plan all the same
  const columns = uniqueColumns(raw);
  let ansatz: number | undefined;
  for (const c of columns)
    if (c.kind === 'ansatz' && (ansatz === undefined || c.year > ansatz)) ansatz = c.year;
  const printed = [...lines.keys()].map((line) => ({ line, label: '' }));
  // the schema the rows name; in a file without that column, a schema in force for the plan's year, failing
  // that the best fit of any validity (nothing gets lost; line numbers alone fit NRW first)
  const schema =
    (named !== undefined ? schemaById(named) : undefined) ??
    (selectedSchema(selectSchema(type, printed, ansatz)) ?? selectedSchema(selectSchema(type, printed)))!;
  const planLines: PlanLine[] = [...lines].map(([line, cells]) => ({
    line,
    label: schemaLine(schema, line)?.label ?? '',
    ...readCells(cells, whole, file),
    source: { file, line: cells[0]!.no },
  }));
  const signs = detectSigns(schema, planLines);
  return withLineSigns({
    type,
    schemaId: schema.id,
    columns,
    lines: planLines,
    ...(signs === 'positive' ? { signs } : {}),
    source: planLines[0]!.source!,
  });
}

/** Investment rows from their keys (see parseInvestmentKey); a string is the error. */
export function buildInvestments(
  investments: ReadonlyMap<string, readonly RawCell[]>,
  file: string,
): BudgetNode['investitionen'] | string {
  if (investments.size === 0) return undefined;
  const raw = [...investments.values()].flat();
  const whole = raw.every((c) => c.cents % 100 === 0);
  const rows: InvestmentRow[] = [];
  let groups = 0;
  for (const [key, cells] of investments) {
    const k = parseInvestmentKey(key);
    const source: Source = { file, line: cells[0]!.no };
    const mapped = readCells(cells, whole, file);
    if (k.type === 'measure') {
      rows.push({ type: 'measure', number: k.number, name: '', ...mapped, source });
      continue;
    }
    if (k.group !== undefined) {
      if (k.group > MAX_GROUPS)
        return `Investitionsschlüssel „${key}“ nennt Gruppe ${k.group} (erwartet: höchstens ${MAX_GROUPS} Gruppen je Tabelle)`;
      // the group headings themselves print no amounts: they come back without a label
      for (; groups < k.group; groups++) rows.push({ type: 'group', label: '', source });
    }
    rows.push({ type: 'line', line: k.line, label: '', ...mapped, source });
  }
  return { columns: uniqueColumns(raw), rows, source: { file, line: raw[0]!.no } };
}

/** The budget year: the first VE year, else the latest Ansatz year (as the other importers find it). */
export function budgetYear(nodes: readonly BudgetNode[]): number | undefined {
  let ve: number | undefined;
  let ansatz: number | undefined;
  for (const n of nodes) {
    for (const p of n.plans) {
      for (const c of p.columns) {
        if (c.kind === 've' && (ve === undefined || c.year < ve)) ve = c.year;
        if (c.kind === 'ansatz' && (ansatz === undefined || c.year > ansatz)) ansatz = c.year;
      }
    }
  }
  return ve ?? ansatz;
}

function uniqueColumns(cells: readonly RawCell[]): Column[] {
  const seen = new Map<string, Column>();
  for (const c of cells) {
    const key = `${c.column.kind}:${c.column.year}`;
    if (!seen.has(key)) seen.set(key, c.column);
  }
  return [...seen.values()];
}

/** The cells of a line or investment row, and the columns whose amount was no number (left out). */
function readCells(
  raw: readonly RawCell[],
  whole: boolean,
  file: string,
): { cells: Cell[]; unreadable?: Column[] } {
  const cells = raw.filter((c) => !c.unreadable).map((c) => toCell(c, whole, file));
  const unreadable = raw.filter((c) => c.unreadable).map((c) => c.column);
  return unreadable.length > 0 ? { cells, unreadable } : { cells };
}

function toCell(c: RawCell, whole: boolean, file: string): Cell {
  return { column: c.column, amount: c.cents, decimals: whole ? 0 : 2, source: { file, line: c.no } };
}
