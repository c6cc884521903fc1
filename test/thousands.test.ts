/**
 * Plans printed in thousands of euros (T€, issue 15), end to end on a literal budget (`thousands-fixture.ts`):
 * checked with rounding differences in thousands and no error, while the same amounts printed in euros are
 * errors; the unit kept through merge, every export and back (tidy CSV, German CSV, XLSX, JSON, Fiscal Data
 * Package), shown in the book and in the node view.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/core/check/index.js';
import { mergeBudgets } from '../src/core/merge.js';
import type { Budget, Cell, Plan } from '../src/core/model.js';
import { planOf } from '../src/core/model.js';
import { CSV_HEADER, CSV_UNIT_HEADER } from '../src/exporters/csv.js';
import { exportBudget } from '../src/exporters/index.js';
import { toJsonObject } from '../src/exporters/json.js';
import { forEachCell } from '../src/exporters/rows.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { TIDY_HEADER, TIDY_HEADER_WITH_UNIT } from '../src/formats/tidy-csv.js';
import { THOUSAND_FORMAT, EURO_FORMAT } from '../src/exporters/xlsx.js';
import { importFiles } from '../src/importers/index.js';
import { readWorkbook } from '../src/importers/table/xlsx-reader.js';
import { importTidyCsv } from '../src/importers/tidy-csv/index.js';
import { planTable } from '../src/publish/book/plan-table.js';
import { renderBookHtml } from '../src/publish/book/index.js';
import { nodeView } from '../src/server/node-view.js';
import type { VersionFindings, VersionInfo } from '../src/store/api.js';
import { budgetJsonProblems, fdpProblems } from './export-validators.js';
import { budget, node, plan } from './fixtures.js';
import { PG_4301, TEUR_COLUMNS, inEuros, teurBudget, teurPlan } from './thousands-fixture.js';

const NO_FINDINGS: VersionFindings = {
  open: [],
  accepted: [],
  stale: [],
  counts: { error: 0, warning: 0, rounding: 0, info: 0 },
};

const summary = (b: Budget): string[] =>
  check(b).map((f) => `${f.severity} ${f.rule} ${f.node} ${f.line} ${f.kind} ${f.year} ${f.difference}`);

/** Every cell of a budget as `node plan line kind year amount scale`. */
function cells(b: Budget): string[] {
  const out: string[] = [];
  forEachCell(b, ({ code, planType, key, cell }) =>
    out.push(
      `${code} ${planType} ${key} ${cell.column.kind} ${cell.column.year} ${cell.amount} ${cell.scale ?? 1}`,
    ),
  );
  return out;
}

function plan4301(b: Budget): Plan {
  return planOf(
    b.nodes.find((n) => n.code === '43.01')!,
    'teilergebnisplan',
  )!;
}

