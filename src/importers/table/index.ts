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
import type { Budget, BudgetNode, Column, ImportNote, Level, Plan, PlanType } from '../../core/model.js';
import { resolveParents } from '../../core/hierarchy.js';
import { decideSigns, withLineSigns } from '../../core/signs.js';
import { schemaById, selectSchema } from '../../core/schema.js';
import { Ledger } from '../../core/ledger.js';
import type { ImportError, ImportResult } from '../types.js';
import type { Scale } from '../recognise/amounts.js';
import { readLead, type NumberStyle } from '../recognise/lead.js';
import { Traits } from '../recognise/traits.js';
import type { Title } from '../recognise/titles.js';
import { csvRowsOf } from './csv.js';
import type { TableProfile } from './profile.js';

export type { TableProfile } from './profile.js';
import {
  findLineColumn,
  LINE_IN_CELL,
  LINE_ONLY,
  labelForMatching,
  linePosition,
  type LinePosition,
} from './line-numbers.js';
import { planLines, rowsOutside, type Block } from './plan-lines.js';

export { labelForMatching, readAmount, unreadableMessage } from './line-numbers.js';
import { numberByLabel } from './unnumbered.js';
import { PLAN_NAME, findPlanColumn, levelOfCode, nodeColumnsOf, titleRows } from './nodes.js';

export { ledgerOfRowsOutside } from './nodes.js';
import {
  firstHeadedColumn,
  headerPartsAt,
  headerTextOf,
  leadTitles,
  readTableColumn,
  tableScale,
  unitText,
} from './head.js';

