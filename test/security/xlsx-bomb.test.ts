/**
 * XLSX bombs (security review, issue 13: "A 17.7 MB XLSX froze every request for 38 s; three in parallel
 * crashed the server out of memory"). The workbooks are made here with fflate's streaming `Zip`: a worksheet
 * of 2 GiB of repeated rows packs to a few MB, without the 2 GiB ever being in memory — one deflated megabyte,
 * made independent of what precedes it (a fresh raw deflate ended by a sync flush), is repeated 2,048 times. Three variants: an honest
 * directory declaring the 2 GiB, a directory lying that the sheet is small, and a sheet below the size limit
 * but packed a thousandfold. Each is refused quickly with a German error naming the file, the process's memory
 * stays within a bound, and the command line, run with a small heap, exits cleanly with the message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { deflateSync, strFromU8, strToU8, Zip, type ZipInputFile } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../src/importers/index.js';
import { XLSX_LIMITS } from '../../src/importers/table/xlsx.js';
import { REPO_ROOT } from '../paths.js';

/** Refused before inflating: far below the tens of seconds reading the bomb would take, even on a loaded machine. */
const REFUSED_MS = 5000;

const MIB = 1024 * 1024;
const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-xlsx-bomb-'));

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEAD = strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${MAIN}><sheetData>`);
const TAIL = strToU8('</sheetData></worksheet>');
/** One MiB of rows, the bomb's unit: 16,384 rows of 64 bytes, `<row><c t="inlineStr"><is><t>Bombe …`. */
const UNIT = (() => {
  const row = strToU8('<row><c t="inlineStr"><is><t>Bombe Bombe Bomb</t></is></c></row>');
  const unit = new Uint8Array(MIB);
  for (let at = 0; at < MIB; at += row.length) unit.set(row, at);
  return unit;
})();

/**
 * Raw deflate of `data` as a non-final, byte-aligned segment that refers to nothing before it: zlib's sync flush
 * at the end (fflate 0.8.3's `Deflate.flush(true)` does not give segments that can be put one after another).
 */
function segment(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(deflateRawSync(data, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }));
}

/**
 * A workbook whose sheet inflates to `units` MiB (plus head and tail); `declared` is what its central directory
 * says the sheet inflates to (the truth unless given).
 */
function bomb(units: number, declared?: number): { bytes: Uint8Array; size: number } {
  const unit = segment(UNIT);
  const head = segment(HEAD);
  const tail = deflateSync(TAIL); // the final block
  let crc = crc32(HEAD);
  for (let i = 0; i < units; i++) crc = crc32(UNIT, crc);
  crc = crc32(TAIL, crc);
  const size = HEAD.length + units * MIB + TAIL.length;
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  // the workbook and its relationships, small parts packed as a whole
  for (const [name, text] of [
    [
      'xl/workbook.xml',
      `<workbook ${MAIN} xmlns:r="${REL}"><sheets><sheet name="Bombe" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ],
  ] as const) {
    const data = strToU8(text);
    const packed = deflateSync(data);
    const file: ZipInputFile = { filename: name, size: data.length, crc: crc32(data), compression: 8 };
    zip.add(file);
    file.ondata!(null, packed, true);
  }
  // the sheet: its deflated stream handed over piece by piece, its size and CRC those of the 2 GiB it holds
  const sheet: ZipInputFile = {
    filename: 'xl/worksheets/sheet1.xml',
    size: declared ?? size,
    crc,
    compression: 8,
  };
  zip.add(sheet);
  sheet.ondata!(null, head, false);
  for (let i = 0; i < units; i++) sheet.ondata!(null, unit, false);
  sheet.ondata!(null, tail, true);
  zip.end();
  return { bytes: Buffer.concat(out), size };
}

/** Imports a file in this process and measures the time and the growth of the resident set. */
async function refuse(file: string) {
  globalThis.gc?.();
  const rss = process.memoryUsage().rss;
  const start = performance.now();
  const result = await importFiles([file]);
  return { result, ms: performance.now() - start, grewMiB: (process.memoryUsage().rss - rss) / MIB };
}

