/**
 * A layout variant: how a finance system prints a budget's plans, as an object of traits, each a small union.
 * Municipalities print with a handful of systems, each with its own look (header rows, operator columns, line
 * number styles, sign conventions, € or T€, wrapped labels, running headers and footers, page breaks, columns
 * continued on a second page, portrait or landscape); a variant fixes one value of every trait, so that the
 * importers can be shown to be indifferent to all of them. `TRAITS` lists every value of every trait and
 * `traitValues` says which of them a variant shows, so that coverage is computed, not claimed.
 */

/** Header of the amount columns: an optional row of column groups, kind and year, an optional unit row. */
export interface HeaderShape {
  /** A row of column groups above the kinds ("Vorjahre", "Haushaltsjahr", "Finanzplanung"). */
  readonly groupRow: boolean;
  /** "Ansatz 2026" in one cell, or "Ansatz" over "2026". */
  readonly kindYear: 'one-cell' | 'stacked';
  /** A row naming the unit under every amount column; a T€ variant must print `T€`. */
  readonly unitRow: 'none' | 'EUR' | 'in €' | 'T€';
}

/**
 * The title of the label column: `arten` is "Ertrags- und Aufwandsarten" over an Ergebnisplan and "Ein- und
 * Auszahlungsarten" over a Finanzplan.
 */
export type LabelTitle = 'Bezeichnung' | 'arten' | 'Position' | 'none';

/** An operator column: `+` Erträge/Einzahlungen, `-` or `./.` Aufwendungen/Auszahlungen, `=` totals. */
export type Operators = 'none' | 'plus-minus' | 'plus-slash';

/** How line numbers are printed: `01`, `1.`, `1`, `Zeile 1`, or not at all (lines told by their labels). */
export type LineNumbers = '01' | '1.' | '1' | 'Zeile 1' | 'none';

/**
 * Sign conventions: `minus` expenses negative with a leading minus (the NKF form, the reference);
 * `expenses-positive` expenses printed positive, results (net lines) signed with a leading minus;
 * `trailing-minus` expenses negative with the minus behind (`1.234-`); `brackets` expenses negative in
 * brackets (`(1.234)`).
 */
export type Signs = 'minus' | 'expenses-positive' | 'trailing-minus' | 'brackets';

/** Whole euros (`1.234`, each cell rounded on its own), euros and cents (`1.234,56`), or thousands (`1`, T€). */
export type Unit = 'euro' | 'cent' | 'teur';

/** At most how many lines a label wraps over (a narrower label column for more). */
export type LabelLines = 1 | 2 | 3;

/** Running header: none, the budget's title on the left, or the title and a date ("Stand: …") on the right. */
export type RunningHeader = 'none' | 'title' | 'title-and-date';

/** Running footer with the page number. */
export type RunningFooter = 'none' | 'Seite n' | 'Seite n von m' | '- n -';

/** How plan titles are printed. */
export type TitleStyle =
  /** "Teilergebnisplan Produktgruppe 43.01 Kommunales Integrationszentrum" (the reference) */
  | 'plan-node'
  /** "Produktgruppe 43.01 Kommunales Integrationszentrum" over "Teilergebnisplan" */
  | 'node-over-plan'
  /** "Teilergebnisplan 2026" over "Produktgruppe 43.01 Kommunales Integrationszentrum" */
  | 'plan-year-over-node';

export interface LayoutVariant {
  /** A neutral name, used in file names: lower case, digits and hyphens. */
  readonly name: string;
  /** What the variant looks like, in a sentence (English, for developers). */
  readonly description: string;
  readonly header: HeaderShape;
  readonly labelTitle: LabelTitle;
  readonly operators: Operators;
  readonly lineNumbers: LineNumbers;
  readonly signs: Signs;
  readonly unit: Unit;
  readonly labelLines: LabelLines;
  readonly runningHeader: RunningHeader;
  readonly runningFooter: RunningFooter;
  /** Each plan on a page of its own, or plans following each other on a page while they fit. */
  readonly plansPerPage: 'one' | 'several';
  /**
   * A plan that does not fit the rest of its page: `move` starts it on the next page (it is split only when it
   * is taller than a page); `continue` fills the page and continues the plan on the next one.
   */
  readonly split: 'move' | 'continue';
  /** What a continued plan repeats at the top of the next page: its header rows, or its title too. */
  readonly continuation: 'header' | 'title-and-header';
  /**
   * The planning years continued on a second page: Ergebnis, Ansätze and VE on one page, the Planung years (and
   * an investment table's bisher/gesamt) on the page after it, with line numbers and labels repeated.
   */
  readonly yearsSplit: boolean;
  readonly orientation: 'portrait' | 'landscape';
  readonly title: TitleStyle;
  /** Where the amounts of a row with a wrapped label stand: beside its first, middle or last line. */
  readonly amountAlign: 'top' | 'middle' | 'bottom';
  /** Body font size in points (made smaller for a document whose widest table would not fit the page). */
  readonly fontPt: 7 | 8 | 9;
}

