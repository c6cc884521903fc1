/**
 * What each column of a long table holds: the amount, the year, the kind (Plan/Ist), the direction
 * (Ertrag/Aufwand), codes and names of Produktbereich, Produktgruppe and Produkt, and the plan line (by number,
 * label or account). Decided in this order: a profile's column names; the header's words, checked against the
 * column's values (a "Produktbereich" column of names is the level's name column, one of codes its code column);
 * the values alone for kind and direction (Wuppertal's "Art" holds Plan, its "Typ" Ertrag/Aufwand); the
 * descriptor's field types for what neither decides. Everything else is reported as not used.
 */
import type { Level } from '../../core/model.js';
import type { FieldHint } from './datapackage.js';
import type { LongProfile } from './profile.js';
import {
  ACCOUNT_HEADER,
  AMOUNT_HEADER,
  KIND_AMOUNT_HEADER,
  DIRECTION_HEADER,
  KIND_HEADER,
  LEVEL_HEADERS,
  LINE_LABEL_HEADER,
  LINE_NUMBER_HEADER,
  NAME_SUFFIX,
  YEAR_HEADER,
  compactHeader,
  directionOf,
  isMissing,
  kindOf,
  normalizeHeader,
} from './vocabulary.js';

export type NodeLevel = Exclude<Level, 'haushalt'>;

export interface LevelColumns {
  readonly level: NodeLevel;
  readonly code?: number;
  readonly name?: number;
}

export type LineMode = 'number' | 'label' | 'account';

export interface ColumnRoles {
  readonly amount: number;
  /** The kind every amount has when the amount column is named by it ("Ansatz", "Ist"). */
  readonly amountKind?: string;
  /** Other columns of amounts that are not read (a second amount column): the import warns of them. */
  readonly otherAmounts: readonly number[];
  readonly year?: number;
  readonly kind?: number;
  readonly direction?: number;
  /** Levels present, top down. */
  readonly levels: readonly LevelColumns[];
  /** Unterprodukt columns: below the product, summed into it. */
  readonly sub?: { readonly code?: number; readonly name?: number };
  readonly line?: { readonly mode: LineMode; readonly column: number };
  readonly unused: readonly number[];
}

export type RolesResult =
  { readonly ok: true; readonly roles: ColumnRoles } | { readonly ok: false; readonly message: string };

/** What the sampled values of a column look like. */
interface ColumnStats {
  readonly filled: number;
  readonly distinct: Set<string>;
  readonly numeric: number;
  readonly year: number;
  readonly codeLike: number;
  readonly kind: number;
  readonly direction: number;
  readonly lineNumber: number;
  readonly accountDigits: number;
  readonly account: number;
}

const AMOUNT_LIKE = /^[-−–+]?\s*[\d.,]+(?:[eE][-+]?\d+)?\s*-?\s*(?:€|EUR)?$/u;
const YEAR_LIKE = /^(?:19|20)\d{2}(?:\.0+)?$/u;
/** A line number, whole or decimal as Sachsen numbers the parts of a sum ("1.5"), alone or before the label. */
const LINE_NUMBER_LIKE = /^(?:[1-9]\.[1-9]\d?|\d{1,2})(?:\s*(?:[-–=:.]|\+\/-|\+)?\s+\D.*)?$/u;
const ACCOUNT_LIKE = /^\d{1,12}$/u;

/**
 * A code as budgets print them: digits with separators (`0101`, `01.01.01`, `1110100`), behind a level word
 * (`Produktbereich 01`, `PG 12`), or a product number a spreadsheet saved as a date (`16.01.2001`).
 */
export function isCodeLike(value: string): boolean {
  const v = value
    .trim()
    .replace(/^(?:produktbereich|produktgruppe|produkt|pb|pg|p|nr\.?|teilplan)\s*:?\s*/iu, '');
  return /^\d+(?:[.\-/ ]\d+)*$/u.test(v) || /^\d{4}-\d{2}-\d{2}$/u.test(v);
}

