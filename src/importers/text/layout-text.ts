/**
 * Layout-preserving text (as `pdftotext -layout` writes it: columns aligned with spaces, pages separated by
 * form feeds) turned into the plan-text format: every character becomes a positioned glyph on a grid, and the
 * PDF layout step rebuilds table rows, headers printed over several lines and wrapped labels from there.
 */
import { layoutPage, type TextItem } from '../pdf/layout.js';

const CHAR = 5;
const SIZE = 10;
const PITCH = 12;

/** Looks like a layout-preserving export: no tabs, several lines with amounts aligned by runs of spaces. */
export function looksLikeLayoutText(text: string): boolean {
  if (text.includes('\t')) return false;
  const lines = text.slice(0, 200_000).split(/\r\n|\r|\n/u, 3000);
  const aligned = lines.filter((l) => /\S {3,}-?\d{1,3}(?:\.\d{3})*(?:,\d{1,2})?(?: {2,}|$)/u.test(l)).length;
  return aligned >= 5;
}

export interface LaidOut {
  readonly text: string;
  /** For each line of `text`, the line of the original file it starts on. */
  readonly origin: readonly number[];
}

/** Lays out each page (form feed) of a layout-preserving export. */
export function layoutTextToPlanText(text: string): LaidOut {
  const out: string[] = [];
  const origin: number[] = [];
  const lines = text.split(/\r\n|\r|\n/u);
  let pageStart = 0;
  const flushPage = (end: number): void => {
    const items: TextItem[] = [];
    const height = (end - pageStart + 2) * PITCH;
    for (let i = pageStart; i < end; i++) {
      const line = lines[i]!.replace(/\f/gu, '');
      const re = /\S+/gu;
      for (let m = re.exec(line); m; m = re.exec(line)) {
        const row = i - pageStart + 1;
        items.push({
          str: m[0],
          transform: [SIZE, 0, 0, SIZE, m.index * CHAR, height - row * PITCH],
          width: m[0].length * CHAR,
          height: SIZE,
        });
      }
    }
    for (const laid of layoutPage(items, height)) {
      out.push(laid.text);
      origin.push(pageStart + Math.max(1, Math.round((laid.box[1] + SIZE) / PITCH)));
    }
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes('\f') && i > pageStart) {
      flushPage(i);
      pageStart = i;
    }
  }
  flushPage(lines.length);
  return { text: out.join('\n'), origin };
}
