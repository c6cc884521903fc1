/**
 * The budget as a formatted Excel workbook (`haushalt export --format xlsx`, written with write-excel-file): one
 * sheet per plan type (Teilergebnispläne, Teilfinanzpläne, Gesamtpläne, Investitionen) and one of Erläuterungen,
 * each only when the budget has such content. A plan sheet has a title row and one frozen header row with every
 * column of its plans (`Ansatz 2026`); then each plan as a block: a heading row with the node's number and name,
 * then its lines. Amounts are numbers in euros with the format `#,##0` where the plan prints whole euros,
 * `#,##0.00` where it prints cents and `#,##0," T€"` where it prints thousands of euros (shown divided by 1000
 * with the unit; the value stays exact); Excel shows the separators of the user's locale. Totals (schema lines
 * with a `sum`) are bold. Every row carries the node's number in column A, so the autofilter selects a node's
 * block.
 *
 * Every cell is a typed value: texts are written as text cells (`type: String`), never as formulas, so a name
 * such as `=HYPERLINK("http://x","klick")` stays the text it is; amounts are numbers.
 */
import writeXlsxFile, { type CellObject, type Row } from 'write-excel-file/node';
import {
  findElement,
  getOrderOfSiblings,
  getSelfClosingTagMarkup,
  insertElementMarkupAccordingToOrderOfSiblings,
  replaceElement,
  sanitizeTextContent,
} from 'write-excel-file/utility';
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
import { investmentKeys } from '../formats/investment-keys.js';
import {
  budgetTitle,
  columnHeader,
  exportCode,
  isTotal,
  KIND_LABEL,
  mergeColumns,
  rowLabel,
  rowNumber,
} from './rows.js';

export const EURO_FORMAT = '#,##0';
export const CENT_FORMAT = '#,##0.00';
/** Thousands of euros: the trailing comma divides what is shown by 1000 (`1234000` shows as `1.234 T€`). */
export const THOUSAND_FORMAT = '#,##0," T€"';

/** The number format of a cell, as it was printed. */
export function formatOf(cell: Pick<Cell, 'decimals' | 'scale'>): string {
  if (cell.scale === 1000) return THOUSAND_FORMAT;
  return cell.decimals === 2 ? CENT_FORMAT : EURO_FORMAT;
}

/** The multi-sheet form of write-excel-file's call (its last overload), and its feature hook. */
type Sheets = Parameters<typeof writeXlsxFile>[0];
type Feature = NonNullable<NonNullable<Parameters<typeof writeXlsxFile>[1]>['features']>[number];

/** The grey of a plan's heading row. */
export const HEADING_FILL = '#E8E8E8';

type Style = Omit<CellObject, 'value' | 'type' | 'format'>;
const BOLD: Style = { fontWeight: 'bold' };

/** The sheets of plans, by name, and the plan types each collects. */
const PLAN_SHEETS: readonly { readonly name: string; readonly types: readonly PlanType[] }[] = [
  { name: 'Teilergebnispläne', types: ['teilergebnisplan'] },
  { name: 'Teilfinanzpläne', types: ['teilfinanzplan'] },
  { name: 'Gesamtpläne', types: ['gesamtergebnisplan', 'gesamtfinanzplan'] },
];

/** A text cell: always of type String, so that no text is ever read as a formula. */
function text(value: string, style: Style = {}): CellObject {
  return { type: String, value, ...style };
}

