import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAENDER, ROLLUPS, SCHEMAS, matchLabel, schemaById, selectSchema, selectedSchema } from './schema.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('line schemas', () => {
  it('ships the NRW plans with their statutory totals', () => {
    const te = schemaById('nrw-2019-teilergebnisplan')!;
    expect(te.lines.map((l) => l.line)).toEqual(
      Array.from({ length: 31 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(te.lines.find((l) => l.line === '10')!.sum).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
    ]);
    expect(te.lines.find((l) => l.line === '29')!.sum).toEqual(['26', '27', '28']);
    const tf = schemaById('nrw-2019-teilfinanzplan')!;
    expect(tf.lines).toHaveLength(32);
    expect(tf.lines.find((l) => l.line === '32')!.sum).toEqual(['17', '31']);
    expect(schemaById('nrw-2019-gesamtfinanzplan')!.lines.find((l) => l.line === '41')!.sum).toEqual([
      '38',
      '39',
      '40',
    ]);
    expect(SCHEMAS.every((s) => s.source.length > 20)).toBe(true);
  });

  it('maps Teil lines onto Gesamt lines, renumbered from line 26 on', () => {
    const te = ROLLUPS.find((r) => r.from === 'nrw-2019-teilergebnisplan')!;
    expect([te.lines['25'], te.lines['29'], te.lines['30'], te.lines['31'], te.lines['27']]).toEqual([
      '25',
      '26',
      '27',
      '28',
      undefined,
    ]);
  });

  it('tells misprints from different labels', () => {
    const te = schemaById('nrw-2019-teilergebnisplan')!;
    const line = (n: string) => te.lines.find((l) => l.line === n)!;
    expect(matchLabel('Tellergebnis', line('29'))).toEqual({
      kind: 'misprint',
      canonical: 'Teilergebnis',
      distance: 1,
    });
    expect(matchLabel('Aktivierete Eigenleistungen', line('08')).kind).toBe('misprint');
    expect(matchLabel('SteuernundähnlicheAbgaben', line('01'))).toEqual({ kind: 'exact' });
    expect(matchLabel('Ergebnis vor Berücksichtigung der Internen Leistungsbeziehungen', line('26'))).toEqual(
      {
        kind: 'exact',
      },
    );
    expect(matchLabel('Personalaufwendungen', line('01')).kind).toBe('different');
  });

  it('selects the schema whose labels fit', () => {
    expect(
      selectedSchema(
        selectSchema('teilfinanzplan', [
          { line: '26', label: 'Auszahlungen für den Erwerb v. bew. Anlagevermögen' },
        ]),
      )?.id,
    ).toBe('nrw-2019-teilfinanzplan');
  });
});

describe('the schema registry', () => {
  it('lists every schema file in data/schemas, each naming its Land and source', () => {
    const dir = path.join(REPO_ROOT, 'data/schemas');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { id?: string; lines?: unknown });
    const schemaIds = files.filter((f) => f.lines !== undefined).map((f) => f.id);
    expect(SCHEMAS.map((s) => s.id).sort()).toEqual([...schemaIds].sort());
    for (const s of SCHEMAS) {
      expect(LAENDER[s.land] !== undefined || s.land === '*' || s.land === '', s.id).toBe(true);
      expect(s.source.length, s.id).toBeGreaterThan(40);
    }
    const rollupIds = files.filter((f) => f.id?.endsWith('-rollup')).length;
    expect(new Set(ROLLUPS.map((r) => `${r.from}→${r.to}`)).size).toBeGreaterThanOrEqual(rollupIds);
  });

  it('rolls every Teilplan of a Land up into a Gesamtplan of the same Land', () => {
    for (const r of ROLLUPS) {
      expect(schemaById(r.from)!.land, r.from).toBe(schemaById(r.to)!.land);
      for (const [teil, gesamt] of Object.entries(r.lines)) {
        expect(
          schemaById(r.from)!.lines.some((l) => l.line === teil),
          `${r.from} ${teil}`,
        ).toBe(true);
        expect(
          schemaById(r.to)!.lines.some((l) => l.line === gesamt),
          `${r.to} ${gesamt}`,
        ).toBe(true);
      }
    }
  });
});
