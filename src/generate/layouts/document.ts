/**
 * A budget as a variant prints it, before pages: one table per plan (Teilergebnisplan, Teilfinanzplan,
 * Gesamtergebnis-/Gesamtfinanzplan) and per investment table, each with its title lines, its columns and its
 * rows (number, operator, label wrapped into lines, amounts as printed), and the budget that an exact import
 * of any print of it gives (`expectedBudget`): the same nodes, plans, lines and columns, every amount rounded to
 * the variant's unit and signed as printed, the line labels of the schema, sources where the renderer says.
 *
 * What is printed: every node that has plans or an investment table, in the budget's order, its plans in their
 * order and then its investment table. Not printed: Erläuterungen, Produktbeschreibungen, Kennzahlen (their
 * layout does not vary between the systems the variants stand for). Plan lines are printed with their
 * schema's canonical label (never a misprint of the source); investment rows with their own labels and in the
 * model's signs (Auszahlungen negative) in every variant, only their number format following it.
 */
import {
  LEVEL_LABEL,
  PLAN_LABEL,
  type Budget,
  type BudgetNode,
  type Cell,
  type Column,
  type InvestmentRow,
  type Level,
  type Plan,
  type PlanType,
  type Source,
} from '../../core/model.js';
import type { Cents } from '../../core/money.js';
import { schemaById, schemaLine } from '../../core/schema.js';
import {
  labelTitle,
  numberTitle,
  printAmount,
  printLineNumber,
  printOperator,
  type PrintedAmount,
} from './format.js';
import type { LayoutVariant } from './variant.js';

/** A cell as an import must give it: `Cell` with the agreed T€ marker (`scale: 1000`, amount still in cents). */
export type ExpectedCell = Cell & { readonly scale?: 1000 };

export interface PrintedRow {
  readonly kind: 'line' | 'measure' | 'group';
  /** The plan line ("01") of a line row. */
  readonly line?: string;
  /** Measure number and name of a measure row. */
  readonly measure?: { readonly number: string; readonly name: string };
  /** The group heading's threshold and side, as the budget has them. */
  readonly group?: { readonly threshold?: Cents; readonly below?: boolean };
  /** The number as printed (`01`, `1.`, `Zeile 1`, or ''). */
  readonly number: string;
  /** `+`, `-`, `./.`, `=` or ''. */
  readonly operator: string;
  /** The whole label as printed (wrapped lines joined with a space). */
  readonly label: string;
  /** The label's printed lines (a group heading's one line spans the label and amount columns). */
  readonly labelLines: readonly string[];
  /** Totals and group headings are printed bold. */
  readonly bold: boolean;
  /** Per column of the table; undefined where the budget has no cell. */
  readonly amounts: readonly (PrintedAmount | undefined)[];
}

export interface PrintedTable {
  readonly node: string;
  readonly plan: PlanType | 'investitionen';
  readonly schemaId?: string;
  readonly titleLines: readonly string[];
  readonly numberTitle: string;
  readonly labelTitle: string;
  readonly columns: readonly Column[];
  readonly rows: readonly PrintedRow[];
}

export interface PrintedNode {
  readonly code: string;
  readonly level: Level;
  readonly name: string;
  readonly parent?: string;
}

export interface LayoutDocument {
  readonly variant: LayoutVariant;
  readonly year: number;
  /** The running header's title ("Kreishaushalt 2026"). */
  readonly runningTitle: string;
  /** The date the running header names beside it, for `title-and-date`. */
  readonly date: string;
  readonly nodes: readonly PrintedNode[];
  readonly tables: readonly PrintedTable[];
}

/** Wraps a label at spaces into at most `maxLines` lines, each at most `width` characters where possible. */
export function wrapLabel(label: string, maxLines: number): string[] {
  // a word ending in a hyphen before a capital or a digit ("MINT- Werkstatt") is never broken there: joined
  // again after a break, it would lose its space ("IT-" / "Ausstattung" is read as "IT-Ausstattung")
  const words: string[] = [];
  for (const w of label.split(/\s+/u).filter((x) => x !== '')) {
    const last = words[words.length - 1];
    if (last !== undefined && /[\p{L}\d]-$/u.test(last) && /^[\p{Lu}\d]/u.test(w))
      words[words.length - 1] = `${last} ${w}`;
    else words.push(w);
  }
  if (maxLines <= 1 || words.length <= 1) return [words.join(' ')];
  const greedy = (width: number): string[] => {
    const lines: string[] = [];
    let current = '';
    for (const w of words) {
      if (current !== '' && current.length + 1 + w.length > width) {
        lines.push(current);
        current = w;
      } else current = current === '' ? w : `${current} ${w}`;
    }
    lines.push(current);
    return lines;
  };
  // narrow enough that long labels wrap (two lines: 30 characters, three: 20), wide enough for `maxLines`
  for (let width = maxLines === 2 ? 30 : 20; ; width++) {
    const lines = greedy(width);
    if (lines.length <= maxLines) return lines;
  }
}

