/**
 * The investment table of the reference (43.03) as a literal fixture: columns Ergebnis 2024 … Planung 2029,
 * bisher bis 2025, Gesamtausgabe bis 2029; one group, measure 430125MINT and its Teilfinanzplan line row 26.
 * `measure` and `row` take amounts in whole euros, one per column.
 */
import type { Cell, Column, InvestmentRow, InvestmentTable } from '../src/core/model.js';

export const INVEST_COLUMNS: readonly Column[] = [
  { kind: 'ergebnis', year: 2024 },
  { kind: 'ansatz', year: 2025 },
  { kind: 'ansatz', year: 2026 },
  { kind: 've', year: 2026 },
  { kind: 'planung', year: 2027 },
  { kind: 'planung', year: 2028 },
  { kind: 'planung', year: 2029 },
  { kind: 'bisher', year: 2025 },
  { kind: 'gesamt', year: 2029 },
];

function cells(euros: readonly number[], line: number): Cell[] {
  return euros.map((v, i) => ({
    column: INVEST_COLUMNS[i]!,
    amount: v * 100,
    decimals: 0,
    source: { file: 'fixture.txt', line },
  }));
}

export function group(label = 'UNTERHALB Investition (Auszahlung < 100.000 EUR inkl. MWST)'): InvestmentRow {
  return { type: 'group', label, below: true, threshold: 10_000_000 };
}

export function measure(number: string, euros: readonly number[], line = 491): InvestmentRow {
  return { type: 'measure', number, name: `Maßnahme ${number}`, cells: cells(euros, line) };
}

export function row(lineNo: string, euros: readonly number[], line = 492): InvestmentRow {
  return { type: 'line', line: lineNo, label: `Zeile ${lineNo}`, cells: cells(euros, line) };
}

export function table(rows: readonly InvestmentRow[]): InvestmentTable {
  return { columns: INVEST_COLUMNS, rows };
}

/** The reference row: 0, -6.780, 0, 0, 0, 0, 0, bisher -6.780, gesamt -6.780. */
export const MINT: readonly number[] = [0, -6_780, 0, 0, 0, 0, 0, -6_780, -6_780];