describe('checking a plan printed in T€', () => {
  it('finds rounding differences of whole thousands and no error, and says T€', () => {
    const findings = check(teurBudget());
    expect(findings.filter((f) => f.severity !== 'rounding')).toEqual([]);
    // 43.01: lines 01–09 and their total 10 each rounded on their own
    const line10 = findings.find(
      (f) => f.rule === 'schema-formula' && f.node === '43.01' && f.line === '10' && f.kind === 'ansatz',
    );
    expect(line10).toMatchObject({
      severity: 'rounding',
      actual: 386_300_000,
      expected: 386_100_000,
      difference: 200_000,
      message:
        'Teilergebnisplan 43.01, Zeile 10 (Ordentliche Erträge), Ansatz 2026: gedruckt 3.863 T€, Summe der ' +
        'Zeilen 01–09 ergibt 3.861 T€ (Differenz 2 T€, durch Rundung erklärbar: bis zu 5 T€)',
    });
    // the Produktbereich against its Produktgruppen, all in T€: three cells, up to 1,5 T€
    expect(
      findings.find((f) => f.rule === 'parent-sum' && f.line === '07' && f.kind === 'ansatz')?.message,
    ).toBe(
      'Teilergebnisplan 43, Zeile 07 (Sonstige ordentliche Erträge), Ansatz 2026: gedruckt 102 T€, Summe der ' +
        'Produktgruppen 43.01 und 43.03 ergibt 101 T€ (Differenz 1 T€, durch Rundung erklärbar: bis zu 1,5 T€)',
    );
    expect(summary(teurBudget()).filter((s) => s.startsWith('rounding schema-formula'))).toHaveLength(13);
  });

  it('tolerates the coarser unit where a Gesamtplan in € sums Teilpläne in T€, and speaks in €', () => {
    const rollup = check(teurBudget()).filter((f) => f.rule === 'gesamt-rollup');
    // every printed Gesamt line differs from the T€ print of its Produktbereich, none beyond 500,50 €
    expect(rollup).toHaveLength(40);
    expect(rollup.every((f) => f.severity === 'rounding')).toBe(true);
    expect(rollup.find((f) => f.line === '20' && f.kind === 'ansatz')?.message).toBe(
      'Gesamtergebnisplan, Zeile 20 (Zinsen und sonstige Finanzaufwendungen), Ansatz 2026: gedruckt -2.499 €, ' +
        'Summe der Teilergebnispläne (Zeile 20) von Produktbereich 43 ergibt -2.000 € (Differenz -499 €, ' +
        'durch Rundung erklärbar: bis zu 500,50 €)',
    );
  });

  it('still reports a wrong total of a T€ plan as an error, in T€', () => {
    const b = teurBudget();
    const wrong: Budget = {
      ...b,
      // 43.01, Zeile 10, Ansatz 2026 printed 10 T€ too high
      nodes: b.nodes.map((n) =>
        n.code === '43.01' ? { ...n, plans: [teurPlan({ ...PG_4301, '10': [3873, 3901] })] } : n,
      ),
    };
    const errors = check(wrong).filter(
      (f) => f.severity === 'error' && f.node === '43.01' && f.rule === 'schema-formula',
    );
    expect(errors.map((f) => `${f.line} ${f.kind} ${f.difference}`)).toEqual([
      '10 ansatz 1200000',
      '18 ansatz -900000',
    ]);
    expect(errors[0]!.message).toBe(
      'Teilergebnisplan 43.01, Zeile 10 (Ordentliche Erträge), Ansatz 2026: gedruckt 3.873 T€, Summe der ' +
        'Zeilen 01–09 ergibt 3.861 T€ (Differenz 12 T€, durch Rundung nicht erklärbar: höchstens 5 T€)',
    );
  });

  it('reports the same amounts printed in whole euros as errors: there the differences are not rounding', () => {
    const findings = check(inEuros(teurBudget()));
    const line10 = findings.find(
      (f) => f.rule === 'schema-formula' && f.node === '43.01' && f.line === '10' && f.kind === 'ansatz',
    );
    expect(line10).toMatchObject({ severity: 'error', difference: 200_000 });
    expect(line10!.message).toContain('gedruckt 3.863.000 €, Summe der Zeilen 01–09 ergibt 3.861.000 €');
    expect(line10!.message).toContain('durch Rundung nicht erklärbar: höchstens 5 €');
    expect(findings.filter((f) => f.severity === 'error' && f.rule === 'schema-formula')).toHaveLength(13);
  });
});

describe('merging a T€ print with a euro print of the same plan', () => {
  const euroPrint = (rows: Readonly<Record<string, readonly number[]>>): Plan =>
    plan('teilergebnisplan', rows, { columns: TEUR_COLUMNS, file: 'euro.txt' });

  it('takes the euros where the T€ print is their rounding, and names T€ where they differ', () => {
    const teur = budget([node('43.01', 'produktgruppe', [teurPlan({ '02': [2147, 2169] })])]);
    const euro = budget([node('43.01', 'produktgruppe', [euroPrint({ '02': [2147493, 2168912] })])], {
      files: ['euro.txt'],
    });
    const merged = mergeBudgets([teur, euro]);
    if (!merged.ok) throw new Error(merged.conflicts[0]!.message);
    expect(plan4301(merged.budget).lines[1]!.cells.map((c) => [c.amount, c.scale ?? 1])).toEqual([
      [214_749_300, 1],
      [216_891_200, 1],
    ]);
    const off = budget([node('43.01', 'produktgruppe', [euroPrint({ '02': [2147493, 2169512] })])], {
      files: ['euro.txt'],
    });
    const conflict = mergeBudgets([teur, off]);
    expect(conflict.ok).toBe(false);
    if (conflict.ok) return;
    expect(conflict.conflicts.map((c) => c.message)).toEqual([
      'Teilergebnisplan 43.01, Zeile 02, Planung 2027: teur.txt, Zeile 2 nennt 2.169 T€, euro.txt, Zeile 1 nennt 2.169.512 €',
    ]);
  });
});

