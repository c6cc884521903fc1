/**
 * The Anlagen of the Haushaltsplan in the workbench, in Debian's Chromium against a real server: a generated
 * budget with its Investitionsprogramm, Übersicht der Verbindlichkeiten and Zuwendungen an die Fraktionen as
 * printed, one amount changed in each — the changed cell marked with the figure it was checked against beside
 * the printed one (the measure's Teilfinanzplan, the Gesamtfinanzplan's Aufnahme and Tilgung, the Fraktion's
 * columns), its row, its column and the sums it breaks, the mark leading to the finding; and a budget without
 * them, whose programme is derived from the investment tables. The layout holds at 1920, 1280 and 390 px.
 * Screenshots to test/web/artifacts/parts-*.png (git-ignored).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnKey, type Budget } from '../../src/core/model.js';
import { formatEuro } from '../../src/core/money.js';
import { gesamtSum } from '../../src/core/parts/amounts.js';
import { deriveInvestitionsprogramm } from '../../src/core/parts/investitionsprogramm.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { VersionInfo } from '../../src/store/api.js';
import { anlagenData, anlagenPlans, generatedWithAnlagen, PLANTED } from '../anlagen-budgets.js';
import { artifact, openPart, startHarness, type Harness } from './harness.js';

let h: Harness;
let context: BrowserContext;
let page: Page;
let changed: Budget;
let cv: VersionInfo;
let pv: VersionInfo;

beforeAll(async () => {
  h = await startHarness();
  changed = generatedWithAnlagen(true);
  cv = await h.store.importBudget(SYSTEM_ACTOR, { budget: changed, name: 'Anlagen', reason: 'Testdaten' });
  pv = await h.store.importBudget(SYSTEM_ACTOR, { budget: anlagenPlans, name: 'Pläne', reason: 'Testdaten' });
  for (const v of [cv, pv]) await h.store.setVersionOptions(SYSTEM_ACTOR, v.id, { publicRead: true });
  context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await h?.close();
});

const shot = (name: string) => artifact(page, name);

const open = (version: VersionInfo, part: string) => openPart(page, h.url, version.id, part);

/** The cells marked in a table, as `row id:column`. */
const markedCells = (table: string): Promise<string[]> =>
  page.evaluate<string[]>(
    `[...document.querySelectorAll('table.${table} tbody td.diff')].map((td) => td.closest('tr').id + ':' + td.dataset.column).sort()`,
  );

const year = anlagenData.year;
const derived = deriveInvestitionsprogramm(anlagenPlans)!;
const measure = derived.rows[PLANTED.programm.row]!;

