/**
 * Account-level exports of finance systems (SAP, Infoma, H&H): rows of product, account and amounts per year.
 * Each row lands on a plan line through an account mapping (data, see mapping.ts) or is reported as outside the
 * plans with its reason; SAP's sign convention (Erträge negative) is turned into the printed one; products are
 * grouped into Produktgruppen and Produktbereiche from their numbers as the profile's pattern says. A total row
 * is reconciled with the sum of all rows, to the cent, column by column.
 */
import type {
  Budget,
  BudgetNode,
  Cell,
  Column,
  ImportNote,
  Level,
  Plan,
  PlanLine,
  PlanType,
} from '../../core/model.js';
import { PLAN_LABEL, columnLabel } from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import { formatGerman, parseGermanAmount, type Cents } from '../../core/money.js';
import { schemaById, schemaLine } from '../../core/schema.js';
import { Ledger } from '../../core/ledger.js';
import type { ImportError, ImportResult } from '../types.js';
import { parseColumnHeader } from '../text/table.js';
import { parseCsv } from '../table/csv.js';
import {
  NRW_COMMON,
  resolveAccount,
  withOverrides,
  type AccountMapping,
  type MappingEntry,
} from './mapping.js';

export interface AccountProfile {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly kind: 'accounts';
  /** Header names (regular expressions) of the columns. */
  readonly columns: {
    readonly product: string;
    readonly productName?: string;
    readonly account: string;
    readonly accountName?: string;
    /** With `signs: "direction"`: the column saying Ertrag/Einzahlung or Aufwand/Auszahlung. */
    readonly direction?: string;
  };
  /** Product number → levels: each capture group one level, from the top ("10101" → 1 / 01 / 01). */
  readonly productCode: { readonly pattern: string; readonly levels: readonly Level[] };
  /**
   * How the export signs its amounts: `sap` as SAP books them (Erträge negative, Aufwendungen positive);
   * `printed` as the NKF plans print them (Erträge positive, Aufwendungen negative); `direction` every amount
   * positive, a column (`columns.direction`) saying whether it is Ertrag/Einzahlung or Aufwand/Auszahlung. The
   * amounts are turned into the NKF print (Aufwendungen negative) either way.
   */
  readonly signs: 'sap' | 'printed' | 'direction';
  readonly budgetYears?: readonly number[];
  readonly overrides?: readonly MappingEntry[];
  /** The last row without a product holds the column totals. */
  readonly totalRow?: boolean;
}

/** Ertrag/Einzahlung (`in`) or Aufwand/Auszahlung (`out`) as a direction column names it. */
export function directionOfText(text: string): 'in' | 'out' | undefined {
  const t = text.trim().toLowerCase().replace(/ä/gu, 'ae').replace(/ö/gu, 'oe');
  if (/^(?:e|ertrag|ertraege|einnahmen?|einzahlungen?|erloese?|revenues?|income)$/u.test(t)) return 'in';
  if (
    /^(?:a|aufwand|aufwaende|aufwendungen?|ausgaben?|auszahlungen?|kosten|expenditures?|expenses?)$/u.test(t)
  )
    return 'out';
  return undefined;
}

export function isAccountProfile(p: unknown): p is AccountProfile {
  return typeof p === 'object' && p !== null && (p as { kind?: unknown }).kind === 'accounts';
}

const PLAN_SCHEMA: Readonly<Partial<Record<PlanType, string>>> = {
  teilergebnisplan: 'nrw-2019-teilergebnisplan',
  teilfinanzplan: 'nrw-2019-teilfinanzplan',
};

interface Acc {
  code: string;
  level: Level;
  name: string;
  lines: Map<PlanType, Map<string, Cents[]>>;
  /** The first row booked on this node directly (its cells are placed from the file; parents' are sums). */
  firstRow?: number;
}

function pad2(s: string): string {
  return s.padStart(2, '0');
}

function addLines(target: Acc, source: Acc): void {
  for (const [type, lines] of source.lines) {
    const t = target.lines.get(type) ?? target.lines.set(type, new Map()).get(type)!;
    for (const [line, sums] of lines) {
      const existing = t.get(line);
      if (existing) sums.forEach((v, k) => (existing[k]! += v));
      else t.set(line, [...sums]);
    }
  }
}

/**
 * Plans for every level: bookings on a Produktgruppe or Produktbereich that also has products below it move to
 * a child `<code>.00` ("direkt gebucht"), then every parent's plans are the exact sums of its children's.
 */
