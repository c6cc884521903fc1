/**
 * Bytes to text, and what a file's first bytes say it is. Text files come as UTF-8 (with or without BOM),
 * UTF-16 with BOM, or Windows-1252 (decoded here: Node's decoder reads it as Latin-1); a PDF, a ZIP archive or
 * bytes with controls or NULs are no text, said in German.
 */

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
export const isPdf = (bytes: Uint8Array): boolean => startsWith(bytes, [0x25, 0x50, 0x44, 0x46]);
export const isZip = (bytes: Uint8Array): boolean => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
export const isGzip = (bytes: Uint8Array): boolean => startsWith(bytes, [0x1f, 0x8b]);

export type Decoded =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/**
 * Control characters other than tab, line feed, form feed and carriage return, and the C1 controls that
 * Windows-1252 leaves undefined: signs of binary data.
 */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || (c >= 127 && c <= 159)) return true;
  }
  return false;
}

/** Windows-1252 at 0x80–0x9F (the rest is Latin-1); the five bytes it leaves undefined stay C1 controls. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Node 20's TextDecoder('windows-1252') decodes as Latin-1 (0x80 → U+0080, not €): decoded here instead. */
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/gu, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** Bytes to text: UTF-16 with BOM, UTF-8 (BOM removed), or Windows-1252 when the bytes are no valid UTF-8. */
export function decode(bytes: Uint8Array): Decoded {
  if (isPdf(bytes)) return { ok: false, message: 'ist eine PDF-Datei und kein Text' };
  if (isZip(bytes)) {
    return { ok: false, message: 'ist ein ZIP-Archiv, aber keine lesbare XLSX-Arbeitsmappe' };
  }
  const utf16 = startsWith(bytes, [0xff, 0xfe])
    ? 'utf-16le'
    : startsWith(bytes, [0xfe, 0xff])
      ? 'utf-16be'
      : '';
  if (utf16 !== '') {
    // Excel's "Unicode-Text" and some Windows tools write UTF-16 with a byte order mark
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
      if (!hasControlCharacters(text.slice(0, 65_536))) return { ok: true, text };
    } catch {
      // not UTF-16 after all: judged below like any other bytes
    }
  }
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) return { ok: false, message: 'ist keine Textdatei (enthält Nullbytes)' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/u, '') };
  } catch {
    const text = decodeWindows1252(bytes);
    if (hasControlCharacters(text.slice(0, 65_536)))
      return { ok: false, message: 'ist keine Textdatei (weder UTF-8 noch Windows-1252)' };
    return { ok: true, text };
  }
}