/** An amount in euros as a number cell with its format. */
function amount(cents: number, format: string, style: Style = {}): CellObject {
  return { type: Number, value: toEuroNumber(cents), format, ...style };
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
function columnLetters(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}

/** A sheet being built: its rows, column widths, and the width of its table (for the autofilter). */
interface SheetDraft {
  readonly name: string;
  readonly rows: Row[];
  readonly widths: readonly number[];
}

interface Layout {
  readonly sheet: SheetDraft;
  readonly columns: readonly Column[];
  /** Headers of the text columns before the amounts. */
  readonly lead: readonly string[];
}

function startSheet(
  name: string,
  title: string,
  lead: readonly { header: string; width: number }[],
  columns: readonly Column[],
): Layout {
  const header: Style = { ...BOLD, wrap: true, alignVertical: 'bottom' };
  const sheet: SheetDraft = {
    name,
    widths: [...lead.map((l) => l.width), ...columns.map((c) => Math.max(14, columnHeader(c).length + 2))],
    rows: [
      [text(title, { fontWeight: 'bold', fontSize: 14 })],
      [
        ...lead.map((l) => text(l.header, header)),
        ...columns.map((c) => text(columnHeader(c), { ...header, align: 'right' })),
      ],
    ],
  };
  return { sheet, columns, lead: lead.map((l) => l.header) };
}

function addHeading(layout: Layout, code: string, heading: string): void {
  const style: Style = { ...BOLD, backgroundColor: HEADING_FILL };
  const width = layout.lead.length + layout.columns.length;
  layout.sheet.rows.push(
    Array.from({ length: width }, (_, i) => text(i === 0 ? code : i === 2 ? heading : '', style)),
  );
}

function addAmountRow(layout: Layout, lead: readonly string[], cells: readonly Cell[], bold: boolean): void {
  const style = bold ? BOLD : {};
  const row: Row = lead.map((t) => text(t, style));
  for (const cell of cells) {
    const index = layout.columns.findIndex((c) => columnKey(c) === columnKey(cell.column));
    while (row.length < layout.lead.length + index) row.push(null);
    row[layout.lead.length + index] = amount(cell.amount, formatOf(cell), style);
  }
  layout.sheet.rows.push(row);
}

const PLAN_LEAD = [
  { header: 'Nummer', width: 12 },
  { header: 'Zeile', width: 7 },
  { header: 'Bezeichnung', width: 60 },
];

function planSheet(
  budget: Budget,
  name: string,
  types: readonly PlanType[],
  title: string,
): Layout | undefined {
  const blocks = budget.nodes.flatMap((node) =>
    node.plans.filter((p) => types.includes(p.type)).map((plan) => ({ node, plan })),
  );
  if (blocks.length === 0) return undefined;
  const layout = startSheet(name, title, PLAN_LEAD, mergeColumns(blocks.map((b) => b.plan.columns)));
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
  return layout;
}

function investmentSheet(budget: Budget, title: string): Layout | undefined {
  const nodes = budget.nodes.filter((n): n is BudgetNode & Required<Pick<BudgetNode, 'investitionen'>> =>
    Boolean(n.investitionen?.rows.length),
  );
  if (nodes.length === 0) return undefined;
  const layout = startSheet(
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
        const style: Style = { ...BOLD, fontStyle: 'italic' };
        layout.sheet.rows.push([text(code, style), null, text(row.label, style)]);
        return;
      }
      if (keys[i] === undefined) return;
      addAmountRow(layout, [code, rowNumber(row), rowLabel(row)], row.cells, row.type === 'measure');
    });
  }
  return layout;
}

const WRAP_TOP: Style = { wrap: true, alignVertical: 'top' };

/** An amount of an Erläuterung, whole euros or cents as it has them. */
const erlaeuterungAmount = (cents: number | undefined): CellObject | null =>
  cents === undefined ? null : amount(cents, cents % 100 === 0 ? EURO_FORMAT : CENT_FORMAT);

function erlaeuterungRows(e: Erlaeuterung): Row[] {
  const paragraph = (art: string, t: string): Row => [text(art), null, text(t, WRAP_TOP)];
  return [
    ...e.intro.map((t) => paragraph('Text', t)),
    ...e.items.map((item): Row => [
      text('Posten'),
      text(item.letter ?? ''),
      text(item.text, WRAP_TOP),
      erlaeuterungAmount(item.amount),
      text(item.previous ? `${KIND_LABEL[item.previous.kind]} ${item.previous.year}` : ''),
      erlaeuterungAmount(item.previous?.amount),
      text([item.reason, item.remark].filter(Boolean).join(' '), WRAP_TOP),
    ]),
    ...e.closing.map((t) => paragraph('Schluss', t)),
  ];
}

function erlaeuterungSheet(budget: Budget, title: string): SheetDraft | undefined {
  const nodes = budget.nodes.filter((n) => n.erlaeuterungen.length > 0);
  if (nodes.length === 0) return undefined;
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
  const rows: Row[] = [
    [text(title, { fontWeight: 'bold', fontSize: 14 })],
    headers.map(([h]) => text(h, BOLD)),
  ];
  for (const node of nodes) {
    const code = exportCode(node);
    for (const e of node.erlaeuterungen) {
      const lead = [text(code), text(PLAN_LABEL[e.plan]), text(e.line ?? '')];
      rows.push([
        ...lead.map((c) => ({ ...c, ...BOLD })),
        null,
        null,
        text(e.title ?? (e.line === undefined ? 'Allgemein' : ''), BOLD),
      ]);
      for (const values of erlaeuterungRows(e)) rows.push([...lead, ...values]);
    }
  }
  return { name: 'Erläuterungen', rows, widths: headers.map(([, width]) => width) };
}

