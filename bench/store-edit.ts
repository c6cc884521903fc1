/**
 * A single-cell edit in the store, without HTTP: a generated budget of `--products` products is imported, read
 * and checked once (the cache a running server holds), then `--edits` Ansatz cells of line 13 (one per
 * product, round robin) are edited one after the other through `Store.editCell`, each timed from the call to
 * its answer (the transaction, the totals above, the audit entry, the cache patch and the recheck of the
 * nodes whose amounts moved). Baseline in the same run: one `getNode` of the edited product.
 *
 * Run: `npm run build && node dist/bench/store-edit.js [--products 600] [--edits 300] [--postgres]`
 * (`--postgres` uses TEST_DATABASE_URL in a schema of its own, dropped afterwards).
 */
import { planOf } from '../src/core/model.js';
import { editRefusal } from '../src/core/propagate.js';
import { generateBudget } from '../src/generate/index.js';
import { importText } from '../src/importers/text/index.js';
import { openStore } from '../src/store/store.js';
import { SYSTEM_ACTOR } from '../src/core/workflow.js';
import { options } from './options.js';
import { scratchDatabase } from './scratch-db.js';

const products = options.number('--products', 600);
const edits = options.number('--edits', 300);
const postgres = options.flag('--postgres');

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main(): Promise<void> {
  const imported = importText(generateBudget({ products, seed: 1 }), `generiert-${products}.txt`);
  if (!imported.ok) throw new Error('generated budget did not import');
  const budget = imported.budget;
  const { at, cleanup } = scratchDatabase(postgres, 'edit');
  const store = await openStore(at);
  try {
    const v = await store.importBudget(SYSTEM_ACTOR, { budget, name: 'Benchmark' });
    await store.findings(SYSTEM_ACTOR, v.id); // the cache a running server holds: loaded and checked
    const targets = budget.nodes.flatMap((n) => {
      const plan = planOf(n, 'teilergebnisplan');
      const column = plan?.columns.find((c) => c.kind === 'ansatz' && c.year === budget.year);
      if (!column || editRefusal(budget, { node: n.code, plan: 'teilergebnisplan', line: '13' })) return [];
      return [{ node: n.code, column }];
    });
    const revs = new Map<string, number>();
    const editTimes: number[] = [];
    const readTimes: number[] = [];
    for (let i = 0; i < edits; i++) {
      const t = targets[i % targets.length]!;
      const r0 = performance.now();
      const detail = await store.getNode(SYSTEM_ACTOR, v.id, t.node);
      readTimes.push(performance.now() - r0);
      const rev = revs.get(t.node) ?? detail.cellRevs[`teilergebnisplan|13|ansatz:${t.column.year}`] ?? 0;
      const e0 = performance.now();
      const result = await store.editCell(SYSTEM_ACTOR, v.id, {
        node: t.node,
        plan: 'teilergebnisplan',
        line: '13',
        column: t.column,
        amount: -(1_000_000 + i * 100),
        rev,
        reason: 'Benchmark',
      });
      editTimes.push(performance.now() - e0);
      revs.set(t.node, result.changed[0]!.rev);
    }
    // the findings after the edits are those of a fresh check (the recheck kept them)
    const after = await store.findings(SYSTEM_ACTOR, v.id);
    const sorted = [...editTimes].sort((a, b) => a - b);
    const reads = [...readTimes].sort((a, b) => a - b);
    const ms = (x: number): string => `${x.toFixed(2)} ms`;
    console.log(
      `store edit (${postgres ? 'PostgreSQL' : 'SQLite'}, ${products} products, ${edits} edits, ` +
        `${targets.length} cells): median ${ms(quantile(sorted, 0.5))}, p90 ${ms(quantile(sorted, 0.9))}, ` +
        `p99 ${ms(quantile(sorted, 0.99))}; baseline getNode median ${ms(quantile(reads, 0.5))} ` +
        `(edit ${(quantile(sorted, 0.5) / quantile(reads, 0.5)).toFixed(1)}x); ${after.open.length} open findings`,
    );
  } finally {
    await store.close();
    await cleanup();
  }
}

await main();
