/**
 * The Haushaltsplan's parts printed, imported and checked (issue 18): a generated budget's Haushaltsquerschnitt
 * and Haushaltssatzung laid out by the generator (layout text with Aufwendungen positive, tab-separated text,
 * CSV), imported beside the budget's plan text and merged, check clean; one row changed is reported in that row
 * (against its Teilplan), in its column's sum and in the row's Ergebnis it breaks; and a mutation test over every
 * printed cell of the Querschnitt, every figure of the Satzung and every VE of the VE overview: each planted
 * difference is an error at its place. The deltas are +100 € and −1.000 €: the sum row rests on one printed cell
 * per Produktbereich, so it may round by half a euro for each, and +10 € would be rounding there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/core/check/index.js';
import { querschnitt } from '../src/core/check/rules/parts-querschnitt.js';
import { satzung as satzungRule } from '../src/core/check/rules/parts-satzung.js';
import { veUebersicht } from '../src/core/check/rules/parts-ve.js';
import type { Finding } from '../src/core/findings.js';
import { reconcile, unreconciled } from '../src/core/ledger.js';
import { mergeBudgets } from '../src/core/merge.js';
import type { Budget } from '../src/core/model.js';
import { formatGerman } from '../src/core/money.js';
import { deriveSatzung } from '../src/core/parts/satzung.js';
import { fillSatzung } from '../src/core/parts/satzung-text.js';
import { QUERSCHNITT, SATZUNG } from '../src/core/parts/spec.js';
import { deriveVeUebersicht } from '../src/core/parts/ve.js';
import { generateBudget, generateBudgetData } from '../src/generate/index.js';
import {
  generatedSatzung,
  querschnittRows,
  querschnittText,
  satzungText,
  type QuerschnittPrint,
} from '../src/generate/parts.js';
import { importContent } from '../src/importers/detect.js';
import { importText } from '../src/importers/text/index.js';
import { planBook, renderPartChapterHtml } from '../src/publish/book/index.js';
import { REPO_ROOT } from './paths.js';

const OPTIONS = { products: 40, seed: 11 };
const TEMPLATE = readFileSync(path.join(REPO_ROOT, 'data/parts/haushaltssatzung-nrw.txt'), 'utf8');
const RULES = [satzungRule, querschnitt, veUebersicht];
const data = generateBudgetData(OPTIONS);

function plans(): Budget {
  const r = importText(generateBudget(OPTIONS), 'plan.txt');
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.budget;
}

function importParts(text: string, file = 'teile.txt'): Budget {
  const r = importContent(text, file);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n'));
  expect(unreconciled(reconcile(r.budget, r.ledger))).toEqual([]);
  return r.budget;
}

const planBudget = plans();

function withParts(parts: Budget): Budget {
  return { ...planBudget, parts: { ...parts.parts } };
}

function printed(print: QuerschnittPrint): string {
  return satzungText(data, TEMPLATE) + '\n' + querschnittText(data, print);
}

const errors = (found: readonly Finding[]): Finding[] =>
  found.filter((f) => f.severity === 'error' || f.severity === 'warning');

describe('printed parts of a generated budget', () => {
  it.each<QuerschnittPrint>([
    { layout: 'layout', positive: true },
    { layout: 'tabs' },
    { layout: 'csv', positive: true },
  ])('import and check clean: %o', (print) => {
    const parts = importParts(printed(print), `teile.${print.layout === 'csv' ? 'csv' : 'txt'}`);
    const q = parts.parts!.querschnitt!;
    expect(q.year).toBe(data.year);
    expect(q.signs).toBe(print.positive ? 'positive' : 'negative');
    expect(q.columns).toEqual(QUERSCHNITT.columns.map((c) => c.id));
    expect(q.rows.map((r) => r.code)).toEqual(data.areas.map((a) => a.code));
    // signed view whatever the print: the rows' amounts are the generated cents rounded
    const rows = querschnittRows(data);
    q.rows.forEach((r, i) => {
      QUERSCHNITT.columns.forEach((c, k) => {
        expect(r.amounts[c.id]!.amount).toBe(Math.round(rows[i]!.amounts[k]! / 100) * 100);
      });
    });
    const s = parts.parts!.satzung!;
    expect(s.year).toBe(data.year);
    const expected = generatedSatzung(data);
    for (const [id, a] of Object.entries(expected.figures)) expect(s.figures[id]?.amount, id).toBe(a.amount);
    expect(s.hebesaetze).toEqual(expected.hebesaetze);
    const merged = mergeBudgets([planBudget, parts]);
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    expect(merged.budget.parts?.querschnitt?.rows.length).toBe(data.areas.length);
    expect(errors(check(merged.budget).filter((f) => ['satzung', 'querschnitt'].includes(f.rule)))).toEqual(
      [],
    );
  });

  it('reports one changed row in that row, its column’s sum and the Ergebnis it breaks', () => {
    const row = 2;
    const code = data.areas[row]!.code;
    const budget = withParts(
      importParts(
        printed({
          layout: 'layout',
          positive: true,
          mutate: { row, column: 'aufwendungen', delta: -5_000_00 },
        }),
      ),
    );
    const found = errors(check(budget, RULES));
    const at = found.map(
      (f) => `${f.node ?? ''} ${f.plan ?? ''} ${f.line ?? ''} ${f.kind ?? ''}:${f.year ?? ''}`,
    );
    expect(at.sort()).toEqual(
      [
        `${code} teilergebnisplan aufwendungen ansatz:${data.year}`,
        `${code}  ergebnis ansatz:${data.year}`,
        `  aufwendungen ansatz:${data.year}`,
      ].sort(),
    );
    expect(found).toHaveLength(3);
    const rowFinding = found.find((f) => f.node === code && f.plan === 'teilergebnisplan')!;
    // printed positive: 5.000 € more Aufwendungen printed than the Teilplan has
    expect(rowFinding.difference).toBe(5_000_00);
    expect(rowFinding.message).toMatch(
      new RegExp(
        `^Haushaltsquerschnitt, Zeile ${code} .*Spalte Aufwendungen, Ansatz ${data.year}: gedruckt .*Teilergebnisplan ${code} \\(Zeilen 17, 20, 24\\)`,
        'u',
      ),
    );
    expect(rowFinding.source?.file).toBe('teile.txt');
    const sumFinding = found.find((f) => f.node === undefined)!;
    expect(sumFinding.message).toMatch(
      /^Haushaltsquerschnitt, Summenzeile \(Summe\), Spalte Aufwendungen, .*die Summe der \d+ Zeilen darüber ergibt/u,
    );
  });
});

describe('mutation test: every planted difference in a part is reported at its place', () => {
  const deltas = [100_00, -1_000_00];

  it('Haushaltsquerschnitt: every cell of every row and of the sum row', () => {
    const rows = querschnittRows(data);
    const missed: string[] = [];
    for (const [i, r] of rows.entries())
      for (const spec of QUERSCHNITT.columns)
        for (const delta of deltas) {
          const isSum = r.code === '';
          const budget = withParts(
            importParts(
              printed({
                layout: 'layout',
                positive: true,
                mutate: { row: isSum ? -1 : i, column: spec.id, delta },
              }),
            ),
          );
          const found = errors(check(budget, RULES));
          const hit = found.some(
            (f) =>
              f.rule === 'querschnitt' &&
              f.line === spec.id &&
              f.severity === 'error' &&
              (isSum ? f.node === undefined && f.message.includes('Summenzeile') : f.node === r.code),
          );
          if (!hit) missed.push(`${r.code || 'Summe'} ${spec.id} ${delta}`);
        }
    expect(missed).toEqual([]);
  });

  it('Haushaltssatzung: every figure of the plans', () => {
    const missed: string[] = [];
    const base = generatedSatzung(data);
    for (const f of SATZUNG.figures) {
      if (!f.plan || !base.figures[f.id]) continue;
      for (const delta of deltas) {
        const changed = {
          ...base,
          figures: {
            ...base.figures,
            [f.id]: { ...base.figures[f.id]!, amount: base.figures[f.id]!.amount + delta },
          },
        };
        const budget = withParts(importParts(fillSatzung(TEMPLATE, changed)));
        const found = errors(check(budget, RULES));
        if (!found.some((x) => x.rule === 'satzung' && x.line === f.id && x.severity === 'error'))
          missed.push(`${f.id} ${delta}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it('VE overview: every row and the sum, against the VE columns and the Satzung', () => {
    const base = deriveVeUebersicht(planBudget)!;
    const satzung = deriveSatzung(planBudget)!;
    expect(base.sum!.ve!.amount).toBe(satzung.figures.ve!.amount);
    const missed: string[] = [];
    const rows = [...base.rows, base.sum!];
    for (const [i, row] of rows.entries())
      for (const delta of deltas) {
        const changed = { ...row, ve: { ...row.ve!, amount: row.ve!.amount + delta } };
        const v =
          i < base.rows.length
            ? { ...base, rows: base.rows.map((r, k) => (k === i ? changed : r)) }
            : { ...base, sum: changed };
        const found = errors(check({ ...planBudget, parts: { veUebersicht: v, satzung } }, RULES));
        const hit = found.some(
          (f) =>
            f.rule === 've-uebersicht' &&
            f.severity === 'error' &&
            (row.code === '' ? f.node === undefined : f.node === row.code),
        );
        if (!hit) missed.push(`${row.code || 'Summe'} ${delta}`);
      }
    expect(missed).toEqual([]);
  });
});

describe('the book of a generated budget', () => {
  it('holds the Haushaltssatzung and the Vorbericht in front, the Querschnitt and the VE overview before the Teilpläne, each reachable alone, German numbers', () => {
    const book = planBook(planBudget);
    const front = book.front();
    const at = ['id="haushaltssatzung"', 'id="vorbericht"'].map((id) => front.indexOf(id));
    expect(at.every((i) => i > 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    const kinds = book.sections.map((s) => s.kind);
    expect(kinds.slice(0, 3)).toEqual(['haushaltsquerschnitt', 've-uebersicht', 'teilergebnisplan']);
    for (const id of [
      'haushaltssatzung',
      'vorbericht',
      'haushaltsquerschnitt-haushaltsquerschnitt',
      've-uebersicht-ve-uebersicht',
    ])
      expect(front).toContain(`href="#${id}"`);
    const q = renderPartChapterHtml(planBudget, 'haushaltsquerschnitt')!;
    const sum = querschnittRows(data).at(-1)!;
    // the sum row's Erträge, whole euros the German way
    const ertraege = deriveSatzung(planBudget)!.figures.ertraege!.amount;
    expect(q).toContain(formatGerman(ertraege));
    expect(Math.abs(ertraege - sum.amounts[0]!)).toBeLessThanOrEqual(50 * data.areas.length * 3);
    expect(renderPartChapterHtml(planBudget, 'keins')).toBeUndefined();
    // a Satzung with the treasurer's template prints its text
    const withTemplate: Budget = {
      ...planBudget,
      parts: { satzung: { ...generatedSatzung(data), template: TEMPLATE } },
    };
    expect(renderPartChapterHtml(withTemplate, 'haushaltssatzung')).toContain(
      'hat der Rat der Stadt Musterstadt mit Beschluss vom 11.12.2025',
    );
  });
});