/** The title lines of a table. */
function titleLines(
  node: BudgetNode,
  plan: PlanType | 'investitionen',
  variant: LayoutVariant,
  year: number,
): string[] {
  const planWord = PLAN_LABEL[plan];
  if (node.level === 'haushalt') {
    return variant.title === 'plan-year-over-node' ? [`${planWord} ${year}`] : [planWord];
  }
  const nodeWords = `${LEVEL_LABEL[node.level]} ${node.code} ${node.name}`;
  switch (variant.title) {
    case 'plan-node':
      return [`${planWord} ${nodeWords}`];
    case 'node-over-plan':
      return [nodeWords, planWord];
    case 'plan-year-over-node':
      return [`${planWord} ${year}`, nodeWords];
  }
}

/** A plan's cell amount in the NKF signs (expenses negative), whatever the plan printed. */
function signedAmount(
  plan: Plan,
  flow: string | undefined,
  lineSigns: string | undefined,
  cents: Cents,
): Cents {
  const signs = lineSigns ?? plan.signs ?? 'negative';
  return signs === 'positive' && flow === 'out' ? -cents : cents;
}

function planTable(node: BudgetNode, plan: Plan, variant: LayoutVariant, year: number): PrintedTable {
  const schema = schemaById(plan.schemaId);
  const rows = plan.lines.map((l): PrintedRow => {
    const sl = schema ? schemaLine(schema, l.line) : undefined;
    const label = sl?.label ?? l.label;
    const negate = variant.signs === 'expenses-positive' && sl?.flow === 'out';
    return {
      kind: 'line',
      line: l.line,
      number: printLineNumber(l.line, variant),
      operator: printOperator(sl?.flow, sl?.sum !== undefined, variant),
      label: wrapLabel(label, variant.labelLines).join(' '),
      labelLines: wrapLabel(label, variant.labelLines),
      bold: sl?.sum !== undefined,
      amounts: plan.columns.map((column) => {
        const cell = l.cells.find((c) => c.column.kind === column.kind && c.column.year === column.year);
        if (!cell) return undefined;
        return printAmount(signedAmount(plan, sl?.flow, l.signs, cell.amount), variant, negate);
      }),
    };
  });
  return {
    node: node.code,
    plan: plan.type,
    schemaId: plan.schemaId,
    titleLines: titleLines(node, plan.type, variant, year),
    numberTitle: numberTitle(variant),
    labelTitle: labelTitle(variant, plan.type),
    columns: plan.columns,
    rows,
  };
}

function investmentTable(node: BudgetNode, variant: LayoutVariant, year: number): PrintedTable | undefined {
  const table = node.investitionen;
  if (!table || table.rows.length === 0) return undefined;
  const finanz = schemaById('nrw-2019-teilfinanzplan');
  const amounts = (cells: readonly Cell[]) =>
    table.columns.map((column) => {
      const cell = cells.find((c) => c.column.kind === column.kind && c.column.year === column.year);
      return cell ? printAmount(cell.amount, variant) : undefined;
    });
  const rows = table.rows.map((r: InvestmentRow): PrintedRow => {
    switch (r.type) {
      case 'group':
        return {
          kind: 'group',
          group: {
            ...(r.threshold !== undefined ? { threshold: r.threshold } : {}),
            ...(r.below !== undefined ? { below: r.below } : {}),
          },
          number: '',
          operator: '',
          // a group heading spans the label and amount columns, on one line
          label: wrapLabel(r.label, 1).join(' '),
          labelLines: wrapLabel(r.label, 1),
          bold: true,
          amounts: table.columns.map(() => undefined),
        };
      case 'measure': {
        const label = `${r.number} ${r.name}`;
        return {
          kind: 'measure',
          measure: { number: r.number, name: r.name },
          number: '',
          operator: '',
          label: wrapLabel(label, variant.labelLines).join(' '),
          labelLines: wrapLabel(label, variant.labelLines),
          bold: false,
          amounts: amounts(r.cells),
        };
      }
      case 'line': {
        const sl = finanz ? schemaLine(finanz, r.line) : undefined;
        return {
          kind: 'line',
          line: r.line,
          number: printLineNumber(r.line, variant),
          operator: printOperator(sl?.flow, false, variant),
          label: wrapLabel(r.label, variant.labelLines).join(' '),
          labelLines: wrapLabel(r.label, variant.labelLines),
          bold: false,
          amounts: amounts(r.cells),
        };
      }
    }
  });
  return {
    node: node.code,
    plan: 'investitionen',
    titleLines: titleLines(node, 'investitionen', variant, year),
    numberTitle: numberTitle(variant),
    labelTitle: labelTitle(variant, 'investitionen'),
    columns: table.columns,
    rows,
  };
}