describe('XLSX bombs', () => {
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });
  const twoGiB = bomb(2048);
  const honest = path.join(tmp, 'bombe.xlsx');
  writeFileSync(honest, twoGiB.bytes);

  it('are what they claim: 2 GiB of sheet in a file of a few MB', () => {
    expect(strFromU8(UNIT.subarray(0, 64))).toBe(
      '<row><c t="inlineStr"><is><t>Bombe Bombe Bomb</t></is></c></row>',
    );
    expect(twoGiB.size).toBeGreaterThan(2 * 1024 * MIB);
    expect(twoGiB.bytes.length).toBeLessThan(8 * MIB);
    expect(twoGiB.bytes.length).toBeGreaterThan(MIB);
  });

  it('is refused by its central directory before anything is inflated', async () => {
    const { result, ms, grewMiB } = await refuse(honest);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          file: honest,
          message:
            'XLSX abgelehnt: entpackt 2.048 MB groß (erwartet: höchstens 1.024 MB entpackt; Schutz vor ZIP-Bomben)',
        },
      ],
    });
    expect(ms).toBeLessThan(REFUSED_MS);
    expect(grewMiB).toBeLessThan(64);
  });

  it('is refused while inflating when the directory lies about the size, after no more than it declared', async () => {
    const liar = path.join(tmp, 'luegt.xlsx');
    writeFileSync(liar, bomb(2048, 8 * MIB).bytes);
    const { result, ms, grewMiB } = await refuse(liar);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          file: liar,
          message:
            'XLSX abgelehnt: Teil „xl/worksheets/sheet1.xml“ ist entpackt größer als die im ZIP-Verzeichnis angegebenen 8.388.608 Bytes (erwartet: genau diese Größe; Schutz vor ZIP-Bomben)',
        },
      ],
    });
    expect(ms).toBeLessThan(5000);
    // a bomb not stopped at its declared size inflates 2,048 MB; the process's resident size also holds the
    // inflater's garbage until a collection (143 MiB seen once on a loaded machine, about 60 alone)
    expect(grewMiB).toBeLessThan(256);
  });

  it('is refused by its compression ratio when it stays below the size limit', async () => {
    const dense = path.join(tmp, 'dicht.xlsx');
    const { bytes } = bomb(512);
    writeFileSync(dense, bytes);
    const { result, ms } = await refuse(dense);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.file).toBe(dense);
      expect(result.errors[0]!.message).toMatch(
        new RegExp(
          `^XLSX abgelehnt: Teil „xl/worksheets/sheet1\\.xml“ ist [\\d.]+-fach gepackt \\(erwartet: höchstens ${XLSX_LIMITS.maxCompressionRatio}-fach; Schutz vor ZIP-Bomben\\)$`,
          'u',
        ),
      );
    }
    expect(ms).toBeLessThan(REFUSED_MS);
  });

  it('lets the command line, run with a 64 MB heap, exit cleanly with the message naming the file', () => {
    for (const file of [honest, path.join(tmp, 'luegt.xlsx')]) {
      const run = spawnSync(
        process.execPath,
        ['--max-old-space-size=64', path.join(REPO_ROOT, 'bin/haushalt.js'), 'import', file],
        { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 },
      );
      expect(run.status).toBe(2);
      expect(run.signal).toBeNull();
      expect(run.stderr).toContain(`${file}: XLSX abgelehnt: `);
      expect(run.stderr).toContain('Schutz vor ZIP-Bomben');
    }
  });

  it('is measured in a fresh process with a 64 MB heap: memory stays far below what the bombs hold', () => {
    const measure = (file: string) => {
      const script = `
        const { importFiles } = await import(${JSON.stringify(path.join(REPO_ROOT, 'dist/src/importers/index.js'))});
        await import(${JSON.stringify(path.join(REPO_ROOT, 'dist/src/importers/table/xlsx.js'))});
        const before = process.memoryUsage().rss;
        const start = performance.now();
        const r = await importFiles([${JSON.stringify(file)}]);
        const ms = performance.now() - start;
        console.log(JSON.stringify({ ok: r.ok, ms, before, peak: process.resourceUsage().maxRSS * 1024 }));
      `;
      const run = spawnSync(
        process.execPath,
        ['--max-old-space-size=64', '--input-type=module', '-e', script],
        {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(run.status).toBe(0);
      return JSON.parse(run.stdout) as { ok: boolean; ms: number; before: number; peak: number };
    };
    // the honest bomb: nothing inflated, the process grows by little more than the 2 MB file it reads
    const honestRun = measure(honest);
    expect(honestRun.ok).toBe(false);
    expect(honestRun.ms).toBeLessThan(REFUSED_MS);
    expect((honestRun.peak - honestRun.before) / MIB).toBeLessThan(32);
    // the lying bomb: inflated and parsed up to the 8 MiB its directory declares, then refused
    const liarRun = measure(path.join(tmp, 'luegt.xlsx'));
    expect(liarRun.ok).toBe(false);
    expect(liarRun.ms).toBeLessThan(5000);
    expect(liarRun.peak / MIB).toBeLessThan(256);
  });
});
