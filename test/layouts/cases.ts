/**
 * Cases of the layout tests: a budget in a variant, rendered, printed by both producers in batches (one
 * Chromium for all HTML pages, one LibreOffice start for all documents, the two at the same time), and then
 * checked and imported one format at a time (`checkFormat`). Random cases (`randomCase`) come from a seed:
 * the budget (products, Gesamtpläne, a factor for big-city amounts) and every trait of the variant.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Budget } from '../../src/core/model.js';
import {
  normalizeVariant,
  renderLayout,
  type LayoutVariant,
  type RenderedLayout,
} from '../../src/generate/layouts/index.js';
import { compareToBudget, formatDifference, pagesOfLines, type Difference } from './compare.js';
import {
  checkPrint,
  importOne,
  layoutText,
  randomBudget,
  writeCsv,
  type Format,
  type Producer,
} from './harness.js';
import { ChromiumPrinter, libreofficeBatch } from './print.js';

export interface LayoutCase {
  /** Unique among the cases of a run; used in file names. */
  readonly name: string;
  readonly budget: Budget;
  readonly variant: LayoutVariant;
}

export interface PrintedCase {
  readonly case: LayoutCase;
  readonly rendered: RenderedLayout;
  readonly pdfs: Readonly<Record<Producer, string>>;
}

/** Renders every case and prints it with both producers (Chromium and LibreOffice run side by side). */
export async function printCases(
  cases: readonly LayoutCase[],
  printer: ChromiumPrinter,
): Promise<PrintedCase[]> {
  const rendered = cases.map((c) => renderLayout(c.budget, c.variant));
  const [chromium, libreoffice] = await Promise.all([
    printer.printAll(rendered.map((r, i) => ({ name: `${cases[i]!.name}-chromium`, source: r.html }))),
    libreofficeBatch(rendered.map((r, i) => ({ name: `${cases[i]!.name}-libreoffice`, source: r.fodt }))),
  ]);
  return cases.map((c, i) => ({
    case: c,
    rendered: rendered[i]!,
    pdfs: { chromium: chromium[i]!, libreoffice: libreoffice[i]! },
  }));
}

/**
 * What is wrong with one format of a printed case (empty: right): for a PDF also its pagination against the
 * renderer's (`checkPrint`); the import's errors, or its differences from the budget the renderer expects.
 * At most `show` lines per kind, with a count of the rest.
 */
export async function checkFormat(
  p: PrintedCase,
  producer: Producer,
  format: Format,
  show = 5,
): Promise<string[]> {
  const pdf = p.pdfs[producer];
  const problems: string[] = [];
  const shown = (list: readonly string[], what: string): void => {
    if (list.length === 0) return;
    problems.push(`${what}:`, ...list.slice(0, show).map((x) => `  ${x}`));
    if (list.length > show) problems.push(`  … ${list.length - show} more`);
  };
  let file: string;
  let differences: (expected: Budget, imported: Budget) => Difference[];
  if (format === 'pdf') {
    shown(checkPrint(p.rendered, pdf), `${producer} print ${pdf}`);
    file = pdf;
    differences = (e, a) => compareToBudget(e, a, { sources: 'page' });
  } else if (format === 'text') {
    file = layoutText(pdf);
    const pageOfLine = pagesOfLines(readFileSync(file, 'utf8'));
    differences = (e, a) => compareToBudget(e, a, { sources: 'layout-page', pageOfLine });
  } else {
    file = writeCsv(p.rendered, path.dirname(p.pdfs.chromium));
    differences = (e, a) => compareToBudget(e, a, { sources: 'line' });
  }
  const imported = await importOne(file);
  if (!imported.ok) shown([...imported.errors], `import refused ${file}`);
  else {
    const expected = format === 'csv' ? p.rendered.expectedFromCsv(file) : p.rendered.expectedFromPdf(file);
    shown(differences(expected, imported.budget).map(formatDifference), `import differs ${file}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------- random cases

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, values: readonly T[]): T => values[Math.floor(rng() * values.length)]!;

/** A variant with every trait drawn from the seed (made printable: T€ named in a unit row). */
export function randomVariant(seed: number): LayoutVariant {
  const rng = random(seed);
  const v: LayoutVariant = {
    name: `zufall-${seed}`,
    description: `Random variant of seed ${seed}.`,
    header: {
      groupRow: rng() < 0.5,
      kindYear: pick(rng, ['one-cell', 'stacked'] as const),
      unitRow: pick(rng, ['none', 'EUR', 'in €', 'T€'] as const),
    },
    labelTitle: pick(rng, ['Bezeichnung', 'arten', 'Position', 'none'] as const),
    operators: pick(rng, ['none', 'plus-minus', 'plus-slash'] as const),
    lineNumbers: pick(rng, ['01', '1.', '1', 'Zeile 1', 'none'] as const),
    signs: pick(rng, ['minus', 'expenses-positive', 'trailing-minus', 'brackets'] as const),
    unit: pick(rng, ['euro', 'cent', 'teur'] as const),
    labelLines: pick(rng, [1, 2, 3] as const),
    runningHeader: pick(rng, ['none', 'title', 'title-and-date'] as const),
    runningFooter: pick(rng, ['none', 'Seite n', 'Seite n von m', '- n -'] as const),
    plansPerPage: pick(rng, ['one', 'several'] as const),
    split: pick(rng, ['move', 'continue'] as const),
    continuation: pick(rng, ['header', 'title-and-header'] as const),
    yearsSplit: rng() < 0.3,
    orientation: pick(rng, ['portrait', 'landscape'] as const),
    title: pick(rng, ['plan-node', 'node-over-plan', 'plan-year-over-node'] as const),
    amountAlign: pick(rng, ['top', 'middle', 'bottom'] as const),
    fontPt: pick(rng, [7, 8, 9] as const),
  };
  return normalizeVariant(v);
}

/** What a random case is made of: enough to repeat it (and to keep it as a fixture). */
export interface RandomCaseSpec {
  readonly seed: number;
  readonly products: number;
  readonly gesamt: boolean;
  readonly factor: number;
  readonly variant: LayoutVariant;
}

/** The random case of a seed: a budget of 1 to 3 products (perhaps with Gesamtpläne, perhaps scaled up). */
export function randomCaseSpec(seed: number): RandomCaseSpec {
  const rng = random(seed ^ 0x5bd1e995);
  const variant = randomVariant(seed);
  return {
    seed,
    products: 1 + Math.floor(rng() * 3),
    gesamt: rng() < 0.5,
    // thousands of euros are printed for big amounts
    factor: variant.unit === 'teur' ? pick(rng, [100, 1000]) : pick(rng, [1, 1, 10]),
    variant,
  };
}

/**
 * The case of a spec. A variant whose tables do not fit its page even in the smallest type (many columns in
 * portrait) is printed in landscape with the planning years on a second page, as such plans are.
 */
export function randomCase(spec: RandomCaseSpec): {
  readonly spec: RandomCaseSpec;
  readonly case: LayoutCase;
} {
  const budget = randomBudget(spec.products, spec.seed, { gesamt: spec.gesamt, factor: spec.factor });
  let variant = spec.variant;
  try {
    renderLayout(budget, variant);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    variant = { ...variant, orientation: 'landscape', yearsSplit: true };
  }
  return { spec: { ...spec, variant }, case: { name: variant.name, budget, variant } };
}
