/**
 * The workbench as the Kämmerei's daily tool (issue 17, items 4–7 and 9), in Debian's Chromium against a real
 * server: a shared link to a version the user may not read never shows another budget and opens after login;
 * a Leser cannot open an Anmeldung by link; the skip link works; a plan is one Tab stop and an edit is done
 * with arrows, Enter and typing alone; last year's Ansatz and the Ergebnis are read-only, cents are refused in
 * a whole-euro plan, a large change is asked about; the projection leaves planned depreciation as planned;
 * the statutory way as a stepper with the page's own confirmation, in a Kreis's words, an Einwendung recorded
 * and answered while the Entwurf is ausgelegt, up to a Nachtrag; and
 * at 1920, 1280 and 390 px nothing overflows or is cut. Screenshots go to test-results/screenshots/web/.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEuro } from '../../src/core/money.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { VersionInfo } from '../../src/store/api.js';
import { referenceBudget } from '../server/helpers.js';
import { ARTIFACTS, PASSWORD, SCREENSHOTS, USERS, startHarness, type Harness } from './harness.js';

let h: Harness;
let context: BrowserContext | undefined;
let page: Page;
let anmeldung: VersionInfo;

beforeAll(async () => {
  h = await startHarness();
  anmeldung = await h.store.importBudget(SYSTEM_ACTOR, {
    budget: await referenceBudget(),
    name: 'Anmeldungen 2026',
    stage: 'anmeldung',
    reason: 'Testdaten',
  });
}, 60_000);
afterAll(async () => {
  await context?.close();
  await h?.close();
});

const shot = (name: string, on: Page = page) =>
  on.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
const german = formatEuro;

async function newPage(width = 1280, height = 900): Promise<void> {
  await context?.close();
  context = await h.browser.newContext({ viewport: { width, height }, locale: 'de-DE' });
  page = await context.newPage();
  // the page asks in its own dialogs, never with the browser's confirm()
  page.on('dialog', (d) => {
    throw new Error(`native dialog: ${d.message()}`);
  });
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

/** A Teilergebnisplan amount of the sample as stored now. */
async function stored(code: string, line: string, kind: string, year: number): Promise<number | undefined> {
  const { node } = await h.store.getNode(SYSTEM_ACTOR, h.sample.id, code);
  return node.plans
    .find((p) => p.type === 'teilergebnisplan')!
    .lines.find((l) => l.line === line)
    ?.cells.find((c) => c.column.kind === kind && c.column.year === year)?.amount;
}

const active = () => page.evaluate<string>('document.activeElement?.id ?? ""');

