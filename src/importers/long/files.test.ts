/**
 * Long tables as files: gzip read directly (the name without `.gz` decides the format), a broken gzip refused
 * with the file's name, a `datapackage.json` beside the data read with it (its field types, measure and fiscal
 * period), a folder standing for the files its descriptor names, a workbook sheet with one amount per row, and a
 * profile for what a file cannot say itself.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { importFiles, loadProfile } from '../index.js';
import { REPO_ROOT } from '../../../test/paths.js';

const CSV = `Jahr;Art;Richtung;Produkt;Betrag
2026;Plan;Ertrag;01.01.01;1.000,50
2026;Plan;Aufwand;01.01.01;250
2026;Plan;Aufwand;01.01.02;nan
`;

function dir(): string {
  return mkdtempSync(path.join(tmpdir(), 'haushalt-long-'));
}

async function ok(args: string[], options: Parameters<typeof importFiles>[1] = {}) {
  const r = await importFiles(args, options);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}: ${e.message}`).join('\n'));
  return r;
}

describe('long tables as files', () => {
  it('reads a .gz file directly and names the file as given', async () => {
    const d = dir();
    const file = path.join(d, 'haushalt.csv.gz');
    writeFileSync(file, gzipSync(CSV));
    const progress: number[] = [];
    const r = await ok([file], { onProgress: (done) => progress.push(done) });
    expect(r.budget.nodes.map((n) => n.code)).toEqual(['01.01.01', '01.01.02']);
    expect(r.reconciliation.map((x) => [x.file, x.read.amount])).toEqual([[file, 100050 - 25000]]);
    expect(progress.at(-1)).toBe(3);
    writeFileSync(file, gzipSync(CSV).subarray(0, 20));
    const broken = await importFiles([file]);
    expect(broken.ok).toBe(false);
    if (!broken.ok)
      expect(broken.errors[0]).toMatchObject({ file, message: expect.stringMatching(/gzip/u) as unknown });
  });

  it('reads the datapackage.json beside the data, and a folder as the files it describes', async () => {
    const d = dir();
    // the descriptor says which column is the amount and the year though the headers do not
    writeFileSync(
      path.join(d, 'daten.csv'),
      'HHJ,Wertart,EA,Produkt,Summe EUR\n2019,Plan,Ertrag,1,1.234\n2019,Plan,Aufwand,1,2\n',
    );
    writeFileSync(
      path.join(d, 'datapackage.json'),
      JSON.stringify({
        name: 'x',
        title: 'Haushalt Musterstadt',
        fiscalPeriod: { start: '2019-01-01', end: '2020-12-31' },
        resources: [
          {
            name: 'daten',
            path: 'daten.csv',
            schema: {
              fields: [
                { name: 'HHJ', type: 'integer', osType: 'date:fiscal-year' },
                { name: 'Wertart', type: 'string', osType: 'value-kind:code' },
                { name: 'EA', type: 'string', osType: 'direction' },
                {
                  name: 'Produkt',
                  type: 'string',
                  osType: 'administrative-classification:generic:level1:code:full',
                },
                { name: 'Summe EUR', type: 'number', osType: 'value', decimalChar: ',', groupChar: '.' },
              ],
            },
          },
        ],
        model: { measures: { betrag: { source: 'Summe EUR', currency: 'EUR' } }, dimensions: {} },
      }),
    );
    for (const args of [[path.join(d, 'daten.csv')], [d], [path.join(d, 'datapackage.json')]]) {
      const r = await ok(args);
      // "1.234" alone could be thousands or three decimals: the descriptor's decimalChar decides
      expect(r.reconciliation[0]!.read.amount).toBe(123400 - 200);
      expect(r.budget.title).toBe('Haushalt Musterstadt');
      expect(r.budget.year).toBe(2019);
    }
  });

  it('reads a workbook sheet with one amount per row', async () => {
    const d = dir();
    const file = path.join(d, 'haushalt.xlsx');
    const rows = [
      ['Jahr', 'Plan_Ist', 'Budget_Richtung', 'Produktbereich', 'Betrag'],
      [2017, 'Plan', 'Erträge', 'Innere Verwaltung', 1234.5],
      [2017, 'Ist', 'Aufwendungen', 'Innere Verwaltung', 99],
    ].map((r) => r.map((value) => ({ value })));
    writeFileSync(file, await writeXlsxFile([{ data: rows, sheet: 'Daten' }]).toBuffer());
    const r = await ok([file]);
    expect(r.budget.nodes).toHaveLength(1);
    expect(r.budget.nodes[0]!.name).toBe('Innere Verwaltung');
    expect(r.reconciliation.map((x) => [x.column.kind, x.read.amount])).toEqual([
      ['ergebnis', -9900],
      ['ansatz', 123450],
    ]);
  });

  it('derives parents again over several files, keeping parents named below names', async () => {
    const d = dir();
    const header = 'Jahr,Plan_Ist,Budget_Richtung,Produktbereich,Produktgruppe,Prctr,Betrag\n';
    writeFileSync(
      path.join(d, 'a.csv'),
      `${header}2017,Plan,Erträge,Innere Verwaltung,Zentrale Dienste,110000109,10\n`,
    );
    writeFileSync(
      path.join(d, 'b.csv'),
      `${header}2017,Plan,Aufwendungen,Innere Verwaltung,IT,110200126,4\n`,
    );
    const r = await ok([path.join(d, 'a.csv'), path.join(d, 'b.csv')]);
    const pb = r.budget.nodes.find((n) => n.level === 'produktbereich')!;
    const lines = new Map(pb.plans[0]!.lines.map((l) => [l.line, l.cells[0]!]));
    expect(lines.get('91')).toMatchObject({ amount: 1000 });
    expect(lines.get('92')).toMatchObject({ amount: -400 });
    expect(lines.get('93')).toMatchObject({ amount: 600 });
    expect(lines.get('93')!.source).toBeUndefined();
    const products = r.budget.nodes.filter((n) => n.level === 'produkt');
    expect(products.map((n) => n.parent?.startsWith(`${pb.code}.`))).toEqual([true, true]);
  });

  it('takes a profile for what the file does not say', async () => {
    const loaded = await loadProfile(path.join(REPO_ROOT, 'data/profiles/long-beispiel.json'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const d = dir();
    const file = path.join(d, 'export.csv');
    writeFileSync(
      file,
      'Wirtschaftsjahr;Wertart;Konto;PB;PG;Produkt;Wert\n2025;HHA;501100;01;01.01;01.01.01;1.500\n2025;Vorjahr;401100;01;01.01;01.01.01;7\n',
    );
    const r = await ok([file], { profile: loaded.profile });
    const line = r.budget.nodes
      .find((n) => n.code === '01.01.01')!
      .plans.flatMap((p) => p.lines)
      .find((l) => l.line === '11');
    // SAP signs: Aufwendungen booked positive are printed negative; "1.500" with a decimal comma is 1.500 €
    expect(line?.cells[0]).toMatchObject({ column: { kind: 'ansatz', year: 2025 }, amount: -150000 });
    expect(r.reconciliation[0]!.outside[0]!.reason).toContain('laut Profil');
  });
});
