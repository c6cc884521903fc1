/**
 * Investment sections: group headings ("UNTERHALB Investition (Auszahlung < 100.000 EUR …)"), measures
 * (`430125MINT Ausstattung/Geräte MINT-Werkstatt`) and Teilfinanzplan lines, each with its amounts, read with
 * the table recognition every container shares (headers of any shape; the later years continued in a table of
 * their own, numbers and names repeated). Names wrapped over several lines are joined to their row.
 */
import type { Column, InvestmentRow, InvestmentTable, Source } from '../../core/model.js';
import { parseGermanAmount } from '../../core/money.js';
import { isDataLine, isHeaderLine, splitRow } from '../recognise/table.js';
import { joinWrapped } from '../recognise/wrap.js';
import { readLead } from '../recognise/lead.js';
import { describeColumns, leaveOutside, parseAmounts } from './cells.js';
import type { Context } from './context.js';
import type { TextLine } from './lines.js';
import { cellTexts } from '../rows/model.js';
import { headerLinesAt, readHeaderAgain, readSectionTable, type Section } from './tables.js';

const THRESHOLD = /[<>≤≥]=?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,2})?\s*(?:€|EUR|Euro)/iu;
const INVESTMENT_LINE = /^(\d{2})\s+(\S.*)$/u;
const MEASURE = /^(\S*\d\S*)\s+(\S.*)$/u;
/** The first line of a group heading of the investments ("UNTERHALB Investition (Auszahlung < 100.000 EUR …)"). */
const GROUP_HEADING = /^(?:unterhalb|oberhalb)\b|\bwertgrenze\b/iu;

function groupRow(label: string, source: Source | undefined): InvestmentRow {
  const t = THRESHOLD.exec(label);
  const threshold = t ? parseGermanAmount(t[1]!) : undefined;
  const below = /unterhalb|</iu.test(label) ? true : /oberhalb|>/iu.test(label) ? false : undefined;
  return {
    type: 'group',
    label,
    ...(threshold ? { threshold: threshold.cents } : {}),
    ...(below !== undefined ? { below } : {}),
    ...(source ? { source } : {}),
  };
}

/** A line without amounts: prose, or a row whose cells after the first are empty. */
function labelOnly(line: TextLine): string | undefined {
  if (!line.cells) return line.text.trim();
  const texts = line.cells.map((c) => c.text);
  return texts.slice(1).every((t) => t === '') ? (texts[0] ?? '').trim() : undefined;
}

/** The key of a measure or line row, to find it again where the later years continue the table. */
function rowKey(row: InvestmentRow): string | undefined {
  return row.type === 'measure' ? `m:${row.number}` : row.type === 'line' ? `l:${row.line}` : undefined;
}

