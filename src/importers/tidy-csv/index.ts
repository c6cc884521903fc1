/**
 * Reads the tidy CSV back (see docs/tidy-csv.md): every row one printed cell. Plans get the schema their lines
 * and years fit (labels from the schema) and the sign convention their amounts show; cells count as printed in
 * whole euros when every amount of the plan is whole; investment keys become measures, line rows and the group
 * headings they stand below. Writing the result gives the same file. Errors name the line and what was expected.
 * The `'` the writer puts in front of a code or key that a spreadsheet would run as a formula (`'=…`, `'-…`) is
 * taken off again (`restoreFormulaText`), exactly once. The column `printed_in` of budgets printed (partly) in
 * T€ puts `Cell.scale` back on the cells (printed-in.ts).
 *
 * Conservation: every amount read goes into the file's ledger and onto one cell (a row is one cell; a second
 * row for the same cell is an error), so nothing is outside. An amount that is no number is an error finding
 * (`unreadable-amount`) at its line, left out; everything else comes in.
 */
import type {
  Budget,
  BudgetNode,
  Cell,
  Column,
  ColumnKind,
  ImportNote,
  InvestmentRow,
  Level,
  Plan,
  PlanLine,
  PlanType,
  Source,
} from '../../core/model.js';
import { COLUMN_KINDS, LEVELS, PLAN_TYPES } from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import { parsePlainAmount } from '../../core/money.js';
import {
  SCHEMAS,
  schemaById,
  schemaLine,
  selectedSchema,
  selectSchema,
  type LineSchema,
} from '../../core/schema.js';
import { detectSigns, withLineSigns } from '../../core/signs.js';
import { restoreFormulaText } from '../../formats/formula-guard.js';
import { parseInvestmentKey } from '../../formats/investment-keys.js';
import { TIDY_HEADER, TIDY_HEADER_WITH_UNIT, TIDY_HEADER_WITHOUT_SCHEMA } from '../../formats/tidy-csv.js';
import { Ledger } from '../../core/ledger.js';
import type { ImportError, ImportResult } from '../types.js';
import { takePrintedIn, withPrintedIn } from './printed-in.js';

/**
 * True when the text starts like a tidy CSV (after an optional BOM), also with `;` or tabs as separators, as
 * a spreadsheet saves it in German settings: the import then says what the header must be.
 */
export function looksLikeTidyCsv(text: string): boolean {
  return /^\uFEFF?\s*node[,;\t]level[,;\t]plan[,;\t]line[,;\t]kind[,;\t]year[,;\t]amount/u.test(text);
}

const MAX_ERRORS = 50;
/** More groups than this in one investment table is not a table but a broken key. */
const MAX_GROUPS = 10_000;
const QUOTING = 'erwartet: Felder nach RFC 4180, z. B. "Maßnahme ""Nord"", Teil 2"';

/**
 * Splits RFC 4180 CSV (comma, double quotes, `\n` or `\r\n`) into records, calling `onRecord` with each
 * record's fields and the line it starts on. Returns an error for a quote left open or misplaced. Not
 * csv-parse (src/importers/table/csv.ts): that one is lenient on purpose for published tables, while the tidy
 * CSV wants strictness, record line numbers and German messages at the speed of one split per line.
 */
export function readCsvRecords(
  text: string,
  onRecord: (fields: string[], line: number) => void,
): { readonly line: number; readonly message: string } | undefined {
  const n = text.length;
  let pos = 0;
  let line = 1;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const raw = text.slice(pos, end);
    if (!raw.includes('"')) {
      // the common case: no quotes, one line, one record
      onRecord((raw.endsWith('\r') ? raw.slice(0, -1) : raw).split(','), line);
      pos = end + 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    let i = pos;
    for (;;) {
      if (text[i] === '"') {
        let field = '';
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) return { line: start, message: `Anführungszeichen wird nicht geschlossen (${QUOTING})` };
          const chunk = text.slice(i, q);
          field += chunk;
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          if (text[q + 1] === '"') {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        fields.push(field);
        const c = text[i];
        if (c === ',') {
          i++;
          continue;
        }
        if (c === undefined || c === '\n') {
          i++;
          break;
        }
        if (c === '\r' && (text[i + 1] === '\n' || i + 1 === n)) {
          i += 2;
          break;
        }
        return {
          line,
          message: `nach dem schließenden Anführungszeichen folgt „${c}“ statt Komma oder Zeilenende (${QUOTING})`,
        };
      }
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n') j++;
      let field = text.slice(i, j);
      if (field.includes('"'))
        return { line, message: `Anführungszeichen mitten im Feld „${field.slice(0, 40)}“ (${QUOTING})` };
      i = j + 1;
      if (text[j] === ',') {
        fields.push(field);
        continue;
      }
      if (field.endsWith('\r')) field = field.slice(0, -1);
      fields.push(field);
      break;
    }
    onRecord(fields, start);
    line++;
    pos = i;
  }
  return undefined;
}

