/**
 * The budget as a formatted Excel workbook (`haushalt export --format xlsx`, exceljs): one sheet per plan type
 * (Teilergebnispläne, Teilfinanzpläne, Gesamtpläne, Investitionen) and one of Erläuterungen, each only when the
 * budget has such content. A plan sheet has a title row and one frozen header row with every column of its
 * plans (`Ansatz 2026`); then each plan as a block: a heading row with the node's number and name, then its
 * lines. Amounts are numbers in euros with the format `#,##0` where the plan prints whole euros and `#,##0.00`
 * where it prints cents (Excel shows the separators of the user's locale); totals (schema lines with a `sum`)
 * are bold. Every row carries the node's number in column A, so the autofilter selects a node's block.
 */
import ExcelJS from 'exceljs';
import { toEuroNumber } from '../core/money.js';
import {
  columnKey,
  PLAN_LABEL,
  type Budget,
  type BudgetNode,
  type Cell,
  type Column,
  type Erlaeuterung,
  type PlanType,
} from '../core/model.js';
import { investmentKeys } from './investment-keys.js';
import { budgetTitle, columnHeader, exportCode, isTotal, KIND_LABEL, rowLabel, rowNumber } from './rows.js';

export const EURO_FORMAT = '#,##0';
export const CENT_FORMAT = '#,##0.00';

const BOLD: Partial<ExcelJS.Font> = { bold: true };
const HEADING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };

/** The sheets of plans, by name, and the plan types each collects. */
const PLAN_SHEETS: readonly { readonly name: string; readonly types: readonly PlanType[] }[] = [
  { name: 'Teilergebnispläne', types: ['teilergebnisplan'] },
  { name: 'Teilfinanzpläne', types: ['teilfinanzplan'] },
  { name: 'Gesamtpläne', types: ['gesamtergebnisplan', 'gesamtfinanzplan'] },
];

/**
 * The columns of several tables as one list: each table's order kept, a column new to the list placed right
 * after the column it follows in its table (so `VE 2026` stays after `Ansatz 2026`).
 */
export function mergeColumns(lists: readonly (readonly Column[])[]): Column[] {
  const merged: Column[] = [];
  for (const list of lists) {
    let pos = -1;
    for (const column of list) {
      const found = merged.findIndex((c) => columnKey(c) === columnKey(column));
      if (found >= 0) pos = found;
      else merged.splice(++pos, 0, column);
    }
  }
  return merged;
}

interface Layout {
  readonly sheet: ExcelJS.Worksheet;
  readonly columns: readonly Column[];
  /** Headers of the text columns before the amounts. */
  readonly lead: readonly string[];
}

function startSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  lead: readonly { header: string; width: number }[],
  columns: readonly Column[],
): Layout {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }] });
  sheet.columns = [
    ...lead.map((l) => ({ width: l.width })),
    ...columns.map((c) => ({ width: Math.max(14, columnHeader(c).length + 2) })),
  ];
  const titleRow = sheet.addRow([title]);
  titleRow.font = { bold: true, size: 14 };
  const header = sheet.addRow([...lead.map((l) => l.header), ...columns.map(columnHeader)]);
  header.font = BOLD;
  header.alignment = { wrapText: true, vertical: 'bottom' };
  header.eachCell((cell, i) => {
    if (i > lead.length) cell.alignment = { horizontal: 'right', wrapText: true, vertical: 'bottom' };
  });
  return { sheet, columns, lead: lead.map((l) => l.header) };
}

function addHeading(layout: Layout, code: string, text: string): void {
  const row = layout.sheet.addRow([code, '', text]);
  row.font = BOLD;
  for (let i = 1; i <= layout.lead.length + layout.columns.length; i++) row.getCell(i).fill = HEADING_FILL;
}

function addAmountRow(
  layout: Layout,
  lead: readonly string[],
  cells: readonly Cell[],
  bold: boolean,
): ExcelJS.Row {
  const row = layout.sheet.addRow([...lead]);
  for (const cell of cells) {
    const index = layout.columns.findIndex((c) => columnKey(c) === columnKey(cell.column));
    const target = row.getCell(layout.lead.length + 1 + index);
    target.value = toEuroNumber(cell.amount);
    target.numFmt = cell.decimals === 2 ? CENT_FORMAT : EURO_FORMAT;
  }
  if (bold) row.font = BOLD;
  return row;
}

function finish(layout: Layout): void {
  const { sheet } = layout;
  sheet.autoFilter = {
    from: { row: 2, column: 1 },
    to: { row: Math.max(2, sheet.rowCount), column: layout.lead.length + layout.columns.length },
  };
}

const PLAN_LEAD = [
  { header: 'Nummer', width: 12 },
  { header: 'Zeile', width: 7 },
  { header: 'Bezeichnung', width: 60 },
];

