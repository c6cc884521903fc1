/**
 * XLSX workbooks: every worksheet becomes rows of cell texts and goes through the same recognition as CSV. The
 * workbook is read by `xlsx-reader.ts` (limits against ZIP bombs, parts streamed sheet by sheet); here a cell's
 * value becomes the text a table would print. Numbers are turned into decimal text at the edge from the decimal
 * text the file holds (two decimals where the cell's format shows cents or the value has a fraction), never
 * computed with as floats; booleans become WAHR/FALSCH, dates an ISO date, formulas their cached result; cells of
 * a merged range repeat the text of its first cell.
 */
import { Ledger, type FileLedger } from '../../core/ledger.js';
import type { ImportNote } from '../../core/model.js';
import type { ImportResult } from '../types.js';
import { importTableRows, ledgerOfRowsOutside, type TableProfile } from './index.js';
import { readXlsx, type XlsxCell } from './xlsx-reader.js';
import { mergeBudgets } from '../../core/merge.js';
import type { Budget } from '../../core/model.js';

export { XLSX_LIMITS } from './xlsx-reader.js';

/** Excel's precision: a number shows at most 15 significant digits (`46323827.039999999` is 46323827.04). */
const SIGNIFICANT_DIGITS = 15;

/**
 * A number as written in the file (`-46323827.039999999`, `1E-7`, `1234`) as German decimal text: rounded half
 * away from zero to 15 significant digits as Excel shows it, then to two decimals where the format shows cents
 * (`0.00`, `#,##0.00`) or a fraction is left, else to a whole number. Pure decimal arithmetic on the digits.
 * Anything else comes back as written, for the table recognition to report.
 */
export function numberText(raw: string, numFmt: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/u.exec(raw);
  if (!m || m[2]! + (m[3] ?? '') === '') return raw;
  const negative = m[1] === '-';
  let digits = m[2]! + (m[3] ?? '');
  /** Digits before the decimal point. */
  let point = m[2]!.length + Number(m[4] ?? 0);
  const lead = /^0*/u.exec(digits)![0].length;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/u, '');
  const round = (keep: number): void => {
    // keep `keep` digits, half away from zero; a carry may add a digit in front
    if (keep < 0) {
      digits = '';
      return;
    }
    if (digits.length <= keep) return;
    const up = digits.charCodeAt(keep) >= 53; // '5'
    digits = digits.slice(0, keep);
    if (up) {
      const carried = (BigInt(digits === '' ? '0' : digits) + 1n).toString();
      if (carried.length > keep) point++;
      digits = carried;
    }
    digits = digits.replace(/0+$/u, '');
  };
  round(SIGNIFICANT_DIGITS);
  const fraction = digits.length > point;
  const decimals = /0[.,]00/u.test(numFmt) || fraction ? 2 : 0;
  round(point + decimals);
  if (digits === '') return decimals === 2 ? '0,00' : '0';
  const padded = point > digits.length ? digits.padEnd(point, '0') : digits;
  const whole = point > 0 ? padded.slice(0, point) : '0';
  const frac = (point >= 0 ? padded.slice(point) : '0'.repeat(-point) + padded).padEnd(decimals, '0');
  return `${negative ? '-' : ''}${whole}${decimals === 2 ? `,${frac.slice(0, 2)}` : ''}`;
}

/** A format that shows a date or time: letters of dates outside quotes and brackets (as exceljs decides). */
export function isDateFormat(numFmt: string): boolean {
  return /[ymdhMsb]/u.test(numFmt.replace(/\[[^\]]*\]/gu, '').replace(/"[^"]*"/gu, ''));
}

