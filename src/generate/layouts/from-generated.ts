/**
 * A generated budget (`generateBudgetData`) as a core `Budget` with its exact amounts in cents, before any
 * printing rounds them: Teilergebnis- and Teilfinanzpläne of every node with the schemas' labels, an investment
 * table per Produktgruppe as the plan text prints it (OBERHALB/UNTERHALB the threshold, measures, one row per
 * Teilfinanzplan line), and optionally a Gesamtergebnis- and Gesamtfinanzplan summed from the Produktbereiche
 * (lines by the roll-up, totals by the Gesamt schemas' formulas, so each Gesamtplan adds up in itself; the
 * generator's internal Leistungsbeziehungen do not cancel out, so its Jahresergebnis is not the sum of the
 * Teilergebnisse). `factor` multiplies every amount: budgets of a big city, whose T€ print is realistic.
 */
import type { Budget, BudgetNode, Cell, Column, InvestmentRow, Plan } from '../../core/model.js';
import type { Cents } from '../../core/money.js';
import { ROLLUPS, schemaById, type LineSchema } from '../../core/schema.js';
import {
  allNodes,
  INVESTMENT_THRESHOLD,
  TEILERGEBNISPLAN,
  TEILFINANZPLAN,
  type Amounts,
  type GeneratedBudget,
  type GeneratedMeasure,
  type GeneratedNode,
} from '../budget.js';
import { INVESTMENT_LINE_LABELS } from '../words.js';

export interface FromGeneratedOptions {
  /** Every amount times this whole number (1 by default). */
  readonly factor?: number;
  /** Add a Gesamtergebnisplan and Gesamtfinanzplan (node `gesamt`, level haushalt). */
  readonly gesamt?: boolean;
  /** The budget's title (the running header), "Stadthaushalt" by default. */
  readonly title?: string;
  /**
   * With `gesamt`: the Gesamtfinanzplan takes up Kredite für Investitionen (line 33) for the net Auszahlungen
   * aus Investitionstätigkeit of each column and repays a quarter of them (line 35), so that the Finanzierung
   * has amounts (the Übersicht der Verbindlichkeiten is checked against them).
   */
  readonly kredite?: boolean;
}

function teColumns(year: number): Column[] {
  return [
    { kind: 'ergebnis', year: year - 2 },
    { kind: 'ansatz', year: year - 1 },
    { kind: 'ansatz', year },
    { kind: 'planung', year: year + 1 },
    { kind: 'planung', year: year + 2 },
    { kind: 'planung', year: year + 3 },
  ];
}

function tfColumns(year: number): Column[] {
  const te = teColumns(year);
  return [...te.slice(0, 3), { kind: 've', year }, ...te.slice(3)];
}

function cells(columns: readonly Column[], amounts: Amounts, factor: number): Cell[] {
  return columns.map((column, i) => ({ column, amount: (amounts[i] ?? 0) * factor, decimals: 2 }));
}

function plan(
  type: Plan['type'],
  schema: LineSchema,
  columns: readonly Column[],
  table: ReadonlyMap<string, Amounts>,
  factor: number,
): Plan {
  return {
    type,
    schemaId: schema.id,
    columns,
    lines: schema.lines.map((l) => ({
      line: l.line,
      label: l.label,
      cells: cells(columns, table.get(l.line) ?? columns.map(() => 0), factor),
    })),
  };
}

function investments(group: GeneratedNode, year: number, factor: number): BudgetNode['investitionen'] {
  if (group.measures.length === 0) return undefined;
  const columns: Column[] = [
    ...tfColumns(year),
    { kind: 'bisher', year: year - 1 },
    { kind: 'gesamt', year: year + 3 },
  ];
  const row = (amounts: Amounts, bisher: Cents, gesamt: Cents): Cell[] =>
    cells(columns, [...amounts, bisher, gesamt], factor);
  const above = (m: GeneratedMeasure): boolean => Math.abs(m.gesamt) >= INVESTMENT_THRESHOLD;
  const rows: InvestmentRow[] = [];
  const groups = [
    {
      label: 'OBERHALB Investition (Auszahlung >= 100.000 EUR inkl. MWST)',
      below: false,
      of: group.measures.filter(above),
    },
    {
      label: 'UNTERHALB Investition (Auszahlung < 100.000 EUR inkl. MWST)',
      below: true,
      of: group.measures.filter((m) => !above(m)),
    },
  ];
  for (const g of groups) {
    if (g.of.length === 0) continue;
    rows.push({ type: 'group', label: g.label, threshold: INVESTMENT_THRESHOLD, below: g.below });
    for (const m of g.of)
      rows.push({ type: 'measure', number: m.number, name: m.name, cells: row(m.cells, m.bisher, m.gesamt) });
    for (const line of Object.keys(INVESTMENT_LINE_LABELS)) {
      const of = g.of.filter((m) => m.line === line);
      if (of.length === 0) continue;
      const sum = of.reduce<Cents[]>(
        (s, m) => s.map((x, i) => x + m.cells[i]!),
        Array<Cents>(of[0]!.cells.length).fill(0),
      );
      rows.push({
        type: 'line',
        line,
        label: INVESTMENT_LINE_LABELS[line]!,
        cells: row(
          sum,
          of.reduce((s, m) => s + m.bisher, 0),
          of.reduce((s, m) => s + m.gesamt, 0),
        ),
      });
    }
  }
  return { columns, rows };
}