function applyBudgetYears(column: Column, header: string, profile?: TableProfile): Column {
  if (!profile?.budgetYears?.length || column.kind !== 'ansatz' || !/^Plan\b(?!ung)/iu.test(header))
    return column;
  return column.year > Math.max(...profile.budgetYears) ? { kind: 'planung', year: column.year } : column;
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
  numberedByLabel = false,
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
  const nodeColumns = nodeColumnsOf(headerCandidates, profile);
  const skip = new Set(nodeColumns.flatMap((n) => (n.name === undefined ? [n.code] : [n.code, n.name])));
  // the line numbers stand before the amounts: left of the first column headed like a plan column
  const amountsFrom = firstHeadedColumn(headerCandidates, -1, Math.max(0, ...rows.map((r) => r.length)));
  const lineCol = findLineColumn(rows, skip, amountsFrom);
  if (lineCol === undefined && !numberedByLabel) {
    // a table printed without line numbers: its lines told by their labels
    const numbered = numberByLabel(rows, undefined);
    if (numbered) return importTableRows(numbered.rows, file, profile, fileName, true);
  }
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
  const positioned = rows
    .map((row, i) => ({ row, no: i + 1, pos: linePosition(row, lineCol) }))
    .filter((r): r is { row: string[]; no: number; pos: LinePosition } => r.pos !== undefined);
  const width = Math.max(...positioned.map((r) => r.row.length));
  // the amounts begin at the first column whose header names a plan column (an operator column and the label
  // column with any title stand before it), else after the label
  const firstAmountCol =
    (headerRows.length > 0 ? firstHeadedColumn(headerRows, lineCol, width) : undefined) ??
    Math.min(...positioned.map((r) => r.pos.end)) + 1;
  // number, operator and label before the amounts, read by the recognition every container shares
  const leadRows = positioned.map((r) => {
    const lead = readLead(r.row.slice(lineCol, Math.max(lineCol + 1, firstAmountCol)));
    const pos: LinePosition = {
      line: lead.line ?? r.pos.line,
      label: lead.line !== undefined ? lead.label : r.pos.label,
      end: r.pos.end,
    };
    return {
      ...r,
      pos,
      ...(lead.operator !== undefined ? { operator: lead.operator } : {}),
      style: lead.style,
    };
  });
  // a dash after every line number ("02 - Zuwendungen …") separates number and label: no operator
  const separator = leadRows.every((r) => r.operator === '-');
  const dataRows: ((typeof positioned)[number] & { operator?: string; style?: NumberStyle })[] = separator
    ? leadRows.map((r) => ({ row: r.row, no: r.no, pos: r.pos, style: r.style }))
    : leadRows;
  const scale = tableScale(headerRows, firstAmountCol);
  const columns: (Column | undefined)[] = [];
  const scales: Scale[] = [];
  let stacked = false;
  let headed = 0;
  for (let c = firstAmountCol; c < width; c++) {
    const parts = headerPartsAt(headerRows, c, firstAmountCol);
    const header = headerTextOf(parts);
    const used = dataRows.some((r) => (r.row[c] ?? '') !== '');
    if (header === '' && !used) {
      columns.push(undefined);
      scales.push(1);
      continue;
    }
    const parsed = readTableColumn(
      parts,
      columns.filter((x): x is Column => x !== undefined),
      scale,
    );
    if (!parsed) {
      err(
        headerRows.length > 0 ? firstData : 1,
        `Spaltenkopf „${header || '(leer)'}“ in Spalte ${c + 1} nicht erkannt (erwartet z. B. „Ergebnis 2024“, „Ansatz 2026“, „Haushaltsansatz (€)“ über „2026“, „VE 2026“, „Planung 2027“, auch über mehrere Kopfzeilen)`,
      );
      continue;
    }
    headed = Math.max(headed, parts.length);
    const kindPart = parts.findIndex(
      (p) => /\D/u.test(p) && !/(?:19|20)\d{2}/u.test(p) && readTableColumn([p, '2000'], [], 1),
    );
    if (kindPart >= 0 && parts.slice(kindPart + 1).some((p) => /(?:19|20)\d{2}/u.test(p))) stacked = true;
    columns.push(applyBudgetYears(parsed.column, header, profile));
    scales.push(parsed.scale);
  }
  if (errors.length > 0) return { ok: false, errors };
  const traits = new Traits();
  const planColumns = columns.filter((c): c is Column => c !== undefined);
  const unit = unitText(headerRows, firstAmountCol);
  traits.header({
    columns: planColumns,
    ranges: [],
    scales: scales.filter((_, k) => columns[k] !== undefined),
    texts: [],
    lead: leadTitles(headerRows, lineCol, firstAmountCol),
    rows: headed,
    ...(unit !== undefined ? { unitText: unit } : {}),
    kindYear: stacked ? 'stacked' : 'one-cell',
  });

  // every amount under a named column from the first plan line down is read; rows without a line number
  // hold no plan line: their amounts are listed outside the plans
  const ledger = new Ledger(file);
  rowsOutside(rows, firstData, lineCol, { file, columns, scales, firstAmountCol, notes, traits, ledger });

  // nodes and blocks of rows
  const nodes = new Map<string, { code: string; level: Level; name: string }>();
  const blocks: Block[] = [];
  // section titles above the rows name node and plan where no column or profile does (one recognition of
  // titles for every container)
  const titles = nodeColumns.length === 0 && !fileNode ? titleRows(rows) : new Map<number, Title>();
  const planCol = findPlanColumn(
    dataRows.map((r) => r.row),
    lineCol,
    skip,
  );
  const depths = new Map(
    nodeColumns.map((nc) => [
      nc,
      new Set(
        dataRows
          .map((r) => (r.row[nc.code] ?? '').trim())
          .filter((c) => c !== '')
          .map((c) => c.split('.').length),
      ),
    ]),
  );
  let title: Title | undefined;
  let titleRow = 0;
  for (const r of dataRows) {
    for (; titleRow < r.no; titleRow++) title = titles.get(titleRow) ?? title;
    let key = 'gesamt';
    let type: PlanType | undefined;
    if (title) {
      key = title.code;
      if (title.level !== 'haushalt' && !nodes.has(key))
        nodes.set(key, { code: key, level: title.level, name: title.name });
      if (title.kind !== 'investitionen' && title.kind !== 'produktbeschreibung') type = title.kind;
    }
    for (const nc of nodeColumns) {
      const code = (r.row[nc.code] ?? '').trim();
      if (code === '') continue;
      const name = nc.name === undefined ? '' : (r.row[nc.name] ?? '').trim();
      if (!nodes.has(code)) nodes.set(code, { code, level: levelOfCode(nc, code, depths.get(nc)!), name });
      key = code;
    }
    if (planCol !== undefined) {
      const named = (r.row[planCol] ?? '').trim().toLowerCase();
      if (PLAN_NAME.test(named)) type = named as PlanType;
    }
    if (nodeColumns.length === 0 && fileNode) {
      key = fileNode.code;
      if (!nodes.has(key)) nodes.set(key, { code: key, level: fileNode.level, name: '' });
    }
    const last = blocks[blocks.length - 1];
    const repeated = last?.rows.some((x) => x.pos.line === r.pos.line) ?? false;
    if (!last || last.nodeKey !== key || last.type !== type || repeated)
      blocks.push({ nodeKey: key, ...(type !== undefined ? { type } : {}), rows: [r] });
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
          b.type === block.type &&
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
  const operators = new Map<string, Map<string, string>>();
  const operatorsOf = (nodeKey: string, type: PlanType): Map<string, string> => {
    const key = `${nodeKey}|${type}`;
    let found = operators.get(key);
    if (!found) operators.set(key, (found = new Map<string, string>()));
    return found;
  };
  for (const block of blocks) {
    const hasNode = block.nodeKey !== 'gesamt';
    const printed = block.rows.map((r) => ({
      line: r.pos.line,
      label: r.pos.label === '' ? '' : labelForMatching(r.pos.label),
    }));
    const selection = selectSchema(
      block.type ? [block.type] : planTypesFor(hasNode, hint),
      printed,
      budgetYear,
    );
    if ('refusal' in selection) {
      err(block.rows[0]!.no, selection.refusal.message);
      continue;
    }
    const schema = selection.schema;
    const lines = planLines(block, schema, { file, columns, scales, firstAmountCol, notes, traits, ledger });
    for (const r of block.rows)
      if (r.operator !== undefined) operatorsOf(block.nodeKey, schema.plan).set(r.pos.line, r.operator);
    const plan: Plan = {
      type: schema.plan,
      schemaId: schema.id,
      columns: planColumns,
      lines,
      ...(profile?.signs !== undefined ? { signs: profile.signs } : {}),
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
  // the sign convention, once a plan's blocks are joined: the one under which its printed totals hold, the
  // operators confirming (core/signs.ts; the same detector as for PDF and text); a profile may name it
  for (const [nodeKey, plans] of plansByNode) {
    plans.forEach((p, i) => {
      if (p.signs !== undefined) {
        plans[i] = withLineSigns(p);
        return;
      }
      const schema = schemaById(p.schemaId)!;
      const decision = decideSigns(schema, p.lines, operatorsOf(nodeKey, p.type));
      traits.sign(decision.trait);
      if (decision.note !== undefined)
        notes.push({
          severity: 'warning',
          rule: 'signs-undecided',
          message: decision.note,
          node: nodeKey,
          plan: p.type,
          ...(p.source ? { source: p.source } : {}),
        });
      plans[i] = { ...p, lines: [...decision.lines], signs: decision.signs };
    });
  }
  for (const r of dataRows) {
    traits.number(numberedByLabel ? undefined : r.style);
    if (r.operator !== undefined) traits.operator(r.operator);
  }

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
  // the budget year: the VE column's, else the last Ansatz year (as for plan text and PDF)
  const veYears = planColumns.filter((c) => c.kind === 've').map((c) => c.year);
  const year =
    veYears.length > 0 ? Math.min(...veYears) : ansatzYears.length > 0 ? Math.max(...ansatzYears) : undefined;
  const budget: Budget = {
    ...(year !== undefined ? { year } : {}),
    nodes: resolveParents(built),
    notes,
    files: [file],
  };
  const layout = traits.isPlain() ? undefined : traits.describe();
  return { ok: true, budget, ledger: [layout ? { ...ledger.toJSON(), layout } : ledger.toJSON()] };
}

/** Imports a CSV table (text already decoded). */
export function importCsv(
  text: string,
  file: string,
  profile?: TableProfile,
  fileName: string = file,
): ImportResult {
  const parsed = csvRowsOf(text, file);
  if (!parsed.ok) return parsed;
  return importTableRows(parsed.rows, file, profile, fileName);
}