/** The budget year: the budget's own, else the latest Ansatz year that has a Planung after it. */
function budgetYear(budget: Budget): number {
  if (budget.year !== undefined) return budget.year;
  for (const n of budget.nodes)
    for (const p of n.plans) {
      const planung = p.columns.filter((c) => c.kind === 'planung').map((c) => c.year);
      const ansatz = p.columns.filter((c) => c.kind === 'ansatz').map((c) => c.year);
      if (ansatz.length > 0)
        return Math.max(...ansatz.filter((y) => planung.length === 0 || y < Math.min(...planung)));
    }
  return 2026;
}

/** Lays a budget out as a variant prints it (see the module comment). */
export function layoutDocument(budget: Budget, variant: LayoutVariant): LayoutDocument {
  const year = budgetYear(budget);
  const printed = budget.nodes.filter((n) => n.plans.length > 0 || (n.investitionen?.rows.length ?? 0) > 0);
  const codes = new Set(printed.map((n) => n.code));
  const byCode = new Map(budget.nodes.map((n) => [n.code, n]));
  const printedParent = (n: BudgetNode): string | undefined => {
    let p = n.parent;
    while (p !== undefined && !codes.has(p)) p = byCode.get(p)?.parent;
    return p;
  };
  const nodes = printed.map((n): PrintedNode => {
    const parent = printedParent(n);
    return { code: n.code, level: n.level, name: n.name, ...(parent !== undefined ? { parent } : {}) };
  });
  const tables: PrintedTable[] = [];
  for (const n of printed) {
    for (const p of n.plans) tables.push(planTable(n, p, variant, year));
    const inv = investmentTable(n, variant, year);
    if (inv) tables.push(inv);
  }
  const title = budget.title?.trim() ? budget.title.trim() : 'Haushalt';
  return {
    variant,
    year,
    runningTitle: `${title} ${year}`,
    date: `Stand: 15.10.${year - 1}`,
    nodes,
    tables,
  };
}

/** Where the renderer printed a cell: table, row and column index → its source (undefined: none). */
export type SourceOf = (table: number, row: number, column: number) => Source | undefined;

/**
 * The budget an exact import of a print of the document gives: nodes, plans (with the variant's signs),
 * lines with their printed labels, cells as printed (amount, decimals, T€ scale), investment tables, and
 * sources where `sourceOf` gives them. Erläuterungen, descriptions and Kennzahlen are not printed, so empty.
 */
export function expectedBudget(
  doc: LayoutDocument,
  file: string,
  sourceOf: SourceOf = () => undefined,
  options: { readonly investments?: boolean } = {},
): Budget {
  const cells = (t: number, r: number, table: PrintedTable): ExpectedCell[] =>
    table.columns.flatMap((column, c) => {
      const a = table.rows[r]!.amounts[c];
      if (!a) return [];
      const source = sourceOf(t, r, c);
      return [
        {
          column,
          amount: a.amount,
          decimals: a.decimals,
          ...(a.scale !== undefined ? { scale: a.scale } : {}),
          ...(source ? { source } : {}),
        },
      ];
    });
  const nodes: BudgetNode[] = doc.nodes.map((n) => {
    const plans: Plan[] = [];
    let investitionen: BudgetNode['investitionen'];
    doc.tables.forEach((table, t) => {
      if (table.node !== n.code) return;
      if (table.plan === 'investitionen') {
        if (options.investments === false) return;
        investitionen = {
          columns: table.columns,
          rows: table.rows.map((row, r): InvestmentRow => {
            if (row.kind === 'group') return { type: 'group', label: row.label, ...row.group };
            if (row.kind === 'measure')
              return {
                type: 'measure',
                number: row.measure!.number,
                name: row.measure!.name,
                cells: cells(t, r, table),
              };
            return { type: 'line', line: row.line!, label: row.label, cells: cells(t, r, table) };
          }),
        };
        return;
      }
      plans.push({
        type: table.plan,
        schemaId: table.schemaId!,
        columns: table.columns,
        ...(doc.variant.signs === 'expenses-positive' ? { signs: 'positive' as const } : {}),
        lines: table.rows.map((row, r) => ({ line: row.line!, label: row.label, cells: cells(t, r, table) })),
      });
    });
    return {
      code: n.code,
      level: n.level,
      name: n.name,
      ...(n.parent !== undefined ? { parent: n.parent } : {}),
      plans,
      ...(investitionen ? { investitionen } : {}),
      erlaeuterungen: [],
      kennzahlen: [],
    };
  });
  // a node printed only for its investment table has nothing in a print without them
  const kept = nodes.filter((n) => n.plans.length > 0 || n.investitionen !== undefined);
  return { year: doc.year, nodes: kept, notes: [], files: [file] };
}
