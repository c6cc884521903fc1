/**
 * The export formats the API offers (`GET /api/versions/:v/export?format=…`): every single-file format of
 * `src/exporters` (`exportBudget`), with its content type. A new exporter there appears here by adding its
 * content type; directory formats (the Fiscal Data Package) need an archive and are not offered yet.
 */
import type { Budget } from '../core/model.js';
import { exportBudget as render, type ExportFormat } from '../exporters/index.js';

interface HttpFormat {
  /** German, for the OpenAPI document. */
  readonly title: string;
  readonly contentType: string;
  readonly extension: string;
}

export const EXPORT_FORMATS: Readonly<Partial<Record<ExportFormat, HttpFormat>>> = {
  'tidy-csv': {
    title: 'Tidy-CSV: eine Zeile je gedrucktem Betrag',
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
  },
  csv: { title: 'CSV für ein deutsches Excel', contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: {
    title: 'Excel-Arbeitsmappe',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  json: {
    title: 'JSON mit veröffentlichtem Schema',
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
  },
};

export async function exportBudget(
  format: string,
  budget: Budget,
): Promise<{ body: string | Buffer; contentType: string; extension: string } | undefined> {
  const f = Object.hasOwn(EXPORT_FORMATS, format) ? EXPORT_FORMATS[format as ExportFormat] : undefined;
  if (!f) return undefined;
  const out = await render(budget, format as ExportFormat);
  if (out.type === 'directory') return undefined;
  const body = out.type === 'text' ? out.text : Buffer.from(out.bytes);
  return { body, contentType: f.contentType, extension: f.extension };
}
