/**
 * The web workbench as a new user meets it, in Debian's Chromium against a real server: explore the sample
 * budget (43.01, line 13 and its Erläuterung items, full-text search), log in with each role and see what it
 * may do, edit an Ansatz and watch the totals and PB 43 change, make an Erläuterung contradict its line and
 * jump from the new finding to its cell, make an investment line contradict the investment list and see the
 * error at once, download CSV and XLSX and check their numbers; the Kämmerei's version settings; the layout
 * at 1280, 1024 and 390 px; no character without a font. Screenshots of the main views go to
 * test-results/screenshots/web/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatEuro } from '../../src/core/money.js';
import { readWorkbook } from '../../src/importers/table/xlsx-reader.js';
import { STAGE_LABEL, SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { PASSWORD, SCREENSHOTS, USERS, startHarness, type Harness } from './harness.js';

let h: Harness;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
const cell = (page: Page, plan: string, line: string, kind: string, year: number) =>
  page.locator(`#zelle-${plan}-${line}-${kind}-${year}`);
const amount = (page: Page, plan: string, line: string, kind: string, year: number) =>
  cell(page, plan, line, kind, year).locator('.amount').textContent();
/** The German amount as the page prints it: `-1.336.000`. */
const german = formatEuro;

/**
 * What the impacts panel shows for a unit's line in its first table (the edit's plan and column): bisher, neu.
 * The table has a row per line and a pair of columns per unit, headed by the unit's code.
 */
async function impact(page: Page, node: string, line: string): Promise<string[]> {
  const table = page.locator('.impacts table').first();
  await table.waitFor();
  const units = (await table.locator('thead tr').first().locator('th').allTextContents()).slice(1);
  const i = units.indexOf(node);
  expect(i, `unit ${node} among ${units.join(', ')}`).toBeGreaterThanOrEqual(0);
  const row = table
    .locator('tbody tr')
    .filter({ has: page.locator('th', { hasText: new RegExp(`^${line}\\b`, 'u') }) });
  return (await row.locator('td').allTextContents()).slice(2 * i, 2 * i + 2);
}

/** A Teilergebnisplan amount as stored now. */
async function stored(code: string, line: string, year = 2026, kind = 'ansatz'): Promise<number> {
  const detail = await h.store.getNode(SYSTEM_ACTOR, h.sample.id, code);
  const cellOf = detail.node.plans
    .find((p) => p.type === 'teilergebnisplan')!
    .lines.find((l) => l.line === line)!
    .cells.find((c) => c.column.kind === kind && c.column.year === year)!;
  return cellOf.amount;
}
const ansatz = (code: string, line: string, year = 2026) => stored(code, line, year);

async function newPage(): Promise<void> {
  await context?.close();
  context = await h.browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: 'de-DE',
  });
  page = await context.newPage();
}

async function login(who: keyof typeof USERS, on: Page = page): Promise<void> {
  await on.getByLabel('Benutzer').fill(USERS[who].name);
  await on.getByLabel('Passwort').fill(PASSWORD);
  await on.getByRole('button', { name: 'Anmelden' }).click();
  await on.locator('#angemeldet').waitFor();
}

/**
 * Does `act`, answers the confirmation it raises in the page's own dialog (never the browser's `confirm()`:
 * a native dialog fails the test) and returns its question.
 */
async function answer(on: Page, accept: boolean, act: () => Promise<void>): Promise<string> {
  on.once('dialog', (d) => {
    throw new Error(`native dialog: ${d.message()}`);
  });
  await act();
  const dialog = on.getByRole('dialog');
  await dialog.waitFor();
  expect(await dialog.getAttribute('aria-modal')).toBe('true');
  const question = (await dialog.textContent()) ?? '';
  await dialog.locator(accept ? 'button[type="submit"]' : 'button:text-is("Abbrechen")').click();
  await dialog.waitFor({ state: 'detached' });
  return question;
}

const fontHas = new Map<number, boolean>();
/** Characters on the page that no installed font has (they would show as a missing-glyph box). */
async function missingGlyphs(on: Page): Promise<string[]> {
  const text = await on.evaluate<string>('document.body.innerText');
  const chars = new Set(text.match(/[^\s!-~]/gu) ?? []);
  return [...chars].filter((c) => {
    const cp = c.codePointAt(0)!;
    if (!fontHas.has(cp))
      fontHas.set(
        cp,
        execFileSync('fc-list', [`:charset=${cp.toString(16)}`, 'family'], { encoding: 'utf8' }).trim() !==
          '',
      );
    return !fontHas.get(cp);
  });
}

/** Whether the element's middle is inside the box and shows the element itself (not something covering it). */
async function visibleIn(on: Page, selector: string, box: string): Promise<boolean> {
  return on.evaluate<boolean>(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const r = el.getBoundingClientRect();
    const b = document.querySelector(${JSON.stringify(box)}).getBoundingClientRect();
    const inside = r.left >= b.left - 1 && r.right <= b.right + 1 && r.right <= innerWidth + 1;
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return inside && hit !== null && el.contains(hit);
  })()`);
}

async function open(code: string, version = h.sample.id): Promise<void> {
  await page.goto(`${h.url}/#v=${version}&n=${encodeURIComponent(code)}`);
  await page.locator('.node-title').filter({ hasText: code }).waitFor();
}

