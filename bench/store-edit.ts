/**
 * A single-cell edit in the store, without HTTP: a generated budget of `--products` products is imported, read
 * and checked once (the cache a running server holds), then `--edits` Ansatz cells of line 13 (one per
 * product, round robin) are edited one after the other through `Store.editCell`, each timed from the call to
 * its answer (the transaction, the totals above, the audit entry, the cache patch and the recheck of the
 * nodes whose amounts moved are left for the next findings read). Baselines in the same run: one indexed SELECT
 * of the edited cell through the store's query layer (the cheapest read of the database), the smallest write
 * transaction (one row updated and committed: the floor of any write, with SQLite's fsync), and one `getNode`
 * of the edited product. Then a projection applied (every editable planning-year cell of a product's
 * Teilergebnisplan, `--rounds` products): as one `editCells`, and as the page did it before, one `editCell`
 * per cell. The edit's CPU time is printed too: on a busy machine the wall time of a write is mostly waiting
 * for a core again after the commit's fsync.
 *
 * Run: `npm run build && node dist/bench/store-edit.js [--products 600] [--edits 300] [--postgres]`
 * (`--postgres` uses TEST_DATABASE_URL in a schema of its own, dropped afterwards).
 */
import { planOf } from '../src/core/model.js';
import { editRefusal } from '../src/core/propagate.js';
import { generateBudget } from '../src/generate/index.js';
import { importText } from '../src/importers/text/index.js';
import type { CellChange } from '../src/store/api.js';
import { cellAt } from '../src/store/cells.js';
import { openStore, type KyselyStore } from '../src/store/store.js';
import { SYSTEM_ACTOR } from '../src/core/workflow.js';
import { options } from './options.js';
import { scratchDatabase } from './scratch-db.js';

const products = options.number('--products', 600);
const edits = options.number('--edits', 300);
const rounds = options.number('--rounds', 20);
const postgres = options.flag('--postgres');

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Median, p90 and p99 of some times in ms. */
function stats(times: readonly number[]): { p50: number; p90: number; p99: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99) };
}

const ms = (x: number): string => `${x.toFixed(2)} ms`;

async function timed<T>(times: number[], run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await run();
  times.push(performance.now() - t0);
  return result;
}

/** Every editable planning-year cell of a product's Teilergebnisplan moved by 1 euro: a projection applied. */
async function projectionOf(
  store: KyselyStore,
  versionId: number,
  code: string,
  by: number,
): Promise<CellChange[]> {
  const detail = await store.getNode(SYSTEM_ACTOR, versionId, code);
  const budget = await store.loadBudget(SYSTEM_ACTOR, versionId);
  const plan = planOf(
    budget.nodes.find((n) => n.code === code)!,
    'teilergebnisplan',
  )!;
  return plan.lines.flatMap((l) =>
    editRefusal(budget, { node: code, plan: 'teilergebnisplan', line: l.line })
      ? []
      : l.cells
          .filter((c) => c.column.kind === 'planung')
          .map((c) => ({
            node: code,
            plan: 'teilergebnisplan' as const,
            line: l.line,
            column: c.column,
            amount: c.amount + by,
            rev: detail.cellRevs[`teilergebnisplan|${l.line}|planung:${c.column.year}`] ?? 0,
          })),
  );
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
    /** The CPU time of this process per edit: what the edit costs whatever else the machine runs. */
    const editCpu: number[] = [];
    const readTimes: number[] = [];
    const selectTimes: number[] = [];
    const writeTimes: number[] = [];
    for (let i = 0; i < edits; i++) {
      const t = targets[i % targets.length]!;
      const detail = await timed(readTimes, () => store.getNode(SYSTEM_ACTOR, v.id, t.node));
      const place = { node: t.node, plan: 'teilergebnisplan', line: '13', column: t.column };
      await timed(selectTimes, () =>
        store.db.selectFrom('cell').select(['amount', 'rev']).where(cellAt(v.id, place)).executeTakeFirst(),
      );
      await timed(writeTimes, () =>
        store.db
          .transaction()
          .execute((trx) =>
            trx.updateTable('budget').set({ name: 'Benchmark' }).where('id', '=', v.budgetId).execute(),
          ),
      );
      const rev = revs.get(t.node) ?? detail.cellRevs[`teilergebnisplan|13|ansatz:${t.column.year}`] ?? 0;
      const cpu0 = process.cpuUsage();
      const result = await timed(editTimes, () =>
        store.editCell(SYSTEM_ACTOR, v.id, {
          node: t.node,
          plan: 'teilergebnisplan',
          line: '13',
          column: t.column,
          amount: -(1_000_000 + i * 100),
          rev,
          reason: 'Benchmark',
        }),
      );
      const cpu = process.cpuUsage(cpu0);
      editCpu.push((cpu.user + cpu.system) / 1000);
      revs.set(t.node, result.changed[0]!.rev);
    }
    // a projection applied: one change of all its cells, and (as before) a single edit per cell
    const batchTimes: number[] = [];
    const loopTimes: number[] = [];
    let cells = 0;
    for (let r = 0; r < rounds; r++) {
      const code = targets[(r * 7) % targets.length]!.node;
      const changes = await projectionOf(store, v.id, code, 100);
      cells = changes.length;
      await timed(batchTimes, () =>
        store.editCells(SYSTEM_ACTOR, v.id, { changes, reason: 'Fortschreibung' }),
      );
      const again = await projectionOf(store, v.id, code, 100);
      await timed(loopTimes, async () => {
        for (const c of again) await store.editCell(SYSTEM_ACTOR, v.id, { ...c, reason: 'Fortschreibung' });
      });
    }
    // the findings after the edits are those of a fresh check (the recheck kept them)
    const after = await store.findings(SYSTEM_ACTOR, v.id);
    const edit = stats(editTimes);
    const select = stats(selectTimes);
    const write = stats(writeTimes);
    const read = stats(readTimes);
    const batch = stats(batchTimes);
    const loop = stats(loopTimes);
    const row = (name: string, x: { p50: number; p90: number; p99: number }): string =>
      `  ${name.padEnd(44)} median ${ms(x.p50)}, p90 ${ms(x.p90)}, p99 ${ms(x.p99)}; ` +
      `median ${(x.p50 / select.p50).toFixed(1)}x the SELECT`;
    console.log(
      `store edit (${postgres ? 'PostgreSQL' : 'SQLite'}, ${products} products, ${edits} edits of ` +
        `${targets.length} cells, ${rounds} projections of ${cells} cells); ${after.open.length} open findings`,
    );
    console.log(row('baseline: SELECT of one cell', select));
    console.log(row('baseline: smallest write transaction', write));
    console.log(row('baseline: getNode', read));
    console.log(row('single-cell edit (editCell)', edit));
    const cpu = stats(editCpu);
    console.log(
      `  ${'  its CPU time'.padEnd(44)} median ${ms(cpu.p50)}, p90 ${ms(cpu.p90)}, p99 ${ms(cpu.p99)}`,
    );
    console.log(row(`projection as one change (editCells, ${cells} cells)`, batch));
    console.log(row(`projection as ${cells} single edits`, loop));
  } finally {
    await store.close();
    await cleanup();
  }
}

await main();