function statsOf(rows: readonly (readonly string[])[], col: number): ColumnStats {
  let filled = 0;
  let numeric = 0;
  let year = 0;
  let codeLike = 0;
  let kind = 0;
  let direction = 0;
  let lineNumber = 0;
  let account = 0;
  let accountDigits = 0;
  const distinct = new Set<string>();
  for (const row of rows) {
    const v = (row[col] ?? '').trim();
    if (v === '') continue;
    filled++;
    if (distinct.size < 200) distinct.add(v);
    if (AMOUNT_LIKE.test(v) || isMissing(v)) numeric++;
    if (YEAR_LIKE.test(v)) year++;
    if (isCodeLike(v)) codeLike++;
    if (kindOf(v) !== undefined) kind++;
    if (directionOf(v) !== undefined) direction++;
    if (LINE_NUMBER_LIKE.test(v)) lineNumber++;
    if (ACCOUNT_LIKE.test(v)) {
      account++;
      accountDigits += v.length;
    }
  }
  return { filled, distinct, numeric, year, codeLike, kind, direction, lineNumber, accountDigits, account };
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);
const MOST = 0.9;

function byProfile(header: readonly string[], pattern: string | undefined): number | undefined {
  if (pattern === undefined) return undefined;
  const re = new RegExp(`^(?:${pattern})$`, 'iu');
  const i = header.findIndex((h) => re.test(h.trim()));
  return i >= 0 ? i : undefined;
}

/**
 * Recognises the columns of a long table from its header, a sample of its rows, the descriptor's hints (by
 * column) and a profile. Fails with a German message when there is no amount column.
 */
