/**
 * The Anlagen of the Haushaltsplan as the workbench shows them (`parts-view.ts` puts them into the view): the
 * Investitionsprogramm (§ 84 GO NRW, § 4 Abs. 4 KomHVO NRW; importiert, else derived from the investment tables
 * of the Teilfinanzpläne), the Übersicht über den voraussichtlichen Stand der Verbindlichkeiten (§ 1 Abs. 2
 * KomHVO NRW) and the Zuwendungen an die Fraktionen (§ 56 Abs. 3 GO NRW) — the last two only as imported: the
 * plans do not hold them. Every printed cell names its place, what the plans (or the part's other cells) say
 * of it, and the keys of the findings of the part's rule in it (`check/rules/parts-programm.ts`,
 * `parts-verbindlichkeiten.ts`, `parts-fraktionen.ts`).
 */
import type { Finding } from '../core/findings.js';
import { columnKey, type Budget, type BudgetNode, type Column } from '../core/model.js';
import type { Cents } from '../core/money.js';
import { gesamtSum, type PartAmount } from '../core/parts/amounts.js';
import { summedColumns, type FraktionenColumn, type FraktionenRow } from '../core/parts/fraktionen.js';
import {
  deriveInvestitionsprogramm,
  programmAmount,
  programmColumnLabel,
  type ProgrammRow,
} from '../core/parts/investitionsprogramm.js';
import {
  standDate,
  VERBINDLICHKEITEN_SPEC,
  type StandId,
  type VerbindlichkeitenRow,
} from '../core/parts/verbindlichkeiten.js';
import type { PartsView } from './contract/parts.js';
import { keysOf, money, whereOf, type Keyed } from './parts-view-common.js';
import type { Unkeyed } from './parts-view.js';

type Cell = NonNullable<PartsView['fraktionen']>['rows'][number]['cells'][number];

const total = (items: readonly (PartAmount | undefined)[]): Cents =>
  items.reduce((s, a) => s + (a?.amount ?? 0), 0);

/** The measures of the Teilfinanzpläne by number (the first unit that prints it), as the rule finds them. */
function measures(
  budget: Budget,
): Map<string, { node: BudgetNode; cells: readonly { column: Column; amount: Cents }[] }> {
  const out = new Map<string, { node: BudgetNode; cells: readonly { column: Column; amount: Cents }[] }>();
  for (const node of budget.nodes)
    for (const r of node.investitionen?.rows ?? [])
      if (r.type === 'measure' && !out.has(r.number)) out.set(r.number, { node, cells: r.cells });
  return out;
}

export function programmView(budget: Budget, findings: readonly Keyed[]): Unkeyed<'investitionsprogramm'> {
  const printed = budget.parts?.investitionsprogramm;
  const derived = deriveInvestitionsprogramm(budget, printed?.year ?? budget.year);
  const p = printed ?? derived;
  if (!p) return null;
  const plans = measures(budget);
  const rule = 'investitionsprogramm';
  const row = (r: ProgrammRow, sum: boolean) => {
    const plan = sum ? undefined : plans.get(r.number);
    const cells = p.columns.map((c): Cell => {
      const fromPlans = sum
        ? derived?.sum && programmAmount(derived.sum, c)?.amount
        : plan?.cells.find((x) => x.column.kind === c.kind && x.column.year === c.year)?.amount;
      const here = (f: Finding): boolean =>
        f.kind === c.kind &&
        f.year === c.year &&
        (sum
          ? f.line === 'summe' || f.line === 'summe:gesamtausgabe' || f.line === 'teilfinanzplaene'
          : f.line === r.number || f.line === `${r.number}:gesamtausgabe`);
      return {
        column: columnKey(c),
        value: money(programmAmount(r, c)),
        derived: fromPlans ?? null,
        basis:
          fromPlans === undefined
            ? null
            : sum
              ? 'die Summe der Maßnahmen aller Teilfinanzpläne'
              : `Teilfinanzplan ${plan!.node.code}, Maßnahme ${r.number}`,
        findings: keysOf(findings, rule, here),
      };
    });
    return {
      number: r.number,
      name: r.name,
      unit: plan?.node.code ?? r.unit ?? null,
      sum,
      source: whereOf(r.source),
      cells,
      // a finding of the row without a column: the measure stands in no Teilfinanzplan
      findings: keysOf(findings, rule, (f) => !sum && f.kind === undefined && f.line === r.number),
    };
  };
  return {
    origin: printed && !printed.derived ? 'importiert' : 'abgeleitet',
    source: whereOf(p.source),
    year: p.year,
    signs: p.signs ?? 'negative',
    columns: p.columns.map((c) => ({
      id: columnKey(c),
      kind: c.kind as 'bisher' | 'ansatz' | 'planung' | 'gesamt',
      year: c.year,
      label: programmColumnLabel(c),
    })),
    rows: [...p.rows.map((r) => row(r, false)), ...(p.sum ? [row(p.sum, true)] : [])],
  };
}

