/**
 * Plans of other Länder (issue 14): a small plan laid out by each Land's Muster (literal fixtures in
 * test/fixtures/laender/, a Gesamtergebnisplan and two Teilergebnispläne) is read with that Land's schemas, its
 * formulas and roll-ups hold, and the budget records its Land. The same plan with the Land's schemas removed
 * from the registry is refused with a message naming the closest schema and the lines that disagree: never
 * values on lines of another meaning (a Hessian plan whose numbers fit NRW, a Schleswig-Holstein Ergebnisplan
 * whose lines 22-24 are not NRW's).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { check } from '../src/core/check/index.js';
import { toTidyCsv } from '../src/exporters/tidy-csv.js';
import { mergeBudgets } from '../src/core/merge.js';
import type { Budget } from '../src/core/model.js';
import {
  SCHEMAS,
  lineByLabel,
  matchLabel,
  schemaById,
  schemaLine,
  selectSchema,
  selectedSchema,
  type LineSchema,
} from '../src/core/schema.js';
import type { ImportResult } from '../src/importers/types.js';
import { importText } from '../src/importers/text/index.js';
import { renderImportReport } from '../src/reports/import-report.js';
import {
  BW_KONTENRAHMEN,
  KONTENRAHMEN,
  mappingSchema,
  resolveAccount,
} from '../src/importers/accounts/mapping.js';
import { DATA, REPO_ROOT } from './paths.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/laender');

const fixture = (land: string): string => readFileSync(path.join(FIXTURES, `${land}.txt`), 'utf8');

/** Each fixture and the schemas its plans must be read with. */
const LAENDER = [
  { land: 'HE', prefix: 'he-2012-', name: 'Hessen' },
  { land: 'BW', prefix: 'bw-2009-', name: 'Baden-Württemberg' },
  { land: 'SH', prefix: 'sh-2012-', name: 'Schleswig-Holstein' },
  { land: 'NI', prefix: 'ni-2006-', name: 'Niedersachsen' },
  { land: 'BY', prefix: 'by-2007-', name: 'Bayern' },
  { land: 'SL', prefix: 'sl-2007-', name: 'Saarland' },
  { land: 'BB', prefix: 'bb-2008-', name: 'Brandenburg' },
  // two Teilergebnishaushalte, lines numbered „1.1“ … „3.7“, „2“, „4“, …; no Gesamtergebnishaushalt schema
  { land: 'SN', prefix: 'sn-2017-', name: 'Sachsen' },
] as const;

