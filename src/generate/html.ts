/**
 * Plan text (the layout the text importer reads, e.g. a generated budget or the reference document) as a
 * simple HTML page, for producers that are not our code to lay out and print to PDF (tests, benchmarks):
 * tab-separated lines become tables whose first row is a repeated header, other lines paragraphs. Fonts,
 * wrapping and page breaks are the producer's own. (The statutory book is a different, later renderer.)
 */

export type PlanTextBlock =
  | { readonly type: 'table'; readonly rows: readonly string[][] }
  | { readonly type: 'paragraph'; readonly lines: readonly string[] };

/**
 * Plan text split into tables (runs of tab-separated lines; a header row starts a new table) and paragraphs
 * (lines without a blank line between them), for renderers into other document formats.
 */
export function planTextBlocks(text: string): PlanTextBlock[] {
  const blocks: PlanTextBlock[] = [];
  let table: string[][] = [];
  let paragraph: string[] = [];
  const endTable = (): void => {
    if (table.length > 0) blocks.push({ type: 'table', rows: table });
    table = [];
  };
  const endParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', lines: paragraph });
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('\t') && !/^Zu Zeile/u.test(line)) {
      endParagraph();
      const cells = line.split('\t');
      if (/^(?:Nr\.|Grundzahlen|Kennzahlen)/u.test(cells[0] ?? '')) endTable();
      table.push(cells);
      continue;
    }
    endTable();
    if (line.trim() === '') endParagraph();
    else paragraph.push(line);
  }
  endParagraph();
  endTable();
  return blocks;
}

export function escapeXml(s: string): string {
  return s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

export function planTextToHtml(text: string): string {
  const row = (cells: readonly string[], tag: string): string =>
    `<tr>${cells.map((c, i) => `<${tag}${i > 1 || (i > 0 && cells.length > 8) ? ' class="n"' : ''}>${escapeXml(c)}</${tag}>`).join('')}</tr>`;
  const body = planTextBlocks(text).map((b) => {
    if (b.type === 'paragraph') return `<p>${b.lines.map(escapeXml).join('<br>')}</p>`;
    const [head, ...rows] = b.rows;
    return `<table><thead>${row(head!, 'th')}</thead><tbody>${rows.map((r) => row(r, 'td')).join('')}</tbody></table>`;
  });
  return [
    '<!doctype html><html lang="de"><meta charset="utf-8"><title>Haushalt</title>',
    '<style>body{font:9pt sans-serif;margin:0} table{border-collapse:collapse;margin:4pt 0} td,th{padding:1px 5px;font-weight:normal;text-align:left;vertical-align:middle} td.n,th.n{text-align:right} tr{break-inside:avoid} p{margin:6pt 0}</style>',
    ...body,
    '</html>',
  ].join('\n');
}
