/**
 * The import wizard and the start page in Debian's Chromium against a real server: the Kämmerei imports the
 * reference printed as PDF and Köln's CSV tables through the wizard (files, preview with the reconciliation and
 * the findings, budget and stage, report) and Wesel's account export with its profile and mapping; a Leser and
 * an anonymous visitor do not get the wizard, not even by
 * link; the start page's Jahresergebnis equals the Gesamtergebnisplan's line as the plan table shows it.
 * A first start without a budget offers the wizard and the synthetic demo budget, which says it is synthetic.
 * Screenshots of the wizard and the start page go to test/web/artifacts/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoImport } from '../../src/cli/seed.js';
import { DEMO_BUDGET_NAME } from '../../src/core/demo.js';
import { schemaById } from '../../src/core/schema.js';
import { buildServer } from '../../src/server/server.js';
import { openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { referencePdfByChromium } from '../pdf/producers.js';
import { DATA, REPO_ROOT } from '../paths.js';
import { PASSWORD, USERS, startHarness, type Harness } from './harness.js';

const ARTIFACTS = path.join(REPO_ROOT, 'test/web/artifacts');
const KOELN = ['gesamtergebnisplan.csv', 'ergebnisplan_produktbereiche.csv'].map((f) =>
  path.join(DATA, 'koeln-2013', f),
);

let h: Harness;
let pdf: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startHarness();
  pdf = referencePdfByChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await h?.close();
});

async function newPage(width = 1280): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height: 900 }, locale: 'de-DE' });
  contexts.push(context);
  return context.newPage();
}

async function login(page: Page, who: keyof typeof USERS): Promise<void> {
  await page.getByLabel('Benutzer').fill(USERS[who].name);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.locator('#angemeldet').waitFor();
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Files into the wizard, the preview made; returns when it is on screen. */
async function previewOf(page: Page, files: readonly string[]): Promise<void> {
  await page.goto(`${h.url}/#s=import`);
  await page.getByLabel('Dateien').setInputFiles([...files]);
  await page.getByRole('button', { name: 'Vorschau erstellen' }).click();
  await page.locator('#erkannt').waitFor({ timeout: 60_000 });
}

/** From the preview: a new budget of that name, Entwurf, imported; returns the new version's id. */
async function confirm(page: Page, name: string): Promise<number> {
  await page.getByRole('button', { name: 'Weiter: Haushalt und Stufe wählen' }).click();
  await page.getByRole('radio', { name: /Neuer Haushalt/u }).check();
  await page.locator('input[name="name"]').fill(name);
  await page.getByRole('radio', { name: 'Entwurf der Kämmerei' }).check();
  await page.getByRole('button', { name: 'Importieren und speichern' }).click();
  const done = await page.locator('#import-fertig').textContent({ timeout: 60_000 });
  const id = /Version Nr\. (\d+)/u.exec(done ?? '')?.[1];
  expect(id, done ?? '').toBeDefined();
  return Number(id);
}

