/**
 * Findings and Erläuterungen as the Kämmerei handles them, and what readers see (issue 17), in Debian's
 * Chromium against a real server: a generated budget's thousands of rounding notes summarised in one line,
 * unfolded a page at a time, grouped by rule and by unit with counts, filtered by unit and status; the text of
 * a warning beside its line and the marks explained in a legend; the sample's warning on 43.01 line 13
 * (previous-year amounts 509.000 against 504.000) fixed in the page by editing an item's previous-year
 * amount; readers see no Einwendungen. Then a screenshot of every main view at 1280 px in
 * test/web/artifacts/.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount, formatEuro } from '../../src/core/money.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { VersionInfo } from '../../src/store/api.js';
import { generatedBudget } from '../server/helpers.js';
import { ARTIFACTS, USERS, loginAs, startHarness, type Harness } from './harness.js';

let h: Harness;
let big: VersionInfo;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  h = await startHarness();
  big = await h.store.importBudget(SYSTEM_ACTOR, {
    budget: generatedBudget(120),
    name: 'Großer Haushalt',
    reason: 'Testdaten',
  });
}, 120_000);
afterAll(async () => {
  await context?.close();
  await h?.close();
});

async function newPage(width = 1280, height = 900): Promise<void> {
  await context?.close();
  context = await h.browser.newContext({ viewport: { width, height }, locale: 'de-DE' });
  page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`native dialog: ${d.message()}`);
  });
}

const login = (who: keyof typeof USERS) => loginAs(page, who);

async function open(code: string, version = h.sample.id, tab = ''): Promise<void> {
  await page.goto(`${h.url}/#v=${version}&n=${encodeURIComponent(code)}${tab ? `&t=${tab}` : ''}`);
  await page.locator('.node-title').filter({ hasText: code }).waitFor();
}

const view = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });

describe('findings at scale, Erläuterung items, readers', () => {
  it('every main view at 1280 px, as a screenshot in test/web/artifacts', async () => {
    await newPage(1280, 900);
    await page.goto(`${h.url}/#v=${h.sample.id}`);
    await login('kaemmerei');
    await page.locator('.node-title').filter({ hasText: 'Überblick' }).waitFor();
    expect(await page.locator('header h1 .municipality').textContent()).toBe('Beispielhaushalt');
    await view('startseite');
    await open('43.01');
    // line 13 with its warning in sight, the legend above
    await page.locator('#zeile-teilergebnisplan-13 .line-finding').scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, 200)');
    await view('plaene');
    await page.getByRole('link', { name: /^Diagramme/ }).click();
    await page.locator('#ch-h').waitFor();
    await page.locator('canvas').first().waitFor();
    await view('diagramme');
    await page.getByRole('link', { name: /^Änderungen/ }).click();
    await page.locator('#au-h').waitFor();
    await view('aenderungen');
    await page.getByRole('link', { name: /^Vergleich/ }).click();
    await page.locator('#cmp-h').waitFor();
    await view('vergleich');
    await page.getByRole('link', { name: /^Pläne/ }).click();
    await page.getByRole('button', { name: 'Planungsjahre fortschreiben …' }).first().click();
    await page.evaluate("document.getElementById('pj-h').scrollIntoView({ block: 'start' })");
    await view('fortschreibung');
    await page.goto(`${h.url}/#v=${h.sample.id}&s=import`);
    await page.locator('.node-title').filter({ hasText: 'Haushalt importieren' }).waitFor();
    await view('import-assistent');
  });

  it('summarises thousands of rounding notes in one line, unfolds a page at a time, groups and filters them', async () => {
    const all = (await h.store.findings(SYSTEM_ACTOR, big.id)).open;
    const rounding = all.filter((f) => f.severity === 'rounding');
    expect(rounding.length).toBeGreaterThan(1000);
    await newPage();
    await page.goto(`${h.url}/#v=${h.sample.id}`);
    await login('kaemmerei');
    const first = (await h.store.listNodes(SYSTEM_ACTOR, big.id))[0]!.code;
    await open(first, big.id, 'befunde');
    const panel = page.locator('section.findings').last();
    const folded = panel.locator('details').filter({ hasText: 'Rundungsdifferenzen' }).first();
    const summary = folded.locator('summary');
    // one line with the count, German digits
    expect(await summary.textContent()).toBe(`Rundungsdifferenzen (${formatCount(rounding.length)})`);
    expect(await panel.locator('li.finding').count()).toBe(
      all.filter((f) => f.severity === 'error' || f.severity === 'warning').length,
    );
    const started = Date.now();
    await summary.click();
    await folded.locator('li.finding').first().waitFor();
    const unfolded = Date.now() - started;
    // a page, not the whole list
    expect(await folded.locator('li.finding').count()).toBe(100);
    expect(unfolded, 'unfolding took').toBeLessThan(3000);
    await folded.getByRole('button', { name: 'Weitere 100 anzeigen' }).click();
    await expect.poll(() => folded.locator('li.finding').count()).toBe(200);
    await folded.getByText(`200 von ${formatCount(rounding.length)} gezeigt.`).waitFor();
    // by rule: each rule with its count
    const byRule = new Map<string, number>();
    for (const f of rounding) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
    const heads = await folded.locator('h4.finding-group').allTextContents();
    expect(heads.length).toBeGreaterThan(0);
    // by unit: the headings name units, each with its count
    await panel.getByLabel('Gruppieren nach', { exact: true }).selectOption('einheit');
    const unitHead = folded.locator('h4.finding-group').first();
    const [, unit, count] = /^(\S+) \(([\d.]+)\)$/u.exec((await unitHead.textContent()) ?? '') ?? [];
    expect(Number(count!.replaceAll('.', ''))).toBe(rounding.filter((f) => f.node === unit).length);
    await panel.locator('h2').scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollBy(0, -60)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'befunde-gruppiert.png') });
    // filtered to one Produktbereich: the counts are that unit's
    const pb = unit!.split('.')[0]!;
    await panel.getByLabel('Einheit', { exact: true }).selectOption(pb);
    const inPb = rounding.filter((f) => f.node === pb || f.node?.startsWith(`${pb}.`)).length;
    expect(await summary.textContent()).toBe(`Rundungsdifferenzen (${formatCount(inPb)})`);
    expect(inPb).toBeLessThan(rounding.length);
    // accepted ones apart: none yet
    await panel.getByLabel('Status', { exact: true }).selectOption('akzeptiert');
    await panel.getByText('Keine akzeptierten Befunde mit diesem Filter.').waitFor();
    expect(await panel.locator('li.finding').count()).toBe(0);
  });

  it('shows a warning’s text beside its line, explains the marks, and fixes the warning by the item’s previous-year amount', async () => {
    const warning = (await h.store.findings(SYSTEM_ACTOR, h.sample.id, { node: '43.01' })).open.find(
      (f) => f.severity === 'warning' && f.line === '13' && f.kind === 'ansatz',
    )!;
    expect(warning.message).toContain('509.000');
    await newPage();
    await open('43.01');
    // a visitor: the marks explained, the warning's text in the page beside line 13
    const legend = page.locator('.legend');
    expect(await legend.textContent()).toContain('Rundungsdifferenz: durch auf volle Euro gerundete');
    expect(await legend.textContent()).toContain('Warnung: bitte prüfen');
    const row = page.locator('#zeile-teilergebnisplan-13');
    expect(await row.locator('.line-finding').textContent()).toContain(warning.message);
    expect(await row.locator('.line-finding').isVisible()).toBe(true);
    await login('kaemmerei');
    await row.locator('th button').click();
    const panel = page.locator('#zeilen-details');
    await panel.waitFor();
    await view('zeile-erlaeuterung');
    // the item whose previous-year amount is off by the difference
    const { node } = await h.store.getNode(SYSTEM_ACTOR, h.sample.id, '43.01');
    const erl = node.erlaeuterungen.find((e) => e.plan === 'teilergebnisplan' && e.line === '13')!;
    const at = erl.items.findIndex((it) => (it.previous?.amount ?? 0) > Math.abs(warning.difference!));
    const item = erl.items[at]!;
    await panel.getByRole('button', { name: `Posten ${item.letter ?? at + 1} ändern` }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Text des Postens').inputValue()).toBe(item.text);
    expect(await dialog.getByLabel('Vorjahresbetrag in €').inputValue()).toBe(
      formatEuro(item.previous!.amount),
    );
    expect(await dialog.getByLabel('Jahr', { exact: true }).inputValue()).toBe(String(item.previous!.year));
    const fixed = item.previous!.amount! - warning.difference!;
    await dialog.getByLabel('Vorjahresbetrag in €').fill(formatEuro(fixed));
    await dialog.getByLabel('Bemerkung').fill('Vorjahr laut Haushalt 2025');
    await dialog.getByLabel('Begründung der Änderung').fill('Vorjahresbetrag berichtigt');
    await view('posten-bearbeiten');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    // the warning is gone from the line and from the store; the item says what was entered
    await row.locator('.line-finding').waitFor({ state: 'detached' });
    await panel.getByText('Vorjahr laut Haushalt 2025').waitFor();
    const after = (await h.store.findings(SYSTEM_ACTOR, h.sample.id, { node: '43.01' })).open;
    expect(after.filter((f) => f.rule === warning.rule && f.line === '13' && f.kind === 'ansatz')).toEqual(
      [],
    );
    const stored = (await h.store.getNode(SYSTEM_ACTOR, h.sample.id, '43.01')).node.erlaeuterungen.find(
      (e) => e.plan === 'teilergebnisplan' && e.line === '13',
    )!.items[at]!;
    expect(stored).toMatchObject({ previous: { amount: fixed }, remark: 'Vorjahr laut Haushalt 2025' });
  });

  it('shows readers no Einwendungen, by link neither; the API names the stage in a Kreis’s words', async () => {
    await newPage();
    await page.goto(`${h.url}/#v=${h.sample.id}&s=einwendungen`);
    await page.getByText('Einwendungen sieht nur die Kämmerei').waitFor();
    expect(await page.locator('.einwendung').count()).toBe(0);
    const status = await page.evaluate(
      async (url) => (await fetch(url)).status,
      `/api/versions/${h.sample.id}/einwendungen`,
    );
    expect([401, 403]).toContain(status);
    const v = await page.evaluate(async (url) => (await fetch(url)).json(), `/api/versions/${h.sample.id}`);
    expect(v).toMatchObject({
      stageLabel: 'Entwurf der Kämmerei',
      nextStageLabel: 'Vom Landrat bestätigter Entwurf',
    });
    // a Gemeinde's budget keeps the Rat's words
    await login('kaemmerei');
    const other = await page.evaluate(
      async (url) => (await fetch(url)).json(),
      `/api/versions/${h.other.id}`,
    );
    expect(other).toMatchObject({ nextStageLabel: 'Vom Bürgermeister bestätigter Entwurf' });
  });
});