describe('web workbench', () => {
  it('shows the sample to a new visitor: tree, 43.01, line 13 with its items and sources, search', async () => {
    await newPage();
    const script = page.waitForResponse((r) => /\/assets\/index-[^/]+\.js$/u.test(r.url()));
    const document = await page.goto(`${h.url}/`);
    // the page is always asked for anew, its hashed assets are kept for good
    expect(document!.headers()['cache-control']).toBe('no-cache');
    expect((await script).headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    await page.getByRole('navigation', { name: 'Produkte' }).getByRole('link', { name: /^43 / }).waitFor();
    await page
      .getByRole('link', { name: /43\.01 Kommunales Integrationszentrum/ })
      .first()
      .click();
    await page.locator('.node-title').filter({ hasText: '43.01' }).waitFor();
    const row = page.locator('#zeile-teilergebnisplan-13');
    await expect(row.locator('th').textContent()).resolves.toContain(
      'Aufwendungen für Sach- und Dienstleistungen',
    );
    expect(await amount(page, 'teilergebnisplan', '13', 'ansatz', 2026)).toBe(
      german(await ansatz('43.01', '13')),
    );
    expect(await page.locator('#plan-teilergebnisplan caption').textContent()).toContain('Teilergebnisplan');
    expect(await page.locator('#plan-teilergebnisplan th[scope="col"]').count()).toBeGreaterThan(4);
    // totals set apart
    expect(await page.locator('#zeile-teilergebnisplan-17').getAttribute('class')).toContain('total');
    // the line's Erläuterung beside it, with the source of every value
    await row.getByRole('button').first().click();
    const panel = page.locator('#zeilen-details');
    await panel.getByText('Sachkosten Dolmetscherinstitute').waitFor();
    expect(await panel.textContent()).toContain('100.000');
    await panel
      .getByText(/kreis-coesfeld-2026-pb43\.txt, Zeile \d+/)
      .first()
      .waitFor();
    // every sign on screen (line marks, finding marks, buttons) has a font here
    expect(await missingGlyphs(page)).toEqual([]);
    // the version: its label once, the stage not repeated
    const versionText = (await page.locator('header select option').first().textContent())!;
    expect(versionText.split(STAGE_LABEL[h.sample.stage]).length - 1, versionText).toBe(1);
    // a reader may not change anything
    expect(await page.locator('button.cell-edit').count()).toBe(0);
    await page.getByText('Nur lesen: zum Ändern bitte anmelden.').waitFor();
    await shot(page, 'explore-43.01');
    // full-text search finds the item
    await page.getByRole('searchbox', { name: 'Suche' }).fill('Dolmetscher');
    await page.getByRole('button', { name: 'Volltext' }).click();
    const hit = page.getByRole('button', { name: /43\.01 Zeile 13 Posten b\)/ });
    await hit.waitFor();
    await hit.click();
    await panel.getByText('Sachkosten Dolmetscherinstitute').waitFor();
    // the budget of another municipality is not published: not listed
    expect(await page.locator('header select option').allTextContents()).toEqual([
      expect.stringContaining('Beispielhaushalt'),
    ]);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'phone-43.01');
  });

  it('opens a plan on a phone at the budget year: its Ansatz beside the labels, earlier years a swipe away', async () => {
    await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.url}/?w=390#v=${h.sample.id}&n=43.01`);
    const table = page.locator('#plan-teilergebnisplan');
    await table.waitFor();
    const box = async (selector: string) => (await table.locator(selector).first().boundingBox())!;
    const label = await box('thead th:nth-child(2)');
    const budgetYear = await box('thead th:has-text("Ansatz 2026")');
    // the budget year's Ansatz is the first amount beside the label, inside the screen
    expect(Math.abs(budgetYear.x - (label.x + label.width))).toBeLessThanOrEqual(2);
    expect(budgetYear.x + budgetYear.width).toBeLessThanOrEqual(390);
    // the years before it are scrolled to the left, under the sticky labels
    const region = page.locator('.table-scroll:has(#plan-teilergebnisplan)');
    expect(await region.evaluate((e: { scrollLeft: number }) => e.scrollLeft)).toBeGreaterThan(0);
    await shot(page, 'phone-budget-year');
    // a wide screen shows every column from the first
    await page.setViewportSize({ width: 1920, height: 1000 });
    await page.goto(`${h.url}/?w=1920#v=${h.sample.id}&n=43.01`);
    await table.waitFor();
    expect(await region.evaluate((e: { scrollLeft: number }) => e.scrollLeft)).toBe(0);
  });

  it('is usable at 1280 px, 1024 px and on a phone with the line panel open: every column reachable, labels kept', async () => {
    await newPage();
    const plan = (await h.store.getNode(SYSTEM_ACTOR, h.sample.id, '43.01')).node.plans.find(
      (p) => p.type === 'teilergebnisplan',
    )!;
    const last = plan.columns.at(-1)!;
    const region = '#plan-teilergebnisplan';
    for (const [width, height] of [
      [1280, 900],
      [1024, 768],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${h.url}/?w=${width}#v=${h.sample.id}&n=43.01&z=teilergebnisplan:13`);
      await page.locator('#zeilen-details').waitFor();
      // the page itself never scrolls sideways
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
        `${width}`,
      ).toBeLessThanOrEqual(width);
      // the plan is a region with all its columns and one Tab stop inside (grid-keys.ts) …
      const scroller = page.getByRole('region', { name: 'Teilergebnisplan 43.01' });
      expect(await scroller.locator('tbody [tabindex="0"]').count()).toBe(1);
      expect(await page.locator(`${region} thead th`).count()).toBe(plan.columns.length + 2);
      // … the last one can be brought into view inside it, uncovered, and the line's label stays beside it
      const lastCell = `#zelle-teilergebnisplan-13-${last.kind}-${last.year}`;
      await page.locator(lastCell).scrollIntoViewIfNeeded();
      expect(await visibleIn(page, lastCell, '.table-scroll:has(#plan-teilergebnisplan)'), `${width}`).toBe(
        true,
      );
      expect(
        await visibleIn(
          page,
          '#zeile-teilergebnisplan-13 th.label',
          '.table-scroll:has(#plan-teilergebnisplan)',
        ),
        `${width}`,
      ).toBe(true);
      // the line panel beside the plan where there is room, else right below it; never over it
      const [plans, panel] = await Promise.all(
        ['.table-scroll:has(#plan-teilergebnisplan)', '#zeilen-details'].map((sel) =>
          page.evaluate<{ left: number; right: number; top: number; bottom: number }>(
            `document.querySelector(${JSON.stringify(sel)}).getBoundingClientRect().toJSON()`,
          ),
        ),
      );
      if (width >= 1600) expect(panel!.left, `${width}`).toBeGreaterThanOrEqual(plans!.right);
      else expect(panel!.top, `${width}`).toBeGreaterThanOrEqual(plans!.bottom);
      await shot(page, `layout-${width}`);
    }
  });

  it('a Leser reads and sees the role, but cannot edit or read the audit trail', async () => {
    await newPage();
    await open('43.01');
    await login('leser');
    expect(await page.locator('#angemeldet').textContent()).toContain('Leser');
    await page.getByText('Nur lesen: Ihre Rolle (Leser) darf nichts ändern.').waitFor();
    expect(await page.locator('button.cell-edit').count()).toBe(0);
    await page.getByRole('link', { name: 'Änderungen' }).click();
    await page.locator('main .error').waitFor();
  });

  it('the Kämmerei edits an Ansatz: lines 17, 18, 29, 31 and PB 43 change at once; an Erläuterung that contradicts its line raises a finding that jumps to its cell; CSV and XLSX carry the numbers', async () => {
    await newPage();
    await open('43.01');
    await login('kaemmerei');
    expect(await page.locator('#angemeldet').textContent()).toContain('Kämmerei');
    const before = new Map<string, number>();
    for (const l of ['13', '17', '18', '29', '31']) before.set(l, await ansatz('43.01', l));
    const pb17 = await ansatz('43', '17');
    await cell(page, 'teilergebnisplan', '13', 'ansatz', 2026).getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Neuer Betrag in €').fill(german(before.get('13')! - 1_000_000));
    await dialog.getByLabel('Begründung').fill('Mehrbedarf Dolmetscher');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const l of ['13', '17', '18', '29', '31']) {
      const c = cell(page, 'teilergebnisplan', l, 'ansatz', 2026);
      expect(await c.locator('.amount').textContent(), `line ${l}`).toBe(german(before.get(l)! - 1_000_000));
      expect(await c.getAttribute('class')).toContain('changed');
    }
    expect(await impact(page, '43', '17')).toEqual([german(pb17), german(pb17 - 1_000_000)]);
    await shot(page, 'edit-43.01');
    // the change list says old → new with the reason
    await page.getByRole('link', { name: 'Änderungen' }).click();
    const audit = page.locator('table.audit');
    await audit.getByText('Mehrbedarf Dolmetscher').waitFor();
    expect(await audit.textContent()).toContain(german(before.get('13')! - 1_000_000));
    // … and names what it changed in German, with the line's label, not the store's key
    const row = audit.locator('tbody tr', { hasText: 'Mehrbedarf Dolmetscher' }).first();
    const what = (await row.locator('td').nth(2).textContent()) ?? '';
    expect(what).toMatch(/^Produktgruppe 43\.01 .+ · Teilergebnisplan, Zeile 13 „.+“ · Ansatz 2026$/u);
    expect(await audit.textContent()).not.toContain('teilergebnisplan ·');
    // filtered by person: nobody else changed anything
    await page.getByLabel('Person').selectOption({ index: 1 });
    await audit.getByText('Mehrbedarf Dolmetscher').waitFor();
    await shot(page, 'audit');
    // PB 43 shows the new total
    await page
      .getByRole('link', { name: /^43 Reg\./ })
      .first()
      .click();
    await page.locator('.node-title').filter({ hasText: /^43 / }).waitFor();
    await page.getByRole('link', { name: 'Pläne' }).click();
    expect(await amount(page, 'teilergebnisplan', '17', 'ansatz', 2026)).toBe(german(pb17 - 1_000_000));

    // an Erläuterung item far above its line: a new finding, loud, that jumps to its cell
    await open('43.01');
    const warningsBefore = (await h.store.findings(SYSTEM_ACTOR, h.sample.id)).open.filter(
      (f) => f.severity !== 'rounding' && f.severity !== 'info',
    ).length;
    await page.locator('#zeile-teilergebnisplan-13 th button').click();
    await page.getByRole('button', { name: 'Posten b ändern' }).click();
    const itemDialog = page.getByRole('dialog');
    await itemDialog.getByLabel('Neuer Betrag in €').fill('9.000.000');
    await itemDialog.getByLabel('Begründung').fill('Tippfehler provozieren');
    await itemDialog.getByRole('button', { name: 'Speichern' }).click();
    await itemDialog.waitFor({ state: 'detached' });
    await page
      .getByRole('link', { name: /^Befunde \((\d+)\)$/ })
      .filter({ hasText: `(${warningsBefore + 1})` })
      .waitFor();
    await page.getByRole('link', { name: /^Befunde/ }).click();
    const finding = page
      .locator('.finding.sev-warning')
      .filter({ hasText: /43\.01 · Teilergebnisplan · Zeile 13 · Ansatz 2026/ })
      .first();
    await finding.waitFor();
    await shot(page, 'findings');
    await finding.getByRole('button', { name: 'Zur Zelle springen' }).click();
    const target = cell(page, 'teilergebnisplan', '13', 'ansatz', 2026);
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement?.id'))
      .toBe('zelle-teilergebnisplan-13-ansatz-2026');
    expect(await target.getAttribute('class')).toContain('sev-warning');

    // downloads of what is on screen
    const expected = before.get('13')! - 1_000_000;
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV herunterladen' }).click(),
    ]);
    const csvFile = path.join(h.downloads, 'a.csv');
    await csvDownload.saveAs(csvFile);
    const [header, ...rows] = readFileSync(csvFile, 'utf8')
      .replace(/^\uFEFF/u, '')
      .split('\r\n')
      .map((r) => r.split(';'));
    const col = (name: string) => header!.indexOf(name);
    const line13 = rows.find(
      (r) =>
        r[col('Einheit')] === 'Kommunales Integrationszentrum' &&
        r[col('Plan')] === 'Teilergebnisplan' &&
        r[col('Zeile')] === '"=""13"""' &&
        r[col('Spalte')] === 'Ansatz' &&
        r[col('Jahr')] === '2026',
    );
    expect(line13?.at(-1)).toBe(`${expected / 100},00`);
    // the plans as on screen: the line's row, the year in its own column, whole euros as printed
    const [planDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV wie angezeigt' }).click(),
    ]);
    const planFile = path.join(h.downloads, 'plaene.csv');
    await planDownload.saveAs(planFile);
    const [planHeader, ...planRows] = readFileSync(planFile, 'utf8')
      .replace(/^\uFEFF/u, '')
      .split('\r\n')
      .map((r) => r.split(';'));
    const planLine13 = planRows.find(
      (r) => r[0] === '"=""43.01"""' && r[2] === 'Teilergebnisplan' && r[3] === '"=""13"""',
    );
    expect(planLine13?.[planHeader!.indexOf('Ansatz 2026 in EUR')]).toBe(String(expected / 100));
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'XLSX herunterladen' }).click(),
    ]);
    const xlsxFile = path.join(h.downloads, 'a.xlsx');
    await xlsxDownload.saveAs(xlsxFile);
    const book = readWorkbook(readFileSync(xlsxFile));
    if (!book.ok) throw new Error(book.message);
    // every number cell of every sheet, in euros (compared with euros below)
    const numbers = book.sheets.flatMap((sheet) =>
      sheet.rows.flatMap((r) => r.flatMap((c) => (c?.type === 'number' ? [Number(c.value)] : []))),
    );
    expect(numbers).toContain(expected / 100);
    expect(numbers).toContain(before.get('17')! / 100 - 10_000);

    // the unit's book: the page says how far the print is while the browser waits for it
    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('link', { name: 'Nur diese Einheit als PDF' }).click(),
      page
        .locator('.export-progress[role="status"]')
        .filter({ hasText: /Wird erstellt|Wird gleich begonnen|Fertig: der Download beginnt/ })
        .waitFor({ timeout: 120_000 }),
    ]);
    const pdfFile = path.join(h.downloads, 'a.pdf');
    await pdfDownload.saveAs(pdfFile);
    expect(readFileSync(pdfFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('edits with the keyboard alone: the dialog keeps Tab inside, Escape closes it, the focus goes back to the cell', async () => {
    await newPage();
    await open('43.01');
    await login('kaemmerei');
    const button = cell(page, 'teilergebnisplan', '13', 'planung', 2028).getByRole('button');
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    const focused = () =>
      page.evaluate<string>(
        'document.activeElement?.getAttribute("name") ?? document.activeElement?.textContent ?? ""',
      );
    await expect.poll(focused).toBe('amount');
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    expect(order).toEqual(['reason', 'Speichern', 'Abbrechen', 'amount']);
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Abbrechen');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate<string | undefined>('document.activeElement?.closest("td")?.id')).toBe(
      'zelle-teilergebnisplan-13-planung-2028',
    );
    // and saves with Enter from the reason field
    await page.keyboard.press('Enter');
    await dialog.getByLabel('Neuer Betrag in €').fill('-1');
    await dialog.getByLabel('Begründung').fill('Tastatur');
    await page.keyboard.press('Enter');
    // far from Planung 2027: asked first (entry-rules.ts), saved with Enter again
    await dialog.locator('.question').waitFor();
    await page.keyboard.press('Enter');
    await page
      .locator('.status')
      .filter({ hasText: /^Gespeichert\./ })
      .waitFor();
    expect(await stored('43.01', '13', 2028, 'planung')).toBe(-100);
  });

  it('shows an edit with its totals before the server answers; an edit the server refuses is taken back and asked again', async () => {
    await newPage();
    await open('43.01');
    // the PB's view, for the preview further up, is loaded once the node is shown to an editor
    const pbLoaded = page.waitForResponse((r) => r.url().endsWith('/nodes/43') && r.ok());
    await login('kaemmerei');
    await pbLoaded;
    const year = 2027;
    const before = new Map<string, number>();
    for (const l of ['13', '17', '18']) before.set(l, await stored('43.01', l, year, 'planung'));
    const pb17 = await stored('43', '17', year, 'planung');
    // the server gets the edit only when the page has been looked at
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/versions/*/cells', async (route) => {
      await held;
      await route.continue();
    });
    const editOf = (line: string) => cell(page, 'teilergebnisplan', line, 'planung', year);
    await editOf('13').getByRole('button').click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Neuer Betrag in €').fill(german(before.get('13')! - 250_000));
    await dialog.getByLabel('Begründung').fill('Vorschau');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    for (const l of ['13', '17', '18']) {
      expect(await editOf(l).locator('.amount').textContent(), `line ${l}`).toBe(
        german(before.get(l)! - 250_000),
      );
      expect(await editOf(l).getAttribute('class')).toContain('pending');
    }
    // the impacts panel at the window's foot does not hide the edited cell: the page scrolls it above
    const cellBox = (await editOf('13').boundingBox())!;
    const panelBox = (await page.locator('.impacts').boundingBox())!;
    expect(cellBox.y + cellBox.height).toBeLessThanOrEqual(panelBox.y);
    expect(panelBox.y + panelBox.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    // the edited cell's button keeps the focus the dialog gave back, and opens nothing while it is saved
    const button13 = editOf('13').getByRole('button');
    expect(await button13.getAttribute('aria-disabled')).toBe('true');
    expect(await editOf('13').locator('button:focus').count()).toBe(1);
    await button13.click({ force: true });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await impact(page, '43', '17')).toEqual([german(pb17), german(pb17 - 250_000)]);
    expect(await page.locator('.status').textContent()).toBe('Wird gespeichert …');
    expect(await stored('43.01', '13', year, 'planung')).toBe(before.get('13'));
    await shot(page, 'edit-preview');
    release();
    await page
      .locator('.status')
      .filter({ hasText: /^Gespeichert\./ })
      .waitFor();
    expect(await page.locator('td.pending').count()).toBe(0);
    expect(await stored('43.01', '13', year, 'planung')).toBe(before.get('13')! - 250_000);
    expect(await stored('43', '17', year, 'planung')).toBe(pb17 - 250_000);
    await page.unroute('**/api/versions/*/cells');

    // someone else changes the cell while the dialog is open: the server refuses, the page takes its
    // preview back and asks again with what was entered
    await editOf('13').getByRole('button').click();
    dialog = page.getByRole('dialog');
    const mine = before.get('13')! - 400_000;
    await dialog.getByLabel('Neuer Betrag in €').fill(german(mine));
    await dialog.getByLabel('Begründung').fill('Zu spät');
    const theirs = before.get('13')! - 700_000;
    await h.store.editCell(SYSTEM_ACTOR, h.sample.id, {
      node: '43.01',
      plan: 'teilergebnisplan',
      line: '13',
      column: { kind: 'planung', year },
      amount: theirs,
      rev: (await h.store.getNode(SYSTEM_ACTOR, h.sample.id, '43.01')).cellRevs[
        `teilergebnisplan|13|planung:${year}`
      ]!,
      reason: 'Andere Sitzung',
    });
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('alert').filter({ hasText: 'inzwischen geändert' }).waitFor();
    expect(await dialog.getByRole('alert').textContent()).toContain(`Jetzt gespeichert: ${german(theirs)} €`);
    expect(await dialog.getByLabel('Neuer Betrag in €').inputValue()).toBe(german(mine));
    expect(await dialog.getByLabel('Begründung').inputValue()).toBe('Zu spät');
    await expect
      .poll(() => editOf('17').locator('.amount').textContent())
      .toBe(german(before.get('17')! - 700_000));
    expect(await page.locator('.status').textContent()).toBe('Nicht gespeichert.');
    await shot(page, 'edit-refused');
    // asked again, it is saved on the revision now stored
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await page
      .locator('.status')
      .filter({ hasText: /^Gespeichert\./ })
      .waitFor();
    expect(await stored('43.01', '13', year, 'planung')).toBe(mine);
    expect(await editOf('17').locator('.amount').textContent()).toBe(german(before.get('17')! - 400_000));
  });

  it('the Kämmerei allows Fachbereich edits and publishes a version in the version area; a Fachbereich edits its Produktbereich only then, and nothing elsewhere', async () => {
    await newPage();
    await open('43.01');
    await login('fachbereich');
    expect(await page.locator('#angemeldet').textContent()).toContain('Fachbereich (PB 43)');
    await page.getByText('Nur lesen: diese Einheit dürfen Sie in dieser Version nicht ändern.').waitFor();
    expect(await page.locator('button.cell-edit').count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);

    // the Kämmerei, in a browser of its own
    const kContext = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
    const k = await kContext.newPage();
    await k.goto(`${h.url}/#v=${h.sample.id}&n=43.01`);
    await login('kaemmerei', k);
    const allow = k.getByRole('checkbox', { name: 'Fachbereiche dürfen ändern' });
    expect(await allow.isChecked()).toBe(false);
    // asked first, in the page's own dialog; declined, nothing changes
    let question = await answer(k, false, () => allow.click());
    expect(await allow.isChecked()).toBe(false);
    expect((await h.store.getVersion(SYSTEM_ACTOR, h.sample.id)).fachbereichEdit).toBe(false);
    // confirmed: the question says what it means, the answer (beside the box) says what is now so
    question = await answer(k, true, () => allow.click());
    await k
      .locator('.version-options')
      .getByText('Fachbereiche dürfen ihre Produktbereiche in diesem Entwurf jetzt ändern.')
      .waitFor();
    expect(question).toContain('Fachbereiche dürfen dann in diesem Entwurf');
    expect(await allow.isChecked()).toBe(true);
    await shot(k, 'version-options');

    // the Fachbereich's next view of the node has the edit buttons
    await page.reload();
    await page.locator('button.cell-edit').first().waitFor();
    const old = await ansatz('43.01', '11');
    await cell(page, 'teilergebnisplan', '11', 'ansatz', 2026).getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Neuer Betrag in €').fill(german(old - 500_000));
    await dialog.getByLabel('Begründung').fill('Anmeldung Stelle');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    // the page shows the edit before the server has it: the store is read once the page says it is saved
    await page
      .locator('.status')
      .filter({ hasText: /^Gespeichert\./ })
      .waitFor();
    expect(await ansatz('43.01', '11')).toBe(old - 500_000);
    // another budget's Entwurf, not opened to Fachbereiche: neither listed nor readable
    const otherTree = await h.store.listNodes(SYSTEM_ACTOR, h.other.id);
    const product = otherTree.find((n) => n.level === 'produkt')!;
    expect(await page.locator('header select option').allTextContents()).toEqual([
      expect.stringContaining('Beispielhaushalt'),
    ]);
    const refused = await page.evaluate(
      async (url) => (await fetch(url)).status,
      `/api/versions/${h.other.id}/nodes/${encodeURIComponent(product.code)}`,
    );
    expect(refused).toBe(403);

    // the Kämmerei makes the other budget public: a visitor without account sees it, and not once it is withdrawn
    const visitor = await h.browser.newContext({ locale: 'de-DE' });
    const v = await visitor.newPage();
    const listed = async () => {
      await v.goto(`${h.url}/`);
      await v.locator('.node-title').waitFor();
      return v.locator('header select option').allTextContents();
    };
    expect(await listed()).toEqual([expect.stringContaining('Beispielhaushalt')]);
    await k.locator('header select').selectOption(String(h.other.id));
    const publicBox = k.getByRole('checkbox', { name: 'Öffentlich lesbar' });
    await k.locator('.node-title').filter({ hasNotText: '43.01' }).waitFor();
    expect(await publicBox.isChecked()).toBe(false);
    question = await answer(k, true, () => publicBox.click());
    await k
      .locator('.version-options')
      .getByText('Die Version ist jetzt öffentlich lesbar, auch ohne Anmeldung.')
      .waitFor();
    expect(question).toContain('ohne Anmeldung');
    expect(await listed()).toEqual([
      expect.stringContaining('Beispielhaushalt'),
      expect.stringContaining('Anderer Haushalt'),
    ]);
    await answer(k, true, () => publicBox.click());
    await k
      .locator('.version-options')
      .getByText('Die Version ist jetzt nur noch für angemeldete Benutzer lesbar.')
      .waitFor();
    expect(await listed()).toEqual([expect.stringContaining('Beispielhaushalt')]);
    await visitor.close();
    await kContext.close();
  });

  it('an edit that contradicts the investment list raises an error at once, loudly, that jumps to its cell', async () => {
    // a node with an investment list whose line rows the Teilfinanzplan must match
    let target: { code: string; line: string; year: number; amount: number } | undefined;
    for (const n of await h.store.listNodes(SYSTEM_ACTOR, h.sample.id)) {
      const { node } = await h.store.getNode(SYSTEM_ACTOR, h.sample.id, n.code);
      const row = node.investitionen?.rows.find((r) => r.type === 'line');
      const tfp = node.plans.find((p) => p.type === 'teilfinanzplan');
      // the budget year: the last Ansatz
      const column = tfp?.columns.filter((c) => c.kind === 'ansatz').at(-1);
      if (!row || row.type !== 'line' || !tfp || !column) continue;
      const amount =
        tfp.lines
          .find((l) => l.line === row.line)
          ?.cells.find((c) => c.column.year === column.year && c.column.kind === 'ansatz')?.amount ?? 0;
      target = { code: n.code, line: row.line, year: column.year, amount };
      break;
    }
    expect(target).toBeDefined();
    const { code, line, year, amount: before } = target!;
    const loudBefore = (await h.store.findings(SYSTEM_ACTOR, h.sample.id)).open.filter(
      (f) => f.severity === 'error' || f.severity === 'warning',
    ).length;
    await newPage();
    await open(code);
    await login('kaemmerei');
    await cell(page, 'teilfinanzplan', line, 'ansatz', year).getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Neuer Betrag in €').fill(german(before - 500_000));
    await dialog.getByLabel('Begründung').fill('Neue Ausstattung ohne Maßnahme');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    // at once and loudly: an alert names the error and its place
    const alert = page.locator('.new-errors[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`${code} · Teilfinanzplan · Zeile ${line} · Ansatz ${year}`);
    expect(await alert.locator('h3').textContent()).toBe('Die Änderung hat einen Fehler ergeben');
    // in sight, wherever the page is scrolled to
    const inView = (await alert.boundingBox())!;
    expect(inView.y).toBeGreaterThanOrEqual(0);
    expect(inView.y + inView.height).toBeLessThanOrEqual(900);
    await page
      .getByRole('link', { name: /^Befunde \(\d+\)$/ })
      .filter({ hasText: `(${loudBefore + 1})` })
      .waitFor();
    // the cell carries it, red
    const target2 = cell(page, 'teilfinanzplan', line, 'ansatz', year);
    expect(await target2.getAttribute('class')).toContain('sev-error');
    expect(await target2.locator('.mark-error').count()).toBe(1);
    expect(await missingGlyphs(page)).toEqual([]);
    await shot(page, 'error-alert');
    // in the Befunde it is listed first, as an error, and jumps to its cell
    await page.getByRole('link', { name: /^Befunde/ }).click();
    const errors = page.getByRole('region', { name: 'Fehler' }).first();
    const finding = errors
      .locator('.finding.sev-error')
      .filter({ hasText: `Zeile ${line} · Ansatz ${year}` });
    await finding.waitFor();
    await shot(page, 'findings-error');
    await finding.getByRole('button', { name: 'Zur Zelle springen' }).click();
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement?.id'))
      .toBe(`zelle-teilfinanzplan-${line}-ansatz-${year}`);
    expect(await target2.getAttribute('class')).toContain('sev-error');
  });

  it('the Kämmerei accepts a finding with a reason: it leaves the open ones and shows apart, with who and why', async () => {
    await newPage();
    const first = (await h.store.listNodes(SYSTEM_ACTOR, h.other.id))[0]!.code;
    await open('43');
    await login('kaemmerei');
    await open(first, h.other.id);
    await page.getByRole('link', { name: 'Befunde' }).click();
    const version = page.locator('section.findings').last();
    const folded = version.locator('details').first();
    const summary = (await folded.locator('summary').textContent()) ?? '';
    const before = Number(/\(([\d.]+)\)/u.exec(summary)?.[1]?.replaceAll('.', ''));
    expect(before).toBeGreaterThan(0);
    await folded.locator('summary').click();
    const item = folded.locator('li.finding').first();
    const message = (await item.locator('p').first().textContent()) ?? '';
    await item.getByRole('button', { name: 'Akzeptieren …' }).click();
    // no acceptance without a reason
    await item.getByRole('button', { name: 'Befund akzeptieren' }).click();
    await item
      .getByRole('alert')
      .getByText(/Begründung/u)
      .waitFor();
    await item.getByLabel('Begründung').fill('Rundung der gedruckten Beträge, geprüft');
    await item.getByRole('button', { name: 'Befund akzeptieren' }).click();
    const accepted = version.locator('details', { hasText: 'Akzeptierte Befunde' });
    await accepted.waitFor();
    await accepted.locator('summary').click();
    const kept = accepted.locator('li.accepted', { hasText: message });
    await kept.getByText('Akzeptiert von kaemmerin: Rundung der gedruckten Beträge, geprüft').waitFor();
    expect(await version.locator('details').first().locator('summary').textContent()).toContain(
      `(${formatCount(before - 1)})`,
    );
  });

  it('shows charts with their numbers as tables, and compares versions', async () => {
    await newPage();
    await open('43');
    await login('kaemmerei');
    await page.getByRole('link', { name: 'Diagramme' }).click();
    await page.locator('.chart canvas').nth(2).waitFor();
    expect(await page.locator('.charts table').count()).toBe(3);
    expect(await page.locator('.charts table').nth(2).textContent()).toContain('43.01');
    // the Aufwendungen drawn upwards as the book draws them (the sample prints them negative)
    const expenses = (await page.locator('.charts table').nth(1).locator('td').allTextContents()).map((t) =>
      t.trim(),
    );
    expect(expenses.filter((t) => /^[1-9]/u.test(t)).length).toBeGreaterThan(0);
    expect(expenses.filter((t) => t.startsWith('-'))).toEqual([]);
    await shot(page, 'charts-43');
    // the next stage from the stepper below the header, confirmed in the page's own dialog
    await page.getByRole('button', { name: /^Weitergeben: / }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByRole('button', { name: 'Weitergeben' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Vergleich' }).click();
    await page.getByText(/Veränderungsnachweis: Version \d+ → Version \d+, 0 geänderte Beträge/).waitFor();
  });
  it('applies a projection of the planning years as one change: one request, one revision, one group in the change list; a stale cell refuses all of it, naming the cell', async () => {
    const v = h.other.id;
    // a product of the other budget whose Teilergebnisplan prints planning years
    const nodes = await h.store.listNodes(SYSTEM_ACTOR, v);
    let code = '';
    for (const n of nodes.filter((x) => x.level === 'produkt')) {
      const plan = (await h.store.getNode(SYSTEM_ACTOR, v, n.code)).node.plans.find(
        (p) => p.type === 'teilergebnisplan',
      );
      if (plan?.columns.some((c) => c.kind === 'planung')) {
        code = n.code;
        break;
      }
    }
    expect(code).not.toBe('');
    const planned = async (line: string, year: number): Promise<number | undefined> =>
      (await h.store.getNode(SYSTEM_ACTOR, v, code)).node.plans
        .find((p) => p.type === 'teilergebnisplan')!
        .lines.find((l) => l.line === line)
        ?.cells.find((c) => c.column.kind === 'planung' && c.column.year === year)?.amount;
    /** The preview's rows: line, year, neu (as printed). */
    const previewRows = async (): Promise<{ line: string; year: number; neu: string }[]> => {
      const out: { line: string; year: number; neu: string }[] = [];
      for (const row of await page.locator('#projektion-vorschau tbody tr').all()) {
        const [line = '', year = '', , neu = ''] = (await row.locator('th, td').allTextContents()).map((t) =>
          t.trim(),
        );
        out.push({ line, year: Number(year.replace(/\D/gu, '')), neu });
      }
      return out;
    };
    const growAll = async (rate: string): Promise<void> => {
      await page.getByRole('button', { name: 'Planungsjahre fortschreiben …' }).click();
      for (const input of await page.getByLabel(/^Wachstum Zeile/u).all()) await input.fill(rate);
      await page.getByLabel('Begründung').fill(`Fortschreibung ${rate} %`);
    };
    await newPage();
    await open('43.01');
    await login('kaemmerei');
    await open(code, v);
    const requests: string[] = [];
    page.on('request', (r) => {
      if (/\/cells$/u.test(r.url())) requests.push(r.method());
    });
    const revision = (await h.store.getVersion(SYSTEM_ACTOR, v)).revision;

    await growAll('3');
    const rows = await previewRows();
    expect(rows.length).toBeGreaterThan(2);
    await page.getByRole('button', { name: 'Übernehmen' }).click();
    await page
      .locator('.status')
      .getByText(`Fortschreibung übernommen: ${rows.length} Beträge geändert in einem Schritt`)
      .waitFor();
    // one request, one revision; every cell as the preview showed it, and shown so on the page
    expect(requests).toEqual(['PATCH']);
    expect((await h.store.getVersion(SYSTEM_ACTOR, v)).revision).toBe(revision + 1);
    for (const r of rows) {
      expect(german(await planned(r.line, r.year)), `Zeile ${r.line}, ${r.year}`).toBe(r.neu);
      expect(await amount(page, 'teilergebnisplan', r.line, 'planung', r.year)).toBe(r.neu);
    }
    const audit = (await h.store.audit(SYSTEM_ACTOR, { versionId: v })).filter((e) => e.action === 'cell');
    expect(audit).toHaveLength(rows.length);
    expect(new Set(audit.map((e) => e.group)).size).toBe(1);
    expect(audit[0]!.group).not.toBeNull();

    // another user changes one of the cells meanwhile: the next projection is refused as a whole
    await growAll('5');
    const again = await previewRows();
    const last = again.at(-1)!;
    const detail = await h.store.getNode(SYSTEM_ACTOR, v, code);
    await h.store.editCell(SYSTEM_ACTOR, v, {
      node: code,
      plan: 'teilergebnisplan',
      line: last.line,
      column: { kind: 'planung', year: last.year },
      amount: 123_400,
      rev: detail.cellRevs[`teilergebnisplan|${last.line}|planung:${last.year}`]!,
      reason: 'Zwischendurch',
    });
    const before = new Map<string, number | undefined>();
    for (const r of again) before.set(`${r.line}|${r.year}`, await planned(r.line, r.year));
    await page.getByRole('button', { name: 'Übernehmen' }).click();
    const alert = page.locator('.projection [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      `Zelle ${code}, Teilergebnisplan, Zeile ${last.line}, Planung ${last.year}: Der Wert wurde inzwischen geändert`,
    );
    expect(await alert.textContent()).toContain('Nichts wurde gespeichert.');
    for (const r of again) expect(await planned(r.line, r.year)).toBe(before.get(`${r.line}|${r.year}`));
    expect(requests).toEqual(['PATCH', 'PATCH']);

    // the change list shows the projection's entries together, under one row naming the change
    await page.getByRole('button', { name: 'Abbrechen' }).click();
    await page.getByRole('link', { name: 'Änderungen' }).click();
    const group = page.locator('table.audit tr.audit-group');
    await group.first().waitFor();
    expect(await group.count()).toBe(1);
    expect(await group.textContent()).toBe(
      `Eine Änderung, ${rows.length} Beträge in einem Schritt: Fortschreibung 3 %`,
    );
    expect(await page.locator('table.audit tr.in-group').count()).toBe(rows.length);
    await shot(page, 'audit-projection');
  });
});
