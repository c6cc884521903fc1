/**
 * The budget book, printed by real Chromium: the PDF of the reference document read back by our PDF importer
 * gives exactly the tidy CSV of the text import (and the same Erläuterung items, Kennzahlen and description
 * fields); the contents name the pages the sections start on; every page but the cover has "Seite X von Y";
 * the pages are kept as PNG screenshots under test-results/screenshots/book/. A golden file pins the HTML of
 * one Produktgruppe's sections; hostile text renders inert.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { plansOf } from './fixtures.js';
import type { Budget } from '../src/core/model.js';
import { roundToEuro } from '../src/core/money.js';
import { deriveQuerschnitt, type Querschnitt } from '../src/core/parts/querschnitt.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { importFiles } from '../src/importers/index.js';
import { importText } from '../src/importers/text/index.js';
import { bookSections, planBook, renderBookHtml, renderSection } from '../src/publish/book/index.js';
import { isChapterKind } from '../src/publish/book/sections.js';
import { renderBookPdf, type BookPdfReport } from '../src/publish/pdf.js';
import { expectGolden } from './golden.js';
import { REFERENCE, REPO_ROOT } from './paths.js';

async function load(file: string): Promise<Budget> {
  const r = await importFiles([file]);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.page ?? ''}:${e.line ?? ''} ${e.message}`).join('\n'));
  return r.budget;
}

const texts = new Map<string, string[]>();
/** The text of a page (pdftotext -layout), the document read once. */
function pageText(pdf: string, page: number): string {
  if (!texts.has(pdf))
    texts.set(pdf, execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f'));
  return texts.get(pdf)![page - 1]!;
}

describe('the budget book of the reference document as PDF', () => {
  let budget: Budget;
  let pdf: string;
  let report: BookPdfReport;
  let back: Budget;
  beforeAll(async () => {
    budget = await load(REFERENCE);
    pdf = path.join(mkdtempSync(path.join(tmpdir(), 'haushalt-book-test-')), 'buch.pdf');
    report = await renderBookPdf(budget, pdf);
    back = await load(pdf);
  }, 120_000);

  it('reads back to exactly the tidy CSV of the text import (the plans; its Übersichten are parts, below)', () => {
    expect(back.parts?.querschnitt).toBeDefined();
    expect(toTidyCsv(plansOf(back))).toBe(toTidyCsv(budget));
  });

  it('reads back its Haushaltsquerschnitt: the rows and the sum row as the plans give them (issue 18)', () => {
    const printed = deriveQuerschnitt(budget)!;
    const read = back.parts?.querschnitt;
    expect(read?.year).toBe(printed.year);
    const euros = (q: Querschnitt) =>
      [...q.rows, q.sum!].map((r) => [
        r.code,
        Object.fromEntries(Object.entries(r.amounts).map(([id, a]) => [id, roundToEuro(a.amount)])),
      ]);
    expect(euros(read!)).toEqual(euros(printed));
  });

  it('reads back the same Erläuterung items, Kennzahlen, description fields and budget title', () => {
    const items = (b: Budget) =>
      b.nodes.flatMap((n) =>
        n.erlaeuterungen.flatMap((e) =>
          e.items.map((i) => [e.plan, e.line, i.letter ?? '', i.amount, i.previous?.amount]),
        ),
      );
    expect(items(back)).toEqual(items(budget));
    const kennzahlen = (b: Budget) =>
      b.nodes.flatMap((n) =>
        n.kennzahlen.flatMap((t) => t.rows.map((r) => [r.label, r.footnote, r.values.map((v) => v.value)])),
      );
    expect(kennzahlen(back)).toEqual(kennzahlen(budget));
    // a compound broken at its hyphen at the end of a printed line ("Case-" / "Management") reads back with a
    // space: a reader cannot tell it from a dash; the rest of the text comes back word for word
    const fields = (b: Budget) =>
      JSON.stringify(
        b.nodes.flatMap((n) => n.beschreibung?.fields.map((f) => [f.name, f.blocks]) ?? []),
      ).replace(/(\p{L})- (\p{L})/gu, '$1-$2');
    expect(fields(back)).toEqual(fields(budget));
    expect(back.title).toBe(budget.title);
  });

  it('numbers every page but the cover "Seite X von Y" and repeats the running header', () => {
    const pages = Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBe(report.pages);
    expect(pageText(pdf, 1)).not.toMatch(/Seite \d/u);
    for (let p = 2; p <= pages; p++) expect(pageText(pdf, p)).toContain(`Seite ${p} von ${pages}`);
    // before the Teilpläne: cover, contents, the Haushaltssatzung, the Vorbericht, then (the sample has no
    // Gesamtpläne) the Übersichten (issue 18: the statutory order)
    const texts = Array.from({ length: pages }, (_, k) => pageText(pdf, k + 1));
    const first = texts.findIndex((t) => /^\s*Teilergebnisplan /u.test(t));
    const front = texts.slice(0, first).join('\n');
    const order = [
      'Inhalt',
      'Haushaltssatzung für das Haushaltsjahr 2026',
      // the Vorbericht's key figures (its heading is in the contents too)
      'Eckdaten 2026',
      // the Querschnitt's own text (its heading is in the contents too)
      'Ansatz 2026, in EUR',
    ];
    expect(order.map((t) => front.indexOf(t))).toEqual(
      order.map((t) => front.indexOf(t)).sort((a, b) => a - b),
    );
    expect(order.every((t) => front.includes(t))).toBe(true);
    // every page of the sections opens with the section's title and the budget's title, also the pages a
    // section continues on
    const tops = Array.from({ length: pages - first }, (_, k) =>
      pageText(pdf, k + first + 1)
        .trimStart()
        .split('\n')
        .slice(0, 2)
        .join('\n'),
    );
    // the Anlagen after the Teilpläne: the sample's measure makes an Investitionsprogramm
    for (const top of tops)
      expect(top).toMatch(
        /^(?:(?:Teilergebnisplan|Teilfinanzplan|Investitionen|Produktbeschreibung) Produkt\S* 43\S* .*|Investitionsprogramm)\nKreishaushalt$/u,
      );
    expect(tops.at(-1)).toMatch(/^Investitionsprogramm\n/u);
    expect(tops.filter((t, k) => k > 0 && t === tops[k - 1]).length).toBeGreaterThanOrEqual(3);
  });

  it('lists in its contents the page each unit starts on', () => {
    const contents = pageText(pdf, 2);
    const book = planBook(budget);
    const firstOf = new Map<string, string>();
    for (const s of book.sections)
      if (!isChapterKind(s.kind) && !firstOf.has(s.node.code)) firstOf.set(s.node.code, s.title);
    expect(firstOf.size).toBe(6);
    for (const [code, title] of firstOf) {
      const m = new RegExp(`^\\s*${code.replace(/\./gu, '\\.')}\\s.*?(\\d+)\\s*$`, 'mu').exec(contents);
      expect(m, code).not.toBeNull();
      const start = pageText(pdf, Number(m![1]));
      expect(start.trimStart().startsWith(title), `${code} on page ${m![1]}`).toBe(true);
      // and the page before belongs to another section
      expect(
        pageText(pdf, Number(m![1]) - 1)
          .trimStart()
          .startsWith(title),
      ).toBe(false);
    }
  });

  it('keeps the pages as PNG screenshots (pdftoppm -r 60)', () => {
    const dir = path.join(REPO_ROOT, 'test-results/screenshots/book');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(dir, 'reference')]);
    const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(report.pages);
  });
});

