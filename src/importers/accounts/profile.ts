/**
 * An account profile (`data/profiles`, `"kind": "accounts"`): which columns of an export hold the product,
 * the account, names and the direction, how product numbers split into levels, how the export signs its
 * amounts; and the words of a direction column (Ertrag/Einzahlung or Aufwand/Auszahlung).
 */
import type { Level } from '../../core/model.js';
import type { MappingEntry } from './mapping.js';

export interface AccountProfile {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly kind: 'accounts';
  /** Header names (regular expressions) of the columns. */
  readonly columns: {
    readonly product: string;
    readonly productName?: string;
    readonly account: string;
    readonly accountName?: string;
    /** With `signs: "direction"`: the column saying Ertrag/Einzahlung or Aufwand/Auszahlung. */
    readonly direction?: string;
  };
  /** Product number → levels: each capture group one level, from the top ("10101" → 1 / 01 / 01). */
  readonly productCode: { readonly pattern: string; readonly levels: readonly Level[] };
  /**
   * How the export signs its amounts: `sap` as SAP books them (Erträge negative, Aufwendungen positive);
   * `printed` as the NKF plans print them (Erträge positive, Aufwendungen negative); `direction` every amount
   * positive, a column (`columns.direction`) saying whether it is Ertrag/Einzahlung or Aufwand/Auszahlung. The
   * amounts are turned into the NKF print (Aufwendungen negative) either way.
   */
  readonly signs: 'sap' | 'printed' | 'direction';
  readonly budgetYears?: readonly number[];
  readonly overrides?: readonly MappingEntry[];
  /** The last row without a product holds the column totals. */
  readonly totalRow?: boolean;
}

/** Ertrag/Einzahlung (`in`) or Aufwand/Auszahlung (`out`) as a direction column names it. */
export function directionOfText(text: string): 'in' | 'out' | undefined {
  const t = text.trim().toLowerCase().replace(/ä/gu, 'ae').replace(/ö/gu, 'oe');
  if (/^(?:e|ertrag|ertraege|einnahmen?|einzahlungen?|erloese?|revenues?|income)$/u.test(t)) return 'in';
  if (
    /^(?:a|aufwand|aufwaende|aufwendungen?|ausgaben?|auszahlungen?|kosten|expenditures?|expenses?)$/u.test(t)
  )
    return 'out';
  return undefined;
}

export function isAccountProfile(p: unknown): p is AccountProfile {
  return typeof p === 'object' && p !== null && (p as { kind?: unknown }).kind === 'accounts';
}
