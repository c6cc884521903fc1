/**
 * The NKF budget model: immutable records for one Haushalt and everything printed in it.
 *
 * ```
 * Budget ─┬─ nodes: BudgetNode[]            (document order; hierarchy by `parent` codes)
 *         │    ├─ plans: Plan[]              Teilergebnisplan / Teilfinanzplan / Gesamt…plan
 *         │    │    └─ lines: PlanLine[] ─── cells: Cell[]  (column kind + year → integer cents, source)
 *         │    ├─ investitionen?: InvestmentTable ── rows: measure | line | group
 *         │    ├─ erlaeuterungen: Erlaeuterung[] ── items: ErlaeuterungItem[]
 *         │    ├─ beschreibung?: Produktbeschreibung ── fields: blocks (paragraph | list)
 *         │    └─ kennzahlen: KennzahlTable[]
 *         └─ notes: ImportNote[]             (what the importer recognised but could not use)
 * ```
 *
 * Codes (`43`, `43.01`, `43.01.01`, `gesamt`) are opaque strings. Every printed value keeps its `Source`.
 * This module is pure: no I/O, no Node APIs.
 */
import type { Cents } from './money.js';
import type { BudgetParts } from './parts/index.js';

export type Level = 'haushalt' | 'produktbereich' | 'produktgruppe' | 'produkt';
export const LEVELS: readonly Level[] = ['haushalt', 'produktbereich', 'produktgruppe', 'produkt'];

export type PlanType = 'teilergebnisplan' | 'teilfinanzplan' | 'gesamtergebnisplan' | 'gesamtfinanzplan';
export const PLAN_TYPES: readonly PlanType[] = [
  'teilergebnisplan',
  'teilfinanzplan',
  'gesamtergebnisplan',
  'gesamtfinanzplan',
];

/**
 * Column kinds. `ergebnis` actuals, `ansatz` budget, `ve` Verpflichtungsermächtigung (year: the Ansatz year it
 * belongs to), `planung` medium-term plan; investment tables add `bisher` ("bisher bereitgestellt bis Y") and
 * `gesamt` ("Gesamtausgabe bis Y").
 */
export type ColumnKind = 'ergebnis' | 'ansatz' | 've' | 'planung' | 'bisher' | 'gesamt';
export const COLUMN_KINDS: readonly ColumnKind[] = [
  'ergebnis',
  'ansatz',
  've',
  'planung',
  'bisher',
  'gesamt',
];

export interface Column {
  readonly kind: ColumnKind;
  readonly year: number;
}

/**
 * Where a value was printed. `line` is 1-based: the line of a text or CSV file, or for a PDF the text line on
 * its page; `page` and `box` (x, y, width, height in PDF points from the page's top left) come with PDFs.
 */
export interface Source {
  readonly file: string;
  readonly line: number;
  readonly page?: number;
  readonly box?: readonly [number, number, number, number];
}

/** One printed amount. `decimals` says how it was printed: 0 = whole euros (rounded from cents), 2 = cents. */
export interface Cell {
  readonly column: Column;
  /** Always in cents of euros, whatever the unit it was printed in (`scale`). */
  readonly amount: Cents;
  readonly decimals: 0 | 2;
  /**
   * `1000`: printed in thousands of euros (T€, "in Tausend Euro", TEUR), as whole thousands: the true amount
   * rounded to the nearest thousand euros, so it may be off by up to 500 € (the checks allow for that, see
   * docs/checks.md). `amount` stays in cents of euros (printed `1.234` T€ → `123_400_000`), `decimals` is 0.
   * Absent: printed in euros. Helpers in `scale.ts`.
   */
  readonly scale?: 1000;
  readonly source?: Source;
}

export interface PlanLine {
  /** Canonical two-digit line number from the schema ("01".."32"). */
  readonly line: string;
  /** The label as printed (may be misprinted; the canonical one is in the schema). */
  readonly label: string;
  readonly cells: readonly Cell[];
  /**
   * How this line prints Aufwendungen/Auszahlungen where it differs from its plan's `signs`: a plan printing
   * expenses positive with one line printed with its minus ("- Zinsen …" `7.609,69-`), decided by the importer
   * from the plan's totals (`withLineSigns` in signs.ts). Absent: as the plan.
   */
  readonly signs?: 'negative' | 'positive';
  /**
   * Columns whose printed cell could not be read (an `unreadable-amount` error finding, the cell left out): its
   * amount is unknown, so the checks compare nothing that contains it.
   */
  readonly unreadable?: readonly Column[];
  readonly source?: Source;
}

