/**
 * Random plans for the importers' property tests: one Teilergebnisplan or Teilfinanzplan (NRW 2019) of a
 * Produktgruppe, consistent in cents (every total the sum of its parts by the schema), printed as a table of
 * plan lines or as plan text in every way published plans print them: columns in any order and under any of
 * their names, one or two header rows, line numbers with or without their label in the same cell, amounts
 * with or without thousands dots, in cents or whole euros (each cell rounded on its own), minus in front or
 * behind, a dash for zero, expenses printed positive or negative and one line printed the other way, lines of
 * zeros left out or printed, and rows of amounts without a line number (sums, notes) that belong to no plan.
 *
 * The generator knows every amount it printed, so a test can reconcile an import against it independently of
 * the importer's own ledger.
 */
import fc from 'fast-check';
import type { Budget, Column } from '../src/core/model.js';
import { formatGerman, roundToEuro, type Cents } from '../src/core/money.js';
import { schemaById } from '../src/core/schema.js';
import { parseTerm } from '../src/core/check/values.js';

export const BUDGET_YEAR = 2026;

/** A printed amount: its text and the cents it stands for. */
export interface PrintedCell {
  readonly text: string;
  readonly cents: Cents;
}

export interface PlanRow {
  readonly line: string;
  readonly label: string;
  /** Per column of `RandomPlan.columns`, in printed order; undefined: left empty. */
  readonly cells: readonly (PrintedCell | undefined)[];
}

/** A row of amounts without a line number (a sum, a note): it belongs to no plan line. */
export interface ExtraRow {
  /** Printed after this many plan rows (at least one). */
  readonly after: number;
  readonly label: string;
  readonly cells: readonly (PrintedCell | undefined)[];
}

export interface RandomPlan {
  readonly type: 'teilergebnisplan' | 'teilfinanzplan';
  readonly schemaId: string;
  readonly node: { readonly code: string; readonly name: string };
  readonly columns: readonly Column[];
  /** How the plan prints expenses, and the one `out` line printed the other way, if any. */
  readonly signs: 'negative' | 'positive';
  readonly otherLine?: string;
  readonly rows: readonly PlanRow[];
  readonly extra: readonly ExtraRow[];
}

/** How an amount is printed. */
const STYLES = ['dots', 'plain', 'trailing', 'spaced', 'comma-dash', 'cents', 'cents-trailing'] as const;
type Style = (typeof STYLES)[number];

/** An amount in a style; whole-euro styles print the amount rounded to euros (`cents` says what was printed). */
export function printAmount(exact: Cents, style: Style, dashForZero: boolean): PrintedCell {
  const whole = !style.startsWith('cents');
  const cents = whole ? roundToEuro(exact) : exact;
  if (cents === 0 && dashForZero && whole) return { text: '-', cents: 0 };
  const negative = cents < 0;
  const abs = Math.abs(cents);
  let body: string;
  switch (style) {
    case 'plain':
      body = String(abs / 100);
      break;
    case 'comma-dash':
      body = `${formatGerman(abs, 0)},-`;
      break;
    case 'cents':
    case 'cents-trailing':
      body = formatGerman(abs, 2);
      break;
    default:
      body = formatGerman(abs, 0);
  }
  if (!negative) return { text: body, cents };
  const text =
    style === 'trailing' || style === 'cents-trailing'
      ? `${body}-`
      : style === 'spaced'
        ? `- ${body}`
        : `-${body}`;
  return { text, cents };
}

/** Texts that are no amount, as a PDF extractor or a hand leaves them in a cell. */
export const UNREADABLE = [
  '- 14.639.900-',
  '12.549.4?0',
  'n. v.',
  '1.23.4',
  '#WERT!',
  '12,345,67',
  '--5',
  '1.234.567,891',
  'ca. 500',
] as const;