function aggregate(nodes: Map<string, Acc>, levels: readonly Level[], notes: ImportNote[]): void {
  const codes = [...nodes.keys()];
  for (const code of codes) {
    const acc = nodes.get(code)!;
    const hasChildren = codes.some((c) => c.startsWith(`${code}.`));
    if (!hasChildren || acc.lines.size === 0) continue;
    const depth = code.split('.').length;
    const own: Acc = {
      code: `${code}.00`,
      level: levels[depth] ?? 'produkt',
      name: `${acc.name || code} (direkt gebucht)`,
      lines: acc.lines,
      ...(acc.firstRow !== undefined ? { firstRow: acc.firstRow } : {}),
    };
    nodes.set(own.code, own);
    acc.lines = new Map();
    delete acc.firstRow;
    notes.push({
      severity: 'info',
      rule: 'direct-bookings',
      message: `Buchungen direkt auf ${code} (${acc.name || 'ohne Bezeichnung'}) stehen als ${own.code} neben den Produkten darunter`,
      node: own.code,
    });
  }
  const byDepth = [...nodes.values()].sort((a, b) => b.code.split('.').length - a.code.split('.').length);
  for (const acc of byDepth) {
    const cut = acc.code.lastIndexOf('.');
    if (cut < 0) continue;
    const parent = nodes.get(acc.code.slice(0, cut));
    if (parent) addLines(parent, acc);
  }
}

export function importAccounts(
  text: string,
  file: string,
  profile: AccountProfile,
  base: AccountMapping = NRW_COMMON,
): ImportResult {
  const parsed = parseCsv(text.replace(/^\uFEFF/u, ''));
  if (!parsed.ok)
    return {
      ok: false,
      errors: [
        { file, ...(parsed.line !== undefined ? { line: parsed.line } : {}), message: parsed.message },
      ],
    };
  return importAccountRows(parsed.rows, file, profile, base);
}