/** A sheet name as a formula reference: `'Teilergebnispläne'`. */
const quotedSheet = (name: string): string => `'${name.replace(/'/gu, "''")}'`;

/**
 * write-excel-file writes no autofilter: this feature adds `<autoFilter ref="A2:I98"/>` to the sheets that have
 * one and Excel's hidden `_xlnm._FilterDatabase` name for each to the workbook, as Excel itself does.
 */
function autoFilters(sheets: readonly { name: string; ref: string }[]): Feature {
  return {
    files: {
      transform: {
        'xl/worksheets/sheet{id}.xml': {
          transform: (xml, _options, { sheetIndex }) => {
            const ref = sheets[sheetIndex]?.ref;
            if (ref === undefined) return xml;
            const order = getOrderOfSiblings('xl/worksheets/sheet{id}.xml', 'worksheet') ?? [];
            return insertElementMarkupAccordingToOrderOfSiblings(
              xml,
              getSelfClosingTagMarkup('autoFilter', { ref }),
              order,
              'worksheet',
            );
          },
        },
        'xl/workbook.xml': {
          transform: (xml) => {
            const names = sheets
              .map((s, i) => {
                const [from = '', to = ''] = s.ref.split(':');
                const absolute = (cell: string) => cell.replace(/^([A-Z]+)(\d+)$/u, '$$$1$$$2');
                return `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${sanitizeTextContent(
                  `${quotedSheet(s.name)}!${absolute(from)}:${absolute(to)}`,
                )}</definedName>`;
              })
              .join('');
            const markup = `<definedNames>${names}</definedNames>`;
            const existing = findElement(xml, 'definedNames');
            if (existing) return replaceElement(xml, existing, markup);
            const order = getOrderOfSiblings('xl/workbook.xml', 'workbook') ?? [];
            return insertElementMarkupAccordingToOrderOfSiblings(xml, markup, order, 'workbook');
          },
        },
      },
    },
  };
}

/** The autofilter of a table whose header is row 2: over all its columns and rows. */
function filterRange(sheet: SheetDraft, columns: number): string {
  return `A2:${columnLetters(columns)}${Math.max(2, sheet.rows.length)}`;
}

/** The budget as an XLSX workbook. */
export async function toXlsx(budget: Budget): Promise<Uint8Array> {
  const title = budgetTitle(budget);
  const drafts: { sheet: SheetDraft; filter?: string }[] = [];
  for (const s of PLAN_SHEETS) {
    const layout = planSheet(budget, s.name, s.types, `${title} – ${s.name}`);
    if (layout)
      drafts.push({ sheet: layout.sheet, filter: filterRange(layout.sheet, layout.sheet.widths.length) });
  }
  const investments = investmentSheet(budget, `${title} – Investitionen`);
  if (investments)
    drafts.push({
      sheet: investments.sheet,
      filter: filterRange(investments.sheet, investments.sheet.widths.length),
    });
  const erlaeuterungen = erlaeuterungSheet(budget, `${title} – Erläuterungen`);
  if (erlaeuterungen)
    drafts.push({ sheet: erlaeuterungen, filter: filterRange(erlaeuterungen, erlaeuterungen.widths.length) });
  const sheets: Sheets = drafts.map(({ sheet }) => ({
    data: sheet.rows,
    sheet: sheet.name,
    columns: sheet.widths.map((width) => ({ width })),
    stickyRowsCount: 2,
  }));
  if (sheets.length === 0) sheets.push({ data: [[text('Keine Beträge')]], sheet: 'Haushalt' });
  const filters = drafts.map((d) => ({ name: d.sheet.name, ref: d.filter ?? '' }));
  const buffer = await writeXlsxFile(sheets, {
    fontFamily: 'Calibri',
    fontSize: 11,
    features: filters.length > 0 ? [autoFilters(filters)] : [],
  }).toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