describe('the budget book as HTML', () => {
  let budget: Budget;
  beforeAll(async () => {
    budget = await load(REFERENCE);
  });

  it('pins the HTML of one Produktgruppe’s sections (plans, Erläuterungen, investments)', () => {
    const sections = bookSections(budget).filter((s) => s.node.code === '43.03');
    expect(sections.map((s) => s.kind)).toEqual(['teilergebnisplan', 'teilfinanzplan', 'investitionen']);
    expectGolden(
      'reference.book-43.03.html',
      `${sections.map((s) => renderSection(budget, s)).join('\n')}\n`,
    );
  });

  it('prints totals in bold rows, German numbers, every column of the plan', () => {
    const html = renderBookHtml(budget);
    expect(html).toContain(
      '<tr class="total"><td class="nr">17</td><td class="label">Ordentliche Aufwendungen</td><td class="n">-2.949.497</td>',
    );
    expect(html).toContain('<th class="n">Planung<br>2029</th>');
    expect(html).toContain('<th class="n">VE</th>');
  });

  it('renders hostile text inert', () => {
    const text = [
      'Teilergebnisplan Produktgruppe 1.01 <script>alert(1)</script>',
      '',
      'Nr.\tBezeichnung\tAnsatz 2026\tPlanung 2027',
      '01\tSteuern <img src=x onerror=alert(2)>\t1.000\t2.000',
      '',
      'Erläuterungen',
      '',
      'Zu Zeile 01:',
      '',
      '- a) "><svg onload=alert(3)> = 1.000 € (= Ansatz 2025)',
    ].join('\n');
    const r = importText(text, 'hostile.txt');
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const html = renderBookHtml({ ...r.budget, title: 'Stadt & <b>Haushalt</b>' });
    expect(html).not.toMatch(/<script|<img|<svg onload|<b>Haushalt/u);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Stadt &amp; &lt;b&gt;Haushalt&lt;/b&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(3)&gt;');
  });
});
