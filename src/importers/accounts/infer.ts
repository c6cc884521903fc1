/**
 * An account export read without a profile: its profile inferred from the header and the rows, the way a
 * treasurer would read an unknown export of SAP, Infoma or H&H. A column of account numbers (header like
 * "Sachkonto", "Kostenart", "Kontengruppe-Nummer"; its values numbers of the Kontenrahmen), a column of product
 * numbers ("Profitcenter", "Produkt", "Kostenträger") and amount columns by kind and year ("Ist 2016", "Plan
 * 2017") make an account export; each name column is the first text column right of its number. The sign
 * convention is told by the amounts of the Ertragskonten (class 4) against the Aufwandskonten (class 5): SAP
 * books Erträge negative, the plans print them positive; a column naming Ertrag/Aufwand per row decides where
 * there is one. Product numbers split as NKF numbers do (`10101`: Produktbereich 1, Produktgruppe 01, Produkt
 * 01); the budget year is the year after the last Ist column. Every inference is said in German (`said`), for
 * the import's note; what cannot be inferred is said too (`why`), never guessed: the file is then no account
 * export for this reader, and a profile (`--profile`) can still say what it is.
 *
 * An account the mapping cannot place because the export books coarser than the mapping maps (a Kontengruppe
 * "44" where the mapping knows 441…446 and 448) goes to the plan line whose label its name in the file is,
 * exactly ("Privatrechtliche Leistungsentgelte": line 05), as a profile's override would; any other stays
 * outside the plans with its reason.
 */
import type { PlanType } from '../../core/model.js';
import { parseGermanAmount } from '../../core/money.js';
import { matchLabel, schemaById } from '../../core/schema.js';
import {
  ACCOUNT_HEADER,
  DIRECTION_HEADER,
  LEVEL_HEADERS,
  compactHeader,
  normalizeHeader,
} from '../long/vocabulary.js';
import { parseColumnHeader } from '../text/table.js';
import { mappingSchema, type AccountMapping, type MappingEntry } from './mapping.js';
import type { AccountProfile } from './profile.js';
import { directionOfText } from './profile.js';

/** The column names of account, product and direction columns, as the long tables' reader knows them. */
const isAccountHeader = (h: string): boolean => ACCOUNT_HEADER.test(normalizeHeader(h));
const PRODUCT_LEVEL = LEVEL_HEADERS.find((l) => l.level === 'produkt')!.pattern;
const isProductHeader = (h: string): boolean => PRODUCT_LEVEL.test(compactHeader(h));
const isDirectionHeader = (h: string): boolean => DIRECTION_HEADER.test(normalizeHeader(h));
/** An account of a Kontenrahmen: two to nine digits. */
const ACCOUNT_VALUE = /^\d{2,9}$/u;
/** NKF product numbers: Produktbereich (one or two digits), Produktgruppe, Produkt (two digits each). */
const PRODUCT_PATTERNS = [
  '^(\\d{1,2})(\\d{2})(\\d{2})?$',
  '^(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{1,3}))?$',
] as const;

export type Inference =
  | { readonly ok: true; readonly profile: AccountProfile; readonly said: string }
  /**
   * `export`: the header is an account export's (accounts, products, amount columns), but `why` keeps its
   * profile from being inferred; else the rows are no account export.
   */
  | { readonly ok: false; readonly why: string; readonly export?: string };

/** How many of the column's filled cells match, and how many are filled (of the data rows). */
function fill(
  rows: readonly (readonly string[])[],
  col: number,
  test: RegExp,
): { filled: number; matching: number } {
  let filled = 0;
  let matching = 0;
  for (const r of rows) {
    const v = (r[col] ?? '').trim();
    if (v === '') continue;
    filled++;
    if (test.test(v)) matching++;
  }
  return { filled, matching };
}

/** The candidate column whose cells are most often filled with values the test accepts (at least 95 % of them). */
function bestColumn(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  named: (header: string) => boolean,
  value: RegExp,
): number {
  let best = -1;
  let most = 0;
  header.forEach((h, i) => {
    if (!named(h)) return;
    const f = fill(rows, i, value);
    if (f.filled > most && f.matching >= 0.95 * f.filled) {
      best = i;
      most = f.filled;
    }
  });
  return best;
}

