/**
 * The styles part of an XLSX workbook (`xl/styles.xml`): each cell style (`cellXfs`) with what tables and tests
 * need of it — its number format (Excel's built-in ones by their code), bold, italic, font size, a solid fill,
 * wrapping and alignment.
 */
import { isTrue, parsePart } from './xlsx-xml.js';
import type { ZipEntry } from './zip.js';

/** What a cell's style says, as far as tables and tests need it. */
export interface XlsxStyle {
  /** The number format (`#,##0.00`; built-in formats by their code; '' for General). */
  readonly numFmt: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly fontSize?: number;
  /** The colour of a solid fill (ARGB, `FFE8E8E8`). */
  readonly fill?: string;
  readonly wrap: boolean;
  readonly horizontal?: string;
  readonly vertical?: string;
}

/** Excel's built-in number formats that have a code of their own (the rest depend on the locale). */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

export const DEFAULT_STYLE: XlsxStyle = { numFmt: '', bold: false, italic: false, wrap: false };

export function readStyles(bytes: Uint8Array, entry: ZipEntry | undefined): XlsxStyle[] {
  if (!entry) return [];
  const formats = new Map<number, string>();
  const fonts: { bold: boolean; italic: boolean; size?: number }[] = [];
  const fills: (string | undefined)[] = [];
  const styles: XlsxStyle[] = [];
  const open: string[] = [];
  let solid = false;
  let xf: { numFmtId: number; fontId: number; fillId: number } | undefined;
  let alignment: Readonly<Record<string, string>> = {};
  parsePart(bytes, entry, {
    open(name, a) {
      const parent = open.at(-1);
      open.push(name);
      if (name === 'numFmt' && parent === 'numFmts')
        // exceljs and Excel read `\,` as `,`: keep the format as it shows
        formats.set(Number(a.numFmtId), (a.formatCode ?? '').replace(/\\(.)/gu, '$1'));
      else if (name === 'font' && parent === 'fonts') fonts.push({ bold: false, italic: false });
      else if (parent === 'font' && open.at(-3) === 'fonts') {
        const font = fonts.at(-1)!;
        if (name === 'b') font.bold = a.val === undefined || isTrue(a.val);
        else if (name === 'i') font.italic = a.val === undefined || isTrue(a.val);
        else if (name === 'sz') font.size = Number(a.val);
      } else if (name === 'fill' && parent === 'fills') fills.push(undefined);
      else if (name === 'patternFill' && open.at(-3) === 'fills') solid = a.patternType === 'solid';
      else if (name === 'fgColor' && solid && open.at(-4) === 'fills') fills[fills.length - 1] = a.rgb;
      else if (name === 'xf' && parent === 'cellXfs') {
        xf = {
          numFmtId: Number(a.numFmtId ?? 0),
          fontId: Number(a.fontId ?? 0),
          fillId: Number(a.fillId ?? 0),
        };
        alignment = {};
      } else if (name === 'alignment' && xf) alignment = a;
    },
    close(name) {
      open.pop();
      if (name !== 'xf' || !xf) return;
      const font = fonts[xf.fontId];
      const fill = fills[xf.fillId];
      styles.push({
        numFmt: xf.numFmtId === 0 ? '' : (formats.get(xf.numFmtId) ?? BUILTIN_FORMATS[xf.numFmtId] ?? ''),
        bold: font?.bold ?? false,
        italic: font?.italic ?? false,
        ...(font?.size !== undefined ? { fontSize: font.size } : {}),
        ...(fill !== undefined ? { fill } : {}),
        wrap: isTrue(alignment.wrapText),
        ...(alignment.horizontal !== undefined ? { horizontal: alignment.horizontal } : {}),
        ...(alignment.vertical !== undefined ? { vertical: alignment.vertical } : {}),
      });
      xf = undefined;
    },
    text() {},
  });
  return styles;
}
