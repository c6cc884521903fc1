/**
 * The first pass over a long table: what decides the whole file. The columns' roles (recognised from the
 * header and a sample of the rows, with a descriptor's hints), then every row once for the evidence of the
 * decimal mark, the (kind, year) pairs, the distinct node combinations (also those whose amounts are all
 * missing: every node the file names is a node) and the distinct values of the line column.
 */
import type { FieldHint, ResourceInfo } from './datapackage.js';
import type { LevelValue } from './nodes.js';
import { DecimalEvidence } from './numbers.js';
import type { LongProfile } from './profile.js';
import { recognizeRoles, type ColumnRoles, type RolesResult } from './roles.js';
import { isMissing } from './vocabulary.js';
import { kindYearKey } from './columns.js';
import { parseColumnHeader } from '../text/table.js';

const SAMPLE = 2000;

/** Whether a header is a wide table's column header (a kind and a year). */
export const wide = (h: string): boolean => parseColumnHeader(h, []) !== undefined;

/** A sample of the rows for recognising columns: the first ones and some spread over the rest. */
function sampleOf(rows: readonly (readonly string[])[]): (readonly string[])[] {
  if (rows.length <= SAMPLE) return [...rows];
  const out = rows.slice(0, SAMPLE / 2);
  const step = (rows.length - SAMPLE / 2) / (SAMPLE / 2);
  for (let i = 0; i < SAMPLE / 2; i++) out.push(rows[Math.floor(SAMPLE / 2 + i * step)]!);
  return out;
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

/** The roles of the columns; a level given by its code only gets its names from the column the descriptor says names it (`labelfor`). */
export function recogniseColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  resource: ResourceInfo | undefined,
  profile: LongProfile | undefined,
): RolesResult {
  const hints = hintsFor(header, resource);
  const result = recognizeRoles(header, sampleOf(rows), hints, profile);
  if (!result.ok) return result;
  return {
    ok: true,
    roles: {
      ...result.roles,
      levels: result.roles.levels.map((l) => {
        if (l.name !== undefined || l.code === undefined) return l;
        const name = [...hints].find(([, h]) => h.labelFor === header[l.code!])?.[0];
        return name === undefined ? l : { ...l, name };
      }),
    },
  };
}

const YEAR = /^((?:19|20)\d{2})(?:\.0+|-\d{2}-\d{2}.*)?$/u;

/** What both passes read of a row besides its amount. */
export interface RowReaders {
  /** The row's combination of node codes and names (the key of its node). */
  readonly tupleKey: (row: readonly string[]) => string;
  /** The row's year (the fixed year without a year column), or undefined if it is no year. */
  readonly yearOf: (row: readonly string[]) => number | undefined;
}

export function rowReaders(roles: ColumnRoles, fixedYear: number | undefined): RowReaders {
  const levelCols = roles.levels;
  return {
    tupleKey: (row) => {
      let key = '';
      for (const l of levelCols)
        key += `${l.code !== undefined ? (row[l.code] ?? '') : ''}\u0001${l.name !== undefined ? (row[l.name] ?? '') : ''}\u0002`;
      return key;
    },
    yearOf: (row) => {
      if (roles.year === undefined) return fixedYear;
      const m = YEAR.exec((row[roles.year] ?? '').trim());
      return m ? Number(m[1]) : undefined;
    },
  };
}

export interface Survey {
  readonly evidence: DecimalEvidence;
  /** By `kindYearKey`: each kind value with one of its years and the rows that have an amount. */
  readonly pairCounts: ReadonlyMap<string, { kind: string; year: number; rows: number }>;
  /** Each distinct node combination with its first line and its level values. */
  readonly tuples: ReadonlyMap<string, { key: string; line: number; values: LevelValue[] }>;
  /** The distinct values of the line column with their first line and row count. */
  readonly lineValues: ReadonlyMap<string, { line: number; rows: number }>;
}

/** Pass 1: reads every row once for what decides the whole file. */
export function surveyRows(
  rows: readonly (readonly string[])[],
  roles: ColumnRoles,
  readers: RowReaders,
  rowLine: (i: number) => number,
): Survey {
  const evidence = new DecimalEvidence();
  const pairCounts = new Map<string, { kind: string; year: number; rows: number }>();
  const tuples = new Map<string, { key: string; line: number; values: LevelValue[] }>();
  const lineValues = new Map<string, { line: number; rows: number }>();
  const levelCols = roles.levels;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // every node the file names is a node, also one whose amounts are all missing
    if (levelCols.length > 0) {
      const key = readers.tupleKey(row);
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
    const text = row[roles.amount] ?? '';
    if (isMissing(text)) continue;
    evidence.add(text, rowLine(i));
    const year = readers.yearOf(row);
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
  return { evidence, pairCounts, tuples, lineValues };
}
