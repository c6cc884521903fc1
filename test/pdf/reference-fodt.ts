/**
 * The reference document as a flat OpenDocument text (.fodt), for LibreOffice to lay out and export to PDF:
 * tab-separated lines become tables with a repeated header row and right-aligned amounts, other lines
 * paragraphs. Widths are set so that every table fits an A4 page.
 */
import { escapeXml, planTextBlocks } from '../../src/generate/html.js';

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
].join(' ');

export function referenceFodt(text: string): string {
  const columnStyles = new Map<string, string>();
  let tables = 0;
  const columnStyle = (cm: number): string => {
    const name = `C${String(cm).replace('.', '_')}`;
    columnStyles.set(
      name,
      `<style:style style:name="${name}" style:family="table-column"><style:table-column-properties style:column-width="${cm}cm"/></style:style>`,
    );
    return name;
  };
  const renderTable = (table: readonly string[][]): string => {
    const width = Math.max(...table.map((r) => r.length));
    const lead = table[0]![0]?.startsWith('Nr.') && table[0]![1] === 'Bezeichnung' ? 2 : 1;
    const amounts = width - lead;
    const amountWidth = Math.min(2.2, Math.floor(((18 - (lead === 2 ? 5.6 : 4.2)) / amounts) * 100) / 100);
    const labelWidth = Math.round((18 - amounts * amountWidth - (lead === 2 ? 0.8 : 0)) * 100) / 100;
    const cols = [
      ...(lead === 2 ? [`<table:table-column table:style-name="${columnStyle(0.8)}"/>`] : []),
      `<table:table-column table:style-name="${columnStyle(labelWidth)}"/>`,
      `<table:table-column table:style-name="${columnStyle(amountWidth)}" table:number-columns-repeated="${amounts}"/>`,
    ];
    const row = (cells: readonly string[]): string =>
      `<table:table-row>${Array.from({ length: width }, (_, i) => cells[i] ?? '')
        .map(
          (c, i) =>
            `<table:table-cell table:style-name="CELL" office:value-type="string"><text:p text:style-name="${i >= lead ? 'N' : 'L'}">${escapeXml(c)}</text:p></table:table-cell>`,
        )
        .join('')}</table:table-row>`;
    const [head, ...rows] = table;
    return `<table:table table:name="T${++tables}">${cols.join('')}<table:table-header-rows>${row(head!)}</table:table-header-rows>${rows.map(row).join('')}</table:table>`;
  };
  const body = planTextBlocks(text).map((b) =>
    b.type === 'table'
      ? renderTable(b.rows)
      : `<text:p text:style-name="P">${b.lines.map(escapeXml).join('<text:line-break/>')}</text:p>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties fo:font-size="8pt" style:font-name="Liberation Sans" fo:font-family="'Liberation Sans'"/></style:default-style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm"/></style:page-layout>
<style:style style:name="CELL" style:family="table-cell"><style:table-cell-properties fo:padding="0.06cm"/></style:style>
<style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="L" style:family="paragraph"><style:paragraph-properties fo:text-align="start"/></style:style>
<style:style style:name="N" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
${[...columnStyles.values()].join('\n')}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="PL"/></office:master-styles>
<office:body><office:text>
${body.join('\n')}
</office:text></office:body></office:document>
`;
}