export function verbindlichkeitenView(
  budget: Budget,
  findings: readonly Keyed[],
): Unkeyed<'verbindlichkeiten'> {
  const v = budget.parts?.verbindlichkeiten;
  if (!v) return null;
  const rule = 'verbindlichkeiten';
  const column: Column = { kind: 'ansatz', year: v.year };
  const movements = VERBINDLICHKEITEN_SPEC.rows.flatMap((spec) => {
    const r = v.rows.find((x) => x.id === spec.id);
    const beginn = r?.amounts.beginn;
    const ende = r?.amounts.ende;
    if (!spec.aufnahme || !spec.tilgung || !r || !beginn || !ende) return [];
    const auf = gesamtSum(budget, 'gesamtfinanzplan', [spec.aufnahme], column);
    const til = gesamtSum(budget, 'gesamtfinanzplan', [spec.tilgung], column);
    const known = auf && til && !auf.unknown && !til.unknown;
    return [
      {
        kind: spec.id,
        label: r.label,
        beginn: beginn.amount,
        aufnahme: known ? Math.abs(auf.amount) : null,
        tilgung: known ? Math.abs(til.amount) : null,
        expected: known ? beginn.amount + Math.abs(auf.amount) - Math.abs(til.amount) : null,
        ende: ende.amount,
        basis: `Stand ${standDate('beginn', v.year)} zuzüglich Aufnahme (Gesamtfinanzplan, Zeile ${spec.aufnahme}) abzüglich Tilgung (Zeile ${spec.tilgung})`,
        findings: keysOf(findings, rule, (f) => f.line === spec.id && f.plan === 'gesamtfinanzplan'),
      },
    ];
  });
  const row = (r: VerbindlichkeitenRow, sum: boolean) => ({
    kind: r.id ?? null,
    label: r.label,
    sum,
    source: whereOf(r.source),
    cells: v.columns.map((id: StandId): Cell => {
      const moved = !sum && id === 'ende' ? movements.find((m) => m.kind === r.id) : undefined;
      const derived = sum ? total(v.rows.map((x) => x.amounts[id])) : (moved?.expected ?? null);
      const here = (f: Finding): boolean =>
        sum
          ? f.line === `summe-${id}`
          : moved !== undefined && f.line === r.id && f.plan === 'gesamtfinanzplan';
      return {
        column: id,
        value: money(r.amounts[id]),
        derived,
        basis: sum ? `die Summe der ${v.rows.length} Zeilen darüber` : (moved?.basis ?? null),
        findings: keysOf(findings, rule, here),
      };
    }),
  });
  return {
    origin: 'importiert',
    source: whereOf(v.source),
    year: v.year,
    columns: v.columns.map((id) => ({
      id,
      label: VERBINDLICHKEITEN_SPEC.columns.find((c) => c.id === id)?.label ?? id,
      date: standDate(id, v.year),
    })),
    rows: [...v.rows.map((r) => row(r, false)), ...(v.sum ? [row(v.sum, true)] : [])],
    movements,
  };
}

export function fraktionenView(budget: Budget, findings: readonly Keyed[]): Unkeyed<'fraktionen'> {
  const f = budget.parts?.fraktionen;
  if (!f) return null;
  const row = (r: FraktionenRow, sum: boolean) => ({
    name: r.name,
    sum,
    source: whereOf(r.source),
    cells: f.columns.map((c: FraktionenColumn): Cell => {
      const value = r.amounts[c.id];
      const derived = sum
        ? total(f.rows.map((x) => x.amounts[c.id]))
        : c.total
          ? total(summedColumns(f, c).map((x) => r.amounts[x.id]))
          : null;
      // the rule names the row and the column (the sum row's total column: its own total and the rows' sum)
      const lines = new Set([`${r.name}: ${c.label}`, ...(sum ? [`Summenzeile: ${c.label}`] : [])]);
      return {
        column: c.id,
        value: money(value),
        derived,
        basis: sum
          ? `die Summe der ${f.rows.length} Zeilen darüber`
          : c.total
            ? `die Spalten ${summedColumns(f, c)
                .map((x) => x.label)
                .join(', ')}`
            : null,
        findings: keysOf(findings, 'fraktionen', (x) => x.line !== undefined && lines.has(x.line)),
      };
    }),
  });
  return {
    origin: 'importiert',
    source: whereOf(f.source),
    year: f.year ?? null,
    columns: f.columns.map((c) => ({
      id: c.id,
      label: c.label,
      year: c.year ?? null,
      total: c.total === true,
    })),
    rows: [...f.rows.map((r) => row(r, false)), ...(f.sum ? [row(f.sum, true)] : [])],
  };
}
