/**
 * Plan tables as the published books print them: "Nr. | Bezeichnung | Ergebnis 2024 | Ansatz 2025 | … | VE |
 * Planung …", every column the plan has, each cell rounded on its own to whole euros, totals (lines the schema
 * computes) in bold and set apart with a rule. The header row repeats on every page the table spans. The
 * investment table lists groups, measures and the Teilfinanzplan lines they feed. A column whose cells were
 * printed in thousands of euros (`Cell.scale`) says "in T€" in its heading and prints them in thousands, each
 * rounded on its own to whole thousands; a cell printed otherwise than its column names its unit.
 */
import {
  columnLabel,
  sameColumn,
  type Cell,
  type Column,
  type InvestmentTable,
  type Plan,
} from '../../core/model.js';
import { unitOfCells, type Unit } from '../../core/scale.js';
import { schemaById, schemaLine } from '../../core/schema.js';
import { esc, printed } from './html.js';

/**
 * Column headings as the reference prints them (investment columns with their planning horizon), as HTML: the
 * year on a line of its own, so that every heading stands in its column as one stack of words.
 */
function heading(column: Column, unit: Unit): string {
  const text =
    column.kind === 'bisher'
      ? `Bisher planmäßig bereitgestellt bis ${column.year}`
      : column.kind === 'gesamt'
        ? `Planmäßige Gesamtausgabe bis einschl. ${column.year}`
        : columnLabel(column);
  const html = esc(text).replace(/ (\d{4})$/u, '<br>$1');
  return unit === 'T€' ? `${html}<br>in T€` : html;
}

/** Per column of a table: the unit its cells were printed in (`T€` when all of them were, else `€`). */
function columnUnits(
  columns: readonly Column[],
  rows: readonly { readonly cells: readonly Cell[] }[],
): Unit[] {
  return columns.map(
    (c) => unitOfCells(rows.flatMap((r) => r.cells.filter((x) => sameColumn(x.column, c)))) ?? '€',
  );
}

function amountCells(columns: readonly Column[], units: readonly Unit[], cells: readonly Cell[]): string {
  return columns
    .map((c, i) => {
      const cell = cells.find((x) => x.column.kind === c.kind && x.column.year === c.year);
      return `<td class="n">${printed(cell, units[i]!)}</td>`;
    })
    .join('');
}

function colgroup(leading: readonly string[], columns: readonly Column[]): string {
  return `<colgroup>${leading.map((c) => `<col class="${c}">`).join('')}${columns.map((c) => `<col class="a ${c.kind}">`).join('')}</colgroup>`;
}

export function planTable(plan: Plan): string {
  const schema = schemaById(plan.schemaId);
  const units = columnUnits(plan.columns, plan.lines);
  const head = `<tr><th class="nr">Nr.</th><th class="label">Bezeichnung</th>${plan.columns.map((c, i) => `<th class="n">${heading(c, units[i]!)}</th>`).join('')}</tr>`;
  const rows = plan.lines.map((line) => {
    const total = schema ? schemaLine(schema, line.line)?.sum !== undefined : false;
    return `<tr${total ? ' class="total"' : ''}><td class="nr">${esc(line.line)}</td><td class="label">${esc(line.label)}</td>${amountCells(plan.columns, units, line.cells)}</tr>`;
  });
  return `<table class="plan ${plan.type}">${colgroup(['nr', 'label'], plan.columns)}<thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

export function investmentTable(table: InvestmentTable): string {
  const units = columnUnits(
    table.columns,
    table.rows.filter((r) => r.type !== 'group'),
  );
  const head = `<tr><th class="label">Nr. Bezeichnung</th>${table.columns.map((c, i) => `<th class="n">${heading(c, units[i]!)}</th>`).join('')}</tr>`;
  const rows = table.rows.map((row) => {
    switch (row.type) {
      case 'group':
        return `<tr class="group"><td class="label">${esc(row.label)}</td>${table.columns.map(() => '<td></td>').join('')}</tr>`;
      case 'measure':
        return `<tr class="measure"><td class="label">${esc(`${row.number} ${row.name}`)}</td>${amountCells(table.columns, units, row.cells)}</tr>`;
      case 'line':
        return `<tr class="total"><td class="label">${esc(`${row.line} ${row.label}`)}</td>${amountCells(table.columns, units, row.cells)}</tr>`;
    }
  });
  return `<table class="plan investitionen">${colgroup(['label'], table.columns)}<thead>${head}</thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}
