/**
 * The XLSX reader on workbooks written by hand, part by part, so that each test shows the XML it reads: every
 * kind of cell as SpreadsheetML writes it, styles, merged ranges, frozen panes, autofilters; and every limit of
 * `XLSX_LIMITS` refusing a workbook with its German message.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook, XLSX_LIMITS, type XlsxCell, type XlsxLimits } from './xlsx-reader.js';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook from its sheets' XML (inside <worksheet>), shared strings and styles. */
function xlsx(options: {
  sheets: Record<string, string>;
  strings?: string;
  styles?: string;
  workbookPr?: string;
  extra?: Zippable;
}): Uint8Array {
  const names = Object.keys(options.sheets);
  const files: Zippable = {
    '_rels/.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${MAIN} ${R}>${options.workbookPr ?? ''}<sheets>${names
        .map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join(
          '',
        )}<Relationship Id="rS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="${REL}/styles" Target="/xl/styles.xml"/></Relationships>`,
    ),
    'xl/sharedStrings.xml': strToU8(`<sst ${MAIN}>${options.strings ?? ''}</sst>`),
    'xl/styles.xml': strToU8(`<styleSheet ${MAIN}>${options.styles ?? ''}</styleSheet>`),
    ...options.extra,
  };
  names.forEach((n, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<worksheet ${MAIN}>${options.sheets[n]!}</worksheet>`,
    );
  });
  return zipSync(files);
}

function read(bytes: Uint8Array, limits: Partial<XlsxLimits> = {}) {
  const r = readWorkbook(bytes, { ...XLSX_LIMITS, ...limits });
  if (!r.ok) throw new Error(r.message);
  return r.sheets;
}

function refusal(bytes: Uint8Array, limits: Partial<XlsxLimits> = {}): string {
  const r = readWorkbook(bytes, { ...XLSX_LIMITS, ...limits });
  if (r.ok) throw new Error('expected a refusal');
  return r.message;
}

/** A cell as `type:value`, with its formula and number format where it has them. */
const show = (c: XlsxCell | undefined): string =>
  c === undefined
    ? '–'
    : `${c.type}:${c.value}${c.formula !== undefined ? ` =${c.formula}` : ''}${c.style.numFmt ? ` [${c.style.numFmt}]` : ''}`;

const STYLES = `<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;€&quot;"/></numFmts>
<fonts count="3"><font><sz val="11"/></font><font><b/><sz val="14"/></font><font><b val="0"/><i/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFE8E8E8"/><bgColor indexed="64"/></patternFill></fill></fills>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="1"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0"/><xf numFmtId="4" fontId="1" fillId="2"/>
<xf numFmtId="164" fontId="2"><alignment wrapText="1" horizontal="right" vertical="top"/></xf>
<xf numFmtId="14"/><xf numFmtId="3"/></cellXfs>
<dxfs count="1"><dxf><font><b/></font></dxf></dxfs>`;

describe('readWorkbook', () => {
  it('reads every kind of cell as written: strings resolved, numbers as their decimal text, formulas beside their result', () => {
    const bytes = xlsx({
      strings: `<si><t>Steuern</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Fett </t></r><r><t>und normal</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh></si><si><t>Zeile_x000D_zwei &amp; mehr</t></si>`,
      styles: STYLES,
      sheets: {
        Arten: `<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>inline</t></is></c><c r="E1" t="inlineStr"><is><r><t>reich</t></r><r><t>er Text</t></r></is></c></row>
<row r="2"><c r="A2" s="1"><v>-46323827.039999999</v></c><c r="B2" s="4"><v>1E-7</v></c><c r="C2" t="b"><v>0</v></c><c r="D2" t="e"><v>#DIV/0!</v></c><c r="E2" t="str"><f>A1&amp;"!"</f><v>Steuern!</v></c><c r="F2"><f>SUM(A2:B2)</f><v>-46323827.04</v></c><c r="G2"><f t="shared" si="0"/></c><c r="H2" t="d"><v>2024-02-29T00:00:00</v></c></row>
<row r="4"><c r="B4" s="3"><v>45351</v></c><c r="D4" s="2"/></row>
</sheetData>`,
      },
    });
    const [sheet] = read(bytes);
    expect(sheet!.name).toBe('Arten');
    expect(sheet!.rows.map((r) => Array.from(r, show))).toEqual([
      [
        'string:Steuern',
        'string:Fett und normal',
        'string:Zeile\rzwei & mehr',
        'string:inline',
        'string:reicher Text',
      ],
      [
        'number:-46323827.039999999 [#,##0.00]',
        'number:1E-7 [#,##0]',
        'boolean:0',
        'error:#DIV/0!',
        'string:Steuern! =A1&"!"',
        'number:-46323827.04 =SUM(A2:B2)',
        'blank: =',
        'date:2024-02-29T00:00:00',
      ],
      [],
      ['–', 'number:45351 [mm-dd-yy]', '–', 'blank: [#,##0.00 "€"]'],
    ]);
  });

  it('reads the styles a table and the tests need: bold, italic, size, solid fills, wrapping and alignment', () => {
    const [sheet] = read(
      xlsx({
        styles: STYLES,
        sheets: {
          S: '<sheetData><row r="1"><c r="A1" s="1"/><c r="B1" s="2"/><c r="C1"/><c r="D1" s="99"/></row></sheetData>',
        },
      }),
    );
    expect(sheet!.rows[0]!.map((c) => c?.style)).toEqual([
      { numFmt: '#,##0.00', bold: true, italic: false, fontSize: 14, fill: 'FFE8E8E8', wrap: false },
      {
        numFmt: '#,##0.00 "€"',
        bold: false,
        italic: true,
        wrap: true,
        horizontal: 'right',
        vertical: 'top',
      },
      { numFmt: '', bold: false, italic: false, fontSize: 11, wrap: false },
      { numFmt: '', bold: false, italic: false, wrap: false },
    ]);
  });

  it('follows the workbook’s sheet order and relationships, skips chart sheets, reads prefixed XML and cells without reference', () => {
    const bytes = xlsx({
      workbookPr: '<workbookPr date1904="1"/>',
      sheets: {
        Zweites:
          '<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row></sheetData>',
        Erstes: '<sheetData/>',
      },
      extra: {
        'xl/chartsheets/sheet1.xml': strToU8('<chartsheet/>'),
      },
    });
    expect(read(bytes).map((s) => [s.name, s.rows.map((r) => r.map(show))])).toEqual([
      [
        'Zweites',
        [
          ['number:1', 'number:2'],
          ['–', '–', 'number:3', 'number:4'],
        ],
      ],
      ['Erstes', []],
    ]);
    const prefixed = zipSync({
      'xl/workbook.xml': strToU8(
        `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ${R}><x:sheets><x:sheet name="P" sheetId="1" r:id="a"/></x:sheets></x:workbook>`,
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="${REL}/worksheet" Target="ws/p.xml"/></Relationships>`,
      ),
      'xl/ws/p.xml': strToU8(
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>präfix</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
      ),
    });
    expect(read(prefixed)[0]!.rows.map((r) => r.map(show))).toEqual([['–', 'string:präfix']]);
  });

  it('reports merged ranges, frozen rows and the autofilter', () => {
    const [sheet] = read(
      xlsx({
        sheets: {
          M: `<sheetViews><sheetView workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>
<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Kopf</t></is></c></row></sheetData>
<autoFilter ref="A2:I98"/><mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="$D$4:E$5"/></mergeCells>`,
        },
      }),
    );
    expect([sheet!.frozenRows, sheet!.autoFilter, sheet!.merges]).toEqual([
      2,
      'A2:I98',
      [
        { top: 0, left: 0, bottom: 0, right: 2 },
        { top: 3, left: 3, bottom: 4, right: 4 },
      ],
    ]);
  });
});

