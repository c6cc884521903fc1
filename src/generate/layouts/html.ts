/**
 * A paginated layout document as one HTML page for Chromium to print: `@page` sets size and orientation and
 * carries the running header and footer in its margin boxes (the page number by `counter(page)`), every page
 * of the pagination is a block ending in a page break, tables have fixed column widths in points, and every
 * line break in a cell is the renderer's (`white-space: nowrap`), so Chromium places every cell on the page the
 * pagination says.
 */
import { escapeXml } from '../html.js';
import type { LayoutDocument, PrintedRow, PrintedTable } from './document.js';
import { leadTitleRow } from './format.js';
import {
  headerLayout,
  type Chunk,
  type PageGeometry,
  type Pagination,
  type TableGeometry,
} from './paginate.js';

const pt = (n: number): string => `${Math.round(n * 100) / 100}pt`;

/** A CSS string literal. */
function cssString(s: string): string {
  return `"${s.replace(/["\\]/gu, (c) => `\\${c}`)}"`;
}

function marginBoxes(doc: LayoutDocument, g: PageGeometry): string {
  const v = doc.variant;
  const font = `font-family:'Liberation Sans';font-size:${pt(g.fontPt)}`;
  const boxes: string[] = [];
  if (v.runningHeader !== 'none') boxes.push(`@top-left{content:${cssString(doc.runningTitle)};${font}}`);
  if (v.runningHeader === 'title-and-date') boxes.push(`@top-right{content:${cssString(doc.date)};${font}}`);
  const footer =
    v.runningFooter === 'Seite n'
      ? '"Seite " counter(page)'
      : v.runningFooter === 'Seite n von m'
        ? '"Seite " counter(page) " von " counter(pages)'
        : v.runningFooter === '- n -'
          ? '"- " counter(page) " -"'
          : undefined;
  if (footer) boxes.push(`@bottom-center{content:${footer};${font}}`);
  return boxes.join('');
}

function chunkHtml(
  doc: LayoutDocument,
  table: PrintedTable,
  chunk: Chunk,
  page: PageGeometry,
  g: TableGeometry,
): string {
  const v = doc.variant;
  const columns = chunk.columns.map((i) => table.columns[i]!);
  const lead: { width: number; cls: string; title: string }[] = [
    ...(g.numberWidth > 0 ? [{ width: g.numberWidth, cls: 'nr', title: table.numberTitle }] : []),
    ...(g.operatorWidth > 0 ? [{ width: g.operatorWidth, cls: 'op', title: '' }] : []),
    { width: g.labelWidth, cls: 'lb', title: table.labelTitle },
  ];
  const width = lead.reduce((s, l) => s + l.width, 0) + columns.length * g.amountWidth;
  const colgroup = [...lead.map((l) => l.width), ...columns.map(() => g.amountWidth)]
    .map((w) => `<col style="width:${pt(w)}">`)
    .join('');
  const head = headerLayout(g, doc, columns).map((row, i) => {
    const leadCells = lead
      .map((l) => `<th class="${l.cls}">${i === leadTitleRow(v) ? escapeXml(l.title) : ''}</th>`)
      .join('');
    const amountCells = row.cells
      .map(
        (c) =>
          `<th class="${c.span > 1 ? 'grp' : 'am'}"${c.span > 1 ? ` colspan="${c.span}"` : ''}>${c.lines.map(escapeXml).join('<br>')}</th>`,
      )
      .join('');
    return `<tr>${leadCells}${amountCells}</tr>`;
  });
  const row = (r: PrintedRow): string => {
    if (r.kind === 'group') {
      const before = lead.length - 1;
      return `<tr class="b">${'<td></td>'.repeat(before)}<td class="lb" colspan="${1 + chunk.columns.length}">${escapeXml(r.label)}</td></tr>`;
    }
    const cells = [
      ...(g.numberWidth > 0 ? [`<td class="nr">${escapeXml(r.number)}</td>`] : []),
      ...(g.operatorWidth > 0 ? [`<td class="op">${escapeXml(r.operator)}</td>`] : []),
      `<td class="lb">${r.labelLines.map(escapeXml).join('<br>')}</td>`,
      ...chunk.columns.map((i) => `<td class="am">${escapeXml(r.amounts[i]?.text ?? '')}</td>`),
    ];
    return `<tr${r.bold ? ' class="b"' : ''}>${cells.join('')}</tr>`;
  };
  const title = chunk.title ? `<div class="t">${table.titleLines.map(escapeXml).join('<br>')}</div>` : '';
  return [
    `<div class="blk"${chunk.gap ? ` style="margin-top:${pt(page.gapBefore)}"` : ''}>`,
    title,
    `<table style="width:${pt(width)};font-size:${pt(g.fontPt)};line-height:${pt(g.lineHeight)}"><colgroup>${colgroup}</colgroup>`,
    `<thead>${head.join('')}</thead>`,
    `<tbody>${table.rows.slice(chunk.from, chunk.to).map(row).join('')}</tbody></table></div>`,
  ].join('');
}

/** The HTML page of a paginated document. */
export function layoutHtml(doc: LayoutDocument, pagination: Pagination): string {
  const g = pagination.page;
  const v = doc.variant;
  const style = [
    `@page{size:A4 ${v.orientation};margin:${pt(g.marginTop)} ${pt(g.marginSide)} ${pt(g.marginBottom)} ${pt(g.marginSide)};${marginBoxes(doc, g)}}`,
    'html,body{margin:0;padding:0}',
    `body{font-family:'Liberation Sans';font-size:${pt(g.fontPt)};line-height:${pt(g.lineHeight)};color:#000}`,
    '.page{break-after:page}.page:last-child{break-after:auto}',
    `.t{font-weight:bold;font-size:${pt(g.titlePt)};line-height:${pt(g.titleLineHeight)};white-space:nowrap;margin:0 0 ${pt(g.gapAfterTitle)} 0}`,
    'table{border-collapse:collapse;table-layout:fixed}',
    // padding as TableGeometry says (the same for every table)
    `td,th{padding:${pt(pagination.tables[0]?.padY ?? 1.5)} ${pt(pagination.tables[0]?.padX ?? 3)};white-space:nowrap;font-weight:normal;line-height:inherit;border:0}`,
    'th{vertical-align:bottom}th.lb,th.nr,th.op{text-align:left}th.am{text-align:right}th.grp{text-align:center}',
    'thead tr:last-child th{border-bottom:0.5pt solid #000}',
    `td{vertical-align:${v.amountAlign}}td.lb{text-align:left;vertical-align:top}td.nr,td.op{text-align:left}td.am{text-align:right}`,
    'tr.b td{font-weight:bold}',
  ].join('\n');
  const pages = pagination.pages.map(
    (p) =>
      `<div class="page">${p.chunks.map((c) => chunkHtml(doc, doc.tables[c.table]!, c, g, pagination.tables[c.table]!)).join('')}</div>`,
  );
  return [
    '<!doctype html>',
    `<html lang="de"><head><meta charset="utf-8"><title>${escapeXml(doc.runningTitle)}</title>`,
    `<!-- layout variant ${v.name}; ${pagination.pages.length} pages -->`,
    `<style>\n${style}\n</style></head><body>`,
    ...pages,
    '</body></html>',
    '',
  ].join('\n');
}