export function parseInvestments(ctx: Context, section: Section): InvestmentTable | undefined {
  const body = section.body;
  const table = readSectionTable(
    ctx,
    section,
    'Tabellenkopf der Investitionen erwartet („Nr. Bezeichnung | Ergebnis … | Ansatz … | …“)',
  );
  if (!table) return undefined;
  let head = table.head;
  let key = table.key;
  const columns: Column[] = [...head.columns];
  let at = head.columns.map((_, k) => k);
  let scales = [...head.scales];
  let continued = false;
  const rows: InvestmentRow[] = [];
  // a group heading above the header: the table began at a page's end with its header and the heading, and its
  // header is repeated on the next page (from a PDF the first header has no rows to be read with)
  const passed = body.slice(0, table.index).filter((l) => l.text.trim() !== '' && !l.cells);
  const heading = passed.findLastIndex((l) => GROUP_HEADING.test(l.text.trim()));
  if (heading >= 0) {
    const label = passed
      .slice(heading)
      .map((l) => l.text.trim())
      .join(' ');
    rows.push(groupRow(label, passed[heading]!.source));
  }
  let ok = true;
  let pendingNumber: string | undefined;
  for (let i = table.end; i < body.length; i++) {
    const line = body[i]!;
    if (line.text.trim() === '' && !line.cells) continue;
    if (isHeaderLine(line) && !isDataLine(line)) {
      const { lines, end } = headerLinesAt(body, i);
      i = end - 1;
      const again = readHeaderAgain(ctx, line, lines, key, columns, scales);
      if (again === undefined) continue;
      if (again === false) {
        ok = false;
        break;
      }
      ({ head, key, at, scales } = again);
      continued ||= again.continued;
      continue;
    }
    const only = labelOnly(line);
    if (only !== undefined) {
      const label = only;
      const previous = rows[rows.length - 1];
      // a heading or a measure number wrapped over several lines (text taken from a PDF)
      if (
        (/^\S*\d\S*$/u.test(label) && !/^\d{2}$/u.test(label)) ||
        (/^\d{2}\s/u.test(label) && previous?.type !== 'group')
      ) {
        pendingNumber = pendingNumber === undefined ? label : `${pendingNumber} ${label}`;
        continue;
      }
      // the wrapped end of a row's label, printed below it ("MINT-" / "Werkstatt")
      const nextLine = body.slice(i + 1).find((l) => l.text.trim() !== '');
      if (
        (previous?.type === 'measure' || previous?.type === 'line') &&
        pendingNumber === undefined &&
        ((nextLine !== undefined && isDataLine(nextLine)) || /^[a-zäöü]/u.test(label)) &&
        !/^(?:UNTERHALB|OBERHALB)/iu.test(label)
      ) {
        rows[rows.length - 1] =
          previous.type === 'measure'
            ? { ...previous, name: joinWrapped(previous.name, label) }
            : { ...previous, label: joinWrapped(previous.label, label) };
        continue;
      }
      if (previous?.type === 'group' && !/^(?:UNTERHALB|OBERHALB)/iu.test(label)) {
        rows[rows.length - 1] = groupRow(joinWrapped(previous.label, label), previous.source);
        continue;
      }
      if (!line.cells && rows.length > 0 && !/unterhalb|oberhalb|investition/iu.test(label)) {
        ctx.notes.push({
          severity: 'warning',
          rule: 'skipped-text',
          message: `Text nach der Investitionstabelle übersprungen: „${label.slice(0, 60)}“`,
          node: section.title.code,
          plan: 'investitionen',
          source: line.source,
        });
        continue;
      }
      if (continued) continue; // a group heading repeated with the later years
      rows.push(groupRow(label, line.source));
      continue;
    }
    const split = splitRow(line, head);
    const misfit = line.points
      ? split.extra > 0
      : split.found < head.columns.length || split.lead.length === 0;
    if (misfit) {
      const count = line.points ? split.found : Math.max(0, cellTexts(line.cells ?? []).length - 1);
      ctx.error(
        line,
        `${count} Beträge gefunden, erwartet ${head.columns.length} (${describeColumns(head.columns)})`,
      );
      ok = false;
      continue;
    }
    // the number (a line's, laid out as a cell of its own) and the label, its wrapped lines joined
    // (a Teilfinanzplan line numbered in any style, `26`, `26.`, `Zeile 26`, an operator read as one)
    const leadCells = [
      ...(pendingNumber === undefined ? [] : [pendingNumber]),
      ...split.lead.filter((t) => t !== ''),
    ];
    // a group heading printed right below a row was laid out as the end of its label: it is the next group
    const pieces = line.label ?? [];
    const cut = pieces.findIndex((p, k) => k > 0 && !p.own && GROUP_HEADING.test(p.text.trim()));
    const heading = cut > 0 ? pieces.slice(cut) : [];
    if (cut > 0) {
      const rest = pieces
        .slice(0, cut)
        .map((p) => p.text)
        .reduce(joinWrapped, '');
      leadCells.splice(leadCells.length - 1, 1, ...(rest === '' ? [] : [rest]));
    }
    const lead = readLead(leadCells);
    const label = lead.line !== undefined ? `${lead.line} ${lead.label}` : lead.label;
    pendingNumber = undefined;
    const lineMatch = INVESTMENT_LINE.exec(label);
    const measure = lineMatch ? undefined : MEASURE.exec(label);
    const amounts = columns.map(() => '');
    split.amounts.forEach((t, k) => (amounts[at[k]!] = t));
    const parsed = parseAmounts(
      ctx,
      line,
      columns,
      amounts,
      {
        node: section.title.code,
        plan: 'investitionen',
        ...(lineMatch ? { line: lineMatch[1]! } : measure ? { line: measure[1]! } : {}),
      },
      columns.map((_, k) => scales[k] ?? 1),
    );
    const cells = parsed.cells;
    const unreadable = parsed.unreadable ? { unreadable: parsed.unreadable } : {};
    const row: InvestmentRow | undefined = lineMatch
      ? { type: 'line', line: lineMatch[1]!, label: lineMatch[2]!, cells, ...unreadable, source: line.source }
      : measure
        ? {
            type: 'measure',
            number: measure[1]!,
            name: measure[2]!,
            cells,
            ...unreadable,
            source: line.source,
          }
        : undefined;
    if (!row) {
      leaveOutside(ctx, cells, 'Zeile der Investitionen weder Maßnahme noch Finanzplanzeile');
      ctx.notes.push({
        severity: 'warning',
        rule: 'skipped-row',
        message: `Zeile „${label}“ der Investitionen ist weder Maßnahme (mit Nummer) noch Finanzplanzeile; nicht übernommen (${cells.length} Beträge außerhalb der Pläne, im Abgleich aufgeführt)`,
        node: section.title.code,
        plan: 'investitionen',
        source: line.source,
      });
      if (heading.length > 0) rows.push(groupRow(heading.map((p) => p.text.trim()).join(' '), line.source));
      continue;
    }
    if (continued) {
      const same = rows.findIndex((r) => rowKey(r) === rowKey(row));
      const earlier = rows[same];
      if (earlier && earlier.type !== 'group') {
        rows[same] = {
          ...earlier,
          cells: [...earlier.cells, ...row.cells],
          ...(earlier.unreadable || row.unreadable
            ? { unreadable: [...(earlier.unreadable ?? []), ...(row.unreadable ?? [])] }
            : {}),
        };
        continue;
      }
    }
    rows.push(row);
    if (heading.length > 0) rows.push(groupRow(heading.map((p) => p.text.trim()).join(' '), line.source));
  }
  if (!ok) return undefined;
  return { columns, rows, source: section.titleLine.source };
}