function budgetOf(r: ImportResult): Budget {
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line ?? ''}: ${e.message}`).join('\n'));
  const merged = mergeBudgets([r.budget]);
  if (!merged.ok) throw new Error(merged.conflicts.map((c) => c.message).join('\n'));
  return merged.budget;
}

/** The text importer with the registry holding no schema of the Land(s) given (a fresh module graph). */
async function importWithout(
  land: string | readonly string[],
  text: string,
  file: string,
): Promise<ImportResult> {
  const without = new Set(typeof land === 'string' ? [land] : land);
  vi.resetModules();
  vi.doMock('../src/core/schema-registry.js', async (importOriginal) => {
    const original = await importOriginal<typeof import('../src/core/schema-registry.js')>();
    const kept = (raw: unknown): boolean => !without.has((raw as { land?: string }).land ?? '');
    const ids = new Set(original.SCHEMA_DATA.filter(kept).map((s) => (s as LineSchema).id));
    return {
      SCHEMA_DATA: original.SCHEMA_DATA.filter(kept),
      ROLLUP_DATA: original.ROLLUP_DATA.filter((r) =>
        (r as { rollups: { from: string; to: string }[] }).rollups.every(
          (x) => ids.has(x.from) && ids.has(x.to),
        ),
      ),
    };
  });
  const text_ = await import('../src/importers/text/index.js');
  return text_.importText(text, file);
}

afterEach(() => {
  vi.doUnmock('../src/core/schema-registry.js');
  vi.resetModules();
});

describe('plans laid out by other Länder’s Muster', () => {
  for (const { land, prefix, name } of LAENDER) {
    it(`reads ${name} with its own schemas, formulas holding, Land recorded`, () => {
      const budget = budgetOf(importText(fixture(land.toLowerCase()), `${land.toLowerCase()}.txt`));
      const schemas = budget.nodes.flatMap((n) => n.plans.map((p) => p.schemaId));
      expect(schemas.length).toBeGreaterThan(0);
      expect(schemas.every((id) => id.startsWith(prefix))).toBe(true);
      expect(budget.land).toBe(land);
      const findings = check(budget);
      expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
      // correct documents: no label warnings, not even misprints, for the Muster's wordings
      expect(budget.notes.filter((n) => n.rule.startsWith('label-'))).toEqual([]);
      expect(renderImportReport(budget, findings)).toContain(`Land: ${name} (Schema`);
    });

    it(`refuses the ${name} plan when ${name}’s schemas are not known, naming what did not fit`, async () => {
      const r = await importWithout(land, fixture(land.toLowerCase()), `${land.toLowerCase()}.txt`);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const message = r.errors[0]!.message;
      expect(message).toContain('passen zu keinem bekannten Zeilenschema');
      expect(message).toMatch(/am nächsten kommt „[^“]+“ \([a-z0-9-]+, [A-Za-zäöüÄÖÜß-]+\)/u);
      expect(message).toMatch(/Zeile \S+ „[^“]+“ \((dort „[^“]+“|dort keine solche Zeile)/u);
      expect(message).not.toContain(name);
    });
  }

  it('never reads a Hessian plan with NRW lines, though its numbers 01-31 fit NRW', async () => {
    const text = fixture('he');
    const withHessen = budgetOf(importText(text, 'he.txt'));
    const teil = withHessen.nodes.find((n) => n.code === '01')!.plans[0]!;
    expect(teil.schemaId).toBe('he-2012-teilergebnisplan');
    expect(teil.lines.find((l) => l.line === '01')!.label).toBe('Privatrechtliche Leistungsentgelte');

    // without Brandenburg's schemas too: theirs (lines 01-09 as NRW's) would otherwise be the closest (refused too)
    const r = await importWithout(['HE', 'BB'], text, 'he.txt');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]!.message).toContain('nrw-2019-gesamtergebnisplan');
    expect(r.errors[0]!.message).toContain(
      'Zeile 01 „Privatrechtliche Leistungsentgelte“ (dort „Steuern und ähnliche Abgaben“',
    );
  });

  it('keeps the Schleswig-Holstein meaning of Ergebnisplan lines 22-24', async () => {
    const budget = budgetOf(importText(fixture('sh'), 'sh.txt'));
    const gesamt = budget.nodes.find((n) => n.code === 'gesamt')!.plans[0]!;
    const schema = schemaById(gesamt.schemaId)!;
    expect(schema.id).toBe('sh-2012-gesamtergebnisplan');
    expect(schemaLine(schema, '22')).toMatchObject({ label: 'Jahresergebnis', jahresergebnis: true });
    expect(schemaLine(schema, '23')!.label).toContain('Ausgleichsrücklage');
    expect(schemaLine(schema, '24')!.sum).toEqual(['22', '23']);

    // without Brandenburg's schemas too, whose lines 01-21 come closer still (refused as well: its line 26)
    const r = await importWithout(['SH', 'BB'], fixture('sh'), 'sh.txt');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // NRW knows the label of SH's line 18 as its own line 22: another numbering, refused
    expect(r.errors[0]!.message).toContain('die Bezeichnung gehört dort zu Zeile 22');
  });

  it('reads an Erläuterung to a Sachsen line by its decimal number, and checks its items against that line', () => {
    const lines = fixture('sn').split('\n');
    const end = lines.indexOf('', 20); // the blank line after the first Teilergebnishaushalt
    const withErlaeuterung = (fahrzeuge: string): string =>
      [
        ...lines.slice(0, end),
        '',
        'Erläuterungen',
        '',
        'Zu Zeile 3.3: Aufwendungen für Sach- und Dienstleistungen',
        '- Bewirtschaftung der Gebäude = 100.000 €',
        `- Fahrzeuge = ${fahrzeuge} €`,
        ...lines.slice(end),
      ].join('\n');
    const budget = budgetOf(importText(withErlaeuterung('50.000'), 'sn-erl.txt'));
    const node = budget.nodes.find((n) => n.erlaeuterungen.length > 0)!;
    expect(node.erlaeuterungen.map((e) => `${e.plan} ${e.line} ${e.items.length}`)).toEqual([
      'teilergebnisplan 3.3 2',
    ]);
    expect(check(budget).filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
    // the items 10.000 € off the line's Ansatz: found at line 3.3
    const off = budgetOf(importText(withErlaeuterung('60.000'), 'sn-erl.txt'));
    expect(
      check(off)
        .filter((f) => f.severity === 'warning' || f.severity === 'error')
        .map((f) => `${f.node} ${f.line}`),
    ).toEqual([`${node.code} 3.3`]);
  });

  it('reads the whole budget’s plans under the Land’s own titles (Ergebnishaushalt, Finanzhaushalt, Ergebnisplan)', () => {
    const cases = [
      ['he', 'Gesamtergebnisplan', 'Ergebnishaushalt'],
      ['ni', 'Gesamtergebnisplan', 'Ergebnishaushalt 2026'],
      ['by', 'Gesamtergebnisplan', 'Ergebnishaushalt'],
      ['sl', 'Gesamtergebnisplan', 'Ergebnishaushalt der Gemeinde Musterdorf'],
      ['sh', 'Gesamtergebnisplan', 'Ergebnisplan'],
      ['he-finanz', 'Gesamtfinanzplan', 'Finanzhaushalt'],
      ['ni-finanz', 'Gesamtfinanzplan', 'Finanzhaushalt für das Haushaltsjahr 2026'],
    ] as const;
    for (const [file, printed, own] of cases) {
      const text = fixture(file);
      expect(text, file).toMatch(new RegExp(`^${printed}\\b`, 'mu'));
      const before = budgetOf(importText(text, `${file}.txt`));
      const after = budgetOf(
        importText(text.replace(new RegExp(`^${printed}\\b.*$`, 'mu'), own), `${file}.txt`),
      );
      expect(toTidyCsv(after), `${file}: ${own}`).toBe(toTidyCsv(before));
      expect(
        after.nodes.some((n) => n.level === 'haushalt' && n.plans.length > 0),
        file,
      ).toBe(true);
    }
  });

  it('refuses a budget whose plans belong to two Länder', () => {
    const hessen = importText(fixture('he'), 'he.txt');
    const bayern = importText(fixture('by'), 'by.txt');
    if (!hessen.ok || !bayern.ok) throw new Error('fixtures do not import');
    // a Bavarian Produktbereich beside the Hessian ones: no node in common, only the Länder differ
    const bavarian = bayern.budget.nodes.find((n) => n.code === '01')!;
    const merged = mergeBudgets([hessen.budget, { ...bayern.budget, nodes: [{ ...bavarian, code: '09' }] }]);
    expect(merged.ok).toBe(false);
    if (merged.ok) return;
    expect(merged.conflicts[0]!.message).toContain('verschiedenen Ländern: Hessen');
  });
});

/** Finanzhaushalte of other Länder: a Gesamtfinanzplan laid out by the Land's numbering and the schema it needs. */
const FINANZ = [
  { land: 'NI', file: 'ni-finanz', schema: 'ni-2017-gesamtfinanzplan', name: 'Niedersachsen' },
  { land: 'HE', file: 'he-finanz', schema: 'he-2019-gesamtfinanzplan', name: 'Hessen' },
] as const;

describe('Finanzhaushalte laid out by other Länder’s numbering', () => {
  for (const { land, file, schema, name } of FINANZ) {
    it(`reads the ${name} Finanzhaushalt with ${schema}, formulas holding, Land recorded`, () => {
      const budget = budgetOf(importText(fixture(file), `${file}.txt`));
      const plans = budget.nodes.flatMap((n) => n.plans);
      expect(plans.map((p) => p.schemaId)).toEqual([schema]);
      expect(plans[0]!.type).toBe('gesamtfinanzplan');
      expect(budget.land).toBe(land);
      const findings = check(budget);
      expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
      expect(budget.notes.filter((n) => n.rule.startsWith('label-'))).toEqual([]);
      expect(renderImportReport(budget, findings)).toContain(`Land: ${name} (Schema`);
    });

    it(`refuses the ${name} Finanzhaushalt when ${name}’s schemas are not known`, async () => {
      const r = await importWithout(land, fixture(file), `${file}.txt`);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const message = r.errors[0]!.message;
      expect(message).toContain('passen zu keinem bekannten Zeilenschema (Gesamtfinanzplan)');
      expect(message).toMatch(/am nächsten kommt „[^“]+“ \([a-z0-9-]+, [A-Za-zäöüÄÖÜß-]+\)/u);
      expect(message).not.toContain(name);
    });
  }

  it('tells the two Niedersachsen numberings apart by their labels (line 08 geringwertige Vermögensgegenstände until 2020)', () => {
    const old = schemaById('ni-2006-gesamtfinanzplan')!;
    const printed = old.lines.map((l) => ({ line: l.line, label: l.label }));
    expect(selectedSchema(selectSchema('gesamtfinanzplan', printed, 2019))?.id).toBe(old.id);
    expect(
      selectedSchema(
        selectSchema('gesamtfinanzplan', printed, 2019, [schemaById('ni-2017-gesamtfinanzplan')!]),
      ),
    ).toBeUndefined();
    const current = schemaById('ni-2017-gesamtfinanzplan')!;
    const now = current.lines.map((l) => ({ line: l.line, label: l.label }));
    expect(selectedSchema(selectSchema('gesamtfinanzplan', now, 2026))?.id).toBe(current.id);
    expect(selectedSchema(selectSchema('gesamtfinanzplan', now, 2026, [old]))).toBeUndefined();
  });

  it('tells the Hessian Finanzhaushalt before and after the Hessenkasse apart (line 30 onwards)', () => {
    const before = schemaById('he-2012-gesamtfinanzplan')!;
    const after = schemaById('he-2019-gesamtfinanzplan')!;
    expect(schemaLine(before, '30')!.label).toBe(
      'Einzahlungen aus der Aufnahme von Krediten für Investitionen',
    );
    expect(schemaLine(after, '31')!.label).toBe(
      'Einzahlungen aus der Aufnahme von Krediten für Investitionen',
    );
    const printed = before.lines.map((l) => ({ line: l.line, label: l.label }));
    expect(selectedSchema(selectSchema('gesamtfinanzplan', printed, 2017))?.id).toBe(before.id);
    expect(selectedSchema(selectSchema('gesamtfinanzplan', printed, 2017, [after]))).toBeUndefined();
  });
});

describe('choosing a schema by its labels', () => {
  const nrwTeil = schemaById('nrw-2019-teilergebnisplan')!;
  const he = schemaById('he-2012-teilergebnisplan')!;

  it('takes the candidates it is given and refuses when none fits', () => {
    const printed = he.lines.map((l) => ({ line: l.line, label: l.label }));
    expect(selectedSchema(selectSchema('teilergebnisplan', printed, 2026))?.id).toBe(he.id);
    const nrwOnly = SCHEMAS.filter((s) => s.land === 'NW');
    const refused = selectSchema('teilergebnisplan', printed, 2026, nrwOnly);
    expect('refusal' in refused && refused.refusal.closest?.id).toBe('nrw-2019-teilergebnisplan');
    expect('refusal' in refused && refused.refusal.disagreeing.length).toBeGreaterThan(20);
  });

  it('reads plans printed without labels (tidy CSV) by their numbers, NRW first', () => {
    const printed = ['01', '10', '29'].map((line) => ({ line, label: '' }));
    expect(selectedSchema(selectSchema('teilergebnisplan', printed, 2026))?.id).toBe(nrwTeil.id);
  });

  it('forgives one odd wording but not a plan whose labels belong to other numbers', () => {
    const line = (n: string): string => schemaLine(nrwTeil, n)!.label;
    const odd = [
      { line: '13', label: 'Aufwendungen für IT-Dienstleistungen' },
      { line: '14', label: line('14') },
    ];
    expect(selectedSchema(selectSchema('teilergebnisplan', odd, 2026))?.id).toBe(nrwTeil.id);
    const shifted = [
      { line: '10', label: line('10') },
      { line: '11', label: line('11') },
      { line: '12', label: line('13') },
    ];
    expect(selectedSchema(selectSchema('teilergebnisplan', shifted, 2026, [nrwTeil]))).toBeUndefined();
  });
});

describe('ordinary abbreviations and wordings of printed plans', () => {
  const nrw = schemaById('nrw-2019-teilergebnisplan')!;
  const nrwFin = schemaById('nrw-2019-teilfinanzplan')!;
  const sh = schemaById('sh-2012-gesamtergebnisplan')!;
  const sn = schemaById('sn-2017-teilergebnisplan')!;
  const cases: readonly [LineSchema, string, string][] = [
    [nrw, '22', 'Ergebnis der lfd. Verw.-tätigkeit'],
    [nrw, '22', 'Ergebnis der lfd. Verwaltungstätigkeit'],
    [nrw, '13', 'Aufw. für Sach- und Dienstleistungen'],
    [nrw, '28', 'Aufw. aus internen Leistungsbeziehungen'],
    [nrw, '20', 'Zinsen und sonst. Finanzaufw.'],
    [nrw, '30', 'glob. Minderaufw.'],
    [nrw, '29', 'Jahresergebnis'],
    [nrw, '18', '= Ordentliches Ergebnis (= Zeilen 10 und 17)'],
    [nrw, '06', 'Kostenerstattungen und -umlagen'],
    [nrwFin, '17', 'Saldo aus lfd. Verwaltungstätigkeit'],
    [sh, '22', '= Jahresergebnis (= Zeilen 18 und 21)'],
    [sh, '18', '= Ergebnis der laufenden Verwaltungstätigkeit (=Zeilen 10 / 17)'],
    [sh, '09', '+ / - Bestandveränderungen'],
    [sh, '06', '+ Kostenerstattungen u. Kostenumlagen'],
    [
      sn,
      '05',
      '= anteiliges ordentliches Ergebnis (veranschlagter Aufwands-/Ertragsüberschuss, Nr. 2 ./. Nr. 4)',
    ],
    [sn, '10', '= anteiliger veranschlagter Nettoressourcenbedarf/-überschuss (Nummer 5 + 9)'],
  ];
  for (const [schema, line, printed] of cases) {
    it(`${schema.id} ${line}: „${printed}“ is the line's label`, () => {
      expect(matchLabel(printed, schemaLine(schema, line)!)).toEqual({ kind: 'exact' });
    });
  }

  it('keeps a parenthesis that names something', () => {
    expect(
      matchLabel(
        'Ergebnis der laufenden Verwaltungstätigkeit (ordentliches Ergebnis)',
        schemaLine(nrw, '18')!,
      ),
    ).toEqual({ kind: 'exact' });
    expect(matchLabel('Ergebnis der laufenden Verwaltungstätigkeit', schemaLine(nrw, '18')!).kind).toBe(
      'different',
    );
  });
});

