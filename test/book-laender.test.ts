/**
 * The book of a budget of another Land speaks that Land's words — „Ergebnishaushalt“, „Teilergebnishaushalt
 * Produktbereich 01 …“ (Hessen), „Ergebnisplan“ (Schleswig-Holstein), „Teilergebnishaushalt“ with decimal
 * lines (Sachsen) — and reads back, printed by real Chromium, to exactly the plans it was made from, for every
 * Land's fixture.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Budget } from '../src/core/model.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { importFiles } from '../src/importers/index.js';
import { importText } from '../src/importers/text/index.js';
import { bookSections } from '../src/publish/book/index.js';
import { partChapters } from '../src/publish/book/parts.js';
import { renderBookPdf } from '../src/publish/pdf.js';
import { plansOf } from './fixtures.js';
import { REPO_ROOT } from './paths.js';

function fixture(land: string): Budget {
  const text = readFileSync(path.join(REPO_ROOT, 'test/fixtures/laender', `${land}.txt`), 'utf8');
  const r = importText(text, `${land}.txt`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

describe('the book of a budget of another Land', () => {
  it('titles its plans as the Land does', () => {
    const titles = (b: Budget): string[] => bookSections(b).map((s) => s.title);
    expect(titles(fixture('he'))).toEqual(
      expect.arrayContaining([
        'Ergebnishaushalt',
        'Teilergebnishaushalt Produktbereich 01 Innere Verwaltung',
      ]),
    );
    expect(titles(fixture('sh'))).toEqual(
      expect.arrayContaining(['Ergebnisplan', 'Teilergebnisplan Produktbereich 01 Innere Verwaltung']),
    );
    expect(titles(fixture('sn'))).toContain('Teilergebnishaushalt Produktbereich 11 Innere Verwaltung');
    // NRW's words stay NRW's
    expect(titles(fixture('bw')).some((t) => t.startsWith('Teilergebnishaushalt'))).toBe(true);
    // the Haushaltsquerschnitt is NRW's form (§ 1 Abs. 2 Nr. 3 KomHVO NRW): no empty table in another Land's book
    for (const land of ['he', 'sh', 'by', 'bb'])
      expect(titles(fixture(land)).filter((t) => t.startsWith('Haushaltsquerschnitt'))).toEqual([]);
  });

  it('prints the Satzung with the Gesamtbeträge of its own plans, without the Rücklagen of § 75 GO NRW', () => {
    const html = partChapters(fixture('he')).find((c) => c.id === 'haushaltssatzung')!.html;
    expect(html).toMatch(/Gesamtbetrag der Erträge<\/td><td class="n">1\.757\.000</u);
    expect(html).not.toContain('Ausgleichsrücklage');
    // numbered as the Länder's template: § 4 the Liquiditätskredite (NRW's § 4, the Rücklagen, left out)
    expect(html).toMatch(/§ 4<\/td><td class="label">Höchstbetrag der Kredite zur Liquiditätssicherung/u);
  });

  // the Hessian plan's „Investitionszuweisungen, -“ over „zuschüssen“ and Schleswig-Holstein's „(= Zeilen 22“
  // over „und 23)“ ended their labels in what read as an amount column: neither book read back before
  for (const land of ['he', 'sh', 'sn', 'bb', 'ni', 'bw', 'by', 'sl']) {
    it(`reads back from its PDF to exactly its plans (${land})`, async () => {
      const read = await importFiles([path.join(REPO_ROOT, 'test/fixtures/laender', `${land}.txt`)]);
      if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('\n'));
      const budget = read.budget;
      const pdf = path.join(mkdtempSync(path.join(tmpdir(), 'haushalt-laender-book-')), `${land}.pdf`);
      await renderBookPdf(budget, pdf);
      const back = await importFiles([pdf]);
      if (!back.ok)
        throw new Error(back.errors.map((e) => `${e.page ?? ''}:${e.line ?? ''} ${e.message}`).join('\n'));
      expect(toTidyCsv(plansOf(back.budget))).toBe(toTidyCsv(plansOf(budget)));
      expect(back.budget.land).toBe(budget.land);
    }, 120_000);
  }
});