function planSheet(
  workbook: ExcelJS.Workbook,
  budget: Budget,
  name: string,
  types: readonly PlanType[],
  title: string,
): void {
  const blocks = budget.nodes.flatMap((node) =>
    node.plans.filter((p) => types.includes(p.type)).map((plan) => ({ node, plan })),
  );
  if (blocks.length === 0) return;
  const layout = startSheet(
    workbook,
    name,
    title,
    PLAN_LEAD,
    mergeColumns(blocks.map((b) => b.plan.columns)),
  );
  for (const { node, plan } of blocks) {
    const code = exportCode(node);
    addHeading(
      layout,
      code,
      `${PLAN_LABEL[plan.type]} ${node.level === 'haushalt' ? '' : `${code} `}${node.name}`,
    );
    for (const line of plan.lines)
      addAmountRow(layout, [code, line.line, rowLabel(line, plan)], line.cells, isTotal(plan, line.line));
  }
  finish(layout);
}

function investmentSheet(workbook: ExcelJS.Workbook, budget: Budget, title: string): void {
  const nodes = budget.nodes.filter((n): n is BudgetNode & Required<Pick<BudgetNode, 'investitionen'>> =>
    Boolean(n.investitionen?.rows.length),
  );
  if (nodes.length === 0) return;
  const layout = startSheet(
    workbook,
    'Investitionen',
    title,
    [
      { header: 'Nummer', width: 12 },
      { header: 'Maßnahme / Zeile', width: 16 },
      { header: 'Bezeichnung', width: 60 },
    ],
    mergeColumns(nodes.map((n) => n.investitionen.columns)),
  );
  for (const node of nodes) {
    const code = exportCode(node);
    addHeading(layout, code, `Investitionen ${code} ${node.name}`);
    const keys = investmentKeys(node.investitionen.rows);
    node.investitionen.rows.forEach((row, i) => {
      if (row.type === 'group') {
        const r = layout.sheet.addRow([code, '', row.label]);
        r.font = { bold: true, italic: true };
        return;
      }
      if (keys[i] === undefined) return;
      addAmountRow(layout, [code, rowNumber(row), rowLabel(row)], row.cells, row.type === 'measure');
    });
  }
  finish(layout);
}

function erlaeuterungRows(e: Erlaeuterung): (string | number | null)[][] {
  const text = (art: string, t: string): (string | number | null)[] => [art, '', t, null, '', null, ''];
  return [
    ...e.intro.map((t) => text('Text', t)),
    ...e.items.map((item) => [
      'Posten',
      item.letter ?? '',
      item.text,
      item.amount === undefined ? null : toEuroNumber(item.amount),
      item.previous ? `${KIND_LABEL[item.previous.kind]} ${item.previous.year}` : '',
      item.previous?.amount === undefined ? null : toEuroNumber(item.previous.amount),
      [item.reason, item.remark].filter(Boolean).join(' '),
    ]),
    ...e.closing.map((t) => text('Schluss', t)),
  ];
}

function erlaeuterungSheet(workbook: ExcelJS.Workbook, budget: Budget, title: string): void {
  const nodes = budget.nodes.filter((n) => n.erlaeuterungen.length > 0);
  if (nodes.length === 0) return;
  const sheet = workbook.addWorksheet('Erläuterungen', {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
  });
  const headers: [string, number][] = [
    ['Nummer', 12],
    ['Plan', 18],
    ['Zeile', 7],
    ['Art', 9],
    ['Buchstabe', 10],
    ['Text', 70],
    ['Betrag in EUR', 14],
    ['Vorjahr', 14],
    ['Vorjahr in EUR', 14],
    ['Begründung, Anmerkung', 50],
  ];
  sheet.columns = headers.map(([, width]) => ({ width }));
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow(headers.map(([h]) => h)).font = BOLD;
  for (const node of nodes) {
    const code = exportCode(node);
    for (const e of node.erlaeuterungen) {
      const heading = sheet.addRow([
        code,
        PLAN_LABEL[e.plan],
        e.line ?? '',
        '',
        '',
        e.title ?? (e.line === undefined ? 'Allgemein' : ''),
      ]);
      heading.font = BOLD;
      for (const values of erlaeuterungRows(e)) {
        const row = sheet.addRow([code, PLAN_LABEL[e.plan], e.line ?? '', ...values]);
        row.getCell(6).alignment = { wrapText: true, vertical: 'top' };
        row.getCell(10).alignment = { wrapText: true, vertical: 'top' };
        for (const i of [7, 9]) {
          const value = row.getCell(i).value;
          if (typeof value === 'number')
            row.getCell(i).numFmt = Number.isInteger(value) ? EURO_FORMAT : CENT_FORMAT;
        }
      }
    }
  }
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: sheet.rowCount, column: headers.length } };
}

/** The budget as an XLSX workbook. */
export async function toXlsx(budget: Budget): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Haushalt';
  const title = budgetTitle(budget);
  for (const s of PLAN_SHEETS) planSheet(workbook, budget, s.name, s.types, `${title} – ${s.name}`);
  investmentSheet(workbook, budget, `${title} – Investitionen`);
  erlaeuterungSheet(workbook, budget, `${title} – Erläuterungen`);
  if (workbook.worksheets.length === 0) workbook.addWorksheet('Haushalt').addRow(['Keine Beträge']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