/** The first column right of `col` holding text (not numbers), before `stop`: the name of what `col` numbers. */
function nameColumn(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  col: number,
  stop: number,
): number {
  for (let i = col + 1; i < header.length && i !== stop; i++) {
    if (parseColumnHeader(header[i]!, []) !== undefined) return -1;
    const f = fill(rows, i, /[A-Za-zÄÖÜäöüß]{3}/u);
    if (f.filled > 0 && f.matching >= 0.8 * f.filled) return i;
  }
  return -1;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** Plan line entries for accounts the mapping cannot place, by the account's name in the file. */
function overridesByName(
  rows: readonly (readonly string[])[],
  account: number,
  accountName: number,
  mapping: AccountMapping,
): MappingEntry[] {
  if (accountName < 0) return [];
  const seen = new Set<string>();
  const out: MappingEntry[] = [];
  for (const r of rows) {
    const a = (r[account] ?? '').trim();
    const name = (r[accountName] ?? '').trim();
    if (a === '' || name === '' || seen.has(a)) continue;
    seen.add(a);
    const placed = mapping.entries.some((e) => a.startsWith(e.prefix));
    const outside = mapping.outside.some((o) => a.startsWith(o.prefix));
    if (placed || outside) continue;
    const plan: PlanType | undefined =
      a[0] === '4' || a[0] === '5'
        ? 'teilergebnisplan'
        : a[0] === '6' || a[0] === '7'
          ? 'teilfinanzplan'
          : undefined;
    const schema = plan ? schemaById(mappingSchema(mapping, plan)) : undefined;
    const line = schema?.lines.find((l) => l.sum === undefined && matchLabel(name, l).kind === 'exact');
    if (plan && line)
      out.push({ prefix: a, plan, line: line.line, origin: `nach der Bezeichnung „${name}“ in der Datei` });
  }
  return out;
}

export function inferAccountProfile(
  allRows: readonly (readonly string[])[],
  file: string,
  mapping: AccountMapping,
): Inference {
  const [header, ...rows] = allRows;
  if (!header || rows.length === 0) return { ok: false, why: 'keine Datenzeilen' };
  const account = bestColumn(header, rows, isAccountHeader, ACCOUNT_VALUE);
  if (account < 0)
    return { ok: false, why: 'keine Spalte mit Kontonummern (Sachkonto, Kostenart, Kontengruppe)' };
  const product = bestColumn(header, rows, isProductHeader, /^\d[\d.]*$/u);
  if (product < 0)
    return { ok: false, why: 'keine Spalte mit Produktnummern (Profitcenter, Produkt, Kostenträger)' };
  const amounts: { index: number; kind: string; year: number }[] = [];
  header.forEach((h, index) => {
    const c = parseColumnHeader(h, []);
    if (c) amounts.push({ index, kind: c.kind, year: c.year });
  });
  if (amounts.length === 0)
    return { ok: false, why: 'keine Betragsspalten (erwartet z. B. „Ist 2015“, „Plan 2017“)' };

  const seen = `Spalten „${header[product]}“, „${header[account]}“ und ${amounts.map((a) => `„${header[a.index]}“`).join(', ')}`;
  // every row books an account of a product (a total row at the end aside): a column filled in only some rows
  // is a detail of other rows, not the account they are booked on
  const dataRows = rows.filter((r) => amounts.some(({ index }) => (r[index] ?? '').trim() !== ''));
  for (const col of [account, product]) {
    const empty = dataRows.filter((r) => (r[col] ?? '').trim() === '').length;
    if (empty > Math.max(1, 0.02 * dataRows.length))
      return {
        ok: false,
        export: seen,
        why: `die Spalte „${header[col]}“ ist in ${empty.toLocaleString('de-DE')} von ${dataRows.length.toLocaleString('de-DE')} Zeilen mit Beträgen leer`,
      };
  }

  // product numbers: plain NKF numbers or dotted ones
  const codes = rows.map((r) => (r[product] ?? '').trim()).filter((c) => c !== '');
  const pattern = PRODUCT_PATTERNS.find((p) => {
    const re = new RegExp(p, 'u');
    return codes.filter((c) => re.test(c)).length >= 0.95 * codes.length;
  });
  if (pattern === undefined)
    return {
      ok: false,
      export: seen,
      why: `die Produktnummern der Spalte „${header[product]}“ (z. B. „${codes[0] ?? ''}“) lassen sich nicht in Produktbereich, Produktgruppe und Produkt zerlegen`,
    };

  // the sign convention: a direction column, else the Ertragskonten's sum against the Aufwandskonten'
  const direction = header.findIndex(
    (h, i) =>
      isDirectionHeader(h) &&
      rows.every((r) => (r[i] ?? '').trim() === '' || directionOfText(r[i]!) !== undefined),
  );
  let signs: AccountProfile['signs'];
  let signSaid: string;
  if (direction >= 0) {
    signs = 'direction';
    signSaid = `Ertrag oder Aufwand nach der Spalte „${header[direction]}“`;
  } else {
    let income = 0;
    let expense = 0;
    for (const r of rows) {
      const a = (r[account] ?? '').trim();
      const cls = a[0];
      if (cls !== '4' && cls !== '5') continue;
      for (const { index } of amounts) {
        const v = parseGermanAmount((r[index] ?? '').trim());
        if (!v) continue;
        if (cls === '4') income += v.cents;
        else expense += v.cents;
      }
    }
    if (income < 0 && expense >= 0) {
      signs = 'sap';
      signSaid =
        'Erträge negativ gebucht (wie SAP): die Konten der Klasse 4 ergeben zusammen einen negativen Betrag';
    } else if (income >= 0 && expense < 0 && income + expense !== 0) {
      signs = 'printed';
      signSaid = 'Erträge positiv, Aufwendungen negativ (wie im Haushaltsplan gedruckt)';
    } else
      return {
        ok: false,
        export: seen,
        why: 'das Vorzeichen ist nicht zu erkennen: die Erträge (Konten 4…) und Aufwendungen (Konten 5…) tragen nicht entgegengesetzte Vorzeichen',
      };
  }

  // the budget year: after the last Ist column, else the first Plan column
  const ist = amounts.filter((a) => a.kind === 'ergebnis').map((a) => a.year);
  const plans = amounts.filter((a) => a.kind === 'ansatz').map((a) => a.year);
  const budgetYear =
    ist.length > 0 ? Math.max(...ist) + 1 : plans.length > 0 ? Math.min(...plans) : undefined;

  const last = rows.at(-1)!;
  const totalRow =
    (last[product] ?? '').trim() === '' && amounts.some(({ index }) => (last[index] ?? '').trim() !== '');
  const productName = nameColumn(header, rows, product, account);
  const accountName = nameColumn(header, rows, account, product);
  const exact = (i: number): string => escape(header[i]!.trim());
  const overrides = overridesByName(rows, account, accountName, mapping);
  const profile: AccountProfile = {
    id: 'erkannt',
    title: `aus der Datei ${file} erkannt`,
    kind: 'accounts',
    columns: {
      product: exact(product),
      account: exact(account),
      ...(productName >= 0 ? { productName: exact(productName) } : {}),
      ...(accountName >= 0 ? { accountName: exact(accountName) } : {}),
      ...(direction >= 0 ? { direction: exact(direction) } : {}),
    },
    productCode: { pattern, levels: ['produktbereich', 'produktgruppe', 'produkt'] },
    signs,
    ...(budgetYear !== undefined ? { budgetYears: [budgetYear] } : {}),
    ...(totalRow ? { totalRow } : {}),
    ...(overrides.length > 0 ? { overrides } : {}),
  };
  const said =
    `Als Export auf Kontenebene gelesen (ohne Profil, aus Kopfzeile und Zeilen erkannt): Produkt aus Spalte „${header[product]}“` +
    `${productName >= 0 ? ` (Bezeichnung „${header[productName]}“)` : ''}, Konto aus Spalte „${header[account]}“` +
    `${accountName >= 0 ? ` (Bezeichnung „${header[accountName]}“)` : ''}; ${signSaid}` +
    (budgetYear !== undefined
      ? `; Haushaltsjahr ${budgetYear}${ist.length > 0 ? ` (nach Ist ${Math.max(...ist)})` : ''}`
      : '') +
    (totalRow ? '; die letzte Zeile ohne Produkt ist die Summenzeile' : '') +
    overrides.map((o) => `; Konto ${o.prefix} ${o.origin ?? ''} auf Zeile ${o.line}`).join('') +
    '. ' +
    'Ein Profil (--profile) legt das fest, wo die Erkennung nicht passt.';
  return { ok: true, profile, said };
}
