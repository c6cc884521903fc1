/**
 * The book's style sheet: A4 pages, a running header (section title and the budget's title) repeated at the
 * top of every page as the header group of a frame table, plan tables whose header row repeats and whose rows
 * never split, totals in bold between rules, tabular figures. Written to `book.css` beside the HTML and
 * inlined when printing.
 */
export const BOOK_CSS = `@page { size: A4; margin: 14mm 14mm 18mm 16mm; }
@page landscape { size: A4 landscape; }
:root { --rule: #333; --light: #e6e6e6; --ertraege: #3b7d3b; --aufwendungen: #b5443a; --ergebnis: #2f5d8a; }
* { box-sizing: border-box; }
html { font-family: "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 8.5pt; line-height: 1.15; color: #000; }
body { margin: 0; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 10mm; } }
p { margin: 0 0 0.6em; }
a { color: inherit; text-decoration: none; }
h1, h2, h3 { font-weight: bold; margin: 0; }

/* sections: each starts on a new page; the frame's header group repeats on every page of the section */
.sec { break-before: page; }
table.frame { width: 100%; border-collapse: collapse; }
table.frame > thead { display: table-header-group; }
table.frame > thead > tr > td, table.frame > tbody > tr > td { padding: 0; }
.running { border-bottom: 0.75pt solid var(--rule); margin-bottom: 5mm; padding-bottom: 1.5mm; }
.running .title { font-size: 11pt; }
.running .budget-title { margin: 1mm 0 0; font-size: 8.5pt; color: #333; }

/* plan tables */
table.plan, table.kennzahlen { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; margin-bottom: 5mm; }
table.plan thead, table.kennzahlen thead { display: table-header-group; }
table.plan tr, table.kennzahlen tr { break-inside: avoid; }
table.plan th, table.kennzahlen th { font-weight: bold; text-align: left; vertical-align: bottom; padding: 1mm 1mm; border-bottom: 0.75pt solid var(--rule); }
table.plan td, table.kennzahlen td { padding: 0.5mm 1mm; vertical-align: top; }
table.plan tbody tr:nth-child(even) td { background: #f6f6f6; }
.n { text-align: right !important; white-space: nowrap; }
table.plan th.n { white-space: normal; }
col.nr { width: 7mm; }
col.a { width: 19mm; }
col.a.ve { width: 12mm; }
table.plan tr.total td { font-weight: bold; border-top: 0.5pt solid var(--rule); border-bottom: 0.5pt solid var(--rule); background: #fff; }
/* investment measures: landscape pages, so that labels and nine amount columns fit */
.sec.investitionen { page: landscape; }
table.investitionen { font-size: 7.5pt; }
table.investitionen col.a { width: 19mm; }
table.investitionen tr.group td { font-weight: bold; padding-top: 2mm; background: #fff; }

/* Erläuterungen */
.erlaeuterungen h3 { font-size: 10pt; margin: 2mm 0 1mm; }
.erl-plan { font-weight: bold; }
.zu-zeile { font-weight: bold; margin-top: 3mm; margin-bottom: 0.3em; break-after: avoid; }
.erl-title { font-style: italic; break-after: avoid; }
ul.items { list-style: none; margin: 0 0 0.6em; padding: 0; }
ul.items li { padding-left: 7mm; text-indent: -7mm; margin-bottom: 0.25em; }
ul.items .marker { display: inline-block; min-width: 6mm; text-indent: 0; }

/* Produktbeschreibung and Kennzahlen */
table.beschreibung { width: 100%; border-collapse: collapse; margin-bottom: 5mm; }
table.beschreibung th { text-align: left; vertical-align: top; white-space: nowrap; width: 1%; padding: 0 5mm 2mm 0; }
table.beschreibung td { vertical-align: top; padding: 0 0 2mm; }
.footnote { margin-bottom: 4mm; }
.fn-title { font-weight: bold; }

/* cover, table of contents, overview */
.cover { text-align: center; padding-top: 70mm; }
.cover .municipality { font-size: 26pt; font-weight: bold; margin-bottom: 8mm; }
.cover .kind { font-size: 18pt; }
.cover .facts { margin-top: 30mm; font-size: 10pt; color: #333; }
.cover .draft { margin-top: 12mm; font-size: 22pt; font-weight: bold; letter-spacing: 0.2em; text-transform: uppercase; color: #a40000; }
.cover .edition { margin-top: 3mm; font-size: 11pt; color: #a40000; }
.draft-mark { position: sticky; top: 0; z-index: 1; padding: 2mm 4mm; background: #fff4f4; border-bottom: 1px solid #a40000; color: #a40000; font-weight: bold; }
@media print { .draft-mark { position: static; } }
.front { break-before: page; }
.front h1 { font-size: 14pt; margin-bottom: 5mm; border-bottom: 0.75pt solid var(--rule); padding-bottom: 1.5mm; }
table.toc { width: 100%; border-collapse: collapse; }
table.toc tr { break-inside: avoid; }
table.toc td { padding: 0.4mm 0; vertical-align: bottom; }
table.toc td.code { width: 22mm; white-space: nowrap; }
table.toc td.page { width: 14mm; text-align: right; font-variant-numeric: tabular-nums; }
table.toc tr.produktbereich td, table.toc tr.haushalt td { font-weight: bold; padding-top: 2.5mm; }
table.toc tr.produktgruppe td.code { padding-left: 4mm; }
table.toc tr.produkt td.code { padding-left: 8mm; }
table.toc td.name a { display: block; }
figure.chart { margin: 0 0 6mm; break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; font-family: inherit; }
figure.chart figcaption { font-weight: bold; margin-top: 1mm; }
svg .grid { stroke: #bbb; stroke-width: 0.6; }
svg .grid.zero { stroke: #000; stroke-width: 1; }
svg text { font-size: 10px; }
svg .ertraege { fill: var(--ertraege); }
svg .aufwendungen { fill: var(--aufwendungen); }
svg .ergebnis { fill: var(--ergebnis); }
`;
