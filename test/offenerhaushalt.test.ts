/**
 * Every set of ../shared/data/offenerhaushalt imported as published — no edits, no profile, `.gz` read
 * directly, the `datapackage.json` beside the data read with it — and held against the raw files, read here
 * independently (a CSV reader of the test's own) with exact decimal arithmetic:
 *
 * - the lowest level of the budget holds exactly the file's products (counted from the raw rows);
 * - the file's amounts, summed per year, are what the import read, to the cent; every column reconciles (read =
 *   on plan lines + outside the plans) and every amount outside the plans has its reason;
 * - no amount is on a line of another meaning: each plan's line schema belongs to the set's Land (or is the
 *   sums schema, which fits every Land);
 * - for the sets of sums, every product's cell is the raw sum of its rows;
 * - for the sets read by account through a Land's Kontenrahmen (Potsdam), a few lines of one product are the raw
 *   sums of the rows of those Kontengruppen, every account has a line, and a Kontengruppe the file names like a
 *   line of the Land's Teilergebnisplan goes to that line;
 * - the import report is pinned as a golden file (test/golden/offenerhaushalt/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { check } from '../src/core/check/index.js';
import { lineByLabel, schemaById } from '../src/core/schema.js';
import type { Budget } from '../src/core/model.js';
import { importFiles } from '../src/importers/index.js';
import { KONTENRAHMEN, mappingSchema, resolveAccount } from '../src/importers/accounts/mapping.js';
import { renderImportReport } from '../src/reports/import-report.js';
import { expectGolden } from './golden.js';
import { DATA } from './paths.js';

const SETS = path.relative(process.cwd(), path.join(DATA, 'offenerhaushalt'));

/**
 * Records of comma-separated text, RFC 4180, by a plain state machine written here (not the importer's reader,
 * and faster than csv-parse on Potsdam's 34 columns × 334,000 rows).
 */
function records(text: string): string[][] {
  const out: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let row: string[] = [];
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      // quoted: up to the quote not followed by another, doubled quotes as one
      let j = i + 1;
      const parts: string[] = [];
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error('quote not closed');
        parts.push(text.slice(j, q));
        if (text.charCodeAt(q + 1) === 34) {
          parts.push('"');
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      field = parts.join('');
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    // end of the record
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    if (row.length > 1 || row[0] !== '') out.push(row);
    row = [];
  }
  if (row.length > 0) out.push(row);
  return out;
}

/** Rows of a raw file as objects by header. */
function raw(file: string): Record<string, string>[] {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const [header, ...rows] = records(text);
  return rows.map((row) => {
    const o: Record<string, string> = {};
    header!.forEach((h, i) => (o[h] = row[i] ?? ''));
    return o;
  });
}

/** Exact cents of a decimal text with a point (and an exponent), by BigInt; undefined for "nan" and empty. */
function cents(text: string): bigint | undefined {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === 'nan') return undefined;
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/u.exec(t);
  if (!m) throw new Error(`not a number: ${t}`);
  const digits = BigInt(`${m[2] ?? ''}${m[3] ?? ''}` || '0');
  const scale = (m[3] ?? '').length - Number(m[4] ?? 0) - 2;
  const value = scale > 0 ? digits / 10n ** BigInt(scale) : digits * 10n ** BigInt(-scale);
  if (scale > 0 && value * 10n ** BigInt(scale) !== digits) throw new Error(`sub-cent: ${t}`);
  return m[1] === '-' ? -value : value;
}

const OUT = /^(?:aufwand|aufwendung|aufwendungen|ausgabe|expenditure)$/iu;

interface SetSpec {
  readonly name: string;
  /** What to import: files or a folder, relative to the sets. */
  readonly args: readonly string[];
  readonly amount: string;
  readonly year: string;
  readonly direction?: string;
  /** A product's identity in a raw row; undefined: no products (the whole budget). */
  readonly product?: (r: Record<string, string>) => string;
  readonly lowest: 'produkt' | 'produktgruppe' | 'haushalt';
  /** Line schemas the plans may use. */
  readonly schemas: RegExp;
  readonly land?: string;
  /** For sums: the node code and column of a raw row, to compare cells with raw sums. */
  readonly cellOf?: (r: Record<string, string>) => { code: string; kind: string } | undefined;
  /**
   * For sets read by account: the product, plan line (by the row's Kontengruppe) and column of a raw row, for a
   * few lines only; one product whose lines all hold amounts is compared with the raw sums.
   */
  readonly accountCellOf?: (
    r: Record<string, string>,
  ) => { code: string; line: string; kind: string; year: number } | undefined;
  /** For sets read by account: a raw row's Kontengruppe, its name as the file gives it, and its account. */
  readonly accountGroupOf?: (r: Record<string, string>) => { group: string; name: string; account: string };
  /** The Kontengruppen whose name is no line label of the Land's Teilergebnisplan (groups of two lines, …). */
  readonly groupsNamedOtherwise?: readonly string[];
}

