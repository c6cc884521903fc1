/**
 * The Anlagen of the Haushaltsplan printed, imported and checked (issue 18, item 6): a generated budget's
 * Investitionsprogramm, Übersicht der Verbindlichkeiten and Zuwendungen an die Fraktionen printed by the
 * generator as CSV tables, imported (content-recognised) and merged with the budget's plans, check clean; and a
 * mutation test over every printed cell of each: each planted difference is an error at its place (the
 * measure's unit, the sum row, the Investitionskredite against the Gesamtfinanzplan). The deltas are +100 € and
 * −1.000 €: a sum rests on one whole-euro cell per row, so it may round by half a euro for each.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import { check, checkInSlices, recheck } from '../src/core/check/index.js';
import { fraktionen as fraktionenRule } from '../src/core/check/rules/parts-fraktionen.js';
import { investitionsprogramm as programmRule } from '../src/core/check/rules/parts-programm.js';
import { verbindlichkeiten as verbRule } from '../src/core/check/rules/parts-verbindlichkeiten.js';
import type { Finding } from '../src/core/findings.js';
import { mergeBudgets } from '../src/core/merge.js';
import { columnKey, type Budget } from '../src/core/model.js';
import { deriveInvestitionsprogramm } from '../src/core/parts/investitionsprogramm.js';
import { STAENDE } from '../src/core/parts/verbindlichkeiten.js';
import { generateBudgetData } from '../src/generate/index.js';
import { fraktionenCsv, programmCsv, verbindlichkeitenCsv, type Mutation } from '../src/generate/anlagen.js';
import { budgetFromGenerated } from '../src/generate/layouts/index.js';
import { importContent } from '../src/importers/detect.js';
import { importFiles } from '../src/importers/index.js';
import { parseCsv } from '../src/importers/table/csv.js';
import { exportBudget } from '../src/exporters/index.js';
import { budgetJsonProblems } from './export-validators.js';

const data = generateBudgetData({ products: 30, seed: 5 });
const plans = budgetFromGenerated(data, { gesamt: true, kredite: true });
const RULES = [programmRule, verbRule, fraktionenRule];

function importPart(text: string, file: string): Budget {
  const r = importContent(text, file);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n'));
  return r.budget;
}

function withPart(part: Budget): Budget {
  const merged = mergeBudgets([plans, part]);
  if (!merged.ok) throw new Error(merged.conflicts.map((c) => c.message).join('\n'));
  return merged.budget;
}

const errors = (found: readonly Finding[]): Finding[] => found.filter((f) => f.severity === 'error');

describe('the Anlagen of a generated budget', () => {
  it('import from CSV and check clean, every number placed', () => {
    const p = importPart(programmCsv(plans, { positive: true }), 'programm.csv');
    const v = importPart(verbindlichkeitenCsv(plans), 'verbindlichkeiten.csv');
    const f = importPart(fraktionenCsv(data.year), 'fraktionen.csv');
    for (const b of [p, v, f]) expect(b.notes).toEqual([]);
    const prog = p.parts!.investitionsprogramm!;
    const derived = deriveInvestitionsprogramm(plans)!;
    expect(prog.signs).toBe('positive');
    expect(prog.year).toBe(data.year);
    expect(prog.columns).toEqual(derived.columns);
    expect(prog.rows.map((r) => r.number)).toEqual(derived.rows.map((r) => r.number));
    expect(prog.rows[0]!.amounts[columnKey({ kind: 'ansatz', year: data.year })]!.amount).toBe(
      Math.round(derived.rows[0]!.amounts[columnKey({ kind: 'ansatz', year: data.year })]!.amount / 100) *
        100,
    );
    const verb = v.parts!.verbindlichkeiten!;
    expect(verb.year).toBe(data.year);
    expect(verb.columns).toEqual(STAENDE);
    expect(verb.rows.map((r) => r.id)).toEqual([
      'anleihen',
      'investitionskredite',
      'liquiditaetskredite',
      'kreditaehnlich',
      'lieferungen',
      'transfer',
      'sonstige',
    ]);
    expect(verb.sum?.label).toBe('Summe der Verbindlichkeiten');
    const fr = f.parts!.fraktionen!;
    expect(fr.rows).toHaveLength(5);
    expect(fr.columns.map((c) => c.total ?? false)).toEqual([false, false, true]);
    const budget = withPart({
      nodes: [],
      notes: [],
      files: ['anlagen'],
      parts: { ...p.parts, ...v.parts, ...f.parts },
    });
    expect(
      check(budget).filter((x) => RULES.some((r) => r.id === x.rule) && x.severity !== 'rounding'),
    ).toEqual([]);
  });

  it('the Investitionskredite at the end of the year are checked against the Gesamtfinanzplan’s Aufnahme and Tilgung', () => {
    const v = importPart(verbindlichkeitenCsv(plans, { row: 1, column: 'ende', delta: 100_00 }), 'v.csv');
    const found = errors(check(withPart(v), RULES));
    const at = found.map((x) => `${x.node ?? ''} ${x.plan ?? ''} ${x.line ?? ''}`).sort();
    // the row against the plan, and the sum row against the rows
    expect(at).toEqual(['gesamt  summe-ende', 'gesamt gesamtfinanzplan investitionskredite']);
    const kredit = found.find((x) => x.line === 'investitionskredite')!;
    // the plans' cents against the printed whole euros: 100 € and the rounding of the three amounts
    expect(Math.abs(kredit.difference! - 100_00)).toBeLessThanOrEqual(150);
    expect(kredit.message).toMatch(
      /zuzüglich Aufnahme \(Gesamtfinanzplan, Zeile 33\) abzüglich Tilgung \(Zeile 35\)/u,
    );
    expect(kredit.source?.file).toBe('v.csv');
  });

  it('a programme of fewer measures than the plans (those above the Wertgrenze) is a warning against line 30, more an error', () => {
    const derived = deriveInvestitionsprogramm(plans)!;
    const withRows = (rows: typeof derived.rows): Budget => {
      const amounts: Record<string, { amount: number; decimals: 0 }> = {};
      for (const c of derived.columns) {
        const k = columnKey(c);
        amounts[k] = { amount: rows.reduce((s, r) => s + (r.amounts[k]?.amount ?? 0), 0), decimals: 0 };
      }
      // as printed: not derived
      const printed = {
        year: derived.year,
        columns: derived.columns,
        rows,
        sum: { number: '', name: 'Summe', amounts },
      };
      return { ...plans, parts: { investitionsprogramm: printed } };
    };
    const line30 = (b: Budget) =>
      check(b, [programmRule]).filter((x) => x.plan === 'gesamtfinanzplan' && x.severity !== 'rounding');
    // the measures of one unit left out: less than the plans
    const unit = derived.rows[0]!.unit;
    const fewer = line30(withRows(derived.rows.filter((r) => r.unit !== unit)));
    expect(fewer.length).toBeGreaterThan(0);
    for (const f of fewer) {
      expect(f.severity).toBe('warning');
      expect(f.message).toMatch(/nur die Maßnahmen über der Wertgrenze/u);
    }
    // a measure counted twice: more than the plans, an error
    const more = line30(
      withRows([...derived.rows, { ...derived.rows[0]!, number: `${derived.rows[0]!.number}x` }]),
    );
    expect(more.length).toBeGreaterThan(0);
    expect(more.every((f) => f.severity === 'error')).toBe(true);
  });
});

/** A one-sheet workbook of a CSV table's rows: German whole-euro amounts (`-1.234.567`) as numeric cells. */
async function workbook(csv: string, file: string): Promise<void> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error(parsed.message);
  const data = parsed.rows.map((row): Row =>
    row.map((text) =>
      /^-?\d{1,3}(\.\d{3})*$/u.test(text)
        ? { type: Number, value: Number(text.replace(/\./gu, '')), format: '#,##0' }
        : { type: String, value: text },
    ),
  );
  writeFileSync(file, new Uint8Array(await writeXlsxFile(data).toBuffer()));
}