const ERGEBNIS: readonly Column[] = [
  { kind: 'ergebnis', year: BUDGET_YEAR - 2 },
  { kind: 'ansatz', year: BUDGET_YEAR - 1 },
  { kind: 'ansatz', year: BUDGET_YEAR },
  { kind: 'planung', year: BUDGET_YEAR + 1 },
  { kind: 'planung', year: BUDGET_YEAR + 2 },
  { kind: 'planung', year: BUDGET_YEAR + 3 },
];
const FINANZ: readonly Column[] = [
  ...ERGEBNIS.slice(0, 3),
  { kind: 've', year: BUDGET_YEAR },
  ...ERGEBNIS.slice(3),
];

interface Choices {
  readonly finanz: boolean;
  readonly columnOrder: readonly number[];
  readonly positive: boolean;
  readonly other: number | null;
  readonly sparse: boolean;
  readonly pool: readonly number[];
  readonly styles: readonly number[];
  readonly dash: boolean;
  readonly extra: readonly { after: number; label: number; cells: readonly (number | null)[] }[];
}

const amountArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2_000_000_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 500 }) },
  { weight: 1, arbitrary: fc.integer({ min: -50_000_000, max: -1 }) },
);

const choicesArb: fc.Arbitrary<Choices> = fc.record({
  finanz: fc.boolean(),
  columnOrder: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6], { minLength: 2, maxLength: 7 }),
  positive: fc.boolean(),
  other: fc.option(fc.nat(), { nil: null }),
  sparse: fc.boolean(),
  pool: fc.array(amountArb, { minLength: 30, maxLength: 200 }),
  styles: fc.array(fc.nat({ max: STYLES.length - 1 }), { minLength: 1, maxLength: 40 }),
  dash: fc.boolean(),
  extra: fc.array(
    fc.record({
      after: fc.nat(),
      label: fc.nat({ max: 3 }),
      cells: fc.array(fc.option(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), { nil: null }), {
        minLength: 7,
        maxLength: 7,
      }),
    }),
    { maxLength: 2 },
  ),
});

const EXTRA_LABELS = ['Summe', 'nachrichtlich: Abschreibungen', 'Übertrag', 'Summe der Zeilen'];

function build(c: Choices): RandomPlan {
  const type = c.finanz ? 'teilfinanzplan' : 'teilergebnisplan';
  const schema = schemaById(c.finanz ? 'nrw-2019-teilfinanzplan' : 'nrw-2019-teilergebnisplan')!;
  const all = c.finanz ? FINANZ : ERGEBNIS;
  let columns = c.columnOrder.filter((i) => i < all.length).map((i) => all[i]!);
  // the budget year's Ansatz names the plan's years
  if (!columns.some((x) => x.kind === 'ansatz' && x.year === BUDGET_YEAR)) columns = [...columns, all[2]!];
  let drawn = 0;
  const draw = (): Cents => c.pool[drawn++ % c.pool.length]!;
  let styled = 0;
  const style = (): Style => STYLES[c.styles[styled++ % c.styles.length]!]!;
  // exact amounts in the signed view (income positive, expenses negative); totals by the schema
  const outDetails = schema.lines.filter((l) => l.flow === 'out' && !l.sum).map((l) => l.line);
  // only a plan printing expenses positive prints a line the other way (its minus as its direction)
  const otherLine = c.other === null || !c.positive ? undefined : outDetails[c.other % outDetails.length];
  const exact = new Map<string, Cents[]>();
  for (const l of schema.lines) {
    if (l.sum) continue;
    // mostly income positive and expenses negative, now and then the other way (a refund); the line
    // printed the other way holds expenses only: its minus is its direction
    exact.set(
      l.line,
      columns.map((column) => {
        // a VE is only printed for investment lines
        if (column.kind === 've' && Number(l.line) < 18) return 0;
        const a = draw();
        const sign = l.flow === 'out' ? -1 : 1;
        return l.line === otherLine ? -Math.abs(a) : sign * a;
      }),
    );
  }
  const value = (line: string): Cents[] => {
    const known = exact.get(line);
    if (known) return known;
    const sl = schema.lines.find((x) => x.line === line)!;
    const sum = columns.map(() => 0);
    for (const term of sl.sum ?? []) {
      const t = parseTerm(term);
      value(t.line).forEach((v, i) => (sum[i]! += t.negate ? -v : v));
    }
    exact.set(line, sum);
    return sum;
  };
  const signs = c.positive ? 'positive' : 'negative';
  const printed: (PlanRow & { zero: boolean })[] = [];
  for (const l of schema.lines) {
    const own = l.line === otherLine ? (signs === 'positive' ? 'negative' : 'positive') : signs;
    const factor = own === 'positive' && l.flow === 'out' ? -1 : 1;
    const cells = value(l.line).map((v, i) =>
      // a VE is only printed for investment lines; elsewhere left empty
      columns[i]!.kind === 've' && Number(l.line) < 18 ? undefined : printAmount(factor * v, style(), c.dash),
    );
    printed.push({ line: l.line, label: l.label, cells, zero: value(l.line).every((v) => v === 0) });
  }
  // a plan leaves out the lines that are zero; one that prints a row of zeros (rounded) prints every line
  const kept = printed.filter((r) => !r.zero);
  const roundsToZero = kept.some((r) => r.cells.every((x) => x === undefined || x.cents === 0));
  const rows: PlanRow[] = (c.sparse && !roundsToZero ? kept : printed).map((r) => ({
    line: r.line,
    label: r.label,
    cells: r.cells,
  }));
  const extra = c.extra.map((e): ExtraRow => ({
    after: 1 + (e.after % rows.length),
    label: EXTRA_LABELS[e.label]!,
    cells: columns.map((_, i) => {
      const a = e.cells[i];
      return a === null || a === undefined ? undefined : printAmount(a, style(), false);
    }),
  }));
  return {
    type,
    schemaId: schema.id,
    node: { code: '01.02', name: 'Geschäftsführung für politische Gremien' },
    columns,
    signs,
    ...(otherLine !== undefined ? { otherLine } : {}),
    rows,
    extra: extra.filter((e) => e.cells.some((x) => x !== undefined)),
  };
}

