/**
 * The plans of a layout document as the table a finance system exports for that layout (CSV, `;`, UTF-8 with
 * BOM, CRLF, as German spreadsheets write it): the variant's header rows once at the top, then one row per
 * plan line with the node's code and name, the plan, the line number, operator and label as the variant
 * prints them, and the amounts (signs and unit as printed) under the columns of every plan of the document.
 * Page traits (wrapping, running headers, page breaks, orientation) do not exist in a table; investment tables
 * are not exported (they are no table of plan lines).
 */
import { PLAN_LABEL, type Column } from '../../core/model.js';
import type { LayoutDocument } from './document.js';
import { headerRows, leadTitleRow } from './format.js';

const KIND_ORDER = ['ergebnis', 'ansatz', 've', 'planung', 'bisher', 'gesamt'];

/** The amount columns of the export: every plan column of the document, by kind and year. */
export function csvColumns(doc: LayoutDocument): Column[] {
  const seen = new Map<string, Column>();
  for (const t of doc.tables) {
    if (t.plan === 'investitionen') continue;
    for (const c of t.columns) seen.set(`${c.kind}:${c.year}`, c);
  }
  return [...seen.values()].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.year - b.year,
  );
}

function field(text: string): string {
  return /[;"\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

export interface LayoutCsv {
  readonly text: string;
  /** Number of header rows before the first plan row. */
  readonly headerRows: number;
  /** The amount columns, in order, after the lead columns. */
  readonly columns: readonly Column[];
  /** Number of lead columns before the amounts (node code, node name, plan, number?, operator?, label). */
  readonly leadColumns: number;
  /** The 1-based line of the file a table's row is printed on (undefined for investment tables). */
  lineOf(table: number, row: number): number | undefined;
}

/** The CSV export of a document (see the module comment). */
export function layoutCsv(doc: LayoutDocument): LayoutCsv {
  const v = doc.variant;
  const columns = csvColumns(doc);
  const numbered = v.lineNumbers !== 'none';
  const operators = v.operators !== 'none';
  const labelTitle =
    v.labelTitle === 'arten'
      ? 'Ertrags- und Aufwandsarten / Ein- und Auszahlungsarten'
      : v.labelTitle === 'none'
        ? ''
        : v.labelTitle;
  const leadTitles = [
    'Teilplan',
    'Bezeichnung Teilplan',
    'Plan',
    ...(numbered ? [v.lineNumbers === 'Zeile 1' ? 'Zeile' : 'Nr.'] : []),
    ...(operators ? ['Op.'] : []),
    labelTitle,
  ];
  const lines: string[] = [];
  headerRows(columns, v, doc.year).forEach((cells, i) => {
    const lead = leadTitles.map((t) => (i === leadTitleRow(v) ? t : ''));
    // a cell spanning several columns is written into its first, the others left empty (as exports do)
    const amounts = cells.flatMap((c) => [c.text, ...Array<string>(c.span - 1).fill('')]);
    lines.push([...lead, ...amounts].map(field).join(';'));
  });
  const headerCount = lines.length;
  const where = new Map<string, number>();
  doc.tables.forEach((t, ti) => {
    if (t.plan === 'investitionen') return;
    const node = doc.nodes.find((n) => n.code === t.node)!;
    const haushalt = node.level === 'haushalt';
    t.rows.forEach((r, ri) => {
      const amounts = columns.map((c) => {
        const i = t.columns.findIndex((x) => x.kind === c.kind && x.year === c.year);
        return i < 0 ? '' : (r.amounts[i]?.text ?? '');
      });
      lines.push(
        [
          haushalt ? '' : node.code,
          haushalt ? 'Gesamthaushalt' : node.name,
          PLAN_LABEL[t.plan],
          ...(numbered ? [r.number] : []),
          ...(operators ? [r.operator] : []),
          r.label,
          ...amounts,
        ]
          .map(field)
          .join(';'),
      );
      where.set(`${ti}:${ri}`, lines.length);
    });
  });
  return {
    text: `\uFEFF${lines.join('\r\n')}\r\n`,
    headerRows: headerCount,
    columns,
    leadColumns: leadTitles.length,
    lineOf: (table, row) => where.get(`${table}:${row}`),
  };
}
