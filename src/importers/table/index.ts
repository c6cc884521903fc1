/**
 * Tables whose rows are plan lines (CSV from open-data portals and PDF table extractors; XLSX sheets come in
 * as the same rows): recognised without per-city code. The importer finds the column holding line numbers and
 * labels ("02 - Zuwendungen und allg. Umlagen", or "02" beside "+ ZuwendungenundallgemeineUmlagen"), reads
 * the column headers (also two header rows: a kind row over a year row, merged cells filled to the right),
 * takes nodes from code columns (Produktbereich, Teilplan, …) or, through a profile, from the file name, and
 * picks for each block of rows the line schema its labels fit best. Whether expenses are printed positive or
 * negative is detected per plan, and per line where a plan mixes the conventions (core/signs.ts).
 *
 * Conservation: every amount under a named column, from the first plan line down, is read into the file's
 * ledger; the amounts of plan lines become cells, those of rows without a line number are listed outside the
 * plans with their reason (and a `skipped-row` note). A cell that is no amount in a plan line is an error
 * finding (`unreadable-amount`) at its place, left out; everything else comes in.
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
import { columnLabel } from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import { parseGermanAmount, type ParsedAmount } from '../../core/money.js';
import { detectSigns, withLineSigns } from '../../core/signs.js';
import { matchLabel, schemaLine, selectSchema } from '../../core/schema.js';
import { Ledger } from '../../core/ledger.js';
import type { ImportError, ImportResult } from '../types.js';
import { parseColumnHeader } from '../text/table.js';
import { parseCsv } from './csv.js';

/** What a format needs beyond what the importer detects itself; a small JSON file (see data/profiles). */
export interface TableProfile {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** Code columns by header (a regular expression, case-insensitive), top level first. */
  readonly nodeColumns?: readonly { readonly code: string; readonly name?: string; readonly level: Level }[];
  /** Nodes named only in the file name: the first capture group of `pattern` is the code. */
  readonly nodeFromFileName?: readonly { readonly pattern: string; readonly level: Level }[];
  /** The years of the budget: a column "Plan Y" is an Ansatz up to the last of them and a Planung after it. */
  readonly budgetYears?: readonly number[];
  /** Force how expenses are printed instead of detecting it. */
  readonly signs?: 'negative' | 'positive';
}

const AUTO_NODE_COLUMNS: readonly { readonly code: RegExp; readonly level: Level }[] = [
  { code: /^(?:Produktbereich|PB|Produktbereichsnummer|PB-Nr\.?)$/iu, level: 'produktbereich' },
  { code: /^(?:Produktgruppe|PG|Teilplan|Teilplannummer|PG-Nr\.?)$/iu, level: 'produktgruppe' },
  { code: /^(?:Produkt|Produktnummer|Produkt-Nr\.?)$/iu, level: 'produkt' },
];
const NAME_HEADER = /bezeichnung|_BEZ$|^name$|^titel$/iu;

interface NodeColumn {
  readonly code: number;
  readonly name?: number;
  readonly level: Level;
}

const LINE_IN_CELL = /^(\d{1,2})\s*(?:[-–=:]|\+\/-|\+)?\s+(\D.*)$/u;
const LINE_ONLY = /^(\d{1,2})$/u;
const OPERATOR = /^(?:\+\/-|[-+=–])\s*/u;
const FORMULA_NOTE =
  /\s*\((?:=\s*)?(?:Zeilen?\s*[\d\s,.]+(?:und|bis|,)?[\s\d]*|\d{1,2}(?:\s*(?:und|bis|,)\s*\d{1,2})+|Einzahlungen\s*\.\/\.\s*Auszahlungen)\)\s*$/iu;

/** The printed label without its operator and formula note, for comparing with a schema. */
export function labelForMatching(label: string): string {
  return label.replace(OPERATOR, '').replace(FORMULA_NOTE, '').trim();
}

interface LinePosition {
  readonly line: string;
  readonly label: string;
  /** Index of the last label cell: amounts follow it. */
  readonly end: number;
}

function linePosition(row: readonly string[], col: number): LinePosition | undefined {
  const cell = row[col] ?? '';
  const inCell = LINE_IN_CELL.exec(cell);
  if (inCell) return { line: inCell[1]!.padStart(2, '0'), label: inCell[2]!.trim(), end: col };
  const only = LINE_ONLY.exec(cell);
  if (only && col + 1 < row.length && parseGermanAmount(row[col + 1] ?? '') === undefined) {
    return { line: only[1]!.padStart(2, '0'), label: (row[col + 1] ?? '').trim(), end: col + 1 };
  }
  return undefined;
}

