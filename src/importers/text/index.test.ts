import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REFERENCE } from '../../../test/paths.js';
import type { Budget, BudgetNode, Cell } from '../../core/model.js';
import { importText } from './index.js';

const text = readFileSync(REFERENCE, 'utf8');
const FILE = 'kreis-coesfeld-2026-pb43.txt';

function imported(t = text): Budget {
  const r = importText(t, FILE);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.budget;
}

function node(b: Budget, code: string): BudgetNode {
  const n = b.nodes.find((x) => x.code === code);
  if (!n) throw new Error(`no node ${code}`);
  return n;
}

function amount(
  b: Budget,
  code: string,
  plan: string,
  line: string,
  kind: string,
  year: number,
): number | undefined {
  const p = node(b, code).plans.find((x) => x.type === plan);
  const l = p?.lines.find((x) => x.line === line);
  return l?.cells.find((c: Cell) => c.column.kind === kind && c.column.year === year)?.amount;
}

function errorsOf(t: string): { line?: number; message: string }[] {
  const r = importText(t, 'x.txt');
  return r.ok ? [] : [...r.errors];
}

describe('text importer on the reference document', () => {
  const b = imported();

  it('builds the hierarchy Produktbereich → Produktgruppe → Produkt', () => {
    expect(b.nodes.map((n) => [n.code, n.level, n.parent ?? null])).toEqual([
      ['43', 'produktbereich', null],
      ['43.01', 'produktgruppe', '43'],
      ['43.01.01', 'produkt', '43.01'],
      ['43.01.02', 'produkt', '43.01'],
      ['43.03', 'produktgruppe', '43'],
      ['43.03.01', 'produkt', '43.03'],
    ]);
    expect(node(b, '43.01').name).toBe('Kommunales Integrationszentrum');
    expect(b.title).toBe('Kreishaushalt');
    expect(b.year).toBe(2026);
  });

  it('reads every table cell exactly, with its source line', () => {
    const cells = b.nodes.flatMap((n) => [
      ...n.plans.flatMap((p) => p.lines.flatMap((l) => l.cells)),
      ...(n.investitionen?.rows ?? []).flatMap((r) => (r.type === 'group' ? [] : r.cells)),
    ]);
    expect(cells).toHaveLength(3 * (31 * 6 + 32 * 7) + 2 * 9);
    expect(amount(b, '43', 'teilergebnisplan', '02', 'ergebnis', 2024)).toBe(214_799_300);
    expect(amount(b, '43.01', 'teilergebnisplan', '13', 'ansatz', 2026)).toBe(-54_215_000);
    expect(amount(b, '43.03', 'teilfinanzplan', '26', 'ansatz', 2025)).toBe(-678_000);
    expect(amount(b, '43', 'teilfinanzplan', '32', 'planung', 2029)).toBe(-100_469_900);
    expect(amount(b, '43', 'teilfinanzplan', '10', 've', 2026)).toBe(0);
    const line13 = node(b, '43.01').plans[0]!.lines.find((l) => l.line === '13')!;
    expect(line13.source).toEqual({ file: FILE, line: 95 });
    expect(line13.cells[0]!.source).toEqual({ file: FILE, line: 95 });
    expect(cells.every((c) => c.decimals === 0)).toBe(true);
  });

  it('keeps misprinted labels as printed and reports them', () => {
    const line29 = node(b, '43').plans[0]!.lines.find((l) => l.line === '29')!;
    expect(line29.label).toBe('Tellergebnis');
    const misprints = b.notes.filter((n) => n.rule === 'label-misprint');
    expect(misprints).toHaveLength(9);
    expect(misprints.map((n) => n.line).sort()).toEqual([
      '08',
      '08',
      '08',
      '29',
      '29',
      '29',
      '31',
      '31',
      '31',
    ]);
    expect(b.notes.filter((n) => n.severity === 'warning')).toEqual([]);
  });

  it('reads every Erläuterung item as data', () => {
    const erl = node(b, '43.01').erlaeuterungen;
    expect(erl.map((e) => `${e.plan}:${e.line ?? '-'}`)).toEqual([
      'teilergebnisplan:-',
      'teilergebnisplan:02',
      'teilergebnisplan:13',
      'teilergebnisplan:15',
      'teilergebnisplan:16',
      'teilfinanzplan:02',
    ]);
    const z13 = erl[2]!;
    expect(z13.title).toBe('Aufwendungen für Sach- und Dienstleistungen');
    expect(z13.items.map((i) => i.letter).join('')).toBe('abcdefghijklmno');
    expect(z13.items.reduce((s, i) => s + (i.amount ?? 0), 0)).toBe(53_600_000);
    expect(z13.items[1]).toMatchObject({
      letter: 'b',
      text: 'Sachkosten Dolmetscherinstitute',
      amount: 10_000_000,
      previous: { kind: 'ansatz', year: 2025, unchanged: true, amount: 10_000_000 },
    });
    expect(z13.items[4]).toMatchObject({
      text: 'Projekt "Mercator/Uni Münster"',
      amount: 5_000_000,
      previous: { kind: 'ansatz', year: 2025, unchanged: false, amount: 6_900_000 },
      reason:
        'Ansatzreduzierung aufgrund geringerer Kosten für die Begleitstelle bei der Universität Münster',
    });
    // the previous year's parenthesis printed on the next line
    expect(z13.items[5]).toMatchObject({
      amount: 7_100_000,
      reason: 'Mehrbedarf aufgrund des Lehrermangels',
    });
    // "s. Buchstabe f)" inside the parenthesis does not close it
    expect(z13.items[7]!.reason).toBe('Ansatzkürzung zugunsten der Deutschsprachförderung, s. Buchstabe f)');
    expect(z13.items[7]!.remark).toBeUndefined();
    expect(z13.closing).toEqual([
      'Bei dem noch übrigen Aufwandsaufkommen handelt es sich um Aufwendungen, die im Zusammenhang mit einem Fahrzeug anfallen.',
    ]);
  });

  it('is not split by page headers inside an entry', () => {
    const z02 = node(b, '43.01').erlaeuterungen[1]!;
    expect(z02.items.map((i) => i.letter)).toEqual(['a', 'b', 'c', 'd']);
    expect(z02.items[0]!.text).toBe(
      'Förderung gem. Förderrichtlinie für Kommunale Integrationszentren (Grundbetrag)',
    );
    expect(z02.items[3]).toMatchObject({ amount: 30_000_000, previous: { amount: 31_400_000 } });
    expect(z02.closing).toEqual([
      'Bei dem noch verbleibenden Ertragsaufkommen handelt es sich um Erträge aus der Auflösung von Sonderposten.',
    ]);
    const tfp = node(b, '43.01').erlaeuterungen[5]!;
    expect(tfp.title).toBe('Zuwendungen und allgemeine Umlagen');
    const z02b = node(b, '43.03').erlaeuterungen.find(
      (e) => e.line === '02' && e.plan === 'teilergebnisplan',
    )!;
    expect(z02b.closing[0]).toMatch(
      /über die Nutzungsdauer des Vermögensgegenstandes ertragswirksam aufzulösen sind\.$/u,
    );
    const all = b.nodes.flatMap((n) =>
      n.erlaeuterungen.flatMap((e) => [...e.intro, ...e.closing, ...e.items.map((i) => i.raw)]),
    );
    expect(all.some((t) => t.includes('Kreishaushalt'))).toBe(false);
  });

  it('reads items without letters, "in Höhe von" amounts and stated amounts', () => {
    const erl = node(b, '43.03').erlaeuterungen;
    const z02 = erl.find((e) => e.line === '02' && e.plan === 'teilergebnisplan')!;
    expect(z02.items.map((i) => [i.letter ?? null, i.amount])).toEqual([
      [null, 10_000_000],
      [null, 1_500_000],
      [null, 4_500_000],
    ]);
    expect(z02.items[0]!.remark).toMatch(/^Hierbei handelt es sich um gemeinsame Fördermittel/u);
    const z06 = erl.find((e) => e.line === '06')!;
    expect(z06.items).toEqual([]);
    expect(z06.stated).toMatchObject([{ amount: 7_986_800, previous: { year: 2025, amount: 7_261_000 } }]);
    const items = b.nodes.flatMap((n) => n.erlaeuterungen.flatMap((e) => e.items));
    expect(items).toHaveLength(32);
    expect(items.every((i) => i.amount !== undefined && i.previous !== undefined)).toBe(true);
  });

  it('reads Produktbeschreibungen with lists kept as lists', () => {
    const fields = (code: string): string[] => node(b, code).beschreibung!.fields.map((f) => f.name);
    const expected = [
      'Pflichtaufgaben',
      'Freiwillige Aufgaben',
      'Verantwortlich',
      'Beschreibung',
      'Auftragsgrundlage',
      'Zielgruppen',
      'Ziele',
    ];
    expect(fields('43.01.01')).toEqual(expected);
    expect(fields('43.01.02')).toEqual(expected);
    expect(fields('43.03.01')).toEqual(expected);
    const ziele = node(b, '43.01.02').beschreibung!.fields[6]!;
    expect(ziele.blocks.map((x) => x.type)).toEqual([
      'paragraph',
      'list',
      'paragraph',
      'list',
      'paragraph',
      'list',
    ]);
    const pflicht = node(b, '43.01.01').beschreibung!.fields[0]!;
    expect(pflicht.blocks).toEqual([{ type: 'paragraph', text: 'Nein' }]);
    const beschreibung = node(b, '43.03.01').beschreibung!.fields[3]!;
    const lists = beschreibung.blocks.filter((x) => x.type === 'list');
    expect(lists.map((l) => l.items.length)).toEqual([8, 3, 4]);
    expect(lists[1]!.items.map((i) => i.marker)).toEqual(['a)', 'b)', 'c)']);
  });

  it('reads Kennzahlen with decimal commas and footnotes', () => {
    const [table] = node(b, '43.03.01').kennzahlen;
    expect(table!.title).toBe('Grundzahlen');
    expect(table!.columns.map((c) => `${c.kind} ${c.year}`)).toEqual([
      'ist 2024',
      'planwert 2025',
      'planwert 2026',
      'planwert 2027',
      'planwert 2028',
      'planwert 2029',
    ]);
    expect(table!.rows.map((r) => [r.label, r.footnote ?? null, r.values.map((v) => v.value)])).toEqual([
      ['Zahl der Stellen', '*)', ['6.75', '6.75', '7.25', '7.25', '7.25', '7.25']],
      [
        'Veranstaltungen und Sitzungen der Gremien im RBN (RBB, zdi, KAoA)',
        null,
        ['156', '100', '100', '100', '100', '100'],
      ],
    ]);
    expect(table!.footnotes).toHaveLength(1);
    const block = table!.footnotes[0]!.blocks[0]!;
    expect(block.type === 'list' ? block.items.length : 0).toBe(6);
  });

  it('reads the investment table with its threshold group', () => {
    const inv = node(b, '43.03').investitionen!;
    expect(inv.columns.map((c) => `${c.kind} ${c.year}`)).toEqual([
      'ergebnis 2024',
      'ansatz 2025',
      'ansatz 2026',
      've 2026',
      'planung 2027',
      'planung 2028',
      'planung 2029',
      'bisher 2025',
      'gesamt 2029',
    ]);
    expect(inv.rows[0]).toMatchObject({ type: 'group', threshold: 10_000_000, below: true });
    expect(inv.rows[1]).toMatchObject({
      type: 'measure',
      number: '430125MINT',
      name: 'Ausstattung/Geräte MINT- Werkstatt',
    });
    expect(inv.rows[2]).toMatchObject({ type: 'line', line: '26' });
  });
});

