/**
 * The export formats the API offers (`GET /api/versions/:v/export?format=…`), in one table: a new exporter
 * (open data, the budget book) plugs in by adding an entry here; the route and the OpenAPI document follow.
 */
import type { Budget } from '../core/model.js';
import { toTidyCsv } from '../exporters/tidy-csv.js';

export interface ExportFormat {
  /** German, for the OpenAPI document and clients. */
  readonly title: string;
  readonly contentType: string;
  readonly extension: string;
  readonly render: (budget: Budget) => string | Buffer | Promise<string | Buffer>;
}

export const EXPORT_FORMATS: Readonly<Record<string, ExportFormat>> = {
  'tidy-csv': {
    title: 'Tidy-CSV: eine Zeile je gedrucktem Betrag',
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    render: toTidyCsv,
  },
  json: {
    title: 'Der Haushalt als JSON (Modell von Haushalt)',
    contentType: 'application/json; charset=utf-8',
    extension: 'json',
    render: (budget) => `${JSON.stringify(budget)}\n`,
  },
};

export async function exportBudget(
  format: string,
  budget: Budget,
): Promise<{ body: string | Buffer; contentType: string; extension: string } | undefined> {
  const f = Object.hasOwn(EXPORT_FORMATS, format) ? EXPORT_FORMATS[format] : undefined;
  if (!f) return undefined;
  return { body: await f.render(budget), contentType: f.contentType, extension: f.extension };
}
