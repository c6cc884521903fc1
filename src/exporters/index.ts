/**
 * Every export format behind one call: `exportBudget(budget, format)` gives text (tidy CSV, German CSV, JSON),
 * bytes (XLSX) or the files of a directory (Fiscal Data Package); the CLI writes them. The XLSX writer
 * (write-excel-file) is loaded only for XLSX.
 */
import type { Budget } from '../core/model.js';
import { toGermanCsv } from './csv.js';
import { toFiscalDataPackage } from './fdp.js';
import { toJson } from './json.js';
import { toPlanCsv } from './plan-csv.js';
import { toTidyCsv } from './tidy-csv.js';

export const EXPORT_FORMATS = ['tidy-csv', 'csv', 'plan-csv', 'xlsx', 'json', 'fdp'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportOutput =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'bytes'; readonly bytes: Uint8Array }
  | { readonly type: 'directory'; readonly files: ReadonlyMap<string, string> };

export async function exportBudget(budget: Budget, format: ExportFormat): Promise<ExportOutput> {
  switch (format) {
    case 'tidy-csv':
      return { type: 'text', text: toTidyCsv(budget) };
    case 'csv':
      return { type: 'text', text: toGermanCsv(budget) };
    case 'plan-csv':
      return { type: 'text', text: toPlanCsv(budget) };
    case 'json':
      return { type: 'text', text: toJson(budget) };
    case 'xlsx': {
      const { toXlsx } = await import('./xlsx.js');
      return { type: 'bytes', bytes: await toXlsx(budget) };
    }
    case 'fdp':
      return { type: 'directory', files: toFiscalDataPackage(budget) };
  }
}