export function recognizeRoles(
  header: readonly string[],
  sample: readonly (readonly string[])[],
  hints: ReadonlyMap<number, FieldHint> = new Map(),
  profile?: LongProfile,
): RolesResult {
  const width = header.length;
  const stats = Array.from({ length: width }, (_, c) => statsOf(sample, c));
  const norm = header.map(normalizeHeader);
  const taken = new Set<number>();
  const take = (c: number | undefined): number | undefined => {
    if (c === undefined || taken.has(c)) return undefined;
    taken.add(c);
    return c;
  };
  const free = (): number[] => [...Array(width).keys()].filter((c) => !taken.has(c));
  const pc = profile?.columns ?? {};
  const profileMissing: string[] = [];
  const fromProfile = (pattern: string | undefined, what: string): number | undefined => {
    if (pattern === undefined) return undefined;
    const c = byProfile(header, pattern);
    if (c === undefined) profileMissing.push(`${what} („${pattern}“)`);
    return take(c);
  };

  // 1. the profile's columns
  let amount = fromProfile(pc.amount, 'Betrag');
  let year = fromProfile(pc.year, 'Jahr');
  let kind = fromProfile(pc.kind, 'Art');
  let direction = fromProfile(pc.direction, 'Richtung');
  const levelCols = new Map<NodeLevel, { code?: number; name?: number }>();
  for (const level of ['produktbereich', 'produktgruppe', 'produkt'] as const) {
    const p = pc[level];
    if (!p) continue;
    const code = fromProfile(p.code, `${level} (Nummer)`);
    const name = fromProfile(p.name, `${level} (Bezeichnung)`);
    if (code !== undefined || name !== undefined)
      levelCols.set(level, {
        ...(code !== undefined ? { code } : {}),
        ...(name !== undefined ? { name } : {}),
      });
  }
  let line: ColumnRoles['line'];
  for (const [mode, pattern] of [
    ['number', pc.line],
    ['label', pc.lineLabel],
    ['account', pc.account],
  ] as const) {
    const c = fromProfile(
      pattern,
      mode === 'number' ? 'Zeile' : mode === 'label' ? 'Zeilenbezeichnung' : 'Konto',
    );
    if (c !== undefined && !line) line = { mode, column: c };
  }
  if (profileMissing.length > 0)
    return {
      ok: false,
      message: `Spalten des Profils ${profile?.id ?? ''} nicht gefunden: ${profileMissing.join(', ')}; Kopfzeile: ${header.join(', ')}`,
    };

  // 2. amount and year by their headers (checked against the values), then the descriptor
  const hinted = (role: FieldHint['role']): number | undefined =>
    free().find((c) => hints.get(c)?.role === role);
  // a column named as the amount is one if most of its values are numbers (unreadable ones are reported)
  amount ??= take(
    free().find((c) => AMOUNT_HEADER.test(norm[c]!) && share(stats[c]!.numeric, stats[c]!.filled) >= 0.5),
  );
  amount ??= take(hinted('amount'));
  // a column of amounts named by their kind, when a year column says which year
  let amountKind: string | undefined;
  if (amount === undefined && free().some((c) => YEAR_HEADER.test(norm[c]!))) {
    amount = take(
      free().find(
        (c) => KIND_AMOUNT_HEADER.test(norm[c]!) && share(stats[c]!.numeric, stats[c]!.filled) >= 0.5,
      ),
    );
    if (amount !== undefined) amountKind = header[amount]!.trim();
  }
  if (amount === undefined)
    return {
      ok: false,
      message: `Keine Spalte mit den Beträgen erkannt (erwartet eine Spalte „Betrag“, „Amount“ oder „Wert“ mit Zahlen; Kopfzeile: ${header.join(', ')})`,
    };
  year ??= take(
    free().find((c) => YEAR_HEADER.test(norm[c]!) && share(stats[c]!.year, stats[c]!.filled) >= MOST),
  );
  year ??= take(
    free().find((c) => hints.get(c)?.role === 'year' && share(stats[c]!.year, stats[c]!.filled) >= MOST),
  );

  // 3. kind and direction: by their values first (the headers "Art" and "Typ" mean either), then by header
  //    or descriptor alone (values the import does not know then come out as rows outside the plans)
  const byValues = (count: (s: ColumnStats) => number): number | undefined => {
    let best: number | undefined;
    let bestShare = 0;
    for (const c of free()) {
      const s = stats[c]!;
      if (s.filled === 0 || s.distinct.size > 30) continue;
      const sh = share(count(s), s.filled);
      if (sh >= MOST && sh > bestShare) {
        best = c;
        bestShare = sh;
      }
    }
    return best;
  };
  kind ??= take(byValues((s) => s.kind));
  direction ??= take(byValues((s) => s.direction));
  const fewValues = (c: number): boolean => stats[c]!.distinct.size <= 30;
  kind ??= take(
    free().find(
      (c) =>
        fewValues(c) &&
        (hints.get(c)?.role === 'kind' || (KIND_HEADER.test(norm[c]!) && !DIRECTION_HEADER.test(norm[c]!))),
    ),
  );
  direction ??= take(
    free().find(
      (c) =>
        fewValues(c) &&
        (hints.get(c)?.role === 'direction' ||
          (DIRECTION_HEADER.test(norm[c]!) && !KIND_HEADER.test(norm[c]!))),
    ),
  );

  // 4. the levels of the product hierarchy by their headers; code or name by the values
  const candidates = new Map<NodeLevel | 'unterprodukt', number[]>();
  if (levelCols.size === 0) {
    for (const c of free()) {
      const compact = compactHeader(header[c]!);
      const match = LEVEL_HEADERS.find((l) => l.pattern.test(compact));
      if (!match) continue;
      const list = candidates.get(match.level) ?? [];
      list.push(c);
      candidates.set(match.level, list);
    }
    // no level named in the headers: the descriptor's administrative classification, top down
    if (candidates.size === 0) {
      const byLevel = new Map<number, number[]>();
      for (const c of free()) {
        const h = hints.get(c);
        if (h?.role !== 'level' || h.level === undefined) continue;
        byLevel.set(h.level, [...(byLevel.get(h.level) ?? []), c]);
      }
      const levels: NodeLevel[] = ['produktbereich', 'produktgruppe', 'produkt'];
      [...byLevel.keys()]
        .sort((a, b) => a - b)
        .slice(0, 3)
        .forEach((l, i) => candidates.set(levels[i]!, byLevel.get(l)!));
    }
  }
  let sub: ColumnRoles['sub'];
  for (const [level, cols] of candidates) {
    const codeLike = (c: number): boolean => share(stats[c]!.codeLike, stats[c]!.filled) >= MOST;
    const named = (c: number): boolean => NAME_SUFFIX.test(compactHeader(header[c]!));
    const codes = cols.filter(codeLike);
    const names = cols.filter((c) => !codeLike(c));
    const code = take(codes.find((c) => !named(c)) ?? codes[0]);
    const name = take(names.find(named) ?? names[0]);
    const entry = { ...(code !== undefined ? { code } : {}), ...(name !== undefined ? { name } : {}) };
    if (level === 'unterprodukt') sub = entry;
    else if (code !== undefined || name !== undefined) levelCols.set(level, entry);
  }
  const levels: LevelColumns[] = (['produktbereich', 'produktgruppe', 'produkt'] as const)
    .filter((l) => levelCols.has(l))
    .map((l) => ({ level: l, ...levelCols.get(l)! }));

  // 5. the plan line: by number, by label, by account (the most specific account column)
  if (!line) {
    const number = free().find(
      (c) => LINE_NUMBER_HEADER.test(norm[c]!) && share(stats[c]!.lineNumber, stats[c]!.filled) >= MOST,
    );
    const label = free().find(
      (c) => LINE_LABEL_HEADER.test(norm[c]!) && share(stats[c]!.codeLike, stats[c]!.filled) < 0.5,
    );
    const accounts = free().filter(
      (c) =>
        (ACCOUNT_HEADER.test(norm[c]!) || hints.get(c)?.role === 'account') &&
        share(stats[c]!.account, stats[c]!.filled) >= MOST,
    );
    const account = accounts.sort(
      (a, b) =>
        stats[b]!.accountDigits / Math.max(1, stats[b]!.account) -
          stats[a]!.accountDigits / Math.max(1, stats[a]!.account) || a - b,
    )[0];
    if (number !== undefined) line = { mode: 'number', column: number };
    else if (label !== undefined) line = { mode: 'label', column: label };
    else if (account !== undefined) line = { mode: 'account', column: account };
    if (line) take(line.column);
  }

  const otherAmounts = free().filter(
    (c) =>
      (AMOUNT_HEADER.test(norm[c]!) || KIND_AMOUNT_HEADER.test(norm[c]!)) &&
      stats[c]!.filled > 0 &&
      share(stats[c]!.numeric, stats[c]!.filled) >= MOST,
  );
  return {
    ok: true,
    roles: {
      amount,
      ...(amountKind !== undefined ? { amountKind } : {}),
      otherAmounts,
      ...(year !== undefined ? { year } : {}),
      ...(kind !== undefined ? { kind } : {}),
      ...(direction !== undefined ? { direction } : {}),
      levels,
      ...(sub ? { sub } : {}),
      ...(line ? { line } : {}),
      unused: free(),
    },
  };
}