const withoutSources = (part: unknown): unknown =>
  JSON.parse(JSON.stringify(part, (k, v: unknown) => (k === 'source' ? undefined : v)));

describe('the Anlagen from XLSX workbooks', () => {
  it('read as from the CSV they were made from', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anlagen-xlsx-'));
    for (const [name, csv] of [
      ['programm', programmCsv(plans)],
      ['verbindlichkeiten', verbindlichkeitenCsv(plans)],
      ['fraktionen', fraktionenCsv(data.year)],
    ] as const) {
      const file = path.join(dir, `${name}.xlsx`);
      await workbook(csv, file);
      const fromXlsx = await importFiles([file]);
      if (!fromXlsx.ok) throw new Error(fromXlsx.errors.map((e) => e.message).join('\n'));
      expect(fromXlsx.budget.notes, name).toEqual([]);
      expect(withoutSources(fromXlsx.budget.parts), name).toEqual(
        withoutSources(importPart(csv, `${name}.csv`).parts),
      );
    }
  });
});

describe('the Anlagen’ findings in slices and after an edit', () => {
  it('are those check finds: checked in slices, and rechecked after a measure of a unit changed', () => {
    const derived = deriveInvestitionsprogramm(plans)!;
    const column = columnKey({ kind: 'ansatz', year: data.year });
    const p = importPart(programmCsv(plans, { mutate: { row: 1, column, delta: 100_00 } }), 'p.csv');
    const v = importPart(verbindlichkeitenCsv(plans, { row: 1, column: 'ende', delta: 100_00 }), 'v.csv');
    const f = importPart(fraktionenCsv(data.year, { row: 0, column: 'geld', delta: 100_00 }), 'f.csv');
    const budget = withPart({
      nodes: [],
      notes: [],
      files: ['anlagen'],
      parts: { ...p.parts, ...v.parts, ...f.parts },
    });
    const all = check(budget);
    expect(
      all.filter((x) => RULES.some((r) => r.id === x.rule) && x.severity === 'error').length,
    ).toBeGreaterThan(3);
    const slices = checkInSlices(budget, 3);
    let step = slices.next();
    while (!step.done) step = slices.next();
    expect(step.value).toEqual(all);
    // the measure's unit pays 100 € more in the budget year: the programme's row now agrees there
    const measure = derived.rows[1]!;
    const edited = {
      ...budget,
      nodes: budget.nodes.map((n) =>
        n.code !== measure.unit || !n.investitionen
          ? n
          : {
              ...n,
              investitionen: {
                ...n.investitionen,
                rows: n.investitionen.rows.map((r) =>
                  r.type !== 'measure' || r.number !== measure.number
                    ? r
                    : {
                        ...r,
                        cells: r.cells.map((c) =>
                          columnKey(c.column) === column ? { ...c, amount: c.amount + 100_00 } : c,
                        ),
                      },
                ),
              },
            },
      ),
    };
    expect(recheck(edited, all, [measure.unit!])).toEqual(check(edited));
  });
});