describe('investments whose table begins at the end of a page', () => {
  it('keep the group heading printed under the first header, above the header repeated on the next page', () => {
    const header = 'Nr.\tBezeichnung\tErgebnis 2024\tAnsatz 2025\tAnsatz 2026\tPlanung 2027';
    const doc = [
      'Investitionen Produktgruppe 36.01 Rettungsdienst',
      // the first header as a PDF gives it when no row follows on its page: words without columns
      'Ergebnis Ansatz Ansatz Planung',
      'Nr. Bezeichnung',
      '2024 2025 2026 2027',
      'Maßnahmen unterhalb der Wertgrenze',
      '(Auszahlung < 100.000 EUR)',
      header,
      '360126GRST Grundstückserwerb Bahnhof\t-11.726\t0\t-41.804\t0',
      '24 Auszahlungen für den Erwerb v. Grundstücken u. Gebäuden\t-11.726\t0\t-41.804\t0',
    ].join('\n');
    const r = importText(doc, 'seitenende.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    const rows = r.budget.nodes[0]!.investitionen!.rows;
    expect(rows[0]).toMatchObject({
      type: 'group',
      label: 'Maßnahmen unterhalb der Wertgrenze (Auszahlung < 100.000 EUR)',
      threshold: 10_000_000,
      below: true,
      source: { line: 5 },
    });
    expect(rows.slice(1).map((x) => x.type)).toEqual(['measure', 'line']);
  });

  it('take nothing from the lines above the header when none is a group heading', () => {
    const doc = [
      'Investitionen Produktgruppe 36.01 Rettungsdienst',
      'Ergebnis Ansatz Ansatz Planung',
      'Nr. Bezeichnung',
      'Nr.\tBezeichnung\tErgebnis 2024\tAnsatz 2025\tAnsatz 2026\tPlanung 2027',
      '360126GRST Grundstückserwerb Bahnhof\t-11.726\t0\t-41.804\t0',
    ].join('\n');
    const r = importText(doc, 'ohne-gruppe.txt');
    if (!r.ok) throw new Error(r.errors[0]!.message);
    expect(r.budget.nodes[0]!.investitionen!.rows.map((x) => x.type)).toEqual(['measure']);
  });
});

describe('investments continued with the later years or printed without line numbers', () => {
  const first = 'Nr.\tBezeichnung\tErgebnis 2024\tAnsatz 2025';
  const later = 'Nr.\tBezeichnung\tPlanung 2026\tPlanung 2027';
  const line26 = '26 Auszahlungen für den Erwerb v. bew. Anlagevermögen';
  const imported = (lines: readonly string[]): Budget => {
    const r = importText(
      ['Investitionen Produktgruppe 01.01 Finanzservice', first, ...lines].join('\n'),
      'inv.txt',
    );
    if (!r.ok) throw new Error(r.errors[0]!.message);
    return r.budget;
  };

  it('match each row of the later years with its own row, the first years printed again starting anew', () => {
    const budget = imported([
      'OBERHALB Investition (Auszahlung >= 100.000 EUR)',
      '010526BRS Brandschutz\t-5\t-6',
      `${line26}\t-5\t-6`,
      later,
      'OBERHALB Investition (Auszahlung >= 100.000 EUR)',
      '010526BRS Brandschutz\t-7\t-8',
      `${line26}\t-7\t-8`,
      // the next page: the first years of the following rows, then their later years
      first,
      'UNTERHALB Investition (Auszahlung < 100.000 EUR)',
      '010126GEB Erwerb Gebäude\t-1\t-2',
      `${line26}\t-1\t-2`,
      later,
      '010126GEB Erwerb Gebäude\t-3\t-4',
      `${line26}\t-3\t-4`,
    ]);
    const rows = budget.nodes[0]!.investitionen!.rows;
    expect(
      rows.map((x) =>
        x.type === 'group'
          ? x.label
          : `${x.type === 'line' ? x.line : x.number} ${x.cells.map((c) => c.amount / 100).join(' ')}`,
      ),
    ).toEqual([
      'OBERHALB Investition (Auszahlung >= 100.000 EUR)',
      '010526BRS -5 -6 -7 -8',
      '26 -5 -6 -7 -8',
      'UNTERHALB Investition (Auszahlung < 100.000 EUR)',
      '010126GEB -1 -2 -3 -4',
      '26 -1 -2 -3 -4',
    ]);
  });

  it('tell a line printed without its number by its label in the Teilfinanzplan schema', () => {
    const budget = imported([
      '010526BRS Brandschutz\t-5\t-6',
      'Auszahlungen für Baumaßnahmen\t-5\t-6',
      'Neue Feuerwache\t-1\t-1',
    ]);
    expect(budget.nodes[0]!.investitionen!.rows).toMatchObject([
      { type: 'measure', number: '010526BRS' },
      { type: 'line', line: '25', label: 'Auszahlungen für Baumaßnahmen' },
    ]);
    // a row that is neither is reported, its amounts outside the plans
    expect(budget.notes.some((n) => n.rule === 'skipped-row' && n.message.includes('Neue Feuerwache'))).toBe(
      true,
    );
  });
});

describe('text importer on bad input', () => {
  const lines = text.split('\n');
  const replaceLine = (no: number, f: (l: string) => string): string =>
    lines.map((l, i) => (i === no - 1 ? f(l) : l)).join('\n');

  it('rejects an empty file and text that is no plan', () => {
    expect(errorsOf('')[0]!.message).toMatch(/leer/u);
    expect(errorsOf('  \n\n')[0]!.message).toMatch(/leer/u);
    expect(errorsOf('Hallo Welt\nnoch eine Zeile')[0]!.message).toMatch(/Kein Haushaltsplan erkannt/u);
  });

  it('reports a malformed number at its place and takes everything else', () => {
    const changed = replaceLine(9, (l) => l.replace('2.147.993', '1.23.4'));
    expect(errorsOf(changed)).toEqual([]);
    const b = imported(changed);
    const found = b.notes.filter((n) => n.severity === 'error');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'unreadable-amount',
      node: '43',
      plan: 'teilergebnisplan',
      line: '02',
      source: { file: FILE, line: 9 },
    });
    expect(found[0]!.message).toContain('„1.23.4“');
    expect(found[0]!.message).toContain('Ergebnis 2024');
    // only that cell is missing
    const before = imported();
    const cells = (x: Budget) =>
      x.nodes.flatMap((n) => n.plans.flatMap((p) => p.lines.flatMap((l) => l.cells)));
    expect(cells(b)).toHaveLength(cells(before).length - 1);
    expect(amount(b, '43', 'teilergebnisplan', '02', 'ergebnis', 2024)).toBeUndefined();
    expect(amount(b, '43', 'teilergebnisplan', '02', 'ansatz', 2025)).toBe(
      amount(before, '43', 'teilergebnisplan', '02', 'ansatz', 2025),
    );
  });

  it('names the line of a row with a missing column', () => {
    const errors = errorsOf(replaceLine(9, (l) => l.split('\t').slice(0, -1).join('\t')));
    expect(errors[0]).toMatchObject({ line: 9 });
    expect(errors[0]!.message).toMatch(/5 Beträge gefunden, erwartet 6/u);
  });

  it('reports a truncated document', () => {
    const cut = lines.slice(0, 30).join('\n');
    const errors = errorsOf(cut);
    expect(errors[0]!.message).toMatch(/Tabelle unvollständig: Zeilen 24, 25, .* fehlt/u);
    expect(errors[0]!.line).toBe(30);
    const midRow = `${lines.slice(0, 20).join('\n')}\n${lines[20]!.slice(0, 30)}`;
    expect(errorsOf(midRow)[0]!.line).toBe(21);
  });

  it('reports shuffled rows and duplicated rows', () => {
    const swapped = [...lines];
    [swapped[9], swapped[12]] = [swapped[12]!, swapped[9]!];
    const errors = errorsOf(swapped.join('\n'));
    expect(errors.some((e) => /aufsteigende/u.test(e.message))).toBe(true);
    const dup = [...lines];
    dup.splice(10, 0, lines[9]!);
    expect(errorsOf(dup.join('\n')).some((e) => /doppelt/u.test(e.message) && e.line === 11)).toBe(true);
  });

  it('rejects a header it cannot read', () => {
    const errors = errorsOf(replaceLine(7, (l) => l.replace('Ansatz 2025', 'Spalte X')));
    expect(errors[0]).toMatchObject({ line: 7 });
    expect(errors[0]!.message).toContain('Spaltenkopf „Spalte X“ nicht erkannt');
  });

  it('handles a 50 MB document without a plan in it', () => {
    const big = 'Dies ist keine Tabelle, nur Text.\n'.repeat(1_500_000);
    expect(big.length).toBeGreaterThan(50_000_000);
    expect(errorsOf(big)[0]!.message).toMatch(/Kein Haushaltsplan erkannt/u);
  });

  it('never throws, whatever the document (property)', () => {
    const mutation = fc.oneof(
      fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
      fc.record({ op: fc.constant('replace' as const), at: fc.nat(), with: fc.string({ maxLength: 40 }) }),
      fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        let ls = [...lines];
        for (const m of mutations) {
          const at = m.at % Math.max(1, ls.length);
          if (m.op === 'delete') ls.splice(at, 1);
          else if (m.op === 'duplicate') ls.splice(at, 0, ls[at] ?? '');
          else if (m.op === 'swap') {
            const to = m.to % Math.max(1, ls.length);
            [ls[at], ls[to]] = [ls[to] ?? '', ls[at] ?? ''];
          } else if (m.op === 'replace') ls[at] = m.with;
          else ls = ls.slice(0, at);
        }
        const r = importText(ls.join('\n'), 'x.txt');
        if (!r.ok) {
          for (const e of r.errors) {
            expect(e.message.length).toBeGreaterThan(10);
            if (e.line !== undefined) expect(e.line).toBeLessThanOrEqual(ls.length + 1);
          }
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        importText(s, 'x.txt');
      }),
      { numRuns: 300 },
    );
  });
});
