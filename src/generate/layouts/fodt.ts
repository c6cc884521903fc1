/**
 * A paginated layout document as a flat OpenDocument text (.fodt) for LibreOffice to lay out and export to
 * PDF: the page layout sets size and orientation, the master page carries the running header and footer
 * (page numbers as fields), the first block of every page but the first breaks the page before it, tables
 * have fixed column widths, rows are never split, and paragraphs have a fixed line height, so LibreOffice
 * places every cell on the page the pagination says (the same geometry as the HTML renderer).
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

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
].join(' ');

const pt = (n: number): string => `${Math.round(n * 100) / 100}pt`;

/** The block of a chunk: its title paragraph (if any) and its table. */
function chunkXml(
  doc: LayoutDocument,
  table: PrintedTable,
  chunk: Chunk,
  g: TableGeometry,
  pageBreak: boolean,
  column: (width: number) => string,
  tableStyleOf: (width: number, place: string) => string,
  tableNumber: number,
): string {
  const v = doc.variant;
  const columns = chunk.columns.map((i) => table.columns[i]!);
  // paragraph styles of this table's type size (`paragraphStyles`)
  const size = sizeKey(g.fontPt);
  const lead: { width: number; title: string }[] = [
    ...(g.numberWidth > 0 ? [{ width: g.numberWidth, title: table.numberTitle }] : []),
    ...(g.operatorWidth > 0 ? [{ width: g.operatorWidth, title: '' }] : []),
    { width: g.labelWidth, title: table.labelTitle },
  ];
  const width = lead.reduce((s, l) => s + l.width, 0) + columns.length * g.amountWidth;
  // the first block of a page breaks the page (not on the first page); a block below another has space above
  const place = pageBreak ? 'B' : chunk.gap ? 'G' : '';
  const title = chunk.title
    ? `<text:p text:style-name="T${place}">${table.titleLines.map(escapeXml).join('<text:line-break/>')}</text:p>`
    : '';
  const tableStyle = tableStyleOf(width, chunk.title ? '' : place);
  const cell = (text: string, cellStyle: string, paragraph: string, span = 1): string =>
    `<table:table-cell table:style-name="${cellStyle}" office:value-type="string"${span > 1 ? ` table:number-columns-spanned="${span}"` : ''}><text:p text:style-name="${paragraph}${size}">${text}</text:p></table:table-cell>` +
    '<table:covered-table-cell/>'.repeat(span - 1);
  const header = headerLayout(g, doc, columns);
  const headXml = header.map((row, i) => {
    const cs = i === header.length - 1 ? 'CHL' : 'CH';
    return `<table:table-row table:style-name="R">${[
      ...lead.map((l) => cell(i === leadTitleRow(v) ? escapeXml(l.title) : '', cs, 'HL')),
      ...row.cells.map((c) =>
        cell(c.lines.map(escapeXml).join('<text:line-break/>'), cs, c.span > 1 ? 'HC' : 'HR', c.span),
      ),
    ].join('')}</table:table-row>`;
  });
  const row = (r: PrintedRow): string => {
    const b = r.bold ? 'B' : '';
    if (r.kind === 'group') {
      const before = lead.length - 1;
      return `<table:table-row table:style-name="R">${[
        ...Array.from({ length: before }, () => cell('', 'CA', 'L')),
        cell(escapeXml(r.label), 'CT', 'LB', 1 + chunk.columns.length),
      ].join('')}</table:table-row>`;
    }
    return `<table:table-row table:style-name="R">${[
      ...(g.numberWidth > 0 ? [cell(escapeXml(r.number), 'CA', `L${b}`)] : []),
      ...(g.operatorWidth > 0 ? [cell(escapeXml(r.operator), 'CA', `L${b}`)] : []),
      cell(r.labelLines.map(escapeXml).join('<text:line-break/>'), 'CT', `L${b}`),
      ...chunk.columns.map((i) => cell(escapeXml(r.amounts[i]?.text ?? ''), 'CA', `R${b}`)),
    ].join('')}</table:table-row>`;
  };
  const cols = [...lead.map((l) => l.width), ...columns.map(() => g.amountWidth)]
    .map((w) => `<table:table-column table:style-name="${column(w)}"/>`)
    .join('');
  return [
    title,
    `<table:table table:name="Tabelle${tableNumber}" table:style-name="${tableStyle}">`,
    cols,
    headXml.join(''),
    table.rows.slice(chunk.from, chunk.to).map(row).join(''),
    '</table:table>',
  ].join('');
}

