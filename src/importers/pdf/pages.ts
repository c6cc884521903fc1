/**
 * Lays out a range of pages of a PDF with pdf.js: each page's positioned text becomes lines (layout.ts); the
 * page is released before the next one is read, so memory does not grow with the document. Used by the main
 * thread and by the page workers alike.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { layoutPage, type LaidLine, type TextItem } from './layout.js';

export interface LaidPage {
  readonly page: number;
  readonly lines: readonly LaidLine[];
  readonly characters: number;
}

export type OpenError = { readonly name?: string; readonly message: string };

export async function openPdf(bytes: Uint8Array) {
  return getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
}

export type PdfDocument = Awaited<ReturnType<typeof openPdf>>;

export async function layoutPages(
  doc: PdfDocument,
  from: number,
  to: number,
  onPage?: (page: number) => void,
): Promise<LaidPage[]> {
  const out: LaidPage[] = [];
  for (let p = from; p <= to; p++) {
    const page = await doc.getPage(p);
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items: TextItem[] = content.items.flatMap((i) => ('str' in i ? [i] : []));
    out.push({
      page: p,
      lines: layoutPage(items, viewport.height),
      characters: items.reduce((n, i) => n + i.str.trim().length, 0),
    });
    page.cleanup();
    onPage?.(p);
  }
  return out;
}
