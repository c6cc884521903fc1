/**
 * The plans in the layout of the book and the workbench, as a CSV for German Excel (`haushalt export --format
 * plan-csv`; the workbench's "CSV wie angezeigt"): one row per plan line, one column per printed column and
 * year (`Ansatz 2026 in EUR`; the columns of all plans merged in their order, so a Teilfinanzplan's `VE 2026`
 * stands after `Ansatz 2026`), the plans node by node in document order, their lines as printed. A line the
 * plan's schema computes (a total) says `Summe`. Amounts in euros with a decimal comma and no thousands
 * separator, whole where printed in whole euros (`-6780`), with cents where printed with cents (`-6780,50`);
 * an amount printed in thousands of euros is written in euros too. An empty field: the plan prints no amount
 * there. Investment tables, Erläuterungen and descriptions are not in this layout: they are in the XLSX and the
 * one-row-per-amount CSV (`csv`). The same text safety as `csv`: BOM, `;`, CRLF, codes kept as text, no formula.
 */
import { columnKey, PLAN_LABEL, type Budget, type Cell } from '../core/model.js';
import { excelText, germanDecimal, textField } from './csv.js';
import { columnHeader, exportCode, isTotal, lineLabel, mergeColumns } from './rows.js';

export const PLAN_CSV_LEAD = ['Einheit', 'Bezeichnung der Einheit', 'Plan', 'Zeile', 'Bezeichnung', 'Art'];

/** An amount as German Excel reads it: whole euros without a comma when printed so, else with its cents. */
function amountField(cell: Cell): string {
  return cell.decimals === 0 && cell.amount % 100 === 0
    ? String(cell.amount / 100)
    : germanDecimal(cell.amount);
}

export function toPlanCsv(budget: Budget): string {
  const blocks = budget.nodes.flatMap((node) => node.plans.map((plan) => ({ node, plan })));
  const columns = mergeColumns(blocks.map((b) => b.plan.columns));
  const out = [[...PLAN_CSV_LEAD, ...columns.map((c) => `${columnHeader(c)} in EUR`)].join(';')];
  for (const { node, plan } of blocks)
    for (const line of plan.lines) {
      const byColumn = new Map(line.cells.map((c) => [columnKey(c.column), c]));
      out.push(
        [
          excelText(exportCode(node)),
          textField(node.name),
          PLAN_LABEL[plan.type],
          excelText(line.line),
          textField(lineLabel(plan, line)),
          isTotal(plan, line.line) ? 'Summe' : '',
          ...columns.map((c) => {
            const cell = byColumn.get(columnKey(c));
            return cell ? amountField(cell) : '';
          }),
        ].join(';'),
      );
    }
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