/** The traits whose coverage is required, with every value each can take (as `traitValues` names them). */
export const TRAITS = {
  'header rows': ['1', '2', '3', '4'],
  'kind and year': ['one-cell', 'stacked'],
  'group row': ['yes', 'no'],
  'unit row': ['none', 'EUR', 'in €', 'T€'],
  'label column title': [
    'Bezeichnung',
    'Ertrags- und Aufwandsarten',
    'Ein- und Auszahlungsarten',
    'Position',
    'none',
  ],
  'operator column': ['none', '+', '-', '=', './.'],
  'line numbers': ['01', '1.', '1', 'Zeile 1', 'none'],
  signs: ['minus', 'expenses-positive', 'trailing-minus', 'brackets'],
  unit: ['euro', 'cent', 'teur'],
  'label lines': ['1', '2', '3'],
  'running header': ['none', 'title', 'title-and-date'],
  'running footer': ['none', 'Seite n', 'Seite n von m', '- n -'],
  'plans per page': ['one', 'several'],
  'plan continued on the next page': ['no', 'header', 'title-and-header'],
  'planning years on a second page': ['yes', 'no'],
  orientation: ['portrait', 'landscape'],
  title: ['plan-node', 'node-over-plan', 'plan-year-over-node'],
  'amounts beside a wrapped label': ['top', 'middle', 'bottom'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type TraitName = keyof typeof TRAITS;

/** Number of header rows over the amount columns (1 to 4). */
export function headerRowCount(h: HeaderShape): number {
  return (h.groupRow ? 1 : 0) + (h.kindYear === 'stacked' ? 2 : 1) + (h.unitRow === 'none' ? 0 : 1);
}

/** The values of every trait a variant shows. */
export function traitValues(v: LayoutVariant): Record<TraitName, readonly string[]> {
  return {
    'header rows': [String(headerRowCount(v.header))],
    'kind and year': [v.header.kindYear],
    'group row': [v.header.groupRow ? 'yes' : 'no'],
    'unit row': [v.header.unitRow],
    'label column title':
      v.labelTitle === 'arten' ? ['Ertrags- und Aufwandsarten', 'Ein- und Auszahlungsarten'] : [v.labelTitle],
    'operator column':
      v.operators === 'none' ? ['none'] : v.operators === 'plus-minus' ? ['+', '-', '='] : ['+', './.', '='],
    'line numbers': [v.lineNumbers],
    signs: [v.signs],
    unit: [v.unit],
    'label lines': [String(v.labelLines)],
    'running header': [v.runningHeader],
    'running footer': [v.runningFooter],
    'plans per page': [v.plansPerPage],
    'plan continued on the next page': [v.split === 'continue' ? v.continuation : 'no'],
    'planning years on a second page': [v.yearsSplit ? 'yes' : 'no'],
    orientation: [v.orientation],
    title: [v.title],
    'amounts beside a wrapped label': [v.amountAlign],
  };
}

/** Trait values no variant of the list shows (empty when the list covers every trait). */
export function uncovered(variants: readonly LayoutVariant[]): string[] {
  const missing: string[] = [];
  for (const [trait, values] of Object.entries(TRAITS) as [TraitName, readonly string[]][]) {
    for (const value of values) {
      if (!variants.some((v) => traitValues(v)[trait].includes(value))) missing.push(`${trait}: ${value}`);
    }
  }
  return missing;
}

/**
 * Why a variant cannot be printed faithfully, or undefined: a T€ variant must say T€ in its unit row and a
 * variant in euros must not; a name must be usable as a file name.
 */
export function variantProblem(v: LayoutVariant): string | undefined {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/u.test(v.name)) return `name "${v.name}" is no file name`;
  if (v.unit === 'teur' && v.header.unitRow !== 'T€') return `${v.name}: T€ must be named in a unit row`;
  if (v.unit !== 'teur' && v.header.unitRow === 'T€') return `${v.name}: a unit row says T€, amounts are €`;
  return undefined;
}

/** A variant made printable: the unit row follows the unit (T€ ⇒ `T€`, € ⇒ not `T€`). For random variants. */
export function normalizeVariant(v: LayoutVariant): LayoutVariant {
  const unitRow = v.unit === 'teur' ? 'T€' : v.header.unitRow === 'T€' ? ('EUR' as const) : v.header.unitRow;
  return unitRow === v.header.unitRow ? v : { ...v, header: { ...v.header, unitRow } };
}
