/**
 * Set-up of the browser tests: a real server on a free port over a temporary SQLite store with the reference
 * budget (published for anonymous reading, as a municipality would) and a small generated one, users of every
 * role, and Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../src/publish/pdf.js';
import { buildServer } from '../../src/server/server.js';
import { checkAnswers } from '../server/contract-check.js';
import type { Store, VersionInfo } from '../../src/store/api.js';
import { openStore } from '../../src/store/store.js';
import { SYSTEM_ACTOR } from '../../src/core/workflow.js';
import { REFERENCE, REPO_ROOT } from '../paths.js';
import { PASSWORD, USERS, generatedBudget, referenceBudget } from '../server/helpers.js';

export { PASSWORD, USERS };

export const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', 'screenshots', 'web');
/** Screenshots of the main views at 1280 px, kept as artifacts (docs/web.md embeds copies from docs/img/web). */
export const ARTIFACTS = path.join(REPO_ROOT, 'test', 'web', 'artifacts');

export interface Harness {
  readonly url: string;
  readonly store: Store;
  readonly sample: VersionInfo;
  readonly other: VersionInfo;
  readonly browser: Browser;
  readonly downloads: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-web-'));
  const store = await openStore({ url: path.join(dir, 'haushalt.sqlite') });
  const sample = await store.importBudget(SYSTEM_ACTOR, {
    budget: await referenceBudget(),
    name: 'Beispielhaushalt',
    reason: 'Testdaten',
    // its source document, as `haushalt serve` stores the sample's (sources name the file by its path)
    documents: [{ name: path.basename(REFERENCE), mediaType: 'text/plain', bytes: readFileSync(REFERENCE) }],
  });
  await store.setVersionOptions(SYSTEM_ACTOR, sample.id, { publicRead: true });
  const other = await store.importBudget(SYSTEM_ACTOR, {
    budget: generatedBudget(3),
    name: 'Anderer Haushalt',
    reason: 'Testdaten',
  });
  for (const u of Object.values(USERS))
    await store.addUser(SYSTEM_ACTOR, { ...u, produktbereiche: [...u.produktbereiche], password: PASSWORD });
  const app: FastifyInstance = await buildServer({ store });
  // every answer the page gets fits its route's schema in the contract (checked when the harness closes)
  const violations = checkAnswers(app);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const downloads = path.join(dir, 'downloads');
  mkdirSync(downloads);
  return {
    url,
    store,
    sample,
    other,
    browser,
    downloads,
    async close() {
      await browser.close();
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      if (violations.length > 0)
        throw new Error(`answers outside the contract: ${JSON.stringify(violations, null, 1)}`);
    },
  };
}

/** Logs in through the header's form as one of the test users, and waits until the page says so. */
export async function loginAs(page: Page, who: keyof typeof USERS): Promise<void> {
  await page.getByLabel('Benutzer').fill(USERS[who].name);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.locator('#angemeldet').waitFor();
}

/** A screenshot kept as an artifact of the run (`test/web/artifacts/<name>.png`). */
export async function artifact(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

/** Opens one part's tab of the page "Haushaltsplan" of a version and waits for its heading. */
export async function openPart(page: Page, url: string, version: number, part: string): Promise<void> {
  await page.goto(`${url}/#v=${version}&s=haushaltsplan&p=${part}`);
  // the page of this version (not the last one's, still on screen while the new one loads)
  await page.locator(`.parts-page[data-version="${version}"][data-part="${part}"] #teil-h`).waitFor();
}
