/**
 * The PDF importer on the reference document as Chromium prints it: the same tidy CSV as the text import, the
 * same check result, every value with its page and box; and clear errors for PDFs it cannot read.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../src/core/check/index.js';
import type { Budget } from '../src/core/model.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { importFiles } from '../src/importers/index.js';
import { importText } from '../src/importers/text/index.js';
import { generateBudget, planTextParts } from '../src/generate/index.js';
import {
  chromiumPdf,
  lockedPdf,
  referencePdfByChromium,
  referencePdfByLibreOffice,
} from './pdf/producers.js';
import { planTextToHtml } from '../src/generate/html.js';
import { REFERENCE, REPO_ROOT } from './paths.js';

async function load(file: string): Promise<Budget> {
  const r = await importFiles([file]);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.page ?? ''}:${e.line ?? ''} ${e.message}`).join('\n'));
  return r.budget;
}

describe('PDF import (Chromium as producer)', () => {
  let pdf: string;
  let fromPdf: Budget;
  let fromText: Budget;
  beforeAll(async () => {
    pdf = referencePdfByChromium();
    fromPdf = await load(pdf);
    fromText = await load(REFERENCE);
  }, 120_000);

  it('gives exactly the tidy CSV of the text import', () => {
    expect(toTidyCsv(fromPdf)).toBe(toTidyCsv(fromText));
  });

  it('gives the same check result', () => {
    const summary = (b: Budget): string[] =>
      check(b).map(
        (f) => `${f.severity} ${f.rule} ${f.node ?? ''} ${f.line ?? ''} ${f.kind ?? ''} ${f.year ?? ''}`,
      );
    expect(summary(fromPdf)).toEqual(summary(fromText));
  });

  it('reads Erläuterung items, descriptions and Kennzahlen', () => {
    const items = (b: Budget) =>
      b.nodes.flatMap((n) =>
        n.erlaeuterungen.flatMap((e) => e.items.map((i) => [i.letter ?? '', i.amount, i.previous?.amount])),
      );
    expect(items(fromPdf)).toEqual(items(fromText));
    const kennzahlen = (b: Budget) =>
      b.nodes.flatMap((n) =>
        n.kennzahlen.flatMap((t) => t.rows.map((r) => [r.label, r.values.map((v) => v.value)])),
      );
    expect(kennzahlen(fromPdf)).toEqual(kennzahlen(fromText));
    const fields = (b: Budget) => b.nodes.flatMap((n) => n.beschreibung?.fields.map((f) => f.name) ?? []);
    expect(fields(fromPdf)).toEqual(fields(fromText));
  });

  it('reads the pages on all cores with the built command, giving the same result', () => {
    const run = (env: Record<string, string>): string =>
      execFileSync(
        process.execPath,
        [path.join(REPO_ROOT, 'bin/haushalt.js'), 'export', pdf, '--format', 'tidy-csv'],
        {
          encoding: 'utf8',
          env: { ...process.env, ...env },
        },
      );
    expect(run({ HAUSHALT_PDF_PARALLEL_PAGES: '2' })).toBe(toTidyCsv(fromText));
  });

  it('reads the same plan from pdftotext -layout output (columns aligned with spaces)', async () => {
    const layoutFile = pdf.replace(/\.pdf$/u, '-layout.txt');
    execFileSync('pdftotext', ['-layout', pdf, layoutFile]);
    const fromLayout = await load(layoutFile);
    expect(toTidyCsv(fromLayout)).toBe(toTidyCsv(fromText));
    const summary = (b: Budget): string[] =>
      check(b).map(
        (f) => `${f.severity} ${f.rule} ${f.node ?? ''} ${f.line ?? ''} ${f.kind ?? ''} ${f.year ?? ''}`,
      );
    expect(summary(fromLayout)).toEqual(summary(fromText));
    const fields = (b: Budget) => b.nodes.flatMap((n) => n.beschreibung?.fields.map((f) => f.name) ?? []);
    expect(fields(fromLayout)).toEqual(fields(fromText));
    // sources point at the lines of the layout file
    const line02 = fromLayout.nodes[0]!.plans[0]!.lines.find((l) => l.line === '02')!;
    expect(readFileSync(layoutFile, 'utf8').split('\n')[line02.source!.line - 1]).toContain('2.147.993');
  });

  it('names the page and the box of every value', () => {
    const cells = fromPdf.nodes.flatMap((n) => n.plans.flatMap((p) => p.lines.flatMap((l) => l.cells)));
    expect(cells.length).toBe(1230);
    for (const c of cells) {
      expect(c.source?.file).toBe(pdf);
      expect(c.source?.page).toBeGreaterThanOrEqual(1);
      const [x, y, w, h] = c.source!.box!;
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(x + w).toBeLessThanOrEqual(612);
      expect(y + h).toBeLessThanOrEqual(792);
      expect(h).toBeLessThan(60);
    }
    const first = fromPdf.nodes[0]!.plans[0]!.lines[0]!.cells[0]!.source!;
    expect(first.page).toBe(1);
  });

  it('rejects a password-protected, a corrupt and a text-less PDF with a German message', async () => {
    const locked = await importFiles([lockedPdf(pdf)]);
    expect(locked.ok ? '' : locked.errors[0]!.message).toMatch(/passwortgeschützt/u);
    const corruptFile = pdf.replace(/\.pdf$/u, '-corrupt.pdf');
    writeFileSync(
      corruptFile,
      Buffer.concat([Buffer.from('%PDF-1.7\n'), readFileSync(pdf).subarray(0, 2000)]),
    );
    const corrupt = await importFiles([corruptFile]);
    expect(corrupt.ok ? '' : corrupt.errors[0]!.message).toMatch(
      /keine gültige PDF-Datei|PDF nicht lesbar|enthält keinen Text/u,
    );
    const scanned = await importFiles([
      chromiumPdf('<!doctype html><div style="width:300px;height:200px;background:#888"></div>', 'scan'),
    ]);
    expect(scanned.ok ? '' : scanned.errors[0]!.message).toMatch(
      /enthält keinen Text \(gescannte Seiten\?\)/u,
    );
  });
});

/** Every row of every investment table: node, type, measure number or line, name or label, amounts. */
const investments = (b: Budget) =>
  b.nodes.flatMap((n) =>
    (n.investitionen?.rows ?? []).map((r) =>
      r.type === 'group'
        ? [n.code, r.type, r.label]
        : r.type === 'measure'
          ? [n.code, r.type, r.number, r.name, r.cells.map((c) => c.amount)]
          : [n.code, r.type, r.line, r.label, r.cells.map((c) => c.amount)],
    ),
  );

