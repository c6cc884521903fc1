/**
 * The header of an account export: the columns the profile names (product, account, product name, direction;
 * the required ones missing is an error naming what was found) and the amount columns by their kind and year
 * ("Ist 2015", "Plan 2017", "VE 2018"; a "Plan" after the profile's budget years is Planung).
 */
import type { Column } from '../../core/model.js';
import type { ImportError } from '../types.js';
import { parseColumnHeader } from '../text/table.js';
import type { AccountProfile } from './profile.js';

export interface AccountColumns {
  readonly product: number;
  readonly account: number;
  /** -1 where the column is absent (or, for the direction, not used). */
  readonly productName: number;
  readonly direction: number;
  /** The amount columns: each one's index and plan column. */
  readonly amounts: readonly { readonly index: number; readonly column: Column }[];
}

/** The columns of the export, or the error of the header (at line 1). */
export function readHeader(
  header: readonly string[],
  profile: AccountProfile,
  file: string,
):
  | { readonly ok: true; readonly columns: AccountColumns }
  | { readonly ok: false; readonly error: ImportError } {
  const fail = (message: string): { readonly ok: false; readonly error: ImportError } => ({
    ok: false,
    error: { file, line: 1, message },
  });
  const col = (re: string | undefined): number =>
    re === undefined ? -1 : header.findIndex((h) => new RegExp(`^(?:${re})$`, 'iu').test(h));
  const productCol = col(profile.columns.product);
  const accountCol = col(profile.columns.account);
  const productNameCol = col(profile.columns.productName);
  const directionCol = profile.signs === 'direction' ? col(profile.columns.direction ?? 'Richtung') : -1;
  if (profile.signs === 'direction' && directionCol < 0)
    return fail(
      `Spalte „${profile.columns.direction ?? 'Richtung'}“ erwartet: das Profil ${profile.id} sagt, eine Spalte nenne Ertrag oder Aufwand jedes Betrags (signs „direction“); gefunden: ${header.join(', ')}`,
    );
  if (productCol < 0 || accountCol < 0)
    return fail(
      `Spalten „${profile.columns.product}“ und „${profile.columns.account}“ erwartet (Profil ${profile.id}); gefunden: ${header.join(', ')}`,
    );
  const columns: { index: number; column: Column }[] = [];
  header.forEach((h, index) => {
    const c = parseColumnHeader(
      h,
      columns.map((x) => x.column),
    );
    if (!c) return;
    const budgetYears = profile.budgetYears ?? [];
    const column: Column =
      c.kind === 'ansatz' &&
      /^Plan\b(?!ung)/iu.test(h) &&
      budgetYears.length > 0 &&
      c.year > Math.max(...budgetYears)
        ? { kind: 'planung', year: c.year }
        : c;
    columns.push({ index, column });
  });
  if (columns.length === 0)
    return fail('Keine Betragsspalten erkannt (erwartet z. B. „Ist 2015“, „Plan 2017“, „VE 2018“)');
  return {
    ok: true,
    columns: {
      product: productCol,
      account: accountCol,
      productName: productNameCol,
      direction: directionCol,
      amounts: columns,
    },
  };
}