describe('the import wizard', () => {
  it('is not there for an anonymous visitor or a Leser, not even by link', async () => {
    const page = await newPage();
    await page.goto(`${h.url}/#s=import`);
    await page.locator('#import-verweigert').waitFor();
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Importieren' }).count()).toBe(0);
    await login(page, 'leser');
    await page.locator('#import-verweigert').waitFor();
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Importieren' }).count()).toBe(0);
  }, 60_000);

  it('lets the Kämmerei import the reference as PDF: preview, then budget and stage, then the report', async () => {
    const page = await newPage();
    await page.goto(`${h.url}/`);
    await login(page, 'kaemmerei');
    await page.getByRole('link', { name: 'Importieren' }).click();
    await page.locator('#wizard-h').waitFor();
    const before = (await h.store.listBudgets(SYSTEM_ACTOR)).length;
    await previewOf(page, [pdf]);
    // what was recognised, from the PDF: the units of the reference, every amount accounted for
    const recognised = await page.locator('#erkannt').textContent();
    expect(recognised).toMatch(
      /\d+ Produktbereich(e)?, \d+ Produktgruppen?, \d+ Produkte? aus reference\.pdf/u,
    );
    expect(await page.locator('.import-report .report-ok').first().textContent()).toContain(
      'Jeder gelesene Betrag steht in einem Plan',
    );
    expect(await page.locator('#abgleich tbody tr').count()).toBeGreaterThan(0);
    await page.locator('#vorschau-befunde').waitFor();
    // nothing stored by the preview
    expect((await h.store.listBudgets(SYSTEM_ACTOR)).length).toBe(before);
    await shot(page, 'wizard-preview-pdf');
    const id = await confirm(page, 'Aus PDF im Browser');
    await shot(page, 'wizard-report-pdf');
    const version = await h.store.getVersion(SYSTEM_ACTOR, id);
    expect(version.stage).toBe('entwurf');
    const budget = (await h.store.listBudgets(SYSTEM_ACTOR)).find((b) => b.id === version.budgetId)!;
    expect(budget.name).toBe('Aus PDF im Browser');
    const nodes = await h.store.listNodes(SYSTEM_ACTOR, id);
    expect(recognised).toContain(`${nodes.filter((n) => n.level === 'produkt').length} Produkte`);
    expect((await h.store.listDocuments(SYSTEM_ACTOR, id)).map((d) => d.name)).toEqual(['reference.pdf']);
  }, 180_000);

  it('imports Köln’s CSV tables, and the start page shows the Gesamtergebnisplan’s Jahresergebnis', async () => {
    const page = await newPage();
    await page.goto(`${h.url}/`);
    await login(page, 'kaemmerei');
    await previewOf(page, KOELN);
    expect(await page.locator('#erkannt').textContent()).toContain('1 Gesamthaushalt');
    await page.locator('#vorschau-ueberblick').waitFor();
    const id = await confirm(page, 'Köln 2013 im Browser');
    await page.getByRole('button', { name: 'Version öffnen' }).click();
    await page.locator('.node-title').filter({ hasText: 'Überblick: Köln 2013 im Browser' }).waitFor();
    const table = page.locator('#ueberblick');
    await table.waitFor();
    await shot(page, 'start-page-koeln');
    const result = page.locator('#ueberblick tr.result');
    const label = (await result.locator('th').textContent())!;
    const line = label.split(' ')[0]!;
    const shown = await result.locator('td').allTextContents();
    // the Gesamtergebnisplan's own line, as its plan table shows it
    const gesamt = (await h.store.listNodes(SYSTEM_ACTOR, id)).find((n) => n.level === 'haushalt')!;
    const plan = (await h.store.getNode(SYSTEM_ACTOR, id, gesamt.code)).node.plans.find(
      (p) => p.type === 'gesamtergebnisplan',
    )!;
    expect(schemaById(plan.schemaId)!.lines.find((l) => l.jahresergebnis)!.line).toBe(line);
    await page.getByRole('link', { name: 'Zum Gesamtergebnisplan' }).click();
    await page.locator('#plan-gesamtergebnisplan').waitFor();
    const inTable = await Promise.all(
      plan.columns.map((c) =>
        page.locator(`#zelle-gesamtergebnisplan-${line}-${c.kind}-${c.year} .amount`).textContent(),
      ),
    );
    expect(shown.length).toBe(plan.columns.length);
    expect(shown).toEqual(inTable.map((t) => t?.trim()));
    expect(shown.some((t) => /\d/u.test(t))).toBe(true);
  }, 180_000);

  it('reads an account export with its import profile and account mapping (Wesel 2017)', async () => {
    const page = await newPage();
    await page.goto(`${h.url}/`);
    await login(page, 'kaemmerei');
    await page.goto(`${h.url}/#s=import`);
    await page.getByLabel('Dateien').setInputFiles([path.join(DATA, 'wesel-2017/hhplan2017.csv')]);
    await page.getByText('Kontenexport oder Tabelle mit Importprofil').click();
    await page
      .getByLabel('Importprofil (JSON)')
      .setInputFiles([path.join(REPO_ROOT, 'data/profiles/wesel-sap.json')]);
    await page
      .getByLabel('Kontenzuordnung (CSV)')
      .setInputFiles([path.join(DATA, 'wesel-2017/kontenrahmen.csv')]);
    await page.getByRole('button', { name: 'Vorschau erstellen' }).click();
    const recognised = await page.locator('#erkannt').textContent({ timeout: 60_000 });
    expect(recognised).toContain('16 Produktbereiche, 62 Produktgruppen, 100 Produkte aus hhplan2017.csv');
    // the mapping's double entry, with the mapping file's line
    expect(await page.locator('.findings-list').textContent()).toMatch(
      /Präfix 448 ist doppelt zugeordnet: kontenrahmen\.csv, Zeile \d+/u,
    );
  }, 60_000);

  it('says in German which file it could not read', async () => {
    const page = await newPage();
    await page.goto(`${h.url}/`);
    await login(page, 'kaemmerei');
    await page.goto(`${h.url}/#s=import`);
    await page.getByLabel('Dateien').setInputFiles([path.join(REPO_ROOT, 'package.json')]);
    await page.getByRole('button', { name: 'Vorschau erstellen' }).click();
    const error = await page.locator('#import-fehler').textContent({ timeout: 60_000 });
    expect(error).toMatch(/^package\.json, Zeile 1: Format nicht erkannt: erwartet /u);
    await shot(page, 'wizard-error');
  }, 60_000);
});

