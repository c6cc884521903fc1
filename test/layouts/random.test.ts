// Random budgets in random layout variants (seeded): PDF import = layout-text import = CSV import = the budget
// as printed, through Chromium and LibreOffice (test/layouts/suite.ts). Every case is repeatable from its seed
// (printed with the variant on failure); `LAYOUT_SEED=n` starts the series elsewhere, `LAYOUT_CASES=k` sets
// its length. A case that ever failed is kept in failed-cases.json (seed, budget and variant) and runs always.
import { readFileSync } from 'node:fs';
import { randomCase, randomCaseSpec, type RandomCaseSpec } from './cases.js';
import { describeCases } from './suite.js';

const FIRST_SEED = Number(process.env.LAYOUT_SEED ?? 20261205);
const CASES = Number(process.env.LAYOUT_CASES ?? 6);

const kept = JSON.parse(
  readFileSync(new URL('./failed-cases.json', import.meta.url), 'utf8'),
) as RandomCaseSpec[];
const series = Array.from({ length: CASES }, (_, i) => randomCase(randomCaseSpec(FIRST_SEED + i)));
// a kept case that the series repeats anyway runs once
const same = (a: RandomCaseSpec, b: RandomCaseSpec): boolean => JSON.stringify(a) === JSON.stringify(b);
const made = [...series, ...kept.filter((k) => !series.some((s) => same(s.spec, k))).map(randomCase)];
const bySeed = new Map(made.map((m) => [m.case.name, m.spec]));

describeCases(
  `random budgets in random variants (seeds ${FIRST_SEED}…${FIRST_SEED + CASES - 1} and ${kept.length} kept)`,
  made.map((m, i) => ({ ...m.case, name: `${m.case.name}-${i}` })),
  (c) => {
    const spec = bySeed.get(c.variant.name)!;
    return `seed ${spec.seed} (repeat: LAYOUT_SEED=${spec.seed} LAYOUT_CASES=1; keep it: add to test/layouts/failed-cases.json ${JSON.stringify(spec)})`;
  },
);
