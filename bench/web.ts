// Web workbench benchmark (issue 5): a generated 600-product budget imported into a temporary SQLite store,
// served by the real server, driven in Debian's Chromium (playwright-core). Times come from the app's own
// performance marks (`haushalt:*`):
//   navigation: from navigation start to a Produktbereich's plans shown (fresh page load), goal < 1 s;
//               baseline: the same page's static index.html loaded with JavaScript off (same server, same run)
//   switch:     from a click in the tree to another Produktbereich's plans shown (no page load)
//   edit:       from "Speichern" to the cell and all its dependent totals shown, goal < 50 ms: the page shows
//               the edit with the totals of the node and of its ancestors before the server answers
//               (web/src/preview.ts); the editor has looked at the page first (network idle), so the
//               ancestors' views are there;
//   saved:      from "Speichern" to the server's answer shown (every changed value, the Gesamtplan too);
//               baseline: a GET of the node view by fetch() from the page (one API round trip, same run)
// Rounds alternate; medians (and ranges) reported.
// Run:  npm run bench:web [-- --products 600 --rounds 7]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { generateBudget } from '../src/generate/index.js';
import { importContent } from '../src/importers/index.js';
import { launchChromium } from '../src/publish/pdf.js';
import { buildServer } from '../src/server/server.js';
import { openStore } from '../src/store/store.js';
import { formatEuro, parseUserAmount } from '../src/core/money.js';
import { SYSTEM_ACTOR } from '../src/core/workflow.js';
import { options } from './options.js';
import { median } from './stats.js';

