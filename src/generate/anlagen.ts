/**
 * The Anlagen of a generated budget printed as CSV tables, as a municipality publishes them: the
 * Investitionsprogramm (every measure of the investment tables with bisher, the years and the Gesamtausgabe,
 * a sum row; Auszahlungen negative or, as many print them, positive), the Übersicht über den voraussichtlichen
 * Stand der Verbindlichkeiten (the Muster's kinds; the Investitionskredite moved by the Gesamtfinanzplan's
 * Aufnahme and Tilgung of the budget year) and the Zuwendungen an die Fraktionen (Geld- and Sachleistungen and
 * their sum per Fraktion). Each amount is summed in cents and rounded to whole euros on its own, as real prints
 * are. `mutate` changes one printed amount (for tests that plant a difference).
 */
import { columnKey, planOf, type Budget, type Column } from '../core/model.js';
import { formatGerman, roundToEuro, type Cents } from '../core/money.js';
import { deriveInvestitionsprogramm, programmColumnLabel } from '../core/parts/investitionsprogramm.js';
import { standDate, STAENDE, VERBINDLICHKEITEN_SPEC, type StandId } from '../core/parts/verbindlichkeiten.js';

/** A planted difference: row `row` (its index; -1 the sum row), column `column`, changed by `delta` cents. */
export interface Mutation {
  readonly row: number;
  readonly column: string;
  readonly delta: Cents;
}

const csvCell = (text: string): string => (/[;"\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text);
const csvLine = (cells: readonly string[]): string => cells.map(csvCell).join(';');

function printed(amount: Cents, row: number, column: string, mutate: Mutation | undefined): string {
  const hit = mutate && mutate.row === row && mutate.column === column;
  return formatGerman(roundToEuro(amount) + (hit ? mutate.delta : 0));
}

/** The Investitionsprogramm of a budget (its investment tables) as a CSV table. */
export function programmCsv(budget: Budget, print: { positive?: boolean; mutate?: Mutation } = {}): string {
  const p = deriveInvestitionsprogramm(budget);
  if (!p) return '';
  const k = print.positive ? -1 : 1;
  const head = ['Produktgruppe', 'Maßnahme', 'Bezeichnung', ...p.columns.map(programmColumnLabel)];
  const line = (
    cells: readonly string[],
    amounts: Readonly<Record<string, { amount: Cents }>>,
    row: number,
  ): string =>
    csvLine([
      ...cells,
      ...p.columns.map((c: Column) =>
        printed(k * (amounts[columnKey(c)]?.amount ?? 0), row, columnKey(c), print.mutate),
      ),
    ]);
  return [
    csvLine([`Investitionsprogramm ${p.year} bis ${p.year + 3}`]),
    csvLine(head),
    ...p.rows.map((r, i) => line([r.unit ?? '', r.number, r.name], r.amounts, i)),
    line(['', 'Summe', ''], p.sum!.amounts, -1),
  ].join('\n');
}

/** The Stände of each kind in cents, the Investitionskredite moved by the Gesamtfinanzplan's lines 33 and 35. */
export function verbindlichkeitenStaende(
  budget: Budget,
): { id: string; label: string; amounts: Record<StandId, Cents> }[] {
  const year = budget.year!;
  const gf = budget.nodes.map((n) => planOf(n, 'gesamtfinanzplan')).find((p) => p !== undefined);
  const cell = (line: string): Cents =>
    Math.abs(
      gf?.lines
        .find((l) => l.line === line)
        ?.cells.find((c) => c.column.kind === 'ansatz' && c.column.year === year)?.amount ?? 0,
    );
  return VERBINDLICHKEITEN_SPEC.rows.map((spec, i) => {
    const beginn = (i + 1) * 12_345_678_90 + (year % 7) * 1_000_00;
    const ende =
      spec.aufnahme && spec.tilgung
        ? beginn + cell(spec.aufnahme) - cell(spec.tilgung)
        : beginn + (i - 3) * 250_000_00;
    return { id: spec.id, label: spec.label, amounts: { vorjahr: beginn - i * 500_000_00, beginn, ende } };
  });
}

/** The Übersicht über den voraussichtlichen Stand der Verbindlichkeiten as a CSV table. */
export function verbindlichkeitenCsv(budget: Budget, mutate?: Mutation): string {
  const year = budget.year!;
  const rows = verbindlichkeitenStaende(budget);
  const sum = Object.fromEntries(
    STAENDE.map((id) => [id, rows.reduce((s, r) => s + r.amounts[id], 0)]),
  ) as Record<StandId, Cents>;
  const line = (label: string, amounts: Record<StandId, Cents>, row: number): string =>
    csvLine([label, ...STAENDE.map((id) => printed(amounts[id], row, id, mutate))]);
  return [
    csvLine([`Übersicht über den voraussichtlichen Stand der Verbindlichkeiten ${year}`]),
    csvLine(['Art der Verbindlichkeiten', ...STAENDE.map((id) => `Stand ${standDate(id, year)} (EUR)`)]),
    ...rows.map((r, i) => line(r.label, r.amounts, i)),
    line('Summe der Verbindlichkeiten', sum, -1),
  ].join('\n');
}

/** The Fraktionen of a generated Rat with their Geld- and Sachleistungen in cents. */
export function fraktionenRows(year: number): { name: string; geld: Cents; sach: Cents }[] {
  const names = ['Fraktion Mitte', 'Fraktion Nord', 'Fraktion Süd', 'Fraktion Ost', 'Gruppe West'];
  return names.map((name, i) => ({
    name,
    geld: (40_000 + i * 7_250 + (year % 10) * 10) * 100,
    sach: (3_000 + i * 1_125) * 100,
  }));
}

/** The Zuwendungen an die Fraktionen as a CSV table: columns Geld-, Sachleistungen, Summe; a sum row. */
export function fraktionenCsv(year: number, mutate?: Mutation): string {
  const rows = fraktionenRows(year);
  const ids = ['geld', 'sach', 'summe'];
  const line = (name: string, a: readonly Cents[], row: number): string =>
    csvLine([name, ...a.map((x, k) => printed(x, row, ids[k]!, mutate))]);
  const amounts = rows.map((r) => [r.geld, r.sach, r.geld + r.sach]);
  const sum = [0, 1, 2].map((k) => amounts.reduce((s, a) => s + a[k]!, 0));
  return [
    csvLine([`Zuwendungen an die Fraktionen ${year} (§ 56 Abs. 3 GO NRW)`]),
    csvLine(['Fraktion', `Geldleistungen ${year}`, `Sachleistungen ${year}`, `Summe ${year}`]),
    ...rows.map((r, i) => line(r.name, amounts[i]!, i)),
    line('Summe', sum, -1),
  ].join('\n');
}