describe('the start page', () => {
  it('shows the sample at a glance to a visitor: Jahresergebnis as summed from the Produktbereiche, findings, versions', async () => {
    const page = await newPage();
    await page.goto(`${h.url}/#v=${h.sample.id}`);
    await page.locator('.node-title').filter({ hasText: 'Überblick' }).waitFor();
    await page.locator('#ueberblick').waitFor();
    expect(await page.locator('.result-section .muted').first().textContent()).toContain(
      'Kein Gesamtergebnisplan eingelesen',
    );
    const result = page.locator('#ueberblick tr.result');
    const line = (await result.locator('th').textContent())!.split(' ')[0]!;
    const shown = await result.locator('td').allTextContents();
    // the sample has one Produktbereich: its Teilergebnisplan's line, as the plan table shows it
    const top = (await h.store.listNodes(SYSTEM_ACTOR, h.sample.id)).find((n) => n.parent === null)!;
    await page
      .getByRole('link', { name: new RegExp(`^${top.code} `, 'u') })
      .first()
      .click();
    await page.locator('#plan-teilergebnisplan').waitFor();
    const plan = (await h.store.getNode(SYSTEM_ACTOR, h.sample.id, top.code)).node.plans.find(
      (p) => p.type === 'teilergebnisplan',
    )!;
    const inTable = await Promise.all(
      plan.columns.map((c) =>
        page.locator(`#zelle-teilergebnisplan-${line}-${c.kind}-${c.year} .amount`).textContent(),
      ),
    );
    expect(shown).toEqual(inTable.map((t) => t?.trim()));
    await page.getByRole('link', { name: 'Überblick: ganzer Haushalt' }).click();
    // the counts come with their own answer after the page ("Wird geprüft …" until then)
    await page
      .locator('.findings-summary')
      .filter({ hasText: /\d+ Fehler, \d+ Warnungen, \d+ Hinweise/u })
      .waitFor();
    expect(await page.locator('.versions li').count()).toBeGreaterThan(0);
    await shot(page, 'start-page-sample');
    const phone = await newPage(390);
    await phone.goto(`${h.url}/#v=${h.sample.id}`);
    await phone.locator('#ueberblick').waitFor();
    // nothing sideways on a phone: the page is as wide as the screen
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(phone, 'start-page-390');
  }, 60_000);
});

describe('the first start without a budget', () => {
  it('offers the wizard and the synthetic demo budget, which says it is synthetic', async () => {
    const store = await openStore({ url: 'sqlite::memory:' });
    for (const u of Object.values(USERS))
      await store.addUser(SYSTEM_ACTOR, {
        ...u,
        produktbereiche: [...u.produktbereiche],
        password: PASSWORD,
      });
    const app = await buildServer({ store, demo: demoImport });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const pages: Page[] = [];
    try {
      const page = await newPage();
      pages.push(page);
      await page.goto(`${url}/`);
      await page.getByText('Hier ist noch kein Haushalt veröffentlicht.').waitFor();
      await login(page, 'kaemmerei');
      await page.getByRole('link', { name: 'Haushalt importieren' }).waitFor();
      await shot(page, 'first-start');
      await page.getByRole('button', { name: 'Demohaushalt anlegen (synthetische Zahlen)' }).click();
      const note = page.locator('.demo-note');
      await note.waitFor();
      expect(await note.textContent()).toContain('gehört zu keiner wirklichen Gemeinde');
      expect(await page.locator('.node-title').textContent()).toBe(`Überblick: ${DEMO_BUDGET_NAME}`);
      await page.locator('#ueberblick tr.result').waitFor();
      await shot(page, 'start-page-demo');
      // a visitor without an account sees it too, marked the same way
      const visitor = await newPage();
      pages.push(visitor);
      await visitor.goto(`${url}/`);
      await visitor.locator('.demo-note').waitFor();
    } finally {
      // the pages first: the server's close waits for their open connections (up to a minute)
      for (const p of pages) await p.context().close();
      await app.close();
      await store.close();
    }
  }, 60_000);
});
