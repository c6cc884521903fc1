/**
 * How a variant prints one amount, one line number, one operator and the header of its amount columns. An
 * amount is rounded once, on its own, to the variant's unit (whole euros, cents, or thousands of euros, half
 * away from zero) and printed with the variant's sign convention; what is printed is also what an import of
 * it must give (`PrintedAmount`).
 */
import type { Column, PlanType } from '../../core/model.js';
import { formatGerman, roundToEuro, type Cents } from '../../core/money.js';
import type { LayoutVariant, Unit } from './variant.js';

/** Cents in a thousand euros. */
export const TEUR: Cents = 100_000;

/** Rounds cents to whole thousands of euros, half away from zero (as T€ plans print each cell), in cents. */
export function roundToThousandEuros(cents: Cents): Cents {
  const abs = Math.abs(cents);
  const rounded = Math.floor((abs + TEUR / 2) / TEUR) * TEUR;
  return rounded === 0 ? 0 : cents < 0 ? -rounded : rounded;
}

/** An amount as printed: its text, and the cell an import of it must give. */
export interface PrintedAmount {
  readonly text: string;
  /** The printed value in cents, signed as printed (for a plan printing expenses positive: positive). */
  readonly amount: Cents;
  readonly decimals: 0 | 2;
  /** 1000 for T€: the amount was printed in thousands of euros. */
  readonly scale?: 1000;
}

/** The amount rounded to the unit, in cents. */
export function roundToUnit(cents: Cents, unit: Unit): Cents {
  return unit === 'cent' ? cents : unit === 'euro' ? roundToEuro(cents) : roundToThousandEuros(cents);
}

/** The digits of an amount's absolute value in the unit, German style (`1.234`, `1.234,56`). */
function digits(abs: Cents, unit: Unit): string {
  if (unit === 'cent') return formatGerman(abs, 2);
  if (unit === 'euro') return formatGerman(abs, 0);
  return formatGerman(abs / 1000, 0);
}

/**
 * Prints an amount (cents, signed as the plan stores it: expenses negative). `negate` turns the sign for
 * printing (an expense of a variant that prints expenses positive).
 */
export function printAmount(cents: Cents, variant: LayoutVariant, negate = false): PrintedAmount {
  const value = roundToUnit(negate ? -cents : cents, variant.unit);
  const body = digits(Math.abs(value), variant.unit);
  const text =
    value >= 0
      ? body
      : variant.signs === 'trailing-minus'
        ? `${body}-`
        : variant.signs === 'brackets'
          ? `(${body})`
          : `-${body}`;
  return {
    text,
    amount: value,
    decimals: variant.unit === 'cent' ? 2 : 0,
    ...(variant.unit === 'teur' ? { scale: 1000 as const } : {}),
  };
}

/** A line number ("01".."41") in the variant's style; '' when lines are not numbered. */
export function printLineNumber(line: string, variant: LayoutVariant): string {
  const n = String(Number(line));
  switch (variant.lineNumbers) {
    case '01':
      return line;
    case '1.':
      return `${n}.`;
    case '1':
      return n;
    case 'Zeile 1':
      return `Zeile ${n}`;
    case 'none':
      return '';
  }
}

/** The operator of a plan line: `=` totals, `+` income, `-` or `./.` expenses; '' without operator column. */
export function printOperator(
  flow: 'in' | 'out' | 'net' | undefined,
  isSum: boolean,
  variant: LayoutVariant,
): string {
  if (variant.operators === 'none') return '';
  if (isSum) return '=';
  if (flow === 'out') return variant.operators === 'plus-minus' ? '-' : './.';
  if (flow === 'in') return '+';
  return '';
}

/** The title over the number column. */
export function numberTitle(variant: LayoutVariant): string {
  return variant.lineNumbers === 'none' || variant.lineNumbers === 'Zeile 1' ? '' : 'Nr.';
}

/** The title over the label column of a plan (or investment table). */
export function labelTitle(variant: LayoutVariant, plan: PlanType | 'investitionen'): string {
  switch (variant.labelTitle) {
    case 'none':
      return '';
    case 'Bezeichnung':
    case 'Position':
      return variant.labelTitle;
    case 'arten':
      if (plan === 'investitionen') return 'Maßnahmen';
      return plan === 'teilergebnisplan' || plan === 'gesamtergebnisplan'
        ? 'Ertrags- und Aufwandsarten'
        : 'Ein- und Auszahlungsarten';
  }
}

/** The kind of a column as the header prints it. */
function kindWord(column: Column): string {
  switch (column.kind) {
    case 'ergebnis':
      return 'Ergebnis';
    case 'ansatz':
      return 'Ansatz';
    case 've':
      return 'VE';
    case 'planung':
      return 'Planung';
    case 'bisher':
      return 'Bisher';
    case 'gesamt':
      return 'Gesamt';
  }
}

/** The year of a column as the header prints it (a VE names no year; investment sums "bis 2025"). */
function yearWord(column: Column): string {
  if (column.kind === 've') return '';
  if (column.kind === 'bisher' || column.kind === 'gesamt') return `bis ${column.year}`;
  return String(column.year);
}

/** The column group a column belongs to in a group row (short words: a group may span one column). */
function groupWord(column: Column, budgetYear: number): string {
  if (column.kind === 'planung') return 'Finanzplanung';
  if (column.kind === 'bisher' || column.kind === 'gesamt') return 'Investition';
  if (column.kind === 've' || (column.kind === 'ansatz' && column.year >= budgetYear)) return 'Planjahr';
  return column.kind === 'ergebnis' ? 'Ist' : 'Vorjahr';
}

/**
 * One header cell: its text, how many amount columns it spans, and for kind and year in one cell the two
 * parts it is broken into when the column is narrower than the text ("Ansatz" over "2026", in the one cell).
 */
export interface HeaderCell {
  readonly text: string;
  readonly span: number;
  readonly parts?: readonly [string, string];
}

/**
 * The header rows over the amount columns, top to bottom: the group row (runs of one group merged into one
 * cell), kind and year in one cell or stacked, the unit row.
 */
export function headerRows(
  columns: readonly Column[],
  variant: LayoutVariant,
  budgetYear: number,
): HeaderCell[][] {
  const rows: HeaderCell[][] = [];
  const h = variant.header;
  if (h.groupRow) {
    const row: HeaderCell[] = [];
    for (const c of columns) {
      const text = groupWord(c, budgetYear);
      const last = row[row.length - 1];
      if (last?.text === text) row[row.length - 1] = { text, span: last.span + 1 };
      else row.push({ text, span: 1 });
    }
    rows.push(row);
  }
  if (h.kindYear === 'one-cell') {
    rows.push(
      columns.map((c) => {
        const year = yearWord(c);
        return year === ''
          ? { text: kindWord(c), span: 1 }
          : { text: `${kindWord(c)} ${year}`, span: 1, parts: [kindWord(c), year] as const };
      }),
    );
  } else {
    rows.push(columns.map((c) => ({ text: kindWord(c), span: 1 })));
    rows.push(columns.map((c) => ({ text: yearWord(c), span: 1 })));
  }
  if (h.unitRow !== 'none') rows.push(columns.map(() => ({ text: h.unitRow, span: 1 })));
  return rows;
}

/** The row of the header that carries the titles of the number, operator and label columns. */
export function leadTitleRow(variant: LayoutVariant): number {
  return variant.header.groupRow ? 1 : 0;
}