/**
 * Brandenburg's Kontenrahmen, a few Kontengruppen and the lines of bb-2008-teilergebnisplan they belong to
 * (data/kontenrahmen/bb-kontenrahmen.json): Zuwendungen, Personal, Sach- und Dienstleistungen, Abschreibungen.
 */
const BB_LINES: Readonly<Record<string, string>> = { '41': '02', '50': '11', '52': '13', '57': '14' };

const SPECS: readonly SetSpec[] = [
  {
    name: 'wuppertal-2018',
    args: ['wuppertal-2018/wuppertal_haushalt.csv'],
    amount: 'Betrag',
    year: 'Year',
    direction: 'Typ',
    product: (r) => `${r.ProduktbereichNR}|${r.ProduktgruppeNR}|${r.ProduktNR}`,
    lowest: 'produkt',
    schemas: /^summen-/u,
    land: 'NW',
    cellOf: (r) => ({ code: `${r.ProduktbereichNR}.${r.ProduktgruppeNR}.${r.ProduktNR}`, kind: 'ansatz' }),
  },
  {
    name: 'arnsberg-2018',
    args: ['arnsberg-2018'],
    amount: 'betrag',
    year: 'jahr',
    direction: 'budget_richtung',
    product: (r) => `${r.produktbereich}|${r.produktgruppe}|${r.produkt}`,
    lowest: 'produkt',
    schemas: /^summen-/u,
  },
  {
    name: 'koeln-2012-2018',
    args: ['koeln-2012-2018'],
    amount: 'amount',
    year: 'time_year',
    direction: 'art_label',
    product: (r) => `${r.produktgruppe_name}`,
    lowest: 'produktgruppe',
    schemas: /^summen-/u,
    cellOf: (r) => ({
      code: `${r.produktbereich_name}.${r.produktgruppe_name!.slice(r.produktbereich_name!.length)}`,
      kind: 'ansatz',
    }),
  },
  {
    name: 'muenster-2007-2016',
    args: ['muenster-2007-2016/ergebnisse_2007_2016.csv'],
    amount: 'Betrag',
    year: 'Jahr',
    direction: 'Richtung',
    product: (r) => `${r.Produktgruppe}`,
    lowest: 'produktgruppe',
    schemas: /^summen-/u,
    land: 'NW',
    cellOf: (r) => ({ code: r.Produktgruppe!, kind: 'ergebnis' }),
  },
  {
    name: 'bonn-2017',
    args: ['bonn-2017/bonn_2017.csv.gz'],
    amount: 'Betrag',
    year: 'Jahr',
    direction: 'Budget_Richtung',
    product: (r) => `${r.Prctr}`,
    lowest: 'produkt',
    schemas: /^nrw-2019-/u,
    land: 'NW',
  },
  {
    name: 'potsdam-2018',
    args: ['potsdam-2018'],
    amount: 'Amount',
    year: 'Year',
    direction: 'Direction',
    product: (r) => `${r.Produkt}`,
    lowest: 'produkt',
    // the Sachkonto through Brandenburg's Kontenrahmen onto the Teilergebnishaushalt's lines
    schemas: /^bb-2008-/u,
    land: 'BB',
    // „Ansatz“ 2016/2017 and „FP“ 2018 are Ansätze, „FP“ 2019/2020 Planung (the import's note on the kinds)
    accountCellOf: (r) => {
      const line = BB_LINES[r.KG ?? ''];
      const year = Number(r.Year);
      const kind =
        r.Category === 'Ansatz' || (r.Category === 'FP' && year === 2018)
          ? 'ansatz'
          : r.Category === 'FP'
            ? 'planung'
            : undefined;
      return line && kind ? { code: r.Produkt!, line, kind, year } : undefined;
    },
    accountGroupOf: (r) => ({ group: r.KG!, name: r['KG Label']!, account: r.SK! }),
    // each of these two Kontengruppen holds the accounts of two lines (split by Kontenart)
    groupsNamedOtherwise: [
      '44 Privatrechtliche Leistungsentgelte, Kostenerstattungen und Kostenumlagen → 05, 06',
      '47 Aktivierte Eigenleistungen und Bestandsveränderungen → 08, 09',
    ],
  },
  {
    name: 'frankfurt',
    args: ['frankfurt/frankfurt-enriched.csv'],
    amount: 'Betrag',
    year: 'Haushaltsjahr',
    direction: 'Ertrag / Aufwand',
    product: (r) => `${r.Produktgruppe}`,
    lowest: 'produktgruppe',
    schemas: /^he-/u,
    land: 'HE',
  },
  {
    name: 'karlsruhe-2017',
    args: ['karlsruhe-2017/gesamtergebnishaushalt-2017-2018_clean.csv'],
    amount: 'BETRAG',
    year: 'JAHR',
    direction: 'Einnahme / Ausgabe',
    lowest: 'haushalt',
    schemas: /^bw-/u,
    land: 'BW',
  },
];

