/**
 * Reading XLSX workbooks (SpreadsheetML, ECMA-376) safely and frugally. The ZIP's central directory is judged
 * before anything is inflated (`XLSX_LIMITS`: declared size, compression ratio, entries); then only the parts
 * a table needs are inflated, one at a time and in chunks (`zip.ts`), straight into a streaming XML parser (sax):
 * the workbook (sheet names and order), its relationships, the styles (number formats, bold, fills), the shared
 * strings, and the worksheets in workbook order. No part is ever held as a whole; memory grows with the cells
 * handed out, which are counted against a limit too.
 *
 * A cell comes as written, never computed: a number as its decimal text (`-46323827.04`, `1E-7`), strings
 * resolved (shared, inline, rich text runs joined, `_x000D_` escapes decoded), booleans as `1`/`0`, a formula's
 * cached result with the formula beside it. What the text of a cell means is the caller's business (see
 * `xlsx.ts`). Problems come back as German messages; nothing is thrown for bad input.
 */
import { StringDecoder } from 'node:string_decoder';
import sax from 'sax';
import { inflateEntry, readZipDirectory, type ZipEntry } from './zip.js';

/**
 * What a workbook may cost before it is refused. The uncompressed total is checked on the central directory's
 * declared sizes and enforced while inflating (no part may inflate beyond its declared size). The ratio is
 * Apache POI's default (`ZipSecureFile`, 1 %): real sheets compress 5- to 30-fold, zip bombs a thousandfold.
 */
export const XLSX_LIMITS = {
  /** Uncompressed size of all parts together: 1 GiB. */
  maxUncompressedBytes: 1024 * 1024 * 1024,
  /** Uncompressed size of one part divided by its compressed size. */
  maxCompressionRatio: 100,
  /** Parts up to this size are not held to the ratio (small XML parts compress well and can do no harm). */
  ratioExemptBytes: 1024 * 1024,
  /** Entries in the ZIP directory. */
  maxEntries: 10_000,
  /** Cells of all sheets, counting the empty ones before a row's last cell and those of merged ranges. */
  maxCells: 25_000_000,
  /** Characters of one cell or shared string (Excel itself allows 32,767). */
  maxCellChars: 1024 * 1024,
} as const;

export type XlsxLimits = { readonly [K in keyof typeof XLSX_LIMITS]: number };

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

export interface XlsxCell {
  /** `blank`: no value (an empty styled cell, or a formula without cached result). */
  readonly type: 'number' | 'string' | 'boolean' | 'error' | 'date' | 'blank';
  /** As written: a number's decimal text, the string, `1`/`0`, an error code (`#DIV/0!`), an ISO date. */
  readonly value: string;
  /** The formula, for a cell that has one; `value` is its cached result. */
  readonly formula?: string;
  readonly style: XlsxStyle;
}

/** A merged range, 0-based and inclusive. */
export interface CellRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SheetEnd {
  /** Rows frozen at the top (a frozen pane's `ySplit`), 0 if none. */
  readonly frozenRows: number;
  /** The autofilter's range (`A2:I98`), if any. */
  readonly autoFilter?: string;
  readonly merges: readonly CellRange[];
}

export interface SheetVisitor {
  /** A cell at its 0-based row and column, in the order the sheet lists them. */
  cell(row: number, column: number, cell: XlsxCell): void;
  end(sheet: SheetEnd): void;
}

export interface WorkbookVisitor {
  /** Called for every worksheet, in workbook order, before its cells. */
  sheet(name: string, workbook: { readonly date1904: boolean }): SheetVisitor;
}

export type XlsxReadResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** A refusal or read problem raised deep inside a parse; caught in `readXlsx`, never leaves this module. */
class Refused extends Error {}

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

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

const DEFAULT_STYLE: XlsxStyle = { numFmt: '', bold: false, italic: false, wrap: false };