describe('links, keyboard, entry rules, the statutory way and the layout', () => {
  it('a link to a private version asks to log in, shows nothing of another budget, and opens after login', async () => {
    await newPage();
    const product = (await h.store.listNodes(SYSTEM_ACTOR, h.other.id)).find((n) => n.level === 'produkt')!;
    const link = `#v=${h.other.id}&n=${encodeURIComponent(product.code)}`;
    await page.goto(`${h.url}/${link}`);
    const notice = page.getByRole('alert').filter({ hasText: 'Diese Seite ist nicht verfügbar' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      `Die Haushaltsversion Nr. ${h.other.id} ist nicht öffentlich`,
    );
    // nothing of the public sample in its place: no node, no tree, the address kept
    expect(await page.locator('.node-title').count()).toBe(0);
    expect(await page.locator('nav[aria-label="Produkte"] a').count()).toBe(0);
    expect(await page.evaluate<string>('location.hash')).toBe(link);
    await shot('link-private-anonymous');
    await page.getByRole('button', { name: 'Zur Anmeldung' }).click();
    expect(await page.evaluate<string>('document.activeElement?.getAttribute("name") ?? ""')).toBe(
      'benutzer',
    );
    await login('kaemmerei');
    await page.locator('.node-title').filter({ hasText: product.code }).waitFor();
    expect(await page.locator('header select').inputValue()).toBe(String(h.other.id));
    expect(await page.getByRole('alert').filter({ hasText: 'nicht verfügbar' }).count()).toBe(0);
  });

  it('a Leser cannot open an Anmeldung by link: it says so plainly and shows no other version', async () => {
    await newPage();
    await open('43.01');
    await login('leser');
    await page.goto(`${h.url}/#v=${anmeldung.id}&n=43.01`);
    const notice = page.getByRole('alert').filter({ hasText: 'Diese Seite ist nicht verfügbar' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('ist für Ihre Rolle (Leser) nicht lesbar');
    expect(await page.locator('.node-title').count()).toBe(0);
    expect(await page.locator('main table.plan').count()).toBe(0);
    expect(
      await page.evaluate(
        async (url) => (await fetch(url)).status,
        `/api/versions/${anmeldung.id}/nodes/43.01`,
      ),
    ).toBe(403);
    await shot('link-anmeldung-leser');
    // the way back goes to what the Leser may read
    await page.getByRole('link', { name: 'Zu einer Fassung, die Sie lesen dürfen' }).click();
    await page.locator('.node-title').waitFor();
  });

  it('edits with the keyboard alone: skip link, one Tab stop per plan, arrows, Enter with the value selected, typing, Escape', async () => {
    await newPage();
    await open('43.01');
    await login('kaemmerei');
    const hash = await page.evaluate<string>('location.hash');
    // the skip link moves the focus to the content and leaves the address alone
    await page.locator('a.skip').focus();
    // shown when focused
    expect((await page.locator('a.skip').boundingBox())!.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await active()).toBe('inhalt');
    expect(await page.evaluate<string>('location.hash')).toBe(hash);
    // from there, a few Tab presses to the plan: the plan is one stop, not one per cell
    let presses = 0;
    while (!(await active()).startsWith('zelle-teilergebnisplan-') && presses < 30) {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(presses).toBeLessThan(15);
    expect(await page.locator('#plan-teilergebnisplan tbody [tabindex="0"]').count()).toBe(1);
    // arrows to line 13, Ansatz 2026
    for (let i = 0; i < 40 && !(await active()).startsWith('zelle-teilergebnisplan-13-'); i++)
      await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 10 && (await active()) !== 'zelle-teilergebnisplan-13-ansatz-2026'; i++)
      await page.keyboard.press('ArrowRight');
    expect(await active()).toBe('zelle-teilergebnisplan-13-ansatz-2026');
    // the focus is visible on the cell
    expect(
      await page.evaluate<string>(
        'getComputedStyle(document.activeElement).outlineStyle + " " + document.activeElement.matches(":focus-visible")',
      ),
    ).toBe('solid true');
    // Enter: the dialog with the amount selected, so that typing replaces it
    const before13 = (await stored('43.01', '13', 'ansatz', 2026))!;
    const before14 = await stored('43.01', '14', 'ansatz', 2026);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    const amount = dialog.getByLabel('Neuer Betrag in €');
    await expect
      .poll(() => page.evaluate<string>('document.activeElement?.getAttribute("name") ?? ""'))
      .toBe('amount');
    expect(
      await page.evaluate<number[]>(
        '[document.activeElement.selectionStart, document.activeElement.selectionEnd, document.activeElement.value.length]',
      ),
    ).toEqual([0, german(before13).length, german(before13).length]);
    const next13 = before13 - 1_000_000; // 10.000 € more expense: no question
    await page.keyboard.type(german(next13));
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tastatur');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    // saved, and the focus one line down
    await page
      .locator('.status')
      .filter({ hasText: /^Gespeichert\./ })
      .waitFor();
    expect(await stored('43.01', '13', 'ansatz', 2026)).toBe(next13);
    expect(await active()).toBe('zelle-teilergebnisplan-14-ansatz-2026');
    expect(await page.locator('#plan-teilergebnisplan tbody [tabindex="0"]').count()).toBe(1);
    // typing on a cell starts an edit with what was typed; Escape cancels, the focus stays on the cell
    await page.keyboard.type('-52');
    await dialog.waitFor();
    expect(await amount.inputValue()).toBe('-52');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await active()).toBe('zelle-teilergebnisplan-14-ansatz-2026');
    expect(await stored('43.01', '14', 'ansatz', 2026)).toBe(before14);
    // Enter on a line's label opens its details
    await page.keyboard.press('Home');
    expect(await active()).toBe('');
    expect(await page.evaluate<string>('document.activeElement?.closest("tr")?.id ?? ""')).toBe(
      'zeile-teilergebnisplan-14',
    );
    await page.keyboard.press('Enter');
    await page.locator('#zeilen-details').waitFor();
    await shot('keyboard-edit');
  });

  it('keeps past and adopted years read-only, refuses cents, asks about a large change before saving', async () => {
    await newPage();
    await open('43.01');
    await login('kaemmerei');
    // Ansatz 2025 (last year's adopted budget) and the Ergebnis: no edit button, the reason in the header
    expect(await page.locator('#zelle-teilergebnisplan-13-ansatz-2025 button').count()).toBe(0);
    expect(await page.locator('#zelle-teilergebnisplan-13-ergebnis-2024 button').count()).toBe(0);
    expect(await page.locator('#zelle-teilergebnisplan-13-ansatz-2026 button').count()).toBe(1);
    expect(
      await page.locator('#plan-teilergebnisplan thead th', { hasText: 'Ansatz 2025' }).getAttribute('title'),
    ).toContain('beschlossene Haushalt des Vorjahres');
    // cents in a whole-euro plan: refused in the dialog, nothing sent
    await page.locator('#zelle-teilergebnisplan-13-planung-2027 button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Neuer Betrag in €').fill('-581.030,50');
    await dialog.getByLabel('Begründung').fill('Cent');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    expect(await dialog.getByRole('alert').textContent()).toBe(
      'Dieser Plan wird in vollen Euro geführt: bitte einen Betrag ohne Cent eingeben (-581.030,50 ist z. B. -581.030 oder -581.031).',
    );
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    // a jump of 260 % over Ansatz 2025: asked in the dialog, saved only when asked again
    const last = (await stored('43.01', '13', 'ansatz', 2025))!;
    const jump = last * 3.6;
    await page.locator('#zelle-teilergebnisplan-13-ansatz-2026 button').click();
    await dialog.getByLabel('Neuer Betrag in €').fill(german(jump));
    await dialog.getByLabel('Begründung').fill('Neue Aufgabe');
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    const question = dialog.locator('.question');
    await question.waitFor();
    expect(await question.textContent()).toContain(
      `Der neue Betrag ${german(jump)} € weicht um 260 % (${german(jump - last)} €) von Ansatz 2025 (${german(last)} €) ab.`,
    );
    expect(await stored('43.01', '13', 'ansatz', 2026)).not.toBe(jump);
    await shot('plausibility-question');
    await dialog.getByRole('button', { name: 'Trotzdem speichern' }).click();
    await page
      .locator('.status')
      .filter({ hasText: /^Gespeichert\./ })
      .waitFor();
    expect(await stored('43.01', '13', 'ansatz', 2026)).toBe(jump);
  });

  it('the default projection leaves planned depreciation (-701/-608/-496) as planned unless chosen', async () => {
    await newPage();
    await open('43.01');
    await login('kaemmerei');
    const planned = [2027, 2028, 2029].map((y) => stored('43.01', '14', 'planung', y));
    expect(await Promise.all(planned)).toEqual([-70_100, -60_800, -49_600]);
    await page.getByRole('button', { name: 'Planungsjahre fortschreiben …' }).click();
    const choose = page.getByLabel('Zeile 14 fortschreiben (eigene Planung)');
    expect(await choose.isChecked()).toBe(false);
    const lines = () => page.locator('#projektion-vorschau tbody th').allTextContents();
    expect(await lines()).not.toContain('14');
    await page.locator('.projection').scrollIntoViewIfNeeded();
    await choose.scrollIntoViewIfNeeded();
    await shot('projection-planned');
    // chosen, it is flattened like any other line
    await choose.check();
    expect(await lines()).toContain('14');
    await choose.uncheck();
    await page.getByRole('button', { name: 'Übernehmen' }).click();
    await page
      .locator('.status')
      .filter({ hasText: /^Fortschreibung übernommen/ })
      .waitFor();
    expect(await Promise.all([2027, 2028, 2029].map((y) => stored('43.01', '14', 'planung', y)))).toEqual([
      -70_100, -60_800, -49_600,
    ]);
  });

  it('at 1920, 1280 and 390 px nothing overflows or is cut: the page, the cells, the line panel, the version choice', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [1280, 900],
      [390, 844],
    ] as const) {
      await newPage(width, height);
      await page.goto(`${h.url}/#v=${h.sample.id}&n=43.01&z=teilergebnisplan:13`);
      await page.locator('#zeilen-details').waitFor();
      await login('kaemmerei');
      await page.locator('#zeilen-details button', { hasText: 'Ändern' }).first().waitFor();
      const m = await page.evaluate<{
        page: number[];
        cut: string[];
        plan: number[];
        changeHeight: number;
        lineHeight: number;
        select: number;
      }>(`(() => {
        const over = (el) => el.scrollWidth > el.clientWidth + 1;
        const doc = document.documentElement;
        const cut = [...document.querySelectorAll('main td, main th, #zeilen-details button, .stepper li')]
          .filter(over)
          .map((el) => el.tagName + ' ' + (el.id || el.className) + ': ' + el.textContent.slice(0, 30));
        const region = document.querySelector('.table-scroll:has(#plan-teilergebnisplan)');
        const change = [...document.querySelectorAll('#zeilen-details button')].find(
          (b) => b.textContent.trim() === 'Ändern',
        );
        return {
          page: [doc.scrollWidth, doc.clientWidth],
          cut,
          plan: [region.scrollWidth, region.clientWidth],
          changeHeight: change.getBoundingClientRect().height,
          lineHeight: parseFloat(getComputedStyle(change).lineHeight) || 20,
          select: document.querySelector('header select').getBoundingClientRect().right,
        };
      })()`);
      expect(m.page[0], `${width}: page ${m.page.join(' > ')}`).toBeLessThanOrEqual(m.page[1]!);
      expect(m.cut, `${width}`).toEqual([]);
      expect(m.select, `${width}: version choice`).toBeLessThanOrEqual(width);
      // "Ändern" on one line
      expect(m.changeHeight, `${width}`).toBeLessThan(2 * m.lineHeight);
      // beside the tree every column of the plan is in sight (a phone scrolls the plan in its region)
      if (width >= 1280)
        expect(m.plan[0], `${width}: plan ${m.plan.join(' > ')}`).toBeLessThanOrEqual(m.plan[1]!);
      await shot(`layout-grid-${width}`);
      await page.screenshot({
        path: path.join(SCREENSHOTS, `layout-grid-${width}-full.png`),
        fullPage: true,
      });
    }
  });
  /** While the version is ausgelegt: an Einwendung recorded and answered in the page, then back to the plans. */
  async function einwendung(): Promise<void> {
    const ausgelegt = Number(
      new URLSearchParams((await page.evaluate<string>('location.hash')).slice(1)).get('v'),
    );
    await page.getByRole('link', { name: 'Einwendungen …' }).click();
    const screen = page.locator('section.einwendungen');
    await screen.getByText('Noch keine Einwendung erfasst.').waitFor();
    // the Kreis's council decides on them
    expect(await screen.textContent()).toContain('beschließt der Kreistag');
    await screen.getByLabel('Name (wer sie erhoben hat)').fill('Erika Musterfrau');
    await screen.getByLabel('Eingegangen am').fill('2026-01-15');
    await screen.getByLabel('Betroffene Einheit').selectOption('43.01');
    await screen.getByLabel('Text der Einwendung').fill('Die Mittel für den Dolmetscherpool reichen nicht.');
    await screen.getByRole('button', { name: 'Einwendung erfassen' }).click();
    // the answer beside the button
    await screen.getByText(/^Einwendung Nr\. \d+ von Erika Musterfrau erfasst\.$/u).waitFor();
    const item = screen.locator('.einwendung').filter({ hasText: 'Erika Musterfrau' });
    expect(await item.textContent()).toContain('Eingegangen am 15.01.2026');
    expect(await item.textContent()).toContain('betrifft 43.01');
    await item.getByLabel(/^Antwort auf Einwendung/u).fill('Der Ansatz wurde 2026 bereits erhöht.');
    await item.getByLabel('Entscheidung').selectOption('zurueckgewiesen');
    await item.getByRole('button', { name: 'Antwort speichern' }).click();
    await item.getByText('Zurückgewiesen:').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'einwendungen.png'), fullPage: true });
    const [stored] = await h.store.listEinwendungen(SYSTEM_ACTOR, ausgelegt);
    expect(stored).toMatchObject({
      author: 'Erika Musterfrau',
      receivedOn: '2026-01-15',
      unit: '43.01',
      answer: 'Der Ansatz wurde 2026 bereits erhöht.',
      decision: 'zurueckgewiesen',
      answeredBy: USERS.kaemmerei.name,
    });
    await page.goBack();
    await page.locator('.node-title').filter({ hasText: '43.01' }).waitFor();
  }

  it('goes the statutory way along the stepper, in the Kreis’s words, with the page’s own confirmation, an Einwendung recorded and answered, to a Nachtrag', async () => {
    await newPage();
    await open('43.01');
    await login('kaemmerei');
    const stepper = page.getByRole('region', { name: 'Verfahrensstand' });
    expect(await stepper.locator('[aria-current="step"]').textContent()).toContain('Entwurf der Kämmerei');
    // the sample is a Kreishaushalt: Landrat and Kreistag, not Bürgermeister and Rat
    expect(await stepper.textContent()).toContain('Beschluss des Kreistags');
    expect(await stepper.textContent()).not.toContain('des Rates');
    await shot('stepper');
    const steps = [
      'Vom Landrat bestätigter Entwurf',
      'Öffentlich ausgelegter Entwurf',
      'Veränderungsliste',
      'Beschluss des Kreistags',
    ];
    for (const step of steps) {
      await stepper.getByRole('button', { name: `Weitergeben: ${step} …` }).click();
      const dialog = page.getByRole('dialog', { name: `Weitergeben: ${step}` });
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      expect(await dialog.textContent()).toContain('wird abgeschlossen und bleibt zum Vergleich unverändert');
      if (step === 'Beschluss des Kreistags') {
        expect(await dialog.textContent()).toContain('Der Kreistag hat die Haushaltssatzung beschlossen');
        await shot('stepper-confirm');
      }
      await dialog.getByRole('button', { name: 'Weitergeben' }).click();
      await dialog.waitFor({ state: 'detached' });
      await stepper.locator('[aria-current="step"]').filter({ hasText: step }).waitFor();
      await page.locator('.node-title').filter({ hasText: '43.01' }).waitFor();
      if (step === 'Öffentlich ausgelegter Entwurf') await einwendung();
    }
    const beschluss = Number(
      new URLSearchParams((await page.evaluate<string>('location.hash')).slice(1)).get('v'),
    );
    expect((await h.store.getVersion(SYSTEM_ACTOR, beschluss)).stage).toBe('beschluss');
    expect((await h.store.getVersion(SYSTEM_ACTOR, beschluss)).label).toBe('Beschluss des Kreistags');
    // a Beschluss is frozen: no edit buttons; the next step is a Nachtrag
    expect(await page.locator('button.cell-edit').count()).toBe(0);
    await stepper.getByRole('button', { name: 'Nachtrag anlegen …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nachtrag anlegen' });
    expect(await dialog.textContent()).toContain('GO NRW § 81');
    // cancelled, nothing is made
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();
    const count = (await h.store.listVersions(SYSTEM_ACTOR, h.sample.budgetId)).length;
    await stepper.getByRole('button', { name: 'Nachtrag anlegen …' }).click();
    await dialog.getByRole('button', { name: 'Nachtrag anlegen' }).click();
    await page
      .locator('.status')
      .filter({ hasText: /^Neuer Nachtrag Nr\. \d+/ })
      .waitFor();
    const versions = await h.store.listVersions(SYSTEM_ACTOR, h.sample.budgetId);
    expect(versions).toHaveLength(count + 1);
    expect(versions.at(-1)).toMatchObject({ kind: 'nachtrag', stage: 'entwurf', basedOn: beschluss });
    expect(await stepper.locator('[aria-current="step"]').textContent()).toContain('Entwurf der Kämmerei');
    await page.locator('button.cell-edit').first().waitFor();
  });
});
