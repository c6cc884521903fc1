/**
 * The whole imported reference document pinned as a golden file: every plan cell with its source, every
 * Erläuterung with its items, every Produktbeschreibung field and every Kennzahl. A change to the importer that
 * changes any of it shows up as a diff to review (`npm run test:update`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importText } from '../src/importers/text/index.js';
import { expectGolden } from './golden.js';
import { REFERENCE } from './paths.js';

describe('import of the reference document', () => {
  it('matches the golden budget', () => {
    const r = importText(readFileSync(REFERENCE, 'utf8'), 'kreis-coesfeld-2026-pb43.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const json = JSON.stringify(
      r.budget,
      (key, value: unknown) => (key === 'source' ? `${(value as { line: number }).line}` : value),
      1,
    );
    expectGolden('reference.budget.json', `${json}\n`);
  });
});