/** An Excel serial date as ISO date (dates are not money: the serial may be read as a float). */
function isoDate(raw: string, date1904: boolean): string {
  const days = Number(raw);
  const ms = Math.round((days - 25_569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? raw : date.toISOString().slice(0, 10);
}

/** The text a cell shows, as the table recognition reads it. */
export function cellText(cell: XlsxCell, date1904 = false): string {
  switch (cell.type) {
    case 'number':
      return isDateFormat(cell.style.numFmt)
        ? isoDate(cell.value, date1904)
        : numberText(cell.value, cell.style.numFmt);
    case 'string':
      return cell.value.trim();
    case 'boolean':
      return Number.parseInt(cell.value, 10) === 0 ? 'FALSCH' : 'WAHR';
    case 'date':
      return cell.value.slice(0, 10);
    case 'error':
    case 'blank':
      return '';
  }
}

/** How the rows of one sheet become a budget: the table recognition by default, an account import for exports. */
export type SheetReader = (rows: readonly (readonly string[])[], sheetFile: string) => ImportResult;

/** Imports a workbook: each sheet that holds plan lines (or account rows, with `readSheet`), merged. */
export function importXlsx(
  bytes: Uint8Array,
  file: string,
  profile?: TableProfile,
  fileName = file,
  readSheet: SheetReader = (rows, sheetFile) =>
    importTableRows(rows as string[][], sheetFile, profile, fileName),
): Promise<ImportResult> {
  return Promise.resolve(importWorkbook(bytes, file, readSheet));
}

/**
 * Reads every sheet; a sheet that gives no budget is skipped, and the amounts it holds under plan column
 * headers are listed outside the plans with the reason (its ledger), so that nothing a workbook holds is lost
 * without being named.
 */
function importWorkbook(bytes: Uint8Array, file: string, readSheet: SheetReader): ImportResult {
  const budgets: Budget[] = [];
  const ledgers: FileLedger[] = [];
  const skipped: string[] = [];
  const skippedNotes: ImportNote[] = [];
  let sheets = 0;
  // each sheet is recognised as soon as it is read: only one sheet's rows are held at a time
  const read = readXlsx(bytes, {
    sheet(name, { date1904 }) {
      sheets++;
      const rows: string[][] = [];
      return {
        cell(r, c, cell) {
          const row = (rows[r] ??= []);
          while (row.length < c) row.push('');
          row[c] = cellText(cell, date1904);
        },
        end({ merges }) {
          for (const m of merges) {
            const text = rows[m.top]?.[m.left] ?? '';
            for (let r = m.top; r <= m.bottom; r++) {
              const row = (rows[r] ??= []);
              while (row.length < m.left) row.push('');
              for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) row[c] = text;
            }
          }
          const dense = Array.from(rows, (r) => r ?? []);
          if (dense.length === 0) return;
          const sheetFile = `${file}#${name}`;
          const result = readSheet(dense, sheetFile);
          if (result.ok) {
            budgets.push(result.budget);
            ledgers.push(...result.ledger);
            return;
          }
          const why = `${name}: ${result.errors[0]?.message ?? ''}`;
          skipped.push(why);
          const ledger = new Ledger(sheetFile);
          const amounts = ledgerOfRowsOutside(
            dense,
            ledger,
            `Tabellenblatt „${name}“ übersprungen: ${(result.errors[0]?.message ?? '').slice(0, 160)}`,
          );
          if (amounts > 0) ledgers.push(ledger.toJSON());
          skippedNotes.push({
            severity: amounts > 0 ? 'warning' : 'info',
            rule: 'skipped-sheet',
            message:
              `Tabellenblatt übersprungen: ${why}` +
              (amounts > 0 ? ` (${amounts} Beträge außerhalb der Pläne, im Abgleich aufgeführt)` : ''),
            source: { file: sheetFile, line: 1 },
          });
        },
      };
    },
  });
  if (!read.ok) return { ok: false, errors: [{ file, message: read.message }] };
  if (budgets.length === 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          message: `Kein Tabellenblatt mit Planzeilen gefunden (${skipped.join('; ') || (sheets === 0 ? 'Arbeitsmappe ohne Blätter' : 'alle Blätter sind leer')})`,
        },
      ],
    };
  }
  const merged = mergeBudgets(budgets);
  if (!merged.ok) return { ok: false, errors: merged.conflicts.map((c) => ({ file, message: c.message })) };
  return {
    ok: true,
    ledger: ledgers,
    budget: {
      ...merged.budget,
      files: [file],
      notes: [...merged.budget.notes, ...skippedNotes],
    },
  };
}
