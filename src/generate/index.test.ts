import { describe, expect, it } from 'vitest';
import { check } from '../core/check/index.js';
import { roundToEuro, wholeEuroCents, type Cents } from '../core/money.js';
import { schemaById } from '../core/schema.js';
import { toTidyCsv } from '../exporters/tidy-csv.js';
import { importText } from '../importers/text/index.js';
import { importTidyCsv } from '../importers/tidy-csv/index.js';
import { share } from './budget.js';
import { allNodes, generateBudget, generateBudgetData, type GeneratedNode } from './index.js';

const TE = schemaById('nrw-2019-teilergebnisplan')!;
const TF = schemaById('nrw-2019-teilfinanzplan')!;
const HALF_EURO = 50;
const TITLE =
  /^(Teilergebnisplan|Teilfinanzplan|Investitionen|Produktbeschreibung) (Produktbereich|Produktgruppe|Produkt) (\S+) /u;

/** One printed table of the generated text, read here without the importer. */
interface Printed {
  readonly kind: string;
  readonly code: string;
  readonly header: readonly string[];
  /** Label cell(s) → amounts in cents, for plan and investment tables. */
  readonly rows: readonly { readonly label: string; readonly cells: readonly Cents[] }[];
}

function cents(text: string): Cents {
  const c = wholeEuroCents(text);
  if (Number.isNaN(c)) throw new Error(`not a whole-euro amount: ${text}`);
  return c;
}

/** Plan and investment tables by section, in document order. */
function printedTables(text: string): Printed[] {
  const lines = text.split('\n');
  const out: Printed[] = [];
  let kind = '';
  let code = '';
  for (let i = 0; i < lines.length; i++) {
    const t = TITLE.exec(lines[i]!);
    if (t) {
      kind = t[1]!;
      code = t[3]!;
      continue;
    }
    if (!lines[i]!.startsWith('Nr.')) continue;
    const header = lines[i]!.split('\t');
    const rows: { label: string; cells: Cents[] }[] = [];
    for (i++; i < lines.length && lines[i]!.includes('\t'); i++) {
      const cells = lines[i]!.split('\t');
      if (cells.slice(1).every((c) => c === '')) continue; // OBERHALB/UNTERHALB
      const plan = kind !== 'Investitionen';
      rows.push({ label: cells[0]!, cells: cells.slice(plan ? 2 : 1).map(cents) });
    }
    out.push({ kind, code, header, rows });
  }
  return out;
}

function planRows(p: Printed): Map<string, readonly Cents[]> {
  return new Map(p.rows.map((r) => [r.label, r.cells]));
}

/** The running text of each Teilergebnisplan section of a Produktgruppe, without the repeated page heads. */
function ergebnisTexts(text: string, header = 'Stadthaushalt'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  let title = '';
  for (const line of text.split('\n')) {
    const t = TITLE.exec(line);
    if (t) {
      if (line === title) continue; // page break
      title = line;
      current = t[1] === 'Teilergebnisplan' && t[2] === 'Produktgruppe' ? [] : undefined;
      if (current) out.set(t[3]!, current);
      continue;
    }
    if (current && line !== header && !line.includes('\t') && line !== '') current.push(line);
  }
  return out;
}

interface Item {
  readonly line: string;
  readonly amount: number;
  readonly previous: number;
}

/** Erläuterung items ("- a) … = 12.345 € (= Ansatz 2025)"), an item wrapped over two lines joined. */
function items(texts: readonly string[], previousYear: number): Item[] {
  const out: Item[] = [];
  let line = '';
  for (let i = 0; i < texts.length; i++) {
    const zu = /^Zu Zeile (\d\d):$/u.exec(texts[i]!);
    if (zu) line = zu[1]!;
    if (!/^(?:- )?[a-z]\) /u.test(texts[i]!)) continue;
    const item = texts[i + 1]?.startsWith('(') ? `${texts[i]!} ${texts[i + 1]!}` : texts[i]!;
    const m = /= ([\d.]+) € \((?:= Ansatz (\d{4})|Ansatz (\d{4}) = ([\d.]+) €)/u.exec(item);
    if (!m) throw new Error(`item without amount: ${item}`);
    expect(Number(m[2] ?? m[3])).toBe(previousYear);
    const amount = cents(m[1]!) / 100;
    out.push({ line, amount, previous: m[2] !== undefined ? amount : cents(m[4]!) / 100 });
  }
  return out;
}