describe('the JSON export carries the parts', () => {
  it('as the model holds them, without their sources, valid against the published schema', async () => {
    const v = importPart(verbindlichkeitenCsv(plans), 'verbindlichkeiten.csv');
    const f = importPart(fraktionenCsv(data.year), 'fraktionen.csv');
    const budget = withPart({ nodes: [], notes: [], files: ['anlagen'], parts: { ...v.parts, ...f.parts } });
    const out = await exportBudget(budget, 'json');
    if (out.type !== 'text') throw new Error('not text');
    const parsed = JSON.parse(out.text) as {
      parts: {
        verbindlichkeiten: { year: number; rows: { id: string; amounts: { ende: { amount: number } } }[] };
        fraktionen: { rows: unknown[] };
      };
    };
    expect(budgetJsonProblems(parsed)).toEqual([]);
    expect(Object.keys(parsed.parts).sort()).toEqual(['fraktionen', 'verbindlichkeiten']);
    const row = parsed.parts.verbindlichkeiten.rows[1]!;
    expect(row.id).toBe('investitionskredite');
    expect(row.amounts.ende.amount).toBe(budget.parts!.verbindlichkeiten!.rows[1]!.amounts.ende!.amount);
    expect(parsed.parts.fraktionen.rows).toHaveLength(5);
    expect(out.text).not.toContain('"source"');
    // a budget without parts has none in its JSON (the reference's golden stays as it was)
    const bare = await exportBudget(plans, 'json');
    expect(bare.type === 'text' && bare.text.includes('"parts"')).toBe(false);
  });
});

describe('mutation test: every planted difference in an Anlage is reported at its place', () => {
  const deltas = [100_00, -1_000_00];

  it('Investitionsprogramm: every cell of every measure and of the sum row', () => {
    const derived = deriveInvestitionsprogramm(plans)!;
    const missed: string[] = [];
    for (let row = -1; row < derived.rows.length; row++)
      for (const c of derived.columns)
        for (const delta of deltas) {
          const mutate: Mutation = { row, column: columnKey(c), delta };
          const b = withPart(importPart(programmCsv(plans, { positive: row % 2 === 0, mutate }), 'p.csv'));
          const found = errors(check(b, RULES));
          const r = derived.rows[row];
          const hit = found.some((f) =>
            row < 0 ? f.node === 'gesamt' && f.line === 'summe' : f.node === r!.unit && f.line === r!.number,
          );
          if (!hit) missed.push(`${r?.number ?? 'Summe'} ${columnKey(c)} ${delta}`);
        }
    expect(missed).toEqual([]);
  });

  it('Verbindlichkeiten: every Stand of every row and of the sum row', () => {
    const missed: string[] = [];
    for (let row = -1; row < 7; row++)
      for (const id of STAENDE)
        for (const delta of deltas) {
          const b = withPart(importPart(verbindlichkeitenCsv(plans, { row, column: id, delta }), 'v.csv'));
          const found = errors(check(b, RULES)).filter((f) => f.rule === 'verbindlichkeiten');
          // every changed Stand breaks the sum row; the Investitionskredite at the end also the plan
          const hit = found.some(
            (f) => f.line === `summe-${id}` && f.year === (id === 'vorjahr' ? data.year - 1 : data.year),
          );
          const plan =
            row === 1 && id === 'ende' ? found.some((f) => f.line === 'investitionskredite') : true;
          if (!hit || !plan) missed.push(`${row} ${id} ${delta}`);
        }
    expect(missed).toEqual([]);
  });

  it('Fraktionen: every cell of every Fraktion and of the sum row', () => {
    const missed: string[] = [];
    for (let row = -1; row < 5; row++)
      for (const column of ['geld', 'sach', 'summe'])
        for (const delta of deltas) {
          const b = importPart(fraktionenCsv(data.year, { row, column, delta }), 'f.csv');
          const found = errors(check(b, RULES));
          // the title and the header above: the Fraktionen from line 3, the sum row on line 8
          const line = row < 0 ? 8 : row + 3;
          if (!found.some((f) => f.rule === 'fraktionen' && f.source?.line === line))
            missed.push(`${row} ${column} ${delta}`);
        }
    expect(missed).toEqual([]);
  });
});