const products = options.number('--products', 600);
const rounds = options.number('--rounds', 7);
const fmt = (xs: number[]): string =>
  `${median(xs).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;

async function measureOf(page: Page, name: string): Promise<number> {
  await page.waitForFunction(
    (n) => performance.getEntriesByName(n, 'measure').length > 0,
    `haushalt:${name}`,
  );
  return page.evaluate(
    (n) => performance.getEntriesByName(n, 'measure').at(-1)!.duration,
    `haushalt:${name}`,
  );
}

/** How many cells the app said it showed at a mark (`detail.cells`). */
function cellsOf(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (n) =>
      (performance.getEntriesByName(n, 'mark').at(-1) as unknown as { detail: { cells: number } }).detail
        .cells,
    `haushalt:${name}`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-bench-web-'));
const store = await openStore({ url: path.join(dir, 'bench.sqlite') });
try {
  const imported = importContent(generateBudget({ products, seed: 1 }), `generiert-${products}.txt`);
  if (!imported.ok) throw new Error('generated budget does not import');
  const version = await store.importBudget(SYSTEM_ACTOR, {
    budget: imported.budget,
    name: 'Benchmark',
    reason: 'Benchmark',
  });
  await store.addUser(SYSTEM_ACTOR, { name: 'bench', password: 'ein langes Passwort 1', role: 'kaemmerei' });
  const nodes = await store.listNodes(SYSTEM_ACTOR, version.id);
  const pbs = nodes.filter((n) => n.level === 'produktbereich');
  const app = await buildServer({ store });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  const staticContext = await browser.newContext({ javaScriptEnabled: false });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const staticPage = await staticContext.newPage();

  // log in once (the session cookie stays in the context)
  await page.goto(`${url}/#v=${version.id}&n=${encodeURIComponent(pbs[0]!.code)}`);
  await page.getByLabel('Benutzer').fill('bench');
  await page.getByLabel('Passwort').fill('ein langes Passwort 1');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.locator('#angemeldet').waitFor();

  // an editable leaf: a product whose Teilergebnisplan has an editable Ansatz
  const leaf = nodes.find((n) => n.level === 'produkt')!;
  const pbOfLeaf = nodes.find((n) => leaf.code.startsWith(n.code) && n.level === 'produktbereich')!;

  const nav: number[] = [];
  const staticLoad: number[] = [];
  const switches: number[] = [];
  const edits: number[] = [];
  const saves: number[] = [];
  let previewed = 0;
  const roundTrips: number[] = [];
  let totals = 0;
  for (let r = 0; r < rounds; r++) {
    const pb = pbs[r % pbs.length]!;
    const other = pbs[(r + 1) % pbs.length]!;
    // baseline: the static page
    await staticPage.goto(`${url}/?r=${r}`, { waitUntil: 'load' });
    staticLoad.push(
      await staticPage.evaluate<number>(
        '(() => { const e = performance.getEntriesByType("navigation")[0]; return e.loadEventEnd - e.startTime; })()',
      ),
    );
    // navigation to a Produktbereich's plans, fresh page load
    await page.goto('about:blank');
    await page.goto(`${url}/?r=${r}#v=${version.id}&n=${encodeURIComponent(pb.code)}`);
    await page.locator('#plan-teilergebnisplan').waitFor();
    nav.push(await measureOf(page, 'first-node'));
    // switch to another Produktbereich in the tree
    await page.evaluate(() => {
      performance.clearMeasures('haushalt:navigation');
    });
    await page
      .locator(`nav[aria-label="Produkte"] a[href$="n=${encodeURIComponent(other.code)}"]`)
      .first()
      .click();
    switches.push(await measureOf(page, 'navigation'));
    // edit: a product's Ansatz, until the cell and its totals are shown
    await page.goto(`${url}/?e=${r}#v=${version.id}&n=${encodeURIComponent(leaf.code)}`);
    const button = page.locator('td[id^="zelle-teilergebnisplan-"][id*="-ansatz-"] button.cell-edit').first();
    await button.waitFor();
    await page.waitForLoadState('networkidle');
    await button.click();
    const dialog = page.getByRole('dialog');
    const input = dialog.getByLabel('Neuer Betrag in €');
    // one euro less: a change the plausibility question (entry-rules.ts) does not ask about
    const current = parseUserAmount(await input.inputValue());
    await input.fill(formatEuro((current.ok ? current.cents : 0) - 100));
    await dialog.getByLabel('Begründung').fill(`Benchmark ${r}`);
    await page.evaluate(() => {
      performance.clearMeasures('haushalt:edit');
      performance.clearMeasures('haushalt:edit-saved');
    });
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    edits.push(await measureOf(page, 'edit'));
    saves.push(await measureOf(page, 'edit-saved'));
    previewed = await cellsOf(page, 'edit-shown');
    totals = await cellsOf(page, 'edit-saved');
    // baseline: one API round trip from the page
    roundTrips.push(
      await page.evaluate(
        async ([v, code]) => {
          const t = performance.now();
          await (await fetch(`/api/versions/${v}/nodes/${encodeURIComponent(code)}`)).json();
          return performance.now() - t;
        },
        [String(version.id), leaf.code] as const,
      ),
    );
  }
  await browser.close();
  await app.close();

  const n = median(nav);
  const e = median(edits);
  console.log(
    `Web workbench: ${products} products (${nodes.length} nodes, ${pbs.length} Produktbereiche), ${rounds} rounds`,
  );
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`);
  console.log(
    `navigation to a Produktbereich's plans (page load): ${fmt(nav)}  goal < 1000 ms: ${n < 1000 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  baseline static page load:                        ${fmt(staticLoad)}  ratio ${(n / median(staticLoad)).toFixed(1)}x`,
  );
  console.log(`switch to another Produktbereich in the tree:      ${fmt(switches)}`);
  console.log(
    `edit to the cell and its dependent totals shown (${previewed} values, node and ${pbOfLeaf.code}): ${fmt(edits)}  goal < 50 ms: ${e < 50 ? 'met' : 'NOT met'}`,
  );
  console.log(`edit to the server's answer shown (${totals} values, Gesamtplan too):   ${fmt(saves)}`);
  console.log(
    `  baseline one API round trip (node view GET):      ${fmt(roundTrips)}  ratio ${(e / median(roundTrips)).toFixed(1)}x`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