/**
 * Whether a header row (with a sample of rows below it) is a long table: a column of amounts named as such,
 * and a year, kind or direction column, and no column header that names a plan column with its year
 * ("Ansatz 2026": a table of plan lines, one column per year).
 */
export function looksLikeLongTable(
  header: readonly string[],
  sample: readonly (readonly string[])[],
  wideHeader: (h: string) => boolean,
): boolean {
  if (header.length < 2 || sample.length === 0) return false;
  if (header.some((h) => wideHeader(h))) return false;
  const norm = header.map(normalizeHeader);
  const stats = header.map((_, c) => statsOf(sample, c));
  let amount = norm.findIndex(
    (h, c) => AMOUNT_HEADER.test(h) && share(stats[c]!.numeric, stats[c]!.filled) >= 0.5,
  );
  if (amount < 0 && norm.some((h) => YEAR_HEADER.test(h)))
    amount = norm.findIndex(
      (h, c) => KIND_AMOUNT_HEADER.test(h) && share(stats[c]!.numeric, stats[c]!.filled) >= MOST,
    );
  if (amount < 0) return false;
  return norm.some(
    (h, c) =>
      c !== amount &&
      ((YEAR_HEADER.test(h) && share(stats[c]!.year, stats[c]!.filled) >= MOST) ||
        (stats[c]!.distinct.size <= 30 &&
          (share(stats[c]!.kind, stats[c]!.filled) >= MOST ||
            share(stats[c]!.direction, stats[c]!.filled) >= MOST))),
  );
}
