/**
 * The parts of the ZIP format (PKWARE APPNOTE 6.3) an XLSX workbook needs, read defensively: the central
 * directory is read first, so that sizes can be judged before anything is inflated; then single entries are
 * inflated in chunks (fflate's streaming `Inflate`) in the order the caller wants, by random access, never in file
 * order and never as a whole. An entry's output is held to the size the directory declares: a directory that lies
 * about its sizes is caught while inflating, after at most one chunk more than it declared.
 *
 * ZIP64 sizes and offsets are read; encrypted entries and methods other than stored (0) and deflate (8) are not
 * supported (Excel, LibreOffice and every library write deflate). CRCs are not checked: the XML parser rejects
 * what a corrupt stream turns into. Messages are German, for import errors.
 */
import { Inflate } from 'fflate';

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  /** General purpose bit flags (bit 0: encrypted). */
  readonly flags: number;
  readonly compressedSize: number;
  /** The uncompressed size the central directory declares. */
  readonly size: number;
  readonly localHeaderOffset: number;
}

export type ZipDirectory =
  | { readonly ok: true; readonly entries: readonly ZipEntry[] }
  | { readonly ok: false; readonly message: string };

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const MAX32 = 0xffffffff;

/** How much compressed input is inflated at a time: deflate expands at most ~1032-fold, so one step ≤ 17 MB. */
const INPUT_CHUNK = 16 * 1024;

const u16 = (b: Uint8Array, at: number): number => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number): number => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;
/** A 64-bit size as a number; beyond 2^53 it is only "very large", which every limit refuses anyway. */
const u64 = (b: Uint8Array, at: number): number => u32(b, at) + u32(b, at + 4) * 2 ** 32;

const notZip = (why: string): ZipDirectory => ({
  ok: false,
  message: `XLSX nicht lesbar: ${why} (erwartet: eine XLSX-Arbeitsmappe, also ein ZIP-Archiv)`,
});

function findEndOfDirectory(bytes: Uint8Array): number {
  // the record is 22 bytes plus a comment of up to 65,535 bytes, at the very end
  const last = bytes.length - 22;
  for (let at = last; at >= 0 && at >= last - 65_535; at--) {
    if (u32(bytes, at) === EOCD) return at;
  }
  return -1;
}

/** The entries of the central directory, without inflating anything. */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipDirectory {
  const eocd = findEndOfDirectory(bytes);
  if (eocd < 0) return notZip('kein ZIP-Verzeichnis gefunden');
  let count = u16(bytes, eocd + 10);
  let size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  if (count === 0xffff || size === MAX32 || offset === MAX32) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== EOCD64_LOCATOR) return notZip('ZIP64-Verzeichnis fehlt');
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== EOCD64) return notZip('ZIP64-Verzeichnis fehlt');
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
  }
  if (count > maxEntries) {
    return {
      ok: false,
      message: `XLSX abgelehnt: ${count.toLocaleString('de-DE')} Einträge im ZIP-Verzeichnis (erwartet: höchstens ${maxEntries.toLocaleString('de-DE')})`,
    };
  }
  if (offset + size > bytes.length) return notZip('ZIP-Verzeichnis liegt außerhalb der Datei');
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || u32(bytes, at) !== CENTRAL_HEADER)
      return notZip('ZIP-Verzeichnis beschädigt');
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    let compressedSize = u32(bytes, at + 20);
    let uncompressed = u32(bytes, at + 24);
    let localHeaderOffset = u32(bytes, at + 42);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // ZIP64 extended information (0x0001): the 64-bit values of the fields that hold 0xFFFFFFFF, in this order
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
      const id = u16(bytes, x);
      const length = u16(bytes, x + 2);
      if (id === 0x0001) {
        let field = x + 4;
        if (uncompressed === MAX32) [uncompressed, field] = [u64(bytes, field), field + 8];
        if (compressedSize === MAX32) [compressedSize, field] = [u64(bytes, field), field + 8];
        if (localHeaderOffset === MAX32) localHeaderOffset = u64(bytes, field);
      }
      x += 4 + length;
    }
    entries.push({
      name,
      method: u16(bytes, at + 10),
      flags: u16(bytes, at + 8),
      compressedSize,
      size: uncompressed,
      localHeaderOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** Thrown inside the inflate callback to stop at once; never leaves this module. */
class Stop extends Error {}

/**
 * Inflates one entry chunk by chunk, handing each piece of output to `onData`. Returns a German message when
 * the entry cannot be read or inflates to more than its declared size, else undefined. An exception thrown by
 * `onData` is passed on.
 */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  onData: (chunk: Uint8Array) => void,
): string | undefined {
  const part = `Teil „${entry.name}“`;
  if (entry.flags & 1) return `XLSX nicht lesbar: ${part} ist verschlüsselt`;
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || u32(bytes, header) !== LOCAL_HEADER)
    return `XLSX nicht lesbar: ${part} fehlt an der im ZIP-Verzeichnis angegebenen Stelle`;
  const start = header + 30 + u16(bytes, header + 26) + u16(bytes, header + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) return `XLSX nicht lesbar: ${part} reicht über das Dateiende hinaus`;
  const tooLarge = `XLSX abgelehnt: ${part} ist entpackt größer als die im ZIP-Verzeichnis angegebenen ${entry.size.toLocaleString('de-DE')} Bytes (erwartet: genau diese Größe; Schutz vor ZIP-Bomben)`;
  if (entry.method === 0) {
    if (entry.compressedSize > entry.size) return tooLarge;
    if (entry.compressedSize < entry.size)
      return `XLSX nicht lesbar: ${part} ist kleiner als im ZIP-Verzeichnis angegeben (beschädigt)`;
    for (let at = start; at < end; at += INPUT_CHUNK)
      onData(bytes.subarray(at, Math.min(end, at + INPUT_CHUNK)));
    return undefined;
  }
  if (entry.method !== 8)
    return `XLSX nicht lesbar: ${part} ist mit Verfahren ${entry.method} gepackt (erwartet: Deflate oder ungepackt)`;
  let inflated = 0;
  let overrun = false;
  const inflate = new Inflate((chunk) => {
    inflated += chunk.length;
    if (inflated > entry.size) {
      overrun = true;
      throw new Stop();
    }
    onData(chunk);
  });
  try {
    for (let at = start; at < end; at += INPUT_CHUNK) {
      const next = Math.min(end, at + INPUT_CHUNK);
      inflate.push(bytes.subarray(at, next), next === end);
    }
  } catch (e) {
    if (e instanceof Stop || overrun) return tooLarge;
    if (e instanceof Error && 'code' in e) return `XLSX nicht lesbar: ${part}: ${e.message}`;
    throw e;
  }
  if (inflated !== entry.size)
    return `XLSX nicht lesbar: ${part} ist entpackt ${inflated.toLocaleString('de-DE')} statt ${entry.size.toLocaleString('de-DE')} Bytes groß (beschädigt)`;
  return undefined;
}
