import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA } from '../../test/paths.js';
import { importFiles } from '../importers/index.js';
import { partsJson, partsLines } from './parts-report.js';

describe('the parts in the import report', () => {
  it('names Münster’s Rücklagen with the § 76 result and the Stellenplan with its totals and changes', async () => {
    const files = ['ruecklagen_2024_2030.csv', 'stellenplan_2026_2027.csv'].map((f) =>
      path.join(DATA, 'muenster-2026', f),
    );
    const r = await importFiles(files);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const lines = partsLines(r.budget);
    expect(lines[0]).toBe(
      'Entwicklung der Rücklagen: 2024–2030, 13 Positionen in Mio. €; § 76 Abs. 1 GO NRW: kein Haushaltssicherungskonzept erforderlich',
    );
    expect(lines[1]).toBe(
      'Stellenplan: 2026, 2027, 79 Zeilen; Stellen gesamt 2026: 4.898,32, 2027: 4.901,66; Veränderungen zwischen den Jahren in 23 Zeilen',
    );
    expect(lines).toContain(
      '  0209 BRANDSCHUTZ UND FEUERWEHRTECHNISCHE HILFELEISTUNG: Beamte 2026 302,75, 2027 315,22 (+12,47); Gesamt 2026 333,30, 2027 345,77 (+12,47)',
    );
    expect(lines).toHaveLength(2 + 23);
    expect(partsJson(r.budget)).toEqual({
      ruecklagen: {
        years: [2024, 2025, 2026, 2027, 2028, 2029, 2030],
        positions: 13,
        unit: 'MioEUR',
        hsk76: 'nein',
      },
      stellenplan: { years: [2026, 2027], rows: 79 },
    });
  });

  it('says nothing for a budget without parts', () => {
    expect(partsLines({ nodes: [], notes: [], files: [] })).toEqual([]);
    expect(partsJson({ nodes: [], notes: [], files: [] })).toBeUndefined();
  });
});
