/**
 * The front-end for plan text (the format of the reference document: section titles and prose as lines,
 * tables as tab-separated rows): each line of the file becomes a document line, a line with a tab a row of
 * cells counted by index, and every line's source its line in the file.
 */
import { tabCells, type DocLine } from './model.js';

export function tabbedLines(text: string, file: string): DocLine[] {
  const raw = text.split(/\r\n|\r|\n/u);
  const out: DocLine[] = new Array<DocLine>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    const last = t.length > 0 ? t.charCodeAt(t.length - 1) : 33;
    // most lines end in a visible character: trimmed only where one might not (a regular expression per line
    // was a measurable part of the import)
    const line = last <= 32 || last === 160 || last === 0x1680 || last >= 0x2000 ? t.trimEnd() : t;
    const source = { file, line: i + 1 };
    out[i] = line.includes('\t')
      ? { no: i + 1, text: line, cells: tabCells(line), source }
      : { no: i + 1, text: line, source };
  }
  return out;
}
