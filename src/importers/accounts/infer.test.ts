/**
 * Account exports read without a profile: Moers 2016 and Wesel 2017 (real SAP exports) give exactly what their
 * hand-written profiles give, as CSV and as XLSX; synthetic exports in the other conventions (amounts as the
 * plans print them, a direction column, dotted product numbers) are read by what they hold; an export whose
 * signs or product numbers cannot be told is refused with the reason, never read with a guess; tables of plan
 * lines stay tables of plan lines.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { DATA, REPO_ROOT } from '../../../test/paths.js';
import { reconcile } from '../../core/ledger.js';
import type { Budget } from '../../core/model.js';
import { toTidyCsv } from '../../exporters/tidy-csv.js';
import { decode, importFiles, loadMapping, loadProfile, type ImportOptions } from '../index.js';
import { parseCsv } from '../table/csv.js';
import type { ImportResult } from '../types.js';

const MOERS = path.join(DATA, 'moers-2016/Haushalt.csv');
const WESEL = path.join(DATA, 'wesel-2017/hhplan2017.csv');

async function read(files: string[], options: ImportOptions = {}): Promise<Budget> {
  const r = await importFiles(files, options);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

async function withProfile(file: string, name: string, options: ImportOptions = {}): Promise<Budget> {
  const p = await loadProfile(path.join(REPO_ROOT, 'data/profiles', name));
  if (!p.ok) throw new Error(p.error.message);
  return read([file], { ...options, profile: p.profile });
}

const inferred = (b: Budget): string =>
  b.notes.find((n) => n.rule === 'account-profile-inferred')?.message ?? '';

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'haushalt-konten-')), name);
  writeFileSync(file, text);
  return file;
}

describe('real account exports without a profile', () => {
  it('Moers 2016: the same budget as with moers-sap.json, Kontengruppen 44 and 47 placed by their names', async () => {
    const b = await read([MOERS]);
    expect(toTidyCsv(b)).toBe(toTidyCsv(await withProfile(MOERS, 'moers-sap.json')));
    const said = inferred(b);
    expect(said).toContain('Produkt aus Spalte „Profitcenter“ (Bezeichnung „Profitcenter-Bezeichnung“)');
    expect(said).toContain('Konto aus Spalte „Kontengruppe-Nummer“ (Bezeichnung „Kontengruppe“)');
    expect(said).toContain('Erträge negativ gebucht (wie SAP)');
    expect(said).toContain('Haushaltsjahr 2017 (nach Ist 2016)');
    expect(said).toContain(
      'Konto 44 nach der Bezeichnung „Privatrechtliche Leistungsentgelte“ in der Datei auf Zeile 05',
    );
    expect(said).toContain(
      'Konto 47 nach der Bezeichnung „Aktivierte Eigenleistungen“ in der Datei auf Zeile 08',
    );
    // every amount on a plan line: nothing outside the plans
    const r = await importFiles([MOERS]);
    if (!r.ok) throw new Error('import failed');
    for (const row of reconcile(r.budget, r.ledger)) {
      expect(row.difference).toBe(0);
      expect(row.outside).toEqual([]);
    }
  });

  it('Wesel 2017: the same budget as with wesel-sap.json, with the common mapping and with the city’s own', async () => {
    expect(toTidyCsv(await read([WESEL]))).toBe(toTidyCsv(await withProfile(WESEL, 'wesel-sap.json')));
    const m = await loadMapping(path.join(DATA, 'wesel-2017/kontenrahmen.csv'));
    if (!m.ok) throw new Error(m.error.message);
    const b = await read([WESEL], { mapping: m.mapping });
    expect(toTidyCsv(b)).toBe(toTidyCsv(await withProfile(WESEL, 'wesel-sap.json', { mapping: m.mapping })));
    const said = inferred(b);
    expect(said).toContain('Konto aus Spalte „Kostenart“ (Bezeichnung „Kostenart Beschreibung“)');
    expect(said).toContain('Produkt aus Spalte „Profitcenter“ (Bezeichnung „Bezeichnung“)');
    expect(said).toContain('die letzte Zeile ohne Produkt ist die Summenzeile');
    expect(b.notes.find((n) => n.rule === 'total-row')!.message).toMatch(
      /stimmt in allen 10 Spalten auf den Cent/u,
    );
  });

  it('Moers as an XLSX workbook: the same as the CSV', async () => {
    const decoded = decode(readFileSync(MOERS));
    if (!decoded.ok) throw new Error(decoded.message);
    const parsed = parseCsv(decoded.text);
    if (!parsed.ok) throw new Error(parsed.message);
    const data = parsed.rows.map((row) => row.map((value) => ({ type: String, value })));
    const xlsx = path.join(mkdtempSync(path.join(tmpdir(), 'haushalt-konten-')), 'Haushalt.xlsx');
    writeFileSync(xlsx, await writeXlsxFile([{ sheet: 'Haushalt', data }]).toBuffer());
    expect(toTidyCsv(await read([xlsx]))).toBe(toTidyCsv(await read([MOERS])));
  });

  it('a profile still wins over the inference', async () => {
    const b = await withProfile(MOERS, 'moers-sap.json');
    expect(inferred(b)).toBe('');
  });
});

describe('other conventions', () => {
  it('amounts as the plans print them, dotted product numbers, no Ist column (budget year: the first Plan year)', async () => {
    const file = tempFile(
      'export.csv',
      [
        'Produkt;Produktbezeichnung;Sachkonto;Kontobezeichnung;Plan 2026;Plan 2027',
        '1.01.01;Rat;41410000;Schlüsselzuweisungen;1.000,00;1.100,00',
        '1.01.01;Rat;50110000;Dienstbezüge;-400,00;-420,00',
        '1.01.02;Bürgerbüro;43110000;Verwaltungsgebühren;250,00;260,00',
      ].join('\n'),
    );
    const b = await read([file]);
    const said = inferred(b);
    expect(said).toContain('Erträge positiv, Aufwendungen negativ (wie im Haushaltsplan gedruckt)');
    expect(said).toContain('Haushaltsjahr 2026');
    const rat = b.nodes.find((n) => n.code === '01.01.01')!;
    const te = rat.plans.find((p) => p.type === 'teilergebnisplan')!;
    expect(
      te.lines.map(
        (l) => `${l.line} ${l.cells.map((c) => `${c.column.kind}:${c.column.year}=${c.amount}`).join(' ')}`,
      ),
    ).toEqual(['02 ansatz:2026=100000 planung:2027=110000', '11 ansatz:2026=-40000 planung:2027=-42000']);
    expect(b.nodes.find((n) => n.code === '01.01.02')!.name).toBe('Bürgerbüro');
  });

  it('a direction column decides the signs', async () => {
    const file = tempFile(
      'richtung.csv',
      [
        'Profitcenter;Kostenart;Richtung;Ist 2025;Plan 2026',
        '10101;41100000;Ertrag;900,00;1.000,00',
        '10101;50100000;Aufwand;380,00;400,00',
      ].join('\n'),
    );
    const b = await read([file]);
    expect(inferred(b)).toContain('Ertrag oder Aufwand nach der Spalte „Richtung“');
    const te = b.nodes.find((n) => n.code === '01.01.01')!.plans.find((p) => p.type === 'teilergebnisplan')!;
    expect(te.lines.find((l) => l.line === '11')!.cells.map((c) => c.amount)).toEqual([-38_000, -40_000]);
  });
});

describe('what is refused, and what is no account export', () => {
  async function refused(text: string): Promise<string> {
    const r: ImportResult = await importFiles([tempFile('x.csv', text)]);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n');
  }

  it('signs that cannot be told: refused with the reason, never read with a guess', async () => {
    const message = await refused(
      ['Profitcenter;Kostenart;Plan 2026', '10101;41100000;1.000,00', '10101;50100000;400,00'].join('\n'),
    );
    expect(message).toContain(
      '1: Die Datei ist ein Export auf Kontenebene (Spalten „Profitcenter“, „Kostenart“ und „Plan 2026“)',
    );
    expect(message).toContain('das Vorzeichen ist nicht zu erkennen');
    expect(message).toContain('--profile');
  });

  it('product numbers that do not split into levels: refused with an example', async () => {
    const message = await refused(
      ['Profitcenter;Kostenart;Plan 2026', 'P-17;41100000;-1.000,00', 'P-18;50100000;400,00'].join('\n'),
    );
    // the product column holds no numbers: no account export by its rows, read (and refused) as a plan table
    expect(message).not.toContain('Export auf Kontenebene');
    const dotted = await refused(
      ['Profitcenter;Kostenart;Plan 2026', '1234567;41100000;-1.000,00', '1234568;50100000;400,00'].join(
        '\n',
      ),
    );
    expect(dotted).toContain(
      'die Produktnummern der Spalte „Profitcenter“ (z. B. „1234567“) lassen sich nicht',
    );
  });

  it('the only account column filled in only some rows (a detail of others): refused, not read half', async () => {
    const message = await refused(
      [
        'Profitcenter;Gruppe;Kostenart;Plan 2026',
        '10101;41;;-1.000,00',
        '10101;50;50110000;400,00',
        '10102;41;;-500,00',
        '10102;52;;300,00',
      ].join('\n'),
    );
    expect(message).toContain('die Spalte „Kostenart“ ist in 3 von 4 Zeilen mit Beträgen leer');
  });

  it('Köln’s table of plan lines is still read as one', async () => {
    const b = await read([path.join(DATA, 'koeln-2013/teilergebnisplan.csv')], {});
    expect(inferred(b)).toBe('');
    expect(b.nodes.length).toBeGreaterThan(50);
  });
});