export interface Plan {
  readonly type: PlanType;
  /** Id of the line schema the plan was read with (see data/schemas). */
  readonly schemaId: string;
  readonly columns: readonly Column[];
  readonly lines: readonly PlanLine[];
  /**
   * How the plan prints Aufwendungen/Auszahlungen: `negative` (as the reference document: expenses negative,
   * every total a plain sum; the default) or `positive` (expenses printed as positive numbers, totals such as
   * "Ordentliches Ergebnis" are differences). Checks compare after negating `out` lines of `positive` plans.
   */
  readonly signs?: 'negative' | 'positive';
  readonly source?: Source;
}

export type InvestmentRow =
  | {
      /** A group heading, e.g. "UNTERHALB Investition (Auszahlung < 100.000 EUR inkl. MWST)". */
      readonly type: 'group';
      readonly label: string;
      /** The Wertgrenze named in the heading, if any. */
      readonly threshold?: Cents;
      readonly below?: boolean;
      readonly source?: Source;
    }
  | {
      /** One investment measure, e.g. `430125MINT Ausstattung/Geräte MINT-Werkstatt`. */
      readonly type: 'measure';
      readonly number: string;
      readonly name: string;
      readonly cells: readonly Cell[];
      /** Columns whose printed cell could not be read (as `PlanLine.unreadable`). */
      readonly unreadable?: readonly Column[];
      readonly source?: Source;
    }
  | {
      /** A row per Teilfinanzplan line ("26 Auszahlungen für den Erwerb v. bew. Anlagevermögen"). */
      readonly type: 'line';
      readonly line: string;
      readonly label: string;
      readonly cells: readonly Cell[];
      /** Columns whose printed cell could not be read (as `PlanLine.unreadable`). */
      readonly unreadable?: readonly Column[];
      readonly source?: Source;
    };

export interface InvestmentTable {
  readonly columns: readonly Column[];
  readonly rows: readonly InvestmentRow[];
  readonly source?: Source;
}

/** The previous year's amount an Erläuterung item names: `(= Ansatz 2025)` or `(Ansatz 2025 = 69.000 €; …)`. */
export interface PreviousAmount {
  readonly kind: ColumnKind;
  readonly year: number;
  /** True for "(= Ansatz 2025)": the same amount as this year. */
  readonly unchanged: boolean;
  /** The amount named (for `unchanged`, the item's own amount). */
  readonly amount?: Cents;
}

export interface ErlaeuterungItem {
  /** The item letter without parenthesis ("a"), if printed. */
  readonly letter?: string;
  /** The item text before its amount. */
  readonly text: string;
  readonly amount?: Cents;
  readonly previous?: PreviousAmount;
  /** The reason given after the previous amount ("Ansatzreduzierung aufgrund …"). */
  readonly reason?: string;
  /** Further text printed after the item's amount and parenthesis. */
  readonly remark?: string;
  /** The item as printed (continuation lines joined with a space). */
  readonly raw: string;
  readonly source?: Source;
}

/** A stated amount in running text ("Der Ansatz für 2026 in Höhe von 79.868 € (Ansatz 2025 = 72.610 €)"). */
export interface StatedAmount {
  readonly amount: Cents;
  readonly previous?: PreviousAmount;
  readonly text: string;
  readonly source?: Source;
}

export interface Erlaeuterung {
  readonly plan: PlanType;
  /** The plan line explained; undefined for the general text before the first "Zu Zeile". */
  readonly line?: string;
  /** The line label as repeated under "Zu Zeile NN:". */
  readonly title?: string;
  /** Paragraphs before the items. */
  readonly intro: readonly string[];
  readonly items: readonly ErlaeuterungItem[];
  /** Paragraphs after the items: typically what the rest of the line is ("Bei dem noch übrigen …"). */
  readonly closing: readonly string[];
  /** Amounts stated in the paragraphs (not items). */
  readonly stated: readonly StatedAmount[];
  /** The year the items refer to (the Ansatz year named in the text, else the budget year). */
  readonly year?: number;
  readonly source?: Source;
}

export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  | {
      readonly type: 'list';
      readonly items: readonly { readonly marker: string; readonly text: string }[];
    };

export interface DescriptionField {
  readonly name: string;
  readonly blocks: readonly Block[];
  readonly source?: Source;
}

export interface Produktbeschreibung {
  readonly fields: readonly DescriptionField[];
  readonly source?: Source;
}

/** A Kennzahl value kept exactly as a decimal string with `.` ("6.75"), or null where nothing is printed. */
export interface KennzahlValue {
  readonly column: { readonly kind: string; readonly year: number };
  readonly value: string | null;
  readonly printed: string;
}

