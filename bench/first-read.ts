/**
 * The first read of a version after a restart (issue 16): a generated budget of `--products` products (600:
 * 351,370 cells) is imported, the store closed, and a new store opened on the same database for each
 * measure, so that its caches are empty as in a server process just started:
 *
 * - subject: the node view of the first Produktbereich, of its first Produktgruppe and of that group's first
 *   product (`loadNodeView`, what `GET /api/versions/:v/nodes/:code` builds: the node, its version, its
 *   neighbourhood and its findings), each on a store of its own;
 * - baseline, in the same run: loading the whole version (`loadBudget`), which every first node view did before.
 *
 * Run: `npm run build && node dist/bench/first-read.js [--products 600] [--postgres]` (`--postgres` uses
 * TEST_DATABASE_URL in a schema of its own, dropped afterwards). Goal: below 300 ms on both databases.
 */
import os from 'node:os';
import { generateBudget } from '../src/generate/index.js';
import { importText } from '../src/importers/text/index.js';
import { loadNodeView } from '../src/server/routes/nodes.js';
import { openStore } from '../src/store/store.js';
import { SYSTEM_ACTOR } from '../src/core/workflow.js';
import { options } from './options.js';
import { scratchDatabase } from './scratch-db.js';

const products = options.number('--products', 600);
const postgres = options.flag('--postgres');

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function main(): Promise<void> {
  const imported = importText(generateBudget({ products, seed: 1 }), `generiert-${products}.txt`);
  if (!imported.ok) throw new Error('generated budget did not import');
  const budget = imported.budget;
  const { at, cleanup } = scratchDatabase(postgres, 'first');
  try {
    const importing = await openStore(at);
    const { id } = await importing.importBudget(SYSTEM_ACTOR, { budget, name: 'Benchmark' });
    await importing.close();
    const cells = budget.nodes.reduce(
      (n, node) => n + node.plans.reduce((m, p) => m + p.lines.reduce((k, l) => k + l.cells.length, 0), 0),
      0,
    );
    console.log(
      `${postgres ? 'PostgreSQL' : 'SQLite'}: ${products} products, ${budget.nodes.length} nodes, ${cells} cells; ` +
        `${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    /** `work` on a store just opened (its caches empty), in milliseconds. */
    const afterRestart = async (work: (s: Awaited<ReturnType<typeof openStore>>) => Promise<unknown>) => {
      const store = await openStore({ ...at, migrate: false });
      try {
        await store.freshness.started;
        return (await timed(() => work(store))).ms;
      } finally {
        await store.close();
      }
    };
    const pb = budget.nodes.find((n) => n.level === 'produktbereich')!;
    const group = budget.nodes.find((n) => n.parent === pb.code)!;
    const product = budget.nodes.find((n) => n.parent === group.code)!;
    const baseline = await afterRestart((s) => s.loadBudget(SYSTEM_ACTOR, id));
    console.log(`baseline: the whole version loaded after a restart: ${baseline.toFixed(0)} ms`);
    for (const node of [pb, group, product]) {
      const children = budget.nodes.filter((n) => n.parent === node.code).length;
      const ms = await afterRestart((s) => loadNodeView(s, SYSTEM_ACTOR, id, node.code));
      console.log(
        `first node view after a restart: ${node.code} (${node.level}, ${children} children): ${ms.toFixed(0)} ms, ` +
          `${(ms / baseline).toFixed(3)}x the baseline; goal < 300 ms: ${ms < 300 ? 'met' : 'NOT met'}`,
      );
    }
  } finally {
    await cleanup();
  }
}

await main();