/** Amounts read per year, as the import's ledgers say, over all files. */
function readPerYear(ledger: readonly { read: readonly { column: { year: number }; amount: number }[] }[]) {
  const out = new Map<number, bigint>();
  for (const l of ledger)
    for (const r of l.read) out.set(r.column.year, (out.get(r.column.year) ?? 0n) + BigInt(r.amount));
  return out;
}

function leaves(budget: Budget, level: SetSpec['lowest']) {
  return budget.nodes.filter((n) => n.level === level);
}

describe.each(SPECS)('offenerhaushalt: $name', (spec) => {
  it(
    'imports as published: the file’s products, every amount reconciled, no line of another meaning',
    { timeout: 60_000 },
    async () => {
      const r = await importFiles(spec.args.map((a) => path.join(SETS, a)));
      if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}: ${e.message}`).join('\n'));
      const { budget } = r;

      // the raw files the import read, read independently
      const files = r.ledger.map((l) => raw(l.file));
      const rows = files.flat();
      // the cells hold each amount once: where files repeat each other (Köln), the first file has them all
      const first = new Set(files[0]);
      const perYear = new Map<number, bigint>();
      const products = new Set<string>();
      const sums = new Map<string, bigint>();
      for (const row of rows) {
        if (spec.product) products.add(spec.product(row));
        const c = cents(row[spec.amount] ?? '');
        if (c === undefined) continue;
        const signed = spec.direction && OUT.test(row[spec.direction] ?? '') ? -c : c;
        const year = Number(row[spec.year]);
        perYear.set(year, (perYear.get(year) ?? 0n) + signed);
        const at = first.has(row) ? spec.cellOf?.(row) : undefined;
        if (at) {
          const line = signed === c && !OUT.test(row[spec.direction!] ?? '') ? '91' : '92';
          const key = `${at.code}|${line}|${at.kind}|${year}`;
          sums.set(key, (sums.get(key) ?? 0n) + signed);
        }
      }

      // the lowest level holds the file's products
      if (spec.lowest === 'haushalt') expect(budget.nodes.map((n) => n.code)).toEqual(['gesamt']);
      else expect(leaves(budget, spec.lowest)).toHaveLength(products.size);

      // every amount read, per year, to the cent
      const read = readPerYear(r.ledger);
      for (const [year, sum] of perYear) expect(read.get(year), `${spec.name} ${year}`).toBe(sum);
      expect([...read.keys()].sort()).toEqual([...perYear.keys()].sort());

      // every column reconciles, every amount outside the plans has its reason
      for (const row of r.reconciliation) {
        expect(row.difference, `${row.file} ${row.column.kind} ${row.column.year}`).toBe(0);
        for (const o of row.outside) expect(o.reason.length).toBeGreaterThan(10);
      }

      // no amount on a line of another meaning
      for (const n of budget.nodes)
        for (const p of n.plans) {
          expect(p.schemaId, n.code).toMatch(spec.schemas);
          const land = schemaById(p.schemaId)!.land;
          if (land !== '*') expect(land).toBe(spec.land);
        }
      if (spec.land) expect(budget.land).toBe(spec.land);

      // the cells of sums are the raw sums of their rows
      for (const [key, sum] of sums) {
        const [code, line, kind, year] = key.split('|') as [string, string, string, string];
        const n = budget.nodes.find((x) => x.code === code);
        const cell = n?.plans
          .flatMap((p) => p.lines)
          .find((l) => l.line === line)
          ?.cells.find((c) => c.column.kind === kind && c.column.year === Number(year));
        expect(cell?.amount, key).toBe(Number(sum));
      }

      // read by account: a few lines of one product are the raw sums of the rows of their Kontengruppen
      if (spec.accountCellOf) {
        const byAccount = new Map<string, bigint>();
        for (const row of files[0]!) {
          const at = spec.accountCellOf(row);
          const c = cents(row[spec.amount] ?? '');
          if (!at || c === undefined) continue;
          const signed = spec.direction && OUT.test(row[spec.direction] ?? '') ? -c : c;
          const key = `${at.code}|${at.line}|${at.kind}|${at.year}`;
          byAccount.set(key, (byAccount.get(key) ?? 0n) + signed);
        }
        const lines = [...new Set([...byAccount.keys()].map((k) => k.split('|')[1]!))];
        // the first product (in file order) with an amount on each of these lines in some column
        const product = [...new Set([...byAccount.keys()].map((k) => k.split('|')[0]!))].find((code) =>
          lines.every((line) =>
            [...byAccount].some(([k, v]) => k.startsWith(`${code}|${line}|`) && v !== 0n),
          ),
        );
        expect(product, 'a product with amounts on every compared line').toBeDefined();
        const node = budget.nodes.find((n) => n.code === product);
        expect(node, product).toBeDefined();
        let compared = 0;
        for (const [key, sum] of byAccount) {
          const [code, line, kind, year] = key.split('|') as [string, string, string, string];
          if (code !== product) continue;
          const cell = node!.plans
            .flatMap((p) => p.lines)
            .find((l) => l.line === line)
            ?.cells.find((c) => c.column.kind === kind && c.column.year === Number(year));
          expect(cell?.amount ?? 0, key).toBe(Number(sum));
          compared++;
        }
        expect(compared).toBeGreaterThanOrEqual(lines.length);
      }

      // read by account: every account of the file has a line in the Land's Kontenrahmen, and where the file
      // names its Kontengruppe as a line of the Land's Teilergebnisplan, all its accounts go to that line
      if (spec.accountGroupOf) {
        const mapping = KONTENRAHMEN.find(
          (m) => schemaById(mappingSchema(m, 'teilergebnisplan'))?.land === spec.land,
        )!;
        const teil = schemaById(mappingSchema(mapping, 'teilergebnisplan'))!;
        const groups = new Map<string, { name: string; lines: Set<string> }>();
        for (const row of files[0]!) {
          const { group, name, account } = spec.accountGroupOf(row);
          const r = resolveAccount(mapping, account);
          expect(r.kind, `${account} (${name})`).toBe('line');
          const g = groups.get(group) ?? { name, lines: new Set<string>() };
          if (r.kind === 'line') g.lines.add(r.line);
          groups.set(group, g);
        }
        const otherwise: string[] = [];
        for (const [group, { name, lines }] of groups) {
          const named = lineByLabel(teil, name);
          if (named) expect([...lines], `${group} ${name}`).toEqual([named.line]);
          else otherwise.push(`${group} ${name} → ${[...lines].sort().join(', ')}`);
        }
        expect(otherwise.sort()).toEqual(spec.groupsNamedOtherwise);
      }

      // the report, and what the import noted (which column was read as what, kinds, codes, warnings)
      const notes = budget.notes.map(
        (n) =>
          `${n.severity} ${n.rule}${n.source ? ` (${n.source.file}:${n.source.line})` : ''}: ${n.message}`,
      );
      expectGolden(
        `offenerhaushalt/${spec.name}.import.txt`,
        `${renderImportReport(budget, check(budget), r.reconciliation)}\nHinweise des Imports:\n${notes.join('\n')}\n`,
      );
    },
  );
});
