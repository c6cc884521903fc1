/**
 * The book's chapters of the parts: "Entwicklung des Eigenkapitals" (with the § 76 result) and "Stellenplan",
 * present when the budget has them, listed in the contents and reachable alone, German numbers throughout;
 * printed by real Chromium with the sample budget and Münster's parts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Budget } from '../src/core/model.js';
import { importFiles } from '../src/importers/index.js';
import { bookSections, planBook, renderBookHtml, renderSection } from '../src/publish/book/index.js';
import { renderBookPdf } from '../src/publish/pdf.js';
import { DATA, REFERENCE, REPO_ROOT } from './paths.js';

async function load(...files: string[]): Promise<Budget> {
  const r = await importFiles(files);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

const RUECKLAGEN = path.join(DATA, 'muenster-2026/ruecklagen_2024_2030.csv');
const STELLEN = path.join(DATA, 'muenster-2026/stellenplan_2026_2027.csv');

describe('the chapters of the parts in the book', () => {
  it('are absent when the budget has no parts', async () => {
    const b = await load(REFERENCE);
    expect(bookSections(b).filter((s) => s.kind === 'eigenkapital' || s.kind === 'stellenplan')).toEqual([]);
  });

  it('come in order (Eigenkapital before the plans, Stellenplan after the Teilpläne, before the Anlagen), each in the contents', async () => {
    const b = await load(REFERENCE, RUECKLAGEN, STELLEN);
    const kinds = bookSections(b).map((s) => s.kind);
    expect(kinds[0]).toBe('eigenkapital');
    // the sample's measure makes an Investitionsprogramm (an Anlage, after the Stellenplan)
    expect(kinds.slice(-2)).toEqual(['stellenplan', 'investitionsprogramm']);
    const front = planBook(b).front();
    expect(front).toContain('<a href="#eigenkapital-eigenkapital">Entwicklung des Eigenkapitals</a>');
    expect(front).toContain('<a href="#stellenplan-stellenplan">Stellenplan</a>');
  });

  it('each is reachable alone, with its figures as printed and the § 76 result per year', async () => {
    const b = await load(RUECKLAGEN, STELLEN);
    const sections = bookSections(b);
    const ek = renderSection(
      b,
      sections.find((s) => s.kind === 'eigenkapital')!,
    );
    expect(ek).toContain('id="eigenkapital-eigenkapital"');
    expect(ek).toContain('Beträge in Mio. €, wie gedruckt.');
    expect(ek).toContain('<td class="n">662,9</td>');
    expect(ek).toContain(
      '<tr><td>2027</td><td class="n">662,9</td><td class="n">37,9</td><td class="n">5,7 %</td><td>ja</td><td>nein</td></tr>',
    );
    expect(ek).toContain(
      'Ein Haushaltssicherungskonzept nach § 76 Abs. 1 Nr. 1 oder 2 GO NRW ist nicht aufzustellen.',
    );
    expect(ek).toContain('fiktiv ausgeglichen (Ausgleichsrücklage)');
    const sp = renderSection(
      b,
      sections.find((s) => s.kind === 'stellenplan')!,
    );
    expect(sp).toContain(
      '<td>0104</td><td>GLEICHSTELLUNG ALLER GESCHLECHTER</td><td class="n">1,00</td><td class="n">6,00</td><td class="n">7,00</td><td class="n">1,27</td><td class="n">6,00</td><td class="n">7,27</td><td class="n">0,27</td>',
    );
    expect(sp).toContain('<td class="n">4.898,32</td>');
  });

  it('shows the Personalaufwendungen per post beside the Stellenplan where the budget has the unit’s plan', async () => {
    const ms = path.join(DATA, 'muenster-2026');
    const r = await importFiles(
      [
        path.join(
          ms,
          'band1_p026_PG0102_GeschaftsfuhrungfurpolitischeGremien_internationaleBeziehung_Teilergebnisplan_t0.csv',
        ),
        STELLEN,
      ],
      {
        profile: JSON.parse(
          readFileSync(path.join(REPO_ROOT, 'data/profiles/muenster-tabellen.json'), 'utf8'),
        ) as never,
      },
    );
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    const sp = renderSection(
      r.budget,
      bookSections(r.budget).find((s) => s.kind === 'stellenplan')!,
    );
    // PG 0102, Ansatz 2026: 1.599.300 € Personalaufwendungen for 21,31 posts
    expect(sp).toContain(
      '<tr><td>0102</td><td>GESCHÄFTSFÜHRUNG FÜR POLITISCHE GREMIEN, STÄDTEPARTNERSCHAFTEN</td><td>2026</td><td class="n">1.599.300</td><td class="n">21,31</td><td class="n">75.049</td></tr>',
    );
  });

  it('prints a Stellenplan by pay groups with two decimals', async () => {
    const b = await load(path.join(REPO_ROOT, 'test/fixtures/parts/stellenplan-gruppen.csv'));
    const html = renderBookHtml(b);
    // with the occupied posts of 30.06.2025 after the change
    expect(html).toContain(
      '<td>A 13</td><td class="n">6,25</td><td class="n">6,75</td><td class="n">0,50</td><td class="n">6,00</td></tr>',
    );
    expect(html).toContain('<th class="n">davon besetzt<br>30.06.2025</th>');
  });

  it('prints through Chromium: the chapters on their pages, named in the contents', async () => {
    const b = await load(REFERENCE, RUECKLAGEN, STELLEN);
    const pdf = path.join(mkdtempSync(path.join(tmpdir(), 'book-parts-')), 'book.pdf');
    await renderBookPdf(b, pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Entwicklung des Eigenkapitals\s+\d+/u);
    expect(text).toMatch(/Stellenplan\s+\d+/u);
    expect(text).toContain('Haushaltssicherungskonzept (§ 76 Abs. 1 GO NRW)');
    expect(text).toContain('4.898,32');
  }, 120_000);
});
