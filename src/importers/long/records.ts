/**
 * Splits a long table's CSV text into records with the line each starts on: the delimiter (`;`, `,` or tab) as
 * `detectDelimiter` finds it, fields quoted as in RFC 4180 (a quoted field may hold delimiters, doubled quotes
 * and line breaks), every field trimmed. Lenient where published files are sloppy: a quote inside an unquoted
 * field is kept as a character, text after a closing quote is kept with the field. One pass over the text; a
 * line without quotes is split in one call (the common case: 414,000 rows of Bonn's SAP export).
 */
import { readQuoted } from '../tidy-csv/records.js';

export interface Records {
  readonly rows: string[][];
  /** 1-based line of the file each row starts on. */
  readonly lines: number[];
}

export function splitRecords(text: string, delimiter: string): Records {
  const rows: string[][] = [];
  const lines: number[] = [];
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const quote = text.indexOf('"', pos);
    if (quote < 0 || quote > end) {
      let raw = text.slice(pos, end);
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      if (raw.trim() !== '') {
        const fields = raw.split(delimiter);
        for (let k = 0; k < fields.length; k++) {
          const f = fields[k]!;
          // trim only what needs it: most fields have no blanks around them
          if (f.length > 0 && (f.charCodeAt(0) <= 32 || f.charCodeAt(f.length - 1) <= 32))
            fields[k] = f.trim();
        }
        rows.push(fields);
        lines.push(line);
      }
      pos = end + 1;
      line++;
      continue;
    }
    // a record with quotes: field by field, possibly over several lines
    const start = line;
    const fields: string[] = [];
    let i = pos;
    for (;;) {
      while (i < n && (text[i] === ' ' || text[i] === '\t') && text[i] !== delimiter) i++;
      let field = '';
      if (text[i] === '"') {
        // a quote never closed: the field runs to the end of the text
        const quoted = readQuoted(text, i + 1);
        field = quoted.field;
        line += quoted.breaks;
        i = quoted.end < 0 ? n : quoted.end;
      }
      // the rest up to the delimiter or the end of the line (for a quoted field: whatever follows the quote)
      let j = i;
      while (j < n && text[j] !== delimiter && text[j] !== '\n') j++;
      field += text.slice(i, j);
      if (text[j] !== delimiter && field.endsWith('\r')) field = field.slice(0, -1);
      fields.push(field.trim());
      i = j + 1;
      if (text[j] === delimiter) continue;
      break;
    }
    if (fields.some((f) => f !== '')) {
      rows.push(fields);
      lines.push(start);
    }
    line++;
    pos = i;
  }
  return { rows, lines };
}