interface RawCell {
  readonly column: Column;
  readonly cents: number;
  readonly decimals: 0 | 2;
  readonly no: number;
  /** The amount is no number (reported): the cell is left out, its column marked unreadable. */
  readonly unreadable?: true;
}

interface NodeAcc {
  readonly code: string;
  readonly level: Level;
  readonly plans: Map<PlanType, Map<string, RawCell[]>>;
  /** The line schema each plan's rows name (files with the `schema` column). */
  readonly schemas: Map<PlanType, { readonly id: string; readonly no: number }>;
  readonly investments: Map<string, RawCell[]>;
  readonly no: number;
}

function isLevel(s: string): s is Level {
  return (LEVELS as readonly string[]).includes(s);
}
function isPlanType(s: string): s is PlanType {
  return (PLAN_TYPES as readonly string[]).includes(s);
}
function isColumnKind(s: string): s is ColumnKind {
  return (COLUMN_KINDS as readonly string[]).includes(s);
}

interface RowPlace {
  readonly code: string;
  readonly level: Level;
  readonly plan: PlanType | 'investitionen';
  readonly key: string;
  /** The line schema the row names, if the file has the `schema` column. */
  readonly schema?: LineSchema;
}

/**
 * Checks one row; returns the German message for what is wrong, the place of an amount that is no number
 * (`unreadable`), or the cell and where it goes.
 */
function readRow(
  fields: readonly string[],
  width: 7 | 8,
): string | (RowPlace & { cell: RawCell; unreadable?: string }) {
  if (fields.length !== width)
    return `${fields.length} Felder gefunden, erwartet ${width} (${width === 8 ? TIDY_HEADER : TIDY_HEADER_WITHOUT_SCHEMA})`;
  const [guardedCode, level, plan, guardedKey, kind, yearText, amountText, schemaId = ''] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string?,
  ];
  // the two text fields may carry the writer's formula guard; the others are fixed words and numbers
  const code = restoreFormulaText(guardedCode);
  const key = restoreFormulaText(guardedKey);
  if (code === '') return 'Feld „node“ ist leer (erwartet: der Code der Einheit, z. B. 43.01, oder gesamt)';
  if (!isLevel(level)) return `Ebene „${level}“ unbekannt (erwartet: ${LEVELS.join(', ')})`;
  if (plan !== 'investitionen' && !isPlanType(plan))
    return `Plan „${plan}“ unbekannt (erwartet: ${[...PLAN_TYPES, 'investitionen'].join(', ')})`;
  let schema: LineSchema | undefined;
  if (plan !== 'investitionen' && schemaId !== '') {
    schema = schemaById(schemaId);
    if (!schema || schema.plan !== plan)
      return `Zeilenschema „${schemaId.slice(0, 60)}“ ${schema ? `gehört nicht zum ${plan}` : 'unbekannt'} (erwartet: ${SCHEMAS.filter(
        (s) => s.plan === plan,
      )
        .map((s) => s.id)
        .slice(0, 6)
        .join(', ')}, …)`;
    if (!schemaLine(schema, key)) return `Zeile „${key}“ gibt es in ${schema.title} (${schema.id}) nicht`;
  } else if (plan !== 'investitionen' && !/^\d{2}$/u.test(key))
    return `Zeile „${key}“ ist keine zweistellige Zeilennummer (erwartet z. B. 02)`;
  if (key === '')
    return 'Feld „line“ ist leer (erwartet: Maßnahmennummer oder zweistellige Zeilennummer, z. B. 430125MINT oder 26)';
  if (!isColumnKind(kind)) return `Spaltenart „${kind}“ unbekannt (erwartet: ${COLUMN_KINDS.join(', ')})`;
  if (!/^\d{4}$/u.test(yearText)) return `Jahr „${yearText}“ ist keine Jahreszahl (erwartet z. B. 2026)`;
  const amount = parsePlainAmount(amountText);
  if (!amount)
    return {
      code,
      level,
      plan,
      key,
      cell: { column: { kind, year: Number(yearText) }, cents: 0, decimals: 0, no: 0, unreadable: true },
      unreadable: `Betrag „${amountText}“ in Spalte amount (${kind} ${yearText}) ist keine Zahl (erwartet: Euro mit Punkt als Dezimaltrennzeichen, z. B. -6780.00)`,
    };
  return {
    code,
    level,
    plan,
    key,
    ...(schema ? { schema } : {}),
    cell: { column: { kind, year: Number(yearText) }, cents: amount.cents, decimals: amount.decimals, no: 0 },
  };
}