describe('published data of other Länder (shared/data/offenerhaushalt)', () => {
  /** The distinct non-empty values of one column of a published CSV. */
  function column(file: string, name: string): string[] {
    const rows = parse<Record<string, string>>(
      readFileSync(path.join(DATA, 'offenerhaushalt', file), 'utf8'),
      {
        columns: true,
      },
    );
    return [...new Set(rows.map((r) => r[name] ?? ''))].filter((v) => v !== '');
  }

  it('Frankfurt: every line group („Gruppierung“) is a line of the Hessian Teilergebnishaushalt by its label', () => {
    const he = schemaById('he-2012-teilergebnisplan')!;
    const groups = column('frankfurt/frankfurt-enriched.csv', 'Gruppierung Bezeichnung');
    const unmatched = groups.filter((g) => !lineByLabel(he, g));
    // kalkulatorische Kosten und Erlöse are cost accounting, not lines of the Muster
    expect(unmatched.sort()).toEqual(['kalkulatorische Erlöse', 'kalkulatorische Kosten']);
    expect(lineByLabel(he, 'Abschreibungen')!.line).toBe('14');
  });

  it('Karlsruhe: every title is a line of the Baden-Württemberg Ergebnishaushalt, and its account maps there too', () => {
    const bw = schemaById('bw-2009-gesamtergebnisplan')!;
    for (const title of column('karlsruhe-2017/gesamtergebnishaushalt-2017-2018_clean.csv', 'TITEL')) {
      const [label, account] = title.split(/:\s*/u);
      const line = lineByLabel(bw, label!);
      expect(line, title).toBeDefined();
      const konto = /^\d{8}/u.exec(account ?? '')?.[0];
      if (konto) expect(resolveAccount(BW_KONTENRAHMEN, konto), title).toMatchObject({ line: line!.line });
    }
  });

  it('the shipped account mappings name lines of their schemas', () => {
    for (const m of KONTENRAHMEN) {
      for (const e of m.entries) {
        expect(
          schemaLine(schemaById(mappingSchema(m, e.plan))!, e.line),
          `${m.id} ${e.prefix}`,
        ).toBeDefined();
      }
    }
  });
});
