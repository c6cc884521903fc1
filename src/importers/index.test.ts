import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE } from '../../test/paths.js';
import { toTidyCsv } from '../exporters/tidy-csv.js';
import { importFiles } from './index.js';
import { formatImportError, type ImportResult } from './types.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'haushalt-import-'));
function file(name: string, content: string | Uint8Array): string {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
}
function messages(r: ImportResult): string[] {
  return r.ok ? [] : r.errors.map((e) => formatImportError({ ...e, file: path.basename(e.file) }));
}
const TIDY =
  'node,level,plan,line,kind,year,amount\n43,produktbereich,teilergebnisplan,02,ansatz,2026,1.00\n';

describe('importFiles: reading and decoding', () => {
  it('reads UTF-8 with and without BOM, UTF-16 with BOM and Windows-1252', async () => {
    const variants = [
      file('plain.csv', TIDY),
      file('bom.csv', `\uFEFF${TIDY}`),
      file('utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TIDY, 'utf16le')])),
      file('utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TIDY, 'utf16le').swap16()])),
    ];
    for (const f of variants) {
      const r = await importFiles([f]);
      expect(r.ok ? r.budget.nodes.map((n) => n.code) : messages(r)).toEqual(['43']);
    }
    // "Straße „€“" in Windows-1252: ß is 0xDF, „ 0x84, € 0x80, “ 0x93
    const cp1252 = Buffer.concat([
      Buffer.from('node,level,plan,line,kind,year,amount\nStra'),
      Buffer.from([0xdf, 0x65, 0x20, 0x84, 0x80, 0x93]),
      Buffer.from(',produktbereich,teilergebnisplan,02,ansatz,2026,1.00\n'),
    ]);
    const r = await importFiles([file('cp1252.csv', cp1252)]);
    expect(r.ok ? r.budget.nodes[0]!.code : messages(r)).toBe('Straße „€“');
  });

  it('refuses what it cannot read with a German message naming the file', async () => {
    const dir = path.join(tmp, 'ordner');
    mkdirSync(dir, { recursive: true });
    const big = file('gross.txt', '');
    truncateSync(big, 201 * 1024 * 1024);
    const cases: [string, string][] = [
      [path.join(tmp, 'fehlt.txt'), 'fehlt.txt: Datei nicht gefunden'],
      [dir, 'ordner: ist ein Verzeichnis, keine Datei'],
      [
        file('leer.txt', ''),
        'leer.txt: Die Datei ist leer (erwartet: ein Haushaltsplan als Text, CSV oder Tidy-CSV)',
      ],
      [
        file('null.bin', Buffer.from([0x41, 0x00, 0x42])),
        'null.bin: ist keine Textdatei (enthält Nullbytes)',
      ],
      [
        file('steuer.bin', Buffer.from([0xc3, 0x28, 0x01, 0x02, 0x1b])),
        'steuer.bin: ist keine Textdatei (weder UTF-8 noch Windows-1252)',
      ],
      [big, 'gross.txt: ist 201 MB groß; gelesen werden Dateien bis 200 MB'],
      [
        file('kaputt.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00])),
        'kaputt.zip: ist ein ZIP-Archiv, aber keine lesbare XLSX-Arbeitsmappe',
      ],
    ];
    for (const [f, message] of cases) expect(messages(await importFiles([f]))).toEqual([message]);
    expect(messages(await importFiles([file('brief.txt', 'Sehr geehrte Damen und Herren,\n')]))[0]).toMatch(
      /^brief\.txt, Zeile 1: Format nicht erkannt: erwartet ein Tidy-CSV .*, einen Haushaltsplan als Text .* oder eine Tabelle mit Planzeilen \(CSV\)$/u,
    );
    // every file is read, every problem reported
    expect(messages(await importFiles([path.join(tmp, 'a.txt'), dir]))).toHaveLength(2);
  });
});

describe('importFiles: several files, one budget', () => {
  const reference = readFileSync(REFERENCE, 'utf8');

  it('gives the same budget from the reference split in two files as from the whole', async () => {
    const lines = reference.split('\n');
    const cut = lines.findIndex((l) => l.startsWith('Teilergebnisplan Produktgruppe 43.01'));
    const a = file('teil-a.txt', lines.slice(0, cut).join('\n'));
    const b = file('teil-b.txt', lines.slice(cut).join('\n'));
    const whole = await importFiles([REFERENCE]);
    const split = await importFiles([a, b]);
    if (!whole.ok || !split.ok) throw new Error([...messages(whole), ...messages(split)].join('\n'));
    expect(split.budget.files).toEqual([a, b]);
    expect(toTidyCsv(split.budget)).toBe(toTidyCsv(whole.budget));
    expect(split.budget.nodes.map((n) => [n.code, n.parent])).toEqual(
      whole.budget.nodes.map((n) => [n.code, n.parent]),
    );
  });

  it('merges the text with its own tidy CSV, and names both places when an amount differs', async () => {
    const whole = await importFiles([REFERENCE]);
    if (!whole.ok) throw new Error(messages(whole).join('\n'));
    const csv = toTidyCsv(whole.budget);
    const same = await importFiles([REFERENCE, file('ref.csv', csv)]);
    if (!same.ok) throw new Error(messages(same).join('\n'));
    expect(same.budget.nodes[0]!.plans[0]!.lines[1]!.label).toBe('Zuwendungen und allgemeine Umlagen');
    expect(toTidyCsv(same.budget)).toBe(csv);

    const changed = csv.replace(
      '43,produktbereich,teilergebnisplan,02,ergebnis,2024,2147993.00',
      '43,produktbereich,teilergebnisplan,02,ergebnis,2024,2147994.00',
    );
    const r = await importFiles([REFERENCE, file('changed.csv', changed)]);
    expect(messages(r)).toEqual([
      `changed.csv, Zeile 8: Teilergebnisplan 43, Zeile 02, Ergebnis 2024: ${REFERENCE}, Zeile 9 nennt 2.147.993 €, ${path.join(tmp, 'changed.csv')}, Zeile 8 nennt 2.147.994 €`,
    ]);
  });
});
