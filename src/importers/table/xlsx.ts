/**
 * XLSX workbooks (exceljs): every worksheet becomes rows of cell texts and goes through the same recognition
 * as CSV. Numbers are turned into decimal text at the edge (two decimals where the cell's format shows cents),
 * never computed with as floats.
 */
import ExcelJS from 'exceljs';
import type { ImportResult } from '../types.js';
import { importTableRows, type TableProfile } from './index.js';
import { mergeBudgets } from '../../core/merge.js';
import type { Budget } from '../../core/model.js';

function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const cents = /0[.,]00/u.test(numFmt ?? '') || !Number.isInteger(value);
    return (cents ? value.toFixed(2) : value.toFixed(0)).replace('.', ',');
  }
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'WAHR' : 'FALSCH';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('result' in value) return cellText(value.result, numFmt);
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('text' in value) return value.text.trim();
  return '';
}

/** How the rows of one sheet become a budget: the table recognition by default, an account import for exports. */
export type SheetReader = (rows: readonly (readonly string[])[], sheetFile: string) => ImportResult;

export async function importXlsx(
  bytes: Uint8Array,
  file: string,
  profile?: TableProfile,
  fileName = file,
  readSheet: SheetReader = (rows, sheetFile) =>
    importTableRows(rows as string[][], sheetFile, profile, fileName),
): Promise<ImportResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return {
      ok: false,
      errors: [{ file, message: `XLSX nicht lesbar: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
  const budgets: Budget[] = [];
  const skipped: string[] = [];
  for (const sheet of workbook.worksheets) {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value, cell.numFmt);
      });
      rows[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
    });
    const dense = Array.from(rows, (r) => r ?? []);
    if (dense.length === 0) continue;
    const r = readSheet(dense, `${file}#${sheet.name}`);
    if (r.ok) budgets.push(r.budget);
    else skipped.push(`${sheet.name}: ${r.errors[0]?.message ?? ''}`);
  }
  if (budgets.length === 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          message: `Kein Tabellenblatt mit Planzeilen gefunden (${skipped.join('; ') || 'Arbeitsmappe ohne Blätter'})`,
        },
      ],
    };
  }
  const merged = mergeBudgets(budgets);
  if (!merged.ok) return { ok: false, errors: merged.conflicts.map((c) => ({ file, message: c.message })) };
  return {
    ok: true,
    budget: {
      ...merged.budget,
      files: [file],
      notes: [
        ...merged.budget.notes,
        ...skipped.map((s) => ({
          severity: 'info' as const,
          rule: 'skipped-sheet',
          message: `Tabellenblatt übersprungen: ${s}`,
        })),
      ],
    },
  };
}
