/**
 * The Haushaltsplan's parts in the workbench, in Debian's Chromium against a real server: reached from the
 * whole-budget node of Münster 2026/2027 (its Gesamtpläne, Produktbereich 01, the Rücklagen and the Stellenplan
 * as published); the Haushaltssatzung derived from Münster's Gesamtpläne with its text; a generated budget's
 * printed Haushaltsquerschnitt with one row changed — the cell, the row, the column and the sum marked, the
 * printed and the plans' amount side by side, the finding listed; the printed Satzung beside the derived one;
 * the VE overview; Münster's Rücklagen as printed in Mio. € with the § 76 test per planning year and § 75; the
 * Stellenplan per Produktgruppe with the change between the years. The layout holds at 1920, 1280 and 390 px.
 * Screenshots of each part go to test/web/artifacts/ (git-ignored).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Budget } from '../../src/core/model.js';
import { formatEuro } from '../../src/core/money.js';
import { deriveQuerschnitt } from '../../src/core/parts/querschnitt.js';
import { deriveSatzung } from '../../src/core/parts/satzung.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { VersionInfo } from '../../src/store/api.js';
import { generatedData, generatedWithParts, muensterWithParts } from '../parts-budgets.js';
import { artifact, openPart, startHarness, type Harness } from './harness.js';

const ROW = 2;
const DELTA = -5_000_00;

let h: Harness;
let context: BrowserContext;
let page: Page;
let muenster: Budget;
let changed: Budget;
let mv: VersionInfo;
let gv: VersionInfo;

beforeAll(async () => {
  h = await startHarness();
  muenster = await muensterWithParts();
  changed = generatedWithParts({ row: ROW, column: 'aufwendungen', delta: DELTA });
  mv = await h.store.importBudget(SYSTEM_ACTOR, { budget: muenster, name: 'Münster', reason: 'Testdaten' });
  gv = await h.store.importBudget(SYSTEM_ACTOR, {
    budget: changed,
    name: 'Musterstadt',
    reason: 'Testdaten',
  });
  // published, as a municipality would: read without an account
  for (const v of [mv, gv]) await h.store.setVersionOptions(SYSTEM_ACTOR, v.id, { publicRead: true });
  context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await h?.close();
});

const shot = (name: string) => artifact(page, name);

const open = (version: VersionInfo, part: string) => openPart(page, h.url, version.id, part);

describe('the Haushaltsplan in the workbench', () => {
  it('is reached from the whole-budget node; Münster’s Satzung derived from its Gesamtpläne, with its text', async () => {
    const haushalt = muenster.nodes.find((n) => n.level === 'haushalt')!;
    await page.goto(`${h.url}/#v=${mv.id}&n=${encodeURIComponent(haushalt.code)}`);
    await page.locator('.node-title').filter({ hasText: haushalt.code }).waitFor();
    await page
      .getByRole('main')
      .getByRole('link', { name: /^Haushaltsplan: Satzung/u })
      .click();
    await page.getByRole('heading', { name: 'Haushaltssatzung', level: 3 }).waitFor();
    expect(await page.locator('.origin').textContent()).toContain('abgeleitet');
    const s = deriveSatzung(muenster)!;
    const ertraege = s.figures.ertraege!.amount;
    expect(ertraege).toBeGreaterThan(1_000_000_000_00);
    expect(await page.locator('#satzung-ertraege td.derived').textContent()).toBe(formatEuro(ertraege));
    expect(await page.locator('#satzung-aufwendungen td.derived').textContent()).toBe(
      formatEuro(s.figures.aufwendungen!.amount),
    );
    expect(await page.locator('#satzung-ertraege td.basis').textContent()).toContain(
      'Gesamtergebnisplan, Zeilen 10, 19, 23',
    );
    expect(await page.locator('pre.satzung-text').textContent()).toContain(
      `dem Gesamtbetrag der Erträge auf ${formatEuro(ertraege)} EUR`,
    );
    await shot('parts-satzung-abgeleitet');
  });

  it('marks the changed row of a printed Querschnitt in its cell, row, column and sum, with the finding', async () => {
    await open(gv, 'querschnitt');
    expect(await page.locator('.origin').textContent()).toContain('importiert aus teile.txt');
    const code = generatedData.areas[ROW]!.code;
    const printed = changed.parts!.querschnitt!.rows.find((r) => r.code === code)!.amounts.aufwendungen!
      .amount;
    const derived = deriveQuerschnitt(changed)!.rows.find((r) => r.code === code)!.amounts.aufwendungen!
      .amount;
    expect(printed - derived).toBe(DELTA);
    const cell = page.locator(`#querschnitt-${code} td[data-column="aufwendungen"]`);
    expect(await cell.getAttribute('class')).toContain('diff');
    expect(await cell.locator('.amount').textContent()).toBe(formatEuro(printed));
    expect(await cell.locator('.plan-value').textContent()).toBe(`Pläne: ${formatEuro(derived)}`);
    expect(await cell.getAttribute('title')).toMatch(/^Fundstelle: teile\.txt, Zeile \d+\n/u);
    // the row, the column's heading, the sum and the row's Ergebnis it breaks; nothing else
    expect(await page.locator(`#querschnitt-${code}`).getAttribute('class')).toContain('diff');
    expect(await page.locator('thead th[data-column="aufwendungen"]').getAttribute('class')).toContain(
      'diff',
    );
    const marked = await page.evaluate<string[]>(
      `[...document.querySelectorAll('table.querschnitt tbody td.diff')].map((td) => td.closest('tr').id + ':' + td.dataset.column)`,
    );
    expect(marked.sort()).toEqual(
      [
        `querschnitt-${code}:aufwendungen`,
        `querschnitt-${code}:ergebnis`,
        'querschnitt-summe:aufwendungen',
      ].sort(),
    );
    // the mark leads to the finding below the table
    const href = await cell.locator('a.diff-mark').getAttribute('href');
    const finding = page.locator(href!);
    expect(await finding.textContent()).toMatch(
      new RegExp(`Zeile ${code} .*Spalte Aufwendungen.*Differenz 5\\.000 €`, 'u'),
    );
    expect(await page.getByRole('link', { name: /^Haushaltsquerschnitt \(3\)$/u }).count()).toBe(1);
    await shot('parts-querschnitt');
  });

  it('shows the printed Satzung beside the figures derived from the plans, and the VE overview', async () => {
    await open(gv, 'satzung');
    expect(await page.locator('.origin').textContent()).toContain('importiert aus teile.txt');
    const derived = deriveSatzung(changed)!.figures.ertraege!.amount;
    expect(await page.locator('#satzung-ertraege td.printed').textContent()).toBe(
      formatEuro(changed.parts!.satzung!.figures.ertraege!.amount),
    );
    expect(await page.locator('#satzung-ertraege td.derived').textContent()).toBe(formatEuro(derived));
    expect(await page.locator('#satzung-ertraege td.difference').textContent()).toBe('0');
    expect(await page.locator('pre.satzung-text').textContent()).toContain('Grundsteuer B: 495 v. H.');
    await shot('parts-satzung-importiert');
    await open(gv, 've');
    expect(await page.locator('.origin').textContent()).toContain('abgeleitet');
    expect(await page.locator('table.ve tbody tr').count()).toBe(generatedData.areas.length + 1);
    await shot('parts-ve');
  });

  it('shows Münster’s Rücklagen as printed, the § 76 test per planning year with its figures, and § 75', async () => {
    await open(mv, 'ruecklagen');
    expect(await page.locator('table.ruecklagen caption').textContent()).toContain('in Mio. €');
    expect(await page.locator('#ruecklagen-allgemeineEnde td[data-year="2026"]').textContent()).toBe('662,9');
    expect(await page.locator('#ruecklagen-allgemeineAnfang td[data-year="2024"]').textContent()).toBe(
      '690,0',
    );
    expect(await page.locator('#ruecklagen-anteil td[data-year="2027"]').textContent()).toBe('5,7 %');
    // 2025 shows the forecast, not the Gesamtergebnisplan's Ansatz: marked with the finding; 2026 agrees
    const je = (year: number) => page.locator(`#ruecklagen-jahresergebnis td[data-year="${year}"]`);
    expect(await je(2025).getAttribute('class')).toContain('diff');
    expect(await je(2025).locator('a.diff-mark').getAttribute('title')).toMatch(
      /^Rücklagen 2025, Jahresergebnis .*der Gesamtergebnisplan nennt in Zeile 28 \(Ansatz 2025\) -47,096 Mio\. €/u,
    );
    expect(await je(2026).getAttribute('class')).not.toContain('diff');
    expect(await page.locator('#hsk-2027').locator('td').allTextContents()).toEqual([
      '662,9',
      '37,9',
      '5,7 %',
      'ja',
      'nein',
      '625,0',
    ]);
    expect(await page.locator('table.hsk tbody tr').count()).toBe(5);
    expect(await page.locator('.hsk-result').textContent()).toBe(
      'Ein Haushaltssicherungskonzept nach § 76 Abs. 1 Nr. 1 oder 2 GO NRW ist nicht aufzustellen.',
    );
    expect(await page.locator('#ausgleich-2026 td').last().textContent()).toMatch(
      /^nicht ausgeglichen; 27,4 Mio\. €/u,
    );
    await shot('parts-ruecklagen');
  });

  it('shows Münster’s Stellenplan per Produktgruppe and year, with the change and the sums', async () => {
    await open(mv, 'stellenplan');
    expect(await page.locator('#stelle-0104 td').allTextContents()).toEqual([
      '0104',
      '1,00',
      '6,00',
      '7,00',
      '1,27',
      '6,00',
      '7,27',
      '+0,27',
    ]);
    const total = page.locator('table.stellenplan tr.total').last();
    expect(await total.locator('td').nth(3).textContent()).toBe('4.898,32');
    expect(await total.locator('td').nth(6).textContent()).toBe('4.901,66');
    expect(await page.locator('#personalaufwand-0102-2026 td').allTextContents()).toEqual([
      '0102',
      '2026',
      '1.599.300',
      '21,31',
      '75.049',
    ]);
    await shot('parts-stellenplan');
  });

  it('holds its layout at 1920, 1280 and 390 px: the page never scrolls sideways, every column reachable', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1280, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [v, part] of [
        [gv, 'satzung'],
        [gv, 'querschnitt'],
        [gv, 've'],
        [mv, 'ruecklagen'],
        [mv, 'stellenplan'],
      ] as const) {
        await open(v, part);
        expect(
          await page.evaluate<number>('document.documentElement.scrollWidth'),
          `${part} at ${width}`,
        ).toBeLessThanOrEqual(width);
        if (width !== 1280) {
          // the part's heading at the top: the table below it on screen
          await page.evaluate(`document.getElementById('teil-h').scrollIntoView()`);
          await shot(`parts-${part}-${width}`);
        }
      }
      // the Querschnitt's last column is brought into view inside its region, its row's name beside it
      await open(gv, 'querschnitt');
      const code = generatedData.areas[ROW]!.code;
      const last = page.locator(`#querschnitt-${code} td`).last();
      await last.scrollIntoViewIfNeeded();
      const box = await page.locator('.table-scroll:has(table.querschnitt)').boundingBox();
      const cell = await last.boundingBox();
      expect(cell!.x + cell!.width, `${width}`).toBeLessThanOrEqual(box!.x + box!.width + 1);
      const label = await page.locator(`#querschnitt-${code} th.label`).boundingBox();
      expect(label!.x, `${width}`).toBeGreaterThanOrEqual(box!.x - 1);
    }
  });
});
