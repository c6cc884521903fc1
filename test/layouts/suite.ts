/**
 * A vitest suite over layout cases: all cases printed once (beforeAll: one Chromium, one LibreOffice start,
 * side by side), then one test per case × producer × format (PDF, layout text) and one per case for its CSV,
 * each asserting that the print keeps the renderer's pages and that the import equals the budget the renderer
 * expects. `about` adds what repeats a case to a failure's message (a random case's seed and variant). The
 * files of a case whose tests all passed are removed afterwards; those of a failing case are kept (the failure
 * names them).
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFormat, printCases, type LayoutCase, type PrintedCase } from './cases.js';
import { PRODUCERS } from './harness.js';
import { ChromiumPrinter } from './print.js';

/**
 * Imports known to fail, by test name, with what goes wrong (known-failures.json): they run as `it.fails`, so
 * each still runs in CI, and one that starts to pass fails until it is taken off the list. Issue 15 stays open
 * while the list is not empty.
 */
const KNOWN_FAILURES = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'known-failures.json'), 'utf8'),
) as Readonly<Record<string, string>>;

/** `it`, or `it.fails` for a test named in known-failures.json. */
function test(name: string): typeof it | typeof it.fails {
  return KNOWN_FAILURES[name] === undefined ? it : it.fails;
}

/** Time for printing every case of a suite (the generated plan in every variant is about 1,000 pages a producer). */
const PRINT_TIMEOUT = 900_000;
/** Time for importing one format of one case. */
const IMPORT_TIMEOUT = 180_000;

export function describeCases(
  title: string,
  cases: readonly LayoutCase[],
  about: (c: LayoutCase) => string = (c) => `variant ${c.variant.name}`,
): void {
  describe(title, () => {
    const printer = new ChromiumPrinter();
    let printed: PrintedCase[] = [];
    beforeAll(async () => {
      printed = await printCases(cases, printer);
      await printer.close();
    }, PRINT_TIMEOUT);
    const failed = new Set<number>();
    afterAll(async () => {
      await printer.close();
      printed.forEach((p, i) => {
        if (failed.has(i)) return;
        for (const pdf of Object.values(p.pdfs)) rmSync(path.dirname(pdf), { recursive: true, force: true });
      });
    });
    /** Runs a check of case `i`, remembering a failure (its files are kept). */
    const checked = async (i: number, check: () => Promise<void>): Promise<void> => {
      try {
        await check();
      } catch (e) {
        failed.add(i);
        throw e;
      }
    };
    cases.forEach((c, i) => {
      for (const producer of PRODUCERS)
        for (const format of ['pdf', 'text'] as const)
          test(`${c.name} · ${producer} · ${format}`)(
            `${c.name} · ${producer} · ${format}`,
            () =>
              checked(i, async () => {
                expect((await checkFormat(printed[i]!, producer, format)).join('\n'), about(c)).toBe('');
              }),
            IMPORT_TIMEOUT,
          );
      test(`${c.name} · csv`)(
        `${c.name} · csv`,
        () =>
          checked(i, async () => {
            expect((await checkFormat(printed[i]!, 'chromium', 'csv')).join('\n'), about(c)).toBe('');
          }),
        IMPORT_TIMEOUT,
      );
    });
  });
}
