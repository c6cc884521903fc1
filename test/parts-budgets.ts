/**
 * Budgets with the Haushaltsplan's parts for the server and browser tests of the parts' view: Münster 2026/2027
 * as published (its Gesamtpläne, Produktbereich 01 and one Produktgruppe as tables, with the Rücklagen and the
 * Stellenplan), and a generated budget beside its printed Haushaltssatzung and Haushaltsquerschnitt (layout text,
 * Aufwendungen positive) with one printed amount changed; another Land's budget from its fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mergeBudgets } from '../src/core/merge.js';
import type { Budget } from '../src/core/model.js';
import { generateBudget, generateBudgetData } from '../src/generate/index.js';
import { querschnittRows, querschnittText, satzungText } from '../src/generate/parts.js';
import { importContent, importFiles, loadProfile } from '../src/importers/index.js';
import { importText } from '../src/importers/text/index.js';
import { DATA, REPO_ROOT } from './paths.js';

export const MUENSTER = path.join(DATA, 'muenster-2026');

/** Münster 2026/2027: every table of the plans, the Rücklagen 2024–2030 and the Stellenplan 2026/2027. */
export async function muensterWithParts(): Promise<Budget> {
  const profile = await loadProfile(path.join(REPO_ROOT, 'data/profiles/muenster-tabellen.json'));
  if (!profile.ok) throw new Error(profile.error.message);
  const files = readdirSync(MUENSTER)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => path.join(MUENSTER, f));
  const r = await importFiles(files, { profile: profile.profile });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

/** A budget of another Land from its fixtures (`test/fixtures/laender/*.txt`), the files merged into one. */
export function laenderBudget(...names: string[]): Budget {
  const budgets = names.map((name) => {
    const file = path.join(REPO_ROOT, 'test/fixtures/laender', `${name}.txt`);
    const r = importText(readFileSync(file, 'utf8'), `${name}.txt`);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    return r.budget;
  });
  const merged = mergeBudgets(budgets);
  if (!merged.ok) throw new Error(merged.conflicts.map((c) => c.message).join('\n'));
  return merged.budget;
}

export const GENERATED = { products: 24, seed: 5 } as const;
export const generatedData = generateBudgetData(GENERATED);

/** A change planted in the printed Querschnitt: the row (index of its Produktbereich), column and euros. */
export interface Planted {
  readonly row: number;
  readonly column: string;
  /** Cents, in the signed view (the print shows Aufwendungen positive: −5.000 € printed is 5.000 € more). */
  readonly delta: number;
}

/** The generated budget's printed Satzung and Querschnitt, one file (one amount changed when `planted`). */
export function generatedPartsText(planted?: Planted): string {
  const template = readFileSync(path.join(REPO_ROOT, 'data/parts/haushaltssatzung-nrw.txt'), 'utf8');
  return (
    satzungText(generatedData, template) +
    '\n' +
    querschnittText(generatedData, {
      layout: 'layout',
      positive: true,
      ...(planted ? { mutate: planted } : {}),
    })
  );
}

/** The generated budget with its printed Satzung and Querschnitt (one amount changed when `planted`). */
export function generatedWithParts(planted?: Planted): Budget {
  const plans = importContent(generateBudget(GENERATED), 'haushalt.txt');
  if (!plans.ok) throw new Error('generated budget does not import');
  const parts = importContent(generatedPartsText(planted), 'teile.txt');
  if (!parts.ok) throw new Error(parts.errors.map((e) => e.message).join('\n'));
  const merged = mergeBudgets([plans.budget, parts.budget]);
  if (!merged.ok) throw new Error('parts do not merge');
  return merged.budget;
}

/** The Querschnitt's rows of the generated budget in cents (signed), the sum last. */
export const generatedRows = querschnittRows(generatedData);
