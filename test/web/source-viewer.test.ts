/**
 * "Quelle ansehen" in Debian's Chromium against a real server: for a budget imported from the reference printed
 * as PDF, the page of a value rendered by pdf.js (pixels on the canvas) with the highlight over the printed row
 * (the source's box scaled to the canvas), page numbers and paging, Escape; for the sample's plan text the lines
 * around the source line with the line of the label marked. Screenshots go to test-results/screenshots/web/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanLine } from '../../src/core/model.js';
import { importFiles } from '../../src/importers/index.js';
import { openPdf } from '../../src/importers/pdf/pages.js';
import type { VersionInfo } from '../../src/store/api.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { referencePdfByChromium } from '../pdf/producers.js';
import { SCREENSHOTS, startHarness, type Harness } from './harness.js';

let h: Harness;
let context: BrowserContext;
let page: Page;
let pdfVersion: VersionInfo;

beforeAll(async () => {
  h = await startHarness();
  const file = referencePdfByChromium();
  const imported = await importFiles([file]);
  if (!imported.ok) throw new Error('the printed reference does not import');
  pdfVersion = await h.store.importBudget(SYSTEM_ACTOR, {
    budget: imported.budget,
    name: 'Aus PDF',
    documents: [{ name: path.basename(file), mediaType: 'application/pdf', bytes: readFileSync(file) }],
  });
  await h.store.setVersionOptions(SYSTEM_ACTOR, pdfVersion.id, { publicRead: true });
  context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  page = await context.newPage();
}, 120_000);
afterAll(async () => {
  await context?.close();
  await h?.close();
});

interface Geometry {
  readonly pageWidth: number;
  readonly canvas: { readonly left: number; readonly top: number; readonly width: number };
  readonly mark: {
    readonly left: number;
    readonly top: number;
    readonly width: number;
    readonly height: number;
  };
  readonly darkOnPage: number;
  readonly darkInMark: number;
  readonly markArea: number;
}

const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

/** Line 13 of 43.01's Teilergebnisplan as stored (with its source). */
async function line13(version: number): Promise<PlanLine> {
  const detail = await h.store.getNode(SYSTEM_ACTOR, version, '43.01');
  return detail.node.plans.find((p) => p.type === 'teilergebnisplan')!.lines.find((l) => l.line === '13')!;
}

async function openLine13(version: number): Promise<void> {
  await page.goto(`${h.url}/#v=${version}&n=43.01`);
  await page.locator('.node-title').filter({ hasText: '43.01' }).waitFor();
  await page.locator('#zeile-teilergebnisplan-13').getByRole('button').first().click();
  await page.locator('#zeilen-details').waitFor();
}

