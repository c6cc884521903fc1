/**
 * Long tables: one amount per row, with columns that say what it is — year, kind (Plan, Ansatz, Planung, Ist,
 * Ergebnis, …), direction (Ertrag/Aufwand, revenue/expenditure), the node (codes and/or names of Produktbereich,
 * Produktgruppe, Produkt) and the plan line (by number, label or account; or none: Erträge and Aufwendungen
 * only). The layout of offenerhaushalt.de and OpenSpending, and of SAP exports. Recognised from the headers and
 * values (`roles.ts`), with a Fiscal Data Package descriptor's hints (`datapackage.ts`) and a profile's words
 * (`profile.ts`).
 *
 * Conservation: every amount read goes into the file's ledger in the sign the plan prints it, and either onto a
 * plan cell (whose source is the first row summed into it) or outside the plans with its reason: differences,
 * kinds and years the plans do not take, rows without a node, lines or accounts no schema or Kontenrahmen
 * knows, totals of the file. An amount that cannot be read is an error finding at its row (`unreadable-amount`),
 * never a guess. Parents and derived totals are sums without a source.
 *
 * Two passes over the rows: the first collects what decides the whole file (decimal mark, kinds and years,
 * nodes, line values), the second places every amount.
 */
import type { Budget, BudgetNode, Column, ImportNote, Level } from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import { Ledger } from '../../core/ledger.js';
import { formatGerman, type Cents } from '../../core/money.js';
import { detectSigns } from '../../core/signs.js';
import type { LineSchema } from '../../core/schema.js';
import type { AccountMapping } from '../accounts/mapping.js';
import type { ImportResult } from '../types.js';
import { planColumns, kindYearKey, type KindYear } from './columns.js';
import type { FieldHint, PackageInfo, ResourceInfo } from './datapackage.js';
import { landOfCity } from './land.js';
import { isSumsSchema, lineResolver, type LineTarget } from './lines.js';
import { DecimalEvidence, decideDecimal, parseLongAmount, type DecimalMark } from './numbers.js';
import { buildHierarchy, type LevelValue, type NodeSpec, type TupleTarget } from './nodes.js';
import { addInto, buildPlans, type LineSums, type PlanSums } from './plans.js';
import type { LongProfile } from './profile.js';
import { splitRecords } from './records.js';
import { looksLikeLongTable, recognizeRoles, type ColumnRoles, type NodeLevel } from './roles.js';
import { directionOf, isMissing, kindOf, type Direction, type KindClass } from './vocabulary.js';
import { detectDelimiter } from '../table/csv.js';
import { parseColumnHeader } from '../text/table.js';

export { isLongProfile, type LongProfile } from './profile.js';

