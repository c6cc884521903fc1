/**
 * Reads the tidy CSV back (see docs/tidy-csv.md): every row one printed cell. Plans get the schema their lines
 * and years fit (labels from the schema) and the sign convention their amounts show; cells count as printed in
 * whole euros when every amount of the plan is whole; investment keys become measures, line rows and the group
 * headings they stand below. Writing the result gives the same file. Errors name the line and what was expected.
 * The `'` the writer puts in front of a code or key that a spreadsheet would run as a formula (`'=…`, `'-…`) is
 * taken off again (`restoreFormulaText`), exactly once. The column `printed_in` of budgets printed (partly) in
 * T€ puts `Cell.scale` back on the cells (printed-in.ts).
 *
 * This module reads the rows into nodes (`records.ts` splits the records, `rows.ts` checks each row, `build.ts`
 * makes plans and investment tables, `parts.ts` the Haushaltsplan's parts from their rows).
 *
 * Conservation: every amount read goes into the file's ledger and onto one cell (a row is one cell; a second
 * row for the same cell is an error), so nothing is outside. An amount that is no number is an error finding
 * (`unreadable-amount`) at its line, left out; everything else comes in.
 */
import type { Budget, BudgetNode, ImportNote, Level, PlanType } from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import { TIDY_HEADER, TIDY_HEADER_WITH_UNIT, TIDY_HEADER_WITHOUT_SCHEMA } from '../../formats/tidy-csv.js';
import { Ledger } from '../../core/ledger.js';
import type { ImportError, ImportResult } from '../types.js';
import { budgetYear, buildInvestments, buildPlan } from './build.js';
import { takePrintedIn, withPrintedIn } from './printed-in.js';
import { readCsvRecords } from './records.js';
import { readRow, type RawCell } from './rows.js';
import { buildParts, readPartRow, type PartCell } from './parts.js';
import { isPartPlan } from '../../formats/part-keys.js';

export { readCsvRecords } from './records.js';

/**
 * True when the text starts like a tidy CSV (after an optional BOM), also with `;` or tabs as separators, as
 * a spreadsheet saves it in German settings: the import then says what the header must be.
 */
export function looksLikeTidyCsv(text: string): boolean {
  return /^\uFEFF?\s*node[,;\t]level[,;\t]plan[,;\t]line[,;\t]kind[,;\t]year[,;\t]amount/u.test(text);
}

const MAX_ERRORS = 50;

interface NodeAcc {
  readonly code: string;
  readonly level: Level;
  readonly plans: Map<PlanType, Map<string, RawCell[]>>;
  /** The line schema each plan's rows name (files with the `schema` column). */
  readonly schemas: Map<PlanType, { readonly id: string; readonly no: number }>;
  readonly investments: Map<string, RawCell[]>;
  readonly no: number;
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
  const partCells: PartCell[] = [];
  const partSeen = new Map<string, number>();
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
    // a row of the Haushaltsplan's parts (docs/tidy-csv.md, "Parts"): its own keys, printed_in its unit
    if (isPartPlan(fields[2] ?? '')) {
      const cell = readPartRow(fields, withUnit ? 9 : width, fields[2] as PartCell['plan'], no);
      const key = typeof cell === 'string' ? '' : `${cell.plan}|${cell.line}|${cell.kind}|${cell.year}`;
      const twin = partSeen.get(key);
      if (typeof cell === 'string') err(no, cell);
      else if (twin !== undefined)
        err(no, `Betrag ${cell.plan} ${cell.line} ${cell.kind} ${cell.year} steht schon in Zeile ${twin}`);
      else {
        partSeen.set(key, no);
        partCells.push(cell);
      }
      return;
    }
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
    const investitionen = buildInvestments(acc.investments, file);
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
  const builtParts = partCells.length > 0 ? buildParts(partCells, file, ledger) : undefined;
  if (typeof builtParts === 'string') errors.push({ file, message: builtParts });
  if (errors.length > 0 || typeof builtParts === 'string') return { ok: false, errors };
  const parts = builtParts;
  const year = budgetYear(built) ?? parts?.satzung?.year ?? parts?.querschnitt?.year;
  const budget: Budget = {
    ...(year !== undefined ? { year } : {}),
    ...(parts ? { parts } : {}),
    nodes: resolveParents(built),
    notes,
    files: [file],
  };
  return { ok: true, budget: withPrintedIn(budget, file, thousands), ledger: [ledger.toJSON()] };
}