/** The same for rows already split into cells (a CSV parsed, an XLSX sheet read). */
export function importAccountRows(
  allRows: readonly (readonly string[])[],
  file: string,
  profile: AccountProfile,
  base: AccountMapping = NRW_COMMON,
): ImportResult {
  const errors: ImportError[] = [];
  const err = (line: number | undefined, message: string): void => {
    if (errors.length < 50) errors.push(line === undefined ? { file, message } : { file, line, message });
  };
  const [header, ...rows] = allRows;
  if (!header) return { ok: false, errors: [{ file, message: 'Die Datei ist leer' }] };
  const col = (re: string | undefined): number =>
    re === undefined ? -1 : header.findIndex((h) => new RegExp(`^(?:${re})$`, 'iu').test(h));
  const productCol = col(profile.columns.product);
  const accountCol = col(profile.columns.account);
  const productNameCol = col(profile.columns.productName);
  const directionCol = profile.signs === 'direction' ? col(profile.columns.direction ?? 'Richtung') : -1;
  if (profile.signs === 'direction' && directionCol < 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          message: `Spalte „${profile.columns.direction ?? 'Richtung'}“ erwartet: das Profil ${profile.id} sagt, eine Spalte nenne Ertrag oder Aufwand jedes Betrags (signs „direction“); gefunden: ${header.join(', ')}`,
        },
      ],
    };
  }
  if (productCol < 0 || accountCol < 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          message: `Spalten „${profile.columns.product}“ und „${profile.columns.account}“ erwartet (Profil ${profile.id}); gefunden: ${header.join(', ')}`,
        },
      ],
    };
  }
  const columns: { index: number; column: Column }[] = [];
  header.forEach((h, index) => {
    const c = parseColumnHeader(
      h,
      columns.map((x) => x.column),
    );
    if (!c) return;
    const budgetYears = profile.budgetYears ?? [];
    const column: Column =
      c.kind === 'ansatz' &&
      /^Plan\b(?!ung)/iu.test(h) &&
      budgetYears.length > 0 &&
      c.year > Math.max(...budgetYears)
        ? { kind: 'planung', year: c.year }
        : c;
    columns.push({ index, column });
  });
  if (columns.length === 0)
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          message: 'Keine Betragsspalten erkannt (erwartet z. B. „Ist 2015“, „Plan 2017“, „VE 2018“)',
        },
      ],
    };

  const mapping = withOverrides(base, profile.overrides ?? []);
  const ledger = new Ledger(file);
  const codePattern = new RegExp(profile.productCode.pattern, 'u');
  const sign = profile.signs === 'sap' ? -1 : 1;
  // rows whose direction contradicts the line their account maps to: kept (signed by their direction), reported
  const contradicting = new Map<string, { rows: number; first: number; text: string }>();
  const nodes = new Map<string, Acc>();
  const outside = new Map<string, { rows: number; accounts: Set<string>; sums: Cents[]; reason: string }>();
  const all: Cents[] = columns.map(() => 0);
  let total: { no: number; sums: (Cents | undefined)[] } | undefined;

  const notes: ImportNote[] = [];
  rows.forEach((row, i) => {
    const no = i + 2;
    if (row.every((c) => c === '')) return;
    const product = (row[productCol] ?? '').trim();
    const amounts: Cents[] = [];
    for (const { index, column } of columns) {
      const t = (row[index] ?? '').trim();
      const a = t === '' ? undefined : parseGermanAmount(t);
      if (t !== '' && !a) {
        // a finding at its place, not a refusal of the file (`--strict` refuses): the cell is left out
        notes.push({
          severity: 'error',
          rule: 'unreadable-amount',
          message: `Betrag „${t}“ in Spalte ${index + 1} (${columnLabel(column)}${column.kind === 've' ? ` ${column.year}` : ''}) ist keine Zahl (erwartet z. B. 1.234,56 oder -1.234,56)`,
          source: { file, line: no },
        });
      }
      amounts.push(a?.cents ?? 0);
    }
    if (product === '') {
      if (profile.totalRow) {
        total = { no, sums: amounts };
        // the file's own total: read, and accounted for by its check against the rows (note `total-row`)
        amounts.forEach((a, k) => {
          if (a === 0) return;
          ledger.read(columns[k]!.column, sign * a);
          ledger.outside(
            columns[k]!.column,
            sign * a,
            'Summenzeile der Datei (mit allen Zeilen abgeglichen)',
            {
              file,
              line: no,
            },
          );
        });
      } else err(no, 'Zeile ohne Produkt (Profitcenter)');
      return;
    }
    amounts.forEach((a, k) => (all[k]! += a));
    // amounts in the sign the plans print them (SAP books Erträge negative; a direction column says it)
    const directionText = directionCol >= 0 ? (row[directionCol] ?? '').trim() : '';
    const direction = directionCol >= 0 ? directionOfText(directionText) : undefined;
    const rowSign = direction === 'out' ? -1 : direction === 'in' ? 1 : sign;
    amounts.forEach((a, k) => {
      if (a !== 0) ledger.read(columns[k]!.column, rowSign * a);
    });
    const account = (row[accountCol] ?? '').trim();
    const m = codePattern.exec(product);
    const resolution: ReturnType<typeof resolveAccount> =
      directionCol >= 0 && direction === undefined
        ? {
            kind: 'outside',
            prefix: account.slice(0, 2),
            reason: `Richtung „${directionText}“ unbekannt (erwartet Ertrag/Einzahlung oder Aufwand/Auszahlung, z. B. Zeile ${no}); nicht zugeordnet`,
          }
        : m
          ? resolveAccount(mapping, account)
          : {
              kind: 'outside',
              prefix: account.slice(0, 2),
              reason: `Produktnummer passt nicht zum Muster ${profile.productCode.pattern} des Profils (z. B. Zeile ${no}: „${product}“); nicht zugeordnet`,
            };
    if (resolution.kind === 'outside') {
      const key = m || direction === undefined ? resolution.reason : 'invalid-product';
      const entry = outside.get(key) ?? {
        rows: 0,
        accounts: new Set<string>(),
        sums: columns.map(() => 0),
        reason: resolution.reason,
      };
      entry.rows++;
      entry.accounts.add(account.slice(0, Math.max(2, resolution.prefix.length)));
      amounts.forEach((a, k) => (entry.sums[k]! += a));
      outside.set(key, entry);
      amounts.forEach((a, k) => {
        if (a !== 0)
          ledger.outside(columns[k]!.column, rowSign * a, resolution.reason, {
            file,
            line: no,
          });
      });
      return;
    }
    if (!m) return;
    // hierarchy from the product number
    const parts = m.slice(1).filter((x): x is string => x !== undefined);
    let code = '';
    let acc: Acc | undefined;
    parts.forEach((part, depth) => {
      code = depth === 0 ? pad2(part) : `${code}.${part}`;
      const level = profile.productCode.levels[depth] ?? 'produkt';
      if (!nodes.has(code)) nodes.set(code, { code, level, name: '', lines: new Map() });
      acc = nodes.get(code);
    });
    if (!acc) return;
    acc.firstRow ??= no;
    if (productNameCol >= 0 && acc.name === '') acc.name = (row[productNameCol] ?? '').trim();
    const plan =
      acc.lines.get(resolution.plan) ?? acc.lines.set(resolution.plan, new Map()).get(resolution.plan)!;
    const sums =
      plan.get(resolution.line) ??
      plan
        .set(
          resolution.line,
          columns.map(() => 0),
        )
        .get(resolution.line)!;
    amounts.forEach((a, k) => (sums[k]! += rowSign * a));
    // a row whose direction contradicts its line (an Aufwand booked on an Ertrag line): kept, reported
    const lineSchema = schemaById(PLAN_SCHEMA[resolution.plan] ?? '');
    const flow = lineSchema ? schemaLine(lineSchema, resolution.line)?.flow : undefined;
    if (direction !== undefined && (flow === 'in' || flow === 'out') && flow !== direction) {
      const key = `${resolution.plan}|${resolution.line}|${directionText}`;
      const c = contradicting.get(key) ?? { rows: 0, first: no, text: directionText };
      c.rows++;
      contradicting.set(key, c);
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  for (const [key, c] of contradicting) {
    const [plan, line] = key.split('|') as [PlanType, string];
    const lineSchema = schemaById(PLAN_SCHEMA[plan] ?? '');
    const label = (lineSchema ? schemaLine(lineSchema, line)?.label : undefined) ?? '';
    notes.push({
      severity: 'warning',
      rule: 'direction-contradicts-line',
      message: `${c.rows} Zeile${c.rows === 1 ? '' : 'n'} mit Richtung „${c.text}“ auf ${PLAN_LABEL[plan]}, Zeile ${line} (${label}), die ${c.text && directionOfText(c.text) === 'out' ? 'Erträge/Einzahlungen' : 'Aufwendungen/Auszahlungen'} zählt: übernommen mit dem Vorzeichen der Richtung, bitte prüfen (zuerst Zeile ${c.first})`,
      plan,
      line,
      source: { file, line: c.first },
    });
  }
  aggregate(nodes, profile.productCode.levels, notes);
  for (const p of mapping.problems) notes.push({ severity: 'warning', rule: 'mapping-problem', message: p });
  const budgetColumn = columns.findIndex(
    (c) => c.column.kind === 'ansatz' && c.column.year === Math.max(...(profile.budgetYears ?? [0])),
  );
  for (const o of outside.values()) {
    const reason = o.reason;
    const k = budgetColumn >= 0 ? budgetColumn : 0;
    notes.push({
      severity: /doppelt|Lücke|Muster/u.test(reason) ? 'warning' : 'info',
      rule: 'outside-plans',
      message: `${o.rows} Zeilen außerhalb der Pläne (Konten ${[...o.accounts].sort().slice(0, 8).join(', ')}${o.accounts.size > 8 ? ', …' : ''}): ${reason}; Summe ${columns[k]!.column.kind} ${columns[k]!.column.year}: ${formatGerman(o.sums[k]!, 2)} €`,
    });
  }
  if (total) {
    const differing = columns.filter((c, k) => total!.sums[k] !== all[k]);
    notes.push(
      differing.length === 0
        ? {
            severity: 'info',
            rule: 'total-row',
            message: `Summenzeile (Zeile ${total.no}) stimmt in allen ${columns.length} Spalten auf den Cent mit der Summe aller Zeilen überein (zugeordnet und außerhalb der Pläne)`,
            source: { file, line: total.no },
          }
        : {
            severity: 'warning',
            rule: 'total-row',
            message: `Summenzeile (Zeile ${total.no}) weicht in ${differing.length} Spalten von der Summe aller Zeilen ab: ${differing.map((c) => `${c.column.kind} ${c.column.year}`).join(', ')}`,
            source: { file, line: total.no },
          },
    );
  }

  const built: BudgetNode[] = [...nodes.values()].map((acc) => {
    const plans: Plan[] = [];
    for (const [type, lines] of acc.lines) {
      const schema = schemaById(PLAN_SCHEMA[type]!)!;
      const planLines: PlanLine[] = [...lines]
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([line, sums]) => ({
          line,
          label: schemaLine(schema, line)?.label ?? '',
          // booked here directly: placed from the file (its first row as the source); a parent's are sums
          cells: columns.map(({ column }, k): Cell => ({
            column,
            amount: sums[k]!,
            decimals: 2,
            ...(acc.firstRow !== undefined ? { source: { file, line: acc.firstRow } } : {}),
          })),
        }));
      plans.push({
        type,
        schemaId: schema.id,
        columns: columns.map((c) => c.column),
        lines: planLines,
        signs: 'negative',
      });
    }
    return { code: acc.code, level: acc.level, name: acc.name, plans, erlaeuterungen: [], kennzahlen: [] };
  });
  const budget: Budget = { nodes: resolveParents(built), notes, files: [file] };
  return { ok: true, budget, ledger: [ledger.toJSON()] };
}