export interface LongOptions {
  readonly profile?: LongProfile;
  /** The file's resource in a Fiscal Data Package descriptor beside it, and the package. */
  readonly resource?: ResourceInfo;
  readonly pkg?: PackageInfo;
  /** A city's own account mapping (`--mapping`). */
  readonly mapping?: AccountMapping;
  /** Progress of the rows placed, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

const SAMPLE = 2000;
const MAX_NOTED_ERRORS = 200;
const PROGRESS_STEP = 16_384;

const wide = (h: string): boolean => parseColumnHeader(h, []) !== undefined;

/** A sample of the rows for recognising columns: the first ones and some spread over the rest. */
function sampleOf(rows: readonly (readonly string[])[]): (readonly string[])[] {
  if (rows.length <= SAMPLE) return [...rows];
  const out = rows.slice(0, SAMPLE / 2);
  const step = (rows.length - SAMPLE / 2) / (SAMPLE / 2);
  for (let i = 0; i < SAMPLE / 2; i++) out.push(rows[Math.floor(SAMPLE / 2 + i * step)]!);
  return out;
}

/** Whether decoded CSV text is a long table (judged on its first 200 lines). */
export function looksLikeLongText(text: string): boolean {
  const head = text.slice(0, 64 * 1024);
  const delimiter = detectDelimiter(head);
  if (delimiter === undefined) return false;
  const cut = head.lastIndexOf('\n');
  const { rows } = splitRecords(cut > 0 ? head.slice(0, cut) : head, delimiter);
  return looksLikeLongRows(rows.slice(0, 200));
}

/** Whether rows (a header, then data) are a long table. */
export function looksLikeLongRows(rows: readonly (readonly string[])[]): boolean {
  const start = rows.findIndex((r) => r.filter((c) => c !== '').length >= 2);
  if (start < 0) return false;
  return looksLikeLongTable(rows[start]!, rows.slice(start + 1, start + 200), wide);
}

/** Imports decoded CSV text of a long table. */
export function importLongText(text: string, file: string, options: LongOptions = {}): ImportResult {
  const delimiter =
    options.resource?.delimiter && [',', ';', '\t'].includes(options.resource.delimiter)
      ? options.resource.delimiter
      : detectDelimiter(text.slice(0, 64 * 1024));
  if (delimiter === undefined)
    return {
      ok: false,
      errors: [
        { file, line: 1, message: 'Keine Tabelle erkannt: kein Trennzeichen (; , oder Tabulator) gefunden' },
      ],
    };
  const { rows, lines } = splitRecords(text, delimiter);
  return importLongRows(rows, file, options, (i) => lines[i] ?? i + 1);
}

interface Acc {
  sums: PlanSums;
}

/** A row's amount kept for a node that also has children: total of them, or booked on the node itself. */
interface OwnRow {
  readonly key: string;
  readonly col: number;
  readonly cents: Cents;
  readonly line: number;
  readonly target: LineTarget;
}

function hintsFor(header: readonly string[], resource?: ResourceInfo): Map<number, FieldHint> {
  const out = new Map<number, FieldHint>();
  if (!resource) return out;
  header.forEach((h, i) => {
    const hint = resource.fields.get(h) ?? resource.fields.get(h.trim());
    if (hint) out.set(i, hint);
  });
  return out;
}

const PHASE_KIND: Readonly<Record<string, KindClass>> = {
  executed: 'ergebnis',
  approved: 'ansatz',
  adjusted: 'ansatz',
  proposed: 'plan',
};

const LEVEL_NAME: Readonly<Record<Level, string>> = {
  haushalt: 'Haushalt',
  produktbereich: 'Produktbereich',
  produktgruppe: 'Produktgruppe',
  produkt: 'Produkt',
};
const NEXT_LEVEL: Readonly<Record<NodeLevel, NodeLevel>> = {
  produktbereich: 'produktgruppe',
  produktgruppe: 'produkt',
  produkt: 'produkt',
};

const YEAR = /^((?:19|20)\d{2})(?:\.0+|-\d{2}-\d{2}.*)?$/u;

function describeRoles(header: readonly string[], roles: ColumnRoles, lineText: string): string {
  const h = (c: number | undefined): string => (c === undefined ? '' : `„${header[c] ?? ''}“`);
  const parts = [`Betrag ${h(roles.amount)}`];
  if (roles.year !== undefined) parts.push(`Jahr ${h(roles.year)}`);
  if (roles.kind !== undefined) parts.push(`Art ${h(roles.kind)}`);
  if (roles.direction !== undefined) parts.push(`Richtung ${h(roles.direction)}`);
  for (const l of roles.levels) {
    const what = [
      l.code !== undefined ? `Nummer ${h(l.code)}` : '',
      l.name !== undefined ? `Bezeichnung ${h(l.name)}` : '',
    ]
      .filter(Boolean)
      .join(', ');
    parts.push(`${LEVEL_NAME[l.level]} (${what})`);
  }
  if (roles.sub) parts.push(`Unterprodukt ${h(roles.sub.code ?? roles.sub.name)} (in die Produkte summiert)`);
  parts.push(lineText);
  const unused = roles.unused.filter((c) => (header[c] ?? '') !== '');
  return `Spalten erkannt: ${parts.join('; ')}${unused.length > 0 ? `; nicht verwendet: ${unused.map((c) => `„${header[c]!}“`).join(', ')}` : ''}`;
}

/** Imports the rows of a long table (a CSV split into records, an XLSX sheet); `lineOf(i)` is row i's line. */
export function importLongRows(
  allRows: readonly (readonly string[])[],
  file: string,
  options: LongOptions = {},
  lineOf: (i: number) => number = (i) => i + 1,
): ImportResult {
  const start = allRows.findIndex((r) => r.filter((c) => c !== '').length >= 2);
  if (start < 0) return { ok: false, errors: [{ file, message: 'Die Datei ist leer' }] };
  const header = allRows[start]!.map((h) => h.trim());
  const rows = allRows.slice(start + 1);
  const rowLine = (i: number): number => lineOf(start + 1 + i);
  const { profile, resource, pkg } = options;
  const hints = hintsFor(header, resource);
  const roleResult = recognizeRoles(header, sampleOf(rows), hints, profile);
  if (!roleResult.ok)
    return { ok: false, errors: [{ file, line: lineOf(start), message: roleResult.message }] };
  // a level given by its code only: its names from the column the descriptor says names it (`labelfor`)
  const roles: ColumnRoles = {
    ...roleResult.roles,
    levels: roleResult.roles.levels.map((l) => {
      if (l.name !== undefined || l.code === undefined) return l;
      const name = [...hints].find(([, h]) => h.labelFor === header[l.code!])?.[0];
      return name === undefined ? l : { ...l, name };
    }),
  };
  const notes: ImportNote[] = [];
  // notes of the whole file stand at its header
  const note = (
    severity: ImportNote['severity'],
    rule: string,
    message: string,
    line: number = lineOf(start),
  ): void => {
    notes.push({ severity, rule, message, source: { file, line } });
  };
  const fixedYear = profile?.year ?? (pkg?.fiscalYears?.length === 1 ? pkg.fiscalYears[0] : undefined);
  if (roles.year === undefined && fixedYear === undefined)
    return {
      ok: false,
      errors: [
        {
          file,
          line: lineOf(start),
          message: `Keine Spalte mit dem Jahr erkannt (erwartet z. B. „Jahr“, „Haushaltsjahr“, „Year“ mit Jahreszahlen; Kopfzeile: ${header.join(', ')}); ein Profil kann das Jahr angeben ("year")`,
        },
      ],
    };
  const mode = roles.line?.mode ?? (roles.direction !== undefined ? 'sums' : undefined);
  if (mode === undefined)
    return {
      ok: false,
      errors: [
        {
          file,
          line: lineOf(start),
          message: `Nicht erkannt, wozu die Beträge gehören: weder eine Planzeile (Spalte wie „Zeile“, „Position“, „Konto“) noch eine Richtung (Ertrag/Aufwand, z. B. Spalte „Richtung“); Kopfzeile: ${header.join(', ')}`,
        },
      ],
    };

  // ---- pass 1: what decides the whole file ----
  const amountCol = roles.amount;
  const evidence = new DecimalEvidence();
  const pairCounts = new Map<string, { kind: string; year: number; rows: number }>();
  const tuples = new Map<string, { key: string; line: number; values: LevelValue[] }>();
  const lineValues = new Map<string, { line: number; rows: number }>();
  const levelCols = roles.levels;
  const tupleKey = (row: readonly string[]): string => {
    let key = '';
    for (const l of levelCols)
      key += `${l.code !== undefined ? (row[l.code] ?? '') : ''}\u0001${l.name !== undefined ? (row[l.name] ?? '') : ''}\u0002`;
    return key;
  };
  const yearOf = (row: readonly string[]): number | undefined => {
    if (roles.year === undefined) return fixedYear;
    const m = YEAR.exec((row[roles.year] ?? '').trim());
    return m ? Number(m[1]) : undefined;
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // every node the file names is a node, also one whose amounts are all missing
    if (levelCols.length > 0) {
      const key = tupleKey(row);
      if (!tuples.has(key))
        tuples.set(key, {
          key,
          line: rowLine(i),
          values: levelCols.map((l) => ({
            code: l.code !== undefined ? (row[l.code] ?? '') : '',
            name: l.name !== undefined ? (row[l.name] ?? '') : '',
          })),
        });
    }
    const text = row[amountCol] ?? '';
    if (isMissing(text)) continue;
    evidence.add(text, rowLine(i));
    const year = yearOf(row);
    if (year !== undefined) {
      const kind = roles.kind !== undefined ? (row[roles.kind] ?? '').trim() : '';
      const k = kindYearKey(kind, year);
      const p = pairCounts.get(k);
      if (p) p.rows++;
      else pairCounts.set(k, { kind, year, rows: 1 });
    }
    if (roles.line) {
      const v = (row[roles.line.column] ?? '').trim();
      const e = lineValues.get(v);
      if (e) e.rows++;
      else lineValues.set(v, { line: rowLine(i), rows: 1 });
    }
  }

  // decimal mark of the amounts
  const fieldHint = resource?.fields.get(header[amountCol]!);
  const hint: DecimalMark | undefined =
    profile?.decimal ??
    (fieldHint?.decimalChar === ',' || fieldHint?.decimalChar === '.' ? fieldHint.decimalChar : undefined);
  const decimal = decideDecimal(evidence, hint);
  if (!decimal.ok)
    return {
      ok: false,
      errors: [
        {
          file,
          line: evidence.lineOfDoubt() ?? lineOf(start),
          message: `Spalte „${header[amountCol]!}“: ${decimal.message}`,
        },
      ],
    };
  if (hint && decimal.how === 'data' && decimal.mark !== hint)
    note(
      'info',
      'decimal-mark',
      `${profile?.decimal ? 'Das Profil' : 'Die Beschreibung'} nennt „${hint}“ als Dezimalzeichen der Spalte „${header[amountCol]!}“, die Beträge zeigen „${decimal.mark}“ (z. B. „${evidence.examples.point ?? evidence.examples.comma ?? ''}“); gelesen mit „${decimal.mark}“`,
    );
  const factor =
    resource?.factor !== undefined && Number.isInteger(resource.factor) && resource.factor > 0
      ? resource.factor
      : 1;
  if (factor !== 1)
    note(
      'info',
      'factor',
      `Die Beschreibung nennt den Faktor ${factor}: jeder Betrag der Datei wird mit ${factor} multipliziert`,
    );
  if (resource?.currency && resource.currency !== 'EUR')
    note(
      'info',
      'currency',
      `Die Beschreibung nennt die Währung ${resource.currency}; gelesen als Euro (Haushalte deutscher Kommunen)`,
    );

  // kinds and years → columns
  const namedKind = roles.amountKind !== undefined ? kindOf(roles.amountKind) : undefined;
  const noKind: KindClass =
    profile?.defaultKind ??
    namedKind ??
    (resource?.phase ? PHASE_KIND[resource.phase.toLowerCase()] : undefined) ??
    'ansatz';
  if (roles.kind === undefined && !profile?.defaultKind && !namedKind && !resource?.phase)
    note(
      'warning',
      'kind-unknown',
      'Die Datei sagt nicht, ob die Beträge Plan oder Ist sind (keine Spalte wie „Plan_Ist“, „Art“, „Typ“): gelesen als Ansatz des jeweiligen Jahres; ein Profil kann es festlegen ("defaultKind": "ergebnis")',
    );
  const pairs: KindYear[] = [...pairCounts.values()].map((p) => ({
    ...p,
    cls: roles.kind === undefined ? noKind : (profile?.kinds?.[p.kind] ?? kindOf(p.kind) ?? 'unknown'),
  }));
  if (pairs.some((p) => /^soll$/iu.test(p.kind) && p.cls === 'ansatz') && !profile?.kinds)
    note(
      'warning',
      'kind-soll',
      '„Soll“ gelesen als Ansatz (Haushaltssoll); meint die Datei das Rechnungsergebnis, kann ein Profil es festlegen ("kinds": {"Soll": "ergebnis"})',
    );
  const budgetYears = profile?.budgetYears ?? pkg?.fiscalYears;
  const columnPlan = planColumns(pairs, budgetYears);
  note('info', 'columns', `Arten der Beträge: ${columnPlan.summary.join('; ')}`);
  const placedColumns: Column[] = [];
  const columnIndex = new Map<string, number>();
  for (const d of columnPlan.decisions.values()) {
    if (!d.placed) continue;
    const key = `${d.column.kind}:${d.column.year}`;
    if (!columnIndex.has(key)) {
      columnIndex.set(key, placedColumns.length);
      placedColumns.push(d.column);
    }
  }
  const ORDER = ['ergebnis', 'ansatz', 've', 'planung'];
  const sortedColumns = [...placedColumns].sort(
    (a, b) => a.year - b.year || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind),
  );
  sortedColumns.forEach((c, k) => columnIndex.set(`${c.kind}:${c.year}`, k));
  const width = sortedColumns.length;

