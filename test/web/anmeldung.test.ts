/**
 * The Anmeldung of the Fachbereiche in Debian's Chromium against a real server (issue 17): a Fachbereich logs
 * in and lands on its open Anmeldung, enters requested figures with reasons for PB 43 of the sample and
 * submits them in the page's dialog; the Kämmerei lands on the Anmeldung, takes one line over (the cell
 * changes, the totals follow), hands the Produktbereich back for rework with a comment (the page's dialog),
 * the Fachbereich sees the comment, changes its open request and submits again, the Kämmerei rejects it with a
 * comment; the Fachbereich sees both decisions; the plan marks the requested cells with their state and the line
 * panel lists them; a Leser cannot open the Anmeldung by link, and its plan shows no marks. Screenshots of both
 * views go to test/web/artifacts/ (git-ignored).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Budget, Column } from '../../src/core/model.js';
import { cellOf, planOf } from '../../src/core/model.js';
import { formatEuro } from '../../src/core/money.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import type { VersionInfo } from '../../src/store/api.js';
import { referenceBudget } from '../server/helpers.js';
import { USERS, artifact, loginAs, startHarness, type Harness } from './harness.js';

const ANSATZ: Column = { kind: 'ansatz', year: 2026 };

let h: Harness;
let anmeldung: VersionInfo;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startHarness();
  // the Anmeldung of the sample's budget: the newest open version, beside its public Entwurf
  anmeldung = await h.store.importBudget(SYSTEM_ACTOR, {
    budget: await referenceBudget(),
    budgetId: h.sample.budgetId,
    stage: 'anmeldung',
    reason: 'Anmeldung 2026 eröffnet',
  });
}, 180_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await h?.close();
});

async function newPage(): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'de-DE' });
  contexts.push(context);
  return context.newPage();
}

async function login(page: Page, who: keyof typeof USERS): Promise<void> {
  await page.goto(h.url);
  await loginAs(page, who);
}

const shot = (page: Page, name: string) => artifact(page, name, true);

function amountOf(budget: Budget, node: string, line: string): number {
  const l = planOf(
    budget.nodes.find((n) => n.code === node)!,
    'teilergebnisplan',
  )!.lines.find((x) => x.line === line)!;
  return cellOf(l, ANSATZ)!.amount;
}

/** Enters a requested figure for a line of 43.01's Teilergebnisplan, Ansatz 2026. */
async function request(page: Page, line: string, amount: string, reason: string): Promise<void> {
  const form = page.locator('form.anmeldung-entry');
  await form.locator('select[name="unit"]').selectOption('43.01');
  await form.locator(`select[name="line"] option[value="${line}"]`).waitFor({ state: 'attached' });
  await form.locator('select[name="line"]').selectOption(line);
  await expect(form.locator('.anmeldung-figures').textContent()).resolves.toContain('Ergebnis 2024');
  await form.locator('input[name="amount"]').fill(amount);
  await form.locator('input[name="reason"]').fill(reason);
  await form.locator('button[type="submit"]').click();
  await page.locator('.anmeldung-requests tr', { hasText: reason }).waitFor();
}

