/**
 * The parts from XLSX workbooks: a sheet holding a Stellenplan or a development of the Rücklagen (numbers as
 * numeric cells) is read as the same part as the CSV file it was made from.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import { DATA } from '../../../test/paths.js';
import { check } from '../../core/check/index.js';
import { parseCsv } from '../table/csv.js';
import { importFiles } from '../index.js';
import { importPartCsv } from './tables.js';

/**
 * A one-sheet workbook of a CSV file's rows, numbers as numeric cells with the number format that prints them
 * as the CSV does (`0.0` for one decimal): a spreadsheet's precision is its cells' format.
 */
async function workbook(csv: string, file: string): Promise<void> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error(parsed.message);
  const data = parsed.rows.map((row): Row =>
    row.map((text) =>
      /^-?\d+(\.\d+)?$/u.test(text) && !/^0\d/u.test(text)
        ? {
            type: Number,
            value: Number(text),
            format: text.includes('.') ? `0.${'0'.repeat(text.split('.')[1]!.length)}` : '0',
          }
        : { type: String, value: text },
    ),
  );
  writeFileSync(file, new Uint8Array(await writeXlsxFile(data).toBuffer()));
}

/** A part without the places it was printed at. */
function withoutSources(part: unknown): unknown {
  return JSON.parse(JSON.stringify(part, (k, v: unknown) => (k === 'source' ? undefined : v)));
}

describe('parts from XLSX', () => {
  for (const name of ['stellenplan_2026_2027.csv', 'ruecklagen_2024_2030.csv']) {
    it(`reads ${name} from a workbook as from the CSV`, async () => {
      const csvFile = path.join(DATA, 'muenster-2026', name);
      const csv = readFileSync(csvFile, 'utf8');
      const xlsx = path.join(mkdtempSync(path.join(tmpdir(), 'parts-xlsx-')), name.replace('.csv', '.xlsx'));
      await workbook(csv, xlsx);
      const fromXlsx = await importFiles([xlsx]);
      const fromCsv = importPartCsv(csv, csvFile);
      if (!fromXlsx.ok || !fromCsv.ok) throw new Error('import failed');
      expect(fromXlsx.budget.parts).toBeDefined();
      expect(withoutSources(fromXlsx.budget.parts)).toEqual(withoutSources(fromCsv.budget.parts));
      // the precision found again (690,20 in a cell is 690,2 as printed): no false error from the rounding
      expect(check(fromXlsx.budget).filter((f) => f.severity === 'error')).toEqual([]);
    });
  }
});
