/**
 * The ZIP layer under the XLSX reader: the central directory read before anything is inflated, entries inflated
 * by random access in chunks, and an entry held to the size its directory declares. Archives come from fflate
 * (as any writer makes them) and are then changed byte by byte where a test needs a lying or broken directory;
 * ZIP64 is built by hand.
 */
import { deflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inflateEntry, readZipDirectory, type ZipEntry } from './zip.js';

/** The offset of an entry's central directory header. */
function centralHeader(zip: Uint8Array, name: string): number {
  const want = strToU8(name);
  for (let at = zip.length - 46; at >= 0; at--) {
    if (zip[at] === 0x50 && zip[at + 1] === 0x4b && zip[at + 2] === 1 && zip[at + 3] === 2) {
      const length = zip[at + 28]! | (zip[at + 29]! << 8);
      if (length === want.length && want.every((b, i) => zip[at + 46 + i] === b)) return at;
    }
  }
  throw new Error(`no central header for ${name}`);
}

const setU16 = (b: Uint8Array, at: number, v: number): void => {
  new DataView(b.buffer, b.byteOffset).setUint16(at, v, true);
};
const setU32 = (b: Uint8Array, at: number, v: number): void => {
  new DataView(b.buffer, b.byteOffset).setUint32(at, v, true);
};

/** Everything an entry inflates to, as text. */
function inflated(zip: Uint8Array, entry: ZipEntry): { text: string; problem: string | undefined } {
  const chunks: Uint8Array[] = [];
  const problem = inflateEntry(zip, entry, (c) => chunks.push(c.slice()));
  return { text: Buffer.concat(chunks).toString('utf8'), problem };
}

function directory(zip: Uint8Array): readonly ZipEntry[] {
  const d = readZipDirectory(zip, 100);
  if (!d.ok) throw new Error(d.message);
  return d.entries;
}