describe('the Anlagen in the workbench', () => {
  it('marks the changed measure of the Investitionsprogramm with its Teilfinanzplan’s figure, its Gesamtausgabe and the sum', async () => {
    await open(cv, 'investitionsprogramm');
    expect(await page.locator('.origin').textContent()).toContain('importiert aus programm.csv');
    const column = PLANTED.programm.column;
    const printed = changed.parts!.investitionsprogramm!.rows[PLANTED.programm.row]!.amounts[column]!.amount;
    const plan = measure.amounts[column]!.amount;
    expect(Math.abs(printed - plan + 100_00)).toBeLessThanOrEqual(50);
    const row = page.locator('table.programm tbody tr').filter({
      has: page.locator('td.nr', {
        hasText: new RegExp(`^${measure.number.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}$`, 'u'),
      }),
    });
    const id = await row.getAttribute('id');
    const cell = row.locator(`td[data-column="${column}"]`);
    expect(await cell.getAttribute('class')).toContain('diff');
    expect(await cell.locator('.amount').textContent()).toBe(formatEuro(printed));
    expect(await cell.locator('.plan-value').textContent()).toBe(`Pläne: ${formatEuro(plan)}`);
    expect(await cell.getAttribute('title')).toMatch(/^Fundstelle: programm\.csv, Zeile 4\n/u);
    const gesamt = columnKey(derived.columns.find((c) => c.kind === 'gesamt')!);
    expect(await markedCells('programm')).toEqual(
      [`${id}:${column}`, `${id}:${gesamt}`, `programm-summe:${column}`].sort(),
    );
    expect(await page.locator(`thead th[data-column="${column}"]`).getAttribute('class')).toContain('diff');
    // the measure's columns in print order: bisher, Ansatz, Planung, Gesamt; the sum row last
    expect(await page.locator('table.programm thead th.num').allTextContents()).toEqual(
      derived.columns
        .map((c) =>
          c.kind === 'bisher'
            ? `bisher bis ${c.year}`
            : c.kind === 'gesamt'
              ? `Gesamt bis ${c.year}`
              : `${c.kind === 'ansatz' ? 'Ansatz' : 'Planung'} ${c.year}`,
        )
        .map((label, i) =>
          i === derived.columns.findIndex((c) => columnKey(c) === column) || i === derived.columns.length - 1
            ? `${label}!`
            : label,
        ),
    );
    expect(await page.locator('table.programm tbody tr').count()).toBe(derived.rows.length + 1);
    const finding = page.locator((await cell.locator('a.diff-mark').getAttribute('href'))!);
    expect(await finding.textContent()).toMatch(
      new RegExp(
        `Maßnahme ${measure.number.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')} .*Teilfinanzplans ${measure.unit}`,
        'u',
      ),
    );
    expect(await page.getByRole('link', { name: /^Investitionsprogramm \(\d+\)$/u }).count()).toBe(1);
    await shot('parts-investitionsprogramm');
  });

  it('marks the Investitionskredite at the end against the Gesamtfinanzplan’s Aufnahme and Tilgung, and the sum', async () => {
    await open(cv, 'verbindlichkeiten');
    expect(await page.locator('.origin').textContent()).toContain('importiert aus verbindlichkeiten.csv');
    const kredite = changed.parts!.verbindlichkeiten!.rows.find((r) => r.id === 'investitionskredite')!;
    const column = { kind: 'ansatz', year } as const;
    const auf = Math.abs(gesamtSum(anlagenPlans, 'gesamtfinanzplan', ['33'], column)!.amount);
    const til = Math.abs(gesamtSum(anlagenPlans, 'gesamtfinanzplan', ['35'], column)!.amount);
    const expected = kredite.amounts.beginn!.amount + auf - til;
    expect(Math.abs(kredite.amounts.ende!.amount - expected - 100_00)).toBeLessThanOrEqual(150);
    const cell = page.locator('#verbindlichkeiten-investitionskredite td[data-column="ende"]');
    expect(await cell.locator('.amount').textContent()).toBe(formatEuro(kredite.amounts.ende!.amount));
    expect(await cell.locator('.plan-value').textContent()).toBe(`Gesamtfinanzplan: ${formatEuro(expected)}`);
    expect(await markedCells('verbindlichkeiten')).toEqual([
      'verbindlichkeiten-investitionskredite:ende',
      'verbindlichkeiten-summe:ende',
    ]);
    expect(await page.locator('table.verbindlichkeiten thead th.num').allTextContents()).toEqual([
      `Stand 01.01.${year - 1}`,
      `Stand 01.01.${year}`,
      `Stand 31.12.${year}!`,
    ]);
    // the check shown: Stand at the start + Aufnahme − Tilgung against the printed end
    expect(await page.locator('table.kredite td').allTextContents()).toEqual([
      formatEuro(kredite.amounts.beginn!.amount),
      formatEuro(auf),
      formatEuro(til),
      formatEuro(expected),
      `${formatEuro(kredite.amounts.ende!.amount)}!Abweichung: ${await page.locator('#kredite-investitionskredite a.diff-mark').getAttribute('title')}`,
    ]);
    expect(await page.locator('#kredite-investitionskredite').getAttribute('class')).toBe('diff');
    await shot('parts-verbindlichkeiten');
  });

  it('marks a Fraktion’s total against its columns and the sum row’s column against the Fraktionen', async () => {
    await open(cv, 'fraktionen');
    const f = changed.parts!.fraktionen!;
    const [geld, sach, summe] = f.columns.map((c) => c.id) as [string, string, string];
    const first = f.rows[0]!;
    const cell = page.locator(`#fraktion-0 td[data-column="${summe}"]`);
    expect(await cell.locator('.amount').textContent()).toBe(formatEuro(first.amounts[summe]!.amount));
    const columns = first.amounts[geld]!.amount + first.amounts[sach]!.amount;
    expect(columns - first.amounts[summe]!.amount).toBe(100_00);
    expect(await cell.locator('.plan-value').textContent()).toBe(`Spalten: ${formatEuro(columns)}`);
    expect(await markedCells('fraktionen')).toEqual([`fraktion-0:${summe}`, `fraktion-summe:${geld}`]);
    expect(await page.locator('table.fraktionen tbody tr').count()).toBe(f.rows.length + 1);
    expect(await page.locator('#fraktion-0 th.label').textContent()).toBe(first.name);
    await shot('parts-fraktionen');
  });

  it('derives the programme from the investment tables where none is printed; the other two are missing', async () => {
    await open(pv, 'investitionsprogramm');
    expect(await page.locator('.origin').textContent()).toContain('abgeleitet');
    expect(await page.locator('table.programm td.diff').count()).toBe(0);
    expect(await page.locator('table.programm tbody tr').count()).toBe(derived.rows.length + 1);
    await open(pv, 'verbindlichkeiten');
    expect(await page.locator('.missing').textContent()).toMatch(/nicht vorhanden.*als Tabelle importieren/u);
    await open(pv, 'fraktionen');
    expect(await page.locator('.missing').textContent()).toMatch(/§ 56 Abs\. 3 GO NRW/u);
  });

  it('holds its layout at 1920, 1280 and 390 px: the page never scrolls sideways, every column reachable', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1280, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [part, table] of [
        ['investitionsprogramm', 'programm'],
        ['verbindlichkeiten', 'verbindlichkeiten'],
        ['fraktionen', 'fraktionen'],
      ] as const) {
        await open(cv, part);
        expect(
          await page.evaluate<number>('document.documentElement.scrollWidth'),
          `${part} at ${width}`,
        ).toBeLessThanOrEqual(width);
        // the row's name and its first amount side by side, neither over the other
        const name = await page.locator(`table.${table} tbody tr.total th.label`).boundingBox();
        const first = await page.locator(`table.${table} tbody tr.total td.num`).first().boundingBox();
        expect(name!.x + name!.width, `${part} at ${width}`).toBeLessThanOrEqual(first!.x + 1);
        // the last column of the sum row brought into view inside its region, the row's name beside it
        const last = page.locator(`table.${table} tbody tr.total td`).last();
        await last.scrollIntoViewIfNeeded();
        const box = await page.locator(`.table-scroll:has(table.${table})`).boundingBox();
        const cell = await last.boundingBox();
        expect(cell!.x + cell!.width, `${part} at ${width}`).toBeLessThanOrEqual(box!.x + box!.width + 1);
        const label = await page.locator(`table.${table} tbody tr.total th.label`).boundingBox();
        expect(label!.x, `${part} at ${width}`).toBeGreaterThanOrEqual(box!.x - 1);
        if (width !== 1280) {
          await page.evaluate(`document.getElementById('teil-h').scrollIntoView()`);
          await shot(`parts-${part}-${width}`);
        }
      }
    }
  });
});