const megabytes = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${bytes.toLocaleString('de-DE')} Bytes`
    : `${Math.round(bytes / 1024 / 1024).toLocaleString('de-DE')} MB`;

/** Refuses a workbook by its central directory alone: too large in all, or a part packed too tightly. */
function judge(entries: readonly ZipEntry[], limits: XlsxLimits): string | undefined {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxUncompressedBytes)
    return `XLSX abgelehnt: entpackt ${megabytes(total)} groß (erwartet: höchstens ${megabytes(limits.maxUncompressedBytes)} entpackt; Schutz vor ZIP-Bomben)`;
  for (const e of entries) {
    if (e.size <= limits.ratioExemptBytes) continue;
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (ratio > limits.maxCompressionRatio)
      return `XLSX abgelehnt: Teil „${e.name}“ ist ${Math.round(ratio).toLocaleString('de-DE')}-fach gepackt (erwartet: höchstens ${limits.maxCompressionRatio}-fach; Schutz vor ZIP-Bomben)`;
  }
  return undefined;
}

interface XmlHandler {
  open(name: string, attributes: Readonly<Record<string, string>>): void;
  close(name: string): void;
  text(text: string): void;
}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Streams one part through the XML parser; throws `Refused` for an unreadable part. */
function parsePart(bytes: Uint8Array, entry: ZipEntry, handler: XmlHandler): void {
  // position tracking stays on: sax checks its buffers against MAX_BUFFER_LENGTH (64 KiB) by position, so a text
  // is handed out in pieces and an endless tag or attribute is an error instead of a string of a gigabyte
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  let failure: string | undefined;
  parser.onerror = (e) => {
    failure ??= e.message.split('\n')[0];
  };
  parser.onopentag = (tag) => {
    handler.open(localName(tag.name), tag.attributes as Readonly<Record<string, string>>);
  };
  parser.onclosetag = (name) => {
    handler.close(localName(name));
  };
  parser.ontext = (text) => {
    handler.text(text);
  };
  parser.oncdata = (text) => {
    handler.text(text);
  };
  const decoder = new StringDecoder('utf8');
  let started = false;
  const feed = (text: string): void => {
    if (!started && text !== '') {
      started = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    // sax checks its buffers after each write: short writes keep them short
    for (let i = 0; i < text.length && failure === undefined; i += 65_536)
      parser.write(text.slice(i, i + 65_536));
    if (failure !== undefined)
      throw new Refused(`XLSX nicht lesbar: Teil „${entry.name}“ ist kein gültiges XML (${failure})`);
  };
  const problem = inflateEntry(bytes, entry, (chunk) => {
    feed(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
  });
  if (problem !== undefined) throw new Refused(problem);
  feed(decoder.end());
  parser.close();
  feed('');
}

/** Accumulates the text of one element, refusing more than `max` characters. */
class TextBuffer {
  private parts: string[] = [];
  private length = 0;
  constructor(
    private readonly max: number,
    private readonly what: () => string,
  ) {}
  add(text: string): void {
    this.length += text.length;
    if (this.length > this.max)
      throw new Refused(
        `XLSX abgelehnt: ${this.what()} hat mehr als ${this.max.toLocaleString('de-DE')} Zeichen (erwartet: höchstens so viele)`,
      );
    this.parts.push(text);
  }
  /** The text so far, or undefined if nothing was added; empties the buffer. */
  take(): string | undefined {
    if (this.parts.length === 0) return undefined;
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.length = 0;
    return text;
  }
}

/** `_x000D_` and friends: characters XML cannot hold, escaped the OOXML way. */
const decodeEscapes = (text: string): string =>
  text.includes('_x')
    ? text.replace(/_x([0-9A-Fa-f]{4})_/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;

const isTrue = (value: string | undefined): boolean =>
  value !== undefined && value !== '0' && value !== 'false';

function readStyles(bytes: Uint8Array, entry: ZipEntry | undefined): XlsxStyle[] {
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

function readSharedStrings(bytes: Uint8Array, entry: ZipEntry | undefined, limits: XlsxLimits): string[] {
  if (!entry) return [];
  const strings: string[] = [];
  const text = new TextBuffer(limits.maxCellChars, () => `Text ${strings.length + 1} der gemeinsamen Texte`);
  let phonetic = false;
  let inText = false;
  parsePart(bytes, entry, {
    open(name) {
      if (name === 'rPh') phonetic = true;
      else if (name === 't' && !phonetic) inText = true;
    },
    close(name) {
      if (name === 'rPh') phonetic = false;
      else if (name === 't') inText = false;
      else if (name === 'si') strings.push(decodeEscapes(text.take() ?? ''));
    },
    text(t) {
      if (inText) text.add(t);
    },
  });
  return strings;
}

/** `AB12` (or `$AB$12`) → [11, 27], 0-based row and column; undefined for anything else. Runs once per cell. */
export function decodeReference(ref: string): [number, number] | undefined {
  let i = ref.charCodeAt(0) === 36 ? 1 : 0; // $
  let column = 0;
  const letters = i;
  for (let c = ref.charCodeAt(i) | 32; c >= 97 && c <= 122 && i - letters < 3; c = ref.charCodeAt(++i) | 32)
    column = column * 26 + (c - 96);
  if (i === letters) return undefined;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digits = i;
  for (let c = ref.charCodeAt(i); c >= 48 && c <= 57 && i - digits < 7; c = ref.charCodeAt(++i))
    row = row * 10 + (c - 48);
  if (i === digits || i !== ref.length || row === 0) return undefined;
  return [row - 1, column - 1];
}

function decodeRange(ref: string): CellRange | undefined {
  const [from, to = from] = ref.split(':');
  const a = decodeReference(from ?? '');
  const b = decodeReference(to ?? '');
  if (!a || !b) return undefined;
  return {
    top: Math.min(a[0], b[0]),
    left: Math.min(a[1], b[1]),
    bottom: Math.max(a[0], b[0]),
    right: Math.max(a[1], b[1]),
  };
}

interface Counter {
  cells: number;
}

function readSheet(
  bytes: Uint8Array,
  entry: ZipEntry,
  name: string,
  styles: readonly XlsxStyle[],
  strings: readonly string[],
  visitor: SheetVisitor,
  counter: Counter,
  limits: XlsxLimits,
): void {
  const tooMany = (): Refused =>
    new Refused(
      `XLSX abgelehnt: mehr als ${limits.maxCells.toLocaleString('de-DE')} Zellen (erwartet: höchstens so viele; Tabellenblatt „${name}“)`,
    );
  const merges: CellRange[] = [];
  let frozenRows = 0;
  let autoFilter: string | undefined;
  let row = -1;
  let column = -1;
  let rowLength = 0;
  // the cell being read
  let ref = '';
  let type = '';
  let style: XlsxStyle = DEFAULT_STYLE;
  let hasFormula = false;
  let collecting: 'v' | 'f' | 't' | undefined;
  let inlineString = false;
  let phonetic = false;
  const what = (): string => `Zelle ${ref} in Tabellenblatt „${name}“`;
  const value = new TextBuffer(limits.maxCellChars, what);
  const formula = new TextBuffer(limits.maxCellChars, what);

  const emit = (): void => {
    const raw = value.take();
    const f = formula.take();
    let cell: XlsxCell;
    const withFormula = hasFormula ? { formula: f ?? '' } : {};
    if (raw === undefined) cell = { type: 'blank', value: '', style, ...withFormula };
    else if (type === 's') {
      const s = strings[Number.parseInt(raw, 10)];
      cell =
        s === undefined
          ? { type: 'blank', value: '', style }
          : { type: 'string', value: s, style, ...withFormula };
    } else if (type === 'inlineStr')
      cell = { type: 'string', value: decodeEscapes(raw), style, ...withFormula };
    else if (type === 'str') cell = { type: 'string', value: raw, style, ...withFormula };
    else if (type === 'b') cell = { type: 'boolean', value: raw.trim(), style, ...withFormula };
    else if (type === 'e') cell = { type: 'error', value: raw.trim(), style, ...withFormula };
    else if (type === 'd') cell = { type: 'date', value: raw.trim(), style, ...withFormula };
    else cell = { type: 'number', value: raw.trim(), style, ...withFormula };
    if (column + 1 > rowLength) {
      counter.cells += column + 1 - rowLength;
      rowLength = column + 1;
      if (counter.cells > limits.maxCells) throw tooMany();
    }
    visitor.cell(row, column, cell);
  };

  parsePart(bytes, entry, {
    open(element, a) {
      switch (element) {
        case 'row': {
          row = a.r !== undefined ? Number.parseInt(a.r, 10) - 1 : row + 1;
          if (!(row >= 0 && row < MAX_ROWS))
            throw new Refused(
              `XLSX nicht lesbar: Zeile „${a.r ?? ''}“ in Tabellenblatt „${name}“ (erwartet: 1 bis ${MAX_ROWS.toLocaleString('de-DE')})`,
            );
          column = -1;
          rowLength = 0;
          break;
        }
        case 'c': {
          const at = a.r !== undefined ? decodeReference(a.r) : undefined;
          if (at) {
            if (at[0] !== row) {
              row = at[0];
              rowLength = 0;
            }
            column = at[1];
          } else column++;
          ref = a.r ?? `Z${row + 1}S${column + 1}`;
          if (!(row >= 0 && row < MAX_ROWS && column >= 0 && column < MAX_COLUMNS))
            throw new Refused(
              `XLSX nicht lesbar: Zellbezug „${ref}“ in Tabellenblatt „${name}“ außerhalb des Blatts (erwartet: A1 bis XFD1048576)`,
            );
          type = a.t ?? 'n';
          style = a.s !== undefined ? (styles[Number(a.s)] ?? DEFAULT_STYLE) : (styles[0] ?? DEFAULT_STYLE);
          hasFormula = false;
          break;
        }
        case 'v':
          collecting = 'v';
          break;
        case 'f':
          hasFormula = true;
          collecting = 'f';
          break;
        case 'is':
          inlineString = true;
          break;
        case 'rPh':
          phonetic = true;
          break;
        case 't':
          if (inlineString && !phonetic) collecting = 't';
          break;
        case 'mergeCell': {
          const range = a.ref !== undefined ? decodeRange(a.ref) : undefined;
          if (range) merges.push(range);
          break;
        }
        case 'pane':
          if (a.state === 'frozen' || a.state === 'frozenSplit')
            frozenRows = Number.parseFloat(a.ySplit ?? '0') || 0;
          break;
        case 'autoFilter':
          autoFilter = a.ref;
          break;
        default:
          break;
      }
    },
    close(element) {
      switch (element) {
        case 'c':
          emit();
          break;
        case 'v':
        case 'f':
        case 't':
          collecting = undefined;
          break;
        case 'is':
          inlineString = false;
          break;
        case 'rPh':
          phonetic = false;
          break;
        default:
          break;
      }
    },
    text(t) {
      if (collecting === 'f') formula.add(t);
      else if (collecting !== undefined) value.add(t);
    },
  });
  // a merged range is filled by the caller: count its cells before they exist
  for (const m of merges) {
    counter.cells += (m.bottom - m.top + 1) * (m.right - m.left + 1);
    if (counter.cells > limits.maxCells) throw tooMany();
  }
  visitor.end({ frozenRows, ...(autoFilter !== undefined ? { autoFilter } : {}), merges });
}

/** Reads a relationships part: id → { target (resolved against `base`), type }. */
function readRelationships(
  bytes: Uint8Array,
  entry: ZipEntry | undefined,
  base: string,
): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  if (!entry) return out;
  parsePart(bytes, entry, {
    open(name, a) {
      if (
        name === 'Relationship' &&
        a.Id !== undefined &&
        a.Target !== undefined &&
        a.TargetMode !== 'External'
      )
        out.set(a.Id, { target: resolvePath(base, a.Target), type: a.Type ?? '' });
    },
    close() {},
    text() {},
  });
  return out;
}

/** A part name from a relationship target: relative to `base` (a folder ending in `/`), or absolute. */
function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

const folderOf = (part: string): string => part.slice(0, part.lastIndexOf('/') + 1);
const relationshipsOf = (part: string): string =>
  `${folderOf(part)}_rels/${part.slice(part.lastIndexOf('/') + 1)}.rels`;

/** Reads every worksheet of an XLSX workbook, in order, into `visitor`. */
export function readXlsx(
  bytes: Uint8Array,
  visitor: WorkbookVisitor,
  limits: XlsxLimits = XLSX_LIMITS,
): XlsxReadResult {
  try {
    const directory = readZipDirectory(bytes, limits.maxEntries);
    if (!directory.ok) return directory;
    const refusal = judge(directory.entries, limits);
    if (refusal !== undefined) return { ok: false, message: refusal };
    const byName = new Map<string, ZipEntry>();
    for (const e of directory.entries) byName.set(e.name.toLowerCase(), e);
    const part = (name: string): ZipEntry | undefined => byName.get(name.toLowerCase());

    const root = readRelationships(bytes, part('_rels/.rels'), '');
    const workbookPath =
      [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const workbook = part(workbookPath);
    if (!workbook)
      return {
        ok: false,
        message: `XLSX nicht lesbar: ${workbookPath} fehlt (erwartet: eine XLSX-Arbeitsmappe mit Tabellenblättern)`,
      };
    const sheets: { name: string; id: string }[] = [];
    let date1904 = false;
    parsePart(bytes, workbook, {
      open(name, a) {
        if (name === 'sheet') {
          const id = Object.entries(a).find(([k]) => k !== 'id' && k.endsWith(':id'))?.[1];
          sheets.push({ name: a.name ?? '', id: id ?? '' });
        } else if (name === 'workbookPr') date1904 = isTrue(a.date1904);
      },
      close() {},
      text() {},
    });
    const relationships = readRelationships(
      bytes,
      part(relationshipsOf(workbookPath)),
      folderOf(workbookPath),
    );
    const byType = (type: string): ZipEntry | undefined => {
      const r = [...relationships.values()].find((x) => x.type.endsWith(`/${type}`));
      return r ? part(r.target) : undefined;
    };
    const styles = readStyles(bytes, byType('styles') ?? part('xl/styles.xml'));
    const strings = readSharedStrings(bytes, byType('sharedStrings') ?? part('xl/sharedStrings.xml'), limits);
    const counter: Counter = { cells: 0 };
    for (const sheet of sheets) {
      const r = relationships.get(sheet.id);
      if (!r || !r.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets: no cells
      const entry = part(r.target);
      if (!entry)
        return { ok: false, message: `XLSX nicht lesbar: Tabellenblatt „${sheet.name}“ fehlt (${r.target})` };
      readSheet(
        bytes,
        entry,
        sheet.name,
        styles,
        strings,
        visitor.sheet(sheet.name, { date1904 }),
        counter,
        limits,
      );
    }
    return { ok: true };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, message: e.message };
    // a string or array beyond what the engine can hold, whatever limit let it through
    if (e instanceof RangeError) return { ok: false, message: `XLSX nicht lesbar: ${e.message}` };
    throw e;
  }
}

/** One worksheet in memory: its name, cells by 0-based row and column, frozen rows, autofilter, merges. */
export interface XlsxSheet extends SheetEnd {
  readonly name: string;
  readonly rows: readonly (readonly (XlsxCell | undefined)[])[];
}

/**
 * A whole workbook in memory, sheet by sheet: for small workbooks and for tests that read back what the
 * exporter wrote. Importers stream with `readXlsx` instead, one sheet at a time.
 */
export function readWorkbook(
  bytes: Uint8Array,
  limits: XlsxLimits = XLSX_LIMITS,
):
  | { readonly ok: true; readonly sheets: readonly XlsxSheet[] }
  | { readonly ok: false; readonly message: string } {
  const sheets: XlsxSheet[] = [];
  const result = readXlsx(
    bytes,
    {
      sheet(name) {
        const rows: (XlsxCell | undefined)[][] = [];
        return {
          cell(r, c, cell) {
            (rows[r] ??= [])[c] = cell;
          },
          end(info) {
            sheets.push({ name, rows: Array.from(rows, (r) => (r ? Array.from(r) : [])), ...info });
          },
        };
      },
    },
    limits,
  );
  return result.ok ? { ok: true, sheets } : result;
}