/** The column holding line numbers: the one where most rows have one, with the most different numbers. */
function findLineColumn(rows: readonly string[][], skip: ReadonlySet<number>): number | undefined {
  const width = Math.min(8, Math.max(0, ...rows.map((r) => r.length)));
  let best: number | undefined;
  let bestScore = 0;
  for (let c = 0; c < width; c++) {
    if (skip.has(c)) continue;
    const numbers = new Set<string>();
    let hits = 0;
    for (const row of rows) {
      const p = linePosition(row, c);
      if (p) {
        hits++;
        numbers.add(p.line);
      }
    }
    const score = hits * 100 + numbers.size;
    if (hits > 0 && score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/** Amounts printed in thousands of euros: read as euros they would be wrong by a factor of 1,000. */
const THOUSANDS = /\bT€|\bTEUR\b|\bTsd\.?\s*(?:€|EUR|Euro)|in\s+Tausend\s+(?:€|EUR|Euro)/iu;

function headerTextAt(headerRows: readonly string[][], col: number, firstAmountCol: number): string {
  const parts: string[] = [];
  for (const row of headerRows) {
    let text = row[col] ?? '';
    if (text === '') {
      // a merged cell: the kind written once over several years
      for (let k = col - 1; k >= firstAmountCol; k--) {
        const left = row[k] ?? '';
        if (left !== '') {
          if (!/\d{4}/u.test(left)) text = left;
          break;
        }
      }
    }
    if (text !== '') parts.push(text);
  }
  return parts
    .join(' ')
    .replace(/\((?:€|EUR|Euro|in\s*€)\)|\bin\s+(?:€|EUR)\b|€/giu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

function applyBudgetYears(column: Column, header: string, profile?: TableProfile): Column {
  if (!profile?.budgetYears?.length || column.kind !== 'ansatz' || !/^Plan\b(?!ung)/iu.test(header))
    return column;
  return column.year > Math.max(...profile.budgetYears) ? { kind: 'planung', year: column.year } : column;
}

/** A cell's text as an amount: `undefined` when empty, `null` when it is no amount; a lone dash is a printed zero. */
export function readAmount(text: string): ParsedAmount | null | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (t === '-' || t === '–') return { cents: 0, decimals: 0 };
  return parseGermanAmount(t) ?? null;
}

/** What the importer says of a cell it cannot read (German): its text, column and what was expected. */
export function unreadableMessage(text: string, col: number, column: Column): string {
  return `Betrag „${text}“ in Spalte ${col + 1} (${columnLabel(column)}${column.kind === 've' ? ` ${column.year}` : ''}) ist keine Zahl (erwartet z. B. 1.234.567, 1.234,56 oder 46.323.827,04-)`;
}

/** A plain year as a column header prints it ("2026"), not an amount. */
const YEAR_ONLY = /^(?:19|20)\d{2}$/u;

/**
 * The amounts of rows that are no plan (a sheet of a workbook without plan lines): every amount under a column
 * whose header names a plan column ("Ansatz 2026", "Haushaltsansatz (€)" over "2026"), read into `ledger` and
 * listed outside the plans with `reason`. Header rows are those before the first row holding an amount that is
 * not a year; cells under columns without such a header are codes, counts or text, not amounts of a plan.
 */
export function ledgerOfRowsOutside(
  rows: readonly (readonly string[])[],
  ledger: Ledger,
  reason: string,
): number {
  const isAmount = (c: string): boolean => !YEAR_ONLY.test(c.trim()) && readAmount(c) != null;
  const first = rows.findIndex((r) => r.some(isAmount));
  if (first < 0) return 0;
  // a title above the table (a row of one cell) is no column header
  const headerRows = rows.slice(0, first).filter((r) => r.filter((c) => c !== '').length > 1) as string[][];
  const width = Math.max(0, ...rows.map((r) => r.length));
  const columns = new Map<number, Column>();
  for (let c = 0; c < width; c++) {
    const header = headerTextAt(headerRows, c, 0);
    if (header === '') continue;
    const column = parseColumnHeader(header, [...columns.values()]);
    if (column) columns.set(c, column);
  }
  let count = 0;
  rows.slice(first).forEach((row, i) => {
    for (const [c, column] of columns) {
      const amount = readAmount(row[c] ?? '');
      if (!amount) continue;
      ledger.read(column, amount.cents);
      ledger.outside(column, amount.cents, reason, { file: ledger.file, line: first + i + 1 });
      count++;
    }
  });
  return count;
}

interface Block {
  readonly nodeKey: string;
  readonly rows: { readonly row: readonly string[]; readonly no: number; readonly pos: LinePosition }[];
}

function planTypesFor(hasNode: boolean, hint: string): PlanType[] {
  const finanz = /finanzplan/iu.test(hint);
  const ergebnis = /ergebnisplan/iu.test(hint);
  const types: PlanType[] = hasNode
    ? ['teilergebnisplan', 'teilfinanzplan']
    : ['gesamtergebnisplan', 'gesamtfinanzplan'];
  return types.filter((t) => (finanz ? t.includes('finanz') : ergebnis ? t.includes('ergebnis') : true));
}

export function importTableRows(
  rows: readonly string[][],
  file: string,
  profile?: TableProfile,
  fileName: string = file,
): ImportResult {
  const errors: ImportError[] = [];
  const notes: ImportNote[] = [];
  const err = (line: number | undefined, message: string): void => {
    if (errors.length < 50) errors.push(line === undefined ? { file, message } : { file, line, message });
  };

  // node columns from the header, by profile or by the usual names
  const firstDataGuess = rows.findIndex((r) =>
    r.some((c, i) => i < 8 && (LINE_IN_CELL.test(c) || LINE_ONLY.test(c))),
  );
  const headerCandidates = rows.slice(0, Math.max(0, firstDataGuess));
  const nodeColumns: NodeColumn[] = [];
  for (const header of headerCandidates) {
    header.forEach((cell, i) => {
      const byProfile = profile?.nodeColumns?.find((nc) => new RegExp(`^(?:${nc.code})$`, 'iu').test(cell));
      const auto = byProfile ? undefined : AUTO_NODE_COLUMNS.find((nc) => nc.code.test(cell));
      const level = byProfile?.level ?? auto?.level;
      if (!level || nodeColumns.some((n) => n.code === i)) return;
      const nameHeader = header[i + 1] ?? '';
      const nameOk = byProfile?.name
        ? new RegExp(byProfile.name, 'iu').test(nameHeader)
        : NAME_HEADER.test(nameHeader);
      nodeColumns.push(nameOk ? { code: i, name: i + 1, level } : { code: i, level });
    });
  }
  const skip = new Set(nodeColumns.flatMap((n) => (n.name === undefined ? [n.code] : [n.code, n.name])));
  const lineCol = findLineColumn(rows, skip);
  if (lineCol === undefined) {
    err(
      1,
      'Keine Planzeilen erkannt: erwartet eine Spalte mit Zeilennummern und Bezeichnungen wie „01 - Steuern und ähnliche Abgaben“ oder „01“ neben „Steuern und ähnliche Abgaben“',
    );
    return { ok: false, errors };
  }
  const firstData = rows.findIndex((r) => linePosition(r, lineCol) !== undefined);
  const headerRows = rows.slice(0, firstData).filter((r) => r.some((c) => c !== ''));
  const hint = headerRows.map((r) => r[0] ?? '').join(' ');

  // nodes named by the file name
  let fileNode: { code: string; level: Level } | undefined;
  for (const f of profile?.nodeFromFileName ?? []) {
    const m = new RegExp(f.pattern, 'u').exec(fileName);
    if (m?.[1] !== undefined) {
      fileNode = { code: m[1], level: f.level };
      break;
    }
  }

  // columns
  const dataRows = rows
    .map((row, i) => ({ row, no: i + 1, pos: linePosition(row, lineCol) }))
    .filter((r): r is { row: string[]; no: number; pos: LinePosition } => r.pos !== undefined);
  const firstAmountCol = Math.min(...dataRows.map((r) => r.pos.end)) + 1;
  const width = Math.max(...dataRows.map((r) => r.row.length));
  const columns: (Column | undefined)[] = [];
  for (let c = firstAmountCol; c < width; c++) {
    const header = headerTextAt(headerRows, c, firstAmountCol);
    if (THOUSANDS.test(header) || THOUSANDS.test(headerRows.map((r) => r.join(' ')).join(' '))) {
      err(
        headerRows.length > 0 ? firstData : 1,
        `Beträge in Tausend Euro („${THOUSANDS.exec(header)?.[0] ?? 'T€'}“) werden noch nicht gelesen: sie würden als Euro missverstanden (erwartet: Beträge in Euro)`,
      );
      break;
    }
    const used = dataRows.some((r) => (r.row[c] ?? '') !== '');
    if (header === '' && !used) {
      columns.push(undefined);
      continue;
    }
    const parsed = parseColumnHeader(
      header,
      columns.filter((x): x is Column => x !== undefined),
    );
    if (!parsed) {
      err(
        headerRows.length > 0 ? firstData : 1,
        `Spaltenkopf „${header || '(leer)'}“ in Spalte ${c + 1} nicht erkannt (erwartet z. B. „Ergebnis 2024“, „Ansatz 2026“, „Haushaltsansatz (€)“ über „2026“, „VE 2026“, „Planung 2027“)`,
      );
      continue;
    }
    columns.push(applyBudgetYears(parsed, header, profile));
  }
  if (errors.length > 0) return { ok: false, errors };

  // every amount under a named column from the first plan line down is read; rows without a line number
  // hold no plan line: their amounts are listed outside the plans
  const ledger = new Ledger(file);
  const OUTSIDE = 'Tabellenzeile ohne Zeilennummer (keine Planzeile)';
  rows.forEach((row, i) => {
    if (i < firstData || linePosition(row, lineCol) !== undefined) return;
    let count = 0;
    columns.forEach((column, k) => {
      if (!column) return;
      const amount = readAmount(row[firstAmountCol + k] ?? '');
      if (!amount) return;
      ledger.read(column, amount.cents);
      ledger.outside(column, amount.cents, OUTSIDE, { file, line: i + 1 });
      count++;
    });
    if (count === 0) return;
    const label = row
      .slice(0, firstAmountCol)
      .filter((c) => c.trim() !== '')
      .join(' ')
      .slice(0, 60);
    notes.push({
      severity: 'warning',
      rule: 'skipped-row',
      message: `Zeile ohne Zeilennummer${label ? ` „${label}“` : ''} übersprungen: ${count} Beträge auf keiner Planzeile, im Abgleich als außerhalb der Pläne aufgeführt`,
      source: { file, line: i + 1 },
    });
  });

  // nodes and blocks of rows
  const nodes = new Map<string, { code: string; level: Level; name: string }>();
  const blocks: Block[] = [];
  for (const r of dataRows) {
    let key = 'gesamt';
    for (const nc of nodeColumns) {
      const code = (r.row[nc.code] ?? '').trim();
      if (code === '') continue;
      const name = nc.name === undefined ? '' : (r.row[nc.name] ?? '').trim();
      if (!nodes.has(code)) nodes.set(code, { code, level: nc.level, name });
      key = code;
    }
    if (nodeColumns.length === 0 && fileNode) {
      key = fileNode.code;
      if (!nodes.has(key)) nodes.set(key, { code: key, level: fileNode.level, name: '' });
    }
    const last = blocks[blocks.length - 1];
    const repeated = last?.rows.some((x) => x.pos.line === r.pos.line) ?? false;
    if (!last || last.nodeKey !== key || repeated) blocks.push({ nodeKey: key, rows: [r] });
    else last.rows.push(r);
  }
  // rows of one plan printed apart (another node in between, a page): one block, if no line repeats
  for (let i = blocks.length - 1; i > 0; i--) {
    const block = blocks[i]!;
    const earlier = blocks
      .slice(0, i)
      .find(
        (b) =>
          b.nodeKey === block.nodeKey &&
          !b.rows.some((x) => block.rows.some((y) => y.pos.line === x.pos.line)),
      );
    if (earlier) {
      earlier.rows.push(...block.rows);
      blocks.splice(i, 1);
    }
  }
  for (const block of blocks) block.rows.sort((a, b) => Number(a.pos.line) - Number(b.pos.line));
  const ansatzYears = columns.filter((c): c is Column => c?.kind === 'ansatz').map((c) => c.year);
  const allYears = columns.filter((c): c is Column => c !== undefined).map((c) => c.year);
  const budgetYear =
    ansatzYears.length > 0
      ? Math.max(...ansatzYears)
      : allYears.length > 0
        ? Math.max(...allYears)
        : undefined;

  const plansByNode = new Map<string, Plan[]>();
  for (const block of blocks) {
    const hasNode = block.nodeKey !== 'gesamt';
    const printed = block.rows.map((r) => ({
      line: r.pos.line,
      label: r.pos.label === '' ? '' : labelForMatching(r.pos.label),
    }));
    const selection = selectSchema(planTypesFor(hasNode, hint), printed, budgetYear);
    if ('refusal' in selection) {
      err(block.rows[0]!.no, selection.refusal.message);
      continue;
    }
    const schema = selection.schema;
    const lines: PlanLine[] = [];
    block.rows.forEach((r, idx) => {
      const source = { file, line: r.no };
      const cells: Cell[] = [];
      const unreadable: Column[] = [];
      columns.forEach((column, k) => {
        if (!column) return;
        const text = (r.row[firstAmountCol + k] ?? '').trim();
        const parsed = readAmount(text);
        if (parsed === undefined) return;
        if (parsed === null) {
          // an unreadable cell is a finding at its place, not a refusal of the file (`--strict` refuses)
          notes.push({
            severity: 'error',
            rule: 'unreadable-amount',
            message: `Zeile ${r.pos.line}: ${unreadableMessage(text, firstAmountCol + k, column)}`,
            node: block.nodeKey,
            plan: schema.plan,
            line: r.pos.line,
            source,
          });
          unreadable.push(column);
          return;
        }
        ledger.read(column, parsed.cents);
        cells.push({ column, amount: parsed.cents, decimals: parsed.decimals, source });
      });
      const sl = schemaLine(schema, r.pos.line);
      let label = r.pos.label;
      if (!sl) {
        notes.push({
          severity: 'warning',
          rule: 'unknown-line',
          message: `Zeile ${r.pos.line} „${label}“ gehört nicht zum Schema ${schema.title}; sie wird übernommen, aber nicht geprüft`,
          node: block.nodeKey,
          plan: schema.plan,
          line: r.pos.line,
          source,
        });
      } else if (label === '') {
        label = sl.label;
      } else {
        const next = block.rows[idx + 1];
        const merged = next !== undefined && next.pos.label === '';
        const m = matchLabel(labelForMatching(label), sl);
        if (merged) {
          notes.push({
            severity: 'info',
            rule: 'label-merged',
            message: `Zeile ${r.pos.line}: die Bezeichnungen mehrerer Zeilen stehen zusammengefasst in einer Zelle; die Zeilen werden nach ihren Nummern zugeordnet`,
            node: block.nodeKey,
            plan: schema.plan,
            line: r.pos.line,
            source,
          });
        } else if (m.kind === 'misprint') {
          notes.push({
            severity: 'info',
            rule: 'label-misprint',
            message: `Zeile ${r.pos.line}: gedruckt „${label}“, gemeint ist „${m.canonical}“`,
            node: block.nodeKey,
            plan: schema.plan,
            line: r.pos.line,
            source,
          });
        } else if (m.kind === 'different') {
          notes.push({
            severity: 'warning',
            rule: 'label-mismatch',
            message: `Zeile ${r.pos.line}: gedruckt „${label}“, nach ${schema.title} heißt die Zeile „${m.canonical}“`,
            node: block.nodeKey,
            plan: schema.plan,
            line: r.pos.line,
            source,
          });
        }
      }
      lines.push({
        line: r.pos.line,
        label,
        cells,
        ...(unreadable.length > 0 ? { unreadable } : {}),
        source,
      });
    });
    const planColumns = columns.filter((c): c is Column => c !== undefined);
    const plan: Plan = {
      type: schema.plan,
      schemaId: schema.id,
      columns: planColumns,
      lines,
      signs: profile?.signs ?? detectSigns(schema, lines),
      source: { file, line: block.rows[0]!.no },
    };
    const list = plansByNode.get(block.nodeKey) ?? [];
    const same = list.find((p) => p.type === plan.type);
    if (same) {
      // a plan continued over several blocks (pages): one plan
      list[list.indexOf(same)] = { ...same, lines: [...same.lines, ...plan.lines] };
    } else list.push(plan);
    plansByNode.set(block.nodeKey, list);
  }
  if (errors.length > 0) return { ok: false, errors };
  // the convention per line where a plan mixes them, once a plan's blocks are joined
  for (const plans of plansByNode.values()) plans.forEach((p, i) => (plans[i] = withLineSigns(p)));

  const built: BudgetNode[] = [];
  if (plansByNode.has('gesamt')) {
    built.push({
      code: 'gesamt',
      level: 'haushalt',
      name: 'Gesamthaushalt',
      plans: plansByNode.get('gesamt')!,
      erlaeuterungen: [],
      kennzahlen: [],
    });
  }
  for (const n of nodes.values()) {
    built.push({
      code: n.code,
      level: n.level,
      name: n.name,
      plans: plansByNode.get(n.code) ?? [],
      erlaeuterungen: [],
      kennzahlen: [],
    });
  }
  const budget: Budget = { nodes: resolveParents(built), notes, files: [file] };
  return { ok: true, budget, ledger: [ledger.toJSON()] };
}

/** Imports a CSV table (text already decoded). */
export function importCsv(
  text: string,
  file: string,
  profile?: TableProfile,
  fileName: string = file,
): ImportResult {
  const parsed = parseCsv(text.replace(/^\uFEFF/u, ''));
  if (!parsed.ok) {
    return {
      ok: false,
      errors: [
        { file, ...(parsed.line !== undefined ? { line: parsed.line } : {}), message: parsed.message },
      ],
    };
  }
  return importTableRows(parsed.rows, file, profile, fileName);
}