describe('generateBudget', () => {
  it('is deterministic per seed', () => {
    expect(generateBudget({ products: 12, seed: 5 })).toBe(generateBudget({ products: 12, seed: 5 }));
    expect(generateBudget({ products: 12, seed: 5 })).not.toBe(generateBudget({ products: 12, seed: 6 }));
    expect(generateBudgetData({ products: 12, seed: 5 })).toEqual(
      generateBudgetData({ products: 12, seed: 5 }),
    );
  });

  it('prints the year, running header and municipality asked for', () => {
    const standard = generateBudget({ products: 5, seed: 1 });
    expect(standard.split('\n').slice(0, 5)).toEqual([
      '',
      'Teilergebnisplan Produktbereich 01 Innere Verwaltung',
      '',
      'Stadthaushalt',
      '',
    ]);
    expect(standard).toContain(
      'Nr.\tBezeichnung\tErgebnis 2024\tAnsatz 2025\tAnsatz 2026\tVE\tPlanung 2027\tPlanung 2028\tPlanung 2029',
    );
    expect(standard).not.toContain('Kreishaushalt');
    const other = generateBudget({
      products: 30,
      seed: 1,
      year: 2031,
      header: 'Gemeindehaushalt',
      municipality: 'Nordkirchen',
    });
    expect(other).toContain('\nGemeindehaushalt\n');
    expect(other).not.toContain('Stadthaushalt');
    expect(other).toContain('Die Aufgaben werden in Nordkirchen');
    expect(other).toContain('Nr.\tBezeichnung\tErgebnis 2029\tAnsatz 2030\tAnsatz 2031\tPlanung 2032');
    expect(other).toContain('Planmäßige Gesamt- ausgabe bis einschli. 2034');
  });

  it('refuses options it cannot honour', () => {
    expect(() => generateBudget({ products: 0, seed: 1 })).toThrow(RangeError);
    expect(() => generateBudget({ products: 2.5, seed: 1 })).toThrow(RangeError);
    expect(() => generateBudget({ products: 2, seed: 1, header: 'a\tb' })).toThrow(RangeError);
  });

  it('grows with the number of products, in a hierarchy of varying sizes', () => {
    const small = generateBudget({ products: 10, seed: 1 });
    const large = generateBudget({ products: 100, seed: 1 });
    expect(large.length).toBeGreaterThan(small.length * 5);
    for (const products of [1, 7, 100, 601]) {
      const nodes = allNodes(generateBudgetData({ products, seed: products }));
      const of = (level: string): GeneratedNode[] => nodes.filter((n) => n.level === level);
      expect(of('produkt')).toHaveLength(products);
      for (const area of of('produktbereich')) {
        expect(area.code).toMatch(/^\d{2}$/u);
        expect(area.children.length).toBeGreaterThanOrEqual(1);
        expect(area.children.length).toBeLessThanOrEqual(5);
      }
      for (const group of of('produktgruppe')) {
        expect(group.code).toMatch(/^\d{2}\.\d{2}$/u);
        expect(group.children.length).toBeGreaterThanOrEqual(1);
        expect(group.children.length).toBeLessThanOrEqual(6);
        for (const p of group.children) expect(p.code.startsWith(`${group.code}.`)).toBe(true);
      }
    }
    const groups = allNodes(generateBudgetData({ products: 601, seed: 601 })).filter(
      (n) => n.level === 'produktgruppe',
    );
    expect(new Set(groups.map((g) => g.children.length)).size).toBe(6);
  });

  it('gives every table row as many cells as its header', () => {
    const text = generateBudget({ products: 60, seed: 3 });
    const lines = text.split('\n');
    const widths = { 'Nr.\tBezeichnung': 0, 'Nr. Bezeichnung': 0, Grundzahlen: 0, Kennzahlen: 0 };
    let width = 0;
    let inTable = false;
    for (const line of lines) {
      if (!line.includes('\t')) {
        inTable = false;
        continue;
      }
      const cells = line.split('\t');
      const header = Object.keys(widths).find((h) => line.startsWith(`${h}\t`));
      if (header) {
        width = cells.length;
        widths[header as keyof typeof widths] = Math.max(widths[header as keyof typeof widths], width);
        inTable = true;
        continue;
      }
      expect(inTable).toBe(true);
      expect(cells).toHaveLength(width);
    }
    // Teilergebnisplan 8 (or Teilfinanzplan 9), investments 10, Kennzahlen 7
    expect(widths).toEqual({ 'Nr.\tBezeichnung': 9, 'Nr. Bezeichnung': 10, Grundzahlen: 7, Kennzahlen: 7 });
    expect(lines.filter((l) => /^\d\d\t/u.test(l) && l.split('\t').length === 8).length).toBeGreaterThan(0);
  });

  it('prints every amount rounded to whole euros on its own', () => {
    const options = { products: 30, seed: 8 };
    const byCode = new Map(allNodes(generateBudgetData(options)).map((n) => [n.code, n]));
    const tables = printedTables(generateBudget(options));
    expect(tables.filter((t) => t.kind !== 'Investitionen')).toHaveLength(byCode.size * 2);
    for (const t of tables) {
      const node = byCode.get(t.code)!;
      if (t.kind === 'Investitionen') continue;
      const data = t.kind === 'Teilergebnisplan' ? node.teilergebnisplan : node.teilfinanzplan;
      for (const [line, printed] of planRows(t)) expect(printed).toEqual(data.get(line)!.map(roundToEuro));
    }
  });

  it('prints totals and parents that differ from their printed parts by rounding only', () => {
    const options = { products: 80, seed: 11 };
    const nodes = allNodes(generateBudgetData(options));
    const tables = printedTables(generateBudget(options));
    const plan = (kind: string, code: string): Map<string, readonly Cents[]> =>
      planRows(tables.find((t) => t.kind === kind && t.code === code)!);
    let differences = 0;
    let compared = 0;
    const within = (total: Cents, parts: readonly Cents[]): void => {
      const difference = Math.abs(total - parts.reduce((s, x) => s + x, 0));
      expect(difference).toBeLessThanOrEqual(HALF_EURO * (parts.length + 1));
      compared++;
      if (difference !== 0) differences++;
    };
    for (const node of nodes) {
      for (const [kind, schema] of [
        ['Teilergebnisplan', TE],
        ['Teilfinanzplan', TF],
      ] as const) {
        const rows = plan(kind, node.code);
        for (const l of schema.lines) {
          const total = rows.get(l.line)!;
          total.forEach((t, col) => {
            if (l.sum) {
              within(
                t,
                l.sum.map(
                  (term) => (term.startsWith('-') ? -1 : 1) * rows.get(term.replace(/^-/u, ''))![col]!,
                ),
              );
            }
            if (node.children.length > 0) {
              within(
                t,
                node.children.map((c) => plan(kind, c.code).get(l.line)![col]!),
              );
            }
          });
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(differences).toBeGreaterThan(100); // rounding shows, as in real plans
  });

  it('keeps plans consistent in cents: formulas, parents, investments, planning rules', () => {
    const nodes = allNodes(generateBudgetData({ products: 150, seed: 2 }));
    for (const node of nodes) {
      for (const [table, schema] of [
        [node.teilergebnisplan, TE],
        [node.teilfinanzplan, TF],
      ] as const) {
        for (const l of schema.lines.filter((x) => x.sum)) {
          const expected = table
            .get(l.line)!
            .map((_, col) =>
              l.sum!.reduce(
                (s, term) => s + (term.startsWith('-') ? -1 : 1) * table.get(term.replace(/^-/u, ''))![col]!,
                0,
              ),
            );
          expect(table.get(l.line)).toEqual(expected);
        }
        if (node.children.length > 0) {
          for (const l of schema.lines) {
            const children = node.children.map((c) =>
              (table === node.teilergebnisplan ? c.teilergebnisplan : c.teilfinanzplan).get(l.line)!,
            );
            expect(table.get(l.line)).toEqual(
              table.get(l.line)!.map((_, col) => children.reduce((s, c) => s + c[col]!, 0)),
            );
          }
        }
      }
      // investment lines 24-29 are exactly the measures paid from them
      for (const line of ['24', '25', '26', '27', '28', '29']) {
        const measures = node.measures.filter((m) => m.line === line);
        expect(node.teilfinanzplan.get(line)).toEqual(
          node.teilfinanzplan.get(line)!.map((_, col) => measures.reduce((s, m) => s + m.cells[col]!, 0)),
        );
      }
      for (const m of node.measures) {
        expect(m.bisher + m.cells[2]! + m.cells[4]! + m.cells[5]! + m.cells[6]!).toBe(m.gesamt);
        expect(Math.abs(m.cells[3]!)).toBeLessThanOrEqual(Math.abs(m.cells[4]! + m.cells[5]! + m.cells[6]!));
      }
      if (node.level !== 'produkt') continue;
      // Personalaufwendungen +1 % a year; Sach-, Transfer- and sonstige Aufwendungen flat
      const personal = node.teilergebnisplan.get('11')!;
      expect(personal[3]).toBe(share(personal[2]!, 10_100));
      expect(personal[4]).toBe(share(personal[3]!, 10_100));
      expect(personal[5]).toBe(share(personal[4]!, 10_100));
      expect(node.teilfinanzplan.get('10')!.slice(1)).toEqual([
        personal[1],
        personal[2],
        0,
        ...personal.slice(3),
      ]);
      for (const line of ['13', '15', '16']) {
        const v = node.teilergebnisplan.get(line)!;
        expect([v[3], v[4], v[5]]).toEqual([v[2], v[2], v[2]]);
      }
    }
  });

  it('prints investment tables whose rows add up to the Teilfinanzplan, grouped by the threshold', () => {
    const options = { products: 120, seed: 4 };
    const nodes = new Map(allNodes(generateBudgetData(options)).map((n) => [n.code, n]));
    const text = generateBudget(options);
    const tables = printedTables(text);
    const investments = tables.filter((t) => t.kind === 'Investitionen');
    expect(investments.length).toBeGreaterThan(5);
    expect(text).toContain(
      '\nOBERHALB Investition (Auszahlung >= 100.000 EUR inkl. MWST)\t\t\t\t\t\t\t\t\t\n',
    );
    expect(text).toContain(
      '\nUNTERHALB Investition (Auszahlung < 100.000 EUR inkl. MWST)\t\t\t\t\t\t\t\t\t\n',
    );
    for (const t of investments) {
      const node = nodes.get(t.code)!;
      expect(node.level).toBe('produktgruppe');
      expect(t.rows.filter((r) => !/^\d\d /u.test(r.label))).toHaveLength(node.measures.length);
      const finance = planRows(tables.find((x) => x.kind === 'Teilfinanzplan' && x.code === t.code)!);
      for (const line of ['24', '25', '26', '27', '28', '29']) {
        const rows = t.rows.filter((r) => r.label.startsWith(`${line} `));
        const measures = t.rows.filter((r) =>
          nodes.get(t.code)!.measures.some((m) => m.line === line && r.label.startsWith(`${m.number} `)),
        );
        for (let col = 0; col < 7; col++) {
          const lineTotal = rows.reduce((s, r) => s + r.cells[col]!, 0);
          expect(Math.abs(finance.get(line)![col]! - lineTotal)).toBeLessThanOrEqual(
            HALF_EURO * (rows.length + 1),
          );
          expect(Math.abs(lineTotal - measures.reduce((s, r) => s + r.cells[col]!, 0))).toBeLessThanOrEqual(
            HALF_EURO * (rows.length + measures.length),
          );
        }
      }
      for (const r of t.rows) {
        const [, , ansatz, , p1, p2, p3, bisher, gesamt] = r.cells;
        expect(Math.abs(bisher! + ansatz! + p1! + p2! + p3! - gesamt!)).toBeLessThanOrEqual(HALF_EURO * 6);
      }
    }
    for (const m of [...nodes.values()].flatMap((n) => (n.level === 'produktgruppe' ? n.measures : []))) {
      const row = text.split('\n').findIndex((l) => l.startsWith(`${m.number} `));
      const heading = text
        .split('\n')
        .slice(0, row)
        .reverse()
        .find((l) => /^(?:OBERHALB|UNTERHALB)/u.test(l))!;
      expect(heading.startsWith('OBERHALB')).toBe(Math.abs(m.gesamt) >= 10_000_000);
    }
  });

  it('itemises Erläuterungen without exceeding the printed line, this year or last', () => {
    const options = { products: 120, seed: 6 };
    const text = generateBudget(options);
    const tables = printedTables(text);
    let count = 0;
    for (const [code, lines] of ergebnisTexts(text)) {
      const plan = planRows(tables.find((t) => t.kind === 'Teilergebnisplan' && t.code === code)!);
      const all = items(lines, 2025);
      count += all.length;
      for (const line of new Set(all.map((i) => i.line))) {
        const of = all.filter((i) => i.line === line);
        const [, previous, ansatz] = plan.get(line)!;
        expect(of.reduce((s, i) => s + i.amount, 0)).toBeLessThanOrEqual(Math.abs(ansatz!) / 100);
        expect(of.reduce((s, i) => s + i.previous, 0)).toBeLessThanOrEqual(Math.abs(previous!) / 100);
      }
    }
    expect(count).toBeGreaterThan(200);
    expect(text).toContain('Bei dem noch übrigen Aufwandsaufkommen handelt es sich um ');
    expect(text).toMatch(/\n- [a-z]\) .* = [\d.]+ € \(= Ansatz 2025\)\n/u);
    expect(text).toMatch(/\n- [a-z]\) .* = [\d.]+ € \(Ansatz 2025 = [\d.]+ €; [^)]+\)\n/u);
  });

  it('breaks long texts into pages as the reference does', () => {
    const text = generateBudget({ products: 200, seed: 7 });
    const lines = text.split('\n');
    const breaks: number[] = [];
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      if (!TITLE.test(l)) return;
      if (seen.has(l)) breaks.push(i);
      seen.add(l);
    });
    expect(breaks.length).toBeGreaterThan(50);
    const after = (i: number): string => lines.slice(i + 1).find((l) => l !== '' && l !== 'Stadthaushalt')!;
    const before = (i: number): string =>
      lines
        .slice(0, i)
        .reverse()
        .find((l) => l !== '')!;
    // every page head is title, blank, running header, blank, and never inside a table
    for (const i of breaks) {
      expect(lines.slice(i - 1, i + 4)).toEqual(['', lines[i], '', 'Stadthaushalt', '']);
      const header = /^(?:Nr\.|Grundzahlen|Kennzahlen)/u.test(after(i));
      expect(before(i).includes('\t') && after(i).includes('\t') && !header).toBe(false);
    }
    const kinds = new Set(breaks.map((i) => lines[i]!.split(' ')[0]));
    expect(kinds).toContain('Teilergebnisplan');
    expect(kinds).toContain('Produktbeschreibung');
    // an item list cut by a page end, the next item without its "- " (item "d)" of the reference)
    expect(breaks.some((i) => /^- [a-z]\) /u.test(before(i)) && /^[a-z]\) /u.test(after(i)))).toBe(true);
    expect(breaks.some((i) => /^- [a-z]\) /u.test(before(i)) && /^- [a-z]\) /u.test(after(i)))).toBe(true);
    // "Zu Zeile 02:" on one page, its label on the next
    expect(breaks.some((i) => /^Zu Zeile \d\d:$/u.test(before(i)))).toBe(true);
    // a paragraph cut in the middle of a sentence
    expect(breaks.some((i) => /[a-zäöüß]$/u.test(before(i)) && /^[a-zäöüß]/u.test(after(i)))).toBe(true);
  });

  it.each([1, 2, 3, 4, 5])(
    'imports with the right hierarchy and checks without error or warning (seed %i)',
    (seed) => {
      const options = { products: 40, seed, year: 2025 };
      const data = allNodes(generateBudgetData(options));
      const r = importText(generateBudget(options), 'gen.txt');
      if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
      const budget = r.budget;
      expect(budget.year).toBe(2025);
      expect(budget.title).toBe('Stadthaushalt');
      expect(budget.notes).toEqual([]);
      for (const level of ['produktbereich', 'produktgruppe', 'produkt'] as const) {
        expect(budget.nodes.filter((n) => n.level === level).map((n) => n.code)).toEqual(
          data.filter((n) => n.level === level).map((n) => n.code),
        );
      }
      for (const n of budget.nodes) {
        const d = data.find((x) => x.code === n.code)!;
        expect(n.parent).toBe(d.parent);
        expect(n.plans).toHaveLength(2);
        const te = n.plans.find((p) => p.type === 'teilergebnisplan')!;
        for (const line of te.lines) {
          expect(line.cells.map((c) => c.amount)).toEqual(
            d.teilergebnisplan.get(line.line)!.map(roundToEuro),
          );
        }
        if (n.level === 'produkt') {
          expect(n.beschreibung?.fields.map((f) => f.name)).toEqual([
            'Pflichtaufgaben',
            'Freiwillige Aufgaben',
            'Verantwortlich',
            'Beschreibung',
            'Auftragsgrundlage',
            'Zielgruppen',
            'Ziele',
          ]);
          expect(n.kennzahlen.length).toBeGreaterThan(0);
          expect(n.kennzahlen[0]!.footnotes[0]?.marker).toBe('*)');
        }
        expect(n.investitionen?.rows.filter((row) => row.type === 'measure').length ?? 0).toBe(
          n.level === 'produktgruppe' ? d.measures.length : 0,
        );
      }
      const findings = check(budget);
      expect(findings.filter((f) => f.severity === 'error' || f.severity === 'warning')).toEqual([]);
      expect(findings.some((f) => f.severity === 'rounding')).toBe(true);
      const allItems = budget.nodes.flatMap((n) => n.erlaeuterungen.flatMap((e) => e.items));
      expect(allItems.length).toBeGreaterThan(20);
      expect(allItems.every((i) => i.amount !== undefined && i.previous !== undefined)).toBe(true);
    },
  );

  it('round-trips through the tidy CSV', () => {
    const r = importText(generateBudget({ products: 30, seed: 9 }), 'gen.txt');
    if (!r.ok) throw new Error('import failed');
    const csv = toTidyCsv(r.budget);
    const back = importTidyCsv(csv, 'gen.csv');
    if (!back.ok) throw new Error(back.errors[0]!.message);
    expect(toTidyCsv(back.budget)).toBe(csv);
    expect(check(back.budget).filter((f) => f.severity === 'error')).toEqual([]);
  });
});
