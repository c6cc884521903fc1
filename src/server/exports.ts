/**
 * The export formats the API offers (`GET /api/versions/:v/export?format=…`): every single-file format of
 * `src/exporters` (`exportBudget`), with its content type. A new exporter there appears here by adding its
 * content type; directory formats (the Fiscal Data Package) need an archive and are not offered yet. The
 * budget book comes as `book-pdf` (printed by Chromium, as `haushalt render --pdf`) and `book-html`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Budget } from '../core/model.js';
import { exportBudget as render, type ExportFormat } from '../exporters/index.js';
import { renderBookHtml } from '../publish/book/index.js';

interface HttpFormat {
  /** German, for the OpenAPI document. */
  readonly title: string;
  readonly contentType: string;
  readonly extension: string;
}

export const EXPORT_FORMATS: Readonly<Partial<Record<ExportFormat | BookFormat, HttpFormat>>> = {
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
  'book-pdf': { title: 'Haushaltsplan als Buch (PDF)', contentType: 'application/pdf', extension: 'pdf' },
  'book-html': {
    title: 'Haushaltsplan als Buch (eine HTML-Datei)',
    contentType: 'text/html; charset=utf-8',
    extension: 'html',
  },
};

/** The budget book (`src/publish`), printed by Chromium or as one self-contained HTML page. */
type BookFormat = 'book-pdf' | 'book-html';

async function renderBook(budget: Budget, format: BookFormat): Promise<string | Buffer> {
  if (format === 'book-html') return renderBookHtml(budget, 'inline');
  const dir = await mkdtemp(path.join(tmpdir(), 'haushalt-api-book-'));
  try {
    const file = path.join(dir, 'haushaltsplan.pdf');
    // Chromium's driver loads only when a book is printed (it would add about a second to every start)
    const { renderBookPdf } = await import('../publish/pdf.js');
    await renderBookPdf(budget, file);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function exportBudget(
  format: string,
  budget: Budget,
): Promise<{ body: string | Buffer; contentType: string; extension: string } | undefined> {
  const f = Object.hasOwn(EXPORT_FORMATS, format) ? EXPORT_FORMATS[format as ExportFormat] : undefined;
  if (!f) return undefined;
  if (format === 'book-pdf' || format === 'book-html') {
    return { body: await renderBook(budget, format), contentType: f.contentType, extension: f.extension };
  }
  const out = await render(budget, format as ExportFormat);
  if (out.type === 'directory') return undefined;
  const body = out.type === 'text' ? out.text : Buffer.from(out.bytes);
  return { body, contentType: f.contentType, extension: f.extension };
}
