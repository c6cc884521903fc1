/**
 * Account-level exports of finance systems (SAP, Infoma, H&H): rows of product, account and amounts per year.
 * Each row lands on a plan line through an account mapping (data, see mapping.ts) or is reported as outside the
 * plans with its reason; SAP's sign convention (Erträge negative) is turned into the printed one; products are
 * grouped into Produktgruppen and Produktbereiche from their numbers as the profile's pattern says. A total row
 * is reconciled with the sum of all rows, to the cent, column by column. *
 * This module reads the file and runs the steps: `header.ts` finds the columns, `bookings.ts` books every row,
 * `nodes.ts` builds the hierarchy and its plans; `profile.ts` is the account profile, `mapping.ts` the mapping.
 */
import type { Budget, ImportNote } from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import { Ledger } from '../../core/ledger.js';
import type { ImportError, ImportResult } from '../types.js';
import { csvRowsOf } from '../table/csv.js';
import { bookRows, contradictionNotes, summaryNotes, type BookingContext } from './bookings.js';
import { readHeader } from './header.js';
import { NRW_COMMON, withOverrides, type AccountMapping } from './mapping.js';
import { aggregate, buildNodes } from './nodes.js';
import type { AccountProfile } from './profile.js';
import { inferAccountProfile } from './infer.js';

export { directionOfText, isAccountProfile, type AccountProfile } from './profile.js';

export function importAccounts(
  text: string,
  file: string,
  profile: AccountProfile,
  base: AccountMapping = NRW_COMMON,
): ImportResult {
  const parsed = csvRowsOf(text, file);
  if (!parsed.ok) return parsed;
  return importAccountRows(parsed.rows, file, profile, base);
}

/** The same for rows already split into cells (a CSV parsed, an XLSX sheet read). */
export function importAccountRows(
  allRows: readonly (readonly string[])[],
  file: string,
  profile: AccountProfile,
  base: AccountMapping = NRW_COMMON,
): ImportResult {
  const errors: ImportError[] = [];
  const err = (line: number | undefined, message: string): void => {
    if (errors.length < 50) errors.push(line === undefined ? { file, message } : { file, line, message });
  };
  const [header, ...rows] = allRows;
  if (!header) return { ok: false, errors: [{ file, message: 'Die Datei ist leer' }] };
  const head = readHeader(header, profile, file);
  if (!head.ok) return { ok: false, errors: [head.error] };
  const notes: ImportNote[] = [];
  const ctx: BookingContext = {
    file,
    profile,
    mapping: withOverrides(base, profile.overrides ?? []),
    cols: head.columns,
    ledger: new Ledger(file),
    notes,
    err,
  };
  const bookings = bookRows(rows, ctx);
  if (errors.length > 0) return { ok: false, errors };
  notes.push(...contradictionNotes(bookings, file));
  aggregate(bookings.nodes, profile.productCode.levels, notes);
  notes.push(...summaryNotes(bookings, ctx));
  const built = buildNodes(bookings.nodes, head.columns.amounts, file);
  const budget: Budget = { nodes: resolveParents(built), notes, files: [file] };
  return { ok: true, budget, ledger: [ctx.ledger.toJSON()] };
}

/**
 * Rows read as an account export without a profile, where the header and the rows say what the profile would
 * (`infer.ts`): the import with the inferred profile, its inference said in an `info` note. Undefined where the
 * rows are no account export this can read (the caller reads them as a table of plan lines).
 */
export function importInferredAccountRows(
  allRows: readonly (readonly string[])[],
  file: string,
  base: AccountMapping = NRW_COMMON,
): ImportResult | undefined {
  const inferred = inferAccountProfile(allRows, file, base);
  if (!inferred.ok)
    return inferred.export === undefined
      ? undefined
      : {
          ok: false,
          errors: [
            {
              file,
              line: 1,
              message: `Die Datei ist ein Export auf Kontenebene (${inferred.export}), doch ${inferred.why}. Ein Profil sagt, wie sie zu lesen ist (--profile, siehe docs/import.md, „Exporte auf Kontenebene“)`,
            },
          ],
        };
  const result = importAccountRows(allRows, file, inferred.profile, base);
  if (!result.ok) return result;
  const note: ImportNote = {
    severity: 'info',
    rule: 'account-profile-inferred',
    message: inferred.said,
    source: { file, line: 1 },
  };
  return { ...result, budget: { ...result.budget, notes: [note, ...result.budget.notes] } };
}

/** The same for a CSV text. */
export function importInferredAccounts(
  text: string,
  file: string,
  base: AccountMapping = NRW_COMMON,
): ImportResult | undefined {
  const parsed = csvRowsOf(text, file);
  if (!parsed.ok) return undefined;
  return importInferredAccountRows(parsed.rows, file, base);
}