describe('exports of a plan printed in T€', () => {
  it('tidy CSV: writes the unit of every amount and reads it back to the same cells and findings', () => {
    const b = teurBudget();
    const csv = toTidyCsv(b);
    const lines = csv.split('\n');
    expect(lines[0]).toBe(TIDY_HEADER_WITH_UNIT);
    expect(lines).toContain(
      'gesamt,haushalt,gesamtergebnisplan,02,ansatz,2026,2263731.00,nrw-2019-gesamtergebnisplan,EUR',
    );
    expect(lines).toContain(
      '43.01,produktgruppe,teilergebnisplan,10,ansatz,2026,3863000.00,nrw-2019-teilergebnisplan,TEUR',
    );
    const back = importTidyCsv(csv, 'teur.csv');
    if (!back.ok) throw new Error(back.errors[0]!.message);
    expect(toTidyCsv(back.budget)).toBe(csv);
    expect(cells(back.budget)).toEqual(cells(b));
    expect(plan4301(back.budget).lines[0]!.cells[0]).toMatchObject({ decimals: 0, scale: 1000 });
    expect(summary(back.budget)).toEqual(summary(b));
    // a budget printed in euros throughout is written as before, without the column
    expect(toTidyCsv(inEuros(b)).split('\n')[0]).toBe(TIDY_HEADER);
  });

  it('tidy CSV: names a wrong unit or a row without it, with the line', () => {
    const text = `${TIDY_HEADER_WITH_UNIT}\n43,produktbereich,teilergebnisplan,02,ansatz,2026,2264000.00,nrw-2019-teilergebnisplan,TSD\n43,produktbereich,teilergebnisplan,10,ansatz,2026,2264000.00,nrw-2019-teilergebnisplan\n`;
    const r = importTidyCsv(text, 'x.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      '2: Einheit „TSD“ in Spalte printed_in unbekannt (erwartet: EUR oder TEUR)',
      `3: 8 Felder gefunden, erwartet 9 (${TIDY_HEADER_WITH_UNIT})`,
    ]);
  });

  it('German CSV: the amount in euros and a last column with the unit it was printed in', async () => {
    const out = await exportBudget(teurBudget(), 'csv');
    if (out.type !== 'text') throw new Error('text expected');
    const rows = out.text.replace(/^\uFEFF/u, '').split('\r\n');
    expect(rows[0]).toBe([...CSV_HEADER, CSV_UNIT_HEADER].join(';'));
    expect(
      rows.find((r) => r.includes('=""43.01""') && r.includes(';Ordentliche Erträge;Ansatz;2026;')),
    ).toMatch(/;3863000,00;T€$/u);
    expect(
      rows.find((r) => r.startsWith('Haushalt;') && r.includes(';Ordentliche Erträge;Ansatz;2026;')),
    ).toMatch(/;4046607,00;€$/u);
  });

  it('XLSX: euros as values, shown in thousands with T€ where printed so', async () => {
    const out = await exportBudget(teurBudget(), 'xlsx');
    if (out.type !== 'bytes') throw new Error('bytes expected');
    const r = readWorkbook(out.bytes);
    if (!r.ok) throw new Error(r.message);
    const find = (sheet: string, code: string, line: string) =>
      r.sheets
        .find((s) => s.name === sheet)!
        .rows.find((row) => row[0]?.type === 'string' && row[0].value === code && row[1]?.value === line)!;
    const teur = find('Teilergebnispläne', '43.01', '10')[3]!;
    expect(teur).toMatchObject({ type: 'number', value: '3863000' });
    expect(teur.style.numFmt).toBe(THOUSAND_FORMAT);
    expect(find('Gesamtpläne', 'gesamt', '10')[3]!.style.numFmt).toBe(EURO_FORMAT);
  });

  it('JSON: every amount says its scale, valid against the schema', () => {
    const json = toJsonObject(teurBudget());
    expect(budgetJsonProblems(JSON.parse(JSON.stringify(json)))).toEqual([]);
    const node4301 = json.nodes.find((n) => n.code === '43.01')!;
    expect(node4301.plans[0]!.lines.find((l) => l.line === '10')!.amounts[0]).toEqual({
      kind: 'ansatz',
      year: 2026,
      decimals: 0,
      scale: 1000,
      cents: 386_300_000,
      eur: '3863000.00',
    });
    const gesamt = json.nodes.find((n) => n.code === 'gesamt')!;
    expect(gesamt.plans[0]!.lines[0]!.amounts[0]!.scale).toBe(1);
  });

  it('Fiscal Data Package: the column declared and valid, and the package read back with its units', async () => {
    const out = await exportBudget(teurBudget(), 'fdp');
    if (out.type !== 'directory') throw new Error('directory expected');
    expect(fdpProblems(out.files)).toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), 'haushalt-teur-fdp-'));
    for (const [name, text] of out.files) writeFileSync(path.join(dir, name), text);
    const back = await importFiles([dir]);
    if (!back.ok) throw new Error(back.errors[0]!.message);
    expect(cells(back.budget)).toEqual(cells(teurBudget()));
    expect(summary(back.budget)).toEqual(summary(teurBudget()));
  });
});

