/**
 * A generated budget with its Anlagen for the server and browser tests of the parts' view: the plans (with a
 * Gesamtfinanzplan and Kredite), and the Investitionsprogramm (Auszahlungen printed positive), the Übersicht
 * der Verbindlichkeiten and the Zuwendungen an die Fraktionen printed by the generator as CSV tables and
 * imported; in each Anlage one printed amount changed when `planted`.
 */
import { mergeBudgets } from '../src/core/merge.js';
import { columnKey, type Budget } from '../src/core/model.js';
import { generateBudgetData } from '../src/generate/index.js';
import { fraktionenCsv, programmCsv, verbindlichkeitenCsv, type Mutation } from '../src/generate/anlagen.js';
import { budgetFromGenerated } from '../src/generate/layouts/index.js';
import { importContent } from '../src/importers/detect.js';

export const anlagenData = generateBudgetData({ products: 30, seed: 5 });
export const anlagenPlans = budgetFromGenerated(anlagenData, { gesamt: true, kredite: true });

/** The planted differences: +100 € in a measure's Ansatz, the Investitionskredite at the end, a Geldleistung. */
export const PLANTED = {
  programm: { row: 1, column: columnKey({ kind: 'ansatz', year: anlagenData.year }), delta: 100_00 },
  verbindlichkeiten: { row: 1, column: 'ende', delta: 100_00 },
  fraktionen: { row: 0, column: 'geld', delta: 100_00 },
} as const satisfies Record<string, Mutation>;

function part(text: string, file: string): Budget {
  const r = importContent(text, file);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n'));
  return r.budget;
}

/** The plans with the three Anlagen as printed (each with its planted difference when `planted`). */
export function generatedWithAnlagen(planted: boolean): Budget {
  const p = part(
    programmCsv(anlagenPlans, { positive: true, ...(planted ? { mutate: PLANTED.programm } : {}) }),
    'programm.csv',
  );
  const v = part(
    verbindlichkeitenCsv(anlagenPlans, planted ? PLANTED.verbindlichkeiten : undefined),
    'verbindlichkeiten.csv',
  );
  const f = part(fraktionenCsv(anlagenData.year, planted ? PLANTED.fraktionen : undefined), 'fraktionen.csv');
  const merged = mergeBudgets([
    anlagenPlans,
    { nodes: [], notes: [], files: ['anlagen'], parts: { ...p.parts, ...v.parts, ...f.parts } },
  ]);
  if (!merged.ok) throw new Error(merged.conflicts.map((c) => c.message).join('\n'));
  return merged.budget;
}