describe('source viewer', () => {
  it('renders the PDF page of a value with its printed row marked', async () => {
    const source = (await line13(pdfVersion.id)).source!;
    expect(source.page).toBeGreaterThan(0);
    expect(source.box).toHaveLength(4);
    await openLine13(pdfVersion.id);
    const started = Date.now();
    await page.getByRole('button', { name: 'Quelle ansehen: Zeile 13', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const canvas = dialog.locator('canvas[data-rendered="ja"]');
    await canvas.waitFor({ timeout: 30_000 });
    const opened = Date.now() - started;
    const pdf = await openPdf(new Uint8Array(readFileSync(source.file)));
    const numPages = pdf.numPages;
    await pdf.close();
    await dialog.getByText(`Seite ${source.page} von ${numPages}`).waitFor();
    expect(await canvas.getAttribute('aria-label')).toBe(
      `Seite ${source.page} der Datei ${path.basename(source.file)}, markiert: Zeile ${source.line} (Zeile 13)`,
    );
    // pdf.js drew the page: many dark pixels, and some of them under the mark (the printed row)
    const mark = dialog.locator('.source-mark');
    await mark.waitFor();
    // in the page (a string: the test's own types know no DOM)
    const geometry = await page.evaluate<Geometry>(`(() => {
      const c = document.querySelector('.source-viewer canvas');
      const m = document.querySelector('.source-viewer .source-mark');
      const cr = c.getBoundingClientRect();
      const mr = m.getBoundingClientRect();
      const ctx = c.getContext('2d');
      const dark = (x, y, w, h) => {
        const data = ctx.getImageData(x, y, Math.max(1, w), Math.max(1, h)).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 384) n++;
        return n;
      };
      const px = c.width / cr.width;
      const w = Math.round(mr.width * px);
      const h = Math.round(mr.height * px);
      return {
        pageWidth: Number(c.dataset.pageWidth),
        canvas: { left: cr.left, top: cr.top, width: cr.width },
        mark: { left: mr.left, top: mr.top, width: mr.width, height: mr.height },
        darkOnPage: dark(0, 0, c.width, c.height),
        darkInMark: dark(Math.round((mr.left - cr.left) * px), Math.round((mr.top - cr.top) * px), w, h),
        markArea: w * h,
      };
    })()`);
    expect(geometry.darkOnPage).toBeGreaterThan(5000);
    const scale = geometry.canvas.width / geometry.pageWidth;
    const [x, y, w, hgt] = source.box!;
    expect(Math.abs(geometry.mark.left - geometry.canvas.left - x * scale)).toBeLessThan(2);
    expect(Math.abs(geometry.mark.top - geometry.canvas.top - y * scale)).toBeLessThan(2);
    expect(Math.abs(geometry.mark.width - w * scale)).toBeLessThan(2);
    expect(Math.abs(geometry.mark.height - hgt * scale)).toBeLessThan(2);
    // the row's text is printed inside the mark (dark glyph pixels), the mark is not mostly ink
    expect(geometry.darkInMark).toBeGreaterThan(50);
    expect(geometry.darkInMark).toBeLessThan(geometry.markArea / 2);
    // the mark is in view
    const box = await mark.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(900);
    await shot('source-pdf');
    console.log(
      `source viewer: PDF page ${source.page} of ${numPages} rendered ${opened} ms after the click`,
    );

    // paging: the next page has no mark; back to the marked row
    await dialog.getByRole('button', { name: 'Nächste Seite' }).click();
    await dialog.getByText(`Seite ${source.page! + 1} von ${numPages}`).waitFor();
    await dialog.locator(`canvas[data-page="${source.page! + 1}"][data-rendered="ja"]`).waitFor();
    expect(await dialog.locator('.source-mark').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Zur markierten Zeile' }).click();
    await dialog.locator('.source-mark').waitFor();
    // Escape closes it and the focus goes back to the button
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate<string | null>("document.activeElement?.getAttribute('aria-label')")).toBe(
      'Quelle ansehen: Zeile 13',
    );
  }, 90_000);

  it('shows the lines of the sample text around a value, its line marked', async () => {
    const line = await line13(h.sample.id);
    await openLine13(h.sample.id);
    await page.getByRole('button', { name: 'Quelle ansehen: Zeile 13', exact: true }).click();
    const marked = page.getByRole('dialog').locator('mark.source-line');
    await marked.waitFor();
    const text = (await marked.textContent()) ?? '';
    expect(text.startsWith(String(line.source!.line))).toBe(true);
    expect(text).toContain(line.label);
    await page.getByRole('dialog').getByText(`Zeile ${line.source!.line} von `).waitFor();
    // one line under the other, numbered without a gap, the marked one among them
    const numbers = page.getByRole('dialog').locator('.line-number');
    const shown = (await numbers.allTextContents()).map(Number);
    expect(shown).toContain(line.source!.line);
    expect(shown).toEqual(shown.map((_, i) => shown[0]! + i));
    const boxes = await Promise.all((await numbers.all()).map((n) => n.boundingBox()));
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.x).toBeCloseTo(boxes[0]!.x, 0);
      expect(boxes[i]!.y).toBeGreaterThan(boxes[i - 1]!.y);
    }
    await shot('source-text');
    await page.getByRole('button', { name: 'Quelle schließen' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  }, 60_000);
});
