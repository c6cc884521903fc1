/**
 * The web workbench as a new user meets it, in Debian's Chromium against a real server: explore the sample
 * budget (43.01, line 13 and its Erläuterung items, full-text search), log in with each role and see what it
 * may do, edit an Ansatz and watch the totals and PB 43 change, make an Erläuterung contradict its line and
 * jump from the new finding to its cell, download CSV and XLSX and check their numbers. Screenshots of the
 * main views go to test-results/screenshots/web/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/store/workflow.js';
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
const german = (cents: number) => {
  const euros = Math.abs(cents) / 100;
  return `${cents < 0 ? '-' : ''}${String(euros).replace(/\B(?=(\d{3})+(?!\d))/gu, '.')}`;
};

async function ansatz(code: string, line: string, year = 2026): Promise<number> {
  const detail = await h.store.getNode(SYSTEM_ACTOR, h.sample.id, code);
  const cellOf = detail.node.plans
    .find((p) => p.type === 'teilergebnisplan')!
    .lines.find((l) => l.line === line)!
    .cells.find((c) => c.column.kind === 'ansatz' && c.column.year === year)!;
  return cellOf.amount;
}

async function newPage(): Promise<void> {
  await context?.close();
  context = await h.browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: 'de-DE',
  });
  page = await context.newPage();
}

async function login(who: keyof typeof USERS): Promise<void> {
  await page.getByLabel('Benutzer').fill(USERS[who].name);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.locator('#angemeldet').waitFor();
}

async function open(code: string, version = h.sample.id): Promise<void> {
  await page.goto(`${h.url}/#v=${version}&n=${encodeURIComponent(code)}`);
  await page.locator('.node-title').filter({ hasText: code }).waitFor();
}

describe('web workbench', () => {
  it('shows the sample to a new visitor: tree, 43.01, line 13 with its items and sources, search', async () => {
    await newPage();
    await page.goto(`${h.url}/`);
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
    const impacts = page.locator('.impacts');
    expect(
      await impacts
        .locator('tbody tr')
        .filter({ has: page.locator('th', { hasText: /^43$/ }) })
        .count(),
    ).toBeGreaterThan(0);
    await shot(page, 'edit-43.01');
    // the change list says old → new with the reason
    await page.getByRole('link', { name: 'Änderungen' }).click();
    const audit = page.locator('table.audit');
    await audit.getByText('Mehrbedarf Dolmetscher').waitFor();
    expect(await audit.textContent()).toContain(german(before.get('13')! - 1_000_000));
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
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'XLSX herunterladen' }).click(),
    ]);
    const xlsxFile = path.join(h.downloads, 'a.xlsx');
    await xlsxDownload.saveAs(xlsxFile);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsxFile);
    const numbers: number[] = [];
    book.eachSheet((sheet) => {
      sheet.eachRow((r) => {
        r.eachCell((c) => {
          if (typeof c.value === 'number') numbers.push(c.value);
        });
      });
    });
    expect(numbers).toContain(expected / 100);
    expect(numbers).toContain(before.get('17')! / 100 - 10_000);
  });

  it('a Fachbereich edits its Produktbereich once the Kämmerei allows it, and nothing elsewhere', async () => {
    await newPage();
    await open('43.01');
    await login('fachbereich');
    expect(await page.locator('#angemeldet').textContent()).toContain('Fachbereich (PB 43)');
    await page.getByText('Nur lesen: diese Einheit dürfen Sie in dieser Version nicht ändern.').waitFor();
    await h.store.setVersionOptions(SYSTEM_ACTOR, h.sample.id, { fachbereichEdit: true });
    await page.reload();
    await page.locator('button.cell-edit').first().waitFor();
    const old = await ansatz('43.01', '11');
    await cell(page, 'teilergebnisplan', '11', 'ansatz', 2026).getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Neuer Betrag in €').fill(german(old - 500_000));
    await dialog.getByLabel('Begründung').fill('Anmeldung Stelle');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await ansatz('43.01', '11')).toBe(old - 500_000);
    // another budget, not its Produktbereich: reading only
    const otherTree = await h.store.listNodes(SYSTEM_ACTOR, h.other.id);
    const product = otherTree.find((n) => n.level === 'produkt')!;
    await open(product.code, h.other.id);
    await page.getByText('Nur lesen: diese Einheit dürfen Sie in dieser Version nicht ändern.').waitFor();
    expect(await page.locator('button.cell-edit').count()).toBe(0);
  });

  it('shows charts with their numbers as tables, and compares versions', async () => {
    await newPage();
    await open('43');
    await login('kaemmerei');
    await page.getByRole('link', { name: 'Diagramme' }).click();
    await page.locator('.chart canvas').nth(2).waitFor();
    expect(await page.locator('.charts table').count()).toBe(3);
    expect(await page.locator('.charts table').nth(2).textContent()).toContain('43.01');
    await shot(page, 'charts-43');
    await page.getByRole('link', { name: 'Vergleich' }).click();
    await page.getByRole('button', { name: 'Nächste Stufe als neue Version anlegen' }).click();
    await page.getByText(/Veränderungsnachweis: Version \d+ → Version \d+, 0 geänderte Beträge/).waitFor();
  });
});
