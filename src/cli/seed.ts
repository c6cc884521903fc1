/**
 * The first start of an empty embedded store (`haushalt serve`), so that the first visit shows a budget: the
 * sample (`../shared`, the reference document) where the checkout has it, else — a clone of the public
 * repository has no sample — a synthetic demo budget made by `src/generate`, stored under the name
 * "Demohaushalt (synthetisch)" (`src/core/demo.ts`) with an invented municipality, which the workbench shows
 * as synthetic on every view of it. Both are readable without an account. `demoImport` is also what the
 * server offers the Kämmerei as "Demohaushalt anlegen" (`POST /api/imports/demo`). Neither comes into a store that
 * holds a budget, nor into PostgreSQL (a server's database is set up on purpose), nor with `--no-sample`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_BUDGET_NAME, DEMO_MUNICIPALITY } from '../core/demo.js';
import { mapSources } from '../core/sources.js';
import { SYSTEM_ACTOR } from '../core/workflow.js';
import { generateBudget } from '../generate/index.js';
import { importContent, importFiles } from '../importers/index.js';
import { formatImportErrors } from '../importers/types.js';
import type { ImportRequest, Store } from '../store/api.js';
import { mediaTypeOf } from '../store/documents.js';
import { InputError } from './errors.js';
import type { Io } from './output.js';

/** Size and seed of the demo budget: a few Produktbereiche, quick to read, the same every time. */
export const DEMO = { products: 24, seed: 2026, year: 2026 } as const;

async function seedSample(store: Store, sample: string, io: Io): Promise<void> {
  const result = await importFiles([sample]);
  if (!result.ok) throw new InputError(formatImportErrors(result.errors));
  // sources name the file as stored with the import (its name, not where the server found it)
  const name = path.basename(sample);
  const budget = { ...mapSources(result.budget, (s) => ({ ...s, file: name })), files: [name] };
  const v = await store.importBudget(SYSTEM_ACTOR, {
    budget,
    name: result.budget.title ?? path.basename(sample),
    reason: 'Beispielhaushalt beim ersten Start',
    documents: [{ name, mediaType: mediaTypeOf(sample), bytes: await readFile(sample) }],
  });
  // the sample is a published document: readable without an account, so that the first visit shows it
  await store.setVersionOptions(SYSTEM_ACTOR, v.id, { publicRead: true });
  io.err(
    `Beispielhaushalt eingelesen: ${path.basename(sample)} (Haushalt ${v.budgetId}, Version ${v.id}).\n`,
  );
}

/** The synthetic demo budget as an import: plan text from the generator, read as any plan text is. */
export function demoImport(): ImportRequest {
  const name = 'demohaushalt-synthetisch.txt';
  const text = generateBudget({ ...DEMO, municipality: DEMO_MUNICIPALITY, header: DEMO_BUDGET_NAME });
  const result = importContent(text, name);
  if (!result.ok) throw new InputError(formatImportErrors(result.errors));
  return {
    budget: { ...result.budget, title: DEMO_BUDGET_NAME },
    name: DEMO_BUDGET_NAME,
    label: 'Synthetischer Entwurf (erfundene Zahlen)',
    reason: 'Demohaushalt (haushalt generate): erfundene Zahlen, keine wirkliche Gemeinde',
    documents: [{ name, mediaType: 'text/plain', bytes: new TextEncoder().encode(text) }],
  };
}

export async function seedDemo(store: Store, io: Io): Promise<void> {
  const v = await store.importBudget(SYSTEM_ACTOR, demoImport());
  await store.setVersionOptions(SYSTEM_ACTOR, v.id, { publicRead: true });
  io.err(
    `Kein Beispielhaushalt gefunden: synthetischer ${DEMO_BUDGET_NAME} angelegt (Haushalt ${v.budgetId}, ` +
      `Version ${v.id}); erfundene Zahlen, keine wirkliche Gemeinde.\n`,
  );
}

/** First start of an empty embedded store: the sample, else the synthetic demo budget. */
export async function seedFirstStart(store: Store, sample: string | false, io: Io): Promise<void> {
  if (sample === false || store.dialect !== 'sqlite') return;
  if ((await store.listBudgets(SYSTEM_ACTOR)).length > 0) return;
  if (existsSync(sample)) await seedSample(store, sample, io);
  else await seedDemo(store, io);
}
