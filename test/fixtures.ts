/**
 * Literal budgets for tests: `plan()` builds a plan from a table of line → amounts in whole euros, `node()` and
 * `budget()` put them together. Everything a test asserts is visible in the test. `koelnBudget()` imports Köln's
 * open data of 2013 (expenses printed positive, a line schema of its own).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Budget, BudgetNode, Column, Level, Plan, PlanType } from '../src/core/model.js';
import { importFiles, loadProfile } from '../src/importers/index.js';
import { DATA, REPO_ROOT } from './paths.js';

export const COLUMNS: readonly Column[] = [
  { kind: 'ergebnis', year: 2024 },
  { kind: 'ansatz', year: 2025 },
  { kind: 'ansatz', year: 2026 },
];

const SCHEMA_OF: Readonly<Record<PlanType, string>> = {
  teilergebnisplan: 'nrw-2019-teilergebnisplan',
  teilfinanzplan: 'nrw-2019-teilfinanzplan',
  gesamtergebnisplan: 'nrw-2019-gesamtergebnisplan',
  gesamtfinanzplan: 'nrw-2019-gesamtfinanzplan',
};

/** A plan printed in whole euros: `rows` maps line numbers to one amount per column. */
export function plan(
  type: PlanType,
  rows: Readonly<Record<string, readonly number[]>>,
  options: { columns?: readonly Column[]; signs?: 'negative' | 'positive'; file?: string } = {},
): Plan {
  const columns = options.columns ?? COLUMNS;
  const file = options.file ?? 'fixture.txt';
  return {
    type,
    schemaId: SCHEMA_OF[type],
    columns,
    ...(options.signs ? { signs: options.signs } : {}),
    lines: Object.entries(rows)
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([line, amounts], i) => ({
        line,
        label: `Zeile ${line}`,
        cells: amounts.map((euro, k) => ({
          column: columns[k]!,
          amount: euro * 100,
          decimals: 0 as const,
          source: { file, line: i + 1 },
        })),
        source: { file, line: i + 1 },
      })),
  };
}

export function node(
  code: string,
  level: Level,
  plans: readonly Plan[],
  extra: Partial<BudgetNode> = {},
): BudgetNode {
  return { code, level, name: `Einheit ${code}`, plans, erlaeuterungen: [], kennzahlen: [], ...extra };
}

export function budget(nodes: readonly BudgetNode[], extra: Partial<Budget> = {}): Budget {
  return { nodes, notes: [], files: ['fixture.txt'], year: 2026, ...extra };
}

/** A consistent Teilergebnisplan with every line printed (one column). */
export function fullErgebnisplan(values: {
  ertraege: number;
  personal: number;
  sach: number;
}): Record<string, number[]> {
  const rows: Record<string, number[]> = {};
  for (let i = 1; i <= 31; i++) rows[String(i).padStart(2, '0')] = [0];
  const aufwand = -(values.personal + values.sach);
  const ergebnis = values.ertraege + aufwand;
  Object.assign(rows, {
    '02': [values.ertraege],
    '10': [values.ertraege],
    '11': [-values.personal],
    '13': [-values.sach],
    '17': [aufwand],
    '18': [ergebnis],
    '22': [ergebnis],
    '26': [ergebnis],
    '29': [ergebnis],
    '31': [ergebnis],
  });
  return rows;
}

/** Köln 2013 from `../shared/data/koeln-2013` with its open-data profile. */
export async function koelnBudget(): Promise<Budget> {
  const profile = await loadProfile(path.join(REPO_ROOT, 'data/profiles/koeln-open-data.json'));
  if (!profile.ok) throw new Error(profile.error.message);
  const dir = path.join(DATA, 'koeln-2013');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => path.join(dir, f));
  const r = await importFiles(files, { profile: profile.profile });
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return r.budget;
}

/** A budget's plans alone, without its parts (a book read back brings its Übersichten as parts). */
export function plansOf(b: Budget): Budget {
  const { parts, ...plans } = b;
  return parts === undefined ? b : plans;
}
