/**
 * PDF plans: pdf.js (legacy build, for Node 20) reads the text of each page with its positions, the layout
 * step turns it into the plan-text format, and the text importer recognises tables, Erläuterungen,
 * investments, descriptions and Kennzahlen as for a text file. Every value's source then names its page and
 * the box of its printed row on that page. Pages are read one after another, so memory stays flat.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Budget, Source } from '../../core/model.js';
import { importText } from '../text/index.js';
import type { ImportResult } from '../types.js';
import { layoutPage, type TextItem } from './layout.js';

export interface PdfOptions {
  /** Called after each page, e.g. for a progress bar. */
  readonly onPage?: (page: number, pages: number) => void;
}

interface PdfLine {
  readonly page: number;
  readonly line: number;
  readonly box: readonly [number, number, number, number];
}

/** Every `source` of the budget, rewritten from a line of the laid-out text to its page, line and box. */
function remapSources(budget: Budget, file: string, lines: readonly PdfLine[]): Budget {
  const memo = new Map<object, Source>();
  const map = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(map);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value) as [string, unknown][]) {
      if (k === 'source' && v !== null && typeof v === 'object') {
        const known = memo.get(v);
        if (known) {
          out[k] = known;
          continue;
        }
        const s = v as Source;
        const at = lines[s.line - 1];
        const mapped: Source = at
          ? { file, line: at.line, page: at.page, box: at.box }
          : { file, line: s.line };
        memo.set(v, mapped);
        out[k] = mapped;
      } else out[k] = map(v);
    }
    return out;
  };
  return map(budget) as Budget;
}

export async function importPdf(
  bytes: Uint8Array,
  file: string,
  options: PdfOptions = {},
): Promise<ImportResult> {
  let doc;
  try {
    doc = await getDocument({
      data: bytes,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    const message =
      name === 'PasswordException'
        ? 'ist passwortgeschützt; bitte eine ungeschützte Fassung importieren'
        : name === 'InvalidPDFException'
          ? 'ist keine gültige PDF-Datei (beschädigt oder unvollständig)'
          : `PDF nicht lesbar: ${e instanceof Error ? e.message : String(e)}`;
    return { ok: false, errors: [{ file, message }] };
  }
  const texts: string[] = [];
  const lines: PdfLine[] = [];
  let characters = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: TextItem[] = content.items.flatMap((i) => ('str' in i ? [i] : []));
      characters += items.reduce((n, i) => n + i.str.trim().length, 0);
      layoutPage(items, viewport.height).forEach((l, k) => {
        texts.push(l.text);
        lines.push({ page: p, line: k + 1, box: l.box });
      });
      page.cleanup();
      options.onPage?.(p, doc.numPages);
    }
  } finally {
    await doc.destroy();
  }
  if (characters === 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          message:
            'enthält keinen Text (gescannte Seiten?); erwartet ein PDF mit Textebene, z. B. aus dem Haushaltsprogramm exportiert',
        },
      ],
    };
  }
  const result = importText(texts.join('\n'), file);
  if (!result.ok) {
    return {
      ok: false,
      errors: result.errors.map((e) => {
        const at = e.line !== undefined ? lines[e.line - 1] : undefined;
        return at ? { file, page: at.page, line: at.line, message: e.message } : e;
      }),
    };
  }
  return { ok: true, budget: remapSources(result.budget, file, lines) };
}
