/**
 * Long tables: one amount per row, with columns that say what it is — year, kind (Plan, Ansatz, Planung, Ist,
 * Ergebnis, …), direction (Ertrag/Aufwand, revenue/expenditure), the node (codes and/or names of Produktbereich,
 * Produktgruppe, Produkt) and the plan line (by number, label or account; or none: Erträge and Aufwendungen
 * only). The layout of offenerhaushalt.de and OpenSpending, and of SAP exports. Recognised from the headers and
 * values (`roles.ts`), with a Fiscal Data Package descriptor's hints (`datapackage.ts`) and a profile's words
 * (`profile.ts`). This module reads the file and runs the steps in their order: `survey.ts`, `decisions.ts`,
 * `nodes.ts` and `lines.ts`, `place.ts`, `own-rows.ts`, `assemble.ts`.
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
import type { Budget, ImportNote } from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import type { AccountMapping } from '../accounts/mapping.js';
import type { ImportResult } from '../types.js';
import { assembleNodes } from './assemble.js';
import type { PackageInfo, ResourceInfo } from './datapackage.js';
import { decideAmounts, decideColumns } from './decisions.js';
import { landOfCity } from './land.js';
import { lineResolver } from './lines.js';
import { buildHierarchy, type Hierarchy } from './nodes.js';
import { noteInto, noteRecognition } from './notes.js';
import { settleOwnRows } from './own-rows.js';
import { placeAmounts } from './place.js';
import type { LongProfile } from './profile.js';
import { splitRecords } from './records.js';
import { looksLikeLongTable } from './roles.js';
import { recogniseColumns, rowReaders, surveyRows, wide } from './survey.js';
import { detectDelimiter } from '../table/csv.js';

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
  const headerLine = lineOf(start);
  const failure = (message: string, line = headerLine): ImportResult => ({
    ok: false,
    errors: [{ file, line, message }],
  });
  const { profile, resource, pkg } = options;
  const recognised = recogniseColumns(header, rows, resource, profile);
  if (!recognised.ok) return failure(recognised.message);
  const roles = recognised.roles;
  const notes: ImportNote[] = [];
  // notes of the whole file stand at its header
  const note = noteInto(notes, file, headerLine);
  const fixedYear = profile?.year ?? (pkg?.fiscalYears?.length === 1 ? pkg.fiscalYears[0] : undefined);
  if (roles.year === undefined && fixedYear === undefined)
    return failure(
      `Keine Spalte mit dem Jahr erkannt (erwartet z. B. „Jahr“, „Haushaltsjahr“, „Year“ mit Jahreszahlen; Kopfzeile: ${header.join(', ')}); ein Profil kann das Jahr angeben ("year")`,
    );
  const mode = roles.line?.mode ?? (roles.direction !== undefined ? 'sums' : undefined);
  if (mode === undefined)
    return failure(
      `Nicht erkannt, wozu die Beträge gehören: weder eine Planzeile (Spalte wie „Zeile“, „Position“, „Konto“) noch eine Richtung (Ertrag/Aufwand, z. B. Spalte „Richtung“); Kopfzeile: ${header.join(', ')}`,
    );

  // ---- pass 1: what decides the whole file ----
  const readers = rowReaders(roles, fixedYear);
  const survey = surveyRows(rows, roles, readers, rowLine);
  const amounts = decideAmounts(survey.evidence, header[roles.amount]!, profile, resource, note);
  if (!amounts.ok) return failure(amounts.message, amounts.line ?? headerLine);
  const columns = decideColumns(survey.pairCounts.values(), roles, profile, resource, pkg, note);

  // nodes
  const gesamt = roles.levels.length === 0;
  const hierarchy: Hierarchy = gesamt
    ? { nodes: [], target: new Map(), notes: [] }
    : buildHierarchy(roles.levels, header, [...survey.tuples.values()], file);
  notes.push(...hierarchy.notes);

  // the Land and the lines
  const land = profile?.land ?? landOfCity(pkg?.city) ?? landOfCity(pkg?.title);
  const landSource = profile?.land
    ? 'laut Profil'
    : land
      ? `aus der Beschreibung: ${pkg?.city ?? pkg?.title ?? ''}`
      : undefined;
  const budgetYear = columns.plan.budgetYear;
  const resolver = lineResolver({
    mode,
    gesamt,
    ...(land ? { land } : {}),
    ...(landSource ? { landSource } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(budgetYear !== undefined ? { year: budgetYear } : {}),
    values: survey.lineValues,
    header: roles.line ? (header[roles.line.column] ?? '') : '',
    file,
    headerLine,
  });
  notes.push(...resolver.notes);
  noteRecognition(note, header, roles, mode);

  // ---- pass 2: every amount ----
  const sap = roles.direction === undefined && profile?.signs === 'sap';
  const placed = placeAmounts(rows, {
    file,
    header,
    roles,
    readers,
    rowLine,
    mark: amounts.mark,
    factor: amounts.factor,
    profile,
    sap,
    decisions: columns.plan.decisions,
    columnIndex: columns.index,
    width: columns.columns.length,
    nodeTargets: gesamt ? undefined : hierarchy.target,
    hasChildren: new Set(hierarchy.nodes.flatMap((n) => (n.parentKey !== undefined ? [n.parentKey] : []))),
    resolver,
    note,
    onProgress: options.onProgress,
  });
  // rows on a node that has children: a total of them, or booked on the node itself
  const extraNodes = settleOwnRows(placed.own, {
    file,
    nodes: hierarchy.nodes,
    acc: placed.acc,
    columns: columns.columns,
    ledger: placed.ledger,
    note,
  });

  // ---- plans: leaves as placed, parents as sums ----
  const built = assembleNodes({
    file,
    headerLine,
    specs: [...hierarchy.nodes, ...extraNodes],
    gesamt,
    acc: placed.acc,
    columns: columns.columns,
    decimals: placed.decimals,
    negative: roles.direction !== undefined || sap,
  });
  const title = pkg?.title && /[\sA-ZÄÖÜ]/u.test(pkg.title) ? pkg.title : undefined;
  const budgetLand = resolver.land ?? land;
  const budget: Budget = {
    ...(title ? { title } : {}),
    ...(budgetLand ? { land: budgetLand } : {}),
    ...(budgetYear !== undefined ? { year: budgetYear } : {}),
    nodes: resolveParents(built),
    notes,
    files: [file],
  };
  return { ok: true, budget, ledger: [placed.ledger.toJSON()] };
}