export const randomPlan: fc.Arbitrary<RandomPlan> = choicesArb.map(build).filter((p) => p.rows.length > 0);

/** The column's header as plans print it, in one of its names. */
export function headerOf(column: Column, variant: number): string {
  const names: Readonly<Record<Column['kind'], readonly string[]>> = {
    ergebnis: ['Ergebnis', 'Ist', 'Rechnungsergebnis'],
    ansatz: ['Ansatz', 'Haushaltsansatz', 'Plan'],
    ve: ['VE', 'Verpflichtungsermächtigung'],
    planung: ['Planung', 'Finanzplanung'],
    bisher: ['bisher'],
    gesamt: ['Gesamtausgabe'],
  };
  const list = names[column.kind];
  const name = list[variant % list.length]!;
  return `${name} ${column.year}${variant % 3 === 2 ? ' (€)' : ''}`;
}

/** The amounts a plan prints, per column key, and which of them stand in rows without a line number. */
export function printedSums(plan: RandomPlan): Map<string, { read: Cents; outside: Cents; count: number }> {
  const out = new Map<string, { read: Cents; outside: Cents; count: number }>();
  const add = (column: Column, cell: PrintedCell | undefined, outside: boolean): void => {
    if (!cell) return;
    const key = `${column.kind}:${column.year}`;
    const e = out.get(key) ?? { read: 0, outside: 0, count: 0 };
    e.read += cell.cents;
    e.count++;
    if (outside) e.outside += cell.cents;
    out.set(key, e);
  };
  for (const r of plan.rows)
    r.cells.forEach((cell, i) => {
      add(plan.columns[i]!, cell, false);
    });
  for (const r of plan.extra)
    r.cells.forEach((cell, i) => {
      add(plan.columns[i]!, cell, true);
    });
  return out;
}

/** Every plan cell of a budget as one line of text (node, plan, line, column, amount, decimals), to compare. */
export function cellsOf(b: Budget): string[] {
  return b.nodes.flatMap((n) =>
    n.plans.flatMap((p) =>
      p.lines.flatMap((line) =>
        line.cells.map(
          (c) =>
            `${n.code} ${p.type} ${line.line} ${c.column.kind} ${c.column.year} ${c.amount} ${c.decimals}`,
        ),
      ),
    ),
  );
}