describe('the limits of XLSX_LIMITS', () => {
  it('are one constant: 1 GiB unpacked, 100-fold at most, 10,000 entries, 25 million cells', () => {
    expect(XLSX_LIMITS).toEqual({
      maxUncompressedBytes: 1024 ** 3,
      maxCompressionRatio: 100,
      ratioExemptBytes: 1024 ** 2,
      maxEntries: 10_000,
      maxCells: 25_000_000,
      maxCellChars: 1024 ** 2,
    });
  });

  const sheet = (rows: string) => xlsx({ sheets: { Blatt: `<sheetData>${rows}</sheetData>` } });

  it('refuse a workbook whose directory declares more than the limit, before inflating anything', () => {
    expect(refusal(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'), { maxUncompressedBytes: 500 })).toMatch(
      /^XLSX abgelehnt: entpackt [\d.]+ Bytes groß \(erwartet: höchstens 500 Bytes entpackt; Schutz vor ZIP-Bomben\)$/u,
    );
  });

  it('refuse a part packed more tightly than the ratio allows', () => {
    const rows = '<row><c><v>0</v></c></row>'.repeat(100_000); // 2.6 MB that pack to a few kB
    expect(refusal(sheet(rows))).toMatch(
      /^XLSX abgelehnt: Teil „xl\/worksheets\/sheet1\.xml“ ist [\d.]+-fach gepackt \(erwartet: höchstens 100-fach; Schutz vor ZIP-Bomben\)$/u,
    );
    // the same part is read when the limit allows it
    expect(read(sheet(rows), { maxCompressionRatio: 10_000 })[0]!.rows).toHaveLength(100_000);
  });

  it('refuse too many cells, counting the empty ones before a row’s last cell and merged ranges', () => {
    expect(refusal(sheet('<row r="1"><c r="Z1"><v>1</v></c></row>'), { maxCells: 25 })).toBe(
      'XLSX abgelehnt: mehr als 25 Zellen (erwartet: höchstens so viele; Tabellenblatt „Blatt“)',
    );
    expect(read(sheet('<row r="1"><c r="Y1"><v>1</v></c></row>'), { maxCells: 25 })[0]!.rows[0]).toHaveLength(
      25,
    );
    const merged = xlsx({
      sheets: { Blatt: '<sheetData/><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>' },
    });
    expect(refusal(merged)).toBe(
      'XLSX abgelehnt: mehr als 25.000.000 Zellen (erwartet: höchstens so viele; Tabellenblatt „Blatt“)',
    );
  });

  it('refuse a cell or shared string longer than the limit, and cells outside the sheet', () => {
    expect(
      refusal(sheet(`<row r="1"><c r="B1" t="inlineStr"><is><t>${'x'.repeat(101)}</t></is></c></row>`), {
        maxCellChars: 100,
      }),
    ).toBe(
      'XLSX abgelehnt: Zelle B1 in Tabellenblatt „Blatt“ hat mehr als 100 Zeichen (erwartet: höchstens so viele)',
    );
    const strings = xlsx({
      strings: `<si><t>${'y'.repeat(101)}</t></si>`,
      sheets: { Blatt: '<sheetData/>' },
    });
    expect(refusal(strings, { maxCellChars: 100 })).toBe(
      'XLSX abgelehnt: Text 1 der gemeinsamen Texte hat mehr als 100 Zeichen (erwartet: höchstens so viele)',
    );
    expect(refusal(sheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'))).toBe(
      'XLSX nicht lesbar: Zellbezug „XFE1“ in Tabellenblatt „Blatt“ außerhalb des Blatts (erwartet: A1 bis XFD1048576)',
    );
  });

  it('report XML that is not well-formed, naming the part', () => {
    expect(refusal(sheet('<row r="1"><c r="A1"><v>1</v></row>'))).toMatch(
      /^XLSX nicht lesbar: Teil „xl\/worksheets\/sheet1\.xml“ ist kein gültiges XML \(.+\)$/u,
    );
    expect(refusal(sheet('<row r="1"><c r="A1"><v>&xxe;</v></c></row>'))).toMatch(/kein gültiges XML/u);
  });
});