export function importTidyCsv(text: string, file: string): ImportResult {
  const errors: ImportError[] = [];
  const notes: ImportNote[] = [];
  const ledger = new Ledger(file);
  let dropped = 0;
  const err = (line: number, message: string): void => {
    if (errors.length < MAX_ERRORS) errors.push({ file, line, message });
    else dropped++;
  };
  const nodes = new Map<string, NodeAcc>();
  let header: 'missing' | 'ok' | 'wrong' = 'missing';
  let width: 7 | 8 = 8;
  // the column printed_in (amounts printed in T€, printed-in.ts): the lines of the rows that say TEUR
  let withUnit = false;
  const thousands = new Set<number>();
  const broken = readCsvRecords(text.replace(/^\uFEFF/u, ''), (fields, no) => {
    if (header === 'missing') {
      const found = fields.join(',');
      withUnit = found === TIDY_HEADER_WITH_UNIT;
      header = found === TIDY_HEADER || found === TIDY_HEADER_WITHOUT_SCHEMA || withUnit ? 'ok' : 'wrong';
      width = found === TIDY_HEADER_WITHOUT_SCHEMA ? 7 : 8;
      if (header === 'wrong')
        err(no, `Kopfzeile „${found.slice(0, 80)}“ ist nicht die des Tidy-CSV (erwartet: ${TIDY_HEADER})`);
      return;
    }
    if (header === 'wrong') return;
    if (fields.length === 1 && fields[0] === '') return;
    const unitProblem = withUnit ? takePrintedIn(fields, no, thousands) : undefined;
    if (unitProblem !== undefined) {
      err(no, unitProblem);
      return;
    }
    const row = readRow(fields, width);
    if (typeof row === 'string') {
      err(no, row);
      return;
    }
    if (row.unreadable !== undefined) {
      // a finding at its place, not a refusal of the file (`--strict` refuses); the cell is left out below
      notes.push({
        severity: 'error',
        rule: 'unreadable-amount',
        message: `${row.plan === 'investitionen' ? 'Investitionen' : `Zeile ${row.key}`}: ${row.unreadable}`,
        node: row.code,
        plan: row.plan,
        line: row.key,
        source: { file, line: no },
      });
    }
    let acc = nodes.get(row.code);
    if (!acc) {
      acc = {
        code: row.code,
        level: row.level,
        plans: new Map(),
        schemas: new Map(),
        investments: new Map(),
        no,
      };
      nodes.set(row.code, acc);
    } else if (acc.level !== row.level) {
      err(no, `Einheit ${row.code} steht hier mit Ebene ${row.level}, in Zeile ${acc.no} mit ${acc.level}`);
      return;
    }
    let target = acc.investments;
    if (row.plan !== 'investitionen' && row.schema) {
      const named = acc.schemas.get(row.plan);
      if (named && named.id !== row.schema.id) {
        err(
          no,
          `${row.code} ${row.plan}: Zeilenschema ${row.schema.id}, in Zeile ${named.no} aber ${named.id} (ein Plan hat ein Schema)`,
        );
        return;
      }
      if (!named) acc.schemas.set(row.plan, { id: row.schema.id, no });
    }
    if (row.plan !== 'investitionen') {
      const plan = acc.plans.get(row.plan) ?? new Map<string, RawCell[]>();
      acc.plans.set(row.plan, plan);
      target = plan;
    }
    const cells = target.get(row.key) ?? [];
    target.set(row.key, cells);
    const { kind, year } = row.cell.column;
    const twin = cells.find((c) => c.column.kind === kind && c.column.year === year);
    if (twin) {
      err(no, `Zelle ${row.code} ${row.plan} ${row.key} ${kind} ${year} steht schon in Zeile ${twin.no}`);
      return;
    }
    cells.push({ ...row.cell, no });
    if (!row.cell.unreadable) ledger.read(row.cell.column, row.cell.cents);
  });
  if (broken) err(broken.line, broken.message);
  if (header === 'missing') err(1, `Die Datei ist leer (erwartet: die Kopfzeile ${TIDY_HEADER})`);
  if (dropped > 0)
    errors.push({ file, message: `… und ${dropped} weitere fehlerhafte Zeilen (nicht einzeln aufgeführt)` });
  if (errors.length > 0) return { ok: false, errors };

  const built: BudgetNode[] = [];
  for (const acc of nodes.values()) {
    const investitionen = buildInvestments(acc, file);
    if (typeof investitionen === 'string') {
      errors.push({ file, line: acc.no, message: investitionen });
      continue;
    }
    built.push({
      code: acc.code,
      level: acc.level,
      name: '',
      plans: [...acc.plans].map(([type, lines]) => buildPlan(type, lines, file, acc.schemas.get(type)?.id)),
      ...(investitionen ? { investitionen } : {}),
      erlaeuterungen: [],
      kennzahlen: [],
      source: { file, line: acc.no },
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const year = budgetYear(built);
  const budget: Budget = {
    ...(year !== undefined ? { year } : {}),
    nodes: resolveParents(built),
    notes,
    files: [file],
  };
  return { ok: true, budget: withPrintedIn(budget, file, thousands), ledger: [ledger.toJSON()] };
}

function buildPlan(
  type: PlanType,
  lines: ReadonlyMap<string, readonly RawCell[]>,
  file: string,
  named?: string,
): Plan {
  const raw = [...lines.values()].flat();
  const whole = raw.every((c) => c.cents % 100 === 0);
  // an unreadable amount's column is a column of the plan all the same
  const columns = uniqueColumns(raw);
  let ansatz: number | undefined;
  for (const c of columns)
    if (c.kind === 'ansatz' && (ansatz === undefined || c.year > ansatz)) ansatz = c.year;
  const printed = [...lines.keys()].map((line) => ({ line, label: '' }));
  // the schema the rows name; in a file without that column, a schema in force for the plan's year, failing
  // that the best fit of any validity (nothing gets lost; line numbers alone fit NRW first)
  const schema =
    (named !== undefined ? schemaById(named) : undefined) ??
    (selectedSchema(selectSchema(type, printed, ansatz)) ?? selectedSchema(selectSchema(type, printed)))!;
  const planLines: PlanLine[] = [...lines].map(([line, cells]) => ({
    line,
    label: schemaLine(schema, line)?.label ?? '',
    ...readCells(cells, whole, file),
    source: { file, line: cells[0]!.no },
  }));
  const signs = detectSigns(schema, planLines);
  return withLineSigns({
    type,
    schemaId: schema.id,
    columns,
    lines: planLines,
    ...(signs === 'positive' ? { signs } : {}),
    source: planLines[0]!.source!,
  });
}

/** Investment rows from their keys (see parseInvestmentKey); a string is the error. */
function buildInvestments(acc: NodeAcc, file: string): BudgetNode['investitionen'] | string {
  if (acc.investments.size === 0) return undefined;
  const raw = [...acc.investments.values()].flat();
  const whole = raw.every((c) => c.cents % 100 === 0);
  const rows: InvestmentRow[] = [];
  let groups = 0;
  for (const [key, cells] of acc.investments) {
    const k = parseInvestmentKey(key);
    const source: Source = { file, line: cells[0]!.no };
    const mapped = readCells(cells, whole, file);
    if (k.type === 'measure') {
      rows.push({ type: 'measure', number: k.number, name: '', ...mapped, source });
      continue;
    }
    if (k.group !== undefined) {
      if (k.group > MAX_GROUPS)
        return `Investitionsschlüssel „${key}“ nennt Gruppe ${k.group} (erwartet: höchstens ${MAX_GROUPS} Gruppen je Tabelle)`;
      // the group headings themselves print no amounts: they come back without a label
      for (; groups < k.group; groups++) rows.push({ type: 'group', label: '', source });
    }
    rows.push({ type: 'line', line: k.line, label: '', ...mapped, source });
  }
  return { columns: uniqueColumns(raw), rows, source: { file, line: raw[0]!.no } };
}

/** The budget year: the first VE year, else the latest Ansatz year (as the other importers find it). */
function budgetYear(nodes: readonly BudgetNode[]): number | undefined {
  let ve: number | undefined;
  let ansatz: number | undefined;
  for (const n of nodes) {
    for (const p of n.plans) {
      for (const c of p.columns) {
        if (c.kind === 've' && (ve === undefined || c.year < ve)) ve = c.year;
        if (c.kind === 'ansatz' && (ansatz === undefined || c.year > ansatz)) ansatz = c.year;
      }
    }
  }
  return ve ?? ansatz;
}

function uniqueColumns(cells: readonly RawCell[]): Column[] {
  const seen = new Map<string, Column>();
  for (const c of cells) {
    const key = `${c.column.kind}:${c.column.year}`;
    if (!seen.has(key)) seen.set(key, c.column);
  }
  return [...seen.values()];
}

/** The cells of a line or investment row, and the columns whose amount was no number (left out). */
function readCells(
  raw: readonly RawCell[],
  whole: boolean,
  file: string,
): { cells: Cell[]; unreadable?: Column[] } {
  const cells = raw.filter((c) => !c.unreadable).map((c) => toCell(c, whole, file));
  const unreadable = raw.filter((c) => c.unreadable).map((c) => c.column);
  return unreadable.length > 0 ? { cells, unreadable } : { cells };
}

function toCell(c: RawCell, whole: boolean, file: string): Cell {
  return { column: c.column, amount: c.cents, decimals: whole ? 0 : 2, source: { file, line: c.no } };
}
