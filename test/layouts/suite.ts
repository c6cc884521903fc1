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
 * Imports known to differ, by test name, with their first difference (known-failures.json). Such a test asserts
 * exactly that difference: it fails when the import starts to pass (take it off the list) and when it fails in
 * another way (a new fault is never hidden behind a known one). Issue 15 stays open while the list is not empty.
 */
const KNOWN_FAILURES = JSON.parse(
  readFileSync(path.join(import.meta.dirname, 'known-failures.json'), 'utf8'),
) as Readonly<Record<string, string>>;

/** The first difference of a check's output, as known-failures.json records it (temporary paths left out). */
export function firstDifference(out: readonly string[]): string {
  const lines = out.join('\n').split('\n');
  const refused = lines.some((l) => l.startsWith('import refused'));
  const detail = lines.find(
    (l) => l.trim() !== '' && !/^(?:import|print) (?:differs|refused)/u.test(l.trim()),
  );
  const first = (detail ?? lines[0] ?? '').trim();
  return `${refused ? 'refused: ' : ''}${first}`
    .replace(/\/tmp\/\S+?\.pdf, /gu, '')
    .replace(/\/tmp\/\S+/gu, '…')
    .slice(0, 240);
}

/** What a case's check must give: nothing, or exactly its known first difference. */
function expectOutcome(name: string, out: readonly string[], about: string): void {
  const known = KNOWN_FAILURES[name];
  if (known === undefined) expect(out.join('\n'), about).toBe('');
  else
    expect(
      firstDifference(out),
      `${about} (known difference; passes now? take it off known-failures.json)`,
    ).toBe(known);
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
          it(
            `${c.name} · ${producer} · ${format}`,
            () =>
              checked(i, async () => {
                const name = `${c.name} · ${producer} · ${format}`;
                expectOutcome(name, await checkFormat(printed[i]!, producer, format), about(c));
              }),
            IMPORT_TIMEOUT,
          );
      it(
        `${c.name} · csv`,
        () =>
          checked(i, async () => {
            expectOutcome(`${c.name} · csv`, await checkFormat(printed[i]!, 'chromium', 'csv'), about(c));
          }),
        IMPORT_TIMEOUT,
      );
    });
  });
}