  // nodes
  const hierarchy =
    levelCols.length > 0
      ? buildHierarchy(levelCols, header, [...tuples.values()], file)
      : { nodes: [] as NodeSpec[], target: new Map<string, TupleTarget>(), notes: [] as ImportNote[] };
  notes.push(...hierarchy.notes);
  const gesamt = levelCols.length === 0;
  const specByKey = new Map(hierarchy.nodes.map((n) => [n.key, n]));
  const hasChildren = new Set(
    hierarchy.nodes.flatMap((n) => (n.parentKey !== undefined ? [n.parentKey] : [])),
  );

  // the Land and the lines
  const land = profile?.land ?? landOfCity(pkg?.city) ?? landOfCity(pkg?.title);
  const landSource = profile?.land
    ? 'laut Profil'
    : land
      ? `aus der Beschreibung: ${pkg?.city ?? pkg?.title ?? ''}`
      : undefined;
  const resolver = lineResolver({
    mode,
    gesamt,
    ...(land ? { land } : {}),
    ...(landSource ? { landSource } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(columnPlan.budgetYear !== undefined ? { year: columnPlan.budgetYear } : {}),
    values: lineValues,
    header: roles.line ? (header[roles.line.column] ?? '') : '',
    file,
    headerLine: lineOf(start),
  });
  notes.push(...resolver.notes);
  const lineText =
    mode === 'sums'
      ? 'keine Planzeilen: nur Erträge und Aufwendungen (Zeilenschema „nur Summen“)'
      : mode === 'account'
        ? `Planzeile über das Konto „${header[roles.line!.column]!}“`
        : mode === 'label'
          ? `Planzeile über die Bezeichnung „${header[roles.line!.column]!}“`
          : `Planzeile über die Nummer „${header[roles.line!.column]!}“`;
  note('info', 'long-columns', describeRoles(header, roles, lineText));
  if (roles.otherAmounts.length > 0)
    note(
      'warning',
      'unused-amounts',
      `Die Spalte${roles.otherAmounts.length > 1 ? 'n' : ''} ${roles.otherAmounts.map((c) => `„${header[c]!}“`).join(', ')} ${roles.otherAmounts.length > 1 ? 'enthalten' : 'enthält'} ebenfalls Beträge, gelesen wird nur „${header[amountCol]!}“ (eine Spalte Beträge je Zeile; ein Profil kann die Spalte wählen: "columns": {"amount": …})`,
    );
  if (roles.sub)
    note(
      'info',
      'sub-products',
      'Unterprodukte sind im Haushaltsmodell keine eigene Ebene: ihre Beträge stehen in ihren Produkten',
    );

  // ---- pass 2: every amount ----
  const ledger = new Ledger(file);
  const acc = new Map<string, Acc>();
  const own: OwnRow[] = [];
  let missing = 0;
  let unreadable = 0;
  let decimals: 0 | 2 = 0;
  const contradictions = new Map<string, { count: number; line: number; amount: Cents }>();
  const tupleTarget = new Map<string, TupleTarget>();
  const unknownDirections = new Map<string, number>();
  const error = (rule: string, message: string, line: number): void => {
    if (unreadable++ < MAX_NOTED_ERRORS) note('error', rule, message, line);
  };
  const place = (key: string, target: LineTarget, col: number, cents: Cents, line: number): void => {
    let a = acc.get(key);
    if (!a) {
      a = { sums: new Map() };
      acc.set(key, a);
    }
    const plan =
      a.sums.get(target.schema.id) ?? a.sums.set(target.schema.id, new Map()).get(target.schema.id)!;
    let s: LineSums | undefined = plan.get(target.line);
    if (!s) {
      s = { sums: new Array<Cents | undefined>(width).fill(undefined), first: { file, line } };
      plan.set(target.line, s);
    }
    s.sums[col] = (s.sums[col] ?? 0) + cents;
  };
  const sap = roles.direction === undefined && profile?.signs === 'sap';
  const directions = new Map<string, Direction | undefined>();
  for (let i = 0; i < rows.length; i++) {
    if (options.onProgress && i % PROGRESS_STEP === 0) options.onProgress(i, rows.length);
    const row = rows[i]!;
    const text = (row[amountCol] ?? '').trim();
    if (isMissing(text)) {
      missing++;
      continue;
    }
    const line = rowLine(i);
    const year = yearOf(row);
    if (year === undefined) {
      error(
        'unreadable-year',
        `Jahr „${roles.year !== undefined ? (row[roles.year] ?? '') : ''}“ in Spalte „${roles.year !== undefined ? header[roles.year]! : ''}“ ist keine Jahreszahl; der Betrag „${text}“ dieser Zeile ist ausgelassen`,
        line,
      );
      continue;
    }
    const parsed = parseLongAmount(text, decimal.mark);
    if (!parsed.ok) {
      error(
        'unreadable-amount',
        `Betrag „${text}“ in Spalte „${header[amountCol]!}“ ist nicht lesbar: ${parsed.why}; die Zeile ist ausgelassen, alles andere übernommen`,
        line,
      );
      continue;
    }
    if (parsed.decimals === 2) decimals = 2;
    const raw = parsed.cents * factor;
    // the direction decides the sign: Aufwendungen are printed negative
    let direction: Direction | undefined;
    let directionText = '';
    if (roles.direction !== undefined) {
      directionText = (row[roles.direction] ?? '').trim();
      if (directions.has(directionText)) direction = directions.get(directionText);
      else {
        direction = profile?.directions?.[directionText] ?? directionOf(directionText);
        directions.set(directionText, direction);
      }
    }
    const cents = direction === 'out' || sap ? (raw === 0 ? 0 : -raw) : raw;
    const kindText = roles.kind !== undefined ? (row[roles.kind] ?? '').trim() : '';
    const decision = columnPlan.decisions.get(kindYearKey(kindText, year))!;
    ledger.read(decision.column, cents);
    const source = { file, line };
    if (!decision.placed) {
      ledger.outside(decision.column, cents, decision.reason, source);
      continue;
    }
    if (roles.direction !== undefined && direction === undefined) {
      unknownDirections.set(directionText, (unknownDirections.get(directionText) ?? 0) + 1);
      ledger.outside(
        decision.column,
        cents,
        `Richtung „${directionText}“ unbekannt (erwartet z. B. Ertrag/Aufwand, revenue/expenditure); ein Profil kann sie zuordnen („directions“)`,
        source,
      );
      continue;
    }
    // the node
    let nodeKey = 'gesamt';
    if (!gesamt) {
      const tk = tupleKey(row);
      let t = tupleTarget.get(tk);
      if (!t) {
        t = hierarchy.target.get(tk) ?? { outside: 'ohne Einheit' };
        tupleTarget.set(tk, t);
      }
      if ('outside' in t) {
        ledger.outside(decision.column, cents, t.outside, source);
        continue;
      }
      nodeKey = t.node;
    }
    // the line
    const lineValue = roles.line ? (row[roles.line.column] ?? '') : '';
    const r = resolver.resolve(lineValue, direction);
    if ('outside' in r) {
      ledger.outside(decision.column, cents, r.outside, source);
      continue;
    }
    if (
      direction !== undefined &&
      (r.target.flow === 'in' || r.target.flow === 'out') &&
      r.target.flow !== direction
    ) {
      const k = `${r.target.schema.id}|${r.target.line}|${directionText}`;
      const c = contradictions.get(k);
      if (c) c.count++;
      else contradictions.set(k, { count: 1, line, amount: cents });
    }
    const col = columnIndex.get(`${decision.column.kind}:${decision.column.year}`)!;
    if (hasChildren.has(nodeKey)) own.push({ key: nodeKey, col, cents, line, target: r.target });
    else place(nodeKey, r.target, col, cents, line);
  }
  options.onProgress?.(rows.length, rows.length);

  if (missing > 0)
    note(
      'info',
      'missing-amounts',
      `${missing === 1 ? 'Eine Zeile' : `${missing.toLocaleString('de-DE')} Zeilen`} ohne Betrag (leer oder „nan“): kein Betrag, übersprungen`,
    );
  if (unreadable > MAX_NOTED_ERRORS)
    note(
      'error',
      'unreadable-amount',
      `… und ${unreadable - MAX_NOTED_ERRORS} weitere nicht lesbare Zeilen (nicht einzeln aufgeführt)`,
    );
  for (const [k, c] of contradictions) {
    const [schemaId, lineNo, dirText] = k.split('|') as [string, string, string];
    note(
      'warning',
      'direction-contradicts-line',
      `${c.count === 1 ? 'Ein Betrag' : `${c.count} Beträge`} mit Richtung „${dirText}“ ${c.count === 1 ? 'steht' : 'stehen'} auf Zeile ${lineNo} (${schemaId}), die ${dirText && directionOf(dirText) === 'in' ? 'Aufwendungen' : 'Erträge'} führt; übernommen mit dem Vorzeichen der Richtung (zuerst ${formatGerman(c.amount, 2)} €)`,
      c.line,
    );
  }
  for (const [text, count] of unknownDirections)
    note(
      'warning',
      'direction-unknown',
      `${count === 1 ? 'Ein Betrag' : `${count} Beträge`} mit unbekannter Richtung „${text}“ außerhalb der Pläne`,
    );

  // rows on a node that has children: a total of them, or booked on the node itself
  const byKeyOwn = new Map<string, OwnRow[]>();
  for (const o of own) byKeyOwn.set(o.key, [...(byKeyOwn.get(o.key) ?? []), o]);
  const subtree = (key: string): PlanSums => {
    const out: PlanSums = new Map();
    const a = acc.get(key);
    if (a) addInto(out, a.sums, width);
    for (const n of hierarchy.nodes) if (n.parentKey === key) addInto(out, subtree(n.key), width);
    return out;
  };
  const extraNodes: NodeSpec[] = [];
  for (const [key, list] of byKeyOwn) {
    const spec = specByKey.get(key)!;
    const mine: PlanSums = new Map();
    for (const o of list) {
      const plan =
        mine.get(o.target.schema.id) ?? mine.set(o.target.schema.id, new Map()).get(o.target.schema.id)!;
      const s =
        plan.get(o.target.line) ??
        plan
          .set(o.target.line, { sums: new Array<Cents | undefined>(width).fill(undefined) })
          .get(o.target.line)!;
      s.sums[o.col] = (s.sums[o.col] ?? 0) + o.cents;
    }
    const below = subtree(key);
    const equal = [...mine].every(([schemaId, lines]) =>
      [...lines].every(([line, s]) =>
        s.sums.every((v, k) => v === undefined || v === below.get(schemaId)?.get(line)?.sums[k]),
      ),
    );
    if (equal) {
      for (const o of list)
        ledger.outside(
          sortedColumns[o.col]!,
          o.cents,
          `Summe der untergeordneten Einheiten von ${LEVEL_NAME[spec.level]} ${spec.code} (mit ihnen abgeglichen), nicht doppelt übernommen`,
          { file, line: o.line },
        );
      note(
        'info',
        'parent-rows',
        `${list.length} Zeilen für ${LEVEL_NAME[spec.level]} ${spec.code} sind die Summen seiner untergeordneten Einheiten (abgeglichen) und stehen außerhalb der Pläne`,
        list[0]!.line,
      );
      continue;
    }
    const child: NodeSpec = {
      code: `${spec.code}.00`,
      level: NEXT_LEVEL[spec.level],
      name: `${spec.name || spec.code} (direkt gebucht)`,
      parent: spec.code,
      parentKey: key,
      key: `${key}/direct`,
      line: list[0]!.line,
    };
    extraNodes.push(child);
    for (const o of list) place(child.key, o.target, o.col, o.cents, o.line);
    note(
      'info',
      'direct-bookings',
      `Beträge direkt auf ${LEVEL_NAME[spec.level]} ${spec.code} stehen als ${child.code} neben den Einheiten darunter`,
      list[0]!.line,
    );
  }

  // ---- plans: leaves as placed, parents as sums ----
  const specs = [...hierarchy.nodes, ...extraNodes];
  const childrenOf = new Map<string, NodeSpec[]>();
  for (const n of specs)
    if (n.parentKey !== undefined) childrenOf.set(n.parentKey, [...(childrenOf.get(n.parentKey) ?? []), n]);
  const totals = new Map<string, PlanSums>();
  const sumsOf = (key: string): PlanSums => {
    const known = totals.get(key);
    if (known) return known;
    const kids = childrenOf.get(key);
    let out: PlanSums;
    if (!kids) out = acc.get(key)?.sums ?? new Map<string, Map<string, LineSums>>();
    else {
      out = new Map();
      for (const k of kids) addInto(out, sumsOf(k.key), width);
    }
    totals.set(key, out);
    return out;
  };
  const signsOf = (schema: LineSchema, lines: ReadonlyMap<string, LineSums>): 'negative' | 'positive' => {
    if (roles.direction !== undefined || sap || isSumsSchema(schema.id)) return 'negative';
    return detectSigns(
      schema,
      [...lines].map(([line, s]) => ({
        line,
        label: '',
        cells: s.sums.flatMap((v, k) =>
          v === undefined ? [] : [{ column: sortedColumns[k]!, amount: v, decimals }],
        ),
      })),
    );
  };
  const built: BudgetNode[] = [];
  if (gesamt)
    built.push({
      code: 'gesamt',
      level: 'haushalt',
      name: 'Gesamthaushalt',
      plans: buildPlans(
        acc.get('gesamt')?.sums ?? new Map<string, Map<string, LineSums>>(),
        sortedColumns,
        decimals,
        signsOf,
      ),
      erlaeuterungen: [],
      kennzahlen: [],
      source: { file, line: lineOf(start) },
    });
  const byParent = new Map(specs.map((n) => [n.key, n]));
  for (const n of specs) {
    const parent = n.parentKey !== undefined ? byParent.get(n.parentKey) : undefined;
    built.push({
      code: n.code,
      level: n.level,
      name: n.name,
      ...(parent ? { parent: parent.code } : {}),
      plans: buildPlans(sumsOf(n.key), sortedColumns, decimals, signsOf),
      erlaeuterungen: [],
      kennzahlen: [],
      source: { file, line: n.line },
    });
  }
  const title = pkg?.title && /[\sA-ZÄÖÜ]/u.test(pkg.title) ? pkg.title : undefined;
  const budgetLand = resolver.land ?? land;
  const budget: Budget = {
    ...(title ? { title } : {}),
    ...(budgetLand ? { land: budgetLand } : {}),
    ...(columnPlan.budgetYear !== undefined ? { year: columnPlan.budgetYear } : {}),
    nodes: resolveParents(built),
    notes,
    files: [file],
  };
  return { ok: true, budget, ledger: [ledger.toJSON()] };
}
