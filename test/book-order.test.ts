/**
 * The book in the statutory order (issue 18, item 7): Haushaltssatzung and Vorbericht in the front matter, then
 * the Gesamtpläne, the Übersichten (Haushaltsquerschnitt, VE), the Teilpläne, the Stellenplan and the Anlagen
 * (Verbindlichkeiten, Fraktionen, Investitionsprogramm); each chapter reachable alone as a page of its own; the
 * Vorbericht's key figures from the model and the treasurer's text. A generated budget with Gesamtpläne and its
 * Anlagen as the generator prints them.
 */
import { describe, expect, it } from 'vitest';
import { mergeBudgets } from '../src/core/merge.js';
import type { Budget } from '../src/core/model.js';
import { formatGerman } from '../src/core/money.js';
import { deriveSatzung } from '../src/core/parts/satzung.js';
import { generateBudgetData } from '../src/generate/index.js';
import { fraktionenCsv, verbindlichkeitenCsv } from '../src/generate/anlagen.js';
import { budgetFromGenerated } from '../src/generate/layouts/index.js';
import { importContent } from '../src/importers/detect.js';
import { chapterIds, planBook, renderBookHtml, renderPartChapterHtml } from '../src/publish/book/index.js';

const data = generateBudgetData({ products: 20, seed: 3 });
const plans = budgetFromGenerated(data, { gesamt: true, kredite: true });

function withAnlagen(): Budget {
  const parts = [verbindlichkeitenCsv(plans), fraktionenCsv(data.year)].map((text, i) => {
    const r = importContent(text, `anlage${i}.csv`);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    return r.budget;
  });
  const merged = mergeBudgets([plans, ...parts]);
  if (!merged.ok) throw new Error('merge');
  return {
    ...merged.budget,
    parts: {
      ...merged.budget.parts,
      vorbericht: { text: 'Der Haushalt 2026 ist ausgeglichen.\n\nZweiter Absatz.' },
    },
  };
}

describe('the book in the statutory order', () => {
  const budget = withAnlagen();

  it('Satzung, Vorbericht, Gesamtpläne, Übersichten, Teilpläne, Teilpläne, Anlagen (no Stellenplan given)', () => {
    const book = planBook(budget);
    expect(book.frontIds).toEqual(['inhalt', 'haushaltssatzung', 'vorbericht']);
    const kinds = book.sections.map((s) => s.kind);
    const first = (k: string): number => kinds.indexOf(k as never);
    const last = (k: string): number => kinds.lastIndexOf(k as never);
    expect(kinds.slice(0, 2)).toEqual(['gesamtergebnisplan', 'gesamtfinanzplan']);
    expect(kinds.slice(2, 4)).toEqual(['haushaltsquerschnitt', 've-uebersicht']);
    expect(first('teilergebnisplan')).toBe(4);
    expect(kinds.slice(-3)).toEqual(['verbindlichkeiten', 'fraktionen', 'investitionsprogramm']);
    expect(last('teilfinanzplan')).toBeLessThan(first('verbindlichkeiten'));
    // the whole book prints them in that order too
    const html = renderBookHtml(budget);
    const at = [
      'id="haushaltssatzung"',
      'id="vorbericht"',
      'id="gesamtergebnisplan-gesamt"',
      'id="haushaltsquerschnitt-haushaltsquerschnitt"',
      'id="ve-uebersicht-ve-uebersicht"',
      `id="teilergebnisplan-${data.areas[0]!.code}"`,
      'id="verbindlichkeiten-verbindlichkeiten"',
      'id="fraktionen-fraktionen"',
      'id="investitionsprogramm-investitionsprogramm"',
    ].map((id) => html.indexOf(id));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('every chapter is reachable alone, as a page of its own', () => {
    const ids = chapterIds(budget);
    expect(ids).toEqual([
      'haushaltssatzung',
      'vorbericht',
      'haushaltsquerschnitt',
      've-uebersicht',
      'verbindlichkeiten',
      'fraktionen',
      'investitionsprogramm',
    ]);
    for (const id of ids) {
      const page = renderPartChapterHtml(budget, id);
      expect(page, id).toContain('<!doctype html>');
      expect(page, id).toContain(`id="${id}`);
    }
    expect(renderPartChapterHtml(budget, 'stellenplan')).toBeUndefined();
  });

  it('the Vorbericht holds the treasurer’s text and the key figures from the model, the Anlagen their amounts', () => {
    const v = renderPartChapterHtml(budget, 'vorbericht')!;
    expect(v).toContain('<p>Der Haushalt 2026 ist ausgeglichen.</p>');
    expect(v).toContain('<p>Zweiter Absatz.</p>');
    const ertraege = deriveSatzung(budget)!.figures.ertraege!.amount;
    expect(v).toContain(
      `<tr><td>Gesamtbetrag der Erträge</td><td class="n">${formatGerman(ertraege)}</td></tr>`,
    );
    const verb = renderPartChapterHtml(budget, 'verbindlichkeiten')!;
    const row = budget.parts!.verbindlichkeiten!.rows[1]!;
    expect(verb).toContain(
      `<td>${row.label}</td><td class="n">${formatGerman(row.amounts.vorjahr!.amount)}</td><td class="n">${formatGerman(row.amounts.beginn!.amount)}</td><td class="n">${formatGerman(row.amounts.ende!.amount)}</td>`,
    );
    const fr = renderPartChapterHtml(budget, 'fraktionen')!;
    expect(fr).toContain('<td>Fraktion Süd</td>');
    const prog = renderPartChapterHtml(budget, 'investitionsprogramm')!;
    expect(prog).toContain('Aus den Investitionsübersichten der Teilfinanzpläne abgeleitet.');
  });
});