/** A Gesamtplan: detail lines summed from the areas' Teilpläne by the roll-up, totals by the formulas. */
function gesamtTable(
  areas: readonly GeneratedNode[],
  from: LineSchema,
  to: LineSchema,
  width: number,
  part: (n: GeneratedNode) => ReadonlyMap<string, Amounts>,
  kredite = false,
): Map<string, Amounts> {
  const rollup = ROLLUPS.find((r) => r.from === from.id && r.to === to.id)!;
  const out = new Map<string, Cents[]>();
  for (const l of to.lines) out.set(l.line, Array<Cents>(width).fill(0));
  for (const [teil, gesamt] of Object.entries(rollup.lines)) {
    if (to.lines.find((l) => l.line === gesamt)?.sum) continue;
    for (const a of areas)
      part(a)
        .get(teil)!
        .forEach((v, i) => (out.get(gesamt)![i]! += v));
  }
  if (to.id === 'nrw-2019-gesamtfinanzplan') {
    // an opening balance of cash, so that the Liquide Mittel are not just the year's change
    out.set(
      '39',
      out.get('16')!.map((v) => -Math.trunc(v / 20)),
    );
    if (kredite) {
      const invest = ['18', '19', '20', '21', '22', '24', '25', '26', '27', '28', '29'];
      const net = Array.from({ length: width }, (_, i) => invest.reduce((s, l) => s + out.get(l)![i]!, 0));
      const aufnahme = net.map((v) => Math.max(0, -v));
      out.set('33', aufnahme);
      out.set(
        '35',
        aufnahme.map((v) => -Math.trunc(v / 4)),
      );
    }
  }
  for (const l of to.lines) {
    if (!l.sum) continue;
    const total = Array<Cents>(width).fill(0);
    for (const term of l.sum) {
      const sign = term.startsWith('-') ? -1 : 1;
      out.get(term.replace(/^-/u, ''))!.forEach((v, i) => (total[i]! += sign * v));
    }
    out.set(l.line, total);
  }
  return out;
}

/** The generated budget as a core Budget (see the module comment). */
export function budgetFromGenerated(data: GeneratedBudget, options: FromGeneratedOptions = {}): Budget {
  const factor = options.factor ?? 1;
  if (!Number.isSafeInteger(factor) || factor < 1)
    throw new RangeError(`factor must be a whole number ≥ 1, got ${factor}`);
  const year = data.year;
  const nodes: BudgetNode[] = [];
  if (options.gesamt) {
    const ge = schemaById('nrw-2019-gesamtergebnisplan')!;
    const gf = schemaById('nrw-2019-gesamtfinanzplan')!;
    nodes.push({
      code: 'gesamt',
      level: 'haushalt',
      name: 'Gesamthaushalt',
      plans: [
        plan(
          'gesamtergebnisplan',
          ge,
          teColumns(year),
          gesamtTable(data.areas, TEILERGEBNISPLAN, ge, 6, (n) => n.teilergebnisplan),
          factor,
        ),
        plan(
          'gesamtfinanzplan',
          gf,
          tfColumns(year),
          gesamtTable(data.areas, TEILFINANZPLAN, gf, 7, (n) => n.teilfinanzplan, options.kredite),
          factor,
        ),
      ],
      erlaeuterungen: [],
      kennzahlen: [],
    });
  }
  for (const n of allNodes(data)) {
    const inv = n.level === 'produktgruppe' ? investments(n, year, factor) : undefined;
    nodes.push({
      code: n.code,
      level: n.level,
      name: n.name,
      ...(n.parent !== undefined ? { parent: n.parent } : {}),
      plans: [
        plan('teilergebnisplan', TEILERGEBNISPLAN, teColumns(year), n.teilergebnisplan, factor),
        plan('teilfinanzplan', TEILFINANZPLAN, tfColumns(year), n.teilfinanzplan, factor),
      ],
      ...(inv ? { investitionen: inv } : {}),
      erlaeuterungen: [],
      kennzahlen: [],
    });
  }
  return { title: options.title ?? 'Stadthaushalt', year, land: 'NW', nodes, notes: [], files: [] };
}