describe('readZipDirectory and inflateEntry', () => {
  const big = 'Zeile;Betrag\n'.repeat(20_000);
  const zip = zipSync({
    'a/stored.xml': [strToU8('<a>ungepackt</a>'), { level: 0 }],
    'b/packed.xml': [strToU8(big), { level: 9 }],
    'c/ümlaut.txt': strToU8('ä'),
  });

  it('lists the entries with their declared sizes and inflates each by itself, in any order', () => {
    const entries = directory(zip);
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ['a/stored.xml', 0, 16],
      ['b/packed.xml', 8, big.length],
      ['c/ümlaut.txt', 8, 2],
    ]);
    expect(entries[1]!.compressedSize).toBeLessThan(2000);
    expect(inflated(zip, entries[2]!)).toEqual({ text: 'ä', problem: undefined });
    expect(inflated(zip, entries[1]!)).toEqual({ text: big, problem: undefined });
    expect(inflated(zip, entries[0]!)).toEqual({ text: '<a>ungepackt</a>', problem: undefined });
  });

  it('hands out a large entry in pieces, not as a whole', () => {
    // amounts that do not repeat: 600 kB that pack to far more than one 16 kB input chunk
    let seed = 1;
    const rows = Array.from({ length: 40_000 }, () => (seed = (seed * 48_271) % 2_147_483_647).toString());
    const text = rows.join(';');
    const numbers = zipSync({ 'n.csv': strToU8(text) });
    const pieces: number[] = [];
    expect(inflateEntry(numbers, directory(numbers)[0]!, (c) => pieces.push(c.length))).toBeUndefined();
    expect(directory(numbers)[0]!.compressedSize).toBeGreaterThan(3 * 16 * 1024);
    expect(pieces.length).toBeGreaterThan(3);
    expect(Math.max(...pieces)).toBeLessThan(text.length / 2);
    expect(pieces.reduce((a, b) => a + b)).toBe(text.length);
  });

  it('stops an entry that inflates to more than its directory declares, after at most one chunk', () => {
    const lying = zip.slice();
    setU32(lying, centralHeader(lying, 'b/packed.xml') + 24, 1000);
    const entry = directory(lying)[1]!;
    let handed = 0;
    const problem = inflateEntry(lying, entry, (c) => (handed += c.length));
    expect(problem).toBe(
      'XLSX abgelehnt: Teil „b/packed.xml“ ist entpackt größer als die im ZIP-Verzeichnis angegebenen 1.000 Bytes (erwartet: genau diese Größe; Schutz vor ZIP-Bomben)',
    );
    expect(handed).toBeLessThanOrEqual(1000);
  });

  it('reports an entry smaller than declared, a foreign method, encryption and a broken archive', () => {
    const larger = zip.slice();
    setU32(larger, centralHeader(larger, 'c/ümlaut.txt') + 24, 3);
    expect(inflated(larger, directory(larger)[2]!).problem).toBe(
      'XLSX nicht lesbar: Teil „c/ümlaut.txt“ ist entpackt 2 statt 3 Bytes groß (beschädigt)',
    );
    const lzma = zip.slice();
    setU16(lzma, centralHeader(lzma, 'c/ümlaut.txt') + 10, 14);
    expect(inflated(lzma, directory(lzma)[2]!).problem).toBe(
      'XLSX nicht lesbar: Teil „c/ümlaut.txt“ ist mit Verfahren 14 gepackt (erwartet: Deflate oder ungepackt)',
    );
    const encrypted = zip.slice();
    setU16(encrypted, centralHeader(encrypted, 'a/stored.xml') + 8, 1);
    expect(inflated(encrypted, directory(encrypted)[0]!).problem).toBe(
      'XLSX nicht lesbar: Teil „a/stored.xml“ ist verschlüsselt',
    );
    const garbage = zip.slice();
    const offset = new DataView(garbage.buffer).getUint32(centralHeader(garbage, 'b/packed.xml') + 42, true);
    garbage.fill(0xff, offset + 60, offset + 80);
    expect(inflated(garbage, directory(garbage)[1]!).problem).toMatch(
      /^XLSX nicht lesbar: Teil „b\/packed\.xml“: /u,
    );
    expect(readZipDirectory(zip.subarray(0, zip.length - 30), 100)).toEqual({
      ok: false,
      message:
        'XLSX nicht lesbar: kein ZIP-Verzeichnis gefunden (erwartet: eine XLSX-Arbeitsmappe, also ein ZIP-Archiv)',
    });
    expect(readZipDirectory(zip, 2)).toEqual({
      ok: false,
      message: 'XLSX abgelehnt: 3 Einträge im ZIP-Verzeichnis (erwartet: höchstens 2)',
    });
  });

  it('reads ZIP64 sizes and offsets', () => {
    // one deflated entry whose central header defers all three fields to the ZIP64 extra field
    const name = strToU8('xl/workbook.xml');
    const data = strToU8('<workbook/>'.repeat(10));
    const packed = deflateSync(data);
    const local = new Uint8Array(30 + name.length);
    setU32(local, 0, 0x04034b50);
    setU16(local, 8, 8);
    setU16(local, 26, name.length);
    local.set(name, 30);
    const extra = new Uint8Array(4 + 24);
    setU16(extra, 0, 0x0001);
    setU16(extra, 2, 24);
    setU32(extra, 4, data.length); // uncompressed, low 32 bits
    setU32(extra, 12, packed.length); // compressed
    setU32(extra, 20, 0); // local header offset
    const central = new Uint8Array(46 + name.length + extra.length);
    setU32(central, 0, 0x02014b50);
    setU16(central, 10, 8);
    setU32(central, 20, 0xffffffff);
    setU32(central, 24, 0xffffffff);
    setU16(central, 28, name.length);
    setU16(central, 30, extra.length);
    setU32(central, 42, 0xffffffff);
    central.set(name, 46);
    central.set(extra, 46 + name.length);
    const cdOffset = local.length + packed.length;
    const eocd64 = new Uint8Array(56);
    setU32(eocd64, 0, 0x06064b50);
    setU32(eocd64, 32, 1);
    setU32(eocd64, 40, central.length);
    setU32(eocd64, 48, cdOffset);
    const locator = new Uint8Array(20);
    setU32(locator, 0, 0x07064b50);
    setU32(locator, 8, cdOffset + central.length);
    const eocd = new Uint8Array(22);
    setU32(eocd, 0, 0x06054b50);
    setU16(eocd, 10, 0xffff);
    setU32(eocd, 12, 0xffffffff);
    setU32(eocd, 16, 0xffffffff);
    const zip64 = Buffer.concat([local, packed, central, eocd64, locator, eocd]);
    const entries = directory(zip64);
    expect(entries).toEqual([
      {
        name: 'xl/workbook.xml',
        method: 8,
        flags: 0,
        compressedSize: packed.length,
        size: data.length,
        localHeaderOffset: 0,
      },
    ]);
    expect(inflated(zip64, entries[0]!)).toEqual({ text: '<workbook/>'.repeat(10), problem: undefined });
  });
});