export interface KennzahlRow {
  readonly label: string;
  /** Footnote marker printed with the label ("*)"). */
  readonly footnote?: string;
  /** What a describing column says of the row, e.g. its unit ("Anzahl", "%", "VZÄ"). */
  readonly unit?: string;
  readonly values: readonly KennzahlValue[];
  readonly source?: Source;
}

export interface KennzahlTable {
  /** The header's first cell: "Grundzahlen", "Kennzahlen", … */
  readonly title: string;
  readonly columns: readonly { readonly kind: string; readonly year: number; readonly label: string }[];
  readonly rows: readonly KennzahlRow[];
  /** Footnotes by marker: "*)" → its list items or paragraphs. */
  readonly footnotes: readonly { readonly marker: string; readonly blocks: readonly Block[] }[];
  readonly source?: Source;
}

export interface BudgetNode {
  readonly code: string;
  readonly level: Level;
  readonly name: string;
  /** Code of the parent node, if it is part of the budget. */
  readonly parent?: string;
  readonly plans: readonly Plan[];
  readonly investitionen?: InvestmentTable;
  readonly erlaeuterungen: readonly Erlaeuterung[];
  readonly beschreibung?: Produktbeschreibung;
  readonly kennzahlen: readonly KennzahlTable[];
  readonly source?: Source;
}

/** Something the importer saw and reports (a misprinted label, a skipped line), carried into `check`. */
export interface ImportNote {
  /** `error`: an amount the file holds could not be read (left out, reported at its place). */
  readonly severity: 'info' | 'warning' | 'error';
  readonly rule: string;
  readonly message: string;
  readonly node?: string;
  readonly plan?: PlanType | 'investitionen';
  readonly line?: string;
  readonly source?: Source;
}

export interface Budget {
  /** The running header naming the municipality's budget ("Kreishaushalt"), if printed. */
  readonly title?: string;
  /** The budget year: the first Ansatz year that is not in the past (the "Ansatz Y" column). */
  readonly year?: number;
  /**
   * The Land whose line schemas the plans were read with (two-letter code, `HE`, `NW`; see `LAENDER` in
   * schema.ts); set when the files are merged (`mergeBudgets`), which refuses a budget mixing Länder.
   */
  readonly land?: string;
  readonly nodes: readonly BudgetNode[];
  /** The plan's parts beyond the Teilpläne (Satzung, Übersichten, Stellenplan, Rücklagen), as given. */
  readonly parts?: BudgetParts;
  readonly notes: readonly ImportNote[];
  /** Files the budget was read from. */
  readonly files: readonly string[];
}

export function columnKey(column: Column): string {
  return `${column.kind}:${column.year}`;
}

/** A cell's place within a node: `plan|line|kind:year` (the store's row key, the node view's revisions). */
export function cellKey(plan: string, line: string, column: Column): string {
  return `${plan}|${line}|${columnKey(column)}`;
}

export function columnLabel(column: Column): string {
  switch (column.kind) {
    case 'ergebnis':
      return `Ergebnis ${column.year}`;
    case 'ansatz':
      return `Ansatz ${column.year}`;
    case 've':
      return 'VE';
    case 'planung':
      return `Planung ${column.year}`;
    case 'bisher':
      return `Bisher bereitgestellt bis ${column.year}`;
    case 'gesamt':
      return `Gesamtausgabe bis ${column.year}`;
  }
}

export const LEVEL_LABEL: Readonly<Record<Level, string>> = {
  haushalt: 'Haushalt',
  produktbereich: 'Produktbereich',
  produktgruppe: 'Produktgruppe',
  produkt: 'Produkt',
};

export const PLAN_LABEL: Readonly<Record<PlanType | 'investitionen', string>> = {
  teilergebnisplan: 'Teilergebnisplan',
  teilfinanzplan: 'Teilfinanzplan',
  gesamtergebnisplan: 'Gesamtergebnisplan',
  gesamtfinanzplan: 'Gesamtfinanzplan',
  investitionen: 'Investitionen',
};

/** The plan of a given type of a node, if printed. */
export function planOf(node: BudgetNode, type: PlanType): Plan | undefined {
  return node.plans.find((p) => p.type === type);
}

/** Whether two columns are the same (kind and year). */
export function sameColumn(
  a: { readonly kind: string; readonly year: number },
  b: { readonly kind: string; readonly year: number },
): boolean {
  return a.kind === b.kind && a.year === b.year;
}

/** The cell of a plan line in a column, if printed. */
export function cellOf(line: PlanLine, column: Column): Cell | undefined {
  return line.cells.find((c) => sameColumn(c.column, column));
}