describe('PDF import of a generated plan (Chromium as producer)', () => {
  it('gives exactly the tidy CSV of the text it was printed from, across page breaks and wrapped cells', async () => {
    const text = generateBudget({ products: 20, seed: 4 });
    const pdf = chromiumPdf(planTextToHtml(text), 'generated');
    const fromPdf = await load(pdf);
    const fromText = importText(text, 'generated.txt');
    if (!fromText.ok) throw new Error('text import failed');
    expect(toTidyCsv(fromPdf)).toBe(toTidyCsv(fromText.budget));
    expect(investments(fromPdf)).toEqual(investments(fromText.budget));
    expect(check(fromPdf).filter((f) => f.severity === 'error')).toEqual([]);
  }, 120_000);

  // a stretch of a bigger plan with measure names wrapping above and below their amounts ("370226SONST
  // Sonstige" / "Investitionen" with the amounts / "Schulzentrum") and an investment table that begins at the
  // end of a page (its header and group heading there, its rows under the header repeated on the next page)
  it('keeps every investment measure and group heading of wrapped names and tables across a page break', async () => {
    const part = planTextParts(generateBudget({ products: 340, seed: 1 }), 20).find((p) =>
      p.includes('370226SONST'),
    )!;
    const pdf = chromiumPdf(planTextToHtml(part), 'generated-part');
    const fromPdf = await load(pdf);
    const fromText = importText(part, 'part.txt');
    if (!fromText.ok) throw new Error('text import failed');
    const measures = investments(fromText.budget).filter((r) => r[1] === 'measure').length;
    expect(measures).toBeGreaterThan(5);
    expect(investments(fromPdf)).toEqual(investments(fromText.budget));
    expect(toTidyCsv(fromPdf)).toBe(toTidyCsv(fromText.budget));
  }, 180_000);

  // a label of four lines set in the middle of a tall row, two above its amounts and two below ("24
  // Auszahlungen für" / "den Erwerb v." / amounts / "Grundstücken u." / "Gebäuden"), right before a group
  // heading: the outer two lines stand farther from the amounts than the nearest row reaches
  it('keeps the whole label of a line centred on its amounts in a tall row', async () => {
    const part = planTextParts(generateBudget({ products: 340, seed: 1 }), 20).find((p) =>
      p.includes('120226GRST'),
    )!;
    const fromPdf = await load(chromiumPdf(planTextToHtml(part), 'generated-part-centred'));
    const fromText = importText(part, 'part.txt');
    if (!fromText.ok) throw new Error('text import failed');
    const label = (b: Budget): string | undefined => {
      const row = b.nodes
        .find((n) => n.code === '12.02')
        ?.investitionen?.rows.find((r) => r.type === 'line' && r.line === '24');
      return row?.type === 'line' ? row.label : undefined;
    };
    expect(label(fromText.budget)).toBe('Auszahlungen für den Erwerb v. Grundstücken u. Gebäuden');
    expect(label(fromPdf)).toBe(label(fromText.budget));
    expect(investments(fromPdf)).toEqual(investments(fromText.budget));
  }, 180_000);
});

describe('PDF import (LibreOffice as producer)', () => {
  it('gives exactly the tidy CSV and the check result of the text import', async () => {
    const fromPdf = await load(referencePdfByLibreOffice());
    const fromText = await load(REFERENCE);
    expect(toTidyCsv(fromPdf)).toBe(toTidyCsv(fromText));
    const summary = (b: Budget): string[] =>
      check(b).map(
        (f) => `${f.severity} ${f.rule} ${f.node ?? ''} ${f.line ?? ''} ${f.kind ?? ''} ${f.year ?? ''}`,
      );
    expect(summary(fromPdf)).toEqual(summary(fromText));
    const items = (b: Budget) =>
      b.nodes.flatMap((n) =>
        n.erlaeuterungen.flatMap((e) => e.items.map((i) => [i.letter ?? '', i.amount, i.previous?.amount])),
      );
    expect(items(fromPdf)).toEqual(items(fromText));
    expect(
      fromPdf.nodes.every((n) =>
        n.plans.every((p) => p.lines.every((l) => l.cells.every((c) => c.source?.page !== undefined))),
      ),
    ).toBe(true);
  }, 180_000);
});
