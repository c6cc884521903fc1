/**
 * The tidy CSV's strict record splitter (RFC 4180), also used for Haushalt's own FDP export read back and by
 * the export validators: each record with the line it starts on, or a German error for a quote left open or
 * misplaced.
 */

/** A quoted field read from `from`, just after its opening quote. */
export interface Quoted {
  /** The field's text: a doubled quote as one, line breaks kept. */
  readonly field: string;
  /** Just after the closing quote; -1 when the quote is never closed (`field` then runs to the end). */
  readonly end: number;
  /** Line breaks inside the field (up to the last quote found). */
  readonly breaks: number;
}

/** Reads a quoted field (RFC 4180) from just after its opening quote: the strict and the lenient reader's part. */
export function readQuoted(text: string, from: number): Quoted {
  let field = '';
  let breaks = 0;
  let i = from;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return { field: field + text.slice(i), end: -1, breaks };
    const chunk = text.slice(i, q);
    field += chunk;
    for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) breaks++;
    if (text[q + 1] !== '"') return { field, end: q + 1, breaks };
    field += '"';
    i = q + 2;
  }
}

const QUOTING = 'erwartet: Felder nach RFC 4180, z. B. "Maßnahme ""Nord"", Teil 2"';

/**
 * Splits RFC 4180 CSV (comma, double quotes, `\n` or `\r\n`) into records, calling `onRecord` with each
 * record's fields and the line it starts on. Returns an error for a quote left open or misplaced. Not
 * csv-parse (src/importers/table/csv.ts): that one is lenient on purpose for published tables, while the tidy
 * CSV wants strictness, record line numbers and German messages at the speed of one split per line.
 */
export function readCsvRecords(
  text: string,
  onRecord: (fields: string[], line: number) => void,
): { readonly line: number; readonly message: string } | undefined {
  const n = text.length;
  let pos = 0;
  let line = 1;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const raw = text.slice(pos, end);
    if (!raw.includes('"')) {
      // the common case: no quotes, one line, one record
      onRecord((raw.endsWith('\r') ? raw.slice(0, -1) : raw).split(','), line);
      pos = end + 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    let i = pos;
    for (;;) {
      if (text[i] === '"') {
        const quoted = readQuoted(text, i + 1);
        if (quoted.end < 0)
          return { line: start, message: `Anführungszeichen wird nicht geschlossen (${QUOTING})` };
        line += quoted.breaks;
        i = quoted.end;
        fields.push(quoted.field);
        const c = text[i];
        if (c === ',') {
          i++;
          continue;
        }
        if (c === undefined || c === '\n') {
          i++;
          break;
        }
        if (c === '\r' && (text[i + 1] === '\n' || i + 1 === n)) {
          i += 2;
          break;
        }
        return {
          line,
          message: `nach dem schließenden Anführungszeichen folgt „${c}“ statt Komma oder Zeilenende (${QUOTING})`,
        };
      }
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
      let field = text.slice(i, j);
      if (field.includes('"'))
        return { line, message: `Anführungszeichen mitten im Feld „${field.slice(0, 40)}“ (${QUOTING})` };
      i = j + 1;
      if (text[j] === ',') {
        fields.push(field);
        continue;
      }
      if (field.endsWith('\r')) field = field.slice(0, -1);
      fields.push(field);
      break;
    }
    onRecord(fields, start);
    line++;
    pos = i;
  }
  return undefined;
}
