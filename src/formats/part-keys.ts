/**
 * The tidy CSV's keys for the Haushaltsplan's parts (`Budget.parts`, docs/tidy-csv.md "Parts"), shared by its
 * writer (src/exporters/part-rows.ts) and its reader (src/importers/tidy-csv/parts.ts). A part's amount is a row
 * of the whole budget (`node` `gesamt`, `level` `haushalt`) whose `plan` is the part's id (`satzung`,
 * `querschnitt`, …: never a plan type, so a reader that knows only plans refuses the row instead of misreading
 * it), `line` its row, `kind` its column and `year` the column's year. A part's sum row is `summe`; a row key
 * that would read as `summe`, or holds `%` or `/`, is percent-encoded (`summe` → `%73umme`, `1/2` → `1%2F2`).
 * Amounts are euros as in plans, except posts of the Stellenplan (`Stellen`, with three decimals) and rates
 * (`Prozent`); the `printed_in` column names the unit where the file has it. Pure.
 */
import type { BudgetParts } from '../core/parts/index.js';

/** The `plan` of a part's rows, by the part's key in `Budget.parts`, in the order the writer writes them. */
export const PART_PLANS = {
  satzung: 'satzung',
  querschnitt: 'querschnitt',
  veUebersicht: 've-uebersicht',
  ruecklagen: 'ruecklagen',
  stellenplan: 'stellenplan',
  verbindlichkeiten: 'verbindlichkeiten',
  fraktionen: 'fraktionen',
  investitionsprogramm: 'investitionsprogramm',
} as const satisfies Partial<Record<keyof BudgetParts, string>>;

export type PartKey = keyof typeof PART_PLANS;
export type PartPlan = (typeof PART_PLANS)[PartKey];

export const PART_PLAN_NAMES: readonly PartPlan[] = Object.values(PART_PLANS);

export function isPartPlan(plan: string): plan is PartPlan {
  return (PART_PLAN_NAMES as readonly string[]).includes(plan);
}

/** The part's key in `Budget.parts` of a `plan` value. */
export function partKeyOf(plan: PartPlan): PartKey {
  return (Object.keys(PART_PLANS) as PartKey[]).find((k) => PART_PLANS[k] === plan)!;
}

/** The node and level every part row stands on: the whole budget. */
export const PART_NODE = 'gesamt';
export const PART_LEVEL = 'haushalt';

/** The key of a part's sum row. */
export const SUM_KEY = 'summe';

/** Units of part amounts beyond `EUR`/`TEUR` (in `printed_in`): posts and rates. */
export const POSTS_UNIT = 'Stellen';
export const RATE_UNIT = 'Prozent';

/** A row key part: `%`, `/` encoded; a key that would read as the sum row gets its first character encoded. */
export function encodeKey(text: string): string {
  const encoded = text.replace(/%/gu, '%25').replace(/\//gu, '%2F');
  return encoded === SUM_KEY ? `%${SUM_KEY.charCodeAt(0).toString(16)}${SUM_KEY.slice(1)}` : encoded;
}

/** The text of an encoded key part (`%XX` decoded; a malformed escape stays as it is). */
export function decodeKey(key: string): string {
  return key.replace(/%([0-9A-Fa-f]{2})/gu, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A key of several parts, joined by `/` (each encoded). */
export function joinKey(parts: readonly string[]): string {
  return parts.map(encodeKey).join('/');
}

/** The parts of a key joined by `joinKey`. */
export function splitKey(key: string): string[] {
  return key.split('/').map(decodeKey);
}

/** Posts in thousandths as the tidy CSV writes them: `6.750`, `-1.500`. */
export function formatPosts(thousandths: number): string {
  const sign = thousandths < 0 ? '-' : '';
  const abs = Math.abs(thousandths);
  return `${sign}${Math.trunc(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`;
}

/** Posts in thousandths from the tidy CSV (`6.75`, `6.750`, `7`); undefined when no such number. */
export function parsePosts(text: string): number | undefined {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,3}))?$/u.exec(text);
  if (!m) return undefined;
  const value = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
  return m[1] && value !== 0 ? -value : value;
}

/** A rate as printed (`34,5`, `495`) as the tidy CSV writes it (`34.5`), and back. */
export function formatRate(printed: string): string {
  return printed.trim().replace(/\./gu, '').replace(',', '.');
}
export function parseRate(text: string): string | undefined {
  return /^\d{1,6}(?:\.\d{1,6})?$/u.test(text) ? text.replace('.', ',') : undefined;
}

/** The units a figure of the Rücklagen may be printed in (`FigureUnit` of src/core/parts/figure.ts). */
const FIGURE_UNITS = ['EUR', 'TEUR', 'MioEUR', 'percent'] as const;

/** A figure's `printed_in`: its unit and the decimals it was printed with, `MioEUR:1`, `percent:1`. */
export function figureUnitToken(f: { readonly unit: string; readonly decimals: number }): string {
  return `${f.unit}:${f.decimals}`;
}

/** A figure's unit and decimals from its `printed_in`; undefined when no such token. */
export function parseFigureUnit(
  token: string,
): { readonly unit: (typeof FIGURE_UNITS)[number]; readonly decimals: number } | undefined {
  const m = /^([A-Za-z]+):(\d)$/u.exec(token);
  const unit = FIGURE_UNITS.find((u) => u === m?.[1]);
  return unit && m ? { unit, decimals: Number(m[2]) } : undefined;
}
