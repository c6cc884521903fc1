/**
 * Plan text (the layout the text importer reads, e.g. a generated budget or the reference document) as a
 * simple HTML page, for producers that are not our code to lay out and print to PDF (tests, benchmarks):
 * tab-separated lines become tables whose first row is a repeated header, other lines paragraphs. Fonts,
 * wrapping and page breaks are the producer's own. (The statutory book is a different, later renderer.)
 */
export function planTextToHtml(text: string): string {
  const esc = (s: string): string => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
  const out = [
    '<!doctype html><html lang="de"><meta charset="utf-8"><title>Haushalt</title>',
    '<style>body{font:9pt sans-serif;margin:0} table{border-collapse:collapse;margin:4pt 0} td,th{padding:1px 5px;font-weight:normal;text-align:left;vertical-align:middle} td.n,th.n{text-align:right} tr{break-inside:avoid} p{margin:6pt 0}</style>',
  ];
  let table: string[][] = [];
  const flush = (): void => {
    if (table.length === 0) return;
    const [head, ...body] = table;
    const row = (cells: string[], tag: string): string =>
      `<tr>${cells.map((c, i) => `<${tag}${i > 1 || (i > 0 && cells.length > 8) ? ' class="n"' : ''}>${esc(c)}</${tag}>`).join('')}</tr>`;
    out.push(
      `<table><thead>${row(head!, 'th')}</thead><tbody>${body.map((r) => row(r, 'td')).join('')}</tbody></table>`,
    );
    table = [];
  };
  let paragraph: string[] = [];
  const endParagraph = (): void => {
    if (paragraph.length > 0) out.push(`<p>${paragraph.map(esc).join('<br>')}</p>`);
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    if (line.includes('\t') && !/^Zu Zeile/u.test(line)) {
      endParagraph();
      const cells = line.split('\t');
      // a header row starts a new table
      if (/^(?:Nr\.|Grundzahlen|Kennzahlen)/u.test(cells[0] ?? '')) flush();
      table.push(cells);
      continue;
    }
    flush();
    // lines without a blank line between them stay one paragraph; a blank line ends it
    if (line.trim() === '') endParagraph();
    else paragraph.push(line);
  }
  endParagraph();
  flush();
  out.push('</html>');
  return out.join('\n');
}