describe('showing a plan printed in T€', () => {
  it('book: "in T€" in the heading of every column, the amounts in thousands', () => {
    const html = planTable(plan4301(teurBudget()));
    expect(html.match(/<th class="n">[^<]*<br>\d{4}<br>in T€<\/th>/gu)).toHaveLength(2);
    expect(html).toContain(
      '<td class="nr">10</td><td class="label">Zeile 10</td><td class="n">3.863</td><td class="n">3.901</td>',
    );
    // the Gesamtergebnisplan in euros stays in euros
    const book = renderBookHtml(teurBudget());
    expect(book).toContain('<td class="n">4.046.607</td>');
    expect(book).toContain('in T€');
  });

  it('book: a column printed partly in euros is headed in euros, its T€ cells say T€', () => {
    const p = teurPlan({ '02': [2147, 2169], '10': [2147, 2169] });
    // line 02, Ansatz 2026 changed to an amount with cents (an edit): a euro cell among T€ cells
    const mixed: Plan = {
      ...p,
      lines: p.lines.map((l) =>
        l.line === '02'
          ? {
              ...l,
              cells: l.cells.map((c, i): Cell =>
                i === 0 ? { column: c.column, amount: 214_749_312, decimals: 2 } : c,
              ),
            }
          : l,
      ),
    };
    const html = planTable(mixed);
    expect(html).toContain('<th class="n">Ansatz<br>2026</th><th class="n">Planung<br>2027<br>in T€</th>');
    expect(html).toContain('<td class="n">2.147.493</td><td class="n">2.169</td>');
    expect(html).toContain('<td class="n">2.147 T€</td><td class="n">2.169</td>');
  });

  it('node view: tells each column’s unit and each cell’s scale', () => {
    const b = teurBudget();
    const n = b.nodes.find((x) => x.code === '43.01')!;
    const version = {
      id: 1,
      budgetId: 1,
      kind: 'haushalt',
      stage: 'entwurf',
      label: 'Entwurf',
      basedOn: null,
      closed: false,
      frozen: false,
      fachbereichEdit: false,
      publicRead: true,
      revision: 0,
      findingsRevision: 0,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: null,
    } satisfies VersionInfo;
    const view = nodeView(b, { node: n, rev: 0, cellRevs: {} }, version, undefined, NO_FINDINGS);
    const p = view.plans[0]!;
    expect(p.columns.map((c) => `${c.label} ${c.unit}`)).toEqual(['Ansatz 2026 T€', 'Planung 2027 T€']);
    expect(p.lines.find((l) => l.line === '10')!.cells[0]).toEqual({
      amount: 386_300_000,
      decimals: 0,
      scale: 1000,
      rev: 0,
    });
    const g = nodeView(b, { node: b.nodes[0]!, rev: 0, cellRevs: {} }, version, undefined, NO_FINDINGS);
    expect(g.plans[0]!.columns.map((c) => c.unit)).toEqual(['€', '€']);
  });
});