describe('the Anmeldung', () => {
  it('goes from the Fachbereich to the Kämmerei and back', async () => {
    const before = await h.store.loadBudget(SYSTEM_ACTOR, anmeldung.id);
    const fb = await newPage();
    await login(fb, 'fachbereich');
    // lands on its open Anmeldung, not on the public Entwurf it saw before
    await fb.getByRole('heading', { name: 'Anmeldungen der Fachbereiche' }).waitFor();
    expect(fb.url()).toContain(`v=${anmeldung.id}`);
    expect(fb.url()).toContain('s=anmeldung');
    const area = fb.locator('tr[data-area="43"]');
    expect(await area.textContent()).toContain('in Arbeit');

    await request(fb, '13', '-600.000', 'Tariferhöhung und neue Räume');
    await request(fb, '15', '-450.000', 'Mehr Zuschüsse an Träger');
    const row13 = fb.locator('.anmeldung-requests tr', { hasText: 'Tariferhöhung' });
    const text13 = (await row13.textContent()) ?? '';
    // beside the request: last years' figures and the Kämmerei's figure
    expect(text13).toContain(`Ansatz 2025: ${formatEuro(-50_400_000)}`);
    expect(text13).toContain(formatEuro(amountOf(before, '43.01', '13')));
    expect(text13).toContain('-600.000');
    await shot(fb, 'anmeldung-fachbereich');

    await fb.getByRole('button', { name: 'Anmeldung abgeben' }).click();
    const dialog = fb.getByRole('dialog');
    expect(await dialog.textContent()).toContain('nicht mehr ändern');
    await dialog.getByRole('button', { name: 'Abgeben' }).click();
    await fb.locator('tr[data-area="43"]', { hasText: 'abgegeben' }).waitFor();
    expect(await fb.locator('form.anmeldung-entry').count()).toBe(0);

    // the Kämmerei lands on the Anmeldung: a Produktbereich waits for its decisions
    const k = await newPage();
    await login(k, 'kaemmerei');
    await k.getByRole('heading', { name: 'Anmeldungen der Fachbereiche' }).waitFor();
    const overview = (await k.locator('tr[data-area="43"]').textContent()) ?? '';
    expect(overview).toContain('abgegeben');
    expect(overview).toContain(USERS.fachbereich.name);
    // an Eckwert above the Kämmerei's Zuschussbedarf but below what the requests ask for is marked
    await k.locator('input[name="eckwert"]').fill('1.050.000');
    await k.getByRole('button', { name: 'Speichern' }).click();
    await k.locator('tr[data-area="43"]', { hasText: 'über dem Eckwert' }).waitFor();
    expect(await k.locator('tr[data-area="43"]').textContent()).toContain('1.050.000');
    const k13 = k.locator('.anmeldung-requests tr', { hasText: 'Tariferhöhung' });
    await k13.getByRole('button', { name: 'Übernehmen' }).click();
    await k13.getByText('übernommen').waitFor();

    // handed back for rework in the page's dialog: a comment is required
    await k.getByRole('button', { name: 'Zur Überarbeitung zurückgeben' }).click();
    const hb = k.getByRole('dialog');
    await hb.getByRole('button', { name: 'Zurückgeben' }).click();
    expect(await hb.getByRole('alert').textContent()).toContain('Kommentar');
    await hb.locator('input[name="comment"]').fill('Zeile 15 bitte mit der Trägerliste begründen');
    await hb.getByRole('button', { name: 'Zurückgeben' }).click();
    await k.locator('tr[data-area="43"]', { hasText: 'in Arbeit' }).waitFor();
    expect(await k.locator('tr[data-area="43"]').textContent()).toContain('zurückgegeben am');
    const returned =
      /Zurückgegeben von kaemmerin am \d\d\.\d\d\.\d{4}, \d\d:\d\d: „Zeile 15 bitte mit der Trägerliste begründen“/u;
    expect(await k.locator('[data-returned="43"]').textContent()).toMatch(returned);

    // the Fachbereich sees the comment and works again: the open request changes, the one taken over stays
    await fb.reload();
    const note = fb.locator('[data-returned="43"]');
    await note.waitFor();
    expect(await note.textContent()).toMatch(returned);
    await shot(fb, 'anmeldung-zurueckgegeben');
    await request(fb, '15', '-440.000', 'Mehr Zuschüsse an Träger laut Trägerliste');
    const again13 = fb.locator('.anmeldung-requests tr', { hasText: 'Tariferhöhung' });
    expect(await again13.textContent()).toContain('übernommen');
    expect(await again13.getByRole('button', { name: 'Zurückziehen' }).count()).toBe(0);
    await fb.getByRole('button', { name: 'Anmeldung abgeben' }).click();
    await fb.getByRole('dialog').getByRole('button', { name: 'Abgeben' }).click();
    await fb.locator('tr[data-area="43"]', { hasText: 'abgegeben' }).waitFor();

    // the plan marks the requested cells with their state, in words for screen readers
    await k.goto(`${h.url}/#v=${anmeldung.id}&n=43.01`);
    const mark15 = k.locator('#zelle-teilergebnisplan-15-ansatz-2026 .anm-mark');
    await expect.poll(() => mark15.textContent()).toContain('Anmeldung offen: -440.000 €');
    expect(await k.locator('#zelle-teilergebnisplan-13-ansatz-2026 .anm-mark').textContent()).toContain(
      'Anmeldung übernommen: -600.000 €',
    );
    expect(await k.locator('table.plan .anm-mark').count()).toBe(2);
    await k.goto(`${h.url}/#v=${anmeldung.id}&s=anmeldung`);
    await k.getByRole('heading', { name: 'Anmeldungen der Fachbereiche' }).waitFor();
    const k15 = k.locator('.anmeldung-requests tr', { hasText: 'Mehr Zuschüsse' });
    await k15.getByRole('button', { name: 'Ablehnen' }).click();
    await k15.getByRole('button', { name: 'Ablehnung speichern' }).click();
    expect(await k15.getByRole('alert').textContent()).toContain('Kommentar');
    await k15.locator('input[name="comment"]').fill('Über dem Eckwert des Produktbereichs');
    await k15.getByRole('button', { name: 'Ablehnung speichern' }).click();
    await k15.getByText('abgelehnt').waitFor();
    await k.locator('tr[data-area="43"]', { hasText: 'geprüft' }).waitFor();
    await k.evaluate("for (const e of document.querySelectorAll('.table-scroll')) e.scrollLeft = 0");
    await shot(k, 'anmeldung-kaemmerei');

    // the cell holds the figure taken over, the totals followed; the rejected line kept the Kämmerei's
    const after = await h.store.loadBudget(SYSTEM_ACTOR, anmeldung.id);
    const delta = -60_000_000 - amountOf(before, '43.01', '13');
    expect(amountOf(after, '43.01', '13')).toBe(-60_000_000);
    expect(amountOf(after, '43.01', '17')).toBe(amountOf(before, '43.01', '17') + delta);
    expect(amountOf(after, '43', '17')).toBe(amountOf(before, '43', '17') + delta);
    expect(amountOf(after, '43.01', '15')).toBe(amountOf(before, '43.01', '15'));
    await k.goto(`${h.url}/#v=${anmeldung.id}&n=43.01`);
    const cell17 = k.locator('#zelle-teilergebnisplan-17-ansatz-2026');
    await expect.poll(() => cell17.textContent()).toContain(formatEuro(amountOf(after, '43.01', '17')));
    // the rejected request's mark, and the line panel with figure, reason, who, state and the comment
    const rejected = k.locator('#zelle-teilergebnisplan-15-ansatz-2026 .anm-mark');
    await expect.poll(() => rejected.textContent()).toContain('Anmeldung abgelehnt: -440.000 €');
    await k.locator('#zeile-teilergebnisplan-15 th.label button').click();
    const panel = k.locator('.line-panel .line-requests');
    await panel.waitFor();
    const listed = (await panel.textContent()) ?? '';
    for (const part of [
      'Ansatz 2026: -440.000 €',
      'abgelehnt',
      'Begründung: Mehr Zuschüsse an Träger laut Trägerliste',
      `Angemeldet von ${USERS.fachbereich.name}`,
      'Kommentar der Kämmerei: „Über dem Eckwert des Produktbereichs“',
    ])
      expect(listed).toContain(part);
    await k.evaluate(
      "document.querySelector('#zeile-teilergebnisplan-13')?.scrollIntoView({ block: 'start' })",
    );
    await artifact(k, 'anmeldung-plan-marks');

    // the Fachbereich sees both decisions
    await fb.reload();
    const seen13 = fb.locator('.anmeldung-requests tr', { hasText: 'Tariferhöhung' });
    await seen13.getByText('übernommen').waitFor();
    const seen15 = fb.locator('.anmeldung-requests tr', { hasText: 'Mehr Zuschüsse' });
    expect(await seen15.textContent()).toContain('abgelehnt');
    expect(await seen15.textContent()).toContain('Über dem Eckwert des Produktbereichs');
  });

  it('cannot be opened by a Leser, not even by link', async () => {
    const page = await newPage();
    await login(page, 'leser');
    await page.goto(`${h.url}/#v=${anmeldung.id}&s=anmeldung`);
    await page.getByRole('heading', { name: 'Diese Seite ist nicht verfügbar' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Anmeldungen der Fachbereiche' }).count()).toBe(0);
    expect(await page.locator('.anmeldung-requests').count()).toBe(0);
  });

  it("shows a Leser's plan without the Anmeldung's marks, and asks nothing of it", async () => {
    // the Entwurf made from the Anmeldung, opened to the public: the Kämmerei sees the requests' marks there
    const entwurf = await h.store.advance(SYSTEM_ACTOR, anmeldung.id, 'Entwurf aufstellen');
    await h.store.setVersionOptions(SYSTEM_ACTOR, entwurf.id, { publicRead: true });
    const k = await newPage();
    await login(k, 'kaemmerei');
    await k.goto(`${h.url}/#v=${entwurf.id}&n=43.01`);
    const mark = k.locator('#zelle-teilergebnisplan-13-ansatz-2026 .anm-mark');
    await expect.poll(() => mark.textContent()).toContain('Anmeldung übernommen');

    const page = await newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/anmeldung')) asked.push(r.url());
    });
    await login(page, 'leser');
    await page.goto(`${h.url}/#v=${entwurf.id}&n=43.01`);
    const cell = page.locator('#zelle-teilergebnisplan-13-ansatz-2026');
    await expect.poll(() => cell.textContent()).toContain('-600.000');
    expect(await page.locator('.anm-mark').count()).toBe(0);
    await page.locator('#zeile-teilergebnisplan-13 th.label button').click();
    await page.locator('.line-panel').waitFor();
    expect(await page.locator('.line-requests').count()).toBe(0);
    expect(asked).toEqual([]);
  });
});