/** The key of a type size in style names: 7.5 pt → "75". */
function sizeKey(fontPt: number): string {
  return String(Math.round(fontPt * 10));
}

/** The flat OpenDocument text of a paginated document. */
export function layoutFodt(doc: LayoutDocument, pagination: Pagination): string {
  const g: PageGeometry = pagination.page;
  const v = doc.variant;
  const columnStyles = new Map<string, string>();
  const column = (width: number): string => {
    const name = `W${String(Math.round(width * 100))}`;
    columnStyles.set(
      name,
      `<style:style style:name="${name}" style:family="table-column"><style:table-column-properties style:column-width="${pt(width)}"/></style:style>`,
    );
    return name;
  };
  const tableStyles = new Map<string, string>();
  const tableStyleOf = (width: number, place: string): string => {
    const name = `TBL${place}${String(Math.round(width * 100))}`;
    const props =
      place === 'B'
        ? 'fo:margin-top="0pt" fo:break-before="page"'
        : `fo:margin-top="${place === 'G' ? pt(g.gapBefore) : '0pt'}"`;
    tableStyles.set(
      name,
      `<style:style style:name="${name}" style:family="table"><style:table-properties style:width="${pt(width)}" table:align="left" fo:margin-left="0pt" fo:margin-bottom="0pt" style:may-break-between-rows="false" ${props}/></style:style>`,
    );
    return name;
  };
  const face = `style:font-name="Liberation Sans" fo:font-family="'Liberation Sans'"`;
  const bold = 'fo:font-weight="bold"';
  const paragraphStyles = new Map<string, string>();
  for (const tg of pagination.tables) {
    const size = sizeKey(tg.fontPt);
    const para = (name: string, align: string, text = ''): [string, string] => [
      `${name}${size}`,
      `<style:style style:name="${name}${size}" style:family="paragraph"><style:paragraph-properties fo:line-height="${pt(tg.lineHeight)}" fo:margin-top="0pt" fo:margin-bottom="0pt" fo:text-align="${align}"/><style:text-properties ${face} fo:font-size="${pt(tg.fontPt)}" ${text}/></style:style>`,
    ];
    for (const [name, xml] of [
      para('L', 'start'),
      para('LB', 'start', bold),
      para('R', 'end'),
      para('RB', 'end', bold),
      para('HL', 'start'),
      para('HR', 'end'),
      para('HC', 'center'),
    ])
      paragraphStyles.set(name, xml);
  }
  let tables = 0;
  const body = pagination.pages.flatMap((page, p) =>
    page.chunks.map((chunk, i) =>
      chunkXml(
        doc,
        doc.tables[chunk.table]!,
        chunk,
        pagination.tables[chunk.table]!,
        p > 0 && i === 0,
        column,
        tableStyleOf,
        ++tables,
      ),
    ),
  );
  const tableGeometry = pagination.tables[0];
  const padY = tableGeometry?.padY ?? 1.5;
  const padX = tableGeometry?.padX ?? 3;
  const font = `${face} fo:font-size="${pt(g.fontPt)}"`;
  const running = (name: string, props: string, inner = ''): string =>
    `<style:style style:name="${name}" style:family="paragraph"><style:paragraph-properties fo:line-height="${pt(g.lineHeight)}" fo:margin-top="0pt" fo:margin-bottom="0pt" ${props}>${inner}</style:paragraph-properties><style:text-properties ${font}/></style:style>`;
  const title = (name: string, props: string): string =>
    `<style:style style:name="${name}" style:family="paragraph"><style:paragraph-properties fo:line-height="${pt(g.titleLineHeight)}" fo:margin-bottom="${pt(g.gapAfterTitle)}" fo:keep-with-next="always" ${props}/><style:text-properties ${face} fo:font-size="${pt(g.titlePt)}" ${bold}/></style:style>`;
  const cellStyle = (name: string, align: string, border: string): string =>
    `<style:style style:name="${name}" style:family="table-cell"><style:table-cell-properties style:vertical-align="${align}" fo:padding-top="${pt(padY)}" fo:padding-bottom="${pt(padY)}" fo:padding-left="${pt(padX)}" fo:padding-right="${pt(padX)}" fo:border="none" ${border}/></style:style>`;
  const hasHeader = v.runningHeader !== 'none';
  const hasFooter = v.runningFooter !== 'none';
  // the body starts and ends where Chromium's does, and the running header (footer) stands where Chromium's
  // margin box puts it: one line of type in the middle of the top (bottom) margin, as far from the body as from
  // the paper's edge
  const headerSpacing = (g.marginTop - g.lineHeight) / 2;
  const footerSpacing = (g.marginBottom - g.lineHeight) / 2;
  const pageLayout = [
    `<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="${pt(g.pageWidth)}" fo:page-height="${pt(g.pageHeight)}" style:print-orientation="${v.orientation}"`,
    ` fo:margin-top="${pt(hasHeader ? headerSpacing : g.marginTop)}" fo:margin-bottom="${pt(hasFooter ? footerSpacing : g.marginBottom)}"`,
    ` fo:margin-left="${pt(g.marginSide)}" fo:margin-right="${pt(g.marginSide)}"/>`,
    `<style:header-style><style:header-footer-properties fo:min-height="${pt(g.lineHeight + headerSpacing)}" fo:margin-bottom="${pt(headerSpacing)}" style:dynamic-spacing="false"/></style:header-style>`,
    `<style:footer-style><style:header-footer-properties fo:min-height="${pt(g.lineHeight + footerSpacing)}" fo:margin-top="${pt(footerSpacing)}" style:dynamic-spacing="false"/></style:footer-style>`,
    '</style:page-layout>',
  ].join('');
  const contentRight = g.pageWidth - 2 * g.marginSide;
  const headerXml = hasHeader
    ? `<style:header><text:p text:style-name="HDR">${escapeXml(doc.runningTitle)}${v.runningHeader === 'title-and-date' ? `<text:tab/>${escapeXml(doc.date)}` : ''}</text:p></style:header>`
    : '';
  const footerText =
    v.runningFooter === 'Seite n'
      ? 'Seite <text:page-number text:select-page="current"/>'
      : v.runningFooter === 'Seite n von m'
        ? 'Seite <text:page-number text:select-page="current"/> von <text:page-count/>'
        : '- <text:page-number text:select-page="current"/> -';
  const footerXml = hasFooter
    ? `<style:footer><text:p text:style-name="FTR">${footerText}</text:p></style:footer>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:orphans="0" fo:widows="0"/><style:text-properties ${font} fo:language="de" fo:country="DE"/></style:default-style>
</office:styles>
<office:automatic-styles>
${pageLayout}
${running('HDR', '', `<style:tab-stops><style:tab-stop style:position="${pt(contentRight)}" style:type="right"/></style:tab-stops>`)}
${running('FTR', 'fo:text-align="center"')}
${[...paragraphStyles.values()].join('\n')}
${title('T', 'fo:margin-top="0pt"')}
${title('TG', `fo:margin-top="${pt(g.gapBefore)}"`)}
${title('TB', 'fo:margin-top="0pt" fo:break-before="page"')}
${[...tableStyles.values()].join('\n')}
<style:style style:name="R" style:family="table-row"><style:table-row-properties fo:keep-together="always"/></style:style>
${cellStyle('CH', 'bottom', '')}
${cellStyle('CHL', 'bottom', 'fo:border-bottom="0.5pt solid #000000"')}
${cellStyle('CT', 'top', '')}
${cellStyle('CA', v.amountAlign, '')}
${[...columnStyles.values()].join('\n')}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL">${headerXml}${footerXml}</style:master-page></office:master-styles>
<office:body><office:text>
${body.join('\n')}
</office:text></office:body></office:document>
`;
}
