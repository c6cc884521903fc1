/**
 * The cells of an XLSX worksheet, streamed into a visitor as written (never computed): a number as its
 * decimal text, strings resolved against the shared strings (also read here), booleans as `1`/`0`, a formula's
 * cached result with the formula beside it; then the sheet's frozen rows, autofilter and merged ranges. Cells
 * are counted against the workbook's limit, merged ranges included (the caller fills them).
 */
import type { XlsxLimits } from './xlsx-limits.js';
import { DEFAULT_STYLE, type XlsxStyle } from './xlsx-styles.js';
import { decodeEscapes, parsePart, Refused, TextBuffer } from './xlsx-xml.js';
import type { ZipEntry } from './zip.js';

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

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

export function readSharedStrings(
  bytes: Uint8Array,
  entry: ZipEntry | undefined,
  limits: XlsxLimits,
): string[] {
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

export interface Counter {
  cells: number;
}

export function readSheet(
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
